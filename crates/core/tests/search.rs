//! Search: normalisation, the compiled index, ranking, grouping and highlighted snippets.

use std::time::Instant;
use trainer_core::compile::{compile, read_notes_dir, NoteFile};
use trainer_core::model::Deck;
use trainer_core::search::{excerpt, normalize, plain_text, query_words, SearchDoc, SearchIndex};

const DATABASES: &str = "---
title: Базы данных
---

## Индексы

Индекс ускоряет поиск, но замедляет запись. Ещё про B-tree.

- Что такое покрывающий индекс?
  - Индекс, который содержит все нужные запросу столбцы.

- Когда ёлка зелёная?
  - Всегда.

Какой индекс используется по умолчанию в PostgreSQL?

- [x] B-tree
- [ ] Hash

> B-tree строится по умолчанию.

## Транзакции

- Что такое транзакция?
  - Группа операций, выполняемая целиком: всё или ничего. Индекс тут ни при чём.
";

const PYTHON: &str = "# Python

## Генераторы

- Что возвращает генератор?
  - Итератор; индексы он не поддерживает.
";

fn fixture() -> (Deck, SearchIndex) {
    let files = [
        NoteFile { path: "01-databases.md".into(), text: DATABASES.into() },
        NoteFile { path: "02-python.md".into(), text: PYTHON.into() },
    ];
    let deck = compile(&files).expect("fixture compiles");
    (deck, SearchIndex::build(&deck))
}

fn marked_words(marked: &trainer_core::search::Marked) -> Vec<&str> {
    marked.marks.iter().map(|m| &marked.text[m.clone()]).collect()
}

#[test]
fn words_compare_in_lower_case_with_yo_as_ye_and_punctuation_splits_them() {
    assert_eq!(normalize("Ёлка"), "елка");
    assert_eq!(normalize("ЗЕЛЁНАЯ"), "зеленая");
    assert_eq!(query_words("  Ёлка, ЁЛКА! dict.get select_related"), ["елка", "dict", "get", "select", "related"]);
    assert!(query_words(" … ?! ").is_empty());
}

#[test]
fn html_becomes_plain_text() {
    let html = "<p>a &lt;b&gt; <code>x</code>y &amp; &quot;q&quot;</p>\n<ul><li>one</li><li>two</li></ul>";
    assert_eq!(plain_text(html), "a <b> xy & \"q\" one two");
}

#[test]
fn the_index_holds_sorted_terms_found_by_prefix() {
    let (_, index) = fixture();
    let terms: Vec<&str> = (0..index.term_starts.len() - 1).map(|i| index.term(i)).collect();
    assert!(terms.windows(2).all(|pair| pair[0] < pair[1]), "sorted and distinct");
    let found: Vec<&str> = index.prefix_range("индекс").map(|i| index.term(i)).collect();
    assert_eq!(found, ["индекс", "индексы"]);
    assert!(index.prefix_range("щщщ").is_empty());
    assert!(terms.contains(&"елка") && !terms.iter().any(|t| t.contains('ё')));
}

#[test]
fn yo_and_ye_find_the_same_card_with_the_word_marked() {
    let (deck, index) = fixture();
    for query in ["ёлка", "елка", "ЕЛК"] {
        let results = index.search(&deck, query, 10);
        assert_eq!(results.total, 1, "{query}");
        let hit = &results.groups[0].hits[0];
        assert_eq!(hit.title.text, "Когда ёлка зелёная?");
        assert_eq!(marked_words(&hit.title), ["ёлка"]);
        assert!(matches!(hit.doc, SearchDoc::Card(_)));
    }
}

#[test]
fn hits_rank_title_and_exact_words_first_and_group_by_topic() {
    let (deck, index) = fixture();
    let results = index.search(&deck, "индекс", 10);
    assert_eq!(results.total, 5, "section, two cards and the quiz item of one topic, a card of the other");
    assert_eq!(results.groups.iter().map(|g| g.topic).collect::<Vec<_>>(), [0, 1]);
    let titles: Vec<&str> = results.groups[0].hits.iter().map(|h| h.title.text.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Что такое покрывающий индекс?",
            "Какой индекс используется по умолчанию в PostgreSQL?",
            "Индексы",
            "Что такое транзакция?"
        ]
    );
    assert!(matches!(results.groups[0].hits[1].doc, SearchDoc::Quiz(0)));
    assert!(matches!(results.groups[0].hits[2].doc, SearchDoc::Section { topic: 0, section: 0 }));
    let python = &results.groups[1].hits[0];
    assert_eq!(marked_words(&python.snippet), ["индексы"]);
    assert_eq!(results.groups[0].hits[3].section, 1);
}

#[test]
fn every_word_of_a_query_must_match_and_the_limit_cuts_snippets_not_the_count() {
    let (deck, index) = fixture();
    let results = index.search(&deck, "индекс транз", 10);
    assert_eq!(results.total, 1);
    let hit = &results.groups[0].hits[0];
    assert_eq!(marked_words(&hit.title), ["транзакция"]);
    assert_eq!(marked_words(&hit.snippet), ["Индекс"]);
    let limited = index.search(&deck, "индекс", 2);
    assert_eq!((limited.total, limited.groups.iter().map(|g| g.hits.len()).sum::<usize>()), (5, 2));
    assert_eq!(index.search(&deck, "", 10), Default::default());
    assert_eq!(index.search(&deck, "несуществующее", 10).total, 0);
}

#[test]
fn a_snippet_shows_the_first_match_in_context() {
    let words: Vec<String> = (0..120).map(|i| if i == 80 { "Цель".to_string() } else { format!("слово{i}") }).collect();
    let text = words.join(" ");
    let snippet = excerpt(&text, &["цел".to_string()], 50, 200);
    assert!(snippet.text.starts_with("… слово") && snippet.text.ends_with(" …"), "{}", snippet.text);
    assert!(snippet.text.chars().count() <= 205);
    assert_eq!(marked_words(&snippet), ["Цель"]);
    let whole = excerpt("коротко и ясно", &["ясн".to_string()], 50, 200);
    assert_eq!((whole.text.as_str(), marked_words(&whole)), ("коротко и ясно", vec!["ясно"]));
}

#[test]
fn the_shipped_deck_answers_prefix_queries_quickly() {
    let deck = compile(&read_notes_dir(std::path::Path::new("../../notes")).expect("notes")).expect("shipped notes compile");
    let index = SearchIndex::build(&deck);
    println!(
        "search index: {} documents, {} terms, {} posting bytes",
        index.docs.len(),
        index.term_starts.len() - 1,
        index.postings.len()
    );
    assert_eq!(index.search(&deck, "объём", 50).total, index.search(&deck, "объем", 50).total);
    assert!(index.search(&deck, "транзакц", 50).total > 10);
    // Every prefix of a few words, as typed one key at a time; ranking alone, then with 50 snippets.
    let typed: Vec<&str> = ["транзакция", "индекс", "select_related", "asyncio gather", "уровень изоляции"]
        .iter()
        .flat_map(|word| word.char_indices().map(|(i, _)| i).skip(1).chain([word.len()]).map(|end| &word[..end]))
        .collect();
    let time = |limit: usize| {
        let started = Instant::now();
        typed.iter().for_each(|query| drop(index.search(&deck, query, limit)));
        started.elapsed() / typed.len() as u32
    };
    let (ranking, per_query) = (time(0), time(50));
    let build = if cfg!(debug_assertions) { "unoptimised" } else { "optimised" };
    println!("{} keystrokes: {ranking:?} to rank, {per_query:?} with 50 snippets ({build} build)", typed.len());
    assert!(per_query.as_millis() < 200, "a query took {per_query:?}");
}

#[test]
fn marked_text_becomes_escaped_html_with_marks() {
    let marked = trainer_core::search::Marked { text: "a < b & \"Ёлка\" <script>".into(), marks: vec![4..5, 9..17] };
    assert_eq!(marked.to_html(), "a &lt; <mark>b</mark> &amp; &quot;<mark>Ёлка</mark>&quot; &lt;script&gt;");
    let plain = trainer_core::search::Marked { text: "<b>".into(), marks: vec![] };
    assert_eq!(plain.to_html(), "&lt;b&gt;");
}

#[test]
fn a_word_cut_by_the_end_of_a_snippet_is_not_marked() {
    let words = |w: &str| vec![normalize(w)];
    let cut = excerpt("aa bb cc", &words("b"), 50, 4);
    assert_eq!((cut.text.as_str(), cut.marks.len()), ("aa b …", 0));
    let no_match = excerpt("aa bb cc", &words("zz"), 50, 4);
    assert_eq!((no_match.text.as_str(), no_match.marks.len()), ("aa …", 0), "no match: the text from its start, cut at a space");
    let whole = excerpt("aa bb cc", &words("b"), 50, 5);
    assert_eq!(whole.marks, vec![3..5]);
}
