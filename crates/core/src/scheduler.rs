//! Scheduling behind our own trait and our own stored types, so the move from rs-fsrs (FSRS-5) to the `fsrs`
//! crate (FSRS-6) changed no stored data: an FSRS-5 memory state (stability, difficulty) is a valid FSRS-6 one. Times are Unix milliseconds, as the browser gives them.

use fsrs::{ItemState, MemoryState, NextStates, FSRS};
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

/// FSRS-6 through the `fsrs` crate (the model Anki uses), with the learner's fitted parameters or the
/// defaults. The crate gives memory states and intervals; the learning steps and the fuzz around them are the
/// scheduler's policy, Anki's: new cards 1/5/10 minutes, learning and relearning 5/10 minutes, review
/// intervals of whole days kept in order Hard < Good < Easy and spread by Anki's fuzz ranges.
pub struct Fsrs {
    model: FSRS,
    retention: f32,
    /// The forgetting curve's decay: the parameters' 21st, 0.5 for FSRS-5's 19.
    decay: f32,
}

pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.80..=0.95;
pub const DEFAULT_RETENTION: f64 = 0.90;
/// FSRS-6's default parameters, fitted by the FSRS authors to many learners' reviews.
pub const DEFAULT_PARAMETERS: [f32; 21] = fsrs::DEFAULT_PARAMETERS;
const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;
const MAXIMUM_INTERVAL: f32 = 36_500.0;
/// FSRS-5's fixed decay, for parameters fitted before FSRS-6 made it the 21st parameter.
const FSRS5_DECAY: f32 = 0.5;

impl Fsrs {
    /// Default parameters; `desired_retention` is clamped to 0.80–0.95.
    pub fn new(desired_retention: f64) -> Self {
        Self::with_parameters(desired_retention, &[])
    }

    /// `parameters` as fitted (19 or 21 values); an empty or unusable list means the defaults.
    pub fn with_parameters(desired_retention: f64, parameters: &[f32]) -> Self {
        let retention = desired_retention.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end()) as f32;
        let (model, decay) = match FSRS::new(parameters) {
            Ok(model) if !parameters.is_empty() => (model, parameters.get(20).copied().unwrap_or(FSRS5_DECAY)),
            _ => (FSRS::default(), DEFAULT_PARAMETERS[20]),
        };
        Self { model, retention, decay }
    }

    /// The memory states and unrounded intervals (days) of the four grades after `days_elapsed`.
    fn next_states(&self, memory: &Memory, days_elapsed: u32) -> NextStates {
        let state = (memory.phase != Phase::New && memory.stability > 0.0)
            .then(|| MemoryState { stability: memory.stability as f32, difficulty: memory.difficulty as f32 });
        // A state the model cannot continue from (an impossible import) starts over as a new card.
        self.model
            .next_states(state, self.retention, days_elapsed)
            .or_else(|_| self.model.next_states(None, self.retention, 0))
            .expect("a new card always has next states")
    }
}

impl Scheduler for Fsrs {
    fn preview(&self, memory: &Memory, now: i64) -> [Preview; 4] {
        let elapsed_days = match memory.last_review {
            Some(last) if memory.phase != Phase::New => ((now - last).max(0) / DAY_MS) as u32,
            _ => 0,
        };
        let next = self.next_states(memory, elapsed_days);
        let states = [&next.again, &next.hard, &next.good, &next.easy];
        let mut fuzz = fastrand::Rng::with_seed(now as u64 ^ u64::from(memory.reps) << 48);
        let mut days = |state: &ItemState, at_least: i64| {
            let interval = (state.interval.round().clamp(1.0, MAXIMUM_INTERVAL) as i64).max(at_least);
            fuzzed(interval, elapsed_days.into(), &mut fuzz)
        };
        // (phase, minutes or days) per grade, in `Grade::ALL` order.
        let steps: [(Phase, Step); 4] = match memory.phase {
            Phase::New => {
                let easy = days(states[3], 1);
                [
                    (Phase::Learning, Step::Minutes(1)),
                    (Phase::Learning, Step::Minutes(5)),
                    (Phase::Learning, Step::Minutes(10)),
                    (Phase::Review, Step::Days(easy)),
                ]
            }
            Phase::Learning | Phase::Relearning => {
                let good = days(states[2], 1);
                let easy = days(states[3], good + 1);
                [
                    (memory.phase, Step::Minutes(5)),
                    (memory.phase, Step::Minutes(10)),
                    (Phase::Review, Step::Days(good)),
                    (Phase::Review, Step::Days(easy)),
                ]
            }
            Phase::Review => {
                let hard = days(states[1], 1);
                let good = days(states[2], hard + 1);
                let easy = days(states[3], good + 1);
                [
                    (Phase::Relearning, Step::Minutes(5)),
                    (Phase::Review, Step::Days(hard)),
                    (Phase::Review, Step::Days(good)),
                    (Phase::Review, Step::Days(easy)),
                ]
            }
        };
        std::array::from_fn(|i| {
            let (phase, step) = steps[i];
            let (due, scheduled_days) = match step {
                Step::Minutes(m) => (now + m * MINUTE_MS, 0),
                Step::Days(d) => (now + d * DAY_MS, d),
            };
            let memory = Memory {
                phase,
                due,
                stability: f64::from(states[i].memory.stability),
                difficulty: f64::from(states[i].memory.difficulty),
                elapsed_days: elapsed_days.into(),
                scheduled_days,
                reps: memory.reps + 1,
                lapses: memory.lapses + u32::from(memory.phase == Phase::Review && i == 0),
                last_review: Some(now),
            };
            Preview { memory }
        })
    }

    /// The `fsrs` crate's forgetting curve with this model's decay, over whole days since the last review as the
    /// schedule counts them, so the forecast and the schedule agree on what a memory state means.
    fn recall_at(&self, memory: &Memory, at: i64) -> f64 {
        let Some(last) = memory.last_review.filter(|_| memory.phase != Phase::New && memory.stability > 0.0) else {
            return 0.0;
        };
        let days = ((at - last).max(0) / DAY_MS) as f32;
        let state = MemoryState { stability: memory.stability as f32, difficulty: memory.difficulty as f32 };
        f64::from(fsrs::current_retrievability(state, days, self.decay)).clamp(0.0, 1.0)
    }
}

#[derive(Clone, Copy)]
enum Step {
    Minutes(i64),
    Days(i64),
}

/// Anki's fuzz: an interval of 3 days or more moves by up to 15 % (up to 7 days), 10 % (to 20) and 5 % beyond,
/// so cards learnt together drift apart; never back to the day it was last seen.
fn fuzzed(interval: i64, elapsed_days: i64, rng: &mut fastrand::Rng) -> i64 {
    const RANGES: [(f64, f64, f64); 3] = [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f64::INFINITY, 0.05)];
    let days = interval as f64;
    if days < 2.5 {
        return interval;
    }
    let delta = 1.0 + RANGES.iter().map(|&(start, end, factor)| factor * (days.min(end) - start).max(0.0)).sum::<f64>();
    let mut low = (days - delta).round().max(2.0) as i64;
    if interval > elapsed_days {
        low = low.max(elapsed_days + 1);
    }
    let high = ((days + delta).round() as i64).min(MAXIMUM_INTERVAL as i64).max(low);
    rng.i64(low..=high)
}
