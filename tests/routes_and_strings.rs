//! Pure parts of the browser edge: hash routes and UI strings.

use interview_trainer::i18n::{Lang, EN, RU};
use interview_trainer::routes::Route;

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
    assert_eq!(Route::parse("#/settings"), Route::NotFound);
    for route in [Route::Home, topic, section] {
        assert_eq!(Route::parse(&route.href()), route);
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
}
