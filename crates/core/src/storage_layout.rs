//! How progress is laid out in a key-value store (localStorage), so that a grade writes what changed and
//! a season of reviews fits the browser's quota. Layout 3, every key under [`PREFIX`]:
//!
//! - `meta`: JSON `{layout, seq, settings, interview_day}`, written last by every change; `seq` tells a tab whether
//!   another tab wrote since it last looked.
//! - `ids.N`: the card ids, 512 a segment, one per line. A card's ordinal is its place in this append-only
//!   table; records name cards by ordinal instead of repeating the id.
//! - `cards.N`: packed states of the cards with ordinals `256N …`; a grade rewrites one bucket.
//! - `log.N`: sealed segments of exactly 1024 packed reviews, never rewritten by a grade; `log.open` holds
//!   the newest reviews and is the only log key a grade touches.
//! - `history`: quizzes and mock interviews as JSON, written when one ends.
//!
//! Records are LEB128 integers (times as deltas, zigzag for signed values) packed 15 bits to a character
//! (U+4E00…U+CDFF, no surrogates): Chromium and Firefox count the quota in UTF-16 units, WebKit in bytes
//! with 2 for a character above U+00FF, and 15 bits a character beats 8 in the first two and matches it in WebKit. Writes go in the order ids → log →
//! cards → history → meta, so an interrupted change leaves every review in the log: at worst a card state
//! is one grade behind its log, and a sealed segment and the open one may repeat reviews, which loading
//! drops. The exported file stays the JSON document of `progress`.

use crate::progress::{
    CardProgress, InterviewDay, InterviewRecord, Progress, ProgressError, QuizRecord, ReviewEntry, Settings, Unsaved,
};
use crate::scheduler::{Grade, Memory, Phase};
use crate::varint::{push_i64, push_u64, read_i64, read_u64};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const PREFIX: &str = "interview-trainer.v3.";
pub const LAYOUT_VERSION: u32 = 3;
const IDS_PER_SEGMENT: usize = 512;
const CARDS_PER_BUCKET: usize = 256;
pub const REVIEWS_PER_SEGMENT: usize = 1024;
/// What one origin may keep in localStorage, counted as the strictest engine counts (see [`stored_bytes`]):
/// WebKitGTK 2.50 stored 2,500,000 characters from U+4E00 and 4,900,000 ASCII ones, and refused 4,000,000 from
/// U+4E00; Chromium 156 and Firefox ESR took 4,900,000 of either. Engines do not report it.
pub const QUOTA_BYTES: usize = 5_000_000;
/// Above this share of the quota the app warns and offers the export.
pub const WARN_SHARE: f64 = 0.8;
const FIRST_CHAR: u32 = 0x4E00;

pub fn meta_key() -> String {
    format!("{PREFIX}meta")
}

/// One write to the store, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Set(String, String),
    Remove(String),
}

impl Op {
    pub fn key(&self) -> &str {
        match self {
            Op::Set(key, _) | Op::Remove(key) => key,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    layout: u32,
    seq: u64,
    settings: Settings,
    /// Absent in metas written before the interview day existed.
    #[serde(default)]
    interview_day: Option<InterviewDay>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct History {
    quizzes: Vec<QuizRecord>,
    interviews: Vec<InterviewRecord>,
}

/// A cheap fingerprint of the quiz and interview history: records are only ever added or all removed.
type HistoryMark = (usize, Option<i64>, usize, Option<i64>);

fn history_mark(progress: &Progress) -> HistoryMark {
    let (q, i) = (&progress.quizzes, &progress.interviews);
    (q.len(), q.last().map(|r| r.at), i.len(), i.last().map(|r| r.at))
}

/// The store as this tab last wrote or read it: what a change must be compared with.
#[derive(Debug, Clone)]
pub struct Layout {
    seq: u64,
    ids: Vec<String>,
    ordinals: HashMap<String, u32>,
    sealed: usize,
    settings: Settings,
    history: HistoryMark,
    /// [`stored_bytes`] of each of our keys plus its value: the usage shown on the Progress page.
    sizes: BTreeMap<String, usize>,
    /// Writes that failed (quota), tried again before the next change's.
    pending: Vec<Op>,
}

fn key(kind: &str, n: usize) -> String {
    format!("{PREFIX}{kind}.{n}")
}

fn open_key() -> String {
    format!("{PREFIX}log.open")
}

fn history_key() -> String {
    format!("{PREFIX}history")
}

/// JSON through `serde_json::Value`, as `Progress::parse` reads: the wasm then holds one deserialiser of the
/// records rather than a second one for text.
fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_str(text)?)
}

/// What `text` costs against [`QUOTA_BYTES`] in WebKit, the strictest engine: a byte for a character up to
/// U+00FF, two above (four for one outside the BMP); Chromium and Firefox count one or two UTF-16 units.
pub fn stored_bytes(text: &str) -> usize {
    text.chars().map(|c| if (c as u32) < 0x100 { 1 } else { 2 * c.len_utf16() }).sum()
}

fn corrupt(what: &str) -> ProgressError {
    ProgressError::Invalid(format!("stored {what} cannot be read"))
}

impl Layout {
    /// The sequence number of the last change written through this layout.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Reads everything stored; `Ok(None)` when nothing of layout 3 is there.
    pub fn load(get: &dyn Fn(&str) -> Option<String>) -> Result<Option<(Layout, Progress)>, ProgressError> {
        let Some(meta_text) = get(&meta_key()) else { return Ok(None) };
        let meta: Meta = from_json(&meta_text).map_err(|e| ProgressError::Invalid(format!("stored meta: {e}")))?;
        if meta.layout != LAYOUT_VERSION {
            return Err(ProgressError::NewerVersion(meta.layout));
        }
        let mut layout = Layout::empty(meta.settings.clone());
        layout.seq = meta.seq;
        layout.note_size(&meta_key(), &meta_text);
        let mut progress = Progress {
            settings: meta.settings,
            interview_day: meta.interview_day,
            unsaved: Unsaved::nothing(),
            ..Progress::default()
        };
        for n in 0.. {
            let Some(text) = get(&key("ids", n)) else { break };
            layout.read_ids(n, &text)?;
        }
        for bucket in 0..layout.ids.len().div_ceil(CARDS_PER_BUCKET) {
            if let Some(text) = get(&key("cards", bucket)) {
                layout.read_bucket(bucket, &text, &mut progress)?;
            }
        }
        for n in 0.. {
            let Some(text) = get(&key("log", n)) else { break };
            layout.read_sealed(n, &text, &mut progress)?;
        }
        if let Some(text) = get(&open_key()) {
            layout.read_open(&text, &mut progress)?;
        }
        if let Some(text) = get(&history_key()) {
            layout.read_history(&text, &mut progress)?;
        }
        progress.validate()?;
        Ok(Some((layout, progress)))
    }

    fn empty(settings: Settings) -> Layout {
        Layout {
            seq: 0,
            ids: Vec::new(),
            ordinals: HashMap::new(),
            sealed: 0,
            settings,
            history: (0, None, 0, None),
            sizes: BTreeMap::new(),
            pending: Vec::new(),
        }
    }

    /// A layout for a store that holds nothing of ours yet.
    pub fn new() -> Layout {
        Layout::empty(Settings::default())
    }

    fn note_size(&mut self, key: &str, value: &str) {
        self.sizes.insert(key.to_string(), stored_bytes(key) + stored_bytes(value));
    }

    fn read_ids(&mut self, n: usize, text: &str) -> Result<(), ProgressError> {
        let ids: Vec<&str> = if text.is_empty() { Vec::new() } else { text.split('\n').collect() };
        if ids.len() > IDS_PER_SEGMENT || n * IDS_PER_SEGMENT > self.ids.len() {
            return Err(corrupt("card ids"));
        }
        for id in self.ids.drain(n * IDS_PER_SEGMENT..) {
            self.ordinals.remove(&id);
        }
        for id in ids {
            if self.ordinals.insert(id.to_string(), self.ids.len() as u32).is_some() {
                return Err(corrupt("card ids"));
            }
            self.ids.push(id.to_string());
        }
        self.note_size(&key("ids", n), text);
        Ok(())
    }

    fn read_bucket(&mut self, bucket: usize, text: &str, progress: &mut Progress) -> Result<(), ProgressError> {
        let states = unpack_bucket(text).ok_or_else(|| corrupt("card states"))?;
        let range = bucket * CARDS_PER_BUCKET..((bucket + 1) * CARDS_PER_BUCKET).min(self.ids.len());
        let mut states = states.into_iter().peekable();
        for ordinal in range.clone() {
            let id = &self.ids[ordinal];
            match states.next_if(|(slot, _)| bucket * CARDS_PER_BUCKET + slot == ordinal) {
                Some((_, state)) => progress.cards.insert(id.clone(), state),
                None => progress.cards.remove(id),
            };
        }
        if states.next().is_some() {
            return Err(corrupt("card states"));
        }
        self.note_size(&key("cards", bucket), text);
        Ok(())
    }

    fn entries(&self, text: &str) -> Result<Vec<ReviewEntry>, ProgressError> {
        let records = unpack_reviews(text).ok_or_else(|| corrupt("reviews"))?;
        records
            .into_iter()
            .map(|(ordinal, entry)| {
                let card = self.ids.get(ordinal as usize).ok_or_else(|| corrupt("reviews"))?;
                Ok(ReviewEntry { card: card.clone(), ..entry })
            })
            .collect()
    }

    fn read_sealed(&mut self, n: usize, text: &str, progress: &mut Progress) -> Result<(), ProgressError> {
        let entries = self.entries(text)?;
        if entries.len() != REVIEWS_PER_SEGMENT || n > self.sealed {
            return Err(corrupt("reviews"));
        }
        progress.log.truncate(n * REVIEWS_PER_SEGMENT);
        progress.log.extend(entries);
        self.sealed = n + 1;
        self.note_size(&key("log", n), text);
        Ok(())
    }

    fn read_open(&mut self, text: &str, progress: &mut Progress) -> Result<(), ProgressError> {
        let entries = self.entries(text)?;
        let start = self.sealed * REVIEWS_PER_SEGMENT;
        progress.log.truncate(start);
        // A change interrupted between sealing a segment and rewriting the open one leaves both holding
        // the same reviews; only reviews no later than the last sealed one need a look.
        let sealed = &progress.log[start.saturating_sub(REVIEWS_PER_SEGMENT)..];
        let last = sealed.iter().map(|e| e.at).max().unwrap_or(i64::MIN);
        let fresh: Vec<ReviewEntry> =
            entries.into_iter().filter(|e| e.at > last || !sealed.iter().any(|s| s.at == e.at && s.card == e.card)).collect();
        progress.log.extend(fresh);
        self.note_size(&open_key(), text);
        Ok(())
    }

    fn read_history(&mut self, text: &str, progress: &mut Progress) -> Result<(), ProgressError> {
        let history: History = from_json(text).map_err(|e| ProgressError::Invalid(format!("stored history: {e}")))?;
        progress.quizzes = history.quizzes;
        progress.interviews = history.interviews;
        self.history = history_mark(progress);
        self.note_size(&history_key(), text);
        Ok(())
    }

    /// Takes in one key that another tab wrote (`None`: removed), parsing only that key. An error means the
    /// store no longer fits what this tab knows: load it again.
    pub fn apply(&mut self, key: &str, value: Option<&str>, progress: &mut Progress) -> Result<(), ProgressError> {
        let Some(name) = key.strip_prefix(PREFIX) else { return Ok(()) };
        let number = |kind: &str| name.strip_prefix(kind).and_then(|n| n.parse::<usize>().ok());
        let result = match (name, value) {
            ("meta", Some(text)) => {
                let meta: Meta = from_json(text).map_err(|_| corrupt("meta"))?;
                self.seq = meta.seq;
                self.settings = meta.settings.clone();
                progress.settings = meta.settings;
                progress.interview_day = meta.interview_day;
                self.note_size(key, text);
                Ok(())
            }
            ("history", Some(text)) => self.read_history(text, progress),
            ("log.open", Some(text)) => self.read_open(text, progress),
            (_, Some(text)) if number("ids.").is_some() => {
                // Ids are only appended; anything else (an import or reset in that tab) renumbers the cards.
                let n = number("ids.").unwrap_or(0);
                let known = self.ids.get(n * IDS_PER_SEGMENT..).unwrap_or_default();
                let mut fresh = text.split('\n');
                if !known.iter().all(|id| fresh.next() == Some(id.as_str())) {
                    return Err(corrupt("card ids"));
                }
                self.read_ids(n, text)
            }
            (_, Some(text)) if number("cards.").is_some() => self.read_bucket(number("cards.").unwrap_or(0), text, progress),
            (_, Some(text)) if number("log.").is_some() => self.read_sealed(number("log.").unwrap_or(0), text, progress),
            (_, None) if number("log.").is_some() => {
                let n = number("log.").unwrap_or(0);
                self.sealed = self.sealed.min(n);
                progress.log.truncate(n * REVIEWS_PER_SEGMENT);
                self.sizes.remove(key);
                Ok(())
            }
            (_, None) => Err(corrupt(name)),
            _ => Ok(()),
        };
        progress.unsaved = Unsaved::nothing();
        result
    }

    /// The writes that store what changed in `progress` since this layout last wrote or read it, in a safe
    /// order; `stored_keys` lists the keys present, needed only when everything is rewritten. Call
    /// [`Layout::written`] with how many of them succeeded.
    pub fn writes(&mut self, progress: &mut Progress, stored_keys: &dyn Fn() -> Vec<String>) -> Vec<Op> {
        let unsaved = std::mem::replace(&mut progress.unsaved, Unsaved::nothing());
        let mut ops = Vec::new();
        if unsaved.everything {
            let pending = std::mem::take(&mut self.pending);
            *self = Layout { seq: self.seq, sizes: std::mem::take(&mut self.sizes), pending, ..Layout::new() };
        }
        // New ids first: every record written after them may name them.
        let first_new = self.ids.len();
        let log_from = if unsaved.everything { Some(0) } else { unsaved.log_from };
        let named_cards: Vec<&String> =
            if unsaved.everything { progress.cards.keys().collect() } else { unsaved.cards.iter().collect() };
        let logged = progress.log[log_from.unwrap_or(progress.log.len()).min(progress.log.len())..].iter().map(|e| &e.card);
        for id in named_cards.iter().copied().chain(logged) {
            if !self.ordinals.contains_key(id) {
                self.ordinals.insert(id.clone(), self.ids.len() as u32);
                self.ids.push(id.clone());
            }
        }
        if self.ids.len() > first_new {
            for n in first_new / IDS_PER_SEGMENT..self.ids.len().div_ceil(IDS_PER_SEGMENT) {
                let end = ((n + 1) * IDS_PER_SEGMENT).min(self.ids.len());
                ops.push(Op::Set(key("ids", n), self.ids[n * IDS_PER_SEGMENT..end].join("\n")));
            }
        }
        if let Some(from) = log_from {
            let sealed = progress.log.len() / REVIEWS_PER_SEGMENT;
            for n in (from / REVIEWS_PER_SEGMENT).min(self.sealed)..sealed {
                ops.push(Op::Set(
                    key("log", n),
                    self.pack_reviews(&progress.log[n * REVIEWS_PER_SEGMENT..(n + 1) * REVIEWS_PER_SEGMENT]),
                ));
            }
            ops.extend((sealed..self.sealed).map(|n| Op::Remove(key("log", n))));
            ops.push(Op::Set(open_key(), self.pack_reviews(&progress.log[sealed * REVIEWS_PER_SEGMENT..])));
            self.sealed = sealed;
        }
        let mut buckets: Vec<usize> = if unsaved.everything {
            (0..self.ids.len().div_ceil(CARDS_PER_BUCKET)).collect()
        } else {
            unsaved.cards.iter().map(|id| self.ordinals[id] as usize / CARDS_PER_BUCKET).collect()
        };
        buckets.sort_unstable();
        buckets.dedup();
        for bucket in buckets {
            ops.push(Op::Set(key("cards", bucket), self.pack_bucket(bucket, progress)));
        }
        if unsaved.everything || history_mark(progress) != self.history {
            let history = History { quizzes: progress.quizzes.clone(), interviews: progress.interviews.clone() };
            ops.push(Op::Set(history_key(), serde_json::to_string(&history).expect("history serialises")));
            self.history = history_mark(progress);
        }
        if unsaved.everything {
            let meta = meta_key();
            let stale: Vec<Op> = stored_keys()
                .into_iter()
                .filter(|k| k.starts_with(PREFIX) && *k != meta && !ops.iter().any(|op| op.key() == k))
                .map(Op::Remove)
                .collect();
            ops.extend(stale);
        }
        self.seq += 1;
        self.settings = progress.settings.clone();
        let meta = Meta {
            layout: LAYOUT_VERSION,
            seq: self.seq,
            settings: progress.settings.clone(),
            interview_day: progress.interview_day.clone(),
        };
        ops.push(Op::Set(meta_key(), serde_json::to_string(&meta).expect("meta serialises")));
        // Failed writes of earlier changes go first, unless this change writes the same key again.
        let mut all: Vec<Op> = self.pending.drain(..).filter(|op| !ops.iter().any(|new| new.key() == op.key())).collect();
        all.extend(ops);
        all
    }

    /// Records that the first `succeeded` of `ops` were stored; the rest are tried again next time.
    pub fn written(&mut self, ops: Vec<Op>, succeeded: usize) {
        for (index, op) in ops.into_iter().enumerate() {
            if index >= succeeded {
                self.pending.push(op);
                continue;
            }
            match op {
                Op::Set(key, value) => self.note_size(&key, &value),
                Op::Remove(key) => {
                    self.sizes.remove(&key);
                }
            }
        }
    }

    /// Whether some writes are still waiting for room.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Bytes (as WebKit counts) our keys and values take.
    pub fn used_bytes(&self) -> usize {
        self.sizes.values().sum()
    }

    fn pack_reviews(&self, entries: &[ReviewEntry]) -> String {
        let mut bytes = Vec::with_capacity(entries.len() * 10);
        let mut previous = 0;
        for e in entries {
            push_u64(&mut bytes, u64::from(self.ordinals[&e.card]));
            push_i64(&mut bytes, e.at - previous);
            previous = e.at;
            bytes.push(e.grade as u8 * 4 + e.phase as u8);
            push_i64(&mut bytes, e.elapsed_days);
            push_i64(&mut bytes, e.scheduled_days);
            push_u64(&mut bytes, u64::from(e.answer_ms));
        }
        to_text(&bytes)
    }

    fn pack_bucket(&self, bucket: usize, progress: &Progress) -> String {
        let mut bytes = Vec::new();
        let range = bucket * CARDS_PER_BUCKET..((bucket + 1) * CARDS_PER_BUCKET).min(self.ids.len());
        for ordinal in range {
            let Some(card) = progress.cards.get(&self.ids[ordinal]) else { continue };
            let m = &card.memory;
            push_u64(&mut bytes, (ordinal % CARDS_PER_BUCKET) as u64);
            let flags = m.phase as u8
                | u8::from(card.suspended) << 2
                | u8::from(card.leech) << 3
                | u8::from(card.requeued) << 4
                | u8::from(m.last_review.is_some()) << 5
                | u8::from(card.buried_until.is_some()) << 6;
            bytes.push(flags);
            push_i64(&mut bytes, m.due);
            bytes.extend(m.stability.to_le_bytes());
            bytes.extend(m.difficulty.to_le_bytes());
            push_i64(&mut bytes, m.elapsed_days);
            push_i64(&mut bytes, m.scheduled_days);
            push_u64(&mut bytes, u64::from(m.reps));
            push_u64(&mut bytes, u64::from(m.lapses));
            for time in [m.last_review, card.buried_until].into_iter().flatten() {
                push_i64(&mut bytes, time);
            }
            push_i64(&mut bytes, card.updated);
        }
        to_text(&bytes)
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

const PHASES: [Phase; 4] = [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning];

fn unpack_reviews(text: &str) -> Option<Vec<(u32, ReviewEntry)>> {
    let bytes = from_text(text)?;
    let mut bytes = bytes.into_iter().peekable();
    let mut entries = Vec::new();
    let mut at = 0i64;
    while bytes.peek().is_some() {
        let ordinal = u32::try_from(read_u64(&mut bytes)?).ok()?;
        at = at.checked_add(read_i64(&mut bytes)?)?;
        let grade_phase = bytes.next()?;
        let grade = *Grade::ALL.get(usize::from(grade_phase / 4))?;
        let phase = PHASES[usize::from(grade_phase % 4)];
        let elapsed_days = read_i64(&mut bytes)?;
        let scheduled_days = read_i64(&mut bytes)?;
        let answer_ms = u32::try_from(read_u64(&mut bytes)?).ok()?;
        let entry = ReviewEntry { card: String::new(), at, grade, elapsed_days, scheduled_days, phase, answer_ms };
        entries.push((ordinal, entry));
    }
    Some(entries)
}

fn unpack_bucket(text: &str) -> Option<Vec<(usize, CardProgress)>> {
    let bytes = from_text(text)?;
    let mut bytes = bytes.into_iter().peekable();
    let mut states: Vec<(usize, CardProgress)> = Vec::new();
    let float = |bytes: &mut dyn Iterator<Item = u8>| {
        let raw: Vec<u8> = bytes.take(8).collect();
        Some(f64::from_le_bytes(raw.try_into().ok()?))
    };
    while bytes.peek().is_some() {
        let slot = usize::try_from(read_u64(&mut bytes)?).ok().filter(|&s| s < CARDS_PER_BUCKET)?;
        if states.last().is_some_and(|(last, _)| *last >= slot) {
            return None;
        }
        let flags = bytes.next()?;
        let due = read_i64(&mut bytes)?;
        let stability = float(&mut bytes)?;
        let difficulty = float(&mut bytes)?;
        let elapsed_days = read_i64(&mut bytes)?;
        let scheduled_days = read_i64(&mut bytes)?;
        let reps = u32::try_from(read_u64(&mut bytes)?).ok()?;
        let lapses = u32::try_from(read_u64(&mut bytes)?).ok()?;
        let last_review = if flags & 1 << 5 != 0 { Some(read_i64(&mut bytes)?) } else { None };
        let buried_until = if flags & 1 << 6 != 0 { Some(read_i64(&mut bytes)?) } else { None };
        let updated = read_i64(&mut bytes)?;
        let memory = Memory {
            phase: PHASES[usize::from(flags & 3)],
            due,
            stability,
            difficulty,
            elapsed_days,
            scheduled_days,
            reps,
            lapses,
            last_review,
        };
        let card = CardProgress {
            memory,
            suspended: flags & 1 << 2 != 0,
            buried_until,
            leech: flags & 1 << 3 != 0,
            requeued: flags & 1 << 4 != 0,
            updated,
        };
        states.push((slot, card));
    }
    Some(states)
}

/// Bytes as text, 15 bits a character from U+4E00, after the byte count as a LEB128 prefix.
pub fn to_text(bytes: &[u8]) -> String {
    let mut framed = Vec::with_capacity(bytes.len() + 4);
    push_u64(&mut framed, bytes.len() as u64);
    framed.extend_from_slice(bytes);
    let mut text = String::with_capacity(framed.len() * 8 / 15 * 3 + 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut emit = |value: u32| text.push(char::from_u32(FIRST_CHAR + value).expect("below the surrogates"));
    for byte in framed {
        acc = (acc << 8 | u32::from(byte)) & 0x7f_ffff;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            emit(acc >> bits & 0x7fff);
        }
    }
    if bits > 0 {
        emit(acc << (15 - bits) & 0x7fff);
    }
    text
}

/// The bytes `to_text` packed; `None` for text it cannot have written.
pub fn from_text(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() * 15 / 24 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let value = (c as u32).checked_sub(FIRST_CHAR).filter(|v| *v < 0x8000)?;
        acc = (acc << 15 | value) & 0x3f_ffff;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    let mut framed = bytes.iter().copied();
    let len = usize::try_from(read_u64(&mut framed)?).ok()?;
    let body: Vec<u8> = framed.collect();
    (body.len() >= len && body.len() - len < 2).then(|| body[..len].to_vec())
}
