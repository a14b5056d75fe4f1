//! The optimiser's side of the worker (`public/optimiser-worker.js`): the review log in, a fit and the
//! expected workloads out, as JSON. Built into a module of its own by `scripts/optimiser-build.mjs`, so the
//! app's main module carries none of the optimiser and the page never runs it on its own thread.

use trainer_core::fit::{History, Step};
use trainer_core::progress::{ReviewEntry, Settings};
use wasm_bindgen::prelude::*;

/// Fits parameters to `log` (the progress document's review log as JSON) at time `now` (ms). `step` is called
/// with "defaults", "fitting" and "evaluating" as each phase starts. Returns the fit as JSON, or `null` when
/// the log is not enough or the crate refuses it.
#[wasm_bindgen]
pub fn fit(log: &str, now: f64, step: &js_sys::Function) -> String {
    let Ok(log) = serde_json::from_str::<Vec<ReviewEntry>>(log) else { return "null".into() };
    let history = History::from_log(&log);
    let fit = history.fit_and_evaluate(now as i64, |phase| {
        let name = match phase {
            Step::Defaults => "defaults",
            Step::Fitting => "fitting",
            Step::Evaluating => "evaluating",
        };
        // A failed call (the page went away) only loses a progress message.
        let _ = step.call1(&JsValue::NULL, &JsValue::from_str(name));
    });
    serde_json::to_string(&fit).expect("a fit serialises")
}

/// `[[retention, reviews a day], …]` for `cards` cards with `settings` (JSON) and `parameters` (JSON list;
/// empty for the defaults).
#[wasm_bindgen]
pub fn workload(settings: &str, parameters: &str, cards: u32) -> String {
    let settings: Settings = serde_json::from_str(settings).unwrap_or_default();
    let parameters: Vec<f32> = serde_json::from_str(parameters).unwrap_or_default();
    let parameters = if parameters.is_empty() { trainer_core::scheduler::DEFAULT_PARAMETERS.to_vec() } else { parameters };
    serde_json::to_string(&trainer_core::fit::workload(&settings, &parameters, cards as usize)).expect("numbers serialise")
}
