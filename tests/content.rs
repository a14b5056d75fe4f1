//! The notes (`notes/`): valid code, links and tables for any notes; and this project's own bars for its shipped
//! deck (size, quiz quality, sources, seed coverage and seed fixes), which a fork with notes of its own skips (see
//! `shipped_deck`). The deck is the one `build.rs` embeds, so a failure here names what a learner would see.

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

/// The deck, when `notes/` holds this project's interview notes (the seed's topics are there); `None` in a fork
/// that replaced them (README: "Make your own trainer"), whose bars are its own to write.
fn shipped_deck() -> Option<Deck> {
    static OURS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let deck = deck();
    let ours = *OURS.get_or_init(|| {
        let ours = deck.topic("python-core").is_some() && deck.topic("design-patterns").is_some();
        if !ours {
            eprintln!("notes/ is not this project's deck: its own size and quality bars are skipped");
        }
        ours
    });
    ours.then_some(deck)
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
    let Some(deck) = shipped_deck() else { return };
    assert!(deck.topics.len() >= 20, "topics: {}", deck.topics.len());
    assert!(deck.cards.len() >= 1500, "cards: {}", deck.cards.len());
    assert!(deck.quizzes.len() >= 800, "quiz items: {}", deck.quizzes.len());
    for (index, topic) in deck.topics.iter().enumerate() {
        let (cards, quizzes) = deck.topic_counts(index);
        assert!(cards >= 20 && quizzes >= 20, "{}: {cards} cards, {quizzes} quiz items", topic.slug);
    }
}

#[test]
fn every_quiz_item_has_three_or_four_options_and_an_explanation() {
    let Some(deck) = shipped_deck() else { return };
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
    assert_enough_blocks("python", blocks.len(), 101);
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
    assert_enough_blocks("sql", blocks.len(), 51);
    let bad: Vec<String> = blocks
        .iter()
        .filter_map(|(place, sql)| {
            sqlparser::parser::Parser::parse_sql(&PostgreSqlDialect {}, sql).err().map(|e| format!("{place}: {e}"))
        })
        .collect();
    assert!(bad.is_empty(), "sql blocks that do not parse:\n{}", bad.join("\n"));
}

/// Fewest fenced blocks per checked language: the notes' counts when the checks were added, rounded down.
const JSON_BLOCKS: usize = 4;
const YAML_BLOCKS: usize = 8;
const DOCKERFILE_BLOCKS: usize = 10;
const HTTP_BLOCKS: usize = 15;

/// At least `fewest` blocks of `lang` in the shipped deck, so that a checker that found nothing cannot pass it.
fn assert_enough_blocks(lang: &str, blocks: usize, fewest: usize) {
    if shipped_deck().is_some() {
        assert!(blocks >= fewest, "{lang} blocks: {blocks}");
    }
}

/// Runs `failures` over every block of `lang` (for the shipped deck, at least `fewest` of them) and fails listing
/// what it found.
fn assert_blocks_pass(lang: &str, fewest: usize, failures: fn(&[(String, String)]) -> Vec<String>, what: &str) {
    let blocks = code_blocks(lang);
    assert_enough_blocks(lang, blocks.len(), fewest);
    let bad = failures(&blocks);
    assert!(bad.is_empty(), "{what}:\n{}", bad.join("\n"));
}

/// One sample block for the tests of the checkers below.
fn sample(code: &str) -> Vec<(String, String)> {
    vec![("sample.md:1".to_string(), code.to_string())]
}

/// `place (+line): message` for each block that is not exactly one JSON value.
fn json_failures(blocks: &[(String, String)]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|(place, code)| {
            serde_json::from_str::<serde_json::Value>(code).err().map(|e| format!("{place} (+{}): {e}", e.line()))
        })
        .collect()
}

#[test]
fn the_json_check_rejects_a_broken_block() {
    assert_eq!(json_failures(&sample("{\"a\": [1, 2], \"b\": null}\n")), Vec::<String>::new());
    let bad = json_failures(&sample("{\n  \"a\": [1, 2,]\n}\n"));
    assert!(bad.len() == 1 && bad[0].starts_with("sample.md:1 (+2): "), "{bad:?}");
    assert_eq!(json_failures(&sample("{}\n{}\n")).len(), 1, "two values in one block");
}

#[test]
fn every_json_block_is_one_json_value() {
    assert_blocks_pass("json", JSON_BLOCKS, json_failures, "json blocks that do not parse");
}

/// `place (+line): message` for each block that is not a YAML 1.2 stream of one or more documents (parsed by
/// saphyr, no schema: duplicate keys, bad indentation, unclosed flow collections and unknown aliases fail).
fn yaml_failures(blocks: &[(String, String)]) -> Vec<String> {
    use saphyr::{LoadableYamlNode, Yaml};
    blocks
        .iter()
        .filter_map(|(place, code)| match Yaml::load_from_str(code) {
            Ok(documents) if documents.is_empty() => Some(format!("{place} (+1): no YAML document")),
            Ok(_) => None,
            Err(e) => Some(format!("{place} (+{}): {}", e.marker().line(), e.info())),
        })
        .collect()
}

#[test]
fn the_yaml_check_rejects_a_broken_block() {
    let good = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n---\nkind: Service\nspec:\n  ports: [{port: 80}]\n";
    assert_eq!(yaml_failures(&sample(good)), Vec::<String>::new());
    let bad = yaml_failures(&sample("spec:\n  containers:\n    - name: web\n     image: nginx\n"));
    assert!(bad.len() == 1 && bad[0].starts_with("sample.md:1 (+4): "), "{bad:?}");
    assert_eq!(yaml_failures(&sample("ports: [80, 443\n")).len(), 1, "unclosed flow sequence");
    assert_eq!(yaml_failures(&sample("a: 1\na: 2\n")).len(), 1, "duplicate key");
    assert_eq!(yaml_failures(&sample("a: *missing\n")).len(), 1, "unknown alias");
}

#[test]
fn every_yaml_block_parses() {
    assert_blocks_pass("yaml", YAML_BLOCKS, yaml_failures, "yaml blocks that do not parse");
}

/// `place (+line): message` for each error of each Dockerfile, from `scripts/check-dockerfiles.mjs`
/// (dockerfile-utils' diagnostics of severity Error, plus exec-form arguments that are not a JSON array).
fn dockerfile_failures(blocks: &[(String, String)]) -> Vec<String> {
    let mut node = Command::new("node")
        .arg("scripts/check-dockerfiles.mjs")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node is installed by scripts/setup.sh");
    let json = serde_json::to_string(blocks).expect("strings serialise");
    node.stdin.take().expect("stdin").write_all(json.as_bytes()).expect("write to node");
    let output = node.wait_with_output().expect("node ran");
    assert!(output.status.success(), "scripts/check-dockerfiles.mjs failed (did `npm ci` run?)");
    String::from_utf8_lossy(&output.stdout).lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

#[test]
fn the_dockerfile_check_rejects_broken_blocks() {
    // Warnings (a lower-case instruction, a relative WORKDIR) do not fail.
    let good = "FROM python:3.12-slim AS build\nworkdir app\nCOPY --chown=1000:1000 . .\n\
        RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n\
        HEALTHCHECK --interval=30s CMD [\"curl\", \"-f\", \"http://localhost/\"]\nCMD [\"python\", \"-m\", \"app\"]\n";
    assert_eq!(dockerfile_failures(&sample(good)), Vec::<String>::new());
    for (code, line) in [
        ("FORM python:3.12\n", 1),
        ("FROM python:3.12\nCOPY\n", 2),
        ("FROM python:3.12\nCMD [\"a\",]\n", 2),
        ("COPY . /app\n", 1),
    ] {
        let bad = dockerfile_failures(&sample(code));
        assert!(bad.iter().any(|b| b.starts_with(&format!("sample.md:1 (+{line}): "))), "{code:?}: {bad:?}");
    }
}

#[test]
fn every_dockerfile_block_is_valid() {
    assert_blocks_pass("dockerfile", DOCKERFILE_BLOCKS, dockerfile_failures, "dockerfile blocks with errors");
}

/// Whether a line opens an HTTP/1.x message: a status line or a request line.
fn opens_http_message(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.first().is_some_and(|w| w.starts_with("HTTP/")) || (words.len() == 3 && words[2].starts_with("HTTP/"))
}

/// The head (`lines` joined by CRLF and ended by an empty line) parsed by httparse as a response or a request:
/// the HTTP minor version and the headers.
fn parse_http_head(lines: &[&str], response: bool) -> Result<(u8, Vec<(String, String)>), String> {
    let wire = format!("{}\r\n\r\n", lines.join("\r\n"));
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let (status, version, headers) = if response {
        let mut message = httparse::Response::new(&mut headers);
        let status = message.parse(wire.as_bytes()).map_err(|e| e.to_string())?;
        (status, message.version, message.headers)
    } else {
        let mut message = httparse::Request::new(&mut headers);
        let status = message.parse(wire.as_bytes()).map_err(|e| e.to_string())?;
        (status, message.version, message.headers)
    };
    match status {
        httparse::Status::Complete(length) if length == wire.len() => Ok((
            version.expect("a complete head has a version"),
            headers.iter().map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned())).collect(),
        )),
        _ => Err("incomplete message head".to_string()),
    }
}

/// Checks one block as exactly one HTTP/1.1 message: a request line or a status line, header lines, then
/// optionally an empty line and a body, which must be JSON when `Content-Type` says so. Err: (line, message).
fn check_http_message(code: &str) -> Result<(), (usize, String)> {
    let code = code.replace("\r\n", "\n");
    let (head, body) = match code.split_once("\n\n") {
        Some((head, body)) => (head, body),
        None => (code.trim_end_matches('\n'), ""),
    };
    let lines: Vec<&str> = head.lines().collect();
    if lines.is_empty() || lines[0].trim().is_empty() {
        return Err((1, "no request line or status line".to_string()));
    }
    let response = lines[0].starts_with("HTTP/");
    let (version, headers) = parse_http_head(&lines, response).map_err(|message| {
        // The first line whose head, cut after it, no longer parses.
        let line = (1..=lines.len()).find(|&n| parse_http_head(&lines[..n], response).is_err()).unwrap_or(1);
        (line, format!("{} head: {message}", if response { "response" } else { "request" }))
    })?;
    if version != 1 {
        return Err((1, format!("HTTP/1.{version}: the blocks show HTTP/1.1 messages")));
    }
    let body_line = lines.len() + 2;
    if let Some((index, _)) = body.lines().enumerate().find(|(_, line)| opens_http_message(line)) {
        return Err((body_line + index, "a second HTTP message: one message per block".to_string()));
    }
    let json = headers.iter().any(|(name, value)| {
        let media_type = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        name.eq_ignore_ascii_case("content-type") && (media_type == "application/json" || media_type.ends_with("+json"))
    });
    if json && !body.trim().is_empty() {
        serde_json::from_str::<serde_json::Value>(body).map_err(|e| (body_line + e.line() - 1, format!("JSON body: {e}")))?;
    }
    Ok(())
}

/// `place (+line): message` for each block that is not exactly one HTTP/1.1 message.
fn http_failures(blocks: &[(String, String)]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|(place, code)| check_http_message(code).err().map(|(line, e)| format!("{place} (+{line}): {e}")))
        .collect()
}

#[test]
fn the_http_check_rejects_broken_blocks() {
    let request = "POST /api/v1/orders?dry_run=1 HTTP/1.1\nHost: example.com\nContent-Type: application/json; charset=utf-8\n\n{\"item\": 42}\n";
    let response = "HTTP/1.1 404 Not Found\nContent-Type: application/problem+json\n\n{\n  \"status\": 404\n}\n";
    let head_only = "GET / HTTP/1.1\nHost: example.com\n";
    let text_body = "HTTP/1.1 200 OK\nContent-Type: text/plain\n\nhello {\n";
    for good in [request, response, head_only, text_body] {
        assert_eq!(http_failures(&sample(good)), Vec::<String>::new(), "{good:?}");
    }
    for (bad, line) in [
        ("GET / HTTP/1.1\nHost: example.com\nAccept application/json\n", 3),
        ("HTTP/2 200\ncontent-type: text/html\n", 1),
        ("GET / HTTP/1.1\n:authority: example.com\n", 2),
        ("GET / HTTP/1.0\nHost: example.com\n", 1),
        ("GET / HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\nContent-Length: 0\n", 4),
        ("HTTP/1.1 200 OK\nContent-Type: text/plain\n\nhello\n\nGET /next HTTP/1.1\nHost: a\n", 6),
        ("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"a\": 1,}\n", 4),
        ("just some text\n", 1),
    ] {
        let failures = http_failures(&sample(bad));
        assert!(failures.len() == 1 && failures[0].starts_with(&format!("sample.md:1 (+{line}): ")), "{bad:?}: {failures:?}");
    }
}

#[test]
fn every_http_block_is_one_http_1_1_message() {
    assert_blocks_pass("http", HTTP_BLOCKS, http_failures, "http blocks that are not one HTTP/1.1 message");
}

#[test]
fn every_topic_ends_with_its_official_sources() {
    let Some(deck) = shipped_deck() else { return };
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
    let Some(deck) = shipped_deck() else { return };
    let missing: Vec<String> = seed
        .iter()
        .filter(|(topic, words)| !questions(&deck, topic).iter().any(|q| words.iter().all(|w| q.contains(w))))
        .map(|(topic, words)| format!("{topic}: {words:?}"))
        .collect();
    assert!(missing.is_empty(), "seed questions without a card: {missing:#?}");
}

#[test]
fn seed_errors_are_fixed_and_versions_named() {
    let Some(deck) = shipped_deck() else { return };
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
    let Some(deck) = shipped_deck() else { return };
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

/// Every piece of HTML the reader shows: prose, cards, quiz items with their options and explanations.
fn rendered_html(deck: &Deck) -> impl Iterator<Item = &'static str> + '_ {
    let prose = deck.topics.iter().flat_map(|t| t.sections).flat_map(|s| s.blocks).filter_map(|b| match b {
        Block::Prose(html) => Some(*html),
        _ => None,
    });
    let cards = deck.cards.iter().flat_map(|c| [c.question, c.answer]);
    let quizzes =
        deck.quizzes.iter().flat_map(|q| [q.question, q.explanation].into_iter().chain(q.options.iter().map(|o| o.html)));
    prose.chain(cards).chain(quizzes)
}

#[test]
fn every_link_between_topics_lands_on_a_topic_and_section() {
    let deck = deck();
    let mut links = 0;
    let mut broken = Vec::new();
    for html in rendered_html(&deck) {
        for target in html.split("href=\"#/topic/").skip(1).filter_map(|rest| rest.split('"').next()) {
            links += 1;
            let (slug, section) = target.split_once('/').map_or((target, None), |(t, s)| (t, Some(s)));
            let found =
                deck.topic(slug).is_some_and(|(_, topic)| section.is_none_or(|s| topic.sections.iter().any(|x| x.slug == s)));
            if !found {
                broken.push(target.to_string());
            }
        }
    }
    if shipped_deck().is_some() {
        assert!(links >= 5, "links between topics: {links}");
    }
    assert!(broken.is_empty(), "links to no topic or section: {broken:?}");
}

#[test]
fn every_table_header_cell_names_its_column() {
    // An empty <th> leaves a column unnamed for screen readers (axe: empty-table-header).
    let empty: Vec<&str> = rendered_html(&deck())
        .filter(|html| html.contains("<th></th>") || html.contains("<th style=\"text-align: left\"></th>"))
        .map(|html| &html[..html.len().min(120)])
        .collect();
    assert!(empty.is_empty(), "tables with an empty header cell: {empty:#?}");
}
