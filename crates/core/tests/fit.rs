//! The optimiser on a synthetic learner: a review log made by a known parameter set (a learner who forgets
//! faster than FSRS-6's defaults assume: lower first stabilities, slower growth, a steeper curve) under the
//! app's scheduler. Fitted on four fifths of the cards, the parameters must predict the other fifth better than
//! the defaults.
//! Deterministic (fixed seed and clock) and bounded: a few thousand reviews.

use fsrs::{current_retrievability, MemoryState, FSRS};
use trainer_core::fit::{History, MIN_REVIEWS};
use trainer_core::progress::Progress;
use trainer_core::scheduler::{Fsrs, Grade, Phase, DEFAULT_PARAMETERS};

const NOON: i64 = 1_773_144_000_000;
const DAY: i64 = 86_400_000;
const TRUTH: [f32; 21] = [
    0.1, 0.4, 0.8, 2.5, 6.4133, 0.8334, 3.0194, 0.001, 1.2, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
    0.5425, 0.0912, 0.0658, 0.5,
];
const TRUTH_DECAY: f32 = TRUTH[20];

/// A learner whose memory follows `TRUTH`, reviewing `cards` cards for 300 days as the app schedules them.
fn synthetic_log(cards: usize, seed: u64) -> Progress {
    let truth = FSRS::new(&TRUTH).unwrap();
    let app = Fsrs::new(0.9);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut progress = Progress::default();
    for card in 0..cards {
        let id = format!("synthetic/card-{card}");
        let mut at = NOON + (card % 60) as i64 * DAY + rng.i64(0..DAY / 2);
        let mut memory: Option<MemoryState> = None;
        let mut last = at;
        while at < NOON + 300 * DAY {
            let days = ((at - last) / DAY) as u32;
            let recalled = memory.is_none_or(|m| rng.f32() < current_retrievability(m, days as f32, TRUTH_DECAY));
            let grade = match (memory, recalled) {
                (None, _) => Grade::ALL[rng.usize(0..4)],
                (_, false) => Grade::Again,
                _ => [Grade::Hard, Grade::Good, Grade::Good, Grade::Good, Grade::Good, Grade::Easy][rng.usize(0..6)],
            };
            let next = truth.next_states(memory, 0.9, days).unwrap();
            memory = Some([next.again, next.hard, next.good, next.easy][grade as usize].memory);
            progress.grade(&id, &app, grade, at, 1000);
            last = at;
            let state = progress.card(&id).memory;
            // Reviews come on the due day or up to two days late; learning steps on time.
            at = state.due + if state.phase == Phase::Review { rng.i64(0..3) * DAY } else { 0 };
        }
    }
    progress
}

#[test]
fn the_log_becomes_items_per_review_with_whole_days_between() {
    let app = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.grade("a", &app, Grade::Good, NOON, 1000);
    progress.grade("b", &app, Grade::Again, NOON + 1000, 1000);
    let due = progress.card("a").memory.due;
    progress.grade("a", &app, Grade::Good, due, 1000);
    progress.grade("a", &app, Grade::Hard, due + 3 * DAY + 5000, 1000);
    let history = History::from_log(&progress.log);
    let reviews: Vec<Vec<(u32, u32)>> =
        history.items.iter().map(|i| i.reviews.iter().map(|r| (r.rating, r.delta_t)).collect()).collect();
    assert_eq!(reviews, [vec![(3, 0), (3, 0), (2, 3)]], "only a history with a gap of days teaches the long-term model");
    assert_eq!(history.card_ids, [0]);
}

#[test]
fn a_fit_on_a_known_learner_beats_the_defaults_on_held_out_cards() {
    let started = std::time::Instant::now();
    let log = synthetic_log(400, 7).log;
    let (train, test): (Vec<_>, Vec<_>) = log.into_iter().partition(|e| !e.card.ends_with(['3', '7']));
    let (train, test) = (History::from_log(&train), History::from_log(&test));
    assert!(train.items.len() >= 10 * MIN_REVIEWS, "{} usable reviews", train.items.len());

    let fit = train.fit_and_evaluate(NOON + 301 * DAY, |_| {}).expect("the crate fits this log");
    assert_eq!(fit.parameters.len(), 21);
    assert!(fit.beats_defaults(), "on its own history: {fit:?}");
    let held_out = test.evaluate(&fit.parameters).unwrap();
    let defaults = test.evaluate(&DEFAULT_PARAMETERS).unwrap();
    let truth = test.evaluate(&TRUTH).unwrap();
    assert!(held_out.log_loss < defaults.log_loss, "held out: fitted {held_out:?}, defaults {defaults:?}");
    assert!(held_out.log_loss < truth.log_loss + 0.01, "close to the truth {truth:?}: {held_out:?}");
    assert!(fit.parameters[20] > DEFAULT_PARAMETERS[20], "the decay moves towards the truth's 0.5: {}", fit.parameters[20]);
    assert!(started.elapsed().as_secs() < 60, "bounded: {:?}", started.elapsed());
}

#[test]
fn the_workload_grows_with_the_desired_retention() {
    let settings = trainer_core::progress::Settings::default();
    let workload = trainer_core::fit::workload(&settings, &DEFAULT_PARAMETERS, 500);
    let retentions: Vec<f32> = workload.iter().map(|w| w.0).collect();
    assert_eq!(retentions, trainer_core::fit::WORKLOAD_RETENTIONS);
    assert!(workload.windows(2).all(|w| w[0].1 < w[1].1), "{workload:?}");
    assert!(workload[0].1 > 1.0 && workload[3].1 < 200.0, "{workload:?}");
}
