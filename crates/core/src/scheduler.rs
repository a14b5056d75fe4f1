//! Scheduling behind our own trait and our own stored types, so moving from rs-fsrs (FSRS-5) to another
//! implementation (FSRS-6) changes no stored data. Times are Unix milliseconds, as the browser gives them.

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card as FsrsCard, Parameters, Rating, State, FSRS};
use serde::{Deserialize, Serialize};

/// Anki's four answer buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// The key that gives this grade: 1–4.
    pub fn key(self) -> u8 {
        self as u8 + 1
    }
}

/// Where a card is in its life: New → Learning → Review ⇄ Relearning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    #[default]
    New,
    Learning,
    Review,
    Relearning,
}

/// What the scheduler remembers about one card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Memory {
    pub phase: Phase,
    /// When the card is due (ms); 0 for a new card.
    pub due: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: u32,
    pub lapses: u32,
    /// When it was last graded (ms); `None` for a new card.
    pub last_review: Option<i64>,
}

/// What one grade would do: shown on the answer buttons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preview {
    pub memory: Memory,
}

impl Preview {
    /// Time until the card comes back, in ms.
    pub fn interval_ms(&self, now: i64) -> i64 {
        (self.memory.due - now).max(0)
    }
}

pub trait Scheduler {
    /// The outcome of each of the four grades, in `Grade::ALL` order.
    fn preview(&self, memory: &Memory, now: i64) -> [Preview; 4];

    /// The card's memory after `grade` at `now`.
    fn answer(&self, memory: &Memory, now: i64, grade: Grade) -> Memory {
        self.preview(memory, now)[grade as usize].memory
    }

    /// The probability of recalling the card at `at` (ms) if it is not reviewed before; 0 for a card never seen.
    fn recall_at(&self, memory: &Memory, at: i64) -> f64;
}

/// FSRS-5 through rs-fsrs, with fuzz on and Anki-like short-term learning steps.
pub struct Fsrs {
    fsrs: FSRS,
}

pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.80..=0.95;
pub const DEFAULT_RETENTION: f64 = 0.90;

impl Fsrs {
    /// `desired_retention` is clamped to 0.80–0.95.
    pub fn new(desired_retention: f64) -> Self {
        let retention = desired_retention.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end());
        let parameters =
            Parameters { request_retention: retention, enable_fuzz: true, enable_short_term: true, ..Parameters::default() };
        Self { fsrs: FSRS::new(parameters) }
    }
}

impl Scheduler for Fsrs {
    fn preview(&self, memory: &Memory, now: i64) -> [Preview; 4] {
        let log = self.fsrs.repeat(to_fsrs(memory, now), time(now));
        Grade::ALL.map(|grade| Preview { memory: from_fsrs(&log[&rating(grade)].card) })
    }

    /// rs-fsrs's own forgetting curve (FSRS-5: R = (1 + 19/81 · t/S)^-0.5, t in whole days since the last
    /// review), so the forecast and the schedule agree on what a memory state means.
    fn recall_at(&self, memory: &Memory, at: i64) -> f64 {
        if memory.phase == Phase::New || memory.stability <= 0.0 {
            return 0.0;
        }
        to_fsrs(memory, at).get_retrievability(time(at)).clamp(0.0, 1.0)
    }
}

fn time(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

fn rating(grade: Grade) -> Rating {
    match grade {
        Grade::Again => Rating::Again,
        Grade::Hard => Rating::Hard,
        Grade::Good => Rating::Good,
        Grade::Easy => Rating::Easy,
    }
}

fn to_fsrs(memory: &Memory, now: i64) -> FsrsCard {
    FsrsCard {
        due: time(if memory.phase == Phase::New { now } else { memory.due }),
        stability: memory.stability,
        difficulty: memory.difficulty,
        elapsed_days: memory.elapsed_days,
        scheduled_days: memory.scheduled_days,
        reps: memory.reps as i32,
        lapses: memory.lapses as i32,
        state: match memory.phase {
            Phase::New => State::New,
            Phase::Learning => State::Learning,
            Phase::Review => State::Review,
            Phase::Relearning => State::Relearning,
        },
        last_review: time(memory.last_review.unwrap_or(now)),
    }
}

fn from_fsrs(card: &FsrsCard) -> Memory {
    Memory {
        phase: match card.state {
            State::New => Phase::New,
            State::Learning => Phase::Learning,
            State::Review => Phase::Review,
            State::Relearning => Phase::Relearning,
        },
        due: card.due.timestamp_millis(),
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
        reps: card.reps.max(0) as u32,
        lapses: card.lapses.max(0) as u32,
        last_review: Some(card.last_review.timestamp_millis()),
    }
}
