//! The deck compiled from `notes/` by `build.rs`: its skeleton as static data (`DECK`, every HTML string
//! empty) and the names of the files that hold each topic's HTML and the search index (see `content.rs`).

pub use trainer_core::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};

include!(concat!(env!("OUT_DIR"), "/deck.rs"));
