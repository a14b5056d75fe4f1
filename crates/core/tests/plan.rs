//! Interview day with a fixed clock: recall on a future date from known memory states, readiness, the plan's
//! arithmetic (new cards a day, their end, the load), its edge cases (the date today, past, nothing left to
//! learn, a limit too low), the final review's order, and the size cap of recorded answers.

use proptest::prelude::*;
use trainer_core::model::{Card, Deck, Section, Topic};
use trainer_core::plan::{
    cards_in_scope, current, final_review_day, follow_ups, interview_moment, plan, readiness, weakest_first, Stage,
    NEW_END_DAYS_BEFORE,
};
use trainer_core::progress::{date_of_day, local_day, CardProgress, InterviewDay, Progress};
use trainer_core::review::{Clock, Scope};
use trainer_core::scheduler::{Fsrs, Grade, Memory, Phase, Scheduler, DEFAULT_PARAMETERS};

/// 2026-03-10 12:00 UTC.
const NOON: i64 = 1_773_144_000_000;
const DAY: i64 = 86_400_000;
const TODAY: i64 = NOON / DAY;

fn reviewed(stability: f64, last_review: i64) -> CardProgress {
    let memory = Memory {
        phase: Phase::Review,
        due: last_review + DAY,
        stability,
        difficulty: 5.0,
        reps: 3,
        last_review: Some(last_review),
        ..Memory::default()
    };
    CardProgress { memory, updated: last_review, ..CardProgress::default() }
}

static SECTIONS: [Section; 2] = [Section { slug: "a", title: "A", blocks: &[] }, Section { slug: "b", title: "B", blocks: &[] }];
static TOPICS: [Topic; 2] = [
    Topic { slug: "sql", title: "SQL", focus: true, sections: &SECTIONS },
    Topic { slug: "redis", title: "Redis", focus: false, sections: &SECTIONS },
];
static CARDS: [Card; 4] = [
    Card { id: "sql/a/1", topic: 0, section: 0, question: "", answer: "", reversed: false, term: "", line: 1 },
    Card { id: "sql/b/1", topic: 0, section: 1, question: "", answer: "", reversed: false, term: "", line: 2 },
    Card { id: "redis/a/1", topic: 1, section: 0, question: "", answer: "", reversed: false, term: "", line: 1 },
    Card { id: "redis/a/2", topic: 1, section: 0, question: "", answer: "", reversed: false, term: "", line: 2 },
];
static DECK: Deck = Deck { topics: &TOPICS, cards: &CARDS, quizzes: &[] };

fn day_on(date: &str, topics: &[&str]) -> InterviewDay {
    InterviewDay {
        date: date.into(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        new_per_day: None,
        outcome: None,
        updated: NOON,
    }
}

#[test]
fn recall_on_a_future_date_follows_the_fsrs_forgetting_curve() {
    let fsrs = Fsrs::new(0.9);
    let card = reviewed(10.0, NOON).memory;
    assert_eq!(fsrs.recall_at(&card, NOON), 1.0);
    // FSRS is calibrated so that recall is 90 % once as many days have passed as the stability (the crate
    // computes in f32).
    assert!((fsrs.recall_at(&card, NOON + 10 * DAY) - 0.9).abs() < 1e-6);
    // FSRS-6's power curve with its default decay w20: R = (1 + (0.9^(-1/w20) - 1) · t/S)^-w20.
    let decay = f64::from(DEFAULT_PARAMETERS[20]);
    let later = fsrs.recall_at(&card, NOON + 40 * DAY);
    assert!((later - (1.0 + (0.9f64.powf(-1.0 / decay) - 1.0) * 4.0).powf(-decay)).abs() < 1e-5, "{later}");
    // Parameters fitted before FSRS-6 (19 values) keep FSRS-5's decay of 0.5.
    let fsrs5 = Fsrs::with_parameters(0.9, &DEFAULT_PARAMETERS[..19]);
    let later = fsrs5.recall_at(&card, NOON + 40 * DAY);
    assert!((later - (1.0 + 19.0 / 81.0 * 4.0f64).powf(-0.5)).abs() < 1e-5, "{later}");
    assert_eq!(fsrs.recall_at(&Memory::default(), NOON + DAY), 0.0, "a card never seen");
    // A card graded Good is due about when its recall falls to the desired retention (fuzz moves the day).
    let graded = fsrs.answer(&fsrs.answer(&Memory::default(), NOON, Grade::Good), NOON + 600_000, Grade::Good);
    let at_due = fsrs.recall_at(&graded, graded.due);
    assert!((0.85..=0.95).contains(&at_due), "{at_due}");
}

#[test]
fn readiness_counts_unseen_cards_as_zero_per_section_topic_and_overall() {
    let mut progress = Progress::default();
    progress.cards.insert("sql/a/1".into(), reviewed(10.0, NOON));
    progress.cards.insert("redis/a/1".into(), reviewed(10.0, NOON));
    let at = NOON + 10 * DAY;
    let scope = cards_in_scope(&DECK, &day_on("2026-03-20", &["sql"]));
    assert_eq!(scope, vec![0, 1]);
    let r = readiness(&DECK, &progress, &Fsrs::new(0.9), at, &scope);
    assert_eq!(r.sections[0][0].percent(), 90);
    assert_eq!(r.sections[0][1].percent(), 0, "never seen");
    assert_eq!(r.topics[0].percent(), 45);
    assert_eq!(r.topics[1].percent(), 45);
    assert_eq!(r.sections[1][1].value(), None, "a section without cards");
    assert_eq!(r.overall.cards, 2, "only the interview's topics");
    assert_eq!(r.overall.percent(), 45);
    let every = cards_in_scope(&DECK, &day_on("2026-03-20", &[]));
    assert_eq!(every.len(), 4, "no topics named: all of them");
}

#[test]
fn the_interview_day_is_read_as_a_local_day() {
    let day = day_on("2026-03-20", &[]).day().unwrap();
    assert_eq!(day, TODAY + 10);
    assert_eq!(local_day(interview_moment(day, 180), 180), day);
    assert_eq!(local_day(interview_moment(day, -600), -600), day);
    for bad in ["2026-02-30", "2026-3-20", "2026-03-20x", "2026-03-20-01", "+2026-03-20", ""] {
        assert_eq!(day_on(bad, &[]).day(), None, "{bad:?}");
    }
    assert_eq!(date_of_day(day), "2026-03-20");
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("t/s/{i}")).collect()
}

#[test]
fn new_cards_a_day_end_three_days_before_the_date_and_their_reviews_join_the_forecast() {
    let ids = ids(100);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let progress = Progress::default();
    let forecast = vec![4; 30];
    let follow = [1, 3, 9];
    let p = plan(&progress, &refs, TODAY + 13, TODAY, &forecast, &follow);
    assert_eq!(p.stage, Stage::Learning);
    assert_eq!((p.days_left, p.unseen, p.new_days), (13, 100, 13 - NEW_END_DAYS_BEFORE + 1));
    assert_eq!(p.needed_new_per_day, Some(10), "100 cards over 11 days");
    assert_eq!(p.limit, 20);
    assert!(!p.too_low);
    assert_eq!(p.load.len(), 14, "today to the day itself");
    let new: Vec<u32> = p.load.iter().map(|d| d.new).collect();
    assert_eq!(new, [20, 20, 20, 20, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0], "the queue shows the limit");
    // Day 3: 4 scheduled, day 2's cards one day on, day 0's three days on.
    assert_eq!(p.load[3].reviews, 4 + 20 + 20);
    assert_eq!(p.load[13].reviews, 4 + 20, "day 4's cards nine days on");
}

#[test]
fn a_limit_too_low_is_reported_with_the_limit_needed_and_a_raise_for_the_plan_applies_until_the_date() {
    let ids = ids(100);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress = Progress::default();
    progress.settings.new_per_day = 5;
    let p = plan(&progress, &refs, TODAY + 13, TODAY, &[], &[]);
    assert!(p.too_low);
    assert_eq!((p.needed_new_per_day, p.limit), (Some(10), 5));

    let mut day = day_on("2026-03-23", &[]);
    day.new_per_day = p.needed_new_per_day;
    progress.interview_day = Some(day);
    let raised = plan(&progress, &refs, TODAY + 13, TODAY, &[], &[]);
    assert!(!raised.too_low);
    assert_eq!(raised.limit, 10);
    assert_eq!(progress.settings.new_per_day, 5, "the setting itself stays");
    let clock = Clock { now: NOON, utc_offset_minutes: 0 };
    assert_eq!(Scope::new(&refs).queue(&progress, clock).remaining, 10, "the queue offers the plan's new cards");
    let after = Clock { now: NOON + 14 * DAY, utc_offset_minutes: 0 };
    assert_eq!(Scope::new(&refs).queue(&progress, after).remaining, 5, "back to the setting once the date passed");
}

#[test]
fn edge_cases_the_date_today_past_and_nothing_left_to_learn() {
    let ids = ids(3);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut progress = Progress::default();
    let today = plan(&progress, &refs, TODAY, TODAY, &[7; 30], &[1]);
    assert_eq!((today.stage, today.days_left, today.new_days), (Stage::FinalReview, 0, 0));
    assert_eq!(today.needed_new_per_day, None, "no day left for new cards");
    assert!(today.too_low);
    assert_eq!(today.load, vec![trainer_core::plan::DayLoad { new: 0, reviews: 7 }]);

    progress.interview_day = Some(day_on("2026-03-10", &[]));
    assert_eq!(final_review_day(&progress, TODAY), Some(TODAY));
    assert_eq!(final_review_day(&progress, TODAY - 2), Some(TODAY), "the last three days");
    assert_eq!(final_review_day(&progress, TODAY - 3), None);
    assert_eq!(final_review_day(&progress, TODAY + 1), None, "passed");

    let past = plan(&progress, &refs, TODAY - 2, TODAY, &[7; 30], &[1]);
    assert_eq!((past.stage, past.days_left), (Stage::Passed, -2));
    assert!(past.load.is_empty());

    let fsrs = Fsrs::new(0.9);
    for id in &refs {
        progress.grade(id, &fsrs, Grade::Good, NOON, 1000);
    }
    progress.set_suspended("t/s/9", true, NOON);
    let done = plan(&progress, &refs, TODAY + 30, TODAY, &[], &[]);
    assert_eq!((done.unseen, done.needed_new_per_day, done.too_low), (0, Some(0), false));
    assert!(done.load.iter().all(|d| d.new == 0));
    assert_eq!(done.load.len(), 30, "at most the forecast's days");
}

#[test]
fn a_new_card_answered_good_comes_back_on_later_days() {
    let days = follow_ups(&Fsrs::new(0.9), NOON);
    assert!(!days.is_empty() && days[0] > 0, "{days:?}");
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    assert!(days.iter().all(|&d| d < 30));
}

#[test]
fn the_final_review_asks_the_weakest_seen_cards_first_due_or_not() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.cards.insert("strong".into(), reviewed(100.0, NOON - 2 * DAY));
    progress.cards.insert("weak".into(), reviewed(1.0, NOON - 2 * DAY));
    progress.cards.insert("middle".into(), reviewed(10.0, NOON - 2 * DAY));
    progress.cards.insert("today".into(), reviewed(0.5, NOON - 60_000));
    progress.cards.insert("parked".into(), CardProgress { suspended: true, ..reviewed(0.5, NOON - 2 * DAY) });
    let ids = ["strong", "middle", "new", "weak", "today", "parked"];
    let at = interview_moment(TODAY + 2, 0);
    let order = weakest_first(&progress, &fsrs, &ids, at, TODAY, 0);
    assert_eq!(order, ["weak", "middle", "strong"], "new, suspended and already reviewed today left out");
    assert!(progress.card("strong").memory.due < NOON, "a due card");
    progress.grade("weak", &fsrs, Grade::Good, NOON, 1000);
    assert_eq!(weakest_first(&progress, &fsrs, &ids, at, TODAY, 0), ["middle", "strong"], "an early review is a review");
    assert_eq!(progress.log.last().map(|e| e.phase), Some(Phase::Review), "logged as a normal review");
}

#[test]
fn the_current_plan_covers_the_chosen_topics_with_their_scheduled_reviews() {
    let mut progress = Progress::default();
    assert_eq!(current(&DECK, &progress, NOON, &|_| 0), None, "no date set");
    progress.interview_day = Some(day_on("2026-03-24", &["redis"]));
    progress.grade("redis/a/1", &Fsrs::new(0.9), Grade::Good, NOON - 3 * DAY, 1000);
    progress.grade("sql/a/1", &Fsrs::new(0.9), Grade::Good, NOON - 3 * DAY, 1000);
    let now = current(&DECK, &progress, NOON, &|_| 0).expect("a plan");
    assert_eq!((now.day, now.scope.clone()), (TODAY + 14, vec![2, 3]));
    assert_eq!((now.plan.unseen, now.plan.days_left, now.plan.needed_new_per_day), (1, 14, Some(1)));
    let scheduled: u32 = now.plan.load.iter().map(|d| d.reviews).sum();
    assert!(scheduled >= 2, "the seen card's review and the new one's follow-ups: {:?}", now.plan.load);
    let new: u32 = now.plan.load.iter().map(|d| d.new).sum();
    assert_eq!(new, 1);
}

proptest! {
    #[test]
    fn the_needed_pace_is_the_least_that_sees_every_card_in_time(
        unseen in 0usize..400, days_left in -5i64..60, limit in 0u32..60,
    ) {
        let ids = ids(unseen);
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut progress = Progress::default();
        progress.settings.new_per_day = limit;
        let p = plan(&progress, &refs, TODAY + days_left, TODAY, &[], &[2]);
        prop_assert_eq!(p.new_days, (days_left - NEW_END_DAYS_BEFORE + 1).max(0));
        match p.needed_new_per_day {
            Some(n) if unseen > 0 => {
                prop_assert!(i64::from(n) * p.new_days >= unseen as i64);
                prop_assert!(i64::from(n - 1) * p.new_days < unseen as i64);
            }
            Some(n) => prop_assert_eq!(n, 0),
            None => prop_assert!(unseen > 0 && p.new_days == 0),
        }
        prop_assert_eq!(p.too_low, p.needed_new_per_day.is_none_or(|n| n > limit));
        let shown: u32 = p.load.iter().map(|d| d.new).sum();
        let room = i64::from(limit) * p.new_days.min(p.load.len() as i64);
        prop_assert_eq!(i64::from(shown), (unseen as i64).min(room));
        if !p.too_low && p.new_days <= 30 {
            prop_assert_eq!(shown as usize, unseen, "a limit high enough sees every card in the plan");
        }
    }
}

#[test]
fn recordings_over_the_cap_lose_the_oldest_first() {
    use trainer_core::recordings::oldest_over_cap;
    assert_eq!(oldest_over_cap(&[], 10), 0);
    assert_eq!(oldest_over_cap(&[4, 3, 3], 10), 0, "exactly at the cap");
    assert_eq!(oldest_over_cap(&[4, 3, 4], 10), 1);
    assert_eq!(oldest_over_cap(&[1, 1, 1, 9], 10), 2);
    assert_eq!(oldest_over_cap(&[5, 20], 10), 2, "one larger than the cap goes too");
}
