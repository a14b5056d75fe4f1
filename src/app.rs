//! The shell: header, language switch and the page for the current hash route. On every route change the
//! page's main heading (or the linked section) gets the focus, so keyboard and screen-reader users land on
//! the new content.

use crate::i18n::Lang;
use crate::pages::{home::Home, not_found::NotFound, topic::TopicPage};
use crate::routes::Route;
use leptos::prelude::*;

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || listener.remove());

    let lang = RwSignal::new(Lang::Ru);
    provide_context(lang);
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
                <button
                    type="button"
                    class="lang"
                    lang=move || lang.get().other().strings().html_lang
                    aria-label=move || strings().switch_language_label
                    on:click=move |_| lang.update(|l| *l = l.other())
                >
                    {move || strings().switch_language}
                </button>
            </nav>
        </header>
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <Home /> }.into_any(),
                Route::Topic { slug, section } => view! { <TopicPage slug section /> }.into_any(),
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
    }
}

/// The UI language chosen in the header.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// Sets the document title and, after the page is in the DOM, focuses and scrolls to the element with
/// `target_id` (a section heading) or else the page's `h1`.
pub fn enter_page(title: String, target_id: Option<String>) {
    document().set_title(&title);
    request_animation_frame(move || {
        let doc = document();
        let target = target_id.and_then(|id| doc.get_element_by_id(&id)).or_else(|| doc.query_selector("main h1").ok().flatten());
        if let Some(element) = target {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
                element.scroll_into_view();
            }
        }
    });
}
