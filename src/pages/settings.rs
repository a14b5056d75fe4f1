//! Settings: daily limits and desired retention, FSRS parameters fitted to the learner's log (in the
//! optimiser's worker) with their evaluation, the parameters in use and the expected workload, interface
//! language, theme, and a reset of progress that offers an export first and asks before deleting anything.

use crate::content::deck;
use crate::files::export_progress;
use crate::i18n::{Lang, Strings};
use crate::optimiser::{self, Job};
use crate::page::{enter_page, local_time, set_lang, use_lang, use_theme};
use crate::pages::more::InstallSection;
use crate::store::use_store;
use crate::theme::Theme;
use leptos::prelude::*;
use trainer_core::fit::{History, MIN_REVIEWS};
use trainer_core::progress::{Fit, Progress};
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
            <Parameters />
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
            <InstallSection />
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

/// FSRS parameters: fit them to the review log in the optimiser's worker, compare them with the defaults, keep
/// them if they predict better, pick any earlier fit (or the defaults) again, and the expected workload.
#[component]
fn Parameters() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let job = RwSignal::from(optimiser::job());
    let usable = Memo::new(move |_| store.progress.with(|p| History::from_log(&p.log).items.len()));
    let applied = RwSignal::new(false);
    let start = move |_| {
        applied.set(false);
        optimiser::fit(store.progress.with_untracked(|p| serde_json::to_string(&p.log).expect("the log serialises")));
    };
    let estimate = move |_| {
        let (settings, parameters) = store.progress.with_untracked(|p| {
            let parameters = p.settings.fits.active().map_or(&[][..], |f| &f.parameters);
            (serde_json::to_string(&p.settings), serde_json::to_string(parameters))
        });
        optimiser::estimate_workload(
            settings.expect("settings serialise"),
            parameters.expect("numbers serialise"),
            deck().cards.len(),
        );
    };
    let apply = move |fit: Fit| {
        store.change(|p| {
            p.settings.fits.list.push(fit);
            p.settings.fits.active = Some(p.settings.fits.list.len() - 1);
        });
        applied.set(true);
    };
    let running = move || matches!(job.get(), Job::Fitting(_) | Job::Estimating);
    move || {
        let s = lang.get().strings();
        view! {
            <h2>{s.fsrs_title}</h2>
            <p>{s.fsrs_lead}</p>
            <p>{s.fsrs_usable}": "<strong id="fsrs-usable">{move || usable.get()}</strong></p>
            <p class="actions">
                <button type="button" id="fsrs-fit" class="primary" disabled=move || running() || usable.get() < MIN_REVIEWS on:click=start>{s.fsrs_fit}</button>
                {move || running().then(|| view! { <button type="button" on:click=|_| optimiser::cancel()>{s.cancel}</button> })}
            </p>
            <div role="status" id="fsrs-status">{move || job_view(job.get(), s, applied, apply)}</div>
            <ParametersInUse />
            <h3>{s.workload_title}</h3>
            <p>{s.workload_lead}</p>
            <p><button type="button" disabled=running on:click=estimate>{s.workload_estimate}</button></p>
        }
    }
}

fn job_view(
    job: Job,
    s: &'static Strings,
    applied: RwSignal<bool>,
    apply: impl Fn(Fit) + Copy + Send + Sync + 'static,
) -> AnyView {
    let line = |text: String| view! { <p>{text}</p> }.into_any();
    match job {
        Job::Idle => ().into_any(),
        Job::Fitting(None) => line(s.fsrs_loading.into()),
        Job::Fitting(Some(step)) => line(s.fsrs_steps[step.min(2)].into()),
        Job::Refused => line(s.fsrs_refused.into()),
        Job::Cancelled => line(s.fsrs_cancelled.into()),
        Job::Failed(reason) => line(format!("{}{reason}", s.fsrs_failed)),
        Job::Estimating => line(s.workload_busy.into()),
        Job::Workload(rows) => view! {
            <table class="workload">
                <thead><tr><th scope="col">{s.workload_retention}</th><th scope="col">{s.workload_reviews}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(retention, reviews)| view! {
                        <tr><td>{format!("{:.0} %", retention * 100.0)}</td><td>{format!("{reviews:.0}")}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Job::Fitted(fit) => {
            let better = fit.beats_defaults();
            let row = |name: &'static str, log_loss: f32, rmse: f32| {
                view! { <tr><th scope="row">{name}</th><td>{format!("{log_loss:.4}")}</td><td>{format!("{:.2} %", rmse * 100.0)}</td></tr> }
            };
            view! {
                <table class="evaluation">
                    <caption>{s.fsrs_evaluation}</caption>
                    <thead><tr><th scope="col">{s.fsrs_parameters}</th><th scope="col">"Log loss"</th><th scope="col">"RMSE (bins)"</th></tr></thead>
                    <tbody>
                        {row(s.fsrs_defaults, fit.default_log_loss, fit.default_rmse_bins)}
                        {row(s.fsrs_fitted, fit.log_loss, fit.rmse_bins)}
                    </tbody>
                </table>
                {move || match (better, applied.get()) {
                    (false, _) => view! { <p>{s.fsrs_worse}</p> }.into_any(),
                    (true, true) => view! { <p>{s.fsrs_applied}</p> }.into_any(),
                    (true, false) => {
                        let fit = fit.clone();
                        view! { <p><button type="button" class="primary" on:click=move |_| apply(fit.clone())>{s.fsrs_apply}</button></p> }.into_any()
                    }
                }}
            }
            .into_any()
        }
    }
}

/// The defaults or any fit made so far; every fit stays, so going back is one choice.
#[component]
fn ParametersInUse() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    move || {
        let s = lang.get().strings();
        let lang = lang.get();
        let (fits, active) = store.progress.with(|p| (p.settings.fits.list.clone(), p.settings.fits.active));
        let choose = move |choice: Option<usize>| store.change(|p| p.settings.fits.active = choice);
        (!fits.is_empty()).then(|| view! {
            <fieldset class="choices">
                <legend>{s.fsrs_in_use}</legend>
                <label>
                    <input type="radio" name="fsrs-parameters" checked=active.is_none() on:change=move |_| choose(None) />
                    {s.fsrs_defaults}
                </label>
                {fits.into_iter().enumerate().rev().map(|(i, fit)| view! {
                    <label>
                        <input type="radio" name="fsrs-parameters" checked=active == Some(i) on:change=move |_| choose(Some(i)) />
                        {format!("{} · {} · log loss {:.4}", local_time(fit.at, lang), lang.count(fit.reviews as usize, &s.fsrs_reviews), fit.log_loss)}
                    </label>
                }).collect_view()}
            </fieldset>
        })
    }
}
