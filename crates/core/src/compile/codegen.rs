//! Writes a compiled [`Deck`]'s outline as Rust source (one `static OUTLINE` of plain literals that the app
//! `include!`s, so home costs nothing to start) and its skeleton, HTML and search index as files the app fetches.

use crate::model::{Deck, LooseId, Outline, TopicOutline};
use crate::search::SearchIndex;
use std::fmt::Write;

/// Rust source defining `pub static OUTLINE: Outline`, to be included where the model types are in scope.
pub fn outline_to_rust(outline: &Outline) -> String {
    let mut out = String::from("pub static OUTLINE: Outline = ");
    outline.write_rust(&mut out);
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

struct_to_rust!(Outline { topics, loose });
struct_to_rust!(TopicOutline { slug, title, focus, sections, cards, quizzes });
struct_to_rust!(LooseId { id, topic, section });

/// The files the app fetches when a page needs them: one JSON array of HTML strings per topic (in
/// [`Deck::topic_html`]'s order), the search index and the skeleton ([`Deck::skeleton_bytes`]). Each
/// name carries a hash of its bytes, so caches may keep it forever; `rust` names them for the app
/// (`TOPIC_HTML_FILES`, `SEARCH_INDEX_FILE`, `SKELETON_FILE`).
pub struct DataFiles {
    /// (path under the site's folder, contents)
    pub files: Vec<(String, Vec<u8>)>,
    pub rust: String,
}

pub fn data_files(deck: &Deck, index: &SearchIndex) -> DataFiles {
    let mut files: Vec<(String, Vec<u8>)> = deck
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| {
            let json = serde_json::to_string(&deck.topic_html(t)).expect("strings serialise");
            (hashed_name(topic.slug, "json", json.as_bytes()), json.into_bytes())
        })
        .collect();
    let index_json = index.to_json();
    files.push((hashed_name("search-index", "json", index_json.as_bytes()), index_json.into_bytes()));
    let skeleton = deck.skeleton_bytes();
    files.push((hashed_name("skeleton", "bin", &skeleton), skeleton));
    let (topics, rest) = files.split_at(deck.topics.len());
    let names: Vec<&str> = topics.iter().map(|(name, _)| name.as_str()).collect();
    let mut rust = String::from("pub static TOPIC_HTML_FILES: &[&str] = ");
    names.as_slice().write_rust(&mut rust);
    rust.push_str(";\npub static SEARCH_INDEX_FILE: &str = ");
    rest[0].0.as_str().write_rust(&mut rust);
    rust.push_str(";\npub static SKELETON_FILE: &str = ");
    rest[1].0.as_str().write_rust(&mut rust);
    rust.push_str(";\n");
    DataFiles { files, rust }
}

/// `deck/STEM-HASH.EXTENSION`: 16 hex digits, the form the service worker treats as immutable.
fn hashed_name(stem: &str, extension: &str, contents: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    contents.hash(&mut hasher);
    format!("deck/{stem}-{:016x}.{extension}", hasher.finish())
}
