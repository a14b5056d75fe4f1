//! Writes a compiled [`Deck`]'s skeleton as Rust source (one `static DECK` of plain literals that the app
//! `include!`s, so start-up costs nothing) and its HTML and search index as files the app fetches.

use crate::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};
use crate::search::SearchIndex;
use std::fmt::Write;

/// Rust source defining `pub static DECK: Deck`, to be included where the model types are in scope.
pub fn deck_to_rust(deck: &Deck) -> String {
    let mut out = String::from("pub static DECK: Deck = ");
    deck.write_rust(&mut out);
    out.push_str(";\n");
    out
}

trait ToRust {
    fn write_rust(&self, out: &mut String);
}

impl ToRust for &str {
    fn write_rust(&self, out: &mut String) {
        // Debug formatting of a str is a valid Rust string literal.
        write!(out, "{self:?}").expect("writing to a String");
    }
}

impl ToRust for bool {
    fn write_rust(&self, out: &mut String) {
        write!(out, "{self}").expect("writing to a String");
    }
}

impl ToRust for u32 {
    fn write_rust(&self, out: &mut String) {
        write!(out, "{self}").expect("writing to a String");
    }
}

impl<T: ToRust> ToRust for &[T] {
    fn write_rust(&self, out: &mut String) {
        out.push_str("&[");
        for item in self.iter() {
            item.write_rust(out);
            out.push(',');
        }
        out.push(']');
    }
}

/// `ToRust` for a struct literal: every field written as `name: value`.
macro_rules! struct_to_rust {
    ($ty:ident { $($field:ident),* }) => {
        impl ToRust for $ty {
            fn write_rust(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), "{"));
                $(
                    out.push_str(concat!(stringify!($field), ":"));
                    self.$field.write_rust(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}

struct_to_rust!(Deck { topics, cards, quizzes });
struct_to_rust!(Topic { slug, title, focus, sections });
struct_to_rust!(Section { slug, title, blocks });
struct_to_rust!(Card { id, topic, section, question, answer, reversed, term, line });
struct_to_rust!(QuizItem { id, topic, section, question, options, explanation, line });
struct_to_rust!(QuizOption { html, correct });

impl ToRust for Block {
    fn write_rust(&self, out: &mut String) {
        match self {
            Block::Prose(html) => {
                out.push_str("Block::Prose(");
                html.write_rust(out);
                out.push(')');
            }
            Block::Subheading { slug, title } => {
                out.push_str("Block::Subheading{slug:");
                slug.write_rust(out);
                out.push_str(",title:");
                title.write_rust(out);
                out.push('}');
            }
            Block::Card(index) => write!(out, "Block::Card({index})").expect("writing to a String"),
            Block::Quiz(index) => write!(out, "Block::Quiz({index})").expect("writing to a String"),
        }
    }
}

/// The files the app fetches when a page needs them: one JSON array of HTML strings per topic (in
/// [`Deck::topic_html`]'s order) and the search index. Each name carries a hash of its bytes, so caches may
/// keep it forever; `rust` names them for the app (`TOPIC_HTML_FILES`, `SEARCH_INDEX_FILE`).
pub struct DataFiles {
    /// (path under the site's folder, contents)
    pub files: Vec<(String, String)>,
    pub rust: String,
}

pub fn data_files(deck: &Deck, index: &SearchIndex) -> DataFiles {
    let mut files: Vec<(String, String)> = deck
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| {
            let json = serde_json::to_string(&deck.topic_html(t)).expect("strings serialise");
            (hashed_name(topic.slug, &json), json)
        })
        .collect();
    let index_json = index.to_json();
    files.push((hashed_name("search-index", &index_json), index_json));
    let (topics, search) = files.split_at(deck.topics.len());
    let names: Vec<&str> = topics.iter().map(|(name, _)| name.as_str()).collect();
    let mut rust = String::from("pub static TOPIC_HTML_FILES: &[&str] = ");
    names.as_slice().write_rust(&mut rust);
    rust.push_str(";\npub static SEARCH_INDEX_FILE: &str = ");
    search[0].0.as_str().write_rust(&mut rust);
    rust.push_str(";\n");
    DataFiles { files, rust }
}

/// `deck/STEM-HASH.json`: 16 hex digits, the form the service worker treats as immutable.
fn hashed_name(stem: &str, contents: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    contents.hash(&mut hasher);
    format!("deck/{stem}-{:016x}.json", hasher.finish())
}
