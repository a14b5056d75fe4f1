//! Full-text search over the notes: every section's prose, every card and every quiz item. The notes
//! compiler builds an inverted index (sorted terms, each with the documents that contain it) that the app
//! fetches as one file; a query is answered by binary search for each word's prefix range, so it costs
//! little even on the whole deck. Words compare in lower case with ё read as е; punctuation separates words.
//! Each document's title and body are stored as plain text beside the postings, so titles and snippets cost
//! no HTML parsing per keystroke and a search needs none of the notes' HTML.
//! The app fetches the index as one JSON file (`to_json`/`from_json`) the first time search is used.

use crate::html::escape;
#[cfg(feature = "compile")]
use crate::model::Block;
use crate::model::{leak_slice, Deck};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One searchable document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchDoc {
    /// A section's heading, prose and subheadings (the intro section is titled by its topic).
    Section {
        topic: u16,
        section: u16,
    },
    Card(u32),
    Quiz(u32),
}

/// The inverted index: distinct normalised terms in sorted order, each with a posting list of
/// `document << 1 | in_title` values, ascending and stored as LEB128 deltas to keep the wasm small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchIndex {
    pub docs: &'static [SearchDoc],
    /// All terms concatenated; term `i` is `terms[term_starts[i]..term_starts[i + 1]]`.
    pub terms: &'static str,
    pub term_starts: &'static [u32],
    /// Term `i`'s postings are `postings[posting_starts[i]..posting_starts[i + 1]]`.
    pub postings: &'static [u8],
    pub posting_starts: &'static [u32],
    /// Document `d`'s title is `texts[text_starts[2d]..text_starts[2d + 1]]`, its body runs to `text_starts[2d + 2]`.
    pub texts: &'static str,
    pub text_starts: &'static [u32],
}

/// Text with byte ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Marked {
    /// The text escaped, its marked ranges in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 13 * self.marks.len());
        let mut at = 0;
        for range in &self.marks {
            html.push_str(&escape(&self.text[at..range.start]));
            html.push_str("<mark>");
            html.push_str(&escape(&self.text[range.clone()]));
            html.push_str("</mark>");
            at = range.end;
        }
        html.push_str(&escape(&self.text[at..]));
        html
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub doc: SearchDoc,
    pub topic: usize,
    pub section: usize,
    pub title: Marked,
    pub snippet: Marked,
}

/// The hits of one topic, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicHits {
    pub topic: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// Every matching document, including those past the limit.
    pub total: usize,
    /// Topics in the order of their best hit.
    pub groups: Vec<TopicHits>,
}

/// Scores: an exact word outranks a longer word it begins; a word in the title counts extra.
const EXACT: u32 = 3;
const PREFIX: u32 = 1;
const IN_TITLE: u32 = 2;
/// Characters of context shown before the first match, and the snippet's length.
const CONTEXT_CHARS: usize = 50;
const SNIPPET_CHARS: usize = 200;
const TITLE_CHARS: usize = 160;
/// Tags that sit inside a word's run of text; any other tag separates words.
const INLINE_TAGS: &[&str] = &["a", "code", "em", "strong", "span", "del", "kbd", "sup", "sub"];

/// The form in which words are indexed and compared: lower case, ё as е.
pub fn normalize(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).map(fold_yo).collect()
}

fn fold_yo(c: char) -> char {
    if c == 'ё' {
        'е'
    } else {
        c
    }
}

/// Whether `word`, normalised, begins with the normalised `prefix`; allocates nothing, as it runs for every
/// word of every text shown.
fn begins_with(word: &str, prefix: &str) -> bool {
    let mut word = word.chars().flat_map(char::to_lowercase).map(fold_yo);
    prefix.chars().all(|p| word.next() == Some(p))
}

/// Byte ranges of the words of `text` (runs of letters and digits), found as they are asked for: a snippet
/// needs the words up to its first match and those inside it, not every word of a long section.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                return Some(start..i);
            }
            chars.next();
        }
        Some(start..text.len())
    })
}

/// A letter or digit; the notes' two scripts are checked before the general (slower) Unicode tables.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || (!c.is_ascii() && c.is_alphanumeric())
}

/// The distinct normalised words of a query, in order.
pub fn query_words(query: &str) -> Vec<String> {
    let mut distinct: Vec<String> = Vec::new();
    for range in words(query) {
        let word = normalize(&query[range]);
        if !distinct.contains(&word) {
            distinct.push(word);
        }
    }
    distinct
}

/// Build-time HTML as plain text: tags out (block tags leave a space), entities decoded, spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let name: String = rest[1..end].trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
            if !INLINE_TAGS.contains(&name.as_str()) {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let entity = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&quot;", '"'), ("&#39;", '\''), ("&#x27;", '\'')]
                .into_iter()
                .find(|(name, _)| rest.starts_with(name));
            let (len, c) = entity.map_or((1, '&'), |(name, c)| (name.len(), c));
            out.push(c);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a document sits: (topic, section).
pub fn place(deck: &Deck, doc: SearchDoc) -> (usize, usize) {
    match doc {
        SearchDoc::Section { topic, section } => (topic as usize, section as usize),
        SearchDoc::Card(card) => (deck.cards[card as usize].topic as usize, deck.cards[card as usize].section as usize),
        SearchDoc::Quiz(quiz) => (deck.quizzes[quiz as usize].topic as usize, deck.quizzes[quiz as usize].section as usize),
    }
}

/// A document's title and body as plain text.
#[cfg(feature = "compile")]
fn doc_text(deck: &Deck, doc: SearchDoc) -> (String, String) {
    match doc {
        SearchDoc::Section { topic, section } => {
            let topic = &deck.topics[topic as usize];
            let section = &topic.sections[section as usize];
            let title = if section.title.is_empty() { topic.title } else { section.title };
            let body: Vec<String> = section
                .blocks
                .iter()
                .filter_map(|block| match *block {
                    Block::Prose(html) => Some(plain_text(html)),
                    Block::Subheading { title, .. } => Some(title.to_string()),
                    Block::Card(_) | Block::Quiz(_) => None,
                })
                .collect();
            (title.to_string(), body.join(" "))
        }
        SearchDoc::Card(card) => {
            let card = &deck.cards[card as usize];
            (plain_text(card.question), plain_text(card.answer))
        }
        SearchDoc::Quiz(quiz) => {
            let quiz = &deck.quizzes[quiz as usize];
            let options: Vec<String> = quiz.options.iter().map(|o| plain_text(o.html)).collect();
            (plain_text(quiz.question), format!("{} · {}", options.join(" · "), plain_text(quiz.explanation)))
        }
    }
}

/// The file form of [`SearchIndex`].
#[derive(Serialize, Deserialize)]
struct IndexFile {
    docs: Vec<SearchDoc>,
    terms: String,
    term_starts: Vec<u32>,
    postings: Vec<u8>,
    posting_starts: Vec<u32>,
    texts: String,
    text_starts: Vec<u32>,
}

impl SearchIndex {
    pub fn to_json(&self) -> String {
        let file = IndexFile {
            docs: self.docs.to_vec(),
            terms: self.terms.to_string(),
            term_starts: self.term_starts.to_vec(),
            postings: self.postings.to_vec(),
            posting_starts: self.posting_starts.to_vec(),
            texts: self.texts.to_string(),
            text_starts: self.text_starts.to_vec(),
        };
        serde_json::to_string(&file).expect("the index serialises")
    }

    /// The index from its file, checked against `deck` so that a search can never index out of bounds; leaked,
    /// as the app keeps it until it closes. A file of another build is refused with the reason.
    pub fn from_json(text: &str, deck: &Deck) -> Result<SearchIndex, String> {
        let file: IndexFile = serde_json::from_str(text).map_err(|error| format!("the search index is not readable: {error}"))?;
        let in_deck = |doc: &SearchDoc| match *doc {
            SearchDoc::Section { topic, section } => {
                deck.topics.get(topic as usize).is_some_and(|t| (section as usize) < t.sections.len())
            }
            SearchDoc::Card(card) => (card as usize) < deck.cards.len(),
            SearchDoc::Quiz(quiz) => (quiz as usize) < deck.quizzes.len(),
        };
        let offsets_fit = |starts: &[u32], len: usize, boundary: &dyn Fn(usize) -> bool| {
            starts.first() == Some(&0)
                && starts.last() == Some(&(len as u32))
                && starts.windows(2).all(|w| w[0] <= w[1])
                && starts.iter().all(|&s| boundary(s as usize))
        };
        let fits = file.docs.iter().all(in_deck)
            && file.term_starts.len() == file.posting_starts.len()
            && offsets_fit(&file.term_starts, file.terms.len(), &|i| file.terms.is_char_boundary(i))
            && offsets_fit(&file.posting_starts, file.postings.len(), &|_| true)
            && file.text_starts.len() == 2 * file.docs.len() + 1
            && offsets_fit(&file.text_starts, file.texts.len(), &|i| file.texts.is_char_boundary(i));
        if !fits {
            return Err("the search index does not fit this build's deck".into());
        }
        let index = SearchIndex {
            docs: leak_slice(file.docs),
            terms: Box::leak(file.terms.into_boxed_str()),
            term_starts: leak_slice(file.term_starts),
            postings: leak_slice(file.postings),
            posting_starts: leak_slice(file.posting_starts),
            texts: Box::leak(file.texts.into_boxed_str()),
            text_starts: leak_slice(file.text_starts),
        };
        let docs = index.docs.len() as u32;
        if (0..index.term_count()).any(|term| index.postings(term).any(|posting| posting >> 1 >= docs)) {
            return Err("the search index names a document it does not have".into());
        }
        Ok(index)
    }
}

impl SearchIndex {
    fn term_count(&self) -> usize {
        self.term_starts.len() - 1
    }

    pub fn term(&self, i: usize) -> &'static str {
        &self.terms[self.term_starts[i] as usize..self.term_starts[i + 1] as usize]
    }

    /// The indices of the terms that start with `prefix`: a contiguous run of the sorted terms.
    pub fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let start = first(0, self.term_count(), |i| self.term(i) >= prefix);
        let end = first(start, self.term_count(), |i| !self.term(i).starts_with(prefix));
        start..end
    }

    /// `document << 1 | in_title` values of term `i`.
    fn postings(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.postings[self.posting_starts[i] as usize..self.posting_starts[i + 1] as usize].iter().copied();
        let mut previous = 0u32;
        std::iter::from_fn(move || {
            previous += crate::varint::read_u64(&mut bytes)? as u32;
            Some(previous)
        })
    }

    /// Documents with, for every query word, a word that starts with it; best first, grouped by topic.
    /// Titles and snippets are made for the first `limit` hits only.
    pub fn search(&self, deck: &Deck, query: &str, limit: usize) -> Results {
        let words = query_words(query);
        if words.is_empty() {
            return Results::default();
        }
        let mut scores = vec![0u32; self.docs.len()];
        let mut matched = vec![0usize; self.docs.len()];
        let mut best = vec![0u32; self.docs.len()];
        for word in &words {
            best.fill(0);
            for term in self.prefix_range(word) {
                let base = if self.term(term) == word { EXACT } else { PREFIX };
                for posting in self.postings(term) {
                    let score = base + if posting & 1 == 1 { IN_TITLE } else { 0 };
                    let doc = (posting >> 1) as usize;
                    best[doc] = best[doc].max(score);
                }
            }
            for (doc, score) in best.iter().enumerate().filter(|(_, s)| **s > 0) {
                scores[doc] += score;
                matched[doc] += 1;
            }
        }
        let mut ranked: Vec<usize> = (0..self.docs.len()).filter(|&d| matched[d] == words.len()).collect();
        ranked.sort_by_key(|&d| (std::cmp::Reverse(scores[d]), d));
        let total = ranked.len();
        let mut groups: Vec<TopicHits> = Vec::new();
        for doc in ranked.into_iter().take(limit) {
            let hit = self.hit(deck, doc, &words);
            match groups.iter_mut().find(|g| g.topic == hit.topic) {
                Some(group) => group.hits.push(hit),
                None => groups.push(TopicHits { topic: hit.topic, hits: vec![hit] }),
            }
        }
        Results { total, groups }
    }

    /// Document `doc`'s title and body as stored.
    fn text(&self, doc: usize) -> (&'static str, &'static str) {
        let at = |i: usize| self.text_starts[2 * doc + i] as usize;
        (&self.texts[at(0)..at(1)], &self.texts[at(1)..at(2)])
    }

    fn hit(&self, deck: &Deck, doc: usize, words: &[String]) -> Hit {
        let (topic, section) = place(deck, self.docs[doc]);
        let (title, body) = self.text(doc);
        // A title is shown from its start, however far in its first match is.
        let title = excerpt(title, words, usize::MAX, TITLE_CHARS);
        Hit { doc: self.docs[doc], topic, section, title, snippet: excerpt(body, words, CONTEXT_CHARS, SNIPPET_CHARS) }
    }
}

/// The first index in `lo..hi` where `pred` holds, given that it holds for every index after one that does.
fn first(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Up to `max_chars` of `text` from about `context` characters before the first word that starts with a
/// query word, cut at spaces, with every such word marked.
pub fn excerpt(text: &str, words_to_mark: &[String], context: usize, max_chars: usize) -> Marked {
    let matches = |r: &Range<usize>| words_to_mark.iter().any(|w| begins_with(&text[r.clone()], w));
    let first_match = words(text).find(|r| matches(r));
    let focus = first_match.as_ref().map_or(0, |m| m.start);
    let mut start = text[..focus].char_indices().rev().nth(context).map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..focus].find(' ').map_or(start, |space| start + space + 1);
    }
    let mut end = text[start..].char_indices().nth(max_chars).map_or(text.len(), |(i, _)| start + i);
    let focus_end = first_match.map_or(0, |m| m.end);
    if let Some(space) = text[start..end].rfind(' ').map(|s| start + s).filter(|&s| end < text.len() && s >= focus_end) {
        end = space;
    }
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < text.len() { " …" } else { "" };
    let shift = |i: usize| i - start + lead.len();
    // A word cut by either end of the excerpt is not marked.
    let cut_at_start = text[..start].chars().next_back().is_some_and(is_word_char);
    let inside = words(&text[start..])
        .map(|r| r.start + start..r.end + start)
        .skip_while(|r| cut_at_start && r.start == start)
        .take_while(|r| r.end <= end);
    Marked {
        text: format!("{lead}{}{tail}", &text[start..end]),
        marks: inside.filter(|m| matches(m)).map(|m| shift(m.start)..shift(m.end)).collect(),
    }
}

#[cfg(feature = "compile")]
impl SearchIndex {
    /// Indexes every section, card (reversed twins are the same text) and quiz item, in notes order.
    pub fn build(deck: &Deck) -> SearchIndex {
        use std::collections::{BTreeMap, HashMap};
        let mut docs = Vec::new();
        for (t, topic) in deck.topics.iter().enumerate() {
            for (s, section) in topic.sections.iter().enumerate() {
                docs.push(SearchDoc::Section { topic: t as u16, section: s as u16 });
                docs.extend(section.blocks.iter().filter_map(|block| match *block {
                    Block::Card(card) => Some(SearchDoc::Card(card)),
                    Block::Quiz(quiz) => Some(SearchDoc::Quiz(quiz)),
                    Block::Prose(_) | Block::Subheading { .. } => None,
                }));
            }
        }
        assert!(docs.len() < 1 << 31, "document numbers fit the postings");
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let (mut texts, mut text_starts) = (String::new(), vec![0]);
        for (index, doc) in docs.iter().enumerate() {
            let (title, body) = doc_text(deck, *doc);
            for text in [&title, &body] {
                texts.push_str(text);
                text_starts.push(texts.len() as u32);
            }
            let mut terms: HashMap<String, bool> = HashMap::new();
            for range in words(&title) {
                terms.insert(normalize(&title[range]), true);
            }
            for range in words(&body) {
                terms.entry(normalize(&body[range])).or_insert(false);
            }
            for (term, in_title) in terms {
                postings.entry(term).or_default().push((index as u32) << 1 | u32::from(in_title));
            }
        }
        let (mut terms, mut term_starts, mut bytes, mut posting_starts) = (String::new(), vec![0], Vec::new(), vec![0]);
        for (term, list) in postings {
            terms.push_str(&term);
            term_starts.push(terms.len() as u32);
            let mut previous = 0;
            for value in list {
                crate::varint::push_u64(&mut bytes, u64::from(value - previous));
                previous = value;
            }
            posting_starts.push(bytes.len() as u32);
        }
        SearchIndex {
            docs: leak_slice(docs),
            terms: Box::leak(terms.into_boxed_str()),
            term_starts: leak_slice(term_starts),
            postings: leak_slice(bytes),
            posting_starts: leak_slice(posting_starts),
            texts: Box::leak(texts.into_boxed_str()),
            text_starts: leak_slice(text_starts),
        }
    }
}
