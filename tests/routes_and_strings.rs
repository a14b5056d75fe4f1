//! Pure parts of the browser edge: hash routes and UI strings.

use interview_trainer::i18n::{duration, Lang, EN, RU};
use interview_trainer::routes::{QuizLink, Route};

#[test]
fn hash_routes_parse_and_format_back() {
    let topic = Route::Topic { slug: "sql".into(), section: None };
    let section = Route::Topic { slug: "sql".into(), section: Some("joins".into()) };
    for (hash, route) in [
        ("", Route::Home),
        ("#", Route::Home),
        ("#/", Route::Home),
        ("#/topic/sql", topic.clone()),
        ("#/topic/sql/joins", section.clone()),
    ] {
        assert_eq!(Route::parse(hash), route, "{hash:?}");
    }
    assert_eq!(Route::parse("#/topic/sql/"), topic, "a trailing slash is ignored");
    assert_eq!(Route::parse("#/topic"), Route::NotFound);
    assert_eq!(Route::parse("#/topic/a/b/c"), Route::NotFound);
    assert_eq!(Route::parse("#/settings/x"), Route::NotFound);
    let review_all = Route::Review { topic: None, section: None };
    let review_topic = Route::Review { topic: Some("sql".into()), section: None };
    let review_section = Route::Review { topic: Some("sql".into()), section: Some("joins".into()) };
    assert_eq!(Route::parse("#/review"), review_all);
    assert_eq!(Route::parse("#/review/sql/joins"), review_section);
    assert_eq!(Route::parse("#/progress"), Route::Progress);
    assert_eq!(Route::parse("#/plan"), Route::Plan);
    assert_eq!(Route::parse("#/plan/review"), Route::PlanReview);
    assert_eq!(Route::parse("#/plan/x"), Route::NotFound);
    for route in [
        Route::Home,
        topic,
        section,
        review_all,
        review_topic,
        review_section,
        Route::Progress,
        Route::Stats,
        Route::Settings,
        Route::Plan,
        Route::PlanReview,
    ] {
        assert_eq!(Route::parse(&route.href()), route);
    }
}

#[test]
fn quiz_links_carry_scope_length_and_seed() {
    let link =
        QuizLink { topics: vec!["sql".into(), "redis".into()], length: Some(20), seed: Some(0x1f3a), ..Default::default() };
    assert_eq!(link.href(), "#/quiz/run?t=sql,redis&n=20&seed=1f3a");
    assert_eq!(Route::parse(&link.href()), Route::Quiz(link));
    let section = QuizLink { topics: vec!["sql".into()], section: Some("joins".into()), ..Default::default() };
    assert_eq!(Route::parse("#/quiz/run?t=sql&s=joins&n=all"), Route::Quiz(section.clone()));
    assert_eq!(Route::parse(&section.href()), Route::Quiz(section));
    let weak = QuizLink { weak: true, length: Some(10), seed: Some(u64::MAX), ..Default::default() };
    assert_eq!(Route::parse(&weak.href()), Route::Quiz(weak));
    assert_eq!(Route::parse("#/quiz/run"), Route::Quiz(QuizLink::default()), "no topics: every topic, all items");
    assert_eq!(Route::parse("#/quiz"), Route::QuizSetup);
    assert_eq!(Route::parse("#/interview"), Route::Interview);
    for bad in ["#/quiz/run?n=0", "#/quiz/run?n=x", "#/quiz/run?seed=zz", "#/quiz/run?t=a,b&s=c", "#/quiz/run?what=1"] {
        assert_eq!(Route::parse(bad), Route::NotFound, "{bad}");
    }
}

#[test]
fn search_stats_settings_and_note_routes_round_trip() {
    let search = |q: &str| Route::Search { query: q.into() };
    assert_eq!(Route::parse("#/search"), search(""));
    assert_eq!(Route::parse("#/search?q=%D1%91%D0%BB%D0%BA%D0%B0+2"), search("ёлка 2"));
    assert_eq!(Route::parse("#/search?x=1&q=a%26b%3Dc"), search("a&b=c"));
    assert_eq!(Route::parse("#/search?q=100%"), search("100%"), "a malformed escape is kept");
    assert_eq!(Route::parse("#/stats"), Route::Stats);
    assert_eq!(Route::parse("#/settings"), Route::Settings);
    let note = Route::Note { anchor: "card-sql/joins/what-is-a-join~rev".into() };
    assert_eq!(note.href(), "#/note/card-sql/joins/what-is-a-join~rev");
    assert_eq!(Route::parse("#/note/"), Route::NotFound);
    for route in [search(""), search("select_related ёлка & 100% + ?"), note, Route::Note { anchor: "quiz-pg default".into() }]
    {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
}

#[test]
fn russian_counts_use_three_word_forms() {
    let forms = &RU.cards;
    let said: Vec<String> =
        [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1003].iter().map(|n| Lang::Ru.count(*n, forms)).collect();
    assert_eq!(
        said,
        [
            "0 карточек",
            "1 карточка",
            "2 карточки",
            "4 карточки",
            "5 карточек",
            "11 карточек",
            "12 карточек",
            "14 карточек",
            "21 карточка",
            "22 карточки",
            "25 карточек",
            "101 карточка",
            "111 карточек",
            "1003 карточки",
        ]
    );
    assert_eq!(Lang::En.count(1, &EN.cards), "1 card");
    assert_eq!(Lang::En.count(3, &EN.quiz_items), "3 quiz questions");
}

#[test]
fn languages_switch_both_ways_and_differ() {
    assert_eq!(Lang::Ru.other(), Lang::En);
    assert_eq!(Lang::En.other().strings().html_lang, "ru");
    assert_ne!(RU.home_title, EN.home_title);
    assert_eq!(Lang::from_code("en"), Some(Lang::En));
    assert_eq!(Lang::from_code("ru"), Some(Lang::Ru));
    assert_eq!(Lang::from_code("de"), None);
}

#[test]
fn intervals_read_like_anki_buttons() {
    let minute = 60_000;
    let day = 1440 * minute;
    let ru: Vec<String> =
        [minute, 10 * minute, 5 * 60 * minute, 4 * day, 45 * day, 400 * day].iter().map(|ms| Lang::Ru.interval(*ms)).collect();
    assert_eq!(ru, ["1 мин", "10 мин", "5 ч", "4 дн", "1,5 мес", "1,1 г"]);
    assert_eq!(Lang::En.interval(4 * day), "4 d");
    assert_eq!(Lang::En.interval(45 * day), "1.5 mo");
    assert_eq!(Lang::Ru.interval(0), "1 мин", "never less than a minute");
}

#[test]
fn durations_read_like_a_clock() {
    assert_eq!(duration(0), "0:00");
    assert_eq!(duration(187_400), "3:07");
    assert_eq!(duration(3_725_000), "1:02:05");
    assert_eq!(duration(-5), "0:00");
}

#[test]
fn every_route_belongs_under_a_navigation_link() {
    let quiz = Route::parse("#/quiz/run?t=sql&n=5&seed=1f");
    assert_eq!(Route::parse("#/more"), Route::More);
    assert_eq!(Route::More.href(), "#/more");
    for (route, destination) in [
        (Route::Home, "#/"),
        (Route::parse("#/topic/sql/joins"), "#/"),
        (Route::parse("#/note/card-sql/x"), "#/"),
        (Route::parse("#/review/sql"), "#/review"),
        (Route::parse("#/plan/review"), "#/review"),
        (Route::parse("#/plan"), "#/"),
        (quiz, "#/quiz"),
        (Route::QuizSetup, "#/quiz"),
        (Route::parse("#/search?q=gil"), "#/search"),
        (Route::Stats, "#/stats"),
        (Route::More, "#/more"),
    ] {
        assert_eq!(route.destination(), destination, "{route:?}");
    }
}
