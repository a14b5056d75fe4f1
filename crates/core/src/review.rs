//! Which card to show next, as Anki orders them: learning cards that are due, then review cards due today
//! (up to the daily review limit), then new cards in notes order (up to the daily new limit), then learning
//! cards due within the next 20 minutes rather than ending the session early. Cards a quiz sent back are due
//! at once, with the learning cards.

use crate::progress::{local_day, next_midnight, Progress};
use crate::scheduler::Phase;
use std::collections::HashMap;

/// Anki's "learn ahead limit".
pub const LEARN_AHEAD_MS: i64 = 20 * 60_000;

/// The learner's clock: now and the time-zone offset (minutes east of UTC) that decides what "today" is.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: i64,
    pub utc_offset_minutes: i32,
}

/// What is left to do now in a scope, and what comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue<'a> {
    pub next: Option<&'a str>,
    /// Cards still to show today: learning due now, reviews and new cards within the limits.
    pub remaining: usize,
    /// The earliest time a card now out of reach (scheduled later, or buried) becomes due (ms).
    pub next_due: Option<i64>,
}

/// At most this many stretches in `Scope::first_cards`: each costs a queue.
pub const MAX_STRETCHES: usize = 16;

/// From `from` on (until the next stretch), the queue starts with `next` and holds `remaining` cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch<'a> {
    pub from: i64,
    pub next: Option<&'a str>,
    pub remaining: usize,
}

/// The cards a review session draws from: ids in notes order (reversed twins included), each with its place,
/// so that building the queue visits only the cards with progress, however large the deck.
pub struct Scope<'a> {
    ids: Vec<&'a str>,
    place: HashMap<&'a str, usize>,
}

impl<'a> Scope<'a> {
    pub fn new(ids: &[&'a str]) -> Scope<'a> {
        Scope { ids: ids.to_vec(), place: ids.iter().enumerate().map(|(i, &id)| (id, i)).collect() }
    }

    /// Where `id` sits in notes order, if it is in the scope.
    pub fn place(&self, id: &str) -> Option<usize> {
        self.place.get(id).copied()
    }

    /// What to show next. Cards without progress are new; the first of them in notes order is found by
    /// walking past the cards that have progress.
    pub fn queue(&self, progress: &Progress, clock: Clock) -> Queue<'a> {
        let (new_done, reviews_done) = progress.done_today(clock.now, clock.utc_offset_minutes);
        let today = local_day(clock.now, clock.utc_offset_minutes);
        let new_left = progress.new_per_day(today).saturating_sub(new_done) as usize;
        let reviews_left = progress.settings.reviews_per_day.saturating_sub(reviews_done) as usize;
        let end_of_today = next_midnight(clock.now, clock.utc_offset_minutes);

        let mut learning_due: Vec<(i64, &str)> = Vec::new();
        let mut learning_ahead: Vec<(i64, &str)> = Vec::new();
        let mut reviews_due: Vec<(i64, &str)> = Vec::new();
        // New cards that have progress (buried or unsuspended before their first review): count and first place.
        let (mut new_with_progress, mut first_new): (usize, Option<usize>) = (0, None);
        let mut with_progress = 0;
        let mut later: Option<i64> = None;
        for (id, card) in &progress.cards {
            let Some((&id, &place)) = self.place.get_key_value(id.as_str()) else { continue };
            with_progress += 1;
            let hidden_until = card.buried_until.filter(|until| *until > clock.now);
            if card.suspended {
                continue;
            }
            if let Some(until) = hidden_until {
                later = Some(later.map_or(until, |l: i64| l.min(until)));
                continue;
            }
            let due = card.memory.due;
            if card.requeued {
                learning_due.push((due.min(clock.now), id));
                continue;
            }
            match card.memory.phase {
                Phase::New => {
                    new_with_progress += 1;
                    first_new = Some(first_new.map_or(place, |f| f.min(place)));
                }
                Phase::Learning | Phase::Relearning if due <= clock.now => learning_due.push((due, id)),
                Phase::Learning | Phase::Relearning if due <= clock.now + LEARN_AHEAD_MS => learning_ahead.push((due, id)),
                Phase::Review if due < end_of_today => reviews_due.push((due, id)),
                _ => later = Some(later.map_or(due, |l: i64| l.min(due))),
            }
        }
        let first_new = self.first_new(progress, first_new);
        let new = (self.ids.len() - with_progress + new_with_progress).min(new_left);
        for list in [&mut learning_due, &mut learning_ahead, &mut reviews_due] {
            list.sort();
        }
        reviews_due.truncate(reviews_left);

        let next = learning_due
            .first()
            .or(reviews_due.first())
            .map(|(_, id)| *id)
            .or(first_new.filter(|_| new > 0))
            .or(learning_ahead.first().map(|(_, id)| *id));
        let remaining = learning_due.len() + reviews_due.len() + new + learning_ahead.len();
        Queue { next, remaining, next_due: later }
    }

    /// The first new card in notes order: the first without progress, or an earlier one at `with_progress` (a
    /// new card that was buried or suspended and is back).
    fn first_new(&self, progress: &Progress, with_progress: Option<usize>) -> Option<&'a str> {
        let first_untouched = self.ids.iter().position(|&id| !progress.cards.contains_key(id));
        [with_progress, first_untouched].into_iter().flatten().min().map(|place| self.ids[place])
    }

    /// The queue's first card and length from `clock.now` until the end of the `days`-th local day after
    /// today (or the first `MAX_STRETCHES` stretches), if the progress does not change: what the page can show
    /// before the app runs. The queue changes only when a learning card enters the learn-ahead window or falls
    /// due, when a buried card comes back and at local midnight (limits, today's reviews), so it is computed
    /// at each of those moments only. Returns the stretches in time order and the moment the last one ends.
    pub fn first_cards(&self, progress: &Progress, clock: Clock, days: u32) -> (Vec<Stretch<'a>>, i64) {
        // The next `days + 1` local midnights: the last ends the span, the others are moments of change.
        let midnight = |at: &i64| Some(next_midnight(*at, clock.utc_offset_minutes));
        let mut moments: Vec<i64> = std::iter::successors(midnight(&clock.now), midnight).take(days as usize + 1).collect();
        let mut until = moments.pop().expect("days + 1 midnights");
        for (id, card) in &progress.cards {
            if card.suspended || !self.place.contains_key(id.as_str()) {
                continue;
            }
            let due = card.memory.due;
            moments.extend(card.buried_until);
            // A learning card is ahead, then due; due, it ties with the cards a quiz sent back (their key is
            // `now` until they are due) for one millisecond, then goes before them.
            if card.requeued {
                moments.extend([due, due + 1]);
            } else if matches!(card.memory.phase, Phase::Learning | Phase::Relearning) {
                moments.extend([due - LEARN_AHEAD_MS, due, due + 1]);
            }
        }
        moments.retain(|&at| at > clock.now && at < until);
        moments.sort_unstable();
        moments.dedup();
        if moments.len() >= MAX_STRETCHES {
            until = moments[MAX_STRETCHES - 1];
            moments.truncate(MAX_STRETCHES - 1);
        }
        let mut stretches: Vec<Stretch<'a>> = Vec::new();
        for from in std::iter::once(clock.now).chain(moments) {
            let queue = self.queue(progress, Clock { now: from, ..clock });
            if stretches.last().is_none_or(|last| (last.next, last.remaining) != (queue.next, queue.remaining)) {
                stretches.push(Stretch { from, next: queue.next, remaining: queue.remaining });
            }
        }
        (stretches, until)
    }

    /// The cards that may head the queue at any later moment if the progress does not change: the learning
    /// card due first, the review card due first, the first new card, and of the cards a quiz sent back the
    /// one due first and the first by id (those not yet due all count as due now, and ties go by id). Buried
    /// cards are left out; they come back after midnight, by which time a grade will have asked again. The app
    /// keeps these cards' content at hand, so that the next review opens without fetching its topic.
    pub fn likely_first(&self, progress: &Progress, now: i64) -> Vec<&'a str> {
        let mut earliest: [Option<(i64, &'a str)>; 4] = [None; 4];
        let mut new_with_progress: Option<usize> = None;
        for (id, card) in &progress.cards {
            let Some((&id, &place)) = self.place.get_key_value(id.as_str()) else { continue };
            if card.suspended || card.buried_until.is_some_and(|until| until > now) {
                continue;
            }
            let due = card.memory.due;
            let slots: &[(usize, (i64, &str))] = match (card.requeued, card.memory.phase) {
                (true, _) => &[(0, (due, id)), (1, (0, id))],
                (false, Phase::Learning | Phase::Relearning) => &[(2, (due, id))],
                (false, Phase::Review) => &[(3, (due, id))],
                (false, Phase::New) => {
                    new_with_progress = Some(new_with_progress.map_or(place, |p| p.min(place)));
                    &[]
                }
            };
            for &(slot, key) in slots {
                if earliest[slot].is_none_or(|best| key < best) {
                    earliest[slot] = Some(key);
                }
            }
        }
        let mut ids: Vec<&'a str> = Vec::new();
        let found = earliest.into_iter().flatten().map(|(_, id)| id).chain(self.first_new(progress, new_with_progress));
        for id in found {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}
