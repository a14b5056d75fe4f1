//! The deck as an Anki-importable TSV file (File → Import, "Notes in plain text"): file headers name the
//! separator, HTML fields, the deck column and the tags column.

use crate::model::Deck;

/// One note per card (reversed twins are left out: Anki makes its own reverse cards), with the deck
/// `Trainer::Topic` and tags for topic and section.
pub fn deck_tsv(deck: &Deck, deck_name: &str) -> String {
    let mut out = String::from("#separator:tab\n#html:true\n#deck column:3\n#tags column:4\n");
    for card in deck.cards.iter().filter(|c| !c.reversed) {
        let topic = &deck.topics[card.topic as usize];
        let section = &topic.sections[card.section as usize];
        let fields = [
            field(card.question),
            field(card.answer),
            field(&format!("{deck_name}::{}", topic.title)),
            field(&format!("{} {}::{}", topic.slug, topic.slug, section.slug)),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// Quotes a field that holds a tab, a newline or a quote, as Anki's importer expects.
fn field(text: &str) -> String {
    if text.contains(['\t', '\n', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
