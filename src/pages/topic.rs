//! The topic reader: a table of contents and the topic's notes, rendered at build time, in source order.
//! Cards show question and answer; quiz items show their options with the answer folded away.

use crate::content::{deck, topics_ready, WithContent};
use crate::deck::{Block, Card, QuizItem, Section, Topic, OUTLINE};
use crate::i18n::Strings;
use crate::page::{enter_page, use_lang};
use crate::pages::not_found::NotFound;
use crate::routes::{QuizLink, Route};
use crate::share::ShareButton;
use crate::store::{now, use_store};
use leptos::prelude::*;
use trainer_core::mastery::{mastery, Mastery};
use trainer_core::search::plain_text;

/// The DOM id of a section heading; deep links scroll to it.
pub fn section_anchor(section_slug: &str) -> String {
    format!("s-{section_slug}")
}

/// The DOM id of a card in the reader; a reversed twin lands on its original, the one the reader shows.
pub fn card_anchor(card: &Card) -> String {
    format!("card-{}", card.id.trim_end_matches("~rev"))
}

/// Where a card stands, "Topic › Section": its review's crumbs (index.html's early card is filled with the same).
pub fn card_place(card: &Card) -> String {
    let topic = &deck().topics[card.topic as usize];
    format!("{} › {}", topic.title, topic.sections[card.section as usize].title)
}

/// The link that opens a card in the reader.
pub fn card_note_href(card: &Card) -> String {
    Route::Note { anchor: card_anchor(card) }.href()
}

pub fn quiz_anchor(quiz: &QuizItem) -> String {
    format!("quiz-{}", quiz.id)
}

/// `#/note/ANCHOR`: the topic of a card or quiz item, scrolled to it.
#[component]
pub fn NotePage(anchor: String) -> impl IntoView {
    let card = deck().cards.iter().find(|c| !c.reversed && card_anchor(c) == anchor).map(|c| (c.topic, c.section));
    let quiz = || deck().quizzes.iter().find(|q| quiz_anchor(q) == anchor).map(|q| (q.topic, q.section));
    let Some((topic, section)) = card.or_else(quiz) else {
        return view! { <NotFound /> }.into_any();
    };
    let topic = &deck().topics[topic as usize];
    let section = Some(topic.sections[section as usize].slug.to_string());
    view! { <TopicPage slug=topic.slug.to_string() section anchor /> }.into_any()
}

/// A topic, scrolled to `anchor` (an element id) or else to `section`.
#[component]
pub fn TopicPage(slug: String, section: Option<String>, #[prop(optional, into)] anchor: Option<String>) -> impl IntoView {
    let Some((index, topic)) = deck().topic(&slug) else {
        return view! { <NotFound /> }.into_any();
    };
    let lang = use_lang();
    let store = use_store();
    // Only the table of contents follows progress changes (another tab's grades); the notes stay as they are.
    let section_mastery = Memo::new(move |_| store.progress.with(|p| mastery(&OUTLINE, p, now()).sections.swap_remove(index)));
    // A card or quiz item opened by its own link gets a share button.
    let shared = anchor.clone();
    let target = anchor.or(section.map(|s| section_anchor(&s)));
    let ready = topics_ready(vec![index]);
    // The target exists once the notes are here.
    Effect::new(move |_| {
        lang.track();
        let target = if ready.get() { target.clone() } else { None };
        enter_page(format!("{} — {}", topic.title, lang.get_untracked().strings().app_name), target)
    });
    (move || {
        let lang = lang.get();
        let s = lang.strings();
        let (cards, quizzes) = deck().topic_counts(index);
        let shared = shared.clone();
        view! {
            <article class="topic">
                <p class="crumbs"><a href="#/">{s.all_topics}</a></p>
                <h1 tabindex="-1">{topic.title}</h1>
                <p class="topic-counts">{format!("{} · {}", lang.count(cards, &s.cards), lang.count(quizzes, &s.quiz_items))}</p>
                <p class="actions">
                    <a class="button primary" href=Route::Review { topic: Some(topic.slug.to_string()), section: None }.href()>{s.review_topic}</a>
                    <a class="button" href=quiz_link(topic, None)>{s.quiz_topic}</a>
                    <ShareButton route=Route::Topic { slug: topic.slug.to_string(), section: None }.href() title=format!("{} — {}", topic.title, s.app_name) />
                </p>
                <Contents topic s sections=section_mastery />
                <WithContent ready>
                    {let shared = shared.clone();
                    move || deck().topics[index].sections.iter().map(|section| view! { <SectionView topic section s shared=shared.clone() /> }).collect_view()}
                </WithContent>
            </article>
        }
    })
    .into_any()
}

/// The sections, each with its mastery once the learner has history there.
#[component]
fn Contents(topic: &'static Topic, s: &'static Strings, sections: Memo<Vec<Mastery>>) -> impl IntoView {
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">{s.contents}</h2>
            <ol>
                {topic
                    .sections
                    .iter()
                    .enumerate()
                    .filter(|(_, section)| !section.title.is_empty())
                    .map(|(index, section)| {
                        let href = Route::Topic { slug: topic.slug.to_string(), section: Some(section.slug.to_string()) }.href();
                        let mastery = move || {
                            let known = sections.with(|m| m[index]);
                            (known.evidence > 0.0).then(|| view! { <span class="mastery">{format!(" · {} %", known.percent())}</span> })
                        };
                        view! { <li><a href=href>{section.title}</a>{mastery}</li> }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn SectionView(topic: &'static Topic, section: &'static Section, s: &'static Strings, shared: Option<String>) -> impl IntoView {
    let share = move |anchor: &String, title: &str| {
        (shared.as_ref() == Some(anchor)).then(|| {
            let title = format!("{} — {}", plain_text(title), topic.title);
            view! { <ShareButton route=Route::Note { anchor: anchor.clone() }.href() title /> }
        })
    };
    let anchor = section_anchor(section.slug);
    let has_cards = !section.title.is_empty() && section.blocks.iter().any(|b| matches!(b, Block::Card(_)));
    let review_href = Route::Review { topic: Some(topic.slug.to_string()), section: Some(section.slug.to_string()) }.href();
    // Items under a `###` subheading sit one heading level deeper.
    let mut level: u8 = 3;
    let blocks = section
        .blocks
        .iter()
        .map(|block| match *block {
            Block::Prose(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
            Block::Subheading { slug, title } => {
                level = 4;
                view! { <h3 id=format!("{anchor}-{slug}")>{title}</h3> }.into_any()
            }
            Block::Card(card) => {
                let card = &deck().cards[card as usize];
                let anchor = card_anchor(card);
                view! {
                    <div class="card" id=anchor.clone() tabindex="-1">
                        <Permalink anchor=anchor.clone() s />
                        {question_heading(level, card.question)}
                        <div class="a" inner_html=card.answer></div>
                        {share(&anchor, card.question)}
                    </div>
                }
                .into_any()
            }
            Block::Quiz(quiz) => {
                let quiz = &deck().quizzes[quiz as usize];
                let correct = quiz.options.iter().filter(|o| o.correct);
                let anchor = quiz_anchor(quiz);
                view! {
                    <div class="quiz-item" id=anchor.clone() tabindex="-1">
                        <Permalink anchor=anchor.clone() s />
                        <div class="q" inner_html=quiz.question></div>
                        {share(&anchor, quiz.question)}
                        {quiz.is_multiple().then(|| view! { <p class="hint">{s.multiple_answers}</p> })}
                        <ul class="options">
                            {quiz.options.iter().map(|o| view! { <li inner_html=o.html></li> }).collect_view()}
                        </ul>
                        <details>
                            <summary>{s.answer_and_explanation}</summary>
                            <ul class="answers" aria-label=s.correct_option>
                                {correct.map(|o| view! { <li inner_html=o.html></li> }).collect_view()}
                            </ul>
                            <div class="prose" inner_html=quiz.explanation></div>
                        </details>
                    </div>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section class="section">
            {(!section.title.is_empty()).then(|| view! { <h2 id=anchor.clone() tabindex="-1">{section.title}</h2> })}
            {has_cards.then(|| view! {
                <p class="section-actions">
                    <a href=review_href>{s.review_section}</a>
                    <a href=quiz_link(topic, Some(section))>{s.quiz_section}</a>
                </p>
            })}
            {blocks}
        </section>
    }
}

/// A 10-item quiz on a topic or one of its sections; it gets its seed when opened.
fn quiz_link(topic: &Topic, section: Option<&Section>) -> String {
    let section = section.map(|s| s.slug.to_string());
    QuizLink { topics: vec![topic.slug.to_string()], section, length: Some(10), ..Default::default() }.href()
}

/// A stable link to a card or quiz item (`#/note/…`), to copy or share.
#[component]
fn Permalink(anchor: String, s: &'static Strings) -> impl IntoView {
    view! { <a class="permalink" href=Route::Note { anchor }.href() aria-label=s.card_link title=s.card_link>"#"</a> }
}

/// A card's question as a heading one level below the section or subsection it sits in.
fn question_heading(level: u8, html: &'static str) -> AnyView {
    match level {
        3 => view! { <h3 class="q" inner_html=html></h3> }.into_any(),
        _ => view! { <h4 class="q" inner_html=html></h4> }.into_any(),
    }
}
