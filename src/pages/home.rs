//! Home: the interview day when one is set (its banner is a chunk of `plan.rs`), the weakest topics by mastery with the weak-spots quiz and the mock interview, then every topic with
//! its card and quiz counts and mastery; the interviewer's weak spots are marked. All of it from the deck's
//! outline, so home needs no fetch.

use crate::deck::OUTLINE;
use crate::i18n::{Lang, Strings};
use crate::page::{enter_page, use_lang};
use crate::pages::{interview_banner, split_page};
use crate::routes::{QuizLink, Route};
use crate::store::{now, use_store};
use leptos::prelude::*;
use trainer_core::mastery::{mastery, weakest_topics, Mastery, MasteryMap};

/// How many of the weakest topics home lists.
const WEAKEST_SHOWN: usize = 3;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    Effect::new(move |_| enter_page(lang.get().strings().app_name.to_string(), None));
    let map = Memo::new(move |_| store.progress.with(|p| mastery(&OUTLINE, p, now())));
    // The interview day's banner is a chunk of its own, loaded only when a date is set.
    let has_date = Memo::new(move |_| store.progress.with(|p| p.interview_day.is_some()));
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let map = map.get();
        let topics = OUTLINE
            .topics
            .iter()
            .enumerate()
            .map(|(index, topic)| {
                let (cards, quizzes) = (topic.cards as usize, topic.quizzes as usize);
                let href = Route::Topic { slug: topic.slug.to_string(), section: None }.href();
                view! {
                    <li class="topic-tile">
                        <a href=href>
                            <span class="topic-title">{topic.title}</span>
                            <span class="topic-counts">
                                {format!("{} · {}", lang.count(cards, &s.cards), lang.count(quizzes, &s.quiz_items))}
                            </span>
                            {mastery_line(map.topics[index], s)}
                            {topic.focus.then(|| view! { <span class="badge" title=s.focus_hint>{s.focus_badge}</span> })}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 tabindex="-1">{s.home_title}</h1>
            {move || if has_date.get() {
                split_page(interview_banner)
            } else {
                view! { <p><a href="#/plan" id="plan-link">{s.plan_set_date}</a></p> }.into_any()
            }}
            <p class="lead">{s.home_lead}</p>
            <p class="actions">
                <a class="button primary" href="#/review">{s.review_all}</a>
                <a class="button" href="#/quiz">{s.quiz_title}</a>
            </p>
            <WeakSpots map lang />
            <h2>{s.all_topics}</h2>
            <ul class="topics">{topics}</ul>
        }
    }
}

fn mastery_line(m: Mastery, s: &'static Strings) -> impl IntoView {
    let text =
        if m.evidence > 0.0 { format!("{}: {} %", s.mastery, m.percent()) } else { format!("{}: {}", s.mastery, s.no_history) };
    view! { <span class="mastery">{text}</span> }
}

#[component]
fn WeakSpots(map: MasteryMap, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let weakest = weakest_topics(&map).into_iter().take(WEAKEST_SHOWN).map(|index| {
        let topic = &OUTLINE.topics[index];
        let m = map.topics[index];
        view! {
            <li>
                <a href=Route::Topic { slug: topic.slug.to_string(), section: None }.href()>{topic.title}</a>" "
                <meter min="0" max="100" value=m.percent() aria-label=format!("{} — {}", s.mastery, topic.title)></meter>" "
                {mastery_line(m, s)}
            </li>
        }
    });
    let weak_quiz = QuizLink { weak: true, length: Some(10), ..Default::default() }.href();
    view! {
        <section class="weak-spots" aria-labelledby="weak-spots">
            <h2 id="weak-spots">{s.weak_quiz_title}</h2>
            <p class="hint">{s.weak_spots_lead}</p>
            <ol id="weakest-topics">{weakest.collect_view()}</ol>
            <p class="actions">
                <a class="button" href=weak_quiz>{s.weak_quiz}</a>
                <a class="button" href="#/interview">{s.interview_title}</a>
            </p>
        </section>
    }
}
