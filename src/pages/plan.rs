//! The interview day: its date and topics (the interviewer's weak spots first), the plan (new cards a day to
//! see every card in time, a limit too low and an explicit raise for this plan only, the load by day), and the
//! readiness forecast per topic with mastery beside it. After the date: how it went, a new date, or back to
//! the normal schedule. Home's banner for the interview day is here too, as a split point of its own.

use crate::content::deck;
use crate::deck::OUTLINE;
use crate::i18n::{Lang, Strings};
use crate::page::{enter_page, focus_element, use_lang};
use crate::store::{clock, now, offset_at, use_store, Store};
use leptos::prelude::*;
use trainer_core::mastery::{mastery, MasteryMap};
use trainer_core::plan::{current, interview_moment, readiness, Current, Plan, Readiness, Stage};
use trainer_core::progress::{date_of_day, local_day, InterviewDay, Outcome};

const BAR: usize = 12;
const BAR_HEIGHT: u32 = 80;
const SECTION_BAR: usize = 10;
const SECTION_HEIGHT: f64 = 24.0;

#[component]
pub fn PlanPage() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    Effect::new(move |_| enter_page(lang.get().strings().plan_title.to_string(), None));
    move || {
        let lang = lang.get();
        // Every change (a grade in another tab, a raise here) redraws the plan and the forecast, not the form.
        let details = move || {
            let c = store.progress.with(|p| current(&deck(), p, now(), &offset_at))?;
            let passed = c.plan.stage == Stage::Passed;
            Some(view! {
                <DaysLeft plan=c.plan.clone() lang />
                {if passed {
                    view! { <OutcomeChoice store lang new_date=false /> }.into_any()
                } else {
                    view! { <PlanDetails store plan=c.plan.clone() lang /> <Forecast store current=c lang /> }.into_any()
                }}
            })
        };
        view! {
            <h1 tabindex="-1">{lang.strings().plan_title}</h1>
            {details}
            <DateForm store lang />
        }
    }
}

/// The date and topics; saved on submit, cleared by its own button.
#[component]
fn DateForm(store: Store, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let saved = store.progress.with_untracked(|p| p.interview_day.clone());
    let date = RwSignal::new(saved.as_ref().map(|d| d.date.clone()).unwrap_or_default());
    let topics = RwSignal::new(saved.map(|d| d.topics).unwrap_or_default());
    let status = RwSignal::new(None::<&'static str>);
    let today = {
        let clock = clock();
        local_day(clock.now, clock.utc_offset_minutes)
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = InterviewDay {
            date: date.get_untracked(),
            topics: topics.get_untracked(),
            new_per_day: None,
            outcome: None,
            updated: now(),
        };
        if chosen.day().is_none_or(|day| day < today) {
            status.set(Some(s.plan_bad_date));
            focus_element("interview-date");
            return;
        }
        store.change(|p| {
            // A raise and an outcome belong to their date; new topics keep them.
            let kept = p.interview_day.take().filter(|old| old.date == chosen.date);
            let (new_per_day, outcome) = kept.map_or((None, None), |old| (old.new_per_day, old.outcome));
            p.interview_day = Some(InterviewDay { new_per_day, outcome, ..chosen });
        });
        status.set(Some(s.plan_saved));
    };
    let clear = move |_| {
        store.change(|p| p.interview_day = None);
        date.set(String::new());
        topics.set(Vec::new());
        status.set(None);
    };
    // The interviewer's weak spots first.
    let mut order: Vec<usize> = (0..deck().topics.len()).collect();
    order.sort_by_key(|&t| !deck().topics[t].focus);
    let boxes = order
        .into_iter()
        .map(|t| {
            let topic = &deck().topics[t];
            let slug = topic.slug.to_string();
            let checked = {
                let slug = slug.clone();
                move || topics.with(|list| list.contains(&slug))
            };
            let toggle = move |event: leptos::ev::Event| {
                let on = event_target_checked(&event);
                topics.update(|list| {
                    list.retain(|x| *x != slug);
                    if on {
                        list.push(slug.clone());
                    }
                });
            };
            view! {
                <label>
                    <input type="checkbox" name="plan-topic" value=topic.slug prop:checked=checked on:change=toggle />
                    {topic.title}
                    {topic.focus.then(|| view! { " "<span class="badge" title=s.focus_hint>{s.focus_badge}</span> })}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="plan-form" on:submit=submit aria-labelledby="plan-form-title">
            <h2 id="plan-form-title">{s.interview_date}</h2>
            <p>
                <label for="interview-date">{s.interview_date}</label>" "
                <input id="interview-date" type="date" min=date_of_day(today) prop:value=move || date.get()
                    on:input=move |e| date.set(event_target_value(&e)) />
            </p>
            <fieldset class="choices">
                <legend>{s.plan_topics}</legend>
                {boxes}
            </fieldset>
            <p class="actions">
                <button type="submit" class="primary" id="plan-save">{s.plan_save}</button>
                <button type="button" id="plan-clear" on:click=clear disabled=move || store.progress.with(|p| p.interview_day.is_none())>{s.plan_clear}</button>
            </p>
            <p role="status" id="plan-status">{move || status.get()}</p>
        </form>
    }
}

/// New cards a day, the limit and its raise for this plan, the final review, the load by day.
#[component]
fn PlanDetails(store: Store, plan: Plan, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let setting = store.progress.with_untracked(|p| p.settings.new_per_day);
    let raised = store.progress.with_untracked(|p| p.interview_day.as_ref().and_then(|d| d.new_per_day));
    let set_raise = move |limit: Option<u32>| {
        store.change(|p| {
            if let Some(day) = p.interview_day.as_mut() {
                day.new_per_day = limit;
                day.updated = now();
            }
        })
    };
    let needed = match plan.needed_new_per_day {
        Some(n) => n.to_string(),
        None => "—".to_string(),
    };
    let limit_note = match (plan.too_low, plan.needed_new_per_day) {
        (true, Some(needed)) => view! {
            <p class="error" id="plan-too-low">{s.plan_too_low}</p>
            <p><button type="button" id="plan-raise" on:click=move |_| set_raise(Some(needed))>{format!("{} {needed}", s.plan_raise)}</button></p>
        }
        .into_any(),
        (true, None) => view! { <p class="error" id="plan-too-low">{s.plan_too_late}</p> }.into_any(),
        (false, _) => ().into_any(),
    };
    let raise_note = raised.map(|_| {
        view! {
            <p id="plan-raised">{format!("{} {setting}.", s.plan_raised)}" "
                <button type="button" id="plan-restore" on:click=move |_| set_raise(None)>{s.plan_restore}</button>
            </p>
        }
    });
    let study = if plan.stage == Stage::FinalReview { s.final_review } else { s.plan_study };
    view! {
        <section aria-labelledby="plan-today">
            <h2 id="plan-today">{s.plan_today_label}</h2>
            {(plan.stage == Stage::FinalReview).then(|| view! { <p class="hint">{s.final_review_lead}</p> })}
            <dl class="facts inline" id="plan-facts">
                <div><dt>{s.plan_unseen}</dt><dd>{plan.unseen}</dd></div>
                <div><dt>{s.plan_needed}</dt><dd id="plan-needed">{needed}</dd></div>
                <div><dt>{s.plan_limit}</dt><dd id="plan-limit">{plan.limit}</dd></div>
            </dl>
            <p class="hint">{s.plan_new_end}</p>
            {limit_note}
            {raise_note}
            <p class="actions"><a class="button primary" href="#/plan/review" id="plan-study">{study}</a></p>
        </section>
        {load_chart(&plan, lang)}
    }
}

fn load_chart(plan: &Plan, lang: Lang) -> impl IntoView + use<> {
    let s = lang.strings();
    let most = plan.load.iter().map(|d| d.new + d.reviews).max().unwrap_or(0).max(1);
    let bars = plan
        .load
        .iter()
        .enumerate()
        .map(|(day, load)| {
            let reviews = load.reviews * BAR_HEIGHT / most;
            let new = load.new * BAR_HEIGHT / most;
            view! {
                <rect x={day * BAR} y={BAR_HEIGHT - reviews} width={BAR - 2} height=reviews class="column" />
                <rect x={day * BAR} y={BAR_HEIGHT - reviews - new} width={BAR - 2} height=new class="seg-1" />
            }
        })
        .collect_view();
    let said = |day: usize, new: u32, reviews: u32| {
        format!(
            "{} {day}: {}, {}",
            s.plan_day,
            lang.count(new as usize, &s.new_count),
            lang.count(reviews as usize, &s.review_count)
        )
    };
    let label = plan.load.iter().enumerate().map(|(d, l)| said(d, l.new, l.reviews)).collect::<Vec<_>>().join("; ");
    let rows = plan
        .load
        .iter()
        .enumerate()
        .map(|(day, l)| view! { <tr><td>{day}</td><td>{l.new}</td><td>{l.reviews}</td></tr> })
        .collect_view();
    let width = plan.load.len().max(1) * BAR;
    view! {
        <section class="chart" aria-labelledby="plan-load-title">
            <h2 id="plan-load-title">{s.plan_load_title}</h2>
            <p class="hint">{s.plan_load_hint}</p>
            <svg class="bars" viewBox=format!("0 0 {width} {BAR_HEIGHT}") role="img" aria-label=label>
                <line x1="0" x2=width y1=BAR_HEIGHT y2=BAR_HEIGHT class="axis" />
                {bars}
            </svg>
            <ul class="legend" aria-hidden="true">
                <li><span class="swatch seg-1"></span>{s.plan_new_label}</li>
                <li><span class="swatch column"></span>{s.plan_reviews_label}</li>
            </ul>
            <details>
                <summary>{s.stats_table}</summary>
                <table>
                    <thead><tr><th scope="col">{s.plan_day}</th><th scope="col">{s.plan_new_label}</th><th scope="col">{s.plan_reviews_label}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}

/// Readiness on the day per topic of the interview (a number and its sections as bars), mastery beside it.
#[component]
fn Forecast(store: Store, current: Current, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let at = interview_moment(current.day, offset_at(now()));
    let (ready, map) = store
        .progress
        .with_untracked(|p| (readiness(&deck(), p, &p.settings.scheduler(), at, &current.scope), mastery(&OUTLINE, p, now())));
    let mut topics: Vec<usize> =
        (0..deck().topics.len()).filter(|&t| current.scope.iter().any(|&c| deck().cards[c].topic as usize == t)).collect();
    topics.sort_by_key(|&t| !deck().topics[t].focus);
    let chosen_mastery = {
        let (sum, count) = topics.iter().fold((0.0, 0.0), |(sum, n), &t| (sum + map.topics[t].value, n + 1.0));
        (sum / f64::max(count, 1.0) * 100.0).round()
    };
    let rows = topics.into_iter().map(|t| topic_row(t, &ready, &map, s)).collect_view();
    view! {
        <section class="chart readiness" aria-labelledby="readiness-title">
            <h2 id="readiness-title">{s.readiness_title}</h2>
            <p class="hint" id="readiness-lead">{s.readiness_lead}</p>
            <p class="readiness-overall">
                {s.readiness_overall}": "<strong id="readiness-overall">{format!("{} %", ready.overall.percent())}</strong>
                {format!(" · {}: {chosen_mastery} %", s.mastery)}
            </p>
            <ul class="readiness-topics">{rows}</ul>
        </section>
    }
}

fn topic_row(t: usize, ready: &Readiness, map: &MasteryMap, s: &'static Strings) -> impl IntoView + use<> {
    let topic = &deck().topics[t];
    let sections: Vec<(usize, u32)> = ready.sections[t]
        .iter()
        .enumerate()
        .filter(|(_, share)| share.cards > 0)
        .map(|(i, share)| (i, share.percent()))
        .collect();
    let label = sections
        .iter()
        .map(|&(i, percent)| format!("{}: {percent} %", topic.sections[i].title.trim()))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = sections
        .iter()
        .enumerate()
        .map(|(x, &(_, percent))| {
            let height = f64::from(percent) / 100.0 * SECTION_HEIGHT;
            view! {
                <rect x={x * SECTION_BAR} y="0" width={SECTION_BAR - 2} height=SECTION_HEIGHT class="track" />
                <rect x={x * SECTION_BAR} y={SECTION_HEIGHT - height} width={SECTION_BAR - 2} height=height class="column" />
            }
        })
        .collect_view();
    let width = sections.len().max(1) * SECTION_BAR;
    view! {
        <li class="readiness-topic" data-topic=topic.slug>
            <span class="topic-title">{topic.title}</span>
            {topic.focus.then(|| view! { " "<span class="badge" title=s.focus_hint>{s.focus_badge}</span> })}
            <span class="readiness-figures">
                {format!("{}: {} % · {}: {} %", s.readiness_label, ready.topics[t].percent(), s.mastery, map.topics[t].percent())}
            </span>
            <svg class="sections" viewBox=format!("0 0 {width} {SECTION_HEIGHT}") role="img"
                aria-label=format!("{} — {}", topic.title, label)>{bars}</svg>
        </li>
    }
}

/// Home's lead when an interview day is set: days left and today's plan, or after it how it went.
#[component]
pub fn InterviewBanner() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let Some(now_plan) = store.progress.with(|p| current(&deck(), p, now(), &offset_at)) else {
            return ().into_any();
        };
        let plan = now_plan.plan;
        if plan.stage == Stage::Passed {
            return view! {
                <section class="interview-day" aria-labelledby="days-left">
                    <DaysLeft plan lang />
                    <OutcomeChoice store lang new_date=true />
                </section>
            }
            .into_any();
        }
        let today = plan.load.first().copied().unwrap_or_default();
        let study = if plan.stage == Stage::FinalReview { s.final_review } else { s.plan_study };
        view! {
            <section class="interview-day" aria-labelledby="days-left">
                <DaysLeft plan=plan.clone() lang />
                <p id="plan-today">
                    {format!(
                        "{}: {} · {}",
                        s.plan_today_label,
                        lang.count(today.new as usize, &s.new_count),
                        lang.count(today.reviews as usize, &s.review_count)
                    )}
                </p>
                {plan.too_low.then(|| view! { <p class="error">{if plan.needed_new_per_day.is_some() { s.plan_too_low } else { s.plan_too_late }}</p> })}
                <p class="actions">
                    <a class="button primary" href="#/plan/review">{study}</a>
                    <a class="button" href="#/plan" id="plan-link">{s.plan_open}</a>
                </p>
            </section>
        }
        .into_any()
    }
}

/// "Interview in N days", "today", or "passed", as the heading of the interview day.
#[component]
fn DaysLeft(plan: Plan, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let text = match plan.days_left {
        0 => s.plan_is_today.to_string(),
        left if left < 0 => s.plan_passed.to_string(),
        left => format!("{} {}", s.days_until, lang.count(left as usize, &s.days)),
    };
    view! { <h2 id="days-left">{text}</h2> }
}

/// After the date: how it went (optional, saved with the date), a new date, or back to the normal schedule.
#[component]
fn OutcomeChoice(store: Store, lang: Lang, new_date: bool) -> impl IntoView {
    let s = lang.strings();
    let chosen = move || store.progress.with(|p| p.interview_day.as_ref().and_then(|d| d.outcome));
    let choose = move |outcome: Outcome| {
        store.change(|p| {
            if let Some(day) = p.interview_day.as_mut() {
                day.outcome = Some(outcome);
                day.updated = now();
            }
        })
    };
    let buttons = Outcome::ALL
        .into_iter()
        .zip(s.outcomes)
        .map(|(outcome, name)| {
            view! {
                <button type="button" aria-pressed=move || (chosen() == Some(outcome)).to_string() on:click=move |_| choose(outcome)>{name}</button>
            }
        })
        .collect_view();
    view! {
        <div role="group" aria-labelledby="outcome-title" class="outcome">
            <p id="outcome-title">{s.outcome_title}</p>
            <p class="actions">{buttons}</p>
            <p role="status">{move || chosen().map(|_| s.outcome_saved)}</p>
        </div>
        <p class="actions">
            {new_date.then(|| view! { <a class="button" href="#/plan">{s.plan_new_date}</a> })}
            <button type="button" id="plan-done" on:click=move |_| store.change(|p| p.interview_day = None)>{s.plan_back_to_normal}</button>
        </p>
    }
}
