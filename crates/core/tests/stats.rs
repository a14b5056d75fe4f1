//! Statistics arithmetic: local days across month, year and daylight-saving changes, streaks, forecast,
//! true retention, answer buttons and card states.

use chrono::NaiveDate;
use trainer_core::progress::{CardProgress, Progress, ReviewEntry};
use trainer_core::scheduler::{Grade, Memory, Phase};
use trainer_core::stats::{stats, Retention, States, HEATMAP_DAYS};

const MINUTE: i64 = 60_000;
const DAY: i64 = 1440 * MINUTE;

/// Unix ms of a local wall-clock time at a UTC offset (minutes east).
fn at(y: i32, m: u32, d: u32, h: u32, min: u32, offset: i32) -> i64 {
    let local = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    local.and_utc().timestamp_millis() - i64::from(offset) * MINUTE
}

fn review(at: i64, phase: Phase, grade: Grade) -> ReviewEntry {
    ReviewEntry { card: "c".into(), at, grade, elapsed_days: 0, scheduled_days: 0, phase, answer_ms: 1000 }
}

fn with_log(times: &[i64]) -> Progress {
    Progress { log: times.iter().map(|t| review(*t, Phase::Review, Grade::Good)).collect(), ..Progress::default() }
}

/// Berlin in 2026: CET (+60) until 29 March 01:00 UTC, CEST (+120) until 25 October 01:00 UTC.
fn berlin(ms: i64) -> i32 {
    let (spring, autumn) = (at(2026, 3, 29, 1, 0, 0), at(2026, 10, 25, 1, 0, 0));
    if (spring..autumn).contains(&ms) {
        120
    } else {
        60
    }
}

#[test]
fn streaks_run_across_month_and_year_ends() {
    let moscow = |_| 180;
    // 22:30 UTC on 31 December is already 1 January in Moscow.
    let days =
        [at(2025, 12, 30, 23, 50, 180), at(2025, 12, 31, 0, 10, 180), at(2026, 1, 1, 1, 30, 180), at(2026, 1, 31, 23, 0, 180)];
    let mut log = vec![days[0], days[1], days[2]];
    log.push(at(2026, 1, 30, 12, 0, 180));
    log.push(days[3]);
    log.push(at(2026, 2, 1, 0, 5, 180));
    let progress = with_log(&log);
    let s = stats(&progress, &[], at(2026, 2, 1, 20, 0, 180), &moscow);
    assert_eq!((s.current_streak, s.longest_streak), (3, 3), "30 Jan – 1 Feb, and 30 Dec – 1 Jan");
    assert_eq!(s.heatmap.len(), HEATMAP_DAYS);
    assert_eq!(&s.heatmap[HEATMAP_DAYS - 4..], [0, 1, 1, 1]);
    assert_eq!(s.heatmap.iter().sum::<u32>(), 6);
    // Before any review today, the streak still counts up to yesterday; a missed day ends it.
    let tomorrow = stats(&progress, &[], at(2026, 2, 2, 9, 0, 180), &moscow);
    assert_eq!(tomorrow.current_streak, 3);
    let later = stats(&progress, &[], at(2026, 2, 3, 9, 0, 180), &moscow);
    assert_eq!((later.current_streak, later.longest_streak), (0, 3));
}

#[test]
fn each_review_counts_on_the_local_day_of_its_own_utc_offset() {
    // Late-evening reviews every day across both changes of 2026, at local 23:30 and 00:30.
    let spring: Vec<i64> = (27..=31).map(|d| at(2026, 3, d, 23, 30, berlin(at(2026, 3, d, 23, 30, 60)))).collect();
    let progress = with_log(&spring);
    let s = stats(&progress, &[], at(2026, 4, 1, 12, 0, 120), &berlin);
    assert_eq!((s.current_streak, s.longest_streak), (5, 5));
    assert_eq!(&s.heatmap[HEATMAP_DAYS - 6..], [1, 1, 1, 1, 1, 0]);
    // Today's offset applied to every review would have merged 28 and 29 March and lost the streak.
    let fixed = stats(&progress, &[], at(2026, 4, 1, 12, 0, 120), &|_| 120);
    assert_ne!(fixed.heatmap, s.heatmap);

    let autumn: Vec<i64> = (23..=27).map(|d| at(2026, 10, d, 0, 30, berlin(at(2026, 10, d, 0, 30, 120)))).collect();
    let s = stats(&with_log(&autumn), &[], at(2026, 10, 27, 12, 0, 60), &berlin);
    assert_eq!((s.current_streak, s.longest_streak), (5, 5));
    assert_eq!(&s.heatmap[HEATMAP_DAYS - 5..], [1, 1, 1, 1, 1]);
}

#[test]
fn a_year_old_review_leaves_the_heatmap_but_not_the_longest_streak() {
    let now = at(2026, 6, 1, 12, 0, 0);
    let progress = with_log(&[now - 400 * DAY, now - 399 * DAY, now - 364 * DAY]);
    let s = stats(&progress, &[], now, &|_| 0);
    assert_eq!((s.heatmap[0], s.heatmap.iter().sum::<u32>()), (1, 1));
    assert_eq!((s.current_streak, s.longest_streak), (0, 2));
}

fn card(phase: Phase, due: i64, scheduled_days: i64, suspended: bool) -> CardProgress {
    CardProgress {
        memory: Memory { phase, due, scheduled_days, ..Memory::default() },
        suspended,
        updated: due,
        ..CardProgress::default()
    }
}

#[test]
fn forecast_and_states_count_the_decks_cards() {
    let now = at(2026, 6, 1, 12, 0, 0);
    let mut progress = Progress::default();
    let cards = [
        ("overdue", card(Phase::Review, now - 3 * DAY, 5, false)),
        ("tonight", card(Phase::Learning, now + 10 * MINUTE, 0, false)),
        ("in-3-days", card(Phase::Review, now + 3 * DAY, 30, false)),
        ("relearning", card(Phase::Relearning, now + DAY, 0, false)),
        ("in-40-days", card(Phase::Review, now + 40 * DAY, 21, false)),
        ("suspended", card(Phase::Review, now, 50, true)),
        ("not-in-deck", card(Phase::Review, now, 50, false)),
    ];
    progress.cards.extend(cards.iter().map(|(id, state)| (id.to_string(), *state)));
    let deck = ["overdue", "tonight", "in-3-days", "relearning", "in-40-days", "suspended", "new-1", "new-2"];
    let s = stats(&progress, &deck, now, &|_| 0);
    assert_eq!(s.forecast.len(), 30);
    assert_eq!(&s.forecast[..4], [2, 1, 0, 1]);
    assert_eq!(s.forecast.iter().sum::<u32>(), 4);
    assert_eq!(s.states, States { new: 2, learning: 2, young: 1, mature: 2, suspended: 1 });
}

#[test]
fn true_retention_counts_review_phase_grades_only() {
    let now = at(2026, 6, 1, 12, 0, 0);
    let mut progress = Progress::default();
    for (days_ago, phase, grade) in [
        (1, Phase::Review, Grade::Good),
        (2, Phase::Review, Grade::Hard),
        (3, Phase::Review, Grade::Easy),
        (4, Phase::Review, Grade::Again),
        (40, Phase::Review, Grade::Again),
        (1, Phase::New, Grade::Again),
        (1, Phase::Learning, Grade::Good),
        (1, Phase::Relearning, Grade::Again),
    ] {
        progress.log.push(review(now - days_ago * DAY, phase, grade));
    }
    let s = stats(&progress, &[], now, &|_| 0);
    assert_eq!(s.retention_recent, Retention { passed: 3, total: 4 });
    assert_eq!(s.retention_all, Retention { passed: 3, total: 5 });
    assert_eq!(s.retention_recent.rate(), Some(0.75));
    assert_eq!(Retention::default().rate(), None);
    assert_eq!(s.buttons_review, [2, 1, 1, 1]);
    assert_eq!(s.buttons_learning, [2, 0, 1, 0]);
}
