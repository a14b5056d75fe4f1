//! The split between the embedded outline and the fetched files: the outline places every card by its id; the
//! skeleton's file plus each topic's HTML file is exactly the compiled deck, in any order of arrival; a file of
//! another build is refused; the search index survives its JSON form.

use trainer_core::compile::{compile, data_files, read_notes_dir};
use trainer_core::model::{Block, Deck, LooseId};
use trainer_core::search::SearchIndex;

fn deck() -> Deck {
    static DECK: std::sync::OnceLock<Deck> = std::sync::OnceLock::new();
    *DECK.get_or_init(|| {
        let notes = read_notes_dir(std::path::Path::new("notes")).expect("notes folder");
        compile(&notes).unwrap_or_else(|problems| panic!("notes must compile: {problems:#?}"))
    })
}

/// A topic's file as the app reads it.
fn topic_file(deck: &Deck, files: &[(String, Vec<u8>)], topic: usize) -> Vec<&'static str> {
    let slug = deck.topics[topic].slug;
    let (_, json) = files.iter().find(|(name, _)| name.starts_with(&format!("deck/{slug}-"))).expect("a file per topic");
    let html: Vec<String> = serde_json::from_slice(json).expect("a JSON array of strings");
    html.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect()
}

#[test]
fn the_skeleton_holds_no_html_but_everything_else() {
    let full = deck();
    let skeleton = full.without_html();
    assert!(skeleton.cards.iter().all(|c| c.question.is_empty() && c.answer.is_empty()));
    assert!(skeleton
        .quizzes
        .iter()
        .all(|q| q.question.is_empty() && q.explanation.is_empty() && q.options.iter().all(|o| o.html.is_empty())));
    let prose = skeleton
        .topics
        .iter()
        .flat_map(|t| t.sections)
        .flat_map(|s| s.blocks)
        .filter(|b| matches!(b, Block::Prose(p) if !p.is_empty()));
    assert_eq!(prose.count(), 0);
    // Ids, terms, titles and structure stay: the home page, the queue and mastery need nothing else.
    for (a, b) in full.cards.iter().zip(skeleton.cards) {
        assert_eq!(
            (a.id, a.topic, a.section, a.term, a.reversed, a.line),
            (b.id, b.topic, b.section, b.term, b.reversed, b.line)
        );
    }
    assert_eq!(full.topics.len(), skeleton.topics.len());
    assert!(full.topics.iter().zip(skeleton.topics).all(|(a, b)| a.title == b.title && a.sections.len() == b.sections.len()));
}

/// The skeleton's file as the app reads it.
fn skeleton_file(files: &[(String, Vec<u8>)]) -> Deck {
    let (_, bytes) = files.iter().find(|(name, _)| name.starts_with("deck/skeleton-")).expect("the skeleton's file");
    Deck::from_skeleton_bytes(bytes).expect("the skeleton reads back")
}

#[test]
fn the_skeletons_file_is_the_skeleton_and_fits_the_outline() {
    let full = deck();
    let files = data_files(&full, &SearchIndex::build(&full)).files;
    let skeleton = skeleton_file(&files);
    assert_eq!(skeleton, full.without_html());
    assert_eq!(skeleton.outline(), full.outline(), "what the app checks a fetched skeleton by");
    let bytes = full.skeleton_bytes();
    assert!(Deck::from_skeleton_bytes(&bytes[..bytes.len() / 2]).is_err(), "a file cut short is refused");
}

#[test]
fn the_outline_places_every_card_by_its_id_and_counts_as_the_deck() {
    let full = deck();
    let outline = full.outline();
    for card in full.cards {
        let key = outline.card_section_key(card.id).map(|k| k.into_owned());
        assert_eq!(key, Some(full.section_key(card.topic, card.section)), "{}", card.id);
    }
    for (t, topic) in outline.topics.iter().enumerate() {
        assert_eq!((topic.cards as usize, topic.quizzes as usize), full.topic_counts(t));
        assert_eq!((topic.slug, topic.title, topic.focus), (full.topics[t].slug, full.topics[t].title, full.topics[t].focus));
        assert!(topic.sections.iter().eq(full.topics[t].sections.iter().map(|s| &s.slug)));
    }
}

#[test]
fn a_card_with_its_own_id_is_placed_through_the_outlines_list() {
    let text = "# Tiny\n\n## One\n\nFirst?\n?\nA.\n\n## Two\n\nSecond? {#stable}\n?\nB.\n";
    let tiny = compile(&[trainer_core::compile::NoteFile { path: "01-tiny.md".into(), text: text.into() }]).expect("compiles");
    let outline = tiny.outline();
    let stable = tiny.cards.iter().find(|c| c.id == "stable").expect("the card with its own id");
    assert_eq!(outline.loose, [LooseId { id: "stable", topic: stable.topic, section: stable.section }]);
    assert_eq!(outline.card_section_key("stable").as_deref(), Some("tiny/two"));
    assert_eq!(outline.card_section_key("tiny/one/gone-card").as_deref(), Some("tiny/one"), "by its prefix");
    assert_eq!(outline.card_section_key("stray"), None);
}

#[test]
fn skeleton_plus_the_topic_files_is_the_deck_in_any_order() {
    let full = deck();
    let files = data_files(&full, &SearchIndex::build(&full)).files;
    assert_eq!(files.len(), full.topics.len() + 2, "one file per topic, the search index and the skeleton");
    let topics = full.topics.len();
    // One at a time, last topic first, as pages might ask.
    let mut one_by_one = skeleton_file(&files);
    for topic in (0..topics).rev() {
        one_by_one = one_by_one.with_html(&[(topic, topic_file(&full, &files, topic))]).expect("the topic's own file fits");
    }
    assert_eq!(one_by_one, full);
    // The first topic alone, then all the others in one batch, as the app does.
    let first = full.without_html().with_html(&[(3, topic_file(&full, &files, 3))]).expect("fits");
    assert_eq!(first.cards.iter().filter(|c| !c.question.is_empty()).count(), full.cards.iter().filter(|c| c.topic == 3).count());
    let rest: Vec<_> = (0..topics).filter(|&t| t != 3).map(|t| (t, topic_file(&full, &files, t))).collect();
    assert_eq!(first.with_html(&rest).expect("fits"), full);
}

#[test]
fn a_file_of_another_topic_or_build_is_refused() {
    let full = deck();
    let skeleton = full.without_html();
    let files = data_files(&full, &SearchIndex::build(&full)).files;
    let mut short = topic_file(&full, &files, 0);
    short.pop();
    let refused = skeleton.with_html(&[(0, short)]).expect_err("one string missing");
    assert!(refused.contains("topic 0"), "{refused}");
    let (a, b) = (0..full.topics.len())
        .flat_map(|a| (0..full.topics.len()).map(move |b| (a, b)))
        .find(|&(a, b)| full.topic_html(a).len() != full.topic_html(b).len())
        .expect("two topics of different sizes");
    assert!(skeleton.with_html(&[(a, topic_file(&full, &files, b))]).is_err());
}

#[test]
fn file_names_carry_a_content_hash_and_the_build_is_deterministic() {
    let full = deck();
    let index = SearchIndex::build(&full);
    let first = data_files(&full, &index);
    let again = data_files(&full, &SearchIndex::build(&full));
    assert_eq!(first.files, again.files);
    assert_eq!(first.rust, again.rust);
    for (name, _) in &first.files {
        let stem = name.strip_prefix("deck/").and_then(|n| n.rsplit_once('.')).map(|(stem, _)| stem).expect("deck/NAME.EXT");
        let hash = stem.rsplit('-').next().expect("a hash");
        assert!(hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
        assert!(first.rust.contains(&format!("{name:?}")), "{name} is named for the app");
    }
}

#[test]
fn the_search_index_survives_its_file_and_answers_the_same_without_the_html() {
    let full = deck();
    let skeleton = full.without_html();
    let built = SearchIndex::build(&full);
    let loaded = SearchIndex::from_json(&built.to_json(), &skeleton).expect("its own deck");
    assert_eq!(loaded, built);
    for query in ["gil", "индекс", "select for update", "объём"] {
        let found = loaded.search(&skeleton, query, 20);
        assert!(found.total > 0, "{query}");
        assert_eq!(found, built.search(&full, query, 20), "{query}");
    }
}

#[test]
fn a_search_index_of_another_deck_or_garbage_is_refused() {
    let full = deck();
    let json = SearchIndex::build(&full).to_json();
    let other = compile(&[trainer_core::compile::NoteFile {
        path: "01-tiny.md".into(),
        text: "# Tiny\n\n## One\n\nQuestion?\n?\nAnswer.\n".into(),
    }])
    .expect("a tiny deck compiles");
    let refused = SearchIndex::from_json(&json, &other).expect_err("docs beyond the tiny deck");
    assert!(refused.contains("does not fit"), "{refused}");
    assert!(SearchIndex::from_json("{\"docs\":", &full).expect_err("cut short").contains("not readable"));
    for (field, wrong) in [("term_starts", "[1,"), ("text_starts", "[1,"), ("text_starts", "[0,1,")] {
        let broken = json.replacen(&format!("\"{field}\":[0,"), &format!("\"{field}\":{wrong}"), 1);
        assert_ne!(broken, json);
        let refused = SearchIndex::from_json(&broken, &full).expect_err(field);
        assert!(refused.contains("does not fit"), "{field}: {refused}");
    }
}
