//! User-timing marks that `make bench` (bench/run.mjs) reads with `performance.getEntriesByName`; the app's
//! only instrumentation. Startup is navigation start → the first `card-shown`; grade latency is a
//! `grade-start` → the next `card-shown`; a search keystroke is its `input` event → the next `search-shown`.
//! Marks cost microseconds and are never read by the app itself.

/// A review card is in the DOM with its handlers attached: the learner can act on it.
pub const CARD_SHOWN: &str = "card-shown";
/// The learner has graded the card on screen (key or button).
pub const GRADE_START: &str = "grade-start";
/// The search results (list and status) for the latest query are in the DOM.
pub const SEARCH_SHOWN: &str = "search-shown";

pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
