//! Quizzes, typed answers, mastery, weak spots and the mock interview, over the shipped deck and a fixed clock.

use std::collections::HashSet;
use trainer_core::answer::{accepted_forms, check_typed, normalize, DiffPart};
use trainer_core::compile::{compile, read_notes_dir};
use trainer_core::interview::pick_questions;
use trainer_core::mastery::{mastery, weakest_sections, weakest_topics, wrong_before};
use trainer_core::model::Deck;
use trainer_core::progress::{InterviewAnswer, InterviewRecord, Progress, QuizAnswer, QuizRecord, SelfGrade};
use trainer_core::quiz::{build, cards_to_review, sections_of, Kind, Question, Response, Spec};
use trainer_core::review::{Clock, Scope};
use trainer_core::scheduler::{Fsrs, Grade};
use trainer_core::search::plain_text;

const DAY: i64 = 86_400_000;
/// 2026-03-10 12:00 UTC.
const NOON: i64 = 1_773_144_000_000;

fn deck() -> Deck {
    static DECK: std::sync::OnceLock<Deck> = std::sync::OnceLock::new();
    *DECK.get_or_init(|| {
        let notes = read_notes_dir(std::path::Path::new("notes")).expect("notes folder");
        compile(&notes).unwrap_or_else(|problems| panic!("notes must compile: {problems:#?}"))
    })
}

fn topic(deck: &Deck, slug: &str) -> u32 {
    deck.topic(slug).expect("shipped topic").0 as u32
}

/// Every section of the given topics.
fn sections(deck: &Deck, slugs: &[&str]) -> Vec<(u32, u32)> {
    let topics = slugs.iter().map(|slug| topic(deck, slug));
    topics.flat_map(|t| (0..deck.topics[t as usize].sections.len() as u32).map(move |s| (t, s))).collect()
}

fn spec(sections: Vec<(u32, u32)>, length: Option<usize>, seed: u64) -> Spec {
    Spec { sections, first: HashSet::new(), length, seed }
}

fn all_topics(deck: &Deck) -> Vec<&'static str> {
    deck.topics.iter().map(|t| t.slug).collect()
}

/// Tags stripped and text normalised: what a learner would see as "the same option".
fn seen_as(html: &str) -> String {
    normalize(&plain_text(html))
}

#[test]
fn every_option_list_has_one_answer_and_distinct_distractors() {
    let deck = deck();
    for seed in 0..20 {
        let quiz = build(&deck, &spec(sections(&deck, &all_topics(&deck)), None, seed));
        for q in &quiz {
            // Authored options may differ only in quoting (`1` and `'1'`); generated ones must read differently.
            let texts: Vec<String> =
                q.options.iter().map(|o| if q.kind == Kind::Authored { o.html.to_string() } else { seen_as(o.html) }).collect();
            let distinct: HashSet<&String> = texts.iter().collect();
            assert_eq!(distinct.len(), texts.len(), "{}: two options read the same: {texts:?}", q.key);
            match q.kind {
                Kind::Choice | Kind::Reverse => {
                    assert!((3..=4).contains(&q.options.len()), "{}: {} options", q.key, q.options.len());
                    assert_eq!(q.options.iter().filter(|o| o.correct).count(), 1, "{}", q.key);
                    let card = &deck.cards[q.card.expect("made from a card") as usize];
                    let right = q.options.iter().find(|o| o.correct).unwrap();
                    assert_eq!(right.html, card.answer, "{}: the right option is the card's answer", q.key);
                    assert!(q.options.iter().filter(|o| !o.correct).all(|o| seen_as(o.html) != seen_as(card.answer)));
                }
                Kind::Typed => assert!(q.options.is_empty() && !q.expected.is_empty(), "{}", q.key),
                Kind::Authored => assert!(q.options.iter().any(|o| o.correct)),
            }
        }
    }
}

#[test]
fn a_quiz_never_asks_an_item_or_a_term_pair_twice() {
    let deck = deck();
    let quiz = build(&deck, &spec(sections(&deck, &all_topics(&deck)), None, 7));
    let keys: HashSet<&String> = quiz.iter().map(|q| &q.key).collect();
    assert_eq!(keys.len(), quiz.len());
    let pairs: Vec<usize> =
        quiz.iter().filter_map(|q| q.card).map(|c| deck.twin(c as usize).map_or(c as usize, |t| t.min(c as usize))).collect();
    assert_eq!(pairs.iter().collect::<HashSet<_>>().len(), pairs.len(), "both sides of a pair were asked");
    let kinds: HashSet<Kind> = quiz.iter().map(|q| q.kind).collect();
    assert_eq!(kinds.len(), 4, "authored, choice, reverse and typed items all occur: {kinds:?}");
    println!("whole-deck quiz: {} items", quiz.len());
}

#[test]
fn the_same_seed_gives_the_same_quiz_and_another_seed_another_order() {
    let deck = deck();
    let scope = sections(&deck, &["sql", "redis"]);
    let a = build(&deck, &spec(scope.clone(), Some(20), 42));
    let b = build(&deck, &spec(scope.clone(), Some(20), 42));
    let c = build(&deck, &spec(scope, Some(20), 43));
    assert_eq!(a, b);
    assert_eq!(a.len(), 20);
    assert_ne!(a.iter().map(|q| &q.key).collect::<Vec<_>>(), c.iter().map(|q| &q.key).collect::<Vec<_>>());
    let sql_or_redis = [topic(&deck, "sql"), topic(&deck, "redis")];
    assert!(a.iter().all(|q| sql_or_redis.contains(&q.topic)));
}

#[test]
fn a_section_quiz_stays_in_its_section() {
    let deck = deck();
    let t = topic(&deck, "db-transactions");
    let quiz = build(&deck, &spec(vec![(t, 1)], None, 1));
    assert!(!quiz.is_empty());
    assert!(quiz.iter().all(|q| (q.topic, q.section) == (t, 1)));
}

#[test]
fn design_patterns_are_drilled_from_description_to_name() {
    let deck = deck();
    let quiz = build(&deck, &spec(sections(&deck, &["design-patterns"]), None, 3));
    let drills: Vec<&Question> = quiz.iter().filter(|q| matches!(q.kind, Kind::Reverse | Kind::Typed)).collect();
    assert!(drills.len() >= 23, "every GoF pattern gives a drill: {}", drills.len());
    let singleton = drills.iter().find(|q| q.prompt.contains("ровно один экземпляр")).expect("Singleton's description is asked");
    match singleton.kind {
        Kind::Typed => assert!(singleton.is_right(&Response::Typed("одиночка".into()))),
        _ => assert!(singleton.options.iter().any(|o| o.correct && o.html.contains("Singleton"))),
    }
}

#[test]
fn multiple_answer_items_need_exactly_the_right_set() {
    let deck = deck();
    let quiz = build(&deck, &spec(sections(&deck, &all_topics(&deck)), None, 5));
    let item = quiz.iter().find(|q| q.is_multiple()).expect("the notes have multiple-answer items");
    let right: Vec<usize> = (0..item.options.len()).filter(|&i| item.options[i].correct).collect();
    let wrong = (0..item.options.len()).find(|&i| !item.options[i].correct).expect("a wrong option");
    assert!(item.is_right(&Response::Picked(right.clone())));
    assert!(item.is_right(&Response::Picked(right.iter().rev().copied().collect())), "order does not matter");
    assert!(!item.is_right(&Response::Picked(right[..1].to_vec())), "a subset is wrong");
    assert!(!item.is_right(&Response::Picked([right.clone(), vec![wrong]].concat())), "a superset is wrong");
    assert!(!item.is_right(&Response::Picked(vec![])));
    assert_eq!(Question::describe(&Response::Picked(vec![2, 0])), "A,C");
}

#[test]
fn typed_answers_ignore_case_yo_and_punctuation() {
    assert_eq!(normalize("  Ёлка, ПАЛКА!  "), "елка палка");
    assert!(check_typed("Одиночка (Singleton)", "одиночка").correct);
    assert!(check_typed("Одиночка (Singleton)", "SINGLETON").correct);
    assert!(check_typed("Одиночка (Singleton)", "Одиночка (Singleton).").correct);
    assert!(check_typed("Приспособленец / Легковес (Flyweight)", "легковес").correct);
    assert!(check_typed("Ёмкость", "емкость").correct);
    assert!(check_typed("Chain-of-Responsibility", "chain of responsibility").correct);
    assert!(!check_typed("Одиночка (Singleton)", "одиночкаа").correct);
    assert_eq!(accepted_forms("Заместитель / Прокси (Proxy)"), ["заместитель прокси proxy", "заместитель", "прокси", "proxy"]);
}

#[test]
fn the_typed_diff_shows_which_letters_differ() {
    let check = check_typed("Наблюдатель (Observer)", "Наблюдатль");
    assert!(!check.correct);
    assert_eq!(check.closest, "наблюдатель");
    assert_eq!(check.diff, [DiffPart::Same("наблюдат".into()), DiffPart::Missing("е".into()), DiffPart::Same("ль".into())]);
    let extra = check_typed("Фасад", "фассад");
    assert!(extra.diff.iter().any(|p| matches!(p, DiffPart::Extra(s) if s == "с")), "{:?}", extra.diff);
}

fn quiz_record(at: i64, answers: &[(&str, &str, bool)]) -> QuizRecord {
    let answers = answers
        .iter()
        .map(|(item, section, correct)| QuizAnswer {
            item: item.to_string(),
            section: section.to_string(),
            correct: *correct,
            given: "A".into(),
        })
        .collect();
    QuizRecord { at, link: "#/quiz/run?t=sql&seed=1".into(), duration_ms: 60_000, answers }
}

#[test]
fn mastery_starts_from_the_interviewers_verdict() {
    let deck = deck();
    let map = mastery(&deck.outline(), &Progress::default(), NOON);
    let focus: HashSet<usize> = (0..deck.topics.len()).filter(|&t| deck.topics[t].focus).collect();
    let weakest: HashSet<usize> = weakest_topics(&map)[..focus.len()].iter().copied().collect();
    assert_eq!(weakest, focus, "with no history the seed's weak topics come first");
    assert!(map.topics.iter().all(|m| m.evidence == 0.0));
    assert_eq!(map.topics[focus.iter().next().copied().unwrap()].percent(), 30);
}

#[test]
fn recent_results_weigh_more_and_history_outweighs_the_prior() {
    let deck = deck();
    let sql = topic(&deck, "sql");
    let key = deck.section_key(sql, 1);
    let right_now: Vec<(&str, &str, bool)> = (0..12).map(|_| ("q:x", key.as_str(), true)).collect();
    let mut progress = Progress::default();
    progress.quizzes.push(quiz_record(NOON, &right_now));
    let map = mastery(&deck.outline(), &progress, NOON);
    let m = map.sections[sql as usize][1];
    assert!((m.value - (0.3 * 3.0 + 12.0) / 15.0).abs() < 1e-9, "{m:?}");
    assert!(map.topics[sql as usize].value > mastery(&deck.outline(), &Progress::default(), NOON).topics[sql as usize].value);
    assert!(!weakest_topics(&map)[..3].contains(&(sql as usize)), "the learner's own record lifts sql out of the weakest");

    // The same right answers a month ago, and a wrong streak today: today's count for more.
    let mut progress = Progress::default();
    progress.quizzes.push(quiz_record(NOON - 30 * DAY, &right_now));
    let wrong_now: Vec<(&str, &str, bool)> = (0..12).map(|_| ("q:x", key.as_str(), false)).collect();
    progress.quizzes.push(quiz_record(NOON, &wrong_now));
    let m = mastery(&deck.outline(), &progress, NOON).sections[sql as usize][1];
    // A month is one half-life: 12 × ½ right against 12 wrong.
    assert!((m.value - (0.9 + 6.0) / (3.0 + 18.0)).abs() < 1e-9, "{m:?}");
}

#[test]
fn interview_grades_and_review_retention_feed_mastery() {
    let deck = deck();
    let t = topic(&deck, "redis");
    let card = deck.cards.iter().find(|c| c.topic == t && c.section == 1).expect("a redis card");
    let mut progress = Progress::default();
    let fsrs = Fsrs::new(0.9);
    progress.grade(card.id, &fsrs, Grade::Easy, NOON - 20 * DAY, 1000);
    let due = progress.card(card.id).memory.due;
    progress.grade(card.id, &fsrs, Grade::Again, due, 1000);
    let key = deck.section_key(t, 1);
    let answers = SelfGrade::ALL.map(|grade| InterviewAnswer { card: card.id.into(), section: key.clone(), grade, answer_ms: 1 });
    progress.interviews.push(InterviewRecord { at: due, duration_ms: 1, answers: answers.to_vec() });
    let m = mastery(&deck.outline(), &progress, due).sections[t as usize][1];
    // The new-card grade is no retention evidence; the lapse is 0; the interview gives 0 + ½ + 1.
    assert!((m.evidence - 4.0).abs() < 1e-9, "{m:?}");
    assert!((m.value - (1.5 + 1.5) / 7.0).abs() < 1e-9, "{m:?}");
}

#[test]
fn the_weak_spots_quiz_asks_the_wrong_ones_first_then_weak_sections() {
    let deck = deck();
    let sql = topic(&deck, "sql");
    let redis_item = deck.quizzes.iter().find(|q| q.topic == topic(&deck, "redis")).unwrap();
    let mut progress = Progress::default();
    let wrong_key = format!("q:{}", redis_item.id);
    progress.quizzes.push(quiz_record(NOON - DAY, &[(&wrong_key, "redis/x", false), ("q:fixed", "redis/x", false)]));
    progress.quizzes.push(quiz_record(NOON, &[("q:fixed", "redis/x", true)]));
    let wrong = wrong_before(&progress);
    assert_eq!(wrong, HashSet::from([wrong_key.clone()]), "only the latest answer counts");

    let map = mastery(&deck.outline(), &progress, NOON);
    let weak = weakest_sections(&deck, &map, 4);
    assert_eq!(weak.len(), 4);
    assert!(weak.iter().all(|(t, _)| deck.topics[*t as usize].focus), "{weak:?}");
    let quiz = build(&deck, &Spec { sections: weak.clone(), first: wrong, length: Some(10), seed: 9 });
    assert_eq!(quiz[0].key, wrong_key);
    assert!(quiz[1..].iter().all(|q| weak.contains(&(q.topic, q.section))));
    assert!(quiz.iter().all(|q| q.topic != sql || weak.contains(&(q.topic, q.section))));
}

#[test]
fn an_interview_ranges_across_topics_and_leans_to_weak_spots() {
    let deck = deck();
    let map = mastery(&deck.outline(), &Progress::default(), NOON);
    let mut focus_questions = 0;
    for seed in 0..50 {
        let picked = pick_questions(&deck, &map, 10, seed);
        assert_eq!(picked, pick_questions(&deck, &map, 10, seed), "deterministic by seed");
        assert_eq!(picked.len(), 10);
        let cards: Vec<_> = picked.iter().map(|&i| deck.cards[i as usize]).collect();
        let sections: HashSet<(u32, u32)> = cards.iter().map(|c| (c.topic, c.section)).collect();
        assert_eq!(sections.len(), 10, "one question per section");
        for t in 0..deck.topics.len() as u32 {
            assert!(cards.iter().filter(|c| c.topic == t).count() <= 2, "at most two questions per topic");
        }
        assert!(cards.iter().all(|c| !c.reversed && c.term.is_empty()), "open questions only");
        focus_questions += cards.iter().filter(|c| deck.topics[c.topic as usize].focus).count();
    }
    // Per section with open questions, the seed's weak topics are asked about clearly more often.
    let open_sections = |focus: bool| {
        let sections: HashSet<(u32, u32)> = deck
            .cards
            .iter()
            .filter(|c| deck.topics[c.topic as usize].focus == focus && c.term.is_empty() && !c.reversed)
            .map(|c| (c.topic, c.section))
            .collect();
        sections.len() as f64
    };
    let focus_rate = focus_questions as f64 / open_sections(true);
    let other_rate = (500 - focus_questions) as f64 / open_sections(false);
    assert!(focus_rate > 1.5 * other_rate, "per section: focus {focus_rate:.2}, others {other_rate:.2}");
}

#[test]
fn a_requeued_card_is_due_now_until_graded() {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.grade("a", &fsrs, Grade::Easy, NOON, 1000);
    let clock = Clock { now: NOON + DAY, utc_offset_minutes: 0 };
    assert_eq!(Scope::new(&["a"]).queue(&progress, clock).next, None, "not due for days");
    progress.requeue("a", clock.now);
    assert_eq!(Scope::new(&["a"]).queue(&progress, clock).next, Some("a"));
    progress.grade("a", &fsrs, Grade::Good, clock.now, 1000);
    assert!(!progress.card("a").requeued);
}

#[test]
fn version_1_documents_migrate_and_histories_merge() {
    let v1 = r#"{"version":1,"settings":{"new_per_day":20,"reviews_per_day":200,"desired_retention":0.9},"cards":{},"log":[]}"#;
    let mut progress = Progress::parse(v1).expect("a version 1 document still loads");
    assert_eq!(progress.version, trainer_core::progress::VERSION, "migrated to the current version");
    assert!(progress.quizzes.is_empty());
    let mut other = Progress::default();
    other.quizzes.push(quiz_record(NOON, &[("q:a", "sql/x", true)]));
    other.quizzes.push(quiz_record(NOON - DAY, &[("q:b", "sql/x", false)]));
    progress.quizzes.push(quiz_record(NOON, &[("q:a", "sql/x", true)]));
    progress.merge(&other);
    assert_eq!(progress.quizzes.iter().map(|q| q.at).collect::<Vec<_>>(), [NOON - DAY, NOON]);
    let round_trip = Progress::parse(&progress.to_json()).unwrap();
    assert_eq!(round_trip, progress);

    let mut bad = Progress::default();
    bad.quizzes.push(quiz_record(5, &[]));
    assert!(Progress::parse(&bad.to_json()).unwrap_err().to_string().contains("impossible time 5"));
}

#[test]
fn links_name_sections_and_wrong_answers_name_cards() {
    let deck = deck();
    let sql = topic(&deck, "sql");
    let all = sections_of(&deck, &[], None).unwrap();
    assert_eq!(all.len(), deck.topics.iter().map(|t| t.sections.len()).sum::<usize>());
    let one = sections_of(&deck, &["sql".into()], Some(deck.topics[sql as usize].sections[2].slug)).unwrap();
    assert_eq!(one, [(sql, 2)]);
    assert_eq!(sections_of(&deck, &["nope".into()], None), None);
    assert_eq!(sections_of(&deck, &["sql".into()], Some("nope")), None);

    // A section whose quiz has both authored items and items made from cards.
    let quiz = build(&deck, &spec(sections_of(&deck, &[], None).unwrap(), None, 11));
    let from_card = quiz
        .iter()
        .find(|q| {
            q.card.is_some() && quiz.iter().any(|a| a.kind == Kind::Authored && (a.topic, a.section) == (q.topic, q.section))
        })
        .expect("such a section");
    let authored =
        quiz.iter().find(|a| a.kind == Kind::Authored && (a.topic, a.section) == (from_card.topic, from_card.section)).unwrap();
    assert_eq!(cards_to_review(&deck, [from_card]), [deck.cards[from_card.card.unwrap() as usize].id]);
    let place = (from_card.topic, from_card.section);
    let section_cards: Vec<&str> = deck.cards.iter().filter(|c| (c.topic, c.section) == place).map(|c| c.id).collect();
    assert_eq!(cards_to_review(&deck, [authored, from_card]), section_cards, "each card once, in deck order");
}
