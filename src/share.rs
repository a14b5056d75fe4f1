//! The share action any page can carry: the Web Share API where the browser has it (phones), else the link
//! goes to the clipboard; a status next to the button says what happened, or shows the link to copy by hand.

use crate::page::use_lang;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Copied,
    CopyFailed,
}

/// A "Share" button for `route` (a hash such as `#/topic/sql`, seed included for a quiz); the shared link is
/// this app's address, wherever it is hosted, with that hash.
#[component]
pub fn ShareButton(#[prop(into)] route: String, #[prop(into)] title: String) -> impl IntoView {
    let lang = use_lang();
    let outcome = RwSignal::new(None::<Outcome>);
    let link = link_to(&route);
    let shared = link.clone();
    let share = move |_| {
        let (title, link) = (title.clone(), shared.clone());
        wasm_bindgen_futures::spawn_local(async move { outcome.set(share_or_copy(&title, &link).await) });
    };
    view! {
        <span class="share">
            <button type="button" on:click=share>{move || lang.get().strings().share}</button>
            <span role="status">
                {move || {
                    let s = lang.get().strings();
                    outcome.get().map(|outcome| match outcome {
                        Outcome::Copied => s.share_copied.into_any(),
                        Outcome::CopyFailed => view! { {s.share_copy_failed}" "<span class="share-link">{link.clone()}</span> }.into_any(),
                    })
                }}
            </span>
        </span>
    }
}

/// The current address with its hash replaced by `route`.
fn link_to(route: &str) -> String {
    let href = window().location().href().unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    format!("{page}{route}")
}

/// Shares through the system sheet when there is one (nothing to report then: the sheet was the feedback,
/// and a cancel is the learner's choice); else, or if sharing fails, copies the link.
async fn share_or_copy(title: &str, link: &str) -> Option<Outcome> {
    let navigator = window().navigator();
    if has(&navigator, "share") {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(link);
        match JsFuture::from(navigator.share_with_data(&data)).await {
            Ok(_) => return None,
            Err(error) if error_name(&error) == "AbortError" => return None,
            Err(_) => {}
        }
    }
    let copied = has(&navigator, "clipboard") && JsFuture::from(navigator.clipboard().write_text(link)).await.is_ok();
    Some(if copied { Outcome::Copied } else { Outcome::CopyFailed })
}

fn has(object: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(object, &JsValue::from_str(name)).unwrap_or(false)
}

fn error_name(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|name| name.as_string()).unwrap_or_default()
}
