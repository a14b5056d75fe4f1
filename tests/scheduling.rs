//! Scheduling and the review queue with a fixed clock: the FSRS state machine, interval previews, undo,
//! daily limits across local midnight, bury, suspend and the leech threshold.

use proptest::strategy::Strategy;
use trainer_core::progress::{Progress, Settings, LEECH_LAPSES};
use trainer_core::review::{Clock, Scope, MAX_STRETCHES};
use trainer_core::scheduler::{Fsrs, Grade, Phase, Scheduler};

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;
/// 2026-03-10 12:00 UTC.
const NOON: i64 = 1_773_144_000_000;
/// Moscow: UTC+3.
const MSK: i32 = 180;

fn clock(now: i64) -> Clock {
    Clock { now, utc_offset_minutes: MSK }
}

#[test]
fn new_card_previews_follow_the_learning_steps() {
    let fsrs = Fsrs::new(0.9);
    let previews = fsrs.preview(&Default::default(), NOON);
    let minutes: Vec<i64> = previews[..3].iter().map(|p| p.interval_ms(NOON) / MINUTE).collect();
    assert_eq!(minutes, [1, 5, 10]);
    assert!(previews[..3].iter().all(|p| p.memory.phase == Phase::Learning));
    assert_eq!(previews[3].memory.phase, Phase::Review);
    assert!(previews[3].interval_ms(NOON) >= DAY, "Easy graduates a new card at once");
}

#[test]
fn a_card_moves_new_learning_review_relearning_review() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    let id = "python/gil";
    progress.grade(id, &fsrs, Grade::Good, NOON, 4000);
    let card = progress.card(id);
    assert_eq!((card.memory.phase, card.memory.due - NOON), (Phase::Learning, 10 * MINUTE));

    progress.grade(id, &fsrs, Grade::Good, card.memory.due, 3000);
    let card = progress.card(id);
    assert_eq!(card.memory.phase, Phase::Review);
    assert!(card.memory.scheduled_days >= 1);

    progress.grade(id, &fsrs, Grade::Again, card.memory.due, 9000);
    let card = progress.card(id);
    assert_eq!((card.memory.phase, card.memory.lapses), (Phase::Relearning, 1));

    progress.grade(id, &fsrs, Grade::Good, card.memory.due, 2000);
    assert_eq!(progress.card(id).memory.phase, Phase::Review);

    let phases: Vec<Phase> = progress.log.iter().map(|e| e.phase).collect();
    assert_eq!(phases, [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning]);
    let grades: Vec<Grade> = progress.log.iter().map(|e| e.grade).collect();
    assert_eq!(grades, [Grade::Good, Grade::Good, Grade::Again, Grade::Good]);
    assert_eq!(progress.log[0].answer_ms, 4000);
}

#[test]
fn review_previews_grow_from_again_to_easy_and_shrink_with_higher_retention() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.grade("c", &fsrs, Grade::Easy, NOON, 1000);
    let memory = progress.card("c").memory;
    let at = memory.due;
    let intervals: Vec<i64> = fsrs.preview(&memory, at).iter().map(|p| p.interval_ms(at)).collect();
    assert!(intervals.windows(2).all(|w| w[0] < w[1]), "{intervals:?}");
    let strict = Fsrs::new(0.95).preview(&memory, at)[2].interval_ms(at);
    let lenient = Fsrs::new(0.80).preview(&memory, at)[2].interval_ms(at);
    assert!(strict < intervals[2] && intervals[2] < lenient, "{strict} {} {lenient}", intervals[2]);
    assert_eq!(Fsrs::new(0.5).preview(&memory, at), Fsrs::new(0.80).preview(&memory, at), "retention is clamped");
}

#[test]
fn undo_restores_card_and_log_exactly() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.grade("a", &fsrs, Grade::Good, NOON, 1000);
    let before = progress.clone();
    let undo = progress.grade("a", &fsrs, Grade::Again, NOON + 10 * MINUTE, 1000);
    let first = progress.grade("b", &fsrs, Grade::Hard, NOON + 11 * MINUTE, 1000);
    progress.undo(&first);
    progress.undo(&undo);
    assert_eq!(progress, before);
}

fn deck(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("topic/section/card-{i}")).collect()
}

#[test]
fn new_cards_stop_at_the_daily_limit_and_resume_after_local_midnight() {
    let fsrs = Fsrs::new(0.9);
    let ids = deck(5);
    let scope: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress = Progress { settings: Settings { new_per_day: 2, ..Settings::default() }, ..Progress::default() };
    // 23:40 in Moscow is 20:40 UTC.
    let late_evening = NOON + 8 * 60 * MINUTE + 40 * MINUTE;
    let q = Scope::new(&scope).queue(&progress, clock(late_evening));
    assert_eq!((q.next, q.remaining), (Some(scope[0]), 2));
    progress.grade(scope[0], &fsrs, Grade::Easy, late_evening, 1000);
    progress.grade(scope[1], &fsrs, Grade::Easy, late_evening + MINUTE, 1000);
    let q = Scope::new(&scope).queue(&progress, clock(late_evening + 2 * MINUTE));
    assert_eq!((q.next, q.remaining), (None, 0), "the new-card limit is spent for today");
    assert!(q.next_due.is_some(), "the finished screen can say when the next card is due");
    // 00:05 in Moscow: a new local day although it is still the same UTC day.
    let after_midnight = late_evening + 25 * MINUTE;
    let q = Scope::new(&scope).queue(&progress, clock(after_midnight));
    assert_eq!((q.next, q.remaining), (Some(scope[2]), 2));
}

#[test]
fn review_limit_caps_due_reviews() {
    let fsrs = Fsrs::new(0.9);
    let ids = deck(4);
    let scope: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress =
        Progress { settings: Settings { reviews_per_day: 3, new_per_day: 0, ..Settings::default() }, ..Progress::default() };
    for id in &scope {
        progress.grade(id, &fsrs, Grade::Easy, NOON - 30 * DAY, 1000);
    }
    let q = Scope::new(&scope).queue(&progress, clock(NOON));
    assert_eq!(q.remaining, 3);
    assert!(q.next.is_some());
}

#[test]
fn learning_cards_come_first_and_learn_ahead_prevents_an_early_finish() {
    let fsrs = Fsrs::new(0.9);
    let ids = deck(2);
    let scope: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress = Progress { settings: Settings { new_per_day: 1, ..Settings::default() }, ..Progress::default() };
    progress.grade(scope[0], &fsrs, Grade::Good, NOON, 1000);
    let q = Scope::new(&scope).queue(&progress, clock(NOON + MINUTE));
    assert_eq!(q.next, Some(scope[0]), "a learning card due in 9 minutes is shown rather than ending");
    let q = Scope::new(&scope).queue(&progress, clock(NOON + 10 * MINUTE));
    assert_eq!(q.next, Some(scope[0]));
}

#[test]
fn buried_cards_wait_for_local_midnight_and_suspended_ones_for_unsuspend() {
    let ids = deck(2);
    let scope: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress = Progress::default();
    progress.bury(scope[0], NOON, MSK);
    progress.set_suspended(scope[1], true, NOON);
    let q = Scope::new(&scope).queue(&progress, clock(NOON));
    assert_eq!((q.next, q.remaining), (None, 0));
    // Midnight in Moscow is 21:00 UTC.
    assert_eq!(q.next_due, Some(NOON + 9 * 60 * MINUTE));
    assert_eq!(Scope::new(&scope).queue(&progress, clock(NOON + 9 * 60 * MINUTE)).next, Some(scope[0]));
    progress.set_suspended(scope[1], false, NOON + MINUTE);
    assert_eq!(Scope::new(&scope).queue(&progress, clock(NOON + MINUTE)).next, Some(scope[1]));
}

#[test]
fn a_card_becomes_a_leech_at_eight_lapses() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    let mut now = NOON;
    progress.grade("hard", &fsrs, Grade::Easy, now, 1000);
    while progress.card("hard").memory.lapses < LEECH_LAPSES {
        now = progress.card("hard").memory.due;
        progress.grade("hard", &fsrs, Grade::Again, now, 1000);
        let card = progress.card("hard");
        assert_eq!(card.leech, card.memory.lapses >= LEECH_LAPSES, "lapses {}", card.memory.lapses);
        now = card.memory.due;
        progress.grade("hard", &fsrs, Grade::Good, now, 1000);
    }
    assert!(progress.card("hard").leech);
}

/// The queue as first written: every card of the scope visited on each call. `Scope::queue` visits only the
/// cards with progress and must agree with it on every state.
fn queue_by_walking_every_card<'a>(
    scope: &[&'a str],
    progress: &Progress,
    clock: Clock,
) -> (Option<&'a str>, usize, Option<i64>) {
    use trainer_core::progress::next_midnight;
    use trainer_core::review::LEARN_AHEAD_MS;
    let (new_done, reviews_done) = progress.done_today(clock.now, clock.utc_offset_minutes);
    let new_left = progress.settings.new_per_day.saturating_sub(new_done) as usize;
    let reviews_left = progress.settings.reviews_per_day.saturating_sub(reviews_done) as usize;
    let end_of_today = next_midnight(clock.now, clock.utc_offset_minutes);
    let (mut learning_due, mut learning_ahead, mut reviews_due, mut new, mut later) =
        (vec![], vec![], vec![], vec![], None::<i64>);
    for &id in scope {
        let card = progress.card(id);
        if card.suspended {
            continue;
        }
        if let Some(until) = card.buried_until.filter(|until| *until > clock.now) {
            later = Some(later.map_or(until, |l| l.min(until)));
            continue;
        }
        let due = card.memory.due;
        match card.memory.phase {
            _ if card.requeued => learning_due.push((due.min(clock.now), id)),
            Phase::New => new.push(id),
            Phase::Learning | Phase::Relearning if due <= clock.now => learning_due.push((due, id)),
            Phase::Learning | Phase::Relearning if due <= clock.now + LEARN_AHEAD_MS => learning_ahead.push((due, id)),
            Phase::Review if due < end_of_today => reviews_due.push((due, id)),
            _ => later = Some(later.map_or(due, |l| l.min(due))),
        }
    }
    for list in [&mut learning_due, &mut learning_ahead, &mut reviews_due] {
        list.sort();
    }
    reviews_due.truncate(reviews_left);
    new.truncate(new_left);
    let next = learning_due
        .first()
        .or(reviews_due.first())
        .map(|(_, id)| *id)
        .or(new.first().copied())
        .or(learning_ahead.first().map(|(_, id)| *id));
    (next, learning_due.len() + reviews_due.len() + new.len() + learning_ahead.len(), later)
}

/// A generated card state: card (past the scope's end: another topic's, or a card since removed), phase, due
/// in hours and minutes from noon, and flags (1 suspended, 2 buried until tomorrow, 3 buried until a minute
/// ago, 4 sent back by a quiz).
type GeneratedState = (usize, u8, i64, u8, u8);

fn generated_progress(ids: &[String], states: Vec<GeneratedState>, new_per_day: u32, reviews_per_day: u32) -> Progress {
    let mut progress =
        Progress { settings: Settings { new_per_day, reviews_per_day, ..Settings::default() }, ..Progress::default() };
    for (card, phase, due_hours, flags, minutes) in states {
        let id = ids.get(card).cloned().unwrap_or_else(|| format!("gone/{card}"));
        let mut state = progress.card(&id);
        state.memory.phase = [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning][phase as usize];
        state.memory.due = NOON + due_hours * 60 * MINUTE + i64::from(minutes) * MINUTE;
        state.suspended = flags == 1;
        state.buried_until = (flags == 2).then_some(NOON + DAY).or((flags == 3).then_some(NOON - MINUTE));
        state.requeued = flags == 4;
        progress.cards.insert(id, state);
    }
    progress
}

proptest::proptest! {
    #[test]
    fn the_queue_agrees_with_walking_every_card(
        cards in 1usize..40,
        states in proptest::collection::vec((0usize..45, 0u8..4, -3i64..3, 0u8..8, 0u8..10), 0..40),
        new_per_day in 0u32..8,
        reviews_per_day in 0u32..8,
    ) {
        let ids = deck(cards + 5);
        let scope: Vec<&str> = ids[..cards].iter().map(String::as_str).collect();
        let progress = generated_progress(&ids, states, new_per_day, reviews_per_day);
        let q = Scope::new(&scope).queue(&progress, clock(NOON));
        proptest::prop_assert_eq!((q.next, q.remaining, q.next_due), queue_by_walking_every_card(&scope, &progress, clock(NOON)));
    }

    /// Cards buried now are left out of the prediction by design (they come back after midnight, when a later
    /// grade asks again), so no state here is buried until later.
    #[test]
    fn the_queue_later_starts_with_one_of_the_likely_first_cards(
        cards in 1usize..40,
        states in proptest::collection::vec((0usize..45, 0u8..4, -3i64..60, (0u8..8).prop_filter("not buried now", |f| *f != 2), 0u8..10), 0..40),
        new_per_day in 0u32..8,
        reviews_per_day in 0u32..8,
        later_minutes in 0i64..4 * 24 * 60,
    ) {
        let ids = deck(cards + 5);
        let scope: Vec<&str> = ids[..cards].iter().map(String::as_str).collect();
        let progress = generated_progress(&ids, states, new_per_day, reviews_per_day);
        let scope = Scope::new(&scope);
        let likely = scope.likely_first(&progress, NOON);
        let later = scope.queue(&progress, clock(NOON + later_minutes * MINUTE));
        proptest::prop_assert!(later.next.is_none_or(|id| likely.contains(&id)), "{:?} not in {:?}", later.next, likely);
        proptest::prop_assert!(likely.len() <= 5);
    }

    /// What the page shows before the app runs: at any moment of the stretches, and one millisecond either
    /// side of a change, the stretch in force is the queue then.
    #[test]
    fn the_first_cards_ahead_are_the_queue_at_every_moment(
        cards in 1usize..40,
        states in proptest::collection::vec((0usize..45, 0u8..4, -3i64..60, 0u8..8, 0u8..10), 0..40),
        new_per_day in 0u32..8,
        reviews_per_day in 0u32..8,
        days in 0u32..4,
        later in proptest::collection::vec((0i64..5 * 24 * 60, -1i64..2), 1..20),
    ) {
        let ids = deck(cards + 5);
        let scope: Vec<&str> = ids[..cards].iter().map(String::as_str).collect();
        let progress = generated_progress(&ids, states, new_per_day, reviews_per_day);
        let scope = Scope::new(&scope);
        let (stretches, until) = scope.first_cards(&progress, clock(NOON), days);
        proptest::prop_assert!(until > NOON && stretches.len() <= MAX_STRETCHES && stretches[0].from == NOON);
        let changes = stretches.iter().map(|s| s.from);
        let moments = later.iter().map(|(minutes, ms)| NOON + minutes * MINUTE + ms).chain(changes.flat_map(|at| [at - 1, at]));
        for at in moments.filter(|&at| (NOON..until).contains(&at)) {
            let stretch = stretches.iter().rev().find(|s| s.from <= at).expect("the first stretch starts now");
            let queue = scope.queue(&progress, clock(at));
            proptest::prop_assert_eq!((stretch.next, stretch.remaining), (queue.next, queue.remaining), "at {}", at - NOON);
        }
    }
}

/// The `fsrs` crate's published vectors (its doc example of `next_states` with FSRS-6's defaults), through our
/// scheduler and stored types.
#[test]
fn a_new_cards_first_grade_matches_the_fsrs6_default_vectors() {
    let previews = Fsrs::new(0.9).preview(&Default::default(), NOON);
    let states: Vec<(f32, f32)> = previews.iter().map(|p| (p.memory.stability as f32, p.memory.difficulty as f32)).collect();
    assert_eq!(states, [(0.212, 6.4133), (1.2931, 5.1121707), (2.3065, 2.118104), (8.2956, 1.0)]);
    assert_eq!(trainer_core::scheduler::DEFAULT_PARAMETERS[20], 0.1542, "FSRS-6's decay, not FSRS-5's 0.5");
}

/// The crate's `test_memo_state`: its fitted parameters, Again, then Good after 1, 3, 8 and 21 days; and Good
/// after 21 days from a given state. Parameters fitted by the learner drive the scheduler the same way.
#[test]
fn fitted_parameters_follow_the_crates_memory_state_vectors() {
    const PARAMETERS: [f32; 19] = [
        0.6845422,
        1.6790825,
        4.7349424,
        10.042885,
        7.4410233,
        0.64219797,
        1.071918,
        0.0025195254,
        1.432437,
        0.1544,
        0.8692766,
        2.0696752,
        0.0953,
        0.2975,
        2.4691248,
        0.19542035,
        3.201072,
        0.18046261,
        0.121442534,
    ];
    let fsrs = Fsrs::with_parameters(0.9, &PARAMETERS);
    let mut progress = Progress::default();
    let mut at = NOON;
    progress.grade("c", &fsrs, Grade::Again, at, 1000);
    for days in [1, 3, 8, 21] {
        at += days * DAY;
        progress.grade("c", &fsrs, Grade::Good, at, 1000);
    }
    let memory = progress.card("c").memory;
    assert_eq!((memory.stability as f32, memory.difficulty as f32), (31.722992, 7.382128));
    assert_eq!((memory.phase, memory.elapsed_days, memory.reps), (Phase::Review, 21, 5));

    let state = trainer_core::scheduler::Memory {
        phase: Phase::Review,
        stability: f64::from(20.925528f32),
        difficulty: f64::from(7.005062f32),
        last_review: Some(NOON - 21 * DAY),
        due: NOON,
        ..Default::default()
    };
    let good = fsrs.answer(&state, NOON, Grade::Good);
    assert_eq!((good.stability as f32, good.difficulty as f32), (40.87456, 6.9913807));
    assert_ne!(Fsrs::new(0.9).answer(&state, NOON, Grade::Good), good, "the defaults schedule differently");
}

#[test]
fn fuzz_spreads_intervals_within_ankis_ranges_and_is_repeatable() {
    let fsrs = Fsrs::new(0.9);
    let state = trainer_core::scheduler::Memory {
        phase: Phase::Review,
        stability: 30.0,
        difficulty: 5.0,
        last_review: Some(NOON - 30 * DAY),
        due: NOON,
        ..Default::default()
    };
    let days: Vec<i64> = (0..200).map(|i| fsrs.answer(&state, NOON + i * MINUTE, Grade::Good).scheduled_days).collect();
    let (low, high) = (days.iter().min().unwrap(), days.iter().max().unwrap());
    assert!(low < high, "fuzz spreads cards learnt together");
    // Good's interval here is 85 days unfuzzed: Anki's ranges allow 1 + 0.15·4.5 + 0.1·13 + 0.05·65 ≈ 6.2 days
    // either side, and 200 draws reach both ends.
    assert_eq!((*low, *high), (79, 91));
    assert_eq!(fsrs.answer(&state, NOON, Grade::Good), fsrs.answer(&state, NOON, Grade::Good));
}
