//! Progress and data: whether storage is persistent, export and import of progress, the deck for Anki,
//! and suspended cards with a way back. The review settings live on the settings page.

use crate::content::{deck, every_topic, topics_ready, WithContent};
use crate::files::{download, export_progress};
use crate::page::{enter_page, use_lang};
use crate::storage::{estimate as storage_estimate, Persistence};
use crate::store::{now, use_store};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use trainer_core::anki::deck_tsv;
use trainer_core::progress::Progress;
use trainer_core::storage_layout::QUOTA_BYTES;

#[component]
pub fn ProgressPage() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let import_result = RwSignal::new(None::<Result<usize, String>>);
    Effect::new(move |_| enter_page(lang.get().strings().progress_title.to_string(), None));
    let estimate = LocalResource::new(storage_estimate);

    let export = move |_| store.progress.with_untracked(export_progress);
    // The Anki export and the suspended cards' questions need every topic's HTML.
    let ready = topics_ready(every_topic());
    let export_anki =
        move |_| download("interview-trainer.tsv", "text/tab-separated-values", &deck_tsv(&deck(), "Interview trainer"));
    let import = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text =
                wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            let result = match Progress::parse(&text) {
                Ok(imported) => Ok(store.change(|p| {
                    p.merge(&imported);
                    p.log.len()
                })),
                Err(reason) => Err(reason.to_string()),
            };
            import_result.set(Some(result));
        });
    };

    move || {
        let s = lang.get().strings();
        let persisted = match store.persisted.get() {
            Persistence::Granted => s.persisted_yes,
            Persistence::Refused => s.persisted_no,
            Persistence::Asking => s.persisted_asking,
            Persistence::Unsupported => s.persisted_unsupported,
        };
        let suspended = move || {
            store.progress.with(|p| {
                deck().cards.iter().filter(|c| p.cards.get(c.id).is_some_and(|state| state.suspended)).collect::<Vec<_>>()
            })
        };
        let reviews = store.progress.with(|p| p.log.len());
        let used = store.used_bytes.get();
        let share = used as f64 * 100.0 / QUOTA_BYTES as f64;
        let used_text = format!("{} {} {} {} ({share:.1} %)", group(used), s.storage_of, group(QUOTA_BYTES), s.storage_chars);
        let estimate_text = estimate
            .get()
            .flatten()
            .map(|(usage, quota)| format!("{:.1} MB {} {:.0} MB", usage / 1e6, s.storage_of, quota / 1e6));
        view! {
            <h1 tabindex="-1">{s.progress_title}</h1>
            <dl class="facts">
                <dt>{s.storage_status}</dt><dd id="persisted">{persisted}</dd>
                <dt>{s.reviews_logged}</dt><dd id="review-count">{reviews}</dd>
                <dt>{s.storage_used}</dt><dd id="storage-used">{used_text}</dd>
                {estimate_text.map(|text| view! { <dt>{s.storage_estimate}</dt><dd id="storage-estimate">{text}</dd> })}
            </dl>
            <p class="actions">
                <button type="button" on:click=export>{s.export_progress}</button>
                <button type="button" on:click=export_anki disabled=move || !ready.get()>{s.export_anki}</button>
            </p>
            <p>
                <label for="import-file">{s.import_progress}</label>
                <input id="import-file" type="file" accept="application/json,.json" on:change=import />
            </p>
            <div role="status" id="import-result">
                {move || import_result.get().map(|result| match result {
                    Ok(count) => view! { <p class="ok">{format!("{}: {count}.", s.import_done)}</p> }.into_any(),
                    Err(reason) => view! { <p class="error">{format!("{}: {reason}.", s.import_refused)}</p> }.into_any(),
                })}
            </div>
            <p><a href="#/settings">{s.review_settings}</a></p>
            <h2>{s.suspended_cards}</h2>
            <WithContent ready>{move || {
                let suspended = suspended();
                if suspended.is_empty() {
                view! { <p>{s.no_suspended}</p> }.into_any()
            } else {
                view! {
                    <ul class="suspended">
                        {suspended.into_iter().map(|card| view! {
                            <li>
                                <span inner_html=card.question></span>" "
                                <button type="button" on:click=move |_| store.change(|p| p.set_suspended(card.id, false, now()))>{s.unsuspend}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}}</WithContent>
        }
    }
}

/// `1234567` as `1 234 567`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}
