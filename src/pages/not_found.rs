use crate::page::{enter_page, use_lang};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| enter_page(lang.get().strings().not_found_title.to_string(), None));
    move || {
        let s = lang.get().strings();
        view! {
            <h1 tabindex="-1">{s.not_found_title}</h1>
            <p>{s.not_found_body}</p>
            <p><a href="#/">{s.all_topics}</a></p>
        }
    }
}
