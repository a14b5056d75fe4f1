//! Every UI string, in one place, for each UI language. A `Strings` literal must name every field, so a key
//! missing in either language does not compile. The notes themselves stay Russian.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

/// Word forms for a count: Russian needs three (1 карточка, 2 карточки, 5 карточек); English uses `one`/`many`.
pub struct Plural {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

pub struct Strings {
    pub html_lang: &'static str,
    pub app_name: &'static str,
    pub main_nav: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub focus_badge: &'static str,
    pub focus_hint: &'static str,
    pub contents: &'static str,
    pub all_topics: &'static str,
    pub answer_and_explanation: &'static str,
    pub correct_option: &'static str,
    pub multiple_answers: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub cards: Plural,
    pub quiz_items: Plural,
}

pub const RU: Strings = Strings {
    html_lang: "ru",
    app_name: "Тренажёр собеседований",
    main_nav: "Основная навигация",
    switch_language: "English",
    switch_language_label: "Switch the interface to English",
    home_title: "Темы",
    home_lead: "Конспекты для подготовки к собеседованию Python-бэкенд-разработчика. Выберите тему, чтобы читать заметки.",
    focus_badge: "Слабое место",
    focus_hint: "Интервьюер отметил эту тему как слабое место",
    contents: "Содержание",
    all_topics: "Все темы",
    answer_and_explanation: "Ответ и пояснение",
    correct_option: "верный вариант",
    multiple_answers: "Несколько верных ответов",
    not_found_title: "Страница не найдена",
    not_found_body: "Такой страницы нет: возможно, ссылка устарела.",
    cards: Plural { one: "карточка", few: "карточки", many: "карточек" },
    quiz_items: Plural { one: "вопрос квиза", few: "вопроса квиза", many: "вопросов квиза" },
};

pub const EN: Strings = Strings {
    html_lang: "en",
    app_name: "Interview trainer",
    main_nav: "Main navigation",
    switch_language: "Русский",
    switch_language_label: "Переключить интерфейс на русский",
    home_title: "Topics",
    home_lead: "Notes for a Python backend developer's interview. Pick a topic to read its notes (the notes are in Russian).",
    focus_badge: "Weak spot",
    focus_hint: "The interviewer named this topic as a weak spot",
    contents: "Contents",
    all_topics: "All topics",
    answer_and_explanation: "Answer and explanation",
    correct_option: "correct option",
    multiple_answers: "More than one correct answer",
    not_found_title: "Page not found",
    not_found_body: "There is no such page: the link may be out of date.",
    cards: Plural { one: "card", few: "cards", many: "cards" },
    quiz_items: Plural { one: "quiz question", few: "quiz questions", many: "quiz questions" },
};

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    /// `5 карточек`, `1 card`.
    pub fn count(self, n: usize, forms: &Plural) -> String {
        let word = match self {
            Lang::Ru => match (n % 10, n % 100) {
                (1, 11) => forms.many,
                (1, _) => forms.one,
                (2..=4, 12..=14) => forms.many,
                (2..=4, _) => forms.few,
                _ => forms.many,
            },
            Lang::En if n == 1 => forms.one,
            Lang::En => forms.many,
        };
        format!("{n} {word}")
    }
}
