//! The stored layout of progress: round trips, what one grade writes at the scale of a season, the
//! capacity of 10,000 cards and 200,000 reviews, migration of version-2 documents, two tabs writing in turn,
//! interrupted writes, and refusal of corrupt keys.

use proptest::prelude::*;
use std::collections::BTreeMap;
use trainer_core::progress::{CardProgress, Fit, InterviewDay, Outcome, Progress, QuizRecord, ReviewEntry};
use trainer_core::scheduler::{Fsrs, Grade, Phase, DEFAULT_PARAMETERS};
use trainer_core::storage_layout::{from_text, stored_bytes, to_text, Layout, Op, QUOTA_BYTES, REVIEWS_PER_SEGMENT};

const NOON: i64 = 1_773_144_000_000;
const DAY: i64 = 86_400_000;

/// localStorage as a map; `limit` writes at most that many ops (a crash after them).
#[derive(Default, Clone)]
struct Store(BTreeMap<String, String>);

impl Store {
    fn run(&mut self, ops: &[Op], limit: usize) -> Vec<String> {
        let mut changed = Vec::new();
        for op in ops.iter().take(limit) {
            match op {
                Op::Set(k, v) => {
                    if self.0.insert(k.clone(), v.clone()).as_ref() != Some(v) {
                        changed.push(k.clone());
                    }
                }
                Op::Remove(k) => {
                    if self.0.remove(k).is_some() {
                        changed.push(k.clone());
                    }
                }
            }
        }
        changed
    }

    fn save(&mut self, layout: &mut Layout, progress: &mut Progress) -> Vec<String> {
        let keys: Vec<String> = self.0.keys().cloned().collect();
        let ops = layout.writes(progress, &|| keys.clone());
        let changed = self.run(&ops, ops.len());
        let n = ops.len();
        layout.written(ops, n);
        changed
    }

    /// A store holding `progress`, written whole by a new layout, and that layout.
    fn holding(progress: &mut Progress) -> (Store, Layout) {
        let (mut store, mut layout) = (Store::default(), Layout::new());
        store.save(&mut layout, progress);
        (store, layout)
    }

    fn load(&self) -> Progress {
        Layout::load(&|k| self.0.get(k).cloned()).expect("loads").expect("something stored").1
    }

    fn bytes(&self) -> usize {
        self.0.iter().map(|(k, v)| stored_bytes(k) + stored_bytes(v)).sum()
    }
}

fn card_id(n: usize) -> String {
    format!("topic-{}/section-{}/a-question-about-something-{n}", n % 20, n % 7)
}

/// A season: `reviews` grades spread over `cards` cards, a minute and a half apart, with real FSRS states.
fn season(cards: usize, reviews: usize) -> Progress {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    for i in 0..reviews {
        let grade = Grade::ALL[(i * 7 + i / 3) % 4];
        progress.grade(&card_id(i * 7919 % cards), &fsrs, grade, NOON + i as i64 * 97_000, 2000 + (i as u32 * 37) % 9000);
    }
    progress
}

/// The same shape at a scale where running the scheduler would slow the unoptimised test build: each card's
/// state is what FSRS gave it on its last grade in `season(cards, cards * 2)`, and the log varies as a real one.
fn long_season(cards: usize, reviews: usize) -> Progress {
    let mut progress = season(cards, cards * 2);
    progress.log = (0..reviews)
        .map(|i| ReviewEntry {
            card: card_id(i * 7919 % cards),
            at: NOON + i as i64 * 97_000 + (i as i64 * 7_919) % 60_000,
            grade: Grade::ALL[(i * 7 + i / 3) % 4],
            elapsed_days: (i % 40) as i64,
            scheduled_days: (i * 3 % 90) as i64,
            phase: [Phase::Learning, Phase::Review, Phase::Review, Phase::Relearning][i % 4],
            answer_ms: 2000 + (i as u32 * 37) % 9000,
        })
        .collect();
    progress
}

#[test]
fn text_packing_round_trips_and_avoids_surrogates() {
    for len in 0..64 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + len) as u8).collect();
        let text = to_text(&bytes);
        assert!(text.chars().all(|c| (0x4E00..0xD800).contains(&(c as u32))));
        assert_eq!(from_text(&text), Some(bytes));
    }
    assert_eq!(from_text("plain text"), None);
}

#[test]
fn a_season_round_trips_and_one_grade_writes_a_few_small_keys() {
    let mut progress = long_season(1186, 20_000);
    let (mut store, mut layout) = Store::holding(&mut progress);
    assert_eq!(store.load(), progress);

    let fsrs = Fsrs::new(0.9);
    progress.grade(&card_id(5), &fsrs, Grade::Good, NOON + 40 * DAY, 3000);
    let keys: Vec<String> = store.0.keys().cloned().collect();
    let ops = layout.writes(&mut progress, &|| keys.clone());
    let written: usize = ops.iter().map(|op| if let Op::Set(_, v) = op { v.chars().count() } else { 0 }).sum();
    assert!(ops.len() <= 3, "a grade writes the log's open segment, one bucket and meta: {ops:?}");
    assert!(written < 20_000, "a grade writes {written} characters");
    store.run(&ops, ops.len());
    layout.written(ops, 3);
    assert_eq!(store.load(), progress);
}

#[test]
fn ten_thousand_cards_and_two_hundred_thousand_reviews_fit_with_room_to_spare() {
    let mut progress = long_season(10_000, 200_000);
    let (store, layout) = Store::holding(&mut progress);
    let used = store.bytes();
    assert_eq!(layout.used_bytes(), used, "the layout's own count of what it stored");
    let chars = |part: &str| store.0.iter().filter(|(k, _)| k.contains(part)).map(|(_, v)| v.chars().count()).sum::<usize>();
    println!(
        "10,000 cards + 200,000 reviews: {used} bytes as WebKit counts ({:.1} % of {QUOTA_BYTES}), {} UTF-16 units as Chromium \
         and Firefox count; {:.2} characters per review, {:.1} per card state, {:.1} per card id",
        used as f64 * 100.0 / QUOTA_BYTES as f64,
        store.0.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum::<usize>(),
        chars(".log.") as f64 / 200_000.0,
        chars(".cards.") as f64 / 10_000.0,
        chars(".ids.") as f64 / 10_000.0
    );
    // Room to spare in the strictest engine: well under the share at which the app warns.
    assert!(used < QUOTA_BYTES * 2 / 3, "{used} bytes");
    assert_eq!(store.load(), progress);
}

#[test]
fn version_2_documents_migrate_with_nothing_lost() {
    let version_1 = r#"{"version":1,"settings":{"new_per_day":5,"reviews_per_day":50,"desired_retention":0.85},
        "cards":{"sql/joins/inner":{"memory":{"phase":"review","due":1773230400000,"stability":3.2,"difficulty":5.1,
        "elapsed_days":0,"scheduled_days":1,"reps":1,"lapses":0,"last_review":1773144000000},"updated":1773144000000}},
        "log":[{"card":"sql/joins/inner","at":1773144000000,"grade":"good","elapsed_days":0,"scheduled_days":1,
        "phase":"new","answer_ms":3000}]}"#;
    for json in [version_1.to_string(), season(300, 3000).to_json()] {
        let mut document = Progress::parse(&json).expect("a real document");
        let expected = document.clone();
        let (store, _) = Store::holding(&mut document);
        assert_eq!(store.load(), expected);
        assert_eq!(store.load().to_json(), expected.to_json(), "the export is the same document");
    }
}

#[test]
fn two_tabs_grading_in_turn_see_each_other_and_lose_nothing() {
    let fsrs = Fsrs::new(0.9);
    let mut progress_a = season(50, REVIEWS_PER_SEGMENT - 3);
    let (mut store, mut layout_a) = Store::holding(&mut progress_a);
    let (mut layout_b, mut progress_b) = Layout::load(&|k| store.0.get(k).cloned()).unwrap().unwrap();
    let mut at = NOON + 30 * DAY;
    for turn in 0..12 {
        at += 60_000;
        let (writer, reader) = if turn % 2 == 0 {
            ((&mut layout_a, &mut progress_a), (&mut layout_b, &mut progress_b))
        } else {
            ((&mut layout_b, &mut progress_b), (&mut layout_a, &mut progress_a))
        };
        let id = card_id(turn * 13 % 60);
        writer.1.grade(&id, &fsrs, Grade::Hard, at, 1000);
        if turn == 5 {
            writer.1.quizzes.push(QuizRecord { at, link: "#/quiz".into(), duration_ms: 1, answers: Vec::new() });
        }
        if turn == 8 {
            let day = InterviewDay {
                date: "2026-04-01".into(),
                topics: vec!["sql".into()],
                new_per_day: Some(30),
                outcome: None,
                updated: at,
            };
            writer.1.interview_day = Some(day);
        }
        // The other tab hears of each changed key, in order, as storage events.
        for key in store.save(writer.0, writer.1) {
            let value = store.0.get(&key).cloned();
            reader.0.apply(&key, value.as_deref(), reader.1).expect("an event it can take");
        }
        assert_eq!(reader.1, writer.1, "turn {turn}");
        assert_eq!(reader.0.seq(), writer.0.seq());
    }
    assert_eq!(store.load(), progress_a);
    assert_eq!(progress_a.log.len(), REVIEWS_PER_SEGMENT - 3 + 12, "the log crossed a segment's end");
}

#[test]
fn a_corrupt_key_is_refused_with_a_reason() {
    let mut progress = season(40, 200);
    let (mut store, _) = Store::holding(&mut progress);
    let bucket = store.0.keys().find(|k| k.contains(".cards.")).unwrap().clone();
    store.0.insert(bucket, "garbage".into());
    let error = Layout::load(&|k| store.0.get(k).cloned()).expect_err("refused");
    assert!(error.to_string().contains("card states"), "{error}");
}

#[derive(Debug, Clone)]
enum Action {
    Grade(usize, usize),
    Undo,
    Bury(usize),
    Suspend(usize, bool),
    Quiz,
    Retention(u8),
    /// A fit of the parameters (stored and put in use), or a step back to an older one or the defaults.
    Fit(u8),
    UseFit(Option<usize>),
    Import(Vec<usize>),
    Reset,
    /// Sets or clears the interview day.
    InterviewDay(Option<DayChoice>),
}

/// An interview day: day of March, topics, raised limit, outcome.
type DayChoice = (u32, Vec<String>, Option<u32>, Option<usize>);

fn arb_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (0usize..40, 0usize..4).prop_map(|(c, g)| Action::Grade(c, g)),
        1 => Just(Action::Undo),
        1 => (0usize..40).prop_map(Action::Bury),
        1 => (0usize..40, any::<bool>()).prop_map(|(c, s)| Action::Suspend(c, s)),
        1 => Just(Action::Quiz),
        1 => (80u8..=95).prop_map(Action::Retention),
        1 => any::<u8>().prop_map(Action::Fit),
        1 => proptest::option::of(0usize..4).prop_map(Action::UseFit),
        1 => proptest::collection::vec(0usize..60, 0..5).prop_map(Action::Import),
        1 => Just(Action::Reset),
        1 => proptest::option::of((1u32..=31, proptest::collection::vec("[a-z]{1,5}", 0..3), proptest::option::of(0u32..100), proptest::option::of(0usize..3)))
            .prop_map(Action::InterviewDay),
    ]
}

/// Applies one action as the app would; returns the reviews it added.
fn act(progress: &mut Progress, action: &Action, at: i64, undo: &mut Option<trainer_core::progress::Undo>) {
    let fsrs = progress.settings.scheduler();
    match action {
        Action::Grade(c, g) => *undo = Some(progress.grade(&card_id(*c), &fsrs, Grade::ALL[*g], at, 1500)),
        Action::Undo => {
            if let Some(u) = undo.take() {
                progress.undo(&u)
            }
        }
        Action::Bury(c) => progress.bury(&card_id(*c), at, 180),
        Action::Suspend(c, s) => progress.set_suspended(&card_id(*c), *s, at),
        Action::Quiz => progress.quizzes.push(QuizRecord { at, link: "#/quiz".into(), duration_ms: 9, answers: Vec::new() }),
        Action::Retention(r) => progress.settings.desired_retention = f64::from(*r) / 100.0,
        Action::Fit(n) => {
            let mut parameters = DEFAULT_PARAMETERS.to_vec();
            parameters[3] += f32::from(*n) / 10.0;
            let fits = &mut progress.settings.fits;
            let (log_loss, rmse_bins) = (0.3 + f32::from(*n) / 1000.0, 0.02);
            fits.list.push(Fit {
                at,
                reviews: u32::from(*n) * 40,
                parameters,
                log_loss,
                rmse_bins,
                default_log_loss: 0.35,
                default_rmse_bins: 0.04,
            });
            fits.active = Some(fits.list.len() - 1);
        }
        Action::UseFit(i) => {
            let fits = &mut progress.settings.fits;
            fits.active = i.filter(|i| *i < fits.list.len());
        }
        Action::Import(cards) => {
            let mut other = Progress::default();
            for (i, c) in cards.iter().enumerate() {
                other.grade(&card_id(*c), &fsrs, Grade::Good, at - 5_000_000 + i as i64, 900);
            }
            progress.merge(&other);
        }
        Action::Reset => *progress = Progress { settings: progress.settings.clone(), ..Progress::default() },
        Action::InterviewDay(day) => {
            progress.interview_day = day.as_ref().map(|(date, topics, new_per_day, outcome)| InterviewDay {
                date: format!("2026-03-{date:02}"),
                topics: topics.clone(),
                new_per_day: *new_per_day,
                outcome: outcome.map(|o| Outcome::ALL[o]),
                updated: at,
            })
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_changes_is_stored_exactly(
        actions in proptest::collection::vec(arb_action(), 1..60),
        history in 0usize..(2 * REVIEWS_PER_SEGMENT),
    ) {
        let mut progress = season(40, history);
        let (mut store, mut layout) = Store::holding(&mut progress);
        let mut undo = None;
        for (i, action) in actions.iter().enumerate() {
            act(&mut progress, action, NOON + 200 * DAY + i as i64 * 61_000, &mut undo);
            store.save(&mut layout, &mut progress);
            prop_assert_eq!(&store.load(), &progress, "after {:?}", action);
        }
    }

    #[test]
    fn an_interrupted_change_loses_no_review(
        history in 0usize..(2 * REVIEWS_PER_SEGMENT),
        card in 0usize..40,
        cut in 0usize..8,
    ) {
        let mut progress = season(40, history);
        let (mut store, mut layout) = Store::holding(&mut progress);
        let before: Vec<(String, i64)> = progress.log.iter().map(|e| (e.card.clone(), e.at)).collect();
        progress.grade(&card_id(card), &Fsrs::new(0.9), Grade::Again, NOON + 300 * DAY, 700);
        let keys: Vec<String> = store.0.keys().cloned().collect();
        let ops = layout.writes(&mut progress, &|| keys.clone());
        // The tab dies after `cut` of the writes.
        store.run(&ops, cut);
        let loaded = store.load();
        let kept: Vec<(String, i64)> = loaded.log.iter().map(|e| (e.card.clone(), e.at)).collect();
        prop_assert!(kept.starts_with(&before), "every earlier review survives, once");
        prop_assert!(kept.len() <= before.len() + 1);
        let log_written = ops.iter().take(cut).any(|op| op.key().contains(".log."));
        prop_assert_eq!(kept.len() == before.len() + 1, log_written, "the new review is there once the log is written");
    }

    #[test]
    fn arbitrary_version_2_documents_migrate(
        log in proptest::collection::vec(("[a-z]{1,3}/[a-zё]{1,3}", NOON..NOON + 10_000_000, 0usize..4, 0usize..4, 0u32..60_000), 0..40),
        cards in proptest::collection::btree_map("[a-z]{1,3}/[a-z]{1,3}", (NOON..NOON + 1_000_000, any::<bool>(), 0u32..20), 0..12),
    ) {
        let phases = [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning];
        let document = Progress {
            log: log.into_iter().map(|(card, at, g, p, answer_ms)| ReviewEntry {
                card, at, grade: Grade::ALL[g], elapsed_days: 3, scheduled_days: -1, phase: phases[p], answer_ms,
            }).collect(),
            cards: cards.into_iter().map(|(id, (updated, suspended, lapses))| {
                let mut state = CardProgress { updated, suspended, ..CardProgress::default() };
                state.memory.lapses = lapses;
                state.memory.stability = f64::from(lapses) / 3.0;
                (id, state)
            }).collect(),
            ..Progress::default()
        };
        let mut parsed = Progress::parse(&document.to_json()).expect("valid");
        let (store, _) = Store::holding(&mut parsed);
        prop_assert_eq!(store.load(), document);
    }

    #[test]
    fn packing_round_trips_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(from_text(&to_text(&bytes)), Some(bytes));
    }
}
