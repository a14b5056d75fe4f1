//! Hash routes (`#/topic/sql/joins`): they need no server support, so every deep link opens directly from
//! any static host, under any sub-path, and from a plain file server with no rewrite rules.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A topic in the reader, optionally scrolled to one of its sections.
    Topic {
        slug: String,
        section: Option<String>,
    },
    /// Flashcard review over every topic, one topic, or one section.
    Review {
        topic: Option<String>,
        section: Option<String>,
    },
    /// Choosing a quiz, and the quiz history.
    QuizSetup,
    /// A quiz, wholly described by its link (seed included) so that a shared link gives the same quiz.
    Quiz(QuizLink),
    /// The mock interview.
    Interview,
    /// The interview date: the plan, the readiness forecast, the date and topics.
    Plan,
    /// Review of the interview's topics; in the last days, the final review (weakest predicted recall first).
    PlanReview,
    /// Progress: storage status, export and import.
    Progress,
    /// Full-text search; the query lives in the URL (`#/search?q=…`) so a search can be linked.
    Search {
        query: String,
    },
    Stats,
    Settings,
    /// What the phone's tab bar has no room for: statistics, progress, settings, language and installation.
    More,
    /// A card or quiz item in the reader by its DOM anchor (`card-ID`, `quiz-ID`): stable while the notes
    /// are reorganised, since ids are.
    Note {
        anchor: String,
    },
    NotFound,
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        if let Some(anchor) = path.strip_prefix("note/").filter(|a| !a.is_empty()) {
            // Card ids contain slashes: the rest of the path is the anchor.
            return Route::Note { anchor: decode(anchor) };
        }
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["topic", slug] => Route::Topic { slug: slug.to_string(), section: None },
            ["topic", slug, section] => Route::Topic { slug: slug.to_string(), section: Some(section.to_string()) },
            ["review"] => Route::Review { topic: None, section: None },
            ["review", topic] => Route::Review { topic: Some(topic.to_string()), section: None },
            ["review", topic, section] => Route::Review { topic: Some(topic.to_string()), section: Some(section.to_string()) },
            ["quiz"] => Route::QuizSetup,
            ["quiz", "run"] => QuizLink::parse(query).map_or(Route::NotFound, Route::Quiz),
            ["interview"] => Route::Interview,
            ["plan"] => Route::Plan,
            ["plan", "review"] => Route::PlanReview,
            ["progress"] => Route::Progress,
            ["search"] => Route::Search { query: query_param(query, "q").unwrap_or_default() },
            ["stats"] => Route::Stats,
            ["settings"] => Route::Settings,
            ["more"] => Route::More,
            _ => Route::NotFound,
        }
    }

    /// The `href` of a link to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".to_string(),
            Route::Topic { slug, section: None } => format!("#/topic/{slug}"),
            Route::Topic { slug, section: Some(section) } => format!("#/topic/{slug}/{section}"),
            Route::Review { topic: None, .. } => "#/review".to_string(),
            Route::Review { topic: Some(topic), section: None } => format!("#/review/{topic}"),
            Route::Review { topic: Some(topic), section: Some(section) } => format!("#/review/{topic}/{section}"),
            Route::QuizSetup => "#/quiz".to_string(),
            Route::Quiz(link) => link.href(),
            Route::Interview => "#/interview".to_string(),
            Route::Plan => "#/plan".to_string(),
            Route::PlanReview => "#/plan/review".to_string(),
            Route::Progress => "#/progress".to_string(),
            Route::Search { query } if query.is_empty() => "#/search".to_string(),
            Route::Search { query } => format!("#/search?q={}", encode(query)),
            Route::Stats => "#/stats".to_string(),
            Route::Settings => "#/settings".to_string(),
            Route::More => "#/more".to_string(),
            Route::Note { anchor } => format!("#/note/{}", encode(anchor).replace("%2F", "/")),
        }
    }

    /// The navigation link this route belongs under, marked current (`aria-current`) in the header and tab bar:
    /// a quiz under quizzes, a topic or card under home.
    pub fn destination(&self) -> &'static str {
        match self {
            Route::Home | Route::Topic { .. } | Route::Note { .. } | Route::Plan | Route::NotFound => "#/",
            Route::Review { .. } | Route::PlanReview => "#/review",
            Route::QuizSetup | Route::Quiz(_) => "#/quiz",
            Route::Interview => "#/interview",
            Route::Search { .. } => "#/search",
            Route::Stats => "#/stats",
            Route::Progress => "#/progress",
            Route::Settings => "#/settings",
            Route::More => "#/more",
        }
    }
}

/// The decoded value of `name` in a `a=1&b=2` query.
fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).map(|v| decode(&v.replace('+', " ")))
}

/// Everything but RFC 3986's unreserved characters is percent-encoded (as UTF-8 bytes).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// Undoes percent-encoding; a malformed escape is kept as it is.
fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// What a quiz link says: `#/quiz/run?t=sql,redis&s=joins&n=20&seed=1f3a` (no `t`: every topic), or
/// `#/quiz/run?weak&n=10&seed=…` for the weak-spots quiz. A link without a seed gets one when opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuizLink {
    pub topics: Vec<String>,
    /// A section of the single topic in `topics`.
    pub section: Option<String>,
    /// Drawn from the learner's weakest sections and wrong answers instead of topics.
    pub weak: bool,
    /// Number of items; `None` for all.
    pub length: Option<usize>,
    pub seed: Option<u64>,
}

impl QuizLink {
    fn parse(query: &str) -> Option<QuizLink> {
        let mut link = QuizLink::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "t" => link.topics = value.split(',').filter(|t| !t.is_empty()).map(str::to_string).collect(),
                "s" => link.section = Some(value.to_string()).filter(|s| !s.is_empty()),
                "weak" => link.weak = true,
                "n" if value == "all" => link.length = None,
                "n" => link.length = Some(value.parse().ok().filter(|n| *n > 0)?),
                "seed" => link.seed = Some(u64::from_str_radix(value, 16).ok()?),
                _ => return None,
            }
        }
        (link.section.is_none() || link.topics.len() == 1).then_some(link)
    }

    pub fn href(&self) -> String {
        let mut query = Vec::new();
        if self.weak {
            query.push("weak".to_string());
        }
        if !self.topics.is_empty() {
            query.push(format!("t={}", self.topics.join(",")));
        }
        if let Some(section) = &self.section {
            query.push(format!("s={section}"));
        }
        query.push(format!("n={}", self.length.map_or("all".to_string(), |n| n.to_string())));
        if let Some(seed) = self.seed {
            query.push(format!("seed={seed:x}"));
        }
        format!("#/quiz/run?{}", query.join("&"))
    }
}
