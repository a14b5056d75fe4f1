//! The mock interview: open questions one at a time with a running clock, the learner's answer in a text box
//! (or aloud), then the model answer and a self-grade (Не знал / Частично / Знал, keys 1–3). The report lists
//! the questions by grade with links to the notes; the record goes to the progress store and feeds mastery.

use crate::content::{deck, every_topic, topics_ready, WithContent};
use crate::deck::OUTLINE;
use crate::i18n::{duration, Lang};
use crate::page::{enter_page, focus_element, use_lang};
use crate::pages::aloud::{Playback, RecordButton, Recorder, RecordingsList};
use crate::pages::quiz::random_seed;
use crate::pages::topic::card_note_href;
use crate::store::{now, use_store, Store};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use trainer_core::interview::{pick_questions, DEFAULT_LENGTH, LENGTHS};
use trainer_core::mastery::mastery;
use trainer_core::model::Card;
use trainer_core::progress::{InterviewAnswer, InterviewRecord, SelfGrade};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Choosing,
    Asking,
    Report,
}

/// The interview's state; `Copy` so every handler can own it.
#[derive(Clone, Copy)]
struct Interview {
    store: Store,
    stage: RwSignal<Stage>,
    length: RwSignal<usize>,
    cards: RwSignal<Vec<u32>>,
    index: RwSignal<usize>,
    revealed: RwSignal<bool>,
    grades: RwSignal<Vec<InterviewAnswer>>,
    started_at: RwSignal<i64>,
    question_at: RwSignal<i64>,
    /// Time spent before the model answer was shown.
    answer_ms: RwSignal<u64>,
    /// The clock the timers show, ticking every second.
    clock: RwSignal<i64>,
    /// The question's timer counts down from `ANSWER_LIMIT_MS`, as in a real interview.
    countdown: RwSignal<bool>,
    recorder: Recorder,
}

/// The answer time of the optional countdown.
const ANSWER_LIMIT_MS: i64 = 2 * 60_000;

/// A drawn card, with its HTML once every topic is fetched.
fn card(index: u32) -> &'static Card {
    &deck().cards[index as usize]
}

impl Interview {
    fn start(&self) {
        let at = now();
        let map = self.store.progress.with_untracked(|p| mastery(&OUTLINE, p, at));
        self.cards.set(pick_questions(&deck(), &map, self.length.get_untracked(), random_seed()));
        self.index.set(0);
        self.grades.set(Vec::new());
        self.revealed.set(false);
        self.started_at.set(at);
        self.question_at.set(at);
        self.stage.set(Stage::Asking);
        focus_element("interview-answer");
    }

    fn reveal(&self) {
        if self.stage.get_untracked() != Stage::Asking || self.revealed.get_untracked() {
            return;
        }
        self.answer_ms.set((now() - self.question_at.get_untracked()).max(0) as u64);
        // The recording is offered beside the model answer once it is stopped.
        self.recorder.stop();
        self.revealed.set(true);
        focus_element("self-grade-1");
    }

    fn grade(&self, grade: SelfGrade) {
        if !self.revealed.get_untracked() {
            return;
        }
        let card = card(self.cards.with_untracked(|c| c[self.index.get_untracked()]));
        let answer = InterviewAnswer {
            card: card.id.to_string(),
            section: deck().section_key(card.topic, card.section),
            grade,
            answer_ms: self.answer_ms.get_untracked(),
        };
        self.grades.update(|g| g.push(answer));
        self.recorder.next_question();
        if self.index.get_untracked() + 1 < self.cards.with_untracked(Vec::len) {
            self.index.update(|i| *i += 1);
            self.revealed.set(false);
            self.question_at.set(now());
            focus_element("interview-answer");
        } else {
            self.finish();
        }
    }

    fn finish(&self) {
        let at = now();
        let record = InterviewRecord {
            at,
            duration_ms: (at - self.started_at.get_untracked()).max(0) as u64,
            answers: self.grades.get_untracked(),
        };
        self.store.change(|p| p.interviews.push(record));
        self.stage.set(Stage::Report);
        focus_element("interview-report");
    }

    fn key(&self, event: &web_sys::KeyboardEvent) {
        let typing = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).is_some();
        let code = event.code();
        match code.as_str() {
            // In the answer box Ctrl+Enter shows the model answer; Enter stays a new line.
            "Enter" | "NumpadEnter" if typing && (event.ctrl_key() || event.meta_key()) => {
                event.prevent_default();
                self.reveal();
            }
            "Digit1" | "Digit2" | "Digit3" | "Numpad1" | "Numpad2" | "Numpad3" if !typing && !event.ctrl_key() => {
                let digit = code.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(1) as usize;
                self.grade(SelfGrade::ALL[digit - 1]);
            }
            _ => {}
        }
    }
}

#[component]
pub fn InterviewPage() -> impl IntoView {
    let lang = use_lang();
    let interview = Interview {
        store: use_store(),
        stage: RwSignal::new(Stage::Choosing),
        length: RwSignal::new(DEFAULT_LENGTH),
        cards: RwSignal::new(Vec::new()),
        index: RwSignal::new(0),
        revealed: RwSignal::new(false),
        grades: RwSignal::new(Vec::new()),
        started_at: RwSignal::new(now()),
        question_at: RwSignal::new(now()),
        answer_ms: RwSignal::new(0),
        clock: RwSignal::new(now()),
        countdown: RwSignal::new(false),
        recorder: Recorder::for_page(),
    };
    Effect::new(move |_| enter_page(lang.get().strings().interview_title.to_string(), None));
    if let Ok(handle) = set_interval_with_handle(move || interview.clock.set(now()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let listener = window_event_listener(leptos::ev::keydown, move |event| interview.key(&event));
    on_cleanup(move || listener.remove());
    // Questions come from any topic: fetch them all while the learner chooses the length.
    let ready = topics_ready(every_topic());
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let body = match interview.stage.get() {
            Stage::Choosing => view! { <Choosing interview lang /> }.into_any(),
            Stage::Asking => view! { <WithContent ready><Asking interview lang /></WithContent> }.into_any(),
            Stage::Report => view! { <WithContent ready><Report interview lang /></WithContent> }.into_any(),
        };
        view! {
            <h1 tabindex="-1">{s.interview_title}</h1>
            {body}
        }
    }
}

#[component]
fn Choosing(interview: Interview, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        interview.start();
    };
    view! {
        <p class="lead">{s.interview_lead}</p>
        <form on:submit=start>
            <fieldset>
                <legend>{s.interview_length}</legend>
                {LENGTHS.iter().map(|&n| {
                    let id = format!("interview-length-{n}");
                    view! {
                        <span class="radio">
                            <input type="radio" name="interview-length" id=id.clone() prop:checked=move || interview.length.get() == n
                                on:change=move |_| interview.length.set(n) />
                            <label for=id>{n}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <p>
                <label>
                    <input type="checkbox" id="interview-countdown" prop:checked=move || interview.countdown.get()
                        on:change=move |e| interview.countdown.set(event_target_checked(&e)) />
                    " "{s.answer_timer}
                </label>
            </p>
            <button type="submit" class="primary" id="interview-start">{s.interview_start}</button>
        </form>
        <RecordingsList recorder=interview.recorder lang />
    }
}

#[component]
fn Asking(interview: Interview, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    move || {
        let index = interview.index.get();
        let total = interview.cards.with(Vec::len);
        let card = card(interview.cards.with(|c| c[index]));
        let topic = &deck().topics[card.topic as usize];
        let timers = move || {
            let at = interview.clock.get();
            let spent = at - interview.question_at.get();
            let question = match ANSWER_LIMIT_MS - spent {
                _ if !interview.countdown.get() => format!("{} {}", s.timer_question, duration(spent)),
                left if left > 0 => format!("{} {}", s.timer_left, duration(left)),
                _ => s.timer_over.to_string(),
            };
            format!("{question} · {} {}", s.timer_total, duration(at - interview.started_at.get()))
        };
        view! {
            <div class="session">
                <progress max=total value=index aria-label=s.interview_title></progress>
                <span>{format!("{} {} / {total}", s.question_word, index + 1)}</span>
                <span class="timer" role="timer" aria-live="off">{timers}</span>
            </div>
            <p class="crumbs">{topic.title}</p>
            <div id="interview-question" class="q" inner_html=card.question></div>
            <label for="interview-answer">{s.interview_answer_label}</label>
            <textarea id="interview-answer" rows="6" aria-describedby="interview-question"></textarea>
            <RecordButton recorder=interview.recorder card=card.id lang />
            {move || if interview.revealed.get() {
                view! {
                    <section class="model-answer" aria-labelledby="model-answer">
                        <h2 id="model-answer">{s.model_answer}</h2>
                        <div class="a" inner_html=card.answer></div>
                        <p><a href=card_note_href(card)>{s.open_in_notes}</a></p>
                    </section>
                    <Playback recorder=interview.recorder lang />
                    <p class="hint keys">{s.interview_keys_hint}</p>
                    <div class="grades self-grades" role="group" aria-label=s.self_grade_group>
                        {SelfGrade::ALL.iter().enumerate().map(|(i, &grade)| view! {
                            <button type="button" id=format!("self-grade-{}", i + 1) class=format!("grade grade-{}", i + 1)
                                on:click=move |_| interview.grade(grade)>
                                <span class="grade-name">{s.self_grades[i]}</span><kbd>{i + 1}</kbd>
                            </button>
                        }).collect_view()}
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="primary" id="show-model-answer" on:click=move |_| interview.reveal()>
                        {s.show_model_answer}" "<kbd>"Ctrl+Enter"</kbd>
                    </button>
                }.into_any()
            }}
        }
    }
}

#[component]
fn Report(interview: Interview, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let answers = interview.grades.get_untracked();
    let spent = now() - interview.started_at.get_untracked();
    let groups = SelfGrade::ALL.iter().enumerate().map(|(i, &grade)| {
        let cards: Vec<&'static Card> =
            answers.iter().filter(|a| a.grade == grade).filter_map(|a| deck().cards.iter().find(|c| c.id == a.card)).collect();
        let heading_id = format!("report-{}", i + 1);
        let labelled_by = heading_id.clone();
        view! {
            <section aria-labelledby=labelled_by>
                <h3 id=heading_id>{format!("{} ({})", s.self_grades[i], cards.len())}</h3>
                <ul class="report-list">
                    {cards.into_iter().map(|card| view! {
                        <li>
                            <div class="q" inner_html=card.question></div>
                            <a href=card_note_href(card)>{s.open_in_notes}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <section class="results" aria-labelledby="interview-report">
            <h2 id="interview-report" tabindex="-1">{s.interview_report}</h2>
            <p>{s.quiz_time}": "{duration(spent)}</p>
            {groups.collect_view()}
            <p><button type="button" id="interview-again" on:click=move |_| interview.stage.set(Stage::Choosing)>{s.interview_again}</button></p>
        </section>
        <RecordingsList recorder=interview.recorder lang />
    }
}
