//! The content of the cards a next review may open with, kept in localStorage, so that a second visit shows
//! its first card as soon as the module runs instead of fetching and parsing the card's topic (hundreds of
//! kilobytes of HTML) first. Which cards: `Scope::likely_first` over the whole deck, and the card on screen (a
//! topic's or the plan's review reopened). Each entry names its topic's data file, whose name carries a hash
//! of the file's content: a build that changed the topic never shows the kept HTML, it fetches as before.
//! Beside them, which card `#/review` starts with at each moment of the next days (`Scope::first_cards`),
//! for the progress change it was computed at and this build: index.html's script shows that card before any
//! wasm runs (`prerendered`). Written a frame after each card is shown, so a grade never waits for it.

use crate::content::{deck, has_html};
use crate::deck::{Card, TOPIC_HTML_FILES};
use crate::pages::topic::{card_note_href, card_place};
use crate::storage;
use crate::store::{clock, Store};
use leptos::prelude::{document, request_animation_frame, set_timeout, WithUntracked};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use trainer_core::review::Scope;

/// How many local days after today the first cards are computed for: a learner back tomorrow or the day
/// after sees the card at once.
const FIRST_CARD_DAYS: u32 = 2;

/// A kept card: its id, its topic's file, question and answer HTML (leaked: it may be shown for the session).
struct Kept {
    id: String,
    file: String,
    question: &'static str,
    answer: &'static str,
    card: Cell<Option<&'static Card>>,
}

thread_local! {
    /// What was kept when the app started; read once.
    static AT_START: Vec<Kept> = load();
    /// Every card of the deck in notes order, so a card's place is its index in `deck().cards` (built at
    /// the first use, which comes after the skeleton).
    static WHOLE_DECK: Scope<'static> = Scope::new(&deck().cards.iter().map(|card| card.id).collect::<Vec<_>>());
    /// The last value written, to skip writing the same again.
    static WRITTEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What is stored: the cards, each [id, topic file, question, answer, crumbs, notes link, leech] (the last three
/// for index.html's script), and which of them `#/review` starts with when (absent when the progress in
/// memory is not all stored).
#[derive(Serialize, Deserialize)]
struct Record<Entry> {
    cards: Vec<Entry>,
    #[serde(skip_deserializing)]
    early: Option<Early>,
}

#[derive(Serialize)]
struct Early {
    /// The build, the stored progress's change count and the UTC offset the stretches were computed for.
    build: Option<String>,
    seq: u64,
    offset: i32,
    /// [from, card id or null, cards left]; the last stretch lasts until `until`.
    first: Vec<(i64, Option<&'static str>, usize)>,
    until: i64,
}

fn load() -> Vec<Kept> {
    type Entry = (String, String, String, String, String, String, bool);
    let record = storage::load_at_hand().and_then(|json| serde_json::from_str::<Record<Entry>>(&json).ok());
    let entries = record.map(|r| r.cards).unwrap_or_default();
    let leak = |html: String| &*Box::leak(html.into_boxed_str());
    entries
        .into_iter()
        .map(|(id, file, question, answer, ..)| Kept {
            id,
            file,
            question: leak(question),
            answer: leak(answer),
            card: Cell::new(None),
        })
        .collect()
}

/// The card `index` of the deck with its content as kept, while its topic's HTML has not arrived; `None` once it
/// has (the deck has it then) or when nothing fitting was kept.
pub fn card(index: usize) -> Option<&'static Card> {
    let card = &deck().cards[index];
    if has_html(card.topic as usize) {
        return None;
    }
    AT_START.with(|kept| {
        let kept = kept.iter().find(|k| k.id == card.id && k.file == TOPIC_HTML_FILES[card.topic as usize])?;
        let made = kept
            .card
            .get()
            .unwrap_or_else(|| &*Box::leak(Box::new(Card { question: kept.question, answer: kept.answer, ..*card })));
        kept.card.set(Some(made));
        Some(made)
    })
}

/// Once the next frame is drawn: keeps the content of the cards a next review may open with, `shown` first.
pub fn keep_later(store: Store, shown: &'static str) {
    request_animation_frame(move || set_timeout(move || keep(store, shown), std::time::Duration::ZERO));
}

fn keep(store: Store, shown: &'static str) {
    let clock = clock();
    let (likely, first) = store.progress.with_untracked(|progress| {
        WHOLE_DECK.with(|scope| (scope.likely_first(progress, clock.now), scope.first_cards(progress, clock, FIRST_CARD_DAYS)))
    });
    let deck = crate::content::deck();
    let cards: Vec<(&str, &str, &str, &str, String, String, bool)> = std::iter::once(shown)
        .chain(likely.into_iter().filter(|&id| id != shown))
        .filter_map(|id| {
            let card = &deck.cards[WHOLE_DECK.with(|scope| scope.place(id))?];
            let file = TOPIC_HTML_FILES[card.topic as usize];
            let (question, answer) = if has_html(card.topic as usize) {
                (card.question, card.answer)
            } else {
                // Not fetched yet this session: what was kept for it, if it still fits.
                AT_START.with(|kept| kept.iter().find(|k| k.id == card.id && k.file == file).map(|k| (k.question, k.answer)))?
            };
            let leech = store.progress.with_untracked(|p| p.cards.get(card.id).is_some_and(|c| c.leech));
            Some((card.id, file, question, answer, card_place(card), card_note_href(card), leech))
        })
        .collect();
    // Only for progress as stored: the page compares `seq` with the stored one before trusting the cards.
    let (stretches, until) = first;
    let early = store.saved_seq().map(|seq| Early {
        build: document().query_selector("meta[name=build-version]").ok().flatten().and_then(|m| m.get_attribute("content")),
        seq,
        offset: clock.utc_offset_minutes,
        first: stretches.iter().map(|s| (s.from, s.next, s.remaining)).collect(),
        until,
    });
    let Ok(json) = serde_json::to_string(&Record { cards, early }) else { return };
    if WRITTEN.with_borrow(|written| written.as_deref() != Some(json.as_str())) {
        storage::save_at_hand(&json);
        WRITTEN.set(Some(json));
    }
}
