//! The typed deck. Every field is `'static`: the app leaks what it fetches, as the deck lives as long as the app.
//!
//! The wasm embeds only the deck's [`Outline`] (topics, section slugs, counts): what home needs. The skeleton
//! (ids, titles, structure, short answers; every HTML string empty) is a file of its own (postcard's binary
//! form through serde, each string and list leaked), fetched when a page other than home first needs it; the HTML (prose,
//! card and quiz text) is fetched per topic. [`Deck::topic_html`] lists one topic's HTML in a fixed order and
//! [`Deck::with_html`] puts it back in the same order.

use serde::{Deserialize, Serialize};

/// All topics with their cards and quiz items. Cards and quiz items are referenced from sections by index.
/// A string the deck holds for the app's life. An alias because serde's derive would borrow a field spelled
/// `&str` from its input; these are read by [`leak::str`] instead.
pub type Text = &'static str;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    #[serde(deserialize_with = "leak::slice")]
    pub topics: &'static [Topic],
    #[serde(deserialize_with = "leak::slice")]
    pub cards: &'static [Card],
    #[serde(deserialize_with = "leak::slice")]
    pub quizzes: &'static [QuizItem],
}

/// One notes file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// From the file name without its numeric order prefix; used in links.
    #[serde(deserialize_with = "leak::str")]
    pub slug: Text,
    #[serde(deserialize_with = "leak::str")]
    pub title: Text,
    /// Named as a weak spot by the seed's interviewer.
    pub focus: bool,
    #[serde(deserialize_with = "leak::slice")]
    pub sections: &'static [Section],
}

/// A `##` section; the unit of the table of contents and of card ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    #[serde(deserialize_with = "leak::str")]
    pub slug: Text,
    /// Empty for the untitled intro before the first `##` (slug `intro`).
    #[serde(deserialize_with = "leak::str")]
    pub title: Text,
    #[serde(deserialize_with = "leak::slice")]
    pub blocks: &'static [Block],
}

/// What the reader shows, in source order. Strings are HTML rendered at build time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Prose(#[serde(deserialize_with = "leak::str")] Text),
    Subheading {
        #[serde(deserialize_with = "leak::str")]
        slug: Text,
        #[serde(deserialize_with = "leak::str")]
        title: Text,
    },
    Card(u32),
    Quiz(u32),
}

/// A flashcard. `question` and `answer` are HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    #[serde(deserialize_with = "leak::str")]
    pub id: Text,
    pub topic: u32,
    pub section: u32,
    #[serde(deserialize_with = "leak::str")]
    pub question: Text,
    #[serde(deserialize_with = "leak::str")]
    pub answer: Text,
    /// The generated answer → question twin of a `:::` or `??` card; the reader shows only the original.
    pub reversed: bool,
    /// The answer as plain text when it is one short line (a term, a name, a one-sentence fact), else empty:
    /// such answers can be quiz options and typed answers.
    #[serde(deserialize_with = "leak::str")]
    pub term: Text,
    /// 1-based line of the question in its notes file.
    pub line: u32,
}

/// A multiple-choice item authored as a GFM task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizItem {
    #[serde(deserialize_with = "leak::str")]
    pub id: Text,
    pub topic: u32,
    pub section: u32,
    #[serde(deserialize_with = "leak::str")]
    pub question: Text,
    #[serde(deserialize_with = "leak::slice")]
    pub options: &'static [QuizOption],
    /// Empty when the item has no explanation block.
    #[serde(deserialize_with = "leak::str")]
    pub explanation: Text,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizOption {
    #[serde(deserialize_with = "leak::str")]
    pub html: Text,
    pub correct: bool,
}

impl QuizItem {
    /// More than one correct option: the learner must pick all of them.
    pub fn is_multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }
}

/// What the main module embeds of the deck: home's topic list with counts, and what mastery needs to place a
/// card by its id (card ids are `topic/section/…` except `{#id}`s, listed in `loose`), so neither waits for the
/// skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    pub topics: &'static [TopicOutline],
    pub loose: &'static [LooseId],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicOutline {
    pub slug: &'static str,
    pub title: &'static str,
    pub focus: bool,
    /// The sections' slugs.
    pub sections: &'static [&'static str],
    /// Cards (reversed twins included) and quiz items.
    pub cards: u32,
    pub quizzes: u32,
}

/// A card whose id does not start with its own `topic/section/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseId {
    pub id: &'static str,
    pub topic: u32,
    pub section: u32,
}

impl Outline {
    /// `topic/section` slugs: how quiz and interview history name the section an answer belongs to.
    pub fn section_key(&self, topic: usize, section: usize) -> String {
        let topic = &self.topics[topic];
        format!("{}/{}", topic.slug, topic.sections[section])
    }

    /// The `topic/section` key a card id belongs under (see [`Outline::section_key`]), without the skeleton.
    pub fn card_section_key<'a>(&self, id: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        if let Some(loose) = self.loose.iter().find(|l| l.id == id) {
            return Some(self.section_key(loose.topic as usize, loose.section as usize).into());
        }
        id.match_indices('/').nth(1).map(|(end, _)| id[..end].into())
    }
}

impl Deck {
    /// The deck's [`Outline`] (new leaked arrays; the build writes it as the app's static data).
    pub fn outline(&self) -> Outline {
        let topics = self.topics.iter().enumerate().map(|(t, topic)| {
            let (cards, quizzes) = self.topic_counts(t);
            TopicOutline {
                slug: topic.slug,
                title: topic.title,
                focus: topic.focus,
                sections: leak_slice(topic.sections.iter().map(|s| s.slug).collect()),
                cards: cards as u32,
                quizzes: quizzes as u32,
            }
        });
        let prefix = |c: &Card| format!("{}/", self.section_key(c.topic, c.section));
        let loose = self.cards.iter().filter(|c| !c.id.starts_with(&prefix(c)));
        Outline {
            topics: leak_slice(topics.collect()),
            loose: leak_slice(loose.map(|c| LooseId { id: c.id, topic: c.topic, section: c.section }).collect()),
        }
    }

    pub fn topic(&self, slug: &str) -> Option<(usize, &'static Topic)> {
        self.topics.iter().enumerate().find(|(_, t)| t.slug == slug)
    }

    /// `topic/section` slugs: how quiz and interview history name the section an answer belongs to.
    pub fn section_key(&self, topic: u32, section: u32) -> String {
        let topic = &self.topics[topic as usize];
        format!("{}/{}", topic.slug, topic.sections[section as usize].slug)
    }

    /// The other card of a `:::`/`??` pair: the compiler puts each reversed twin right after its card.
    pub fn twin(&self, index: usize) -> Option<usize> {
        if self.cards[index].reversed {
            return Some(index - 1);
        }
        self.cards.get(index + 1).filter(|next| next.reversed).map(|_| index + 1)
    }

    /// Cards and quiz items of one topic: (cards, quiz items). Reversed twins count as cards.
    pub fn topic_counts(&self, topic: usize) -> (usize, usize) {
        let cards = self.cards.iter().filter(|c| c.topic as usize == topic).count();
        let quizzes = self.quizzes.iter().filter(|q| q.topic as usize == topic).count();
        (cards, quizzes)
    }
}

impl Deck {
    /// Every HTML string of one topic, in the order [`Deck::with_html`] expects: section prose in source order,
    /// then the topic's cards (question, answer), then its quiz items (question, explanation, options).
    pub fn topic_html(&self, topic: usize) -> Vec<&'static str> {
        let mut html = Vec::new();
        for section in self.topics[topic].sections {
            html.extend(section.blocks.iter().filter_map(|block| match block {
                Block::Prose(text) => Some(*text),
                _ => None,
            }));
        }
        for card in self.cards.iter().filter(|c| c.topic as usize == topic) {
            html.extend([card.question, card.answer]);
        }
        for quiz in self.quizzes.iter().filter(|q| q.topic as usize == topic) {
            html.extend([quiz.question, quiz.explanation]);
            html.extend(quiz.options.iter().map(|o| o.html));
        }
        html
    }

    /// The skeleton's file: [`Deck::without_html`] in postcard's binary form, which the browser reads in a
    /// few milliseconds where the same as JSON took tens (a review opened by its link waits for it).
    pub fn skeleton_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(&self.without_html()).expect("a deck serialises")
    }

    /// The skeleton from its file (see [`Deck::skeleton_bytes`]); every string and list is leaked.
    pub fn from_skeleton_bytes(bytes: &[u8]) -> Result<Deck, String> {
        postcard::from_bytes(bytes).map_err(|error| error.to_string())
    }

    /// The deck with every HTML string empty: the skeleton.
    pub fn without_html(&self) -> Deck {
        let empty: Vec<(usize, Vec<&'static str>)> =
            (0..self.topics.len()).map(|t| (t, vec![""; self.topic_html(t).len()])).collect();
        self.with_html(&empty).expect("as many empty strings as the topics have")
    }

    /// The deck with the HTML of the given topics replaced, each list in [`Deck::topic_html`]'s order. The new
    /// arrays are leaked: a deck lives as long as the app, and the app rebuilds it once per batch of fetched
    /// topics. Refused when a list's length does not fit its topic (a file of another build).
    pub fn with_html(&self, topics: &[(usize, Vec<&'static str>)]) -> Result<Deck, String> {
        let mut next: Vec<std::slice::Iter<'_, &'static str>> = vec![[].iter(); self.topics.len()];
        for (topic, html) in topics {
            let expected = self.topic_html(*topic).len();
            if html.len() != expected {
                return Err(format!("topic {topic}: {} HTML strings where the deck has {expected}", html.len()));
            }
            next[*topic] = html.iter();
        }
        let mut take = |topic: u32, old: &'static str| next[topic as usize].next().copied().unwrap_or(old);
        let topics = self.topics.iter().enumerate().map(|(t, topic)| {
            let sections = topic.sections.iter().map(|section| {
                let blocks = section.blocks.iter().map(|block| match block {
                    Block::Prose(text) => Block::Prose(take(t as u32, text)),
                    other => *other,
                });
                Section { blocks: leak_slice(blocks.collect()), ..*section }
            });
            Topic { sections: leak_slice(sections.collect()), ..*topic }
        });
        let topics = leak_slice(topics.collect());
        let cards = self.cards.iter().map(|card| {
            let question = take(card.topic, card.question);
            Card { question, answer: take(card.topic, card.answer), ..*card }
        });
        let cards = leak_slice(cards.collect());
        let quizzes = self.quizzes.iter().map(|quiz| {
            let question = take(quiz.topic, quiz.question);
            let explanation = take(quiz.topic, quiz.explanation);
            let options = quiz.options.iter().map(|o| QuizOption { html: take(quiz.topic, o.html), ..*o });
            QuizItem { question, explanation, options: leak_slice(options.collect()), ..*quiz }
        });
        Ok(Deck { topics, cards, quizzes: leak_slice(quizzes.collect()) })
    }
}

/// serde's readers for the skeleton's file: each string and list leaked, as the deck lives as long as the app.
mod leak {
    use serde::{Deserialize, Deserializer};

    pub fn str<'de, D: Deserializer<'de>>(reader: D) -> Result<&'static str, D::Error> {
        String::deserialize(reader).map(|s| &*Box::leak(s.into_boxed_str()))
    }

    pub fn slice<'de, D: Deserializer<'de>, T: Deserialize<'de>>(reader: D) -> Result<&'static [T], D::Error> {
        Vec::<T>::deserialize(reader).map(super::leak_slice)
    }
}

pub(crate) fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}
