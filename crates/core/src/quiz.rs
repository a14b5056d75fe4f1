//! Quizzes over a set of sections: the authored multiple-choice items, plus items made from cards — pick a
//! card's short answer among its neighbours' answers, and for term cards (`:::` pairs) pick or type the term
//! from its description. Everything random comes from one seed, so a quiz link with its seed gives anyone the
//! same items, options and order.

use crate::answer::{check_typed, normalize, TypedCheck};
use crate::model::Deck;
use std::collections::HashSet;

/// Longest term that is asked as a typed answer; longer ones are only picked from options.
const TYPED_TERM_CHARS: usize = 60;
/// Options of an item made from a card: the answer and up to three distractors (at least two).
const MAX_DISTRACTORS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Written in the notes; one or several options are right.
    Authored,
    /// A card's question; its answer is among neighbouring cards' answers.
    Choice,
    /// A term's description; the term is among neighbouring terms.
    Reverse,
    /// A term's description; the learner types the term.
    Typed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub html: &'static str,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub kind: Kind,
    /// Stable key in the quiz history: `q:<quiz item id>` or `c:<card id>`.
    pub key: String,
    pub topic: u32,
    pub section: u32,
    /// HTML.
    pub prompt: &'static str,
    /// Shuffled; empty for a typed item.
    pub options: Vec<Choice>,
    /// The term to type (plain text); empty for other kinds.
    pub expected: &'static str,
    /// HTML shown after answering: the authored explanation; empty for items made from cards.
    pub explanation: &'static str,
    /// The card an item was made from, to link to its place in the notes and send it back to review.
    pub card: Option<u32>,
}

/// What the learner gave: option indices (into the shuffled options) or typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Picked(Vec<usize>),
    Typed(String),
}

impl Question {
    /// More than one right option: the learner must pick exactly those.
    pub fn is_multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }

    /// Right only when the picked set is exactly the right set (no partial credit), or the typed text matches.
    pub fn is_right(&self, response: &Response) -> bool {
        match response {
            Response::Picked(picked) => {
                let picked: HashSet<usize> = picked.iter().copied().collect();
                let right: HashSet<usize> = (0..self.options.len()).filter(|&i| self.options[i].correct).collect();
                !right.is_empty() && picked == right
            }
            Response::Typed(text) => self.kind == Kind::Typed && self.check_typed(text).correct,
        }
    }

    pub fn check_typed(&self, text: &str) -> TypedCheck {
        check_typed(self.expected, text)
    }

    /// The response as stored in the history: option letters (`A`, `B,D`) or the typed text.
    pub fn describe(response: &Response) -> String {
        match response {
            Response::Picked(picked) => {
                let mut picked = picked.clone();
                picked.sort_unstable();
                picked.iter().map(|&i| option_letter(i).to_string()).collect::<Vec<_>>().join(",")
            }
            Response::Typed(text) => text.trim().to_string(),
        }
    }
}

/// `A`, `B`, … for option `index`.
pub fn option_letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// What to quiz on.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// (topic, section) indices whose items are drawn.
    pub sections: Vec<(u32, u32)>,
    /// Item keys drawn wherever they are and asked first (items answered wrongly before).
    pub first: HashSet<String>,
    /// Number of items; `None` for all.
    pub length: Option<usize>,
    pub seed: u64,
}

/// The sections a quiz link names: every section of the named topics (all topics when none is named), or one
/// section of one topic. `None` when a slug is not in the deck.
pub fn sections_of(deck: &Deck, topics: &[String], section: Option<&str>) -> Option<Vec<(u32, u32)>> {
    let indices: Vec<usize> = if topics.is_empty() {
        (0..deck.topics.len()).collect()
    } else {
        topics.iter().map(|slug| deck.topic(slug).map(|(index, _)| index)).collect::<Option<_>>()?
    };
    let mut sections = Vec::new();
    for t in indices {
        let topic = &deck.topics[t];
        let wanted: Vec<usize> = match section {
            Some(slug) => vec![topic.sections.iter().position(|s| s.slug == slug)?],
            None => (0..topic.sections.len()).collect(),
        };
        sections.extend(wanted.into_iter().map(|s| (t as u32, s as u32)));
    }
    Some(sections)
}

/// Cards to send back to review after wrong answers: the card an item was made from or, for an authored item,
/// every card of its section (the notes it tests). Each card once, in deck order.
pub fn cards_to_review<'q>(deck: &Deck, wrong: impl IntoIterator<Item = &'q Question>) -> Vec<&'static str> {
    let mut cards = HashSet::new();
    for question in wrong {
        match question.card {
            Some(card) => {
                cards.insert(card as usize);
            }
            None => cards.extend(
                (0..deck.cards.len())
                    .filter(|&i| (deck.cards[i].topic, deck.cards[i].section) == (question.topic, question.section)),
            ),
        }
    }
    let mut cards: Vec<usize> = cards.into_iter().collect();
    cards.sort_unstable();
    cards.into_iter().map(|i| deck.cards[i].id).collect()
}

/// The quiz for `spec`: no item twice, every option list free of duplicates, the same for the same seed.
pub fn build(deck: &Deck, spec: &Spec) -> Vec<Question> {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let wanted = |topic: u32, section: u32, key: &str| spec.sections.contains(&(topic, section)) || spec.first.contains(key);
    let mut questions = Vec::new();
    for item in deck.quizzes {
        let key = format!("q:{}", item.id);
        if wanted(item.topic, item.section, &key) {
            let mut options: Vec<Choice> = item.options.iter().map(|o| Choice { html: o.html, correct: o.correct }).collect();
            shuffle(&mut rng, &mut options);
            questions.push(Question {
                kind: Kind::Authored,
                key,
                topic: item.topic,
                section: item.section,
                prompt: item.question,
                options,
                expected: "",
                explanation: item.explanation,
                card: None,
            });
        }
    }
    for (index, card) in deck.cards.iter().enumerate() {
        let key = format!("c:{}", card.id);
        if wanted(card.topic, card.section, &key) {
            if let Some(question) = card_question(deck, index, key, &mut rng) {
                questions.push(question);
            }
        }
    }
    shuffle(&mut rng, &mut questions);
    // Stable: the items asked first keep their shuffled order among themselves.
    questions.sort_by_key(|q| !spec.first.contains(&q.key));
    questions.truncate(spec.length.unwrap_or(usize::MAX));
    questions
}

/// The item made from card `index`, if the card makes one: a plain card with a short answer gives a choice
/// item; of a term pair only the side whose answer is the term does, as a reverse or typed item.
fn card_question(deck: &Deck, index: usize, key: String, rng: &mut fastrand::Rng) -> Option<Question> {
    let card = &deck.cards[index];
    let is_term = match term_side(deck, index) {
        Some(false) => return None,
        Some(true) => true,
        None if card.term.is_empty() => return None,
        None => false,
    };
    let distractors = distractors(deck, index, is_term, rng);
    let typeable = is_term && card.term.chars().count() <= TYPED_TERM_CHARS;
    let kind = match (is_term, distractors.len() >= 2, typeable) {
        (false, true, _) => Kind::Choice,
        (true, true, true) if rng.bool() => Kind::Typed,
        (true, true, _) => Kind::Reverse,
        (true, false, true) => Kind::Typed,
        _ => return None,
    };
    let mut options = Vec::new();
    if kind != Kind::Typed {
        options.push(Choice { html: card.answer, correct: true });
        options.extend(distractors.iter().map(|&d| Choice { html: deck.cards[d].answer, correct: false }));
        shuffle(rng, &mut options);
    }
    Some(Question {
        kind,
        key,
        topic: card.topic,
        section: card.section,
        prompt: card.question,
        options,
        expected: if kind == Kind::Typed { card.term } else { "" },
        explanation: "",
        card: Some(index as u32),
    })
}

/// For a card of a term pair: whether it is the side that asks for the term (its answer is the pair's shorter
/// one-line side; ties go to the original). `None` for a card that is not in a pair.
pub fn term_side(deck: &Deck, index: usize) -> Option<bool> {
    let partner = deck.twin(index)?;
    let (card, partner) = (&deck.cards[index], &deck.cards[partner]);
    let (mine, theirs) = (card.term.chars().count(), partner.term.chars().count());
    Some(mine > 0 && (theirs == 0 || mine < theirs || (mine == theirs && !card.reversed)))
}

/// Up to three other answers of the same kind (terms for a term, plain short answers for a plain card), from
/// the same section first and then the topic, none equal to the answer or to each other once normalised.
fn distractors(deck: &Deck, index: usize, is_term: bool, rng: &mut fastrand::Rng) -> Vec<usize> {
    let card = &deck.cards[index];
    let same_kind = |i: usize| {
        let other = &deck.cards[i];
        let kind_matches = match term_side(deck, i) {
            Some(asks) => is_term && asks,
            None => !is_term,
        };
        i != index && other.topic == card.topic && !other.term.is_empty() && kind_matches
    };
    let (mut near, mut far): (Vec<usize>, Vec<usize>) =
        (0..deck.cards.len()).filter(|&i| same_kind(i)).partition(|&i| deck.cards[i].section == card.section);
    shuffle(rng, &mut near);
    shuffle(rng, &mut far);
    let mut seen: HashSet<String> = HashSet::from([normalize(card.term)]);
    near.into_iter().chain(far).filter(|&i| seen.insert(normalize(deck.cards[i].term))).take(MAX_DISTRACTORS).collect()
}

/// Fisher–Yates with 32-bit draws, so wasm32 and native tests shuffle a seed identically.
fn shuffle<T>(rng: &mut fastrand::Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.u32(..=i as u32) as usize;
        items.swap(i, j);
    }
}
