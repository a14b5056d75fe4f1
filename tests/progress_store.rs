//! The progress document: round trips, refusal of foreign or broken data with a reason, merging of two
//! copies (two tabs, import), ids of vanished cards kept aside, and a bounded fuzz run of the parser.

use proptest::prelude::*;
use trainer_core::progress::{CardProgress, InterviewDay, Outcome, Progress, ProgressError, ReviewEntry, VERSION};
use trainer_core::review::{Clock, Scope};
use trainer_core::scheduler::{Fsrs, Grade, Phase};

const NOON: i64 = 1_773_144_000_000;

fn sample() -> Progress {
    let fsrs = Fsrs::new(0.9);
    let mut progress = Progress::default();
    progress.grade("sql/joins/inner", &fsrs, Grade::Good, NOON, 3000);
    progress.grade("sql/joins/left", &fsrs, Grade::Again, NOON + 1000, 5000);
    progress.set_suspended("sql/joins/cross", true, NOON + 2000);
    progress
}

#[test]
fn a_document_round_trips() {
    let progress = sample();
    assert_eq!(Progress::parse(&progress.to_json()), Ok(progress));
}

fn interview_day(date: &str, updated: i64) -> InterviewDay {
    InterviewDay { date: date.into(), topics: vec!["sql".into()], new_per_day: Some(35), outcome: Some(Outcome::Mixed), updated }
}

#[test]
fn version_2_exports_import_without_an_interview_day_and_version_3_keeps_it() {
    let mut value = serde_json::to_value(sample()).unwrap();
    value["version"] = 2.into();
    value.as_object_mut().unwrap().remove("interview_day");
    let imported = Progress::parse(&value.to_string()).expect("a version-2 export imports");
    assert_eq!((imported.version, imported.interview_day.clone()), (VERSION, None));
    assert_eq!(imported, sample());
    let mut planned = sample();
    planned.interview_day = Some(interview_day("2026-04-01", NOON));
    let json = planned.to_json();
    assert!(json.contains("\"version\":3"), "{json}");
    assert_eq!(Progress::parse(&json), Ok(planned));
}

#[test]
fn an_interview_day_that_is_no_date_is_refused_and_a_merge_keeps_the_newer_one() {
    let mut value = serde_json::to_value(sample()).unwrap();
    value["interview_day"] = serde_json::to_value(interview_day("2026-02-30", NOON)).unwrap();
    let error = Progress::parse(&value.to_string()).expect_err("refused").to_string();
    assert!(error.contains("2026-02-30"), "{error}");

    let mut ours = sample();
    ours.interview_day = Some(interview_day("2026-04-01", NOON + 10));
    let mut theirs = sample();
    theirs.interview_day = Some(interview_day("2026-05-01", NOON + 20));
    let mut merged = ours.clone();
    merged.merge(&theirs);
    assert_eq!(merged.interview_day, theirs.interview_day, "the newer one");
    theirs.merge(&ours);
    assert_eq!(theirs.interview_day.unwrap().date, "2026-05-01", "an older one does not replace it");
    let mut empty = sample();
    empty.merge(&ours);
    assert_eq!(empty.interview_day, ours.interview_day);
}

#[test]
fn broken_or_foreign_data_is_refused_with_a_reason() {
    let cases = [
        ("{\"version\":1,", "not JSON"),
        ("[1, 2, 3]", "not a progress file"),
        ("{\"todos\": []}", "not a progress file"),
        ("{\"version\": 7, \"cards\": {}}", "newer version"),
        ("{\"version\": 0}", "never written"),
        ("{\"version\": 1}", "missing field"),
    ];
    for (json, reason) in cases {
        let error = Progress::parse(json).expect_err(json).to_string();
        assert!(error.contains(reason), "{json}: {error}");
    }
}

#[test]
fn invalid_fields_are_named() {
    let good = serde_json::to_value(sample()).unwrap();
    let mutate = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut value = good.clone();
        f(&mut value);
        Progress::parse(&value.to_string()).expect_err("must be refused")
    };
    let unknown = mutate(&|v| v["extra"] = 1.into());
    assert!(matches!(unknown, ProgressError::Invalid(ref d) if d.contains("unknown field")), "{unknown}");
    let grade = mutate(&|v| v["log"][0]["grade"] = "excellent".into());
    assert!(grade.to_string().contains("excellent"), "{grade}");
    let time = mutate(&|v| v["log"][0]["at"] = 42.into());
    assert!(time.to_string().contains("impossible time"), "{time}");
    let retention = mutate(&|v| v["settings"]["desired_retention"] = 0.99.into());
    assert!(retention.to_string().contains("0.80–0.95"), "{retention}");
    let id = mutate(&|v| v["log"][0]["card"] = "".into());
    assert!(id.to_string().contains("bad card id"), "{id}");
}

#[test]
fn cards_that_left_the_deck_are_kept_but_not_shown() {
    let progress = sample();
    let reloaded = Progress::parse(&progress.to_json()).unwrap();
    assert!(reloaded.cards.contains_key("sql/joins/left"), "kept aside");
    let scope = ["sql/joins/inner"];
    let clock = Clock { now: NOON + 86_400_000 * 30, utc_offset_minutes: 0 };
    let q = Scope::new(&scope).queue(&reloaded, clock);
    assert_eq!(q.next, Some("sql/joins/inner"), "only cards of the current deck are queued");
}

#[test]
fn merge_takes_the_union_of_logs_and_the_newer_card_state() {
    let fsrs = Fsrs::new(0.9);
    let base = sample();
    let mut tab_a = base.clone();
    let mut tab_b = base.clone();
    tab_a.grade("sql/joins/inner", &fsrs, Grade::Easy, NOON + 60_000, 1000);
    tab_b.grade("sql/joins/left", &fsrs, Grade::Good, NOON + 120_000, 1000);
    tab_b.grade("sql/joins/inner", &fsrs, Grade::Hard, NOON + 180_000, 1000);
    let mut merged = tab_a.clone();
    merged.merge(&tab_b);
    assert_eq!(merged.log.len(), base.log.len() + 3);
    assert_eq!(merged.cards["sql/joins/inner"], tab_b.cards["sql/joins/inner"], "the later grade wins");
    assert_eq!(merged.cards["sql/joins/left"], tab_b.cards["sql/joins/left"]);
    let mut again = merged.clone();
    again.merge(&tab_a);
    again.merge(&tab_b);
    assert_eq!(again, merged, "merging is idempotent");
}

fn arb_entry() -> impl Strategy<Value = ReviewEntry> {
    ("[a-z]{1,3}/[a-z]{1,3}", NOON..NOON + 10_000_000, 0usize..4, 0u32..60_000).prop_map(|(card, at, g, answer_ms)| ReviewEntry {
        card,
        at,
        grade: Grade::ALL[g],
        elapsed_days: 0,
        scheduled_days: 1,
        phase: Phase::Review,
        answer_ms,
    })
}

fn arb_progress() -> impl Strategy<Value = Progress> {
    (
        proptest::collection::vec(arb_entry(), 0..20),
        proptest::collection::btree_map("[a-z]{1,3}/[a-z]{1,3}", NOON..NOON + 1_000_000, 0..8),
    )
        .prop_map(|(log, updates)| Progress {
            log,
            cards: updates.into_iter().map(|(id, updated)| (id, CardProgress { updated, ..CardProgress::default() })).collect(),
            ..Progress::default()
        })
}

proptest! {
    #[test]
    fn any_valid_document_round_trips(progress in arb_progress()) {
        prop_assert_eq!(Progress::parse(&progress.to_json()), Ok(progress));
    }

    #[test]
    fn merge_loses_no_review_and_is_order_independent(a in arb_progress(), b in arb_progress()) {
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        for entry in a.log.iter().chain(&b.log) {
            prop_assert!(ab.log.iter().any(|e| e.card == entry.card && e.at == entry.at));
        }
        let keys = |p: &Progress| { let mut k: Vec<_> = p.log.iter().map(|e| (e.card.clone(), e.at)).collect(); k.sort(); k };
        prop_assert_eq!(keys(&ab), keys(&ba));
        prop_assert_eq!(ab.cards.keys().collect::<Vec<_>>(), ba.cards.keys().collect::<Vec<_>>());
    }
}

proptest! {
    // A bounded fuzz run of the import parser: arbitrary text and mutated real documents never panic, and
    // whatever is accepted is valid and stable through another round trip.
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
    #[test]
    fn the_import_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400), cut in 0usize..2000, splice in ".{0,12}") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok(progress) = Progress::parse(&text) {
            prop_assert_eq!(Progress::parse(&progress.to_json()), Ok(progress));
        }
        let real = sample().to_json();
        let at = real.char_indices().map(|(i, _)| i).nth(cut % real.chars().count()).unwrap_or(0);
        let mutated = format!("{}{}{}", &real[..at], splice, &real[at..]);
        if let Ok(progress) = Progress::parse(&mutated) {
            prop_assert_eq!(progress.version, VERSION);
            prop_assert_eq!(Progress::parse(&progress.to_json()), Ok(progress));
        }
    }
}

#[test]
fn todays_counts_come_from_the_end_of_a_long_log() {
    let entry = |at, phase| ReviewEntry {
        card: "a/b".into(),
        at,
        grade: Grade::Good,
        elapsed_days: 0,
        scheduled_days: 1,
        phase,
        answer_ms: 900,
    };
    let day = 86_400_000;
    let mut progress = Progress::default();
    progress.log = (0..5000).map(|i| entry(NOON - 30 * day + i * 60_000, Phase::New)).collect();
    progress.log.push(entry(NOON - day, Phase::Review));
    progress.log.extend([entry(NOON, Phase::New), entry(NOON + 1000, Phase::Review), entry(NOON + 2000, Phase::Learning)]);
    assert_eq!(progress.done_today(NOON + 3_600_000, 0), (1, 1));
    assert_eq!(progress.done_today(NOON + 3 * day, 0), (0, 0), "nothing yet on a later day");
}

/// An export written before fitted parameters existed (format 2, FSRS-5 memory states) imports as it was: the
/// defaults are in use and FSRS-6 continues each card from its stored stability and difficulty.
#[test]
fn a_version_2_export_imports_and_its_fsrs5_states_schedule_on() {
    let version_2 = r#"{"version":2,"settings":{"new_per_day":20,"reviews_per_day":200,"desired_retention":0.9},
        "cards":{"sql/joins/inner":{"memory":{"phase":"review","due":1773748800000,"stability":7.5,"difficulty":5.1,
        "elapsed_days":1,"scheduled_days":7,"reps":3,"lapses":0,"last_review":1773144000000},"updated":1773144000000}},
        "log":[{"card":"sql/joins/inner","at":1773144000000,"grade":"good","elapsed_days":1,"scheduled_days":7,
        "phase":"review","answer_ms":3000}],"quizzes":[],"interviews":[]}"#;
    let mut progress = Progress::parse(version_2).expect("a version 2 export still imports");
    assert_eq!(progress.version, VERSION);
    assert_eq!((progress.settings.fits.list.len(), progress.settings.fits.active), (0, None));
    let before = progress.card("sql/joins/inner").memory;
    assert_eq!((before.stability, before.difficulty, before.reps), (7.5, 5.1, 3));
    let due = before.due;
    progress.grade("sql/joins/inner", &progress.settings.scheduler(), Grade::Good, due, 2000);
    let after = progress.card("sql/joins/inner").memory;
    assert_eq!((after.phase, after.reps, after.elapsed_days), (Phase::Review, 4, 7));
    assert!(after.stability > 2.0 * before.stability, "a recall after 7 days builds on the stored stability: {after:?}");
    assert_eq!(Progress::parse(&progress.to_json()), Ok(progress), "and round-trips as version {VERSION}");
}
