//! The build-time notes compiler: `notes/*.md` → [`Deck`]. Used by `build.rs` and native tools; the strings
//! of the compiled deck are leaked into `'static` so the very same model types serve build time and run time.

mod codegen;
mod parse;
mod render;
mod stats;

pub use codegen::{data_files, outline_to_rust, DataFiles};
pub use stats::stats_json;

use crate::model::{leak_slice, Block, Card, Deck, QuizItem, QuizOption, Section, Topic};
use parse::{RawBlock, RawCard, RawQuiz};
use render::Renderer;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One notes file: its display path (used in messages) and its text.
pub struct NoteFile {
    pub path: String,
    pub text: String,
}

/// A `file:line: message` problem that fails the build.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Reads every `*.md` of `dir` except `README.md`, in file-name order.
pub fn read_notes_dir(dir: &Path) -> std::io::Result<Vec<NoteFile>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Ok(NoteFile { text: std::fs::read_to_string(&path)?, path: path.display().to_string() }))
        .collect()
}

/// Compiles notes into a deck, or lists every problem found in every file.
pub fn compile(files: &[NoteFile]) -> Result<Deck, Vec<Problem>> {
    let renderer = Renderer::default();
    let mut builder = Builder::default();
    for (index, file) in files.iter().enumerate() {
        builder.file(&renderer, index as u32, file);
    }
    builder.finish()
}

#[derive(Default)]
struct Builder {
    topics: Vec<Topic>,
    cards: Vec<Card>,
    quizzes: Vec<QuizItem>,
    problems: Vec<Problem>,
    /// id → (file, line) of its first use; cards and quiz items are separate namespaces.
    card_ids: HashMap<String, (String, usize)>,
    quiz_ids: HashMap<String, (String, usize)>,
}

impl Builder {
    fn file(&mut self, renderer: &Renderer, topic: u32, file: &NoteFile) {
        let (raw, problems) = parse::parse(&file.text);
        let problem = |line, message| Problem { file: file.path.clone(), line, message };
        self.problems.extend(problems.into_iter().map(|(line, message)| problem(line, message)));
        let slug = topic_slug(&file.path);
        if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            self.problems.push(problem(1, format!("file name must be `NN-slug.md` with an a-z0-9- slug, got `{slug}`")));
        }
        let title = raw.title.clone().unwrap_or_default();
        let mut sections = Vec::new();
        let mut section_slugs: HashMap<String, usize> = HashMap::new();
        for raw_section in raw.sections {
            let section_slug = raw_section.title.as_deref().map_or_else(|| "intro".to_string(), |t| slugify(t, 60));
            // The implicit section before the first `##` has no heading of its own.
            let section_title = raw_section.title.unwrap_or_default();
            if let Some(first) = section_slugs.insert(section_slug.clone(), raw_section.line) {
                self.problems
                    .push(problem(raw_section.line, format!("section `{section_title}` repeats the heading of line {first}")));
            }
            let section = sections.len() as u32;
            let place = Place { file: &file.path, topic, section, prefix: format!("{slug}/{section_slug}") };
            let blocks: Vec<Block> = raw_section
                .blocks
                .into_iter()
                .map(|block| match block {
                    RawBlock::Prose(markdown) => Block::Prose(leak(renderer.block(&markdown))),
                    RawBlock::Subheading { title, .. } => {
                        Block::Subheading { slug: leak(slugify(&title, 60)), title: leak(title) }
                    }
                    RawBlock::Card(card) => Block::Card(self.card(renderer, &place, card)),
                    RawBlock::Quiz(quiz) => Block::Quiz(self.quiz(renderer, &place, quiz)),
                })
                .collect();
            sections.push(Section { slug: leak(section_slug), title: leak(section_title), blocks: leak_slice(blocks) });
        }
        self.topics.push(Topic { slug: leak(slug), title: leak(title), focus: raw.focus, sections: leak_slice(sections) });
    }

    fn card(&mut self, renderer: &Renderer, place: &Place, raw: RawCard) -> u32 {
        let id = raw.explicit_id.clone().unwrap_or_else(|| format!("{}/{}", place.prefix, slugify(&raw.question, 60)));
        self.claim(IdSpace::Card, &id, place.file, raw.line);
        let question = leak(renderer.inline(&raw.question));
        let answer = leak(renderer.block(&raw.answer));
        let term = |markdown: &str| leak(render::short_plain_text(markdown).unwrap_or_default());
        let index = self.cards.len() as u32;
        let card = Card {
            id: leak(id.clone()),
            topic: place.topic,
            section: place.section,
            question,
            answer,
            reversed: false,
            term: term(&raw.answer),
            line: raw.line as u32,
        };
        self.cards.push(card);
        if raw.reversible {
            let twin = format!("{id}~rev");
            self.claim(IdSpace::Card, &twin, place.file, raw.line);
            let twin_term = term(&raw.question);
            self.cards.push(Card { id: leak(twin), question: answer, answer: question, reversed: true, term: twin_term, ..card });
        }
        index
    }

    fn quiz(&mut self, renderer: &Renderer, place: &Place, raw: RawQuiz) -> u32 {
        let id = raw.explicit_id.clone().unwrap_or_else(|| format!("{}/{}", place.prefix, slugify(&raw.question, 60)));
        self.claim(IdSpace::Quiz, &id, place.file, raw.line);
        let mut question = renderer.block(&raw.question);
        if let Some(code) = &raw.code {
            question.push('\n');
            question.push_str(&renderer.block(code));
        }
        let options = raw
            .options
            .iter()
            .map(|(text, correct)| QuizOption { html: leak(renderer.inline(text)), correct: *correct })
            .collect();
        self.quizzes.push(QuizItem {
            id: leak(id),
            topic: place.topic,
            section: place.section,
            question: leak(question),
            options: leak_slice(options),
            explanation: leak(renderer.block(&raw.explanation)),
            line: raw.line as u32,
        });
        self.quizzes.len() as u32 - 1
    }

    fn claim(&mut self, space: IdSpace, id: &str, file: &str, line: usize) {
        let ids = match space {
            IdSpace::Card => &mut self.card_ids,
            IdSpace::Quiz => &mut self.quiz_ids,
        };
        if let Some((first_file, first_line)) = ids.get(id) {
            let message = format!("duplicate id `{id}` (first used at {first_file}:{first_line}); add a distinct `{{#id}}`");
            self.problems.push(Problem { file: file.to_string(), line, message });
        } else {
            ids.insert(id.to_string(), (file.to_string(), line));
        }
    }

    fn finish(mut self) -> Result<Deck, Vec<Problem>> {
        if !self.problems.is_empty() {
            self.problems.sort();
            return Err(self.problems);
        }
        Ok(Deck { topics: leak_slice(self.topics), cards: leak_slice(self.cards), quizzes: leak_slice(self.quizzes) })
    }
}

enum IdSpace {
    Card,
    Quiz,
}

/// Where the items being built live: for messages, indices and auto ids.
struct Place<'a> {
    file: &'a str,
    topic: u32,
    section: u32,
    prefix: String,
}

/// `notes/05-sql.md` → `sql`.
fn topic_slug(path: &str) -> String {
    let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    stem.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['-', '_']).to_string()
}

/// ASCII slug of any text (Cyrillic is transliterated), cut at a word boundary within `max` characters.
pub fn slugify(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::new();
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !slug.is_empty() && slug.len() + 1 + word.len() > max {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(max);
    slug
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}
