//! The shell: header, language switch and the page for the current hash route. On every route change the
//! page's main heading (or the linked section) gets the focus, so keyboard and screen-reader users land on
//! the new content.

use crate::files::{download, export_progress};
use crate::i18n::Lang;
use crate::page::{set_lang, use_lang};
use crate::pages::{self, home::Home, not_found::NotFound, review::ReviewPage, split_page};
use crate::pwa::Pwa;
use crate::routes::Route;
use crate::store::Store;
use crate::theme;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || listener.remove());

    let lang = RwSignal::new(crate::storage::load_lang().as_deref().and_then(Lang::from_code).unwrap_or(Lang::Ru));
    provide_context(lang);
    let store = Store::start();
    provide_context(store);
    provide_context(crate::content::Content::new());
    let pwa = Pwa::start();
    let theme = RwSignal::new(theme::load());
    provide_context(theme);
    theme::keep_applied(theme);
    let slash = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "/" && !(event.ctrl_key() || event.meta_key() || event.alt_key()) && !typing_in(&event) {
            event.prevent_default();
            open_search(&route.get_untracked());
        }
    });
    on_cleanup(move || slash.remove());
    Effect::new(move |_| {
        let lang_code = lang.get().strings().html_lang;
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang_code);
        }
    });

    let strings = move || lang.get().strings();
    view! {
        <header class="bar">
            <a class="brand" href="#/">{move || strings().app_name}</a>
            <nav aria-label=move || strings().main_nav>
                <a href="#/review">{move || strings().nav_review}</a>
                <a href="#/quiz">{move || strings().nav_quiz}</a>
                <a href="#/interview">{move || strings().nav_interview}</a>
                <a href="#/search" aria-keyshortcuts="/">{move || strings().nav_search}" "<kbd aria-hidden="true">"/"</kbd></a>
                <a href="#/stats">{move || strings().nav_stats}</a>
                <a href="#/progress">{move || strings().nav_progress}</a>
                <a href="#/settings">{move || strings().nav_settings}</a>
                <button
                    type="button"
                    class="lang"
                    lang=move || lang.get().other().strings().html_lang
                    aria-label=move || strings().switch_language_label
                    on:click=move |_| set_lang(lang, lang.get_untracked().other())
                >
                    {move || strings().switch_language}
                </button>
                {move || {
                    pwa.can_install()
                        .then(|| view! { <button type="button" class="install" on:click=move |_| pwa.install()>{strings().install_app}</button> })
                }}
            </nav>
        </header>
        <UpdateBanner pwa />
        <StorageBanners store />
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <Home /> }.into_any(),
                Route::Review { topic, section } => view! { <ReviewPage topic section /> }.into_any(),
                Route::PlanReview => view! { <ReviewPage topic=None section=None plan=true /> }.into_any(),
                Route::Plan => split_page(pages::plan_page),
                Route::Topic { slug, section } => split_page(move || pages::topic_page(slug.clone(), section.clone())),
                Route::Note { anchor } => split_page(move || pages::note_page(anchor.clone())),
                Route::QuizSetup => split_page(pages::quiz_setup_page),
                Route::Quiz(link) => split_page(move || pages::quiz_page(link.clone())),
                Route::Interview => split_page(pages::interview_page),
                Route::Progress => split_page(pages::progress_page),
                Route::Search { query } => split_page(move || pages::search_page(query.clone())),
                Route::Stats => split_page(pages::stats_page),
                Route::Settings => split_page(pages::settings_page),
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
    }
}

/// Offers a newer build, already stored for offline use; the page reloads into it only when the learner agrees.
/// The status region stays in the page so that screen readers announce the offer when it appears.
#[component]
fn UpdateBanner(pwa: Pwa) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div role="status">
            {move || {
                let s = lang.get().strings();
                pwa.update_waiting().then(|| {
                    view! {
                        <div class="banner">
                            <p>{s.update_ready}</p>
                            <button type="button" class="primary" on:click=move |_| pwa.accept_update()>{s.update_now}</button>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// Says when progress could not be read (offering the kept copy) or is not being saved.
#[component]
fn StorageBanners(store: Store) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = lang.get().strings();
        let unreadable = store.unreadable.get().map(|(reason, backup_key, raw)| {
            let save_copy = move |_| download(&format!("{backup_key}.json"), "application/json", &raw);
            view! {
                <div class="banner" role="alert">
                    <p>{s.unreadable_banner}" ("{reason.to_string()}")"</p>
                    <button type="button" on:click=save_copy>{s.download_backup}</button>
                </div>
            }
        });
        let memory_only = store.memory_only.get().then(|| {
            view! {
                <div class="banner" role="alert"><p>{s.memory_only_banner}" "<a href="#/progress">{s.nav_progress}</a></p></div>
            }
        });
        let nearly_full = (store.nearly_full() && !store.memory_only.get()).then(|| {
            let export = move |_| store.progress.with_untracked(export_progress);
            view! {
                <div class="banner" role="alert" id="storage-nearly-full">
                    <p>{s.nearly_full_banner}" "<a href="#/progress">{s.nav_progress}</a></p>
                    <button type="button" on:click=export>{s.export_progress}</button>
                </div>
            }
        });
        view! { {unreadable} {memory_only} {nearly_full} }
    }
}

/// Whether a key goes into a text field (where `/` is just a character).
fn typing_in(event: &web_sys::KeyboardEvent) -> bool {
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    target.is_some_and(|e| e.is_content_editable() || matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// `/`: the search page, or its field when it is open already.
fn open_search(route: &Route) {
    if matches!(route, Route::Search { .. }) {
        crate::pages::search::focus_field();
    } else {
        let _ = window().location().set_hash(&Route::Search { query: String::new() }.href());
    }
}
