//! The shell: header, language switch and the page for the current hash route. On every route change the
//! page's main heading (or the linked section) gets the focus, so keyboard and screen-reader users land on
//! the new content.

use crate::files::{download, export_progress};
use crate::i18n::Lang;
use crate::page::{set_lang, use_lang};
use crate::pages::{self, home::Home, not_found::NotFound, split_page};
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
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
        // An early review card belongs to `#/review`: another route draws the app at once.
        crate::prerendered::take_over();
    });
    on_cleanup(move || listener.remove());

    let lang = RwSignal::new(crate::storage::load_lang().as_deref().and_then(Lang::from_code).unwrap_or(Lang::Ru));
    provide_context(lang);
    let store = Store::start();
    provide_context(store);
    provide_context(crate::content::Content::new());
    let pwa = Pwa::start();
    provide_context(pwa);
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
            <nav class="links" aria-label=move || strings().main_nav>
                {move || {
                    let s = strings();
                    let here = route.get().destination();
                    [
                        ("#/review", s.nav_review),
                        ("#/quiz", s.nav_quiz),
                        ("#/interview", s.nav_interview),
                        ("#/search", s.nav_search),
                        ("#/stats", s.nav_stats),
                        ("#/progress", s.nav_progress),
                        ("#/settings", s.nav_settings),
                    ]
                    .into_iter()
                    .map(|(href, label)| {
                        let current = (href == here).then_some("page");
                        let search = href == "#/search";
                        let shortcut = search.then(|| view! { " "<kbd aria-hidden="true">"/"</kbd> });
                        view! { <a href=href aria-current=current aria-keyshortcuts=search.then_some("/")>{label}{shortcut}</a> }
                    })
                    .collect_view()
                }}
            </nav>
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
        </header>
        <UpdateBanner pwa />
        <StorageBanners store />
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <Home /> }.into_any(),
                Route::Review { topic, section } => split_page(move || pages::review_page(topic.clone(), section.clone(), false)),
                Route::PlanReview => split_page(|| pages::review_page(None, None, true)),
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
                Route::More => split_page(pages::more_page),
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
        <TabBar route />
    }
}

/// On phones, the main destinations at the bottom within reach of a thumb (the header's links are hidden there;
/// `public/app.css`). A review gives the whole screen to the card and its buttons, so the bar steps aside.
#[component]
fn TabBar(route: RwSignal<Route>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let route = route.get();
        if matches!(route, Route::Review { .. } | Route::PlanReview) {
            return None;
        }
        let s = lang.get().strings();
        let here = match route.destination() {
            "#/stats" | "#/progress" | "#/settings" => "#/more",
            other => other,
        };
        let tabs = [
            ("#/review", s.tab_review, ICON_CARDS),
            ("#/quiz", s.tab_quiz, ICON_QUIZ),
            ("#/interview", s.tab_interview, ICON_INTERVIEW),
            ("#/search", s.tab_search, ICON_SEARCH),
            ("#/more", s.tab_more, ICON_MORE),
        ];
        Some(view! {
            <nav class="tabs" aria-label=s.main_nav>
                {tabs.into_iter().map(|(href, label, icon)| view! {
                    <a href=href aria-current=(href == here).then_some("page")>
                        <svg viewBox="0 0 24 24" aria-hidden="true" inner_html=icon></svg>
                        <span>{label}</span>
                    </a>
                }).collect_view()}
            </nav>
        })
    }
}

// The tab bar's icons: strokes in `currentColor`, so they follow the theme and the current tab's colour.
const ICON_CARDS: &str = r#"<rect x="3" y="6" width="14" height="14" rx="2"/><path d="M7 3h12a2 2 0 0 1 2 2v12"/>"#;
const ICON_QUIZ: &str = r#"<path d="M4 6l2 2 3-3M4 13l2 2 3-3M12 7h8M12 14h8M4 20h16"/>"#;
const ICON_INTERVIEW: &str = r#"<path d="M4 5h16v11H9l-5 4z"/><path d="M8 9h8M8 12h5"/>"#;
const ICON_SEARCH: &str = r#"<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>"#;
const ICON_MORE: &str = r#"<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="19" cy="12" r="1.5"/>"#;

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
