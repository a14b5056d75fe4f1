//! Line-level parser of one notes file (format: `notes/README.md`). It finds topic, sections, cards and quiz
//! items and keeps their Markdown source; rendering to HTML happens afterwards. Lines inside code fences are
//! never read as syntax.

/// A problem at a 1-based line of the file being parsed.
pub type LineProblem = (usize, String);

#[derive(Debug, Default, PartialEq)]
pub struct RawTopic {
    pub title: Option<String>,
    pub focus: bool,
    pub sections: Vec<RawSection>,
}

#[derive(Debug, PartialEq)]
pub struct RawSection {
    /// `None` for the implicit section before the first `##`.
    pub title: Option<String>,
    pub line: usize,
    pub blocks: Vec<RawBlock>,
}

#[derive(Debug, PartialEq)]
pub enum RawBlock {
    Prose(String),
    Subheading { title: String, line: usize },
    Card(RawCard),
    Quiz(RawQuiz),
}

#[derive(Debug, PartialEq)]
pub struct RawCard {
    pub question: String,
    pub answer: String,
    pub explicit_id: Option<String>,
    /// `:::` or `??`: the card gets an answer → question twin.
    pub reversible: bool,
    pub line: usize,
}

#[derive(Debug, PartialEq)]
pub struct RawQuiz {
    /// The question paragraph alone; ids are derived from it.
    pub question: String,
    /// A code fence shown under the question, if any.
    pub code: Option<String>,
    pub options: Vec<(String, bool)>,
    pub explanation: String,
    pub explicit_id: Option<String>,
    pub line: usize,
}

/// How a line relates to code fences, found before anything else so fences stay opaque.
#[derive(Clone, Copy, PartialEq)]
enum Fence {
    Outside,
    Open,
    Inside,
}

/// Prose waiting to be flushed, kept as units so that a question paragraph (and its code) can be taken back
/// when quiz options or a `?` separator follow it.
enum Unit {
    Blank,
    Paragraph { line: usize, text: Vec<String> },
    Code { text: Vec<String> },
    Other { text: Vec<String> },
}

pub fn parse(text: &str) -> (RawTopic, Vec<LineProblem>) {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut parser =
        Parser { lines: &lines, fences: Vec::new(), problems: Vec::new(), topic: RawTopic::default(), pending: Vec::new() };
    parser.scan_fences();
    let start = parser.front_matter();
    parser.topic.sections.push(RawSection { title: None, line: start + 1, blocks: Vec::new() });
    parser.body(start);
    parser.flush();
    let Parser { mut topic, mut problems, .. } = parser;
    if topic.sections.first().is_some_and(|s| s.blocks.is_empty()) {
        topic.sections.remove(0);
    }
    if topic.title.is_none() {
        problems.push((1, "missing topic title: add `title:` front matter or a `# ` heading".into()));
    }
    problems.sort();
    (topic, problems)
}

struct Parser<'a> {
    lines: &'a [&'a str],
    fences: Vec<Fence>,
    problems: Vec<LineProblem>,
    topic: RawTopic,
    pending: Vec<Unit>,
}

impl<'a> Parser<'a> {
    fn scan_fences(&mut self) {
        let mut open: Option<(char, usize, usize)> = None;
        for (index, line) in self.lines.iter().enumerate() {
            // The seed opens fences on a list item's own line: `  - ```python`.
            let trimmed = line.trim_start();
            let trimmed = bullet(trimmed).map_or(trimmed, str::trim_start);
            let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
            let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
            let role = match (open, marker) {
                (None, Some(m)) if run >= 3 => {
                    open = Some((m, run, index));
                    Fence::Open
                }
                (Some((m, len, _)), Some(c)) if c == m && run >= len && trimmed.trim_end().len() == run * c.len_utf8() => {
                    open = None;
                    Fence::Inside
                }
                (Some(_), _) => Fence::Inside,
                _ => Fence::Outside,
            };
            self.fences.push(role);
        }
        if let Some((_, _, index)) = open {
            self.problems.push((index + 1, "unclosed code fence".into()));
        }
    }

    /// Reads `---` front matter and returns the index of the first body line.
    fn front_matter(&mut self) -> usize {
        if self.lines.first().map(|l| l.trim()) != Some("---") {
            return 0;
        }
        let Some(end) = self.lines.iter().skip(1).position(|l| l.trim() == "---").map(|p| p + 1) else {
            self.problems.push((1, "unclosed front matter: no closing `---`".into()));
            return self.lines.len();
        };
        for (index, line) in self.lines[1..end].iter().enumerate() {
            let line_no = index + 2;
            if line.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                self.problems.push((line_no, format!("front matter line is not `key: value`: {line}")));
                continue;
            };
            let value = value.trim().trim_matches('"');
            match key.trim() {
                "title" if !value.is_empty() => self.topic.title = Some(value.to_string()),
                "focus" => match value {
                    "true" => self.topic.focus = true,
                    "false" => self.topic.focus = false,
                    other => self.problems.push((line_no, format!("`focus` must be true or false, not `{other}`"))),
                },
                other => self.problems.push((line_no, format!("unknown or empty front matter key `{other}`"))),
            }
        }
        end + 1
    }

    fn body(&mut self, start: usize) {
        let mut i = start;
        while i < self.lines.len() {
            let line = self.lines[i];
            i = if self.fences[i] == Fence::Open {
                self.code_unit(i)
            } else if line.trim().is_empty() {
                self.pending.push(Unit::Blank);
                i + 1
            } else if indent(line) > 0 {
                self.prose_line(i);
                i + 1
            } else if let Some((level, title)) = heading(line) {
                self.heading(i, level, title);
                i + 1
            } else if task_item(line).is_some() {
                self.quiz(i)
            } else if let Some(question) = bullet(line) {
                self.outline_card(i, question)
            } else if matches!(line.trim(), "?" | "??") {
                self.multiline_card(i)
            } else if let Some((question, answer, reversible)) = one_line_card(line) {
                self.flush();
                self.card(i, question, answer, reversible, i + 1);
                i + 1
            } else if line.starts_with('>') {
                match self.pending.last_mut() {
                    Some(Unit::Other { text }) if text.last().is_some_and(|l| l.starts_with('>')) => text.push(line.into()),
                    _ => self.pending.push(Unit::Other { text: vec![line.into()] }),
                }
                i + 1
            } else {
                self.prose_line(i);
                i + 1
            };
        }
    }

    fn prose_line(&mut self, i: usize) {
        let line = self.lines[i].to_string();
        match self.pending.last_mut() {
            Some(Unit::Paragraph { text, .. }) => text.push(line),
            _ => self.pending.push(Unit::Paragraph { line: i + 1, text: vec![line] }),
        }
    }

    /// Collects a column-0 fence into the pending prose; returns the next line index.
    fn code_unit(&mut self, start: usize) -> usize {
        let end = self.fence_end(start);
        self.pending.push(Unit::Code { text: self.lines[start..end].iter().map(|l| l.to_string()).collect() });
        end
    }

    /// Index just past the fence opened at `start`.
    fn fence_end(&self, start: usize) -> usize {
        let mut end = start + 1;
        while end < self.lines.len() && self.fences[end] == Fence::Inside {
            end += 1;
        }
        end
    }

    fn heading(&mut self, i: usize, level: usize, title: &str) {
        match level {
            1 => {
                self.flush();
                if self.topic.title.is_none() {
                    self.topic.title = Some(title.to_string());
                }
            }
            2 => {
                self.flush();
                self.topic.sections.push(RawSection { title: Some(title.to_string()), line: i + 1, blocks: Vec::new() });
            }
            3 => {
                self.flush();
                self.push(RawBlock::Subheading { title: title.to_string(), line: i + 1 });
            }
            _ => self.pending.push(Unit::Other { text: vec![self.lines[i].to_string()] }),
        }
    }

    fn push(&mut self, block: RawBlock) {
        self.topic.sections.last_mut().expect("an implicit first section always exists").blocks.push(block);
    }

    /// Turns pending prose units into one prose block.
    fn flush(&mut self) {
        let markdown = units_to_markdown(std::mem::take(&mut self.pending));
        if !markdown.trim().is_empty() {
            self.push(RawBlock::Prose(markdown));
        }
    }

    fn outline_card(&mut self, i: usize, question: &str) -> usize {
        self.flush();
        let mut end = i + 1;
        while end < self.lines.len() {
            let line = self.lines[end];
            if self.fences[end] == Fence::Inside || line.trim().is_empty() || indent(line) > 0 {
                end += 1;
            } else {
                break;
            }
        }
        let (skipped, body) = trim_blank_edges(&self.lines[i + 1..end]);
        let answer = dedent(body);
        self.card(i, question, &answer, false, i + 2 + skipped);
        end
    }

    fn multiline_card(&mut self, i: usize) -> usize {
        let reversible = self.lines[i].trim() == "??";
        let question = match self.pending.pop() {
            Some(Unit::Paragraph { line, text }) => Some((line, text.join("\n"))),
            other => {
                self.pending.extend(other);
                self.problems.push((i + 1, "`?` separator without a question right above it".into()));
                None
            }
        };
        self.flush();
        let mut end = i + 1;
        while end < self.lines.len() && (self.fences[end] != Fence::Outside || !self.lines[end].trim().is_empty()) {
            end = if self.fences[end] == Fence::Open { self.fence_end(end) } else { end + 1 };
        }
        let answer = self.lines[i + 1..end].join("\n");
        if let Some((line, question)) = question {
            self.card(line - 1, &question, &answer, reversible, i + 2);
        }
        end
    }

    /// Validates and records a card whose question is at index `i`; `answer_line` is reported for answer errors.
    fn card(&mut self, i: usize, question: &str, answer: &str, reversible: bool, answer_line: usize) {
        let (question, explicit_id) = split_id(question.trim());
        if question.is_empty() {
            self.problems.push((i + 1, "empty question".into()));
        }
        if answer.trim().is_empty() {
            self.problems.push((i + 1, format!("empty answer to `{question}`")));
        }
        for (offset, line) in answer.lines().enumerate() {
            if is_placeholder(line) {
                self.problems.push((answer_line + offset, format!("placeholder answer \"f\" to `{question}`: write the answer")));
            }
        }
        let explicit_id = self.checked_id(i, explicit_id);
        self.push(RawBlock::Card(RawCard {
            question: question.into(),
            answer: answer.into(),
            explicit_id,
            reversible,
            line: i + 1,
        }));
    }

    fn checked_id(&mut self, i: usize, id: Option<&str>) -> Option<String> {
        let id = id?;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
            self.problems.push((i + 1, format!("id `{id}` may hold only ASCII letters, digits and - _ . /")));
        }
        Some(id.to_string())
    }

    fn quiz(&mut self, first_option: usize) -> usize {
        let mut options = Vec::new();
        let mut i = first_option;
        while let Some((correct, text)) = self.lines.get(i).and_then(|l| task_item(l)) {
            let mut text = text.to_string();
            i += 1;
            while i < self.lines.len() && indent(self.lines[i]) > 0 && !self.lines[i].trim().is_empty() {
                text.push(' ');
                text.push_str(self.lines[i].trim());
                i += 1;
            }
            options.push((text, correct));
        }
        let mut explanation = Vec::new();
        let mut after = i;
        while after < self.lines.len() && self.lines[after].trim().is_empty() {
            after += 1;
        }
        while after < self.lines.len() && self.lines[after].starts_with('>') {
            explanation.push(strip_quote(self.lines[after]));
            after += 1;
            i = after;
        }
        let Some((line, question, code)) = self.take_question() else {
            self.problems.push((first_option + 1, "quiz options without a question paragraph above them".into()));
            return i;
        };
        if options.len() < 2 {
            self.problems.push((first_option + 1, format!("quiz item `{question}` needs at least two options")));
        }
        if !options.iter().any(|(_, correct)| *correct) {
            self.problems.push((first_option + 1, format!("quiz item `{question}` has no correct option `- [x]`")));
        }
        if let Some((offset, _)) = options.iter().enumerate().find(|(_, (text, _))| text.trim().is_empty()) {
            self.problems.push((first_option + offset + 1, "empty quiz option".into()));
        }
        let (question, explicit_id) = split_id(&question);
        let (question, explicit_id) = (question.to_string(), explicit_id.map(str::to_string));
        let explicit_id = self.checked_id(line - 1, explicit_id.as_deref());
        self.push(RawBlock::Quiz(RawQuiz { question, code, options, explanation: explanation.join("\n"), explicit_id, line }));
        i
    }

    /// Takes back the last pending paragraph (and a code fence after it) as a quiz question, flushing the rest.
    fn take_question(&mut self) -> Option<(usize, String, Option<String>)> {
        let pop_blanks = |pending: &mut Vec<Unit>| {
            while matches!(pending.last(), Some(Unit::Blank)) {
                pending.pop();
            }
        };
        pop_blanks(&mut self.pending);
        let code = match self.pending.last() {
            Some(Unit::Code { .. }) => match self.pending.pop() {
                Some(Unit::Code { text }) => Some(text.join("\n")),
                _ => unreachable!(),
            },
            _ => None,
        };
        pop_blanks(&mut self.pending);
        let question = match self.pending.pop() {
            Some(Unit::Paragraph { line, text }) => Some((line, text.join("\n").trim().to_string(), code)),
            other => {
                self.pending.extend(other);
                None
            }
        };
        self.flush();
        question
    }
}

fn units_to_markdown(units: Vec<Unit>) -> String {
    let mut out = String::new();
    for unit in units {
        match unit {
            Unit::Blank => out.push('\n'),
            Unit::Paragraph { text, .. } | Unit::Code { text } | Unit::Other { text } => {
                for line in text {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = &line[level..];
    (level > 0 && level <= 6 && rest.starts_with(' ')).then(|| (level, rest.trim()))
}

fn bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "+ "].iter().find_map(|m| line.strip_prefix(m))
}

/// `- [x] text` → (true, text); `- [ ] text` → (false, text).
fn task_item(line: &str) -> Option<(bool, &str)> {
    let rest = bullet(line)?;
    let correct = match rest.get(..3)? {
        "[x]" | "[X]" => true,
        "[ ]" => false,
        _ => return None,
    };
    let text = &rest[3..];
    (text.is_empty() || text.starts_with(' ')).then(|| (correct, text.trim()))
}

/// `Question :: Answer` or `Question ::: Answer`, with the separator outside inline code.
fn one_line_card(line: &str) -> Option<(&str, &str, bool)> {
    let bytes = line.as_bytes();
    let mut in_code = false;
    let mut i = 0;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b':' if !in_code && bytes[i + 1] == b':' => {
                let reversible = bytes.get(i + 2) == Some(&b':');
                let after = if reversible { i + 3 } else { i + 2 };
                return Some((line[..i].trim(), line[after..].trim(), reversible));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Splits a trailing `{#id}` off a question.
fn split_id(question: &str) -> (&str, Option<&str>) {
    let trimmed = question.trim_end();
    if let Some(body) = trimmed.strip_suffix('}') {
        if let Some(start) = body.rfind("{#") {
            return (body[..start].trim_end(), Some(&body[start + 2..]));
        }
    }
    (trimmed, None)
}

/// The seed marks unwritten answers with a lone "f", as a line or a list item.
fn is_placeholder(line: &str) -> bool {
    let text = line.trim();
    let text = bullet(text).unwrap_or(text).trim();
    text.eq_ignore_ascii_case("f")
}

fn strip_quote(line: &str) -> String {
    let rest = &line[1..];
    rest.strip_prefix(' ').unwrap_or(rest).to_string()
}

/// Drops leading and trailing blank lines; also returns how many leading ones were dropped.
fn trim_blank_edges<'l>(lines: &'l [&'l str]) -> (usize, &'l [&'l str]) {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(start, |p| p + 1);
    (start, &lines[start..end])
}

/// Removes the answer's common indentation so it renders as top-level Markdown.
fn dedent(lines: &[&str]) -> String {
    let common = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent(l)).min().unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            let strip = indent(l).min(common);
            &l[strip..]
        })
        .collect::<Vec<_>>()
        .join("\n")
}
