//! The content of the cards a next review may open with, kept in localStorage, so that a second visit shows
//! its first card as soon as the module runs instead of fetching and parsing the card's topic (hundreds of
//! kilobytes of HTML) first. Which cards: `Scope::likely_first` over the whole deck, and the card on screen (a
//! topic's or the plan's review reopened). Each entry names its topic's data file, whose name carries a hash
//! of the file's content: a build that changed the topic never shows the kept HTML, it fetches as before.
//! Written a frame after each card is shown, so a grade never waits for it.

use crate::content::{deck, has_html};
use crate::deck::{Card, TOPIC_HTML_FILES};
use crate::storage;
use crate::store::{now, Store};
use leptos::prelude::{request_animation_frame, set_timeout, WithUntracked};
use std::cell::{Cell, RefCell};
use trainer_core::review::Scope;

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

fn load() -> Vec<Kept> {
    let entries: Vec<[String; 4]> = storage::load_at_hand().and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
    let leak = |html: String| &*Box::leak(html.into_boxed_str());
    entries
        .into_iter()
        .map(|[id, file, question, answer]| Kept {
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
    let likely = store.progress.with_untracked(|progress| WHOLE_DECK.with(|scope| scope.likely_first(progress, now())));
    let deck = crate::content::deck();
    let entries: Vec<[&str; 4]> = std::iter::once(shown)
        .chain(likely.into_iter().filter(|&id| id != shown))
        .filter_map(|id| {
            let card = &deck.cards[WHOLE_DECK.with(|scope| scope.place(id))?];
            let file = TOPIC_HTML_FILES[card.topic as usize];
            if has_html(card.topic as usize) {
                return Some([card.id, file, card.question, card.answer]);
            }
            // Not fetched yet this session: what was kept for it, if it still fits.
            let (question, answer) =
                AT_START.with(|kept| kept.iter().find(|k| k.id == card.id && k.file == file).map(|k| (k.question, k.answer)))?;
            Some([card.id, file, question, answer])
        })
        .collect();
    let Ok(json) = serde_json::to_string(&entries) else { return };
    if WRITTEN.with_borrow(|written| written.as_deref() != Some(json.as_str())) {
        storage::save_at_hand(&json);
        WRITTEN.set(Some(json));
    }
}
