//! The only code that talks to the optimiser's Web Worker (`public/optimiser-worker.js`, built into
//! `optimiser-<hash>/` by `scripts/optimiser-build.mjs`, which names it in `<meta name="optimiser">`). The
//! worker is started on the learner's word, so its module is fetched only then. One job runs at a time; its
//! state lives for the session, so a fit started on the settings page goes on while the learner reviews, and
//! the result waits there. Cancelling terminates the worker.

use leptos::prelude::*;
use std::cell::RefCell;
use trainer_core::progress::Fit;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    Idle,
    /// The module is loading (no step reported yet), then steps 0–2 (defaults, fitting, evaluating).
    Fitting(Option<usize>),
    Fitted(Fit),
    /// The crate found too little to fit.
    Refused,
    Cancelled,
    Estimating,
    /// `(retention, reviews a day)` at each retention compared.
    Workload(Vec<(f32, f32)>),
    Failed(String),
}

thread_local! {
    static WORKER: RefCell<Option<(Worker, Closure<dyn FnMut(MessageEvent)>)>> = const { RefCell::new(None) };
    // Reference-counted, not in a page's arena: it outlives the page that started the job.
    static JOB: ArcRwSignal<Job> = ArcRwSignal::new(Job::Idle);
}

/// The current job, for the page to render.
pub fn job() -> ArcRwSignal<Job> {
    JOB.with(Clone::clone)
}

/// Fits parameters to `log_json` (the review log as JSON).
pub fn fit(log_json: String) {
    post(Job::Fitting(None), |message| {
        set(message, "kind", "fit".into());
        set(message, "log", log_json.into());
        set(message, "now", js_sys::Date::now().into());
    });
}

/// Simulates the daily workload of `cards` cards at a few retentions with `settings_json` and `parameters_json`.
pub fn estimate_workload(settings_json: String, parameters_json: String, cards: usize) {
    post(Job::Estimating, |message| {
        set(message, "kind", "workload".into());
        set(message, "settings", settings_json.into());
        set(message, "parameters", parameters_json.into());
        set(message, "cards", (cards as f64).into());
    });
}

/// Stops the job in progress, if any.
pub fn cancel() {
    stop();
    job().set(Job::Cancelled);
}

/// Terminates the worker; its message handler stays until the next job replaces it, as `stop` also runs
/// inside that handler.
fn stop() {
    WORKER.with(|w| w.borrow().as_ref().map(|(worker, _)| worker.terminate()));
}

fn set(message: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(message, &key.into(), &value);
}

fn post(starting: Job, fill: impl FnOnce(&js_sys::Object)) {
    stop();
    let worker = match start() {
        Ok(worker) => worker,
        Err(reason) => return job().set(Job::Failed(reason)),
    };
    let message = js_sys::Object::new();
    fill(&message);
    job().set(starting);
    if let Err(error) = worker.post_message(&message) {
        job().set(Job::Failed(format!("{error:?}")));
    }
}

fn start() -> Result<Worker, String> {
    let url = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=optimiser]").ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|url| !url.is_empty())
        .ok_or("this build has no optimiser")?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options).map_err(|e| format!("{e:?}"))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        let field = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let next = match field("kind").as_str() {
            "step" => Job::Fitting(["defaults", "fitting", "evaluating"].iter().position(|s| *s == field("step"))),
            "fit" => serde_json::from_str::<Option<Fit>>(&field("fit")).ok().flatten().map_or(Job::Refused, Job::Fitted),
            "workload" => serde_json::from_str(&field("workload")).map_or_else(|e| Job::Failed(e.to_string()), Job::Workload),
            _ => Job::Failed(field("reason")),
        };
        if !matches!(next, Job::Fitting(_)) {
            stop();
        }
        job().set(next);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::once_into_js(|event: web_sys::Event| {
        stop();
        job().set(Job::Failed(event.type_()));
    });
    worker.set_onerror(Some(on_error.unchecked_ref()));
    WORKER.with(|w| *w.borrow_mut() = Some((worker.clone(), on_message)));
    Ok(worker)
}
