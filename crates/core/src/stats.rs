//! Learning statistics as Anki shows them, from the progress document alone: reviews per day with streaks,
//! the coming workload, true retention, answer buttons and card states. A review counts on the local day
//! it was given, in the UTC offset in force at that moment (the caller's `offset_at`), so a daylight-saving
//! change neither splits nor merges days.

use crate::progress::{local_day, Progress};
use crate::scheduler::{Grade, Phase};
use std::collections::BTreeMap;

pub const HEATMAP_DAYS: usize = 365;
pub const FORECAST_DAYS: usize = 30;
/// Anki calls a review card mature from a 21-day interval.
pub const MATURE_DAYS: i64 = 21;
/// The recent window of true retention.
pub const RECENT_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Local day number (days since the epoch) of today, the last heatmap day.
    pub today: i64,
    /// Reviews per local day for the last `HEATMAP_DAYS` days, oldest first.
    pub heatmap: Vec<u32>,
    /// Days in a row with a review, up to today (or up to yesterday while today has none yet).
    pub current_streak: u32,
    pub longest_streak: u32,
    /// Cards due per local day from today on; overdue cards count today.
    pub forecast: Vec<u32>,
    pub retention_recent: Retention,
    pub retention_all: Retention,
    /// Grades given per button, `Grade::ALL` order: to new and (re)learning cards, and to review cards.
    pub buttons_learning: [u32; 4],
    pub buttons_review: [u32; 4],
    pub states: States,
}

/// Review-phase grades that were not Again, out of all review-phase grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retention {
    pub passed: u32,
    pub total: u32,
}

impl Retention {
    fn count(&mut self, passed: bool) {
        self.total += 1;
        self.passed += u32::from(passed);
    }

    pub fn rate(self) -> Option<f64> {
        (self.total > 0).then(|| f64::from(self.passed) / f64::from(self.total))
    }
}

/// The deck's cards by state; suspended cards count only as suspended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct States {
    pub new: u32,
    pub learning: u32,
    /// In review with an interval under `MATURE_DAYS`.
    pub young: u32,
    pub mature: u32,
    pub suspended: u32,
}

/// Statistics of `cards` (the deck's card ids) and the whole review log at `now`; `offset_at(ms)` is the
/// learner's UTC offset in minutes east at that moment.
pub fn stats(progress: &Progress, cards: &[&str], now: i64, offset_at: &dyn Fn(i64) -> i32) -> Stats {
    let day_of = |ms: i64| local_day(ms, offset_at(ms));
    let today = day_of(now);

    let mut per_day: BTreeMap<i64, u32> = BTreeMap::new();
    let (mut retention_recent, mut retention_all) = (Retention::default(), Retention::default());
    let (mut buttons_learning, mut buttons_review) = ([0; 4], [0; 4]);
    for entry in &progress.log {
        let day = day_of(entry.at);
        *per_day.entry(day).or_default() += 1;
        if entry.phase != Phase::Review {
            buttons_learning[entry.grade as usize] += 1;
            continue;
        }
        buttons_review[entry.grade as usize] += 1;
        let passed = entry.grade != Grade::Again;
        retention_all.count(passed);
        if day > today - RECENT_DAYS {
            retention_recent.count(passed);
        }
    }
    let first_day = today - HEATMAP_DAYS as i64 + 1;
    let heatmap = (first_day..=today).map(|day| per_day.get(&day).copied().unwrap_or(0)).collect();
    let run_to = |mut day: i64| {
        let mut run = 0;
        while per_day.contains_key(&day) {
            run += 1;
            day -= 1;
        }
        run
    };
    let current_streak = if per_day.contains_key(&today) { run_to(today) } else { run_to(today - 1) };
    let longest_streak =
        per_day.keys().filter(|day| !per_day.contains_key(&(**day + 1))).map(|day| run_to(*day)).max().unwrap_or(0);

    let mut states = States::default();
    for id in cards {
        let card = progress.card(id);
        let memory = card.memory;
        if card.suspended {
            states.suspended += 1;
            continue;
        }
        match memory.phase {
            Phase::New => states.new += 1,
            Phase::Learning | Phase::Relearning => states.learning += 1,
            Phase::Review if memory.scheduled_days < MATURE_DAYS => states.young += 1,
            Phase::Review => states.mature += 1,
        }
    }
    let forecast = forecast(progress, cards, now, offset_at);
    Stats {
        today,
        heatmap,
        current_streak,
        longest_streak,
        forecast,
        retention_recent,
        retention_all,
        buttons_learning,
        buttons_review,
        states,
    }
}

/// Cards of `cards` due per local day for `FORECAST_DAYS` days from the day of `now` (overdue ones today);
/// new and suspended cards are not due.
pub fn forecast(progress: &Progress, cards: &[&str], now: i64, offset_at: &dyn Fn(i64) -> i32) -> Vec<u32> {
    let day_of = |ms: i64| local_day(ms, offset_at(ms));
    let today = day_of(now);
    let mut forecast = vec![0; FORECAST_DAYS];
    for card in cards.iter().map(|id| progress.card(id)).filter(|c| !c.suspended && c.memory.phase != Phase::New) {
        let days_ahead = (day_of(card.memory.due) - today).max(0) as usize;
        if let Some(count) = forecast.get_mut(days_ahead) {
            *count += 1;
        }
    }
    forecast
}
