//! Preparing for a dated interview: how much the learner would recall on the day (readiness, from each card's
//! FSRS memory state), how many new cards a day it takes to see every card of the interview's topics in time,
//! the review load that follows, and the final review's order (lowest predicted recall on the day first).

use crate::model::Deck;
use crate::progress::{local_day, InterviewDay, Progress};
use crate::scheduler::{Grade, Memory, Phase, Scheduler};
use crate::stats::{forecast, FORECAST_DAYS};

/// New cards end this many days before the interview, so each has had its first reviews by then.
pub const NEW_END_DAYS_BEFORE: i64 = 3;
/// The final review runs on the last days after new cards end: the interview day and the two before it.
pub const FINAL_REVIEW_DAYS: i64 = NEW_END_DAYS_BEFORE;
const DAY_MS: i64 = 86_400_000;

/// The moment the forecast looks at: noon of the interview day, local time.
pub fn interview_moment(day: i64, utc_offset_minutes: i32) -> i64 {
    day * DAY_MS + DAY_MS / 2 - i64::from(utc_offset_minutes) * 60_000
}

/// The deck's card indices in the interview's topics (every topic when it names none), notes order.
pub fn cards_in_scope(deck: &Deck, day: &InterviewDay) -> Vec<usize> {
    let chosen = |topic: u32| day.topics.is_empty() || day.topics.iter().any(|slug| slug == deck.topics[topic as usize].slug);
    (0..deck.cards.len()).filter(|&i| chosen(deck.cards[i].topic)).collect()
}

/// Expected recall over a set of cards: the sum of each card's predicted recall, and how many cards.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Share {
    pub recall: f64,
    pub cards: u32,
}

impl Share {
    fn add(&mut self, recall: f64) {
        self.recall += recall;
        self.cards += 1;
    }

    /// The expected share recalled, 0 … 1; `None` for no cards.
    pub fn value(self) -> Option<f64> {
        (self.cards > 0).then(|| self.recall / f64::from(self.cards))
    }

    /// Whole per cent, 0 for no cards.
    pub fn percent(self) -> u32 {
        (self.value().unwrap_or(0.0) * 100.0).round() as u32
    }
}

/// Readiness per section (`sections[topic][section]`), per topic, and over the interview's cards.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    pub sections: Vec<Vec<Share>>,
    pub topics: Vec<Share>,
    pub overall: Share,
}

/// The expected share of each part's cards recalled at `at` with no review before it; a card never seen
/// counts 0. `overall` covers the cards in `scope` (deck indices).
pub fn readiness(deck: &Deck, progress: &Progress, scheduler: &dyn Scheduler, at: i64, scope: &[usize]) -> Readiness {
    let mut sections: Vec<Vec<Share>> = deck.topics.iter().map(|t| vec![Share::default(); t.sections.len()]).collect();
    let recall: Vec<f64> = deck.cards.iter().map(|c| scheduler.recall_at(&progress.card(c.id).memory, at)).collect();
    for (card, &r) in deck.cards.iter().zip(&recall) {
        sections[card.topic as usize][card.section as usize].add(r);
    }
    let topics = sections
        .iter()
        .map(|s| s.iter().fold(Share::default(), |a, b| Share { recall: a.recall + b.recall, cards: a.cards + b.cards }))
        .collect();
    let mut overall = Share::default();
    scope.iter().for_each(|&i| overall.add(recall[i]));
    Readiness { sections, topics, overall }
}

/// Where the learner stands against the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// New cards are still due to be seen.
    Learning,
    /// The last days: new cards are over, the weakest cards come first.
    FinalReview,
    /// The date has passed.
    Passed,
}

/// One day of the plan: new cards to see and reviews due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayLoad {
    pub new: u32,
    pub reviews: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub stage: Stage,
    /// Days from today to the interview (0 on the day itself, negative once past).
    pub days_left: i64,
    /// Cards of the interview's topics never seen (suspended ones aside).
    pub unseen: u32,
    /// Days left to see new cards, today included (new cards end `NEW_END_DAYS_BEFORE` days before the date).
    pub new_days: i64,
    /// New cards a day it takes to see every unseen card in time; `None` when no day is left for them.
    pub needed_new_per_day: Option<u32>,
    /// The daily new-card limit in force.
    pub limit: u32,
    /// The limit cannot see every card in time.
    pub too_low: bool,
    /// From today to the interview day (at most `FORECAST_DAYS` days) at the limit in force: new cards,
    /// and the reviews already scheduled plus those of the new cards.
    pub load: Vec<DayLoad>,
}

/// The plan for an interview on local day `day`, seen on local day `today`. `ids` are the interview's
/// cards; `forecast` is the scheduled reviews per day from today (`stats::stats`'s); `follow_ups` the days
/// after its first sight at which a new card comes back for review ([`follow_ups`]).
pub fn plan(progress: &Progress, ids: &[&str], day: i64, today: i64, forecast: &[u32], follow_ups: &[i64]) -> Plan {
    let days_left = day - today;
    let unseen =
        ids.iter().map(|id| progress.card(id)).filter(|card| card.memory.phase == Phase::New && !card.suspended).count() as u32;
    let new_days = (days_left - NEW_END_DAYS_BEFORE + 1).max(0);
    let needed_new_per_day = match (unseen, new_days) {
        (0, _) => Some(0),
        (_, 0) => None,
        (unseen, days) => Some(unseen.div_ceil(days as u32)),
    };
    let limit = progress.new_per_day(today);
    let too_low = needed_new_per_day.is_none_or(|needed| needed > limit);
    let stage = match days_left {
        left if left < 0 => Stage::Passed,
        left if in_final_review(left) => Stage::FinalReview,
        _ => Stage::Learning,
    };
    let horizon = (days_left + 1).clamp(0, FORECAST_DAYS as i64) as usize;
    let mut load: Vec<DayLoad> =
        (0..horizon).map(|d| DayLoad { new: 0, reviews: forecast.get(d).copied().unwrap_or(0) }).collect();
    let mut left = unseen;
    for d in 0..horizon.min(new_days as usize) {
        let new = left.min(limit);
        left -= new;
        load[d].new = new;
        for &after in follow_ups {
            if let Some(later) = load.get_mut(d + after as usize) {
                later.reviews += new;
            }
        }
    }
    Plan { stage, days_left, unseen, new_days, needed_new_per_day, limit, too_low, load }
}

/// The interview day as the app shows it at `now`: its local day, its cards (deck indices) and the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub day: i64,
    pub scope: Vec<usize>,
    pub plan: Plan,
}

/// The plan of the learner's interview day at `now`, if they set one; `offset_at(ms)` is the UTC offset in
/// minutes east at that moment (as for `stats::stats`).
pub fn current(deck: &Deck, progress: &Progress, now: i64, offset_at: &dyn Fn(i64) -> i32) -> Option<Current> {
    let interview = progress.interview_day.as_ref()?;
    let day = interview.day()?;
    let scope = cards_in_scope(deck, interview);
    let ids: Vec<&str> = scope.iter().map(|&i| deck.cards[i].id).collect();
    let today = local_day(now, offset_at(now));
    let forecast = forecast(progress, &ids, now, offset_at);
    let follow = follow_ups(&progress.settings.scheduler(), now);
    let plan = plan(progress, &ids, day, today, &forecast, &follow);
    Some(Current { day, scope, plan })
}

fn in_final_review(days_left: i64) -> bool {
    (0..FINAL_REVIEW_DAYS).contains(&days_left)
}

/// The interview's local day while local day `today` is in its final review, else `None`.
pub fn final_review_day(progress: &Progress, today: i64) -> Option<i64> {
    let day = progress.interview_day.as_ref()?.day()?;
    in_final_review(day - today).then_some(day)
}

/// The days after its first sight on which a new card comes back for review, within `FORECAST_DAYS`, if the
/// learner answers Good each time (the steps of its first day aside).
pub fn follow_ups(scheduler: &dyn Scheduler, now: i64) -> Vec<i64> {
    let first_day = now.div_euclid(DAY_MS);
    let mut memory = Memory::default();
    let mut at = now;
    let mut days = Vec::new();
    loop {
        memory = scheduler.answer(&memory, at, Grade::Good);
        at = memory.due.max(at + 1);
        let after = at.div_euclid(DAY_MS) - first_day;
        if after >= FORECAST_DAYS as i64 {
            return days;
        }
        if after > 0 && days.last() != Some(&after) {
            days.push(after);
        }
    }
}

/// The final review's cards: those seen before and not suspended, not yet reviewed on local day `today`,
/// lowest predicted recall at `at` first (ties in `ids` order), whether due or not.
pub fn weakest_first<'a>(
    progress: &Progress,
    scheduler: &dyn Scheduler,
    ids: &[&'a str],
    at: i64,
    today: i64,
    utc_offset_minutes: i32,
) -> Vec<&'a str> {
    let mut cards: Vec<(f64, usize, &'a str)> = ids
        .iter()
        .enumerate()
        .filter_map(|(place, &id)| {
            let card = progress.card(id);
            let reviewed_today = card.memory.last_review.is_some_and(|t| local_day(t, utc_offset_minutes) == today);
            let buried = card.buried_until.is_some_and(|until| local_day(until, utc_offset_minutes) > today);
            let out = card.memory.phase == Phase::New || card.suspended || reviewed_today || buried;
            (!out).then(|| (scheduler.recall_at(&card.memory, at), place, id))
        })
        .collect();
    cards.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    cards.into_iter().map(|(_, _, id)| id).collect()
}
