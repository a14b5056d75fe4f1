//! `make notes-stats`: counts for note authors and checks, as one JSON object.

use crate::model::{Block, Deck};
use serde_json::{json, Value};

/// Words of prose, card and quiz text (HTML tags removed), counted per topic and in total.
pub fn stats_json(deck: &Deck) -> Value {
    let mut per_topic = Vec::new();
    for (index, topic) in deck.topics.iter().enumerate() {
        let (cards, quiz_items) = deck.topic_counts(index);
        let mut words = 0;
        for block in topic.sections.iter().flat_map(|s| s.blocks) {
            words += match *block {
                Block::Prose(html) => count_words(html),
                Block::Subheading { title, .. } => count_words(title),
                Block::Card(card) => {
                    let card = &deck.cards[card as usize];
                    count_words(card.question) + count_words(card.answer)
                }
                Block::Quiz(quiz) => {
                    let quiz = &deck.quizzes[quiz as usize];
                    count_words(quiz.question)
                        + count_words(quiz.explanation)
                        + quiz.options.iter().map(|o| count_words(o.html)).sum::<usize>()
                }
            };
        }
        per_topic.push(json!({
            "slug": topic.slug,
            "title": topic.title,
            "focus": topic.focus,
            "sections": topic.sections.len(),
            "cards": cards,
            "quiz_items": quiz_items,
            "words": words,
        }));
    }
    let total = |key: &str| per_topic.iter().map(|t| t[key].as_u64().unwrap_or(0)).sum::<u64>();
    json!({
        "topics": deck.topics.len(),
        "cards": deck.cards.len(),
        "quiz_items": deck.quizzes.len(),
        "words": total("words"),
        "per_topic": per_topic,
    })
}

fn count_words(html: &str) -> usize {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}
