//! One module per screen.

pub mod home;
pub mod interview;
pub mod not_found;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod topic;
