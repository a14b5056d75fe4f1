//! Flashcard review, as in Anki: the question, Space/Enter (or the button) shows the answer, 1–4 grade it
//! with each button showing the interval it would give, Space/Enter after the reveal means Good, `u` undoes
//! the last grade. Every grade is written at once; the focus always sits on the next thing to press. The
//! interview day's review (`plan`) covers its topics, and in its last days asks the cards with the lowest
//! predicted recall on the day first, due or not (graded as any review).

use crate::at_hand;
use crate::content::{deck, topics_ready, use_content, WithContent};
use crate::deck::Card;
use crate::i18n::Lang;
use crate::marks::{mark, CARD_SHOWN, CONTENT_READY, GRADE_START};
use crate::page::{enter_page, focus_element as focus, use_lang};
use crate::pages::not_found::NotFound;
use crate::pages::topic::{card_note_href, card_place};
use crate::prerendered;
use crate::store::{clock, now, use_store, Store};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::sync::Arc;
use trainer_core::plan::{cards_in_scope, final_review_day, interview_moment, weakest_first};
use trainer_core::progress::{local_day, Undo};
use trainer_core::review::{Queue, Scope};
use trainer_core::scheduler::{Grade, Scheduler};

/// The review, once its chunk and the deck's skeleton are here (`pages::review_page`): its scope and queue need
/// every card's id.
#[component]
pub fn ReviewPage(topic: Option<String>, section: Option<String>, plan: bool) -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let topic_index = match topic.as_deref().map(|slug| deck().topic(slug)) {
        Some(None) => return view! { <NotFound /> }.into_any(),
        found => found.flatten().map(|(index, _)| index),
    };
    let section_index = match (topic_index, section.as_deref()) {
        (Some(t), Some(slug)) => match deck().topics[t].sections.iter().position(|s| s.slug == slug) {
            Some(index) => Some(index),
            None => return view! { <NotFound /> }.into_any(),
        },
        _ => None,
    };
    let interview = store.progress.with_untracked(|p| p.interview_day.clone()).filter(|_| plan);
    let in_scope: Vec<usize> = match &interview {
        Some(day) => cards_in_scope(&deck(), day),
        None => (0..deck().cards.len())
            .filter(|&i| {
                let c = &deck().cards[i];
                topic_index.is_none_or(|t| c.topic as usize == t) && section_index.is_none_or(|s| c.section as usize == s)
            })
            .collect(),
    };
    let ids: Vec<&'static str> = in_scope.iter().map(|&i| deck().cards[i].id).collect();
    // In the last days before the interview: the final review's order instead of the schedule's.
    let final_day = interview.as_ref().and_then(|_| {
        let clock = clock();
        store.progress.with_untracked(|p| final_review_day(p, local_day(clock.now, clock.utc_offset_minutes)))
    });
    let scope = Arc::new(Scope::new(&ids));
    let card_index = {
        let scope = scope.clone();
        move |id: &str| in_scope[scope.place(id).expect("queued ids come from the scope")]
    };
    let scope_name = topic_index.map(|t| {
        let topic = &deck().topics[t];
        section_index.map_or(topic.title.to_string(), |s| format!("{} › {}", topic.title, topic.sections[s].title))
    });
    let scope_name = match (final_day, &interview) {
        (Some(_), _) => Some(lang.get_untracked().strings().final_review.to_string()),
        (None, Some(_)) => Some(lang.get_untracked().strings().plan_title.to_string()),
        (None, None) => scope_name,
    };
    let revealed = RwSignal::new(false);
    let shown_at = RwSignal::new(now());
    let history = RwSignal::new(Vec::<Undo>::new());
    let done = RwSignal::new(0usize);
    // Learning cards fall due while the page is open: look again every 15 s.
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(15)) {
        on_cleanup(move || handle.clear());
    }
    let current = Memo::new(move |_| {
        tick.track();
        store.progress.with(|progress| match final_day {
            Some(day) => {
                let clock = clock();
                let at = interview_moment(day, clock.utc_offset_minutes);
                let today = local_day(clock.now, clock.utc_offset_minutes);
                let fsrs = progress.settings.scheduler();
                let weakest = weakest_first(progress, &fsrs, &ids, at, today, clock.utc_offset_minutes);
                match weakest.first() {
                    Some(&next) => Queue { next: Some(next), remaining: weakest.len(), next_due: None },
                    // Every card seen has had its final review today: what the schedule still has.
                    None => scope.queue(progress, clock),
                }
            }
            None => scope.queue(progress, clock()),
        })
    });

    let title = scope_name.clone();
    Effect::new(move |_| {
        let s = lang.get().strings();
        enter_page(title.as_ref().map_or(s.review_title.to_string(), |name| format!("{} — {name}", s.review_title)), None);
    });

    let actions = Actions { store, revealed, shown_at, history, done, current };
    let listener = window_event_listener(leptos::ev::keydown, move |event| actions.key(&event));
    on_cleanup(move || listener.remove());

    (move || {
        let lang = lang.get();
        let s = lang.strings();
        let queue = current.get();
        let total = done.get() + queue.remaining;
        view! {
            <h1 tabindex="-1">{s.review_title}</h1>
            {scope_name.clone().map(|name| view! { <p class="crumbs" id="review-scope">{name}</p> })}
            {final_day.map(|_| view! { <p class="hint">{s.final_review_lead}</p> })}
            <p class="hint keys">{s.keys_hint}</p>
            <div class="session">
                <progress max=total.max(1) value=done.get() aria-label=s.review_progress></progress>
                <span>{format!("{} / {total}", done.get())}</span>
            </div>
            {match queue.next {
                Some(id) => {
                    let index = card_index(id);
                    let topic = deck().cards[index].topic as usize;
                    match at_hand::card(index) {
                        // Kept from the last visit: shown at once, its topic fetched after the first frame.
                        Some(card) => {
                            mark(CONTENT_READY);
                            use_content().fetch_after_frame(vec![topic]);
                            view! { <ReviewCard card lang actions /> }.into_any()
                        }
                        // Read from `deck()` inside: the card's HTML is there once its topic is.
                        None => view! {
                            <WithContent ready=topics_ready(vec![topic])>
                                <ReviewCard card=&deck().cards[index] lang actions />
                            </WithContent>
                        }.into_any(),
                    }
                }
                None => finished(lang, &queue).into_any(),
            }}
        }
    })
    .into_any()
}

fn finished(lang: Lang, queue: &Queue) -> impl IntoView + use<> {
    let s = lang.strings();
    let next = match queue.next_due {
        Some(due) => format!("{} {}.", s.next_due_in, lang.interval(due - now())),
        None => s.nothing_scheduled.to_string(),
    };
    focus("finished");
    prerendered::take_over();
    view! {
        <section class="finished" aria-labelledby="finished">
            <h2 id="finished" tabindex="-1">{s.finished_title}</h2>
            <p>{next}</p>
            <p><a href="#/">{s.all_topics}</a></p>
        </section>
    }
}

/// Brings the answer into view once drawn: on a phone the grade buttons take the bottom of the screen, and after
/// a long question the answer would start below them. The card then scrolls to the top, question included.
fn show_answer() {
    request_animation_frame(|| {
        let doc = document();
        let (Ok(Some(card)), Ok(Some(answer))) = (doc.query_selector(".review-card"), doc.query_selector(".review-card .a"))
        else {
            return;
        };
        let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        if answer.get_bounding_client_rect().top() > height * 0.6 {
            card.scroll_into_view();
        }
    });
}

/// What the buttons and keys do; `Copy` so every handler can own it.
#[derive(Clone, Copy)]
struct Actions {
    store: Store,
    revealed: RwSignal<bool>,
    shown_at: RwSignal<i64>,
    history: RwSignal<Vec<Undo>>,
    done: RwSignal<usize>,
    current: Memo<Queue<'static>>,
}

impl Actions {
    fn reveal(&self) {
        self.revealed.set(true);
        focus("grade-3");
        show_answer();
    }

    fn grade(&self, grade: Grade) {
        let Some(id) = self.current.get_untracked().next else { return };
        if !self.revealed.get_untracked() {
            return;
        }
        mark(GRADE_START);
        let answer_ms = (now() - self.shown_at.get_untracked()).clamp(0, u32::MAX as i64) as u32;
        let undo = self.store.change(|p| p.grade(id, &p.settings.scheduler(), grade, now(), answer_ms));
        self.history.update(|h| h.push(undo));
        self.done.update(|d| *d += 1);
        self.next_card();
    }

    fn undo(&self) {
        let Some(undo) = self.history.try_update(|h| h.pop()).flatten() else { return };
        self.store.change(|p| p.undo(&undo));
        self.done.update(|d| *d = d.saturating_sub(1));
        self.next_card();
    }

    fn bury(&self) {
        if let Some(id) = self.current.get_untracked().next {
            let clock = crate::store::clock();
            self.store.change(|p| p.bury(id, clock.now, clock.utc_offset_minutes));
            self.next_card();
        }
    }

    fn suspend(&self) {
        if let Some(id) = self.current.get_untracked().next {
            self.store.change(|p| p.set_suspended(id, true, now()));
            self.next_card();
        }
    }

    fn next_card(&self) {
        self.revealed.set(false);
        self.shown_at.set(now());
        focus("reveal");
    }

    fn key(&self, event: &web_sys::KeyboardEvent) {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let on_control = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "BUTTON" | "A" | "INPUT" | "TEXTAREA" | "SUMMARY" | "SELECT"));
        let code = event.code();
        match code.as_str() {
            // A focused control answers Space/Enter itself (the reveal and Good buttons get the focus).
            "Space" | "Enter" | "NumpadEnter" if !on_control => {
                event.prevent_default();
                if self.revealed.get_untracked() {
                    self.grade(Grade::Good);
                } else if self.current.get_untracked().next.is_some() {
                    self.reveal();
                }
            }
            "Digit1" | "Digit2" | "Digit3" | "Digit4" | "Numpad1" | "Numpad2" | "Numpad3" | "Numpad4" => {
                let digit = code.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0) as usize;
                self.grade(Grade::ALL[digit - 1]);
            }
            // By key position, so `u` works on a Russian layout too.
            "KeyU" => self.undo(),
            _ => {}
        }
    }
}

#[component]
fn ReviewCard(card: &'static Card, lang: Lang, actions: Actions) -> impl IntoView {
    let s = lang.strings();
    let store = actions.store;
    let notes_href = card_note_href(card);
    let leech = store.progress.with_untracked(|p| p.card(card.id).leech);
    let previews = move || {
        let at = now();
        store.progress.with_untracked(|p| p.settings.scheduler().preview(&p.card(card.id).memory, at)).map(|p| p.interval_ms(at))
    };
    // An effect runs once the card's view is mounted, so the mark means "on screen and clickable".
    Effect::new(move |_| {
        // The card index.html showed before the app ran is this one: the page is ours from here.
        if prerendered::take_over() {
            actions.reveal();
        }
        mark(CARD_SHOWN);
        at_hand::keep_later(store, card.id);
    });
    view! {
        <article class="review-card" aria-labelledby="review-question">
            <p class="crumbs">{card_place(card)}</p>
            {leech.then(|| view! { <p class="leech"><strong>{s.leech}</strong>": "{s.leech_hint}" "<a href=notes_href.clone()>{s.open_in_notes}</a></p> })}
            <div id="review-question" class="q" inner_html=card.question></div>
            {move || if actions.revealed.get() {
                let intervals = previews();
                view! {
                    <div class="a" inner_html=card.answer></div>
                    <div class="grades" role="group" aria-label=s.grade_group>
                        {Grade::ALL.iter().zip(intervals).map(|(grade, interval)| {
                            let grade = *grade;
                            view! {
                                <button type="button" id=format!("grade-{}", grade.key()) class=format!("grade grade-{}", grade.key()) on:click=move |_| actions.grade(grade)>
                                    <span class="grade-name">{s.grades[grade as usize]}</span>
                                    <span class="grade-interval">{lang.interval(interval)}</span>
                                    <kbd>{grade.key()}</kbd>
                                </button>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            } else {
                view! { <button type="button" id="reveal" class="primary reveal" on:click=move |_| actions.reveal()>{s.show_answer}" "<kbd>"␣"</kbd></button> }.into_any()
            }}
            <div class="card-actions">
                <button type="button" on:click=move |_| actions.undo() disabled=move || actions.history.with(Vec::is_empty)>{s.undo}" "<kbd>"u"</kbd></button>
                <button type="button" on:click=move |_| actions.bury()>{s.bury}</button>
                <button type="button" on:click=move |_| actions.suspend()>{s.suspend}</button>
                <a href=notes_href>{s.open_in_notes}</a>
            </div>
        </article>
    }
}
