//! The deck compiled from `notes/` by `build.rs`: its outline as static data (`OUTLINE`: what home shows) and
//! the names of the files that hold its skeleton, each topic's HTML and the search index (see `content.rs`).

pub use trainer_core::model::{Block, Card, Deck, LooseId, Outline, QuizItem, QuizOption, Section, Topic, TopicOutline};

include!(concat!(env!("OUT_DIR"), "/deck.rs"));
