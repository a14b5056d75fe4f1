//! The deck compiled from `notes/` by `build.rs`, embedded as static data.

pub use trainer_core::model::{Block, Card, Deck, QuizItem, QuizOption, Section, Topic};

include!(concat!(env!("OUT_DIR"), "/deck.rs"));
