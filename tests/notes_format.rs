//! The notes format (`notes/README.md`): the seed-style fixture parses to the expected cards and quiz items,
//! every malformed input is reported as `file:line: message`, and ids survive answer edits.

use trainer_core::compile::{compile, read_notes_dir, NoteFile, Problem};
use trainer_core::model::{Block, Deck};

fn fixture() -> Deck {
    let files = read_notes_dir(std::path::Path::new("tests/fixtures/notes")).expect("fixture folder");
    compile(&files).unwrap_or_else(|p| panic!("fixture must compile: {p:?}"))
}

fn one(text: &str) -> Result<Deck, Vec<Problem>> {
    compile(&[NoteFile { path: "notes/01-demo.md".into(), text: text.into() }])
}

fn problems(text: &str) -> Vec<String> {
    one(text).expect_err("these notes must be refused").iter().map(ToString::to_string).collect()
}

#[test]
fn seed_outline_fixture_parses_to_expected_cards() {
    let deck = fixture();
    assert_eq!(deck.topics.len(), 1);
    let topic = &deck.topics[0];
    assert_eq!((topic.slug, topic.title), ("outline", "Python: фикстура в стиле сида"));
    let sections: Vec<_> = topic.sections.iter().map(|s| s.slug).collect();
    assert_eq!(sections, ["intro", "python", "odnostrochnye-i-mnogostrochnye"]);

    let ids: Vec<_> = deck.cards.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "outline/python/tipy-dannykh",
            "coroutines-basics",
            "outline/python/kod-vnutri-otveta-neprozrachen",
            "outline/odnostrochnye-i-mnogostrochnye/chto-vozvrashchaet-len",
            "outline/odnostrochnye-i-mnogostrochnye/strategy",
            "outline/odnostrochnye-i-mnogostrochnye/strategy~rev",
            "outline/odnostrochnye-i-mnogostrochnye/chto-delaet-asyncio-gather",
        ]
    );
    let types = &deck.cards[0];
    assert_eq!(types.question, "Типы данных");
    assert!(types.answer.contains("<li>list, dict, set, bytearray</li>"), "nested bullets: {}", types.answer);
    assert_eq!(types.line, 7);

    let coroutines = &deck.cards[1];
    assert!(coroutines.answer.contains("<pre tabindex=\"0\" data-lang=\"python\">"), "{}", coroutines.answer);
    assert!(coroutines.answer.contains("<span class=\"k\">def</span>"), "highlighted at build time: {}", coroutines.answer);
    assert!(coroutines.answer.contains("После пустой строки ответ продолжается."), "blank line inside an answer");

    let reversed = &deck.cards[5];
    assert!(reversed.reversed && reversed.answer == "Strategy" && reversed.question.contains("Стратегия"));
    assert!(deck.cards[6].answer.contains("Возвращает результаты в порядке аргументов."));
}

#[test]
fn fenced_code_is_opaque() {
    let deck = fixture();
    let opaque = &deck.cards[2];
    assert!(opaque.answer.contains("- [x] это не вариант квиза"));
    assert!(opaque.answer.contains("Вопрос :: не карточка"));
    assert_eq!(deck.quizzes.len(), 3, "a task item inside a fence is not a quiz option");
    assert!(deck.topics[0].sections.iter().all(|s| s.title != "не раздел"));
}

#[test]
fn quiz_items_parse_with_options_code_and_explanation() {
    let deck = fixture();
    let [single, code, multiple] = [&deck.quizzes[0], &deck.quizzes[1], &deck.quizzes[2]];
    assert_eq!(single.id, "pg-default");
    let correct: Vec<_> = single.options.iter().map(|o| o.correct).collect();
    assert_eq!(correct, [false, true, false]);
    assert!(single.explanation.contains("Serializable нужно включать явно."));
    assert!(!single.is_multiple());

    assert!(code.question.contains("Что выведет код?") && code.question.contains("<pre"), "{}", code.question);
    assert_eq!(code.options[0].html, "<code>bool</code>");

    assert!(multiple.is_multiple());
    assert_eq!(multiple.explanation, "");
    assert_eq!(multiple.options[3].html, "&lt;b&gt;str&lt;/b&gt;", "raw HTML is escaped");
}

#[test]
fn reader_blocks_keep_source_order() {
    let deck = fixture();
    let blocks = deck.topics[0].sections[2].blocks;
    assert!(matches!(blocks[0], Block::Card(3)));
    assert!(matches!(blocks[3], Block::Prose(p) if p.contains("<code>a::b</code>")), "inline code hides `::`");
    assert!(matches!(blocks[4], Block::Subheading { title: "Проверь себя", .. }));
    assert!(matches!(blocks[5..], [Block::Quiz(0), Block::Quiz(1), Block::Quiz(2)]));
    assert!(matches!(deck.topics[0].sections[0].blocks, [Block::Prose(p)] if p.contains("Вступление")));
}

#[test]
fn empty_answer_is_reported() {
    assert_eq!(problems("# T\n\n- Вопрос\n- Другой\n  - ответ\n"), ["notes/01-demo.md:3: empty answer to `Вопрос`"]);
}

#[test]
fn bare_f_placeholder_is_reported_at_its_line() {
    let found = problems("# T\n\n- GIL\n  - f\n\nОчередь :: f\n");
    assert_eq!(
        found,
        [
            "notes/01-demo.md:4: placeholder answer \"f\" to `GIL`: write the answer",
            "notes/01-demo.md:6: placeholder answer \"f\" to `Очередь`: write the answer",
        ]
    );
}

#[test]
fn quiz_without_correct_option_is_reported() {
    let found = problems("# T\n\nВопрос?\n\n- [ ] а\n- [ ] б\n");
    assert_eq!(found, ["notes/01-demo.md:5: quiz item `Вопрос?` has no correct option `- [x]`"]);
    let found = problems("# T\n\nВопрос?\n\n- [x] а\n");
    assert_eq!(found, ["notes/01-demo.md:5: quiz item `Вопрос?` needs at least two options"]);
    let found = problems("# T\n\n## Раздел\n\n- [x] а\n- [ ] б\n");
    assert_eq!(found, ["notes/01-demo.md:5: quiz options without a question paragraph above them"]);
}

#[test]
fn duplicate_ids_are_reported_with_both_places() {
    let found = problems("# T\n\n- Один {#x}\n  - а\n- Два {#x}\n  - б\n\n## Р\n\n- Три\n  - в\n- Три\n  - г\n");
    assert_eq!(
        found,
        [
            "notes/01-demo.md:5: duplicate id `x` (first used at notes/01-demo.md:3); add a distinct `{#id}`",
            "notes/01-demo.md:12: duplicate id `demo/r/tri` (first used at notes/01-demo.md:10); add a distinct `{#id}`",
        ]
    );
}

#[test]
fn unclosed_fence_is_reported_at_its_opening_line() {
    let found = problems("# T\n\n- Вопрос\n  - ответ\n\n```python\nprint(1)\n");
    assert_eq!(found, ["notes/01-demo.md:6: unclosed code fence"]);
}

#[test]
fn title_and_front_matter_are_checked() {
    assert_eq!(
        problems("- В\n  - О\n"),
        ["notes/01-demo.md:1: missing topic title: add `title:` front matter or a `# ` heading"]
    );
    assert_eq!(problems("---\ntitle: T\ncolour: red\n---\n"), ["notes/01-demo.md:3: unknown or empty front matter key `colour`"]);
    let deck = one("---\ntitle: Тема\nfocus: true\n---\n\n- В\n  - О\n").expect("valid");
    assert!(deck.topics[0].focus && deck.topics[0].title == "Тема");
}

#[test]
fn every_problem_of_every_file_is_listed() {
    let files = read_notes_dir(std::path::Path::new("tests/fixtures/broken")).expect("fixture folder");
    let found: Vec<String> = compile(&files).expect_err("broken notes").iter().map(ToString::to_string).collect();
    let file = "tests/fixtures/broken/01-broken.md";
    assert_eq!(
        found,
        [
            format!("{file}:3: unknown or empty front matter key `colour`"),
            format!("{file}:8: empty answer to `Пустой ответ`"),
            format!("{file}:11: placeholder answer \"f\" to `Заглушка`: write the answer"),
            format!("{file}:15: quiz item `Вопрос без верного варианта?` has no correct option `- [x]`"),
            format!("{file}:20: duplicate id `same` (first used at {file}:18); add a distinct `{{#id}}`"),
            format!("{file}:23: unclosed code fence"),
        ]
    );
}

#[test]
fn ids_are_stable_under_answer_edits() {
    let before = one("# T\n\n## Раздел\n\n- Что такое GIL?\n  - Блокировка.\n\nОчередь :: FIFO\n").expect("valid");
    let after = one("# T\n\n## Раздел\n\n- Что такое GIL?\n  - Глобальная блокировка интерпретатора.\n  - Ещё строка.\n\nОчередь :: first in, first out\n")
        .expect("valid");
    let ids = |deck: &Deck| deck.cards.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(ids(&before), ["demo/razdel/chto-takoe-gil", "demo/razdel/ochered"]);

    let renamed = one("# T\n\n## Раздел\n\n- Что такое GIL в CPython? {#gil}\n  - Блокировка.\n").expect("valid");
    let renamed_again = one("# T\n\n## Другой раздел\n\n- GIL — что это? {#gil}\n  - Блокировка.\n").expect("valid");
    assert_eq!(renamed.cards[0].id, "gil");
    assert_eq!(renamed_again.cards[0].id, "gil", "an explicit id survives question and section renames");
}

#[test]
fn tables_scroll_in_a_keyboard_reachable_box() {
    let deck = one("# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n").expect("valid");
    let Block::Prose(html) = deck.topics[0].sections[0].blocks[0] else { panic!("a prose block") };
    assert!(html.starts_with("<div class=\"table\" tabindex=\"0\"><table>") && html.ends_with("</table>\n</div>"), "{html}");
}

#[test]
fn the_deck_exports_as_anki_tsv() {
    let tsv = trainer_core::anki::deck_tsv(&fixture(), "Trainer");
    let mut lines = tsv.lines();
    let headers: Vec<&str> = lines.by_ref().take(4).collect();
    assert_eq!(headers, ["#separator:tab", "#html:true", "#deck column:3", "#tags column:4"]);
    assert_eq!(tsv.matches("Trainer::Python: фикстура в стиле сида").count(), 6, "one note per card, reversed twins left out");
    assert!(tsv.contains("Типы данных\t\"<ul>\n<li>int,"), "a multi-line field is quoted");
    assert!(tsv.contains("\toutline outline::python\n"), "tags: topic and topic::section");
    assert!(
        tsv.contains("<code>len(\"\"\")</code>") || tsv.contains("len(\"\"\"\")"),
        "quotes are doubled inside a quoted field"
    );
}
