//! Typed short answers: what counts as the same answer (case, ё/е, punctuation and spacing do not matter) and a
//! character-level diff against the expected answer, so the learner sees exactly which letters were off.

use dissimilar::Chunk;

/// One run of the diff between what was typed and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPart {
    Same(String),
    /// Typed but not expected.
    Extra(String),
    /// Expected but not typed.
    Missing(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedCheck {
    pub correct: bool,
    /// The accepted form closest to the answer, normalised; the diff is against it.
    pub closest: String,
    pub diff: Vec<DiffPart>,
}

/// Lower case, `ё` as `е`, punctuation dropped, runs of spaces and dashes as one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() || c == '+' || c == '#' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') && (c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '_')) {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Forms accepted for an expected answer such as `Приспособленец / Легковес (Flyweight)`: the whole of it and
/// each name in it (split on `/`, `,` and brackets), all normalised.
pub fn accepted_forms(expected: &str) -> Vec<String> {
    let mut forms = vec![normalize(expected)];
    let without_brackets: String = expected.chars().map(|c| if matches!(c, '(' | ')') { '/' } else { c }).collect();
    for part in without_brackets.split(['/', ',', ';']) {
        let form = normalize(part);
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// Checks a typed answer against the expected one.
pub fn check_typed(expected: &str, typed: &str) -> TypedCheck {
    let typed = normalize(typed);
    let forms = accepted_forms(expected);
    let correct = forms.contains(&typed);
    let closest = forms
        .into_iter()
        .map(|form| {
            let diff: Vec<DiffPart> = dissimilar::diff(&typed, &form).into_iter().map(DiffPart::from).collect();
            let changed: usize = diff.iter().map(DiffPart::changed_chars).sum();
            (changed, form, diff)
        })
        .min_by_key(|(changed, _, _)| *changed)
        .expect("there is always the whole answer");
    TypedCheck { correct, closest: closest.1, diff: closest.2 }
}

impl DiffPart {
    fn changed_chars(&self) -> usize {
        match self {
            DiffPart::Same(_) => 0,
            DiffPart::Extra(text) | DiffPart::Missing(text) => text.chars().count(),
        }
    }
}

impl From<Chunk<'_>> for DiffPart {
    fn from(chunk: Chunk<'_>) -> Self {
        match chunk {
            Chunk::Equal(text) => DiffPart::Same(text.to_string()),
            Chunk::Delete(text) => DiffPart::Extra(text.to_string()),
            Chunk::Insert(text) => DiffPart::Missing(text.to_string()),
        }
    }
}
