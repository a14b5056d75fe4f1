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
    pub update_ready: &'static str,
    pub update_now: &'static str,
    pub install_app: &'static str,
    pub share: &'static str,
    pub share_copied: &'static str,
    pub share_copy_failed: &'static str,
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
    pub nav_review: &'static str,
    pub nav_progress: &'static str,
    pub review_all: &'static str,
    pub review_topic: &'static str,
    pub review_section: &'static str,
    pub review_title: &'static str,
    pub review_progress: &'static str,
    pub show_answer: &'static str,
    pub grades: [&'static str; 4],
    pub grade_group: &'static str,
    pub undo: &'static str,
    pub bury: &'static str,
    pub suspend: &'static str,
    pub leech: &'static str,
    pub leech_hint: &'static str,
    pub open_in_notes: &'static str,
    pub keys_hint: &'static str,
    pub finished_title: &'static str,
    pub next_due_in: &'static str,
    pub nothing_scheduled: &'static str,
    pub units: [&'static str; 5],
    pub progress_title: &'static str,
    pub storage_status: &'static str,
    pub persisted_yes: &'static str,
    pub persisted_no: &'static str,
    pub persisted_unknown: &'static str,
    pub reviews_logged: &'static str,
    pub export_progress: &'static str,
    pub import_progress: &'static str,
    pub import_refused: &'static str,
    pub import_done: &'static str,
    pub export_anki: &'static str,
    pub suspended_cards: &'static str,
    pub unsuspend: &'static str,
    pub no_suspended: &'static str,
    pub unreadable_banner: &'static str,
    pub download_backup: &'static str,
    pub memory_only_banner: &'static str,
    pub review_settings: &'static str,
    pub new_per_day: &'static str,
    pub reviews_per_day: &'static str,
    pub desired_retention: &'static str,
}

pub const RU: Strings = Strings {
    html_lang: "ru",
    app_name: "Тренажёр собеседований",
    update_ready: "Доступна новая версия",
    update_now: "Обновить",
    install_app: "Установить приложение",
    share: "Поделиться",
    share_copied: "Ссылка скопирована",
    share_copy_failed: "Не удалось скопировать. Ссылка:",
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
    nav_review: "Повторение",
    nav_progress: "Прогресс",
    review_all: "Повторять все темы",
    review_topic: "Повторять карточки темы",
    review_section: "Повторять карточки раздела",
    review_title: "Повторение карточек",
    review_progress: "Пройдено в этой сессии",
    show_answer: "Показать ответ",
    grades: ["Снова", "Трудно", "Хорошо", "Легко"],
    grade_group: "Насколько хорошо вы вспомнили ответ",
    undo: "Отменить",
    bury: "Отложить до завтра",
    suspend: "Приостановить",
    leech: "Пиявка",
    leech_hint: "Эту карточку вы забыли 8 раз или больше — перечитайте заметку.",
    open_in_notes: "Открыть в заметках",
    keys_hint: "Клавиши: Пробел или Enter — показать ответ, затем 1–4 — оценка (Пробел = «Хорошо»), u — отменить.",
    finished_title: "На сейчас всё",
    next_due_in: "Следующая карточка — через",
    nothing_scheduled: "В этой области больше нет запланированных карточек.",
    units: ["мин", "ч", "дн", "мес", "г"],
    progress_title: "Прогресс и данные",
    storage_status: "Постоянное хранилище",
    persisted_yes: "браузер обещал не удалять данные",
    persisted_no: "браузер может удалить данные при нехватке места — делайте экспорт",
    persisted_unknown: "неизвестно",
    reviews_logged: "Повторений в журнале",
    export_progress: "Экспортировать прогресс (JSON)",
    import_progress: "Импортировать прогресс из файла",
    import_refused: "Файл не принят, прогресс не изменён",
    import_done: "Импорт выполнен, повторений в журнале",
    export_anki: "Экспортировать колоду для Anki (TSV)",
    suspended_cards: "Приостановленные карточки",
    unsuspend: "Вернуть",
    no_suspended: "Приостановленных карточек нет.",
    unreadable_banner: "Сохранённый прогресс не удалось прочитать, поэтому приложение начало с чистого листа. Исходные данные не удалены: они сохранены отдельной копией.",
    download_backup: "Скачать копию",
    review_settings: "Настройки повторения",
    new_per_day: "Новых карточек в день",
    reviews_per_day: "Повторений в день",
    desired_retention: "Желаемое удержание",
    memory_only_banner: "Прогресс сейчас не сохраняется в браузере (хранилище недоступно или переполнено) и пропадёт при закрытии вкладки. Экспортируйте его на странице «Прогресс».",
};

pub const EN: Strings = Strings {
    html_lang: "en",
    app_name: "Interview trainer",
    update_ready: "A new version is available",
    update_now: "Update",
    install_app: "Install the app",
    share: "Share",
    share_copied: "Link copied",
    share_copy_failed: "Could not copy. The link:",
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
    nav_review: "Review",
    nav_progress: "Progress",
    review_all: "Review all topics",
    review_topic: "Review this topic's cards",
    review_section: "Review this section's cards",
    review_title: "Card review",
    review_progress: "Done in this session",
    show_answer: "Show answer",
    grades: ["Again", "Hard", "Good", "Easy"],
    grade_group: "How well you recalled the answer",
    undo: "Undo",
    bury: "Bury until tomorrow",
    suspend: "Suspend",
    leech: "Leech",
    leech_hint: "You have forgotten this card 8 times or more: reread its note.",
    open_in_notes: "Open in the notes",
    keys_hint: "Keys: Space or Enter shows the answer, then 1–4 grades (Space = Good), u undoes.",
    finished_title: "All done for now",
    next_due_in: "The next card is due in",
    nothing_scheduled: "No more cards are scheduled here.",
    units: ["min", "h", "d", "mo", "y"],
    progress_title: "Progress and data",
    storage_status: "Persistent storage",
    persisted_yes: "the browser promised to keep the data",
    persisted_no: "the browser may evict the data when space runs low: export it",
    persisted_unknown: "unknown",
    reviews_logged: "Reviews in the log",
    export_progress: "Export progress (JSON)",
    import_progress: "Import progress from a file",
    import_refused: "File refused, progress unchanged",
    import_done: "Imported; reviews in the log",
    export_anki: "Export the deck for Anki (TSV)",
    suspended_cards: "Suspended cards",
    unsuspend: "Unsuspend",
    no_suspended: "No suspended cards.",
    unreadable_banner: "The saved progress could not be read, so the app started afresh. The original data is not deleted: it is kept as a separate copy.",
    download_backup: "Download the copy",
    review_settings: "Review settings",
    new_per_day: "New cards per day",
    reviews_per_day: "Reviews per day",
    desired_retention: "Desired retention",
    memory_only_banner: "Progress is not being saved in this browser (storage unavailable or full) and will be lost when the tab closes. Export it on the Progress page.",
};

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// The language whose `html_lang` code is `code`.
    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::Ru, Lang::En].into_iter().find(|lang| lang.strings().html_lang == code)
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

    /// An interval as the answer buttons show it: "10 мин", "4 дн", "2,5 мес".
    pub fn interval(self, ms: i64) -> String {
        let units = self.strings().units;
        let minutes = (ms as f64 / 60_000.0).max(1.0);
        let (value, unit) = match minutes {
            m if m < 60.0 => (m.round(), units[0]),
            m if m < 24.0 * 60.0 => ((m / 60.0).round(), units[1]),
            m if m < 30.0 * 24.0 * 60.0 => ((m / 1440.0).round(), units[2]),
            m if m < 365.0 * 24.0 * 60.0 => ((m / 43_200.0 * 10.0).round() / 10.0, units[3]),
            m => ((m / 525_600.0 * 10.0).round() / 10.0, units[4]),
        };
        let number = format!("{value}");
        let number = if self == Lang::Ru { number.replace('.', ",") } else { number };
        format!("{number} {unit}")
    }
}
