//! One module per screen. The home page is in the main wasm; every other page is a split point, and
//! `scripts/wasm-split.mjs` moves the code only split points use out of the main module. Split points are grouped
//! by the module named in `#[wasm_split(…)]`: each group's code becomes one file, and code that groups share a
//! chunk per set of groups sharing it. So a group per page made 106 files, 47 of them for the review, whose card
//! then came 100–380 ms later, and one group for all made the notes wait for every page's code (bench/README.md):
//! - `review`: the review, the daily path; its deep links compile its files beside the main module;
//! - `banner`: the interview day on home, so that a set interview does not bring other pages' code to home;
//! - `reader`: a topic's notes, a card's note and search, what a learner reads;
//! - `pages`: the rest, fetched the first time one of them opens.
//!
//! The service worker precaches them all, so this works offline too. Each page waits for the deck's skeleton
//! too, fetched alongside its code.

pub mod aloud;
pub mod home;
pub mod interview;
pub mod more;
pub mod not_found;
pub mod plan;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod search;
pub mod settings;
pub mod stats;
pub mod topic;

use crate::content::{skeleton_ready, use_content, LoadFailed, WithContent};
use crate::marks::{mark, PAGE_CODE};
use crate::page::use_lang;
use crate::routes::QuizLink;
use interview::InterviewPage;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use more::MorePage;
use plan::{InterviewBanner, PlanPage};
use progress::ProgressPage;
use quiz::{QuizPage, QuizSetupPage};
use review::ReviewPage;
use search::SearchPage;
use settings::SettingsPage;
use stats::StatsPage;
use std::future::Future;
use topic::{NotePage, TopicPage};

/// A split page's view once its chunk and the skeleton are here; until then a busy status, or the failure with
/// a retry button.
pub fn split_page<F: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static>(
    load: impl Fn() -> F + Send + Sync + 'static,
) -> AnyView {
    // Now rather than once the chunk is here: the two fetches overlap.
    use_content().want_skeleton();
    let attempt = RwSignal::new(0u32);
    let lang = use_lang();
    let view = move || {
        attempt.track();
        let page = load();
        Suspend::new(async move {
            page.await.unwrap_or_else(move |error| {
                let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
                view! { <LoadFailed message=|s| s.page_load_failed reason=error.to_string() retry /> }.into_any()
            })
        })
    };
    let loading = move || view! { <p class="loading" role="status" aria-busy="true">{lang.get().strings().loading_page}</p> };
    view! { <Suspense fallback=loading>{view}</Suspense> }.into_any()
}

/// Declares a page as a split point of the group `$group`: `$name(args)` loads the group's files, then renders
/// the page once the skeleton is here.
macro_rules! split_pages {
    ($($group:ident: $name:ident($($arg:ident: $ty:ty),*) => $page:ident;)*) => {$(
        #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            mark(PAGE_CODE);
            let page = move || {
                $(let $arg = $arg.clone();)*
                view! { <$page $($arg)* /> }
            };
            Ok(view! { <WithContent ready=skeleton_ready()>{page()}</WithContent> }.into_any())
        }
    )*};
}

split_pages! {
    review: review_page(topic: Option<String>, section: Option<String>, plan: bool) => ReviewPage;
    banner: interview_banner() => InterviewBanner;
    reader: topic_page(slug: String, section: Option<String>) => TopicPage;
    reader: note_page(anchor: String) => NotePage;
    reader: search_page(query: String) => SearchPage;
    pages: quiz_setup_page() => QuizSetupPage;
    pages: quiz_page(link: QuizLink) => QuizPage;
    pages: interview_page() => InterviewPage;
    pages: progress_page() => ProgressPage;
    pages: plan_page() => PlanPage;
    pages: stats_page() => StatsPage;
    pages: settings_page() => SettingsPage;
    pages: more_page() => MorePage;
}
