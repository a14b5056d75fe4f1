//! One module per screen.

pub mod home;
pub mod interview;
pub mod not_found;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod search;
pub mod settings;
pub mod stats;
pub mod topic;
