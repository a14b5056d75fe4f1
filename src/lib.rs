//! The browser edge of the trainer: components that render the embedded deck. The logic they use lives in
//! `trainer-core`; `routes` and `i18n` are pure and tested natively.

pub mod app;
pub mod at_hand;
pub mod content;
pub mod deck;
pub mod files;
pub mod i18n;
pub mod marks;
pub mod optimiser;
pub mod page;
pub mod pages;
pub mod prerendered;
pub mod pwa;
pub mod recordings;
pub mod routes;
pub mod share;
pub mod storage;
pub mod store;
pub mod theme;
