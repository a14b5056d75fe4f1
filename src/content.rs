//! The deck's skeleton, HTML and search index, fetched when a page first needs them (the wasm holds only the
//! outline home shows, so the first load stays small). The service worker precaches the files, so this works
//! offline too. Every page but home waits for the skeleton ([`skeleton_ready`]); when the address opens another
//! page, `index.html`'s inline script has fetched it already (`window.skeletonBytes`, a promise of its bytes),
//! so it arrives with the main module rather than after it.
//! The first request is followed by a background fetch of every other topic: the deck is rebuilt about twice a
//! session, and moving between pages seldom waits. A failed fetch is reported with a retry button.

use crate::deck::{Deck, OUTLINE, SEARCH_INDEX_FILE, SKELETON_FILE, TOPIC_HTML_FILES};
use crate::i18n::Strings;
use crate::marks::{mark, CONTENT_READY};
use crate::page::use_lang;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::{Cell, RefCell};
use trainer_core::search::SearchIndex;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The skeleton with the HTML of every topic fetched so far, once the skeleton is here. Each value is
    /// leaked, so a `Deck` taken from here stays valid for the app's life.
    static CURRENT: Cell<Option<Deck>> = const { Cell::new(None) };
    static FETCHES: RefCell<Fetches> = RefCell::new(Fetches {
        skeleton: Fetch::NotYet,
        topics: vec![Fetch::NotYet; TOPIC_HTML_FILES.len()],
        index: Fetch::NotYet,
    });
}

/// A file's fetch, holding what it gave once done (the topics' HTML lives in `CURRENT` instead).
#[derive(Clone, Copy)]
enum Fetch<T = ()> {
    NotYet,
    Started,
    Done(T),
}

impl<T> Fetch<T> {
    /// Marks a fetch that has not begun as started; whether it was one.
    fn start(&mut self) -> bool {
        let not_yet = matches!(self, Fetch::NotYet);
        if not_yet {
            *self = Fetch::Started;
        }
        not_yet
    }
}

struct Fetches {
    skeleton: Fetch,
    topics: Vec<Fetch>,
    index: Fetch<SearchIndex>,
}

/// The deck as far as it is fetched: the whole skeleton, and the HTML of the topics a ready [`WithContent`]
/// has waited for. Only for what renders once the skeleton is here (inside [`skeleton_ready`]'s
/// [`WithContent`]: every split page, the review).
pub fn deck() -> Deck {
    CURRENT.with(Cell::get).expect("read only once the skeleton is here")
}

/// Context: a change counter that wakes the pages waiting for content, and the last failure.
#[derive(Clone, Copy)]
pub struct Content {
    changes: RwSignal<u32>,
    failure: RwSignal<Option<String>>,
}

pub fn use_content() -> Content {
    expect_context::<Content>()
}

impl Content {
    pub fn new() -> Content {
        Content { changes: RwSignal::new(0), failure: RwSignal::new(None) }
    }

    /// Starts the skeleton's fetch unless it has begun (or failed: then the learner's retry starts it).
    pub fn want_skeleton(self) {
        let failed = self.failure.with_untracked(Option::is_some);
        if !failed && FETCHES.with_borrow_mut(|f| f.skeleton.start()) {
            leptos::task::spawn_local(self.fetch_skeleton());
        }
    }

    /// Whether the skeleton is here; starts its fetch. Tracks the changes.
    pub fn has_skeleton(self) -> bool {
        self.changes.track();
        self.want_skeleton();
        FETCHES.with_borrow(|f| matches!(f.skeleton, Fetch::Done(())))
    }

    /// Whether the skeleton and every topic of `topics` has its HTML; starts what is missing. Tracks the
    /// changes.
    pub fn has_topics(self, topics: &[usize]) -> bool {
        if !self.has_skeleton() {
            return false;
        }
        // After a failure nothing is fetched again until the learner asks (`retry`).
        let failed = self.failure.with_untracked(Option::is_some);
        let missing: Vec<usize> = match failed {
            true => Vec::new(),
            false => FETCHES.with_borrow_mut(|f| topics.iter().copied().filter(|&t| f.topics[t].start()).collect()),
        };
        if !missing.is_empty() {
            leptos::task::spawn_local(self.fetch_topics(missing));
        }
        topics.iter().all(|&t| has_html(t))
    }

    /// The search index once it is here (it holds its own text, so no topic is needed); starts the fetch.
    /// Tracks the changes.
    pub fn search_index(self) -> Option<SearchIndex> {
        self.changes.track();
        let failed = self.failure.with_untracked(Option::is_some);
        if !failed && FETCHES.with_borrow_mut(|f| f.index.start()) {
            leptos::task::spawn_local(self.fetch_index());
        }
        FETCHES.with_borrow(|f| match f.index {
            Fetch::Done(index) => Some(index),
            Fetch::NotYet | Fetch::Started => None,
        })
    }

    /// The last fetch that failed, with its reason.
    pub fn failure(self) -> Option<String> {
        self.failure.get()
    }

    /// Forgets the failure so the waiting pages ask again.
    pub fn retry(self) {
        self.failure.set(None);
        self.changes.update(|c| *c += 1);
    }

    async fn fetch_skeleton(self) {
        let fetched = match fetched_by_the_page() {
            Some(bytes) => {
                JsFuture::from(bytes).await.map(|bytes| js_sys::Uint8Array::new(&bytes).to_vec()).map_err(failed(SKELETON_FILE))
            }
            None => bytes_of(start_fetch(SKELETON_FILE)).await,
        };
        let fetched = fetched.and_then(|bytes| {
            let skeleton = Deck::from_skeleton_bytes(&bytes).map_err(|error| format!("{SKELETON_FILE}: {error}"))?;
            // A skeleton of another build would misplace every card.
            match skeleton.outline() == OUTLINE {
                true => Ok(skeleton),
                false => Err(format!("{SKELETON_FILE}: does not fit this build")),
            }
        });
        match fetched {
            Ok(skeleton) => {
                CURRENT.with(|current| current.set(Some(skeleton)));
                FETCHES.with_borrow_mut(|f| f.skeleton = Fetch::Done(()));
            }
            Err(reason) => {
                FETCHES.with_borrow_mut(|f| f.skeleton = Fetch::NotYet);
                self.failure.set(Some(reason));
            }
        }
        self.changes.update(|c| *c += 1);
    }

    async fn fetch_topics(self, topics: Vec<usize>) {
        let first = FETCHES.with_borrow(|f| f.topics.iter().all(|state| !matches!(state, Fetch::Done(()))));
        let pending: Vec<_> = topics.iter().map(|&t| (t, start_fetch(TOPIC_HTML_FILES[t]))).collect();
        let mut batch = Vec::new();
        let mut failure = None;
        for (topic, response) in pending {
            match text_of(response).await.and_then(|text| parse_html_list(TOPIC_HTML_FILES[topic], &text)) {
                Ok(html) => batch.push((topic, html)),
                Err(reason) => failure = Some(reason),
            }
        }
        let rebuilt = match failure {
            Some(reason) => Err(reason),
            None => deck().with_html(&batch),
        };
        let fetched = rebuilt.is_ok();
        FETCHES.with_borrow_mut(|f| {
            topics.iter().for_each(|&t| f.topics[t] = if fetched { Fetch::Done(()) } else { Fetch::NotYet })
        });
        match rebuilt {
            Ok(rebuilt) => {
                CURRENT.with(|current| current.set(Some(rebuilt)));
                mark(CONTENT_READY);
            }
            Err(reason) => self.failure.set(Some(reason)),
        }
        self.changes.update(|c| *c += 1);
        if first && fetched {
            // After the next frame: starting fourteen requests takes the browser 7–20 ms here, which would
            // otherwise come before the page that waited for this topic is drawn.
            self.fetch_after_frame(every_topic());
        }
    }

    /// Starts fetching `topics` once the next frame is drawn, so the page on screen is drawn first.
    pub fn fetch_after_frame(self, topics: Vec<usize>) {
        let fetch = move || {
            self.has_topics(&topics);
        };
        request_animation_frame(move || set_timeout(fetch, std::time::Duration::ZERO));
    }

    async fn fetch_index(self) {
        let fetched = text_of(start_fetch(SEARCH_INDEX_FILE)).await;
        match fetched.and_then(|text| SearchIndex::from_json(&text, &deck()).map_err(|e| format!("{SEARCH_INDEX_FILE}: {e}"))) {
            Ok(index) => FETCHES.with_borrow_mut(|f| f.index = Fetch::Done(index)),
            Err(reason) => {
                FETCHES.with_borrow_mut(|f| f.index = Fetch::NotYet);
                self.failure.set(Some(reason));
            }
        }
        self.changes.update(|c| *c += 1);
    }
}

/// The skeleton's bytes as `index.html` started fetching them, once: a retry fetches anew.
fn fetched_by_the_page() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let bytes = js_sys::Reflect::get(&window, &"skeletonBytes".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    js_sys::Reflect::delete_property(&window, &"skeletonBytes".into()).ok()?;
    Some(bytes)
}

/// A failed fetch's reason, named by its file.
fn failed(file: &'static str) -> impl Fn(JsValue) -> String {
    move |error: JsValue| {
        format!(
            "{file}: {}",
            error.as_string().or_else(|| js_sys::JSON::stringify(&error).ok().and_then(|s| s.as_string())).unwrap_or_default()
        )
    }
}

fn start_fetch(file: &'static str) -> (&'static str, js_sys::Promise) {
    (file, web_sys::window().expect("a window").fetch_with_str(file))
}

async fn bytes_of((file, response): (&'static str, js_sys::Promise)) -> Result<Vec<u8>, String> {
    let failed = failed(file);
    let response: web_sys::Response = JsFuture::from(response).await.map_err(&failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("{file}: HTTP {}", response.status()));
    }
    // Bytes rather than `text()`: a JS string of a multi-megabyte file would be garbage the collector
    // then stops to clear, in the middle of the learner's typing.
    let bytes = JsFuture::from(response.array_buffer().map_err(&failed)?).await.map_err(&failed)?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

async fn text_of(fetch: (&'static str, js_sys::Promise)) -> Result<String, String> {
    let file = fetch.0;
    String::from_utf8(bytes_of(fetch).await?).map_err(|_| format!("{file}: not UTF-8 text"))
}

/// One topic's file: a JSON array of HTML strings, leaked to live as long as the deck that points into them.
fn parse_html_list(file: &str, text: &str) -> Result<Vec<&'static str>, String> {
    let html: Vec<String> = serde_json::from_str(text).map_err(|error| format!("{file}: {error}"))?;
    Ok(html.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect())
}

/// Whether the HTML of `topic` is in [`deck`] (untracked).
pub fn has_html(topic: usize) -> bool {
    FETCHES.with_borrow(|f| matches!(f.topics[topic], Fetch::Done(())))
}

/// Every topic's index, for pages that may show any card (the interview, the weak-spots quiz, progress).
pub fn every_topic() -> Vec<usize> {
    (0..TOPIC_HTML_FILES.len()).collect()
}

/// Whether the skeleton is here, as a memo that turns true once (and starts the fetch).
pub fn skeleton_ready() -> Memo<bool> {
    let content = use_content();
    Memo::new(move |_| content.has_skeleton())
}

/// Whether the skeleton and the HTML of `topics` are here, as a memo that turns true once (and starts the
/// fetches).
pub fn topics_ready(topics: Vec<usize>) -> Memo<bool> {
    let content = use_content();
    Memo::new(move |_| content.has_topics(&topics))
}

/// Renders `children` once `ready` (see [`topics_ready`]); until then a busy status, or the failure with a
/// retry button. Inside, [`deck`] has the awaited HTML.
#[component]
pub fn WithContent(ready: Memo<bool>, children: ChildrenFn) -> impl IntoView {
    let content = use_content();
    view! { <Show when=move || ready.get() fallback=move || view! { <Waiting content /> }>{children()}</Show> }
}

/// The status shown while content is on its way.
#[component]
pub fn Waiting(content: Content) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = lang.get().strings();
        match content.failure() {
            Some(reason) => {
                view! { <LoadFailed message=|s| s.load_failed reason retry=Callback::new(move |()| content.retry()) /> }
                    .into_any()
            }
            None => view! { <p class="loading" role="status" aria-busy="true">{s.loading_notes}</p> }.into_any(),
        }
    }
}

/// What could not be loaded (`message`, in the UI language) and why, with a button that tries again.
#[component]
pub fn LoadFailed(message: fn(&Strings) -> &'static str, reason: String, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    // Not behind an early review card: the failure is what the page has to say.
    crate::prerendered::take_over();
    view! {
        <div class="load-failed" role="alert">
            <p>{move || message(lang.get().strings())}</p>
            <p><code>{reason}</code></p>
            <button type="button" on:click=move |_| retry.run(())>{move || lang.get().strings().retry}</button>
        </div>
    }
}
