//! The deck compiled from `notes/` by `build.rs`, and its search index, embedded as static data.

pub use trainer_core::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};
pub use trainer_core::search::{SearchDoc, SearchIndex};

include!(concat!(env!("OUT_DIR"), "/deck.rs"));
