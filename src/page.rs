//! What the shell and the pages share: the UI language and theme from context, local times in that language,
//! and entering a page (title and focus). It sits below both, so the pages never import the shell.

use crate::i18n::Lang;
use crate::theme::Theme;
use leptos::prelude::*;

/// The UI language chosen in the header or the settings.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A local date and time in the UI language.
pub fn local_time(ms: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    date.to_locale_string(lang.strings().html_lang, &wasm_bindgen::JsValue::UNDEFINED).into()
}

/// Switches the UI language and remembers the choice.
pub fn set_lang(lang: RwSignal<Lang>, to: Lang) {
    lang.set(to);
    crate::storage::save_lang(to.strings().html_lang);
}

pub fn use_theme() -> RwSignal<Theme> {
    expect_context::<RwSignal<Theme>>()
}

/// Sets the document title and, once the page is in the DOM, moves the focus to the element with
/// `target_id` (a section heading, scrolled into view) or else to the page's `h1` at the top of the page.
pub fn enter_page(title: String, target_id: Option<String>) {
    use leptos::wasm_bindgen::JsCast;
    document().set_title(&title);
    request_animation_frame(move || {
        let doc = document();
        let section = target_id.and_then(|id| doc.get_element_by_id(&id));
        // `#main`: the app's own, not a prerendered copy's (src/prerendered.rs).
        let heading = || doc.query_selector("#main h1").ok().flatten();
        let Some(element) = section.clone().or_else(heading).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
            return;
        };
        focus_without_scroll(&element);
        if section.is_some() {
            element.scroll_into_view();
        } else {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// Focuses `element` where it is, without scrolling to it.
pub fn focus_without_scroll(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Focuses the element with `id` once the view that holds it has been rendered.
pub fn focus_element(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}
