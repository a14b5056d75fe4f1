//! Home: every topic with its card and quiz counts; the interviewer's weak spots are marked.

use crate::app::{enter_page, use_lang};
use crate::deck::DECK;
use crate::routes::Route;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| enter_page(lang.get().strings().app_name.to_string(), None));
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let topics = DECK
            .topics
            .iter()
            .enumerate()
            .map(|(index, topic)| {
                let (cards, quizzes) = DECK.topic_counts(index);
                let href = Route::Topic { slug: topic.slug.to_string(), section: None }.href();
                view! {
                    <li class="topic-tile">
                        <a href=href>
                            <span class="topic-title">{topic.title}</span>
                            <span class="topic-counts">
                                {format!("{} · {}", lang.count(cards, &s.cards), lang.count(quizzes, &s.quiz_items))}
                            </span>
                            {topic.focus.then(|| view! { <span class="badge" title=s.focus_hint>{s.focus_badge}</span> })}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 tabindex="-1">{s.home_title}</h1>
            <p class="lead">{s.home_lead}</p>
            <p><a class="button primary" href="#/review">{s.review_all}</a></p>
            <ul class="topics">{topics}</ul>
        }
    }
}
