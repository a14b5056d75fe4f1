//! Writes a compiled [`Deck`] as Rust source: one `static DECK` of plain literals that the app `include!`s,
//! so start-up costs nothing.

use crate::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};
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
