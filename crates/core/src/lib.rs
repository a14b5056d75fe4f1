//! Pure core of the interview trainer. It knows nothing of the browser: the deck model here is shared by the
//! build-time notes compiler (feature `compile`) and the wasm app, which embeds the compiled deck as static data.

pub mod anki;
pub mod answer;
pub mod fit;
pub mod html;
pub mod interview;
pub mod mastery;
pub mod model;
pub mod plan;
pub mod progress;
pub mod quiz;
pub mod recordings;
pub mod review;
pub mod scheduler;
pub mod search;
pub mod stats;
pub mod storage_layout;
pub mod varint;

#[cfg(feature = "compile")]
pub mod compile;
