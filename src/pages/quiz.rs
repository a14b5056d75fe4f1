//! Quizzes. `#/quiz` chooses topics and a length and lists past quizzes; `#/quiz/run?…` runs the quiz its
//! link describes (a link without a seed gets one first, so the address bar always holds a shareable quiz).
//! Keys: 1–9 or A–I pick an option, Enter answers and then moves on; the same with touch and buttons.

use crate::content::{deck, every_topic, topics_ready, WithContent};
use crate::deck::OUTLINE;
use crate::i18n::{duration, Lang, Strings};
use crate::page::{enter_page, focus_element, local_time, use_lang};
use crate::pages::not_found::NotFound;
use crate::pages::topic::{card_anchor, quiz_anchor};
use crate::routes::{QuizLink, Route};
use crate::share::ShareButton;
use crate::store::{now, use_store, Store};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use trainer_core::answer::DiffPart;
use trainer_core::mastery::{mastery, weakest_sections, wrong_before};
use trainer_core::progress::{QuizAnswer, QuizRecord};
use trainer_core::quiz::{build, cards_to_review, option_letter, sections_of, Kind, Question, Response, Spec};

const LENGTHS: [Option<usize>; 3] = [Some(10), Some(20), None];
/// The weak-spots quiz draws from this many of the weakest sections (plus earlier wrong answers).
const WEAK_SECTIONS: usize = 5;

/// A random quiz seed: 53 bits are plenty and survive the trip through a JS number.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

#[component]
pub fn QuizSetupPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    Effect::new(move |_| enter_page(lang.get().strings().quiz_title.to_string(), None));
    let chosen = RwSignal::new(vec![false; deck().topics.len()]);
    let length = RwSignal::new(LENGTHS[0]);
    let missing_topic = RwSignal::new(false);
    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let topics: Vec<String> =
            chosen.get_untracked().iter().zip(deck().topics).filter(|(on, _)| **on).map(|(_, t)| t.slug.to_string()).collect();
        missing_topic.set(topics.is_empty());
        if !topics.is_empty() {
            let link = QuizLink { topics, length: length.get_untracked(), seed: Some(random_seed()), ..Default::default() };
            let _ = window().location().set_hash(&link.href());
        }
    };
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let weak = QuizLink { weak: true, length: Some(10), ..Default::default() };
        view! {
            <h1 tabindex="-1">{s.quiz_title}</h1>
            <p class="lead">{s.quiz_lead}</p>
            <p class="actions">
                <a class="button" href=weak.href()>{s.weak_quiz}</a>
                <a class="button" href="#/interview">{s.interview_title}</a>
            </p>
            <form class="quiz-setup" on:submit=start>
                <fieldset>
                    <legend>{s.quiz_topics}</legend>
                    <ul class="checks">
                        {deck().topics.iter().enumerate().map(|(index, topic)| {
                            let id = format!("topic-{}", topic.slug);
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() prop:checked=move || chosen.get()[index]
                                        on:change=move |_| chosen.update(|c| c[index] = !c[index]) />
                                    <label for=id>{topic.title}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <fieldset>
                    <legend>{s.quiz_length}</legend>
                    {LENGTHS.iter().map(|&choice| {
                        let id = format!("length-{}", choice.map_or("all".to_string(), |n| n.to_string()));
                        let label = choice.map_or(s.quiz_all.to_string(), |n| n.to_string());
                        view! {
                            <span class="radio">
                                <input type="radio" name="length" id=id.clone() prop:checked=move || length.get() == choice
                                    on:change=move |_| length.set(choice) />
                                <label for=id>{label}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
                {move || missing_topic.get().then(|| view! { <p class="error" role="alert">{s.quiz_pick_topic}</p> })}
                <button type="submit" class="primary" id="quiz-start">{s.quiz_start}</button>
            </form>
            <QuizHistory store lang />
        }
    }
}

/// Every quiz taken, newest first, with a link to take it again.
#[component]
pub fn QuizHistory(store: Store, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let rows = move || {
        store.progress.with(|p| {
            p.quizzes
                .iter()
                .rev()
                .map(|quiz| {
                    let right = quiz.answers.iter().filter(|a| a.correct).count();
                    view! {
                        <li>
                            <span>{local_time(quiz.at, lang)}</span>" · "
                            <span>{format!("{} {right} / {}", s.quiz_score, quiz.answers.len())}</span>" · "
                            <span>{duration(quiz.duration_ms as i64)}</span>" · "
                            <a href=quiz.link.clone()>{s.quiz_retake}</a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || store.progress.with(|p| p.quizzes.is_empty());
    view! {
        <section aria-labelledby="quiz-history">
            <h2 id="quiz-history">{s.quiz_history}</h2>
            <Show when=move || !empty() fallback=move || view! { <p>{s.quiz_history_empty}</p> }>
                <ol class="history">{rows}</ol>
            </Show>
        </section>
    }
}

#[component]
pub fn QuizPage(link: QuizLink) -> impl IntoView {
    let Some(seed) = link.seed else {
        // Give the link its seed in place (no new history entry); the route change renders the quiz.
        let seeded = QuizLink { seed: Some(random_seed()), ..link };
        let _ = window().location().replace(&seeded.href());
        return ().into_any();
    };
    let store = use_store();
    let spec = if link.weak {
        store.progress.with_untracked(|p| {
            let map = mastery(&OUTLINE, p, now());
            Some(Spec {
                sections: weakest_sections(&deck(), &map, WEAK_SECTIONS),
                first: wrong_before(p),
                length: link.length,
                seed,
            })
        })
    } else {
        sections_of(&deck(), &link.topics, link.section.as_deref()).map(|sections| Spec {
            sections,
            first: Default::default(),
            length: link.length,
            seed,
        })
    };
    let Some(spec) = spec else {
        return view! { <NotFound /> }.into_any();
    };
    // The weak-spots quiz also asks earlier wrong answers from anywhere: it waits for every topic.
    let mut topics: Vec<usize> = match link.weak {
        true => every_topic(),
        false => spec.sections.iter().map(|&(topic, _)| topic as usize).collect(),
    };
    topics.sort_unstable();
    topics.dedup();
    let spec = StoredValue::new(spec);
    view! {
        <WithContent ready=topics_ready(topics)>
            <QuizRun spec=spec.get_value() link=link.clone() />
        </WithContent>
    }
    .into_any()
}

/// A quiz drawn once its topics' HTML is here.
#[component]
fn QuizRun(spec: Spec, link: QuizLink) -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let scope = scope_name(&link);
    let run = Run::start(store, build(&deck(), &spec), link.href());
    Effect::new({
        let scope = scope.clone();
        move |_| {
            let s = lang.get().strings();
            enter_page(format!("{} — {}", s.quiz_title, scope(s)), None);
        }
    });
    let listener = window_event_listener(leptos::ev::keydown, move |event| run.key(&event));
    on_cleanup(move || listener.remove());
    move || {
        let lang = lang.get();
        let s = lang.strings();
        let body = if run.questions.with(Vec::is_empty) {
            view! { <p>{s.quiz_empty}</p> }.into_any()
        } else if run.finished_at.get().is_some() {
            view! { <Results run lang /> }.into_any()
        } else {
            view! { <Asking run lang /> }.into_any()
        };
        let title = format!("{} — {}", s.quiz_title, scope(s));
        view! {
            <h1 tabindex="-1">{s.quiz_title}</h1>
            <p class="crumbs">{scope(s)}" "<ShareButton route=run.link.get_value() title /></p>
            {body}
        }
    }
}

/// What the quiz covers, for the title: topic titles, a section, or "weak spots".
fn scope_name(link: &QuizLink) -> impl Fn(&'static Strings) -> String + Clone + 'static {
    let link = link.clone();
    move |s| {
        if link.weak {
            return s.weak_quiz_title.to_string();
        }
        let topics: Vec<_> = link.topics.iter().filter_map(|slug| deck().topic(slug)).map(|(_, t)| t).collect();
        match (topics.as_slice(), &link.section) {
            ([], _) => s.all_topics.to_string(),
            ([topic], Some(slug)) => {
                let section = topic.sections.iter().find(|sec| &sec.slug == slug).map_or("", |sec| sec.title);
                format!("{} › {section}", topic.title)
            }
            (topics, _) => topics.iter().map(|t| t.title).collect::<Vec<_>>().join(", "),
        }
    }
}

/// The quiz in progress; `Copy` so every handler can own it.
#[derive(Clone, Copy)]
struct Run {
    store: Store,
    link: StoredValue<String>,
    /// Every question of the link, for taking the quiz again.
    all: StoredValue<Vec<Question>>,
    /// The questions of this round: all of them, or the wrong ones when retrying.
    questions: RwSignal<Vec<Question>>,
    index: RwSignal<usize>,
    picked: RwSignal<Vec<usize>>,
    typed: RwSignal<String>,
    /// The response to each question answered so far, with whether it was right.
    answers: RwSignal<Vec<(Response, bool)>>,
    started_at: RwSignal<i64>,
    finished_at: RwSignal<Option<i64>>,
    /// Cards sent back to review from the results screen.
    requeued: RwSignal<Option<usize>>,
}

impl Run {
    fn start(store: Store, questions: Vec<Question>, link: String) -> Run {
        Run {
            store,
            link: StoredValue::new(link),
            all: StoredValue::new(questions.clone()),
            questions: RwSignal::new(questions),
            index: RwSignal::new(0),
            picked: RwSignal::new(Vec::new()),
            typed: RwSignal::new(String::new()),
            answers: RwSignal::new(Vec::new()),
            started_at: RwSignal::new(now()),
            finished_at: RwSignal::new(None),
            requeued: RwSignal::new(None),
        }
    }

    fn current(&self) -> Option<Question> {
        self.questions.with_untracked(|q| q.get(self.index.get_untracked()).cloned())
    }

    /// Whether the current question has been answered (its feedback is showing).
    fn answered(&self) -> bool {
        self.answers.with_untracked(Vec::len) > self.index.get_untracked()
    }

    fn pick(&self, option: usize) {
        let Some(question) = self.current() else { return };
        if self.answered() || option >= question.options.len() {
            return;
        }
        if question.is_multiple() {
            self.picked.update(|p| match p.iter().position(|&o| o == option) {
                Some(at) => {
                    p.remove(at);
                }
                None => p.push(option),
            });
        } else {
            self.picked.set(vec![option]);
        }
    }

    /// Enter: answers the question, or after the feedback moves on.
    fn advance(&self) {
        if self.finished_at.get_untracked().is_some() {
            return;
        }
        if self.answered() {
            self.next();
            return;
        }
        let Some(question) = self.current() else { return };
        let response = match question.kind {
            Kind::Typed => Response::Typed(self.typed.get_untracked()),
            _ => Response::Picked(self.picked.get_untracked()),
        };
        let empty = match &response {
            Response::Typed(text) => text.trim().is_empty(),
            Response::Picked(picked) => picked.is_empty(),
        };
        if empty {
            return;
        }
        let right = question.is_right(&response);
        self.answers.update(|a| a.push((response, right)));
        focus_element("quiz-next");
    }

    fn next(&self) {
        self.picked.set(Vec::new());
        self.typed.set(String::new());
        if self.index.get_untracked() + 1 < self.questions.with_untracked(Vec::len) {
            self.index.update(|i| *i += 1);
            self.focus_answer();
        } else {
            self.finish();
        }
    }

    /// Ends the quiz and records it in the progress store.
    fn finish(&self) {
        let at = now();
        self.finished_at.set(Some(at));
        let answers: Vec<QuizAnswer> = self.questions.with_untracked(|questions| {
            self.answers.with_untracked(|answers| {
                questions
                    .iter()
                    .zip(answers)
                    .map(|(q, (response, right))| QuizAnswer {
                        item: q.key.clone(),
                        section: deck().section_key(q.topic, q.section),
                        correct: *right,
                        given: Question::describe(response),
                    })
                    .collect()
            })
        });
        let record = QuizRecord {
            at,
            link: self.link.get_value(),
            duration_ms: (at - self.started_at.get_untracked()).max(0) as u64,
            answers,
        };
        self.store.change(|p| p.quizzes.push(record));
        focus_element("quiz-results");
    }

    fn wrong(&self) -> Vec<Question> {
        self.questions.with_untracked(|questions| {
            self.answers.with_untracked(|answers| {
                questions.iter().zip(answers).filter(|(_, (_, right))| !right).map(|(q, _)| q.clone()).collect()
            })
        })
    }

    /// Moves the focus to where the current question is answered.
    fn focus_answer(&self) {
        let typed = self.current().is_some_and(|q| q.kind == Kind::Typed);
        focus_element(if typed { "typed" } else { "choice-0" });
    }

    /// Starts over with `questions`: all of them again, or only the wrong ones.
    fn restart(&self, questions: Vec<Question>) {
        self.questions.set(questions);
        self.index.set(0);
        self.answers.set(Vec::new());
        self.requeued.set(None);
        self.started_at.set(now());
        self.finished_at.set(None);
        self.focus_answer();
    }

    fn add_wrong_to_review(&self) {
        let cards = cards_to_review(&deck(), &self.wrong());
        let at = now();
        self.store.change(|p| cards.iter().for_each(|id| p.requeue(id, at)));
        self.requeued.set(Some(cards.len()));
    }

    fn key(&self, event: &web_sys::KeyboardEvent) {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || self.finished_at.get_untracked().is_some() {
            return;
        }
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
        let typing = tag == "TEXTAREA"
            || (tag == "INPUT" && target.as_ref().and_then(|t| t.get_attribute("type")).as_deref() == Some("text"));
        let code = event.code();
        // Digits and letters by key position, so they work on a Russian layout too.
        let option = match code.as_str() {
            c if c.starts_with("Digit") || c.starts_with("Numpad") => {
                c.chars().last().and_then(|d| d.to_digit(10)).map(|d| d as usize).filter(|d| *d > 0).map(|d| d - 1)
            }
            c if c.len() == 4 && c.starts_with("Key") => {
                c.chars().last().filter(|l| ('A'..='I').contains(l)).map(|l| l as usize - 'A' as usize)
            }
            _ => None,
        };
        match code.as_str() {
            // A text field submits its form; a focused button or link answers Enter itself.
            "Enter" | "NumpadEnter" if !typing && !matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY") => {
                event.prevent_default();
                self.advance();
            }
            _ if !typing => {
                if let Some(option) = option {
                    event.prevent_default();
                    self.pick(option);
                }
            }
            _ => {}
        }
    }
}

/// Where a question comes from in the reader: its card, or the authored item itself.
fn notes_href(question: &Question) -> String {
    let anchor = match question.card {
        Some(card) => card_anchor(&deck().cards[card as usize]),
        None => {
            let id = question.key.strip_prefix("q:");
            quiz_anchor(deck().quizzes.iter().find(|q| id == Some(q.id)).expect("an authored item"))
        }
    };
    Route::Note { anchor }.href()
}

#[component]
fn Asking(run: Run, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    move || {
        let index = run.index.get();
        let total = run.questions.with(Vec::len);
        let Some(question) = run.questions.with(|q| q.get(index).cloned()) else { return ().into_any() };
        let answered = move || run.answers.with(|a| a.get(index).cloned());
        let kind_label = match question.kind {
            Kind::Authored if question.is_multiple() => s.multiple_answers,
            Kind::Authored | Kind::Choice => s.kind_choice,
            Kind::Reverse => s.kind_reverse,
            Kind::Typed => s.kind_typed,
        };
        let input_type = if question.is_multiple() { "checkbox" } else { "radio" };
        let options = question.options.clone().into_iter().enumerate().map(|(i, option)| {
            let class = move || {
                let picked = run.picked.with(|p| p.contains(&i));
                match answered() {
                    None => if picked { "choice picked" } else { "choice" },
                    Some(_) if option.correct => "choice right",
                    Some(_) if picked => "choice wrong",
                    Some(_) => "choice",
                }
            };
            let html = option.html;
            let correct = option.correct;
            view! {
                <li>
                    <label class=class>
                        <input type=input_type name="choice" id=format!("choice-{i}") prop:checked=move || run.picked.with(|p| p.contains(&i))
                            disabled=move || answered().is_some() on:change=move |_| run.pick(i) />
                        <kbd>{option_letter(i).to_string()}</kbd>
                        <span inner_html=html></span>
                        {move || (answered().is_some() && correct).then(|| view! { <span class="mark">" ✓ "{s.correct_option}</span> })}
                    </label>
                </li>
            }
        }).collect_view();
        let typed_input = (question.kind == Kind::Typed).then(|| {
            view! {
                <label for="typed">{s.typed_label}</label>
                <input type="text" id="typed" autocomplete="off" autocapitalize="off" spellcheck="false"
                    prop:value=move || run.typed.get() on:input=move |e| run.typed.set(event_target_value(&e))
                    readonly=move || answered().is_some() />
            }
        });
        let feedback = {
            let question = question.clone();
            move || answered().map(|(response, right)| view! { <Feedback question=question.clone() response right s /> })
        };
        let submit = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            run.advance();
        };
        view! {
            <div class="session">
                <progress max=total value=index aria-label=s.quiz_title></progress>
                <span>{format!("{} {} / {total}", s.question_word, index + 1)}</span>
            </div>
            <p class="hint keys">{s.quiz_keys_hint}</p>
            <form class="quiz-run" on:submit=submit>
                <div id="quiz-question" class="q" inner_html=question.prompt></div>
                <fieldset aria-describedby="quiz-question">
                    <legend>{kind_label}</legend>
                    {(!question.options.is_empty()).then(|| view! { <ol class="choices">{options}</ol> })}
                    {typed_input}
                </fieldset>
                {feedback}
                {move || match answered() {
                    None => view! { <button type="submit" class="primary" id="quiz-confirm">{s.quiz_confirm}" "<kbd>"Enter"</kbd></button> }.into_any(),
                    Some(_) => {
                        let label = if index + 1 == total { s.quiz_results_button } else { s.quiz_next };
                        view! { <button type="submit" class="primary" id="quiz-next">{label}" "<kbd>"Enter"</kbd></button> }.into_any()
                    }
                }}
            </form>
        }
        .into_any()
    }
}

#[component]
fn Feedback(question: Question, response: Response, right: bool, s: &'static Strings) -> impl IntoView {
    let diff = match (&response, right) {
        (Response::Typed(text), false) => {
            let check = question.check_typed(text);
            let parts = check.diff.into_iter().map(|part| match part {
                DiffPart::Same(t) => view! { <span>{t}</span> }.into_any(),
                DiffPart::Extra(t) => view! { <del>{t}</del> }.into_any(),
                DiffPart::Missing(t) => view! { <ins>{t}</ins> }.into_any(),
            });
            Some(view! {
                <p class="diff" id="typed-diff">{parts.collect_view()}</p>
                <p>{s.typed_diff_hint}" "<strong>{question.expected}</strong></p>
            })
        }
        _ => None,
    };
    let card_link = question.card.map(|_| view! { <p><a href=notes_href(&question)>{s.open_in_notes}</a></p> });
    view! {
        <div class=if right { "feedback right" } else { "feedback wrong" } role="status">
            <p class="verdict" id="quiz-verdict">{if right { s.quiz_right } else { s.quiz_wrong }}</p>
            {diff}
            {(!question.explanation.is_empty()).then(|| view! { <div class="prose" inner_html=question.explanation></div> })}
            {card_link}
        </div>
    }
}

#[component]
fn Results(run: Run, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let questions = run.questions.get_untracked();
    let answers = run.answers.get_untracked();
    let right = answers.iter().filter(|(_, r)| *r).count();
    let total = questions.len();
    let spent = run.finished_at.get_untracked().unwrap_or_default() - run.started_at.get_untracked();
    let any_wrong = right < total;
    let items = questions
        .iter()
        .zip(answers)
        .map(|(question, (response, right))| {
            let given = match &response {
                Response::Typed(text) => view! { <span>{text.clone()}</span> }.into_any(),
                Response::Picked(picked) => picked
                    .iter()
                    .map(|&i| view! { <span class="given"><kbd>{option_letter(i).to_string()}</kbd>" "<span inner_html=question.options[i].html></span></span> })
                    .collect_view()
                    .into_any(),
            };
            let expected = match question.kind {
                Kind::Typed => view! { <span>{question.expected}</span> }.into_any(),
                _ => question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, o)| view! { <span class="given"><kbd>{option_letter(i).to_string()}</kbd>" "<span inner_html=o.html></span></span> })
                    .collect_view()
                    .into_any(),
            };
            view! {
                <li class=if right { "result right" } else { "result wrong" }>
                    <p class="verdict">{if right { "✓ " } else { "✗ " }}{if right { s.quiz_right } else { s.quiz_wrong }}</p>
                    <div class="q" inner_html=question.prompt></div>
                    <p>{s.your_answer}": "{given}</p>
                    {(!right).then(|| view! { <p>{s.correct_option}": "{expected}</p> })}
                    <p><a href=notes_href(question)>{s.open_in_notes}</a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="quiz-results" class="results">
            <h2 id="quiz-results" tabindex="-1">{s.quiz_results}</h2>
            <p class="score" id="quiz-score">{format!("{}: {right} / {total} ({} %)", s.quiz_score, right * 100 / total.max(1))}</p>
            <p>{s.quiz_time}": "{duration(spent)}</p>
            <p class="actions">
                {any_wrong.then(|| view! {
                    <button type="button" id="retry-wrong" on:click=move |_| run.restart(run.wrong())>{s.retry_wrong}</button>
                    <button type="button" id="add-to-review" disabled=move || run.requeued.get().is_some()
                        on:click=move |_| run.add_wrong_to_review()>{s.add_wrong_to_review}</button>
                })}
                <button type="button" id="retake" on:click=move |_| run.restart(run.all.get_value())>{s.quiz_retake}</button>
                <a class="button" href="#/quiz">{s.new_quiz}</a>
            </p>
            {move || run.requeued.get().map(|n| view! {
                <p role="status" id="requeued">{format!("{}: {}.", s.added_to_review, lang.count(n, &s.cards))}" "<a href="#/review">{s.nav_review}</a></p>
            })}
            <ol class="results-list">{items}</ol>
        </section>
    }
}
