//! The shipped notes (`notes/`): size and quality bars, valid code, sources, seed coverage and seed fixes.
//! The deck is the one `build.rs` embeds, so a failure here names what a learner would see.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use sqlparser::dialect::PostgreSqlDialect;
use std::io::Write;
use std::process::{Command, Stdio};
use trainer_core::compile::{compile, read_notes_dir, NoteFile};
use trainer_core::model::{Block, Deck};

fn notes() -> Vec<NoteFile> {
    read_notes_dir(std::path::Path::new("notes")).expect("notes folder")
}

/// Compiled once for all tests of this file.
fn deck() -> Deck {
    static DECK: std::sync::OnceLock<Deck> = std::sync::OnceLock::new();
    *DECK.get_or_init(|| compile(&notes()).unwrap_or_else(|problems| panic!("notes must compile: {problems:#?}")))
}

/// Plain text of build-time HTML, for searching.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"")
}

/// Every fenced block of a language: (file:line, code).
fn code_blocks(lang: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    for file in notes() {
        let mut current: Option<(usize, String)> = None;
        for (event, range) in Parser::new(&file.text).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.split_whitespace().next() == Some(lang) => {
                    current = Some((file.text[..range.start].lines().count() + 1, String::new()));
                }
                Event::Text(code) => {
                    if let Some((_, body)) = current.as_mut() {
                        body.push_str(&code);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((line, body)) = current.take() {
                        blocks.push((format!("{}:{line}", file.path), body));
                    }
                }
                _ => {}
            }
        }
    }
    blocks
}

#[test]
fn size_bars_are_met() {
    let deck = deck();
    assert!(deck.topics.len() >= 12, "topics: {}", deck.topics.len());
    assert!(deck.cards.len() >= 300, "cards: {}", deck.cards.len());
    assert!(deck.quizzes.len() >= 200, "quiz items: {}", deck.quizzes.len());
    for (index, topic) in deck.topics.iter().enumerate() {
        let (cards, quizzes) = deck.topic_counts(index);
        assert!(cards >= 20 && quizzes >= 10, "{}: {cards} cards, {quizzes} quiz items", topic.slug);
    }
}

#[test]
fn every_quiz_item_has_three_or_four_options_and_an_explanation() {
    let deck = deck();
    let mut bad = Vec::new();
    for quiz in deck.quizzes {
        let topic = deck.topics[quiz.topic as usize].slug;
        if !(3..=4).contains(&quiz.options.len()) {
            bad.push(format!("{topic}:{}: {} options", quiz.line, quiz.options.len()));
        }
        if text(quiz.explanation).trim().len() < 40 {
            bad.push(format!("{topic}:{}: no real explanation", quiz.line));
        }
        let mut options: Vec<_> = quiz.options.iter().map(|o| text(o.html).to_lowercase()).collect();
        options.sort();
        options.dedup();
        if options.len() != quiz.options.len() {
            bad.push(format!("{topic}:{}: two identical options", quiz.line));
        }
        if quiz.is_multiple() && !text(quiz.question).to_lowercase().contains("верн") {
            bad.push(format!("{topic}:{}: a multiple-answer item must say so in its question", quiz.line));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn every_python_block_parses() {
    let blocks = code_blocks("python");
    assert!(blocks.len() > 100, "python blocks: {}", blocks.len());
    let checker = "import ast, json, sys\n\
        bad = []\n\
        for place, code in json.load(sys.stdin):\n\
        \x20   try:\n\
        \x20       ast.parse(code)\n\
        \x20   except SyntaxError as e:\n\
        \x20       bad.append(f'{place} (+{e.lineno}): {e.msg}')\n\
        print('\\n'.join(bad))\n";
    let mut python = Command::new("python3")
        .args(["-c", checker])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is installed by scripts/setup.sh");
    let json = serde_json::to_string(&blocks).expect("strings serialise");
    python.stdin.take().expect("stdin").write_all(json.as_bytes()).expect("write to python3");
    let output = python.wait_with_output().expect("python3 ran");
    assert!(output.status.success());
    let failures = String::from_utf8_lossy(&output.stdout);
    assert!(failures.trim().is_empty(), "python blocks that do not parse:\n{failures}");
}

#[test]
fn every_sql_block_parses_as_postgresql() {
    let blocks = code_blocks("sql");
    assert!(blocks.len() > 50, "sql blocks: {}", blocks.len());
    let bad: Vec<String> = blocks
        .iter()
        .filter_map(|(place, sql)| {
            sqlparser::parser::Parser::parse_sql(&PostgreSqlDialect {}, sql).err().map(|e| format!("{place}: {e}"))
        })
        .collect();
    assert!(bad.is_empty(), "sql blocks that do not parse:\n{}", bad.join("\n"));
}

#[test]
fn every_topic_ends_with_its_official_sources() {
    let deck = deck();
    for topic in deck.topics {
        let last = topic.sections.last().expect("sections");
        assert_eq!(last.title, "Источники", "{} must end with its sources", topic.slug);
        let links = last
            .blocks
            .iter()
            .map(|b| if let Block::Prose(html) = b { html.matches("href=\"https://").count() } else { 0 })
            .sum::<usize>();
        assert!(links >= 2, "{}: sources hold {links} links", topic.slug);
    }
}

/// Card and quiz text of one topic, lower-cased.
fn topic_text(deck: &Deck, slug: &str) -> String {
    let (index, _) = deck.topic(slug).unwrap_or_else(|| panic!("topic {slug}"));
    let cards =
        deck.cards.iter().filter(|c| c.topic as usize == index).map(|c| format!("{} {}", text(c.question), text(c.answer)));
    let quizzes = deck
        .quizzes
        .iter()
        .filter(|q| q.topic as usize == index)
        .map(|q| format!("{} {}", text(q.question), text(q.explanation)));
    cards.chain(quizzes).collect::<Vec<_>>().join("\n").to_lowercase()
}

/// Card questions of one topic, lower-cased.
fn questions(deck: &Deck, slug: &str) -> Vec<String> {
    let (index, _) = deck.topic(slug).unwrap_or_else(|| panic!("topic {slug}"));
    deck.cards.iter().filter(|c| c.topic as usize == index && !c.reversed).map(|c| text(c.question).to_lowercase()).collect()
}

#[test]
fn every_seed_question_has_a_card() {
    // (topic, words that a card question about the seed's question contains)
    let seed: &[(&str, &[&str])] = &[
        ("python-core", &["изменяем"]),
        ("python-core", &["хеш"]),
        ("python-core", &["словар"]),
        ("python-core", &["коллизи"]),
        ("python-core", &["декоратор"]),
        ("python-core", &["генератор"]),
        ("python-core", &["итератор"]),
        ("python-core", &["корутин"]),
        ("python-concurrency", &["gil"]),
        ("python-concurrency", &["event loop"]),
        ("python-concurrency", &["asyncio"]),
        ("django-orm", &["queryset"]),
        ("django-orm", &["select_related"]),
        ("django-orm", &["prefetch_related"]),
        ("django-orm", &["prefetch"]),
        ("django-orm", &["оптимиз"]),
        ("sql", &["where"]),
        ("sql", &["like"]),
        ("sql", &["having"]),
        ("db-indexes-optimization", &["индекс"]),
        ("db-indexes-optimization", &["покрывающ"]),
        ("db-indexes-optimization", &["оптимиз"]),
        ("db-transactions", &["acid"]),
        ("db-transactions", &["транзакц"]),
        ("db-transactions", &["уровн", "изоляц"]),
        ("db-transactions", &["read uncommitted"]),
        ("db-transactions", &["потерянн"]),
        ("db-transactions", &["нормализ"]),
        ("db-scaling", &["шардир"]),
        ("redis", &["тип"]),
        ("rabbitmq-celery", &["shared_task"]),
        ("pytest", &["фикстур"]),
        ("kubernetes", &["pod"]),
        ("principles", &["solid"]),
        ("principles", &["kiss"]),
        ("principles", &["dry"]),
        ("design-patterns", &["паттерн"]),
        ("fastapi", &["depends"]),
        ("fastapi", &["lifespan"]),
    ];
    let deck = deck();
    let missing: Vec<String> = seed
        .iter()
        .filter(|(topic, words)| !questions(&deck, topic).iter().any(|q| words.iter().all(|w| q.contains(w))))
        .map(|(topic, words)| format!("{topic}: {words:?}"))
        .collect();
    assert!(missing.is_empty(), "seed questions without a card: {missing:#?}");
}

#[test]
fn seed_errors_are_fixed_and_versions_named() {
    let deck = deck();
    // (topic, what the corrected notes must say)
    let facts: &[(&str, &[&str])] = &[
        ("python-core", &["3.7", "порядок вставки"]),
        ("python-core", &["открыт", "адресац"]),
        ("python-concurrency", &["3.13", "free-thread"]),
        ("python-concurrency", &["pypy", "gil"]),
        ("python-concurrency", &["taskgroup", "3.11"]),
        ("python-concurrency", &["to_thread", "3.9"]),
        ("db-transactions", &["read uncommitted", "read committed", "postgresql"]),
        ("db-transactions", &["repeatable read", "lost update"]),
        ("db-indexes-optimization", &["brin", "gin", "gist"]),
        ("django-theory", &["atomic_requests"]),
        ("fastapi", &["0.93"]),
        ("kubernetes", &["oomkilled", "троттл"]),
        ("redis", &["rdb", "aof"]),
    ];
    let missing: Vec<String> = facts
        .iter()
        .filter(|(topic, needles)| {
            let haystack = topic_text(&deck, topic);
            !needles.iter().all(|n| haystack.contains(n))
        })
        .map(|(topic, needles)| format!("{topic}: {needles:?}"))
        .collect();
    assert!(missing.is_empty(), "facts missing: {missing:#?}");
    let python = topic_text(&deck, "python-core");
    assert!(!python.contains("с python 3.9 сохраняется"), "the seed's dict-order claim is corrected");
}

#[test]
fn all_23_gof_patterns_are_drilled_both_ways() {
    let names = [
        "Abstract Factory",
        "Builder",
        "Factory Method",
        "Prototype",
        "Singleton",
        "Adapter",
        "Bridge",
        "Composite",
        "Decorator",
        "Facade",
        "Flyweight",
        "Proxy",
        "Chain of Responsibility",
        "Command",
        "Interpreter",
        "Iterator",
        "Mediator",
        "Memento",
        "Observer",
        "State",
        "Strategy",
        "Template Method",
        "Visitor",
    ];
    let deck = deck();
    let (topic, _) = deck.topic("design-patterns").expect("patterns topic");
    for name in names {
        let named = |html: &str| text(html).contains(&format!("({name}"));
        let reversed = deck.cards.iter().any(|c| c.topic as usize == topic && c.reversed && named(c.question));
        let description_to_name = deck.cards.iter().any(|c| c.topic as usize == topic && !c.reversed && named(c.answer));
        let quizzed = deck
            .quizzes
            .iter()
            .filter(|q| q.topic as usize == topic && q.options.iter().any(|o| o.correct && named(o.html)))
            .count();
        assert!(reversed && description_to_name, "{name}: description ↔ name cards");
        assert!(quizzed >= 1, "{name}: a quiz item whose answer is the pattern");
    }
}
