//! One module per screen. The home and review pages are in the main wasm; every other page is a split point:
//! `scripts/wasm-split.mjs` moves the code only it uses into a chunk of its own, fetched the first time the
//! page opens (the service worker precaches the chunks, so this works offline too). Each waits for the deck's
//! skeleton too, fetched alongside the chunk.

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
use crate::page::use_lang;
use crate::routes::QuizLink;
use interview::InterviewPage;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use more::MorePage;
use plan::{InterviewBanner, PlanPage};
use progress::ProgressPage;
use quiz::{QuizPage, QuizSetupPage};
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

/// Declares a page as a split point: `$name(args)` loads its chunk, then renders it once the skeleton is here.
macro_rules! split_pages {
    ($($name:ident($($arg:ident: $ty:ty),*) => $page:ident;)*) => {$(
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            let page = move || {
                $(let $arg = $arg.clone();)*
                view! { <$page $($arg)* /> }
            };
            Ok(view! { <WithContent ready=skeleton_ready()>{page()}</WithContent> }.into_any())
        }
    )*};
}

split_pages! {
    topic_page(slug: String, section: Option<String>) => TopicPage;
    note_page(anchor: String) => NotePage;
    quiz_setup_page() => QuizSetupPage;
    quiz_page(link: QuizLink) => QuizPage;
    interview_page() => InterviewPage;
    progress_page() => ProgressPage;
    plan_page() => PlanPage;
    interview_banner() => InterviewBanner;
    search_page(query: String) => SearchPage;
    stats_page() => StatsPage;
    settings_page() => SettingsPage;
    more_page() => MorePage;
}
