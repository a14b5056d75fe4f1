//! Markdown → HTML at build time. Raw HTML in notes is escaped, never passed through; fenced code is
//! highlighted into `<span class>` runs with a handful of short classes that `public/app.css` colours.

use crate::html::escape;
use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::easy::ScopeRangeIterator;
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

pub struct Renderer {
    syntaxes: SyntaxSet,
}

/// Scope prefixes → class, innermost scope first. Short names keep the embedded deck small.
const CLASSES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant.language", "n"),
    ("keyword.operator", "o"),
    ("keyword", "k"),
    ("storage", "k"),
    ("entity.name", "f"),
    ("support.function", "b"),
    ("support.type", "b"),
    ("variable.language", "b"),
];

impl Default for Renderer {
    fn default() -> Self {
        Self { syntaxes: SyntaxSet::load_defaults_newlines() }
    }
}

impl Renderer {
    /// Block Markdown → HTML.
    pub fn block(&self, markdown: &str) -> String {
        let mut events = Vec::new();
        let mut code: Option<(String, String)> = None;
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match (event, &mut code) {
                (Event::Start(Tag::CodeBlock(kind)), _) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                (Event::Text(text), Some((_, body))) => body.push_str(&text),
                (Event::End(TagEnd::CodeBlock), Some(_)) => {
                    let (lang, body) = code.take().expect("inside a code block");
                    events.push(Event::Html(CowStr::from(self.code_block(&lang, &body))));
                }
                (Event::Html(raw) | Event::InlineHtml(raw), _) => events.push(Event::Text(raw)),
                // Wide tables scroll sideways on phones; a scrollable region must be reachable by keyboard.
                (Event::Start(Tag::Table(alignments)), _) => {
                    events.push(Event::Html(CowStr::from("<div class=\"table\" tabindex=\"0\">")));
                    events.push(Event::Start(Tag::Table(alignments)));
                }
                (Event::End(TagEnd::Table), _) => {
                    events.push(Event::End(TagEnd::Table));
                    events.push(Event::Html(CowStr::from("</div>")));
                }
                (event, _) => events.push(event),
            }
        }
        let mut out = String::with_capacity(markdown.len() * 2);
        html::push_html(&mut out, events.into_iter());
        out.trim_end().to_string()
    }

    /// A one-paragraph question → inline HTML without the `<p>` wrapper; anything longer stays block HTML.
    pub fn inline(&self, markdown: &str) -> String {
        let block = self.block(markdown);
        match block.strip_prefix("<p>").and_then(|b| b.strip_suffix("</p>")) {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => block,
        }
    }

    fn code_block(&self, lang: &str, code: &str) -> String {
        let syntax = (!lang.is_empty()).then(|| self.syntaxes.find_syntax_by_token(lang)).flatten();
        let body = match syntax {
            Some(syntax) => self.highlight(syntax, code),
            None => escape(code),
        };
        let class = if lang.is_empty() { String::new() } else { format!(" data-lang=\"{}\"", escape(lang)) };
        // tabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable).
        format!("<pre tabindex=\"0\"{class}><code>{body}</code></pre>\n")
    }

    fn highlight(&self, syntax: &SyntaxReference, code: &str) -> String {
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut out = String::new();
        let mut run: (Option<&str>, String) = (None, String::new());
        for line in LinesWithEndings::from(code) {
            let Ok(ops) = state.parse_line(line, &self.syntaxes) else {
                return escape(code);
            };
            for (range, op) in ScopeRangeIterator::new(&ops, line) {
                if stack.apply(op).is_err() {
                    return escape(code);
                }
                if range.is_empty() {
                    continue;
                }
                let class = classify(&stack);
                if class != run.0 {
                    flush_run(&mut out, &run);
                    run = (class, String::new());
                }
                run.1.push_str(&line[range]);
            }
        }
        flush_run(&mut out, &run);
        out.trim_end_matches('\n').to_string()
    }
}

fn classify(stack: &ScopeStack) -> Option<&'static str> {
    stack.as_slice().iter().rev().find_map(|scope| {
        let name = scope.build_string();
        CLASSES.iter().find(|(prefix, _)| name.starts_with(prefix)).map(|(_, class)| *class)
    })
}

fn flush_run(out: &mut String, (class, text): &(Option<&str>, String)) {
    match class {
        Some(class) if !text.trim().is_empty() => {
            out.push_str(&format!("<span class=\"{class}\">{}</span>", escape(text)));
        }
        _ => out.push_str(&escape(text)),
    }
}

/// Longest answer that still reads well as a quiz option or can be typed.
const SHORT_ANSWER_CHARS: usize = 160;

/// The text of Markdown that is a single short paragraph (or a one-item list) of plain inline content, for
/// answers used as quiz options and typed answers; `None` for anything with code blocks, tables or lists.
pub fn short_plain_text(markdown: &str) -> Option<String> {
    let mut text = String::new();
    let (mut paragraphs, mut items) = (0, 0);
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Paragraph) => paragraphs += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::List(_)) | Event::End(_) => {}
            _ => return None,
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (paragraphs <= 1 && items <= 1 && !text.is_empty() && text.chars().count() <= SHORT_ANSWER_CHARS).then_some(text)
}
