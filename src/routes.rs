//! Hash routes (`#/topic/sql/joins`): they need no server support, so every deep link opens directly from
//! any static host, under any sub-path, and from a plain file server with no rewrite rules.

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
    /// Progress: storage status, export and import.
    Progress,
    NotFound,
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["topic", slug] => Route::Topic { slug: slug.to_string(), section: None },
            ["topic", slug, section] => Route::Topic { slug: slug.to_string(), section: Some(section.to_string()) },
            ["review"] => Route::Review { topic: None, section: None },
            ["review", topic] => Route::Review { topic: Some(topic.to_string()), section: None },
            ["review", topic, section] => Route::Review { topic: Some(topic.to_string()), section: Some(section.to_string()) },
            ["progress"] => Route::Progress,
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
            Route::Progress => "#/progress".to_string(),
        }
    }
}
