//! Settings: daily limits and desired retention, interface language, theme, and a reset of progress that
//! offers an export first and asks before deleting anything.

use crate::files::export_progress;
use crate::i18n::Lang;
use crate::page::{enter_page, set_lang, use_lang, use_theme};
use crate::store::use_store;
use crate::theme::Theme;
use leptos::prelude::*;
use trainer_core::progress::Progress;
use trainer_core::scheduler::RETENTION_RANGE;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let theme = use_theme();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let reset_done = RwSignal::new(false);
    Effect::new(move |_| enter_page(lang.get().strings().settings_title.to_string(), None));

    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let reset = move |_| {
        // Settings are the learner's choices, not progress: they stay.
        store.change(|p| *p = Progress { settings: p.settings.clone(), ..Progress::default() });
        close();
        reset_done.set(true);
    };
    move || {
        let s = lang.get().strings();
        view! {
            <h1 tabindex="-1">{s.settings_title}</h1>
            <h2>{s.review_settings}</h2>
            <SettingsForm />
            <fieldset class="choices">
                <legend>{s.language}</legend>
                {[Lang::Ru, Lang::En].into_iter().map(|choice| view! {
                    <label>
                        <input type="radio" name="lang" checked=lang.get() == choice on:change=move |_| set_lang(lang, choice) />
                        // Each language's switch names the other one in its own words.
                        <span lang=choice.strings().html_lang>{choice.other().strings().switch_language}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="choices">
                <legend>{s.theme}</legend>
                {Theme::ALL.into_iter().map(|choice| view! {
                    <label>
                        <input type="radio" name="theme" value=choice.code() checked=theme.get_untracked() == choice
                            on:change=move |_| {
                                theme.set(choice);
                                crate::storage::save_theme(choice.code());
                            } />
                        {s.themes[choice as usize]}
                    </label>
                }).collect_view()}
            </fieldset>
            <h2>{s.data_title}</h2>
            <p><a href="#/progress">{s.data_link}</a></p>
            <p>
                <button type="button" class="danger" aria-haspopup="dialog" on:click=move |_| {
                    reset_done.set(false);
                    if let Some(dialog) = dialog.get() {
                        let _ = dialog.show_modal();
                    }
                }>{s.reset_progress}</button>
            </p>
            <p role="status">{move || reset_done.get().then_some(s.reset_done)}</p>
            <dialog node_ref=dialog aria-labelledby="reset-title" aria-describedby="reset-warning">
                <h2 id="reset-title">{s.reset_progress.trim_end_matches('…')}</h2>
                <p id="reset-warning">{s.reset_warning}</p>
                <p class="actions">
                    <button type="button" class="primary" on:click=move |_| store.progress.with_untracked(export_progress)>{s.export_progress}</button>
                    <button type="button" class="danger" on:click=reset>{s.reset_confirm}</button>
                    <button type="button" on:click=move |_| close()>{s.cancel}</button>
                </p>
            </dialog>
        }
    }
}

/// Daily limits and desired retention; each change is saved at once.
#[component]
fn SettingsForm() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let settings =
        move || store.progress.with(|p| (p.settings.new_per_day, p.settings.reviews_per_day, p.settings.desired_retention));
    let number = |event: &leptos::ev::Event| event_target_value(event).trim().parse::<f64>().ok();
    move || {
        let s = lang.get().strings();
        let (new_per_day, reviews_per_day, desired_retention) = settings();
        view! {
            <div class="settings">
                <label for="new-per-day">{s.new_per_day}</label>
                <input id="new-per-day" type="number" min="0" max="9999" prop:value=new_per_day
                    on:change=move |e| if let Some(n) = number(&e) { store.change(|p| p.settings.new_per_day = n.clamp(0.0, 9999.0) as u32) } />
                <label for="reviews-per-day">{s.reviews_per_day}</label>
                <input id="reviews-per-day" type="number" min="0" max="9999" prop:value=reviews_per_day
                    on:change=move |e| if let Some(n) = number(&e) { store.change(|p| p.settings.reviews_per_day = n.clamp(0.0, 9999.0) as u32) } />
                <label for="retention">{s.desired_retention}</label>
                <select id="retention" on:change=move |e| if let Some(r) = number(&e) {
                    store.change(|p| p.settings.desired_retention = r.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end()))
                }>
                    {(80..=95).map(|percent| {
                        let value = f64::from(percent) / 100.0;
                        view! { <option value=value.to_string() selected=(value - desired_retention).abs() < 0.001>{format!("{percent} %")}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    }
}
