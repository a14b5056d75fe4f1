//! The learner's progress: one versioned JSON document with card states keyed by stable card id, an
//! append-only review log, and the history of quizzes and mock interviews. Ids that are not in the current deck are kept as they are (set aside, not shown),
//! so a card that comes back after a rename gets its history back.

use crate::scheduler::{Fsrs, Grade, Memory, Phase, Scheduler, DEFAULT_RETENTION, RETENTION_RANGE};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

/// The document version this build writes. Older versions are migrated on load; newer ones are refused.
pub const VERSION: u32 = 3;
/// Lapses at which a card is flagged as a leech (Anki's default threshold).
pub const LEECH_LAPSES: u32 = 8;
const DAY_MS: i64 = 86_400_000;
/// Timestamps outside 2000-01-01 … 2200-01-01 cannot come from a real review.
const TIME_RANGE: std::ops::RangeInclusive<i64> = 946_684_800_000..=7_258_118_400_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    pub settings: Settings,
    pub cards: BTreeMap<String, CardProgress>,
    pub log: Vec<ReviewEntry>,
    #[serde(default)]
    pub quizzes: Vec<QuizRecord>,
    #[serde(default)]
    pub interviews: Vec<InterviewRecord>,
    /// The real interview the learner is preparing for, if they named its date.
    #[serde(default)]
    pub interview_day: Option<InterviewDay>,
    /// What changed since the store last wrote this document (not part of it).
    #[serde(skip)]
    pub unsaved: Unsaved,
}

/// The store's bookkeeping: which card states and which part of the log changed since they were last
/// written, so that a grade writes one card's bucket and the log's newest segment, not the whole history.
/// A new or parsed document is unsaved as a whole; settings and quiz history are compared by the store.
#[derive(Debug, Clone)]
pub struct Unsaved {
    pub everything: bool,
    pub cards: BTreeSet<String>,
    /// The first index of the log that changed (an append starts at the old length).
    pub log_from: Option<usize>,
}

impl Unsaved {
    pub fn nothing() -> Self {
        Self { everything: false, cards: BTreeSet::new(), log_from: None }
    }

    fn card(&mut self, id: &str) {
        if !self.everything {
            self.cards.insert(id.to_string());
        }
    }

    fn log(&mut self, from: usize) {
        self.log_from = Some(self.log_from.map_or(from, |old| old.min(from)));
    }
}

impl Default for Unsaved {
    fn default() -> Self {
        Self { everything: true, ..Self::nothing() }
    }
}

/// Bookkeeping, not data: two documents with the same content are equal whatever is unsaved.
impl PartialEq for Unsaved {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub new_per_day: u32,
    pub reviews_per_day: u32,
    pub desired_retention: f64,
    #[serde(default)]
    pub fits: Fits,
}

impl Default for Settings {
    /// Anki's defaults: 20 new cards and 200 reviews a day; FSRS's 90 % retention and default parameters.
    fn default() -> Self {
        Self { new_per_day: 20, reviews_per_day: 200, desired_retention: DEFAULT_RETENTION, fits: Fits::default() }
    }
}

impl Settings {
    /// The scheduler with the desired retention and the parameters in use.
    pub fn scheduler(&self) -> Fsrs {
        Fsrs::with_parameters(self.desired_retention, self.fits.active().map_or(&[], |fit| &fit.parameters))
    }
}

/// FSRS parameters fitted to the learner's own reviews. Every fit is kept, so the learner can go back to an
/// older one or to the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Fits {
    /// Oldest first.
    pub list: Vec<Fit>,
    /// The fit in use, an index into `list`; `None` for FSRS-6's default parameters.
    pub active: Option<usize>,
}

impl Fits {
    pub fn active(&self) -> Option<&Fit> {
        self.active.and_then(|i| self.list.get(i))
    }
}

/// One fit and how well it and the defaults predicted the learner's reviews when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// When it was fitted (ms).
    pub at: i64,
    /// How many reviews of the log it was fitted on.
    pub reviews: u32,
    pub parameters: Vec<f32>,
    pub log_loss: f32,
    pub rmse_bins: f32,
    pub default_log_loss: f32,
    pub default_rmse_bins: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CardProgress {
    pub memory: Memory,
    #[serde(default)]
    pub suspended: bool,
    /// Hidden from reviews until this time (ms): the next local midnight when buried.
    #[serde(default)]
    pub buried_until: Option<i64>,
    #[serde(default)]
    pub leech: bool,
    /// Sent back to review by a wrong quiz answer: due now whatever its schedule, until it is graded.
    #[serde(default)]
    pub requeued: bool,
    /// When this state last changed (ms); the newer state wins when two copies are merged.
    pub updated: i64,
}

/// The date of a real interview, what it covers and, once it is over, how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewDay {
    /// `YYYY-MM-DD` in the learner's calendar: the day stays the same whatever the time zone.
    pub date: String,
    /// Topic slugs it covers; empty: every topic.
    #[serde(default)]
    pub topics: Vec<String>,
    /// New cards a day the learner chose for this plan, above their setting (which stays as it is); it
    /// applies until the date.
    #[serde(default)]
    pub new_per_day: Option<u32>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// When it was last changed (ms): the newer copy wins a merge.
    pub updated: i64,
}

impl InterviewDay {
    /// The date as a local day number (days since the epoch, as [`local_day`] counts them).
    pub fn day(&self) -> Option<i64> {
        // By hand rather than chrono's `FromStr`, whose general parser would weigh on the main wasm module.
        let mut parts = self.date.split('-');
        let mut next = |len: usize| parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()));
        let (year, month, day) = (next(4)?.parse().ok()?, next(2)?.parse().ok()?, next(2)?.parse().ok()?);
        let date = chrono::NaiveDate::from_ymd_opt(year, month, day).filter(|_| parts.next().is_none())?;
        Some(date.signed_duration_since(chrono::NaiveDate::default()).num_days())
    }
}

/// A local day number as `YYYY-MM-DD`, the inverse of [`InterviewDay::day`].
pub fn date_of_day(day: i64) -> String {
    (chrono::NaiveDate::default() + chrono::TimeDelta::days(day)).to_string()
}

/// The learner's word on how the interview went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Well,
    Mixed,
    Badly,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Well, Outcome::Mixed, Outcome::Badly];
}

/// One grade, kept forever: enough to re-fit a scheduler later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    pub card: String,
    /// When the grade was given (ms).
    pub at: i64,
    pub grade: Grade,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    /// The card's phase before this grade.
    pub phase: Phase,
    /// How long the learner looked at the card before grading (ms).
    pub answer_ms: u32,
}

/// One finished quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizRecord {
    /// When it was finished (ms).
    pub at: i64,
    /// The quiz's link (`#/quiz/run?…` with its seed), so it can be taken again.
    pub link: String,
    pub duration_ms: u64,
    pub answers: Vec<QuizAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizAnswer {
    /// `q:<quiz item id>` for an authored item, `c:<card id>` for one made from a card.
    pub item: String,
    /// `topic/section` slugs, for mastery.
    pub section: String,
    pub correct: bool,
    /// What the learner answered: option letters, or the typed text.
    pub given: String,
}

/// The learner's own verdict on an open interview question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SelfGrade {
    /// Не знал.
    Missed,
    /// Частично.
    Partial,
    /// Знал.
    Knew,
}

impl SelfGrade {
    pub const ALL: [SelfGrade; 3] = [SelfGrade::Missed, SelfGrade::Partial, SelfGrade::Knew];

    /// How much it counts towards mastery.
    pub fn score(self) -> f64 {
        match self {
            SelfGrade::Missed => 0.0,
            SelfGrade::Partial => 0.5,
            SelfGrade::Knew => 1.0,
        }
    }
}

/// One finished mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewRecord {
    pub at: i64,
    pub duration_ms: u64,
    pub answers: Vec<InterviewAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewAnswer {
    pub card: String,
    pub section: String,
    pub grade: SelfGrade,
    /// Time spent on the question before the model answer was shown (ms).
    pub answer_ms: u64,
}

/// Why a stored or imported document was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    NotJson(String),
    NotProgress,
    NewerVersion(u32),
    Invalid(String),
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::NotJson(detail) => write!(f, "not JSON: {detail}"),
            ProgressError::NotProgress => write!(f, "not a progress file of this app (no `version` field)"),
            ProgressError::NewerVersion(v) => {
                write!(f, "written by a newer version of the app (format {v}, this one reads up to {VERSION})")
            }
            ProgressError::Invalid(detail) => write!(f, "invalid progress data: {detail}"),
        }
    }
}

/// What `Progress::grade` changed, so that `undo` can restore it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub card: String,
    before: Option<CardProgress>,
    at: i64,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: VERSION,
            settings: Settings::default(),
            cards: BTreeMap::new(),
            log: Vec::new(),
            quizzes: Vec::new(),
            interviews: Vec::new(),
            interview_day: None,
            unsaved: Unsaved::default(),
        }
    }
}

impl Progress {
    /// Parses, migrates and validates a stored or imported document.
    pub fn parse(json: &str) -> Result<Progress, ProgressError> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| ProgressError::NotJson(e.to_string()))?;
        let version = value.get("version").and_then(serde_json::Value::as_u64).ok_or(ProgressError::NotProgress)?;
        let version = u32::try_from(version).map_err(|_| ProgressError::NewerVersion(u32::MAX))?;
        if version > VERSION {
            return Err(ProgressError::NewerVersion(version));
        }
        let value = migrate(version, value)?;
        let progress: Progress = serde_json::from_value(value).map_err(|e| ProgressError::Invalid(e.to_string()))?;
        progress.validate()?;
        Ok(progress)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    pub(crate) fn validate(&self) -> Result<(), ProgressError> {
        let invalid = |detail: String| Err(ProgressError::Invalid(detail));
        let s = &self.settings;
        if !RETENTION_RANGE.contains(&s.desired_retention) {
            return invalid(format!("desired retention {} is outside 0.80–0.95", s.desired_retention));
        }
        if s.new_per_day > 9999 || s.reviews_per_day > 9999 {
            return invalid("daily limits above 9999".into());
        }
        if s.fits.active.is_some_and(|i| i >= s.fits.list.len()) {
            return invalid("the parameters in use are not among the fitted ones".into());
        }
        if let Some(fit) = s.fits.list.iter().find(|f| f.parameters.len() != 21 || f.parameters.iter().any(|w| !w.is_finite())) {
            return invalid(format!("fitted parameters of {} are not 21 numbers", fit.at));
        }
        for (id, card) in &self.cards {
            valid_id(id)?;
            let m = &card.memory;
            let times = [Some(card.updated), card.buried_until, m.last_review, (m.phase != Phase::New).then_some(m.due)];
            if let Some(t) = times.into_iter().flatten().find(|t| !TIME_RANGE.contains(t)) {
                return invalid(format!("card `{id}` has an impossible time {t}"));
            }
            if !(m.stability.is_finite() && m.stability >= 0.0 && m.difficulty.is_finite()) {
                return invalid(format!("card `{id}` has an impossible memory state"));
            }
        }
        for entry in &self.log {
            valid_id(&entry.card)?;
            if !TIME_RANGE.contains(&entry.at) {
                return invalid(format!("review of `{}` has an impossible time {}", entry.card, entry.at));
            }
        }
        if let Some(day) = &self.interview_day {
            if day.day().is_none() || !TIME_RANGE.contains(&day.updated) {
                return invalid(format!("interview date {:?} is not a date", day.date));
            }
            if day.new_per_day.is_some_and(|n| n > 9999) {
                return invalid("the plan's daily limit is above 9999".into());
            }
            day.topics.iter().try_for_each(|slug| valid_id(slug))?;
        }
        let quiz_times = self.quizzes.iter().map(|q| q.at);
        if let Some(t) = quiz_times.chain(self.interviews.iter().map(|i| i.at)).find(|t| !TIME_RANGE.contains(t)) {
            return invalid(format!("a quiz or interview has an impossible time {t}"));
        }
        let quiz_ids = self.quizzes.iter().flat_map(|q| &q.answers).flat_map(|a| [&a.item, &a.section]);
        let interview_ids = self.interviews.iter().flat_map(|i| &i.answers).flat_map(|a| [&a.card, &a.section]);
        quiz_ids.chain(interview_ids).try_for_each(|id| valid_id(id))
    }

    /// The card's state; a card never graded is new.
    pub fn card(&self, id: &str) -> CardProgress {
        self.cards.get(id).copied().unwrap_or_default()
    }

    /// Grades a card: new memory, leech flag, and a review-log entry, all at once.
    pub fn grade(&mut self, id: &str, scheduler: &dyn Scheduler, grade: Grade, now: i64, answer_ms: u32) -> Undo {
        let before = self.cards.get(id).copied();
        let mut card = before.unwrap_or_default();
        let memory = scheduler.answer(&card.memory, now, grade);
        self.unsaved.card(id);
        self.unsaved.log(self.log.len());
        self.log.push(ReviewEntry {
            card: id.to_string(),
            at: now,
            grade,
            elapsed_days: memory.elapsed_days,
            scheduled_days: memory.scheduled_days,
            phase: card.memory.phase,
            answer_ms,
        });
        card.memory = memory;
        card.leech |= memory.lapses >= LEECH_LAPSES;
        card.buried_until = None;
        card.requeued = false;
        card.updated = now;
        self.cards.insert(id.to_string(), card);
        Undo { card: id.to_string(), before, at: now }
    }

    /// Restores the card and removes the review that `undo` recorded.
    pub fn undo(&mut self, undo: &Undo) {
        self.unsaved.card(&undo.card);
        match undo.before {
            Some(before) => self.cards.insert(undo.card.clone(), before),
            None => self.cards.remove(&undo.card),
        };
        if let Some(index) = self.log.iter().rposition(|e| e.card == undo.card && e.at == undo.at) {
            self.log.remove(index);
            self.unsaved.log(index);
        }
    }

    /// Hides a card until the next local midnight.
    pub fn bury(&mut self, id: &str, now: i64, utc_offset_minutes: i32) {
        let mut card = self.card(id);
        card.buried_until = Some(next_midnight(now, utc_offset_minutes));
        card.updated = now;
        self.unsaved.card(id);
        self.cards.insert(id.to_string(), card);
    }

    /// Makes a card due now (a quiz answer showed it is not known), whatever its schedule or phase.
    pub fn requeue(&mut self, id: &str, now: i64) {
        let mut card = self.card(id);
        card.requeued = true;
        card.buried_until = None;
        card.updated = now;
        self.unsaved.card(id);
        self.cards.insert(id.to_string(), card);
    }

    pub fn set_suspended(&mut self, id: &str, suspended: bool, now: i64) {
        let mut card = self.card(id);
        card.suspended = suspended;
        card.updated = now;
        self.unsaved.card(id);
        self.cards.insert(id.to_string(), card);
    }

    /// Takes everything `other` knows: the union of both review logs and, per card, the newer state.
    pub fn merge(&mut self, other: &Progress) {
        for (id, theirs) in &other.cards {
            match self.cards.get(id) {
                Some(ours) if ours.updated >= theirs.updated => {}
                _ => {
                    self.cards.insert(id.clone(), *theirs);
                    self.unsaved.card(id);
                }
            }
        }
        let known: HashSet<(&str, i64)> = self.log.iter().map(|e| (e.card.as_str(), e.at)).collect();
        let added: Vec<ReviewEntry> = other.log.iter().filter(|e| !known.contains(&(e.card.as_str(), e.at))).cloned().collect();
        if let Some(earliest) = added.iter().map(|e| e.at).min() {
            // A sorted log keeps its entries up to `earliest` in place; otherwise sorting may move any of them.
            let sorted = self.log.windows(2).all(|pair| pair[0].at <= pair[1].at);
            self.unsaved.log(if sorted { self.log.partition_point(|e| e.at <= earliest) } else { 0 });
            self.log.extend(added);
            self.log.sort_by_key(|e| e.at);
        }
        union_by_time(&mut self.quizzes, &other.quizzes, |q| q.at);
        union_by_time(&mut self.interviews, &other.interviews, |i| i.at);
        if let Some(theirs) = &other.interview_day {
            if self.interview_day.as_ref().is_none_or(|ours| ours.updated < theirs.updated) {
                self.interview_day = Some(theirs.clone());
            }
        }
    }

    /// The daily new-card limit in force on local day `today`: the plan's, while its date has not passed,
    /// else the setting.
    pub fn new_per_day(&self, today: i64) -> u32 {
        let plan = self.interview_day.as_ref().filter(|d| d.day().is_some_and(|day| day >= today));
        plan.and_then(|d| d.new_per_day).unwrap_or(self.settings.new_per_day)
    }

    /// New cards introduced and review cards graded on the local day of `now`.
    pub fn done_today(&self, now: i64, utc_offset_minutes: i32) -> (u32, u32) {
        let today = local_day(now, utc_offset_minutes);
        // The log is in time order (grades append, merges sort), so today's reviews are at its end: walking
        // back to a day before today keeps a grade's cost flat with the history, with a day's slack for a
        // clock set back.
        let recent = self.log.iter().rev().take_while(|e| local_day(e.at, utc_offset_minutes) >= today - 1);
        let todays = recent.filter(|e| local_day(e.at, utc_offset_minutes) == today);
        todays.fold((0, 0), |(new, reviews), e| match e.phase {
            Phase::New => (new + 1, reviews),
            Phase::Review => (new, reviews + 1),
            Phase::Learning | Phase::Relearning => (new, reviews),
        })
    }
}

/// Adds the records of `theirs` whose time `ours` does not have, keeping time order.
fn union_by_time<T: Clone>(ours: &mut Vec<T>, theirs: &[T], at: impl Fn(&T) -> i64) {
    let known: HashSet<i64> = ours.iter().map(&at).collect();
    ours.extend(theirs.iter().filter(|t| !known.contains(&at(t))).cloned());
    ours.sort_by_key(|t| at(t));
}

/// Turns a document of an older `version` into the current shape, one version at a time.
fn migrate(version: u32, mut value: serde_json::Value) -> Result<serde_json::Value, ProgressError> {
    match version {
        VERSION => Ok(value),
        // Version 3 added the fitted FSRS parameters (none when absent: the defaults) and the interview day
        // (none when absent). Memory states stay as they were.
        2 => {
            value["version"] = VERSION.into();
            Ok(value)
        }
        // Version 2 added quiz and interview history (empty when absent) and the `requeued` flag (false).
        1 => migrate(2, value),
        older => Err(ProgressError::Invalid(format!("format {older} was never written by this app"))),
    }
}

fn valid_id(id: &str) -> Result<(), ProgressError> {
    if id.is_empty() || id.len() > 300 || id.chars().any(char::is_control) {
        return Err(ProgressError::Invalid(format!("bad card id {id:?}")));
    }
    Ok(())
}

/// Days since the epoch in the learner's time zone (`utc_offset_minutes` east of UTC).
pub fn local_day(ms: i64, utc_offset_minutes: i32) -> i64 {
    (ms + i64::from(utc_offset_minutes) * 60_000).div_euclid(DAY_MS)
}

/// The first local midnight after `ms`.
pub fn next_midnight(ms: i64, utc_offset_minutes: i32) -> i64 {
    (local_day(ms, utc_offset_minutes) + 1) * DAY_MS - i64::from(utc_offset_minutes) * 60_000
}
