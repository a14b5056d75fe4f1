//! Writes a compiled [`Deck`] as Rust source: one `static DECK` of plain literals that the app `include!`s,
//! so start-up costs nothing.

use crate::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};
use crate::search::{SearchDoc, SearchIndex};
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

/// Rust source defining `pub static SEARCH: SearchIndex`; the postings are one byte-string literal.
pub fn search_index_to_rust(index: &SearchIndex) -> String {
    let mut out = String::from("pub static SEARCH: SearchIndex = SearchIndex{docs:");
    index.docs.write_rust(&mut out);
    out.push_str(",terms:");
    index.terms.write_rust(&mut out);
    out.push_str(",term_starts:");
    index.term_starts.write_rust(&mut out);
    out.push_str(",postings:b\"");
    for byte in index.postings {
        write!(out, "\\x{byte:02x}").expect("writing to a String");
    }
    out.push_str("\",posting_starts:");
    index.posting_starts.write_rust(&mut out);
    out.push_str("};\n");
    out
}

impl ToRust for SearchDoc {
    fn write_rust(&self, out: &mut String) {
        let written = match self {
            SearchDoc::Section { topic, section } => write!(out, "SearchDoc::Section{{topic:{topic},section:{section}}}"),
            SearchDoc::Card(card) => write!(out, "SearchDoc::Card({card})"),
            SearchDoc::Quiz(quiz) => write!(out, "SearchDoc::Quiz({quiz})"),
        };
        written.expect("writing to a String");
    }
}
