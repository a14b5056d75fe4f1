//! User-timing marks that `make bench` (bench/run.mjs) reads with `performance.getEntriesByName`; the app's
//! only instrumentation. Startup is navigation start → the first card visible (`card-painted`, marked by
//! index.html's script when it draws the card before the app, else `card-shown`), broken down by the steps
//! below (and the loader's `wasm-compiled`, marked by the inline script scripts/wasm-split.mjs writes); grade
//! latency is a `grade-start` → the next `card-shown`; a search keystroke is its `input` event → the next
//! `search-shown`. Marks cost microseconds and are never read by the app itself.

/// `main` has begun: the module is instantiated (wasm-bindgen runs `main` right after).
pub const WASM_INSTANTIATED: &str = "wasm-instantiated";
/// The shell and the route's page are mounted in the DOM (a page waiting for content shows its status).
pub const APP_MOUNTED: &str = "app-mounted";
/// A split page's code has arrived and runs (src/pages.rs): the first is the route's page.
pub const PAGE_CODE: &str = "page-code";
/// A fetched topic's HTML is in the deck: the first such mark is the content the first page waited for.
pub const CONTENT_READY: &str = "content-ready";
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
