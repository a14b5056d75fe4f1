//! Mastery per section and per topic, from everything the learner has done: quiz answers (right = 1),
//! interview self-grades (Знал 1, Частично ½, Не знал 0) and review-phase flashcard grades (anything but
//! Again = 1, i.e. retention). Recent evidence weighs more (half-life 30 days). Each section starts from a
//! prior worth a few answers — lower for the topics the seed's interviewer named as weak — so those come first
//! until the learner's own history outweighs it. It needs only the deck's [`Outline`]: a card's section comes
//! from its id, so home shows mastery before the skeleton is fetched (a review of a card that left the deck
//! still counts for its section while that section exists).

use crate::model::{Deck, Outline};
use crate::progress::Progress;
use crate::scheduler::{Grade, Phase};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

const HALF_LIFE_DAYS: f64 = 30.0;
const DAY_MS: f64 = 86_400_000.0;
/// The prior counts as this many answers.
const PRIOR_WEIGHT: f64 = 3.0;
const PRIOR_FOCUS: f64 = 0.3;
const PRIOR_OTHER: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mastery {
    /// 0 … 1.
    pub value: f64,
    /// Sum of the learner's evidence weights; 0 means only the prior speaks.
    pub evidence: f64,
}

impl Mastery {
    pub fn percent(&self) -> u32 {
        (self.value * 100.0).round() as u32
    }
}

/// Mastery of every section (`sections[topic][section]`) and topic of the deck.
#[derive(Debug, Clone, PartialEq)]
pub struct MasteryMap {
    pub sections: Vec<Vec<Mastery>>,
    pub topics: Vec<Mastery>,
}

/// One piece of evidence: what was answered, how well (0 … 1) and when.
struct Observation {
    topic: usize,
    section: usize,
    score: f64,
    at: i64,
}

pub fn mastery(outline: &Outline, progress: &Progress, now: i64) -> MasteryMap {
    let mut sums: Vec<Vec<(f64, f64)>> = outline.topics.iter().map(|t| vec![(0.0, 0.0); t.sections.len()]).collect();
    for seen in observations(outline, progress) {
        let weight = 0.5f64.powf(((now - seen.at).max(0) as f64 / DAY_MS) / HALF_LIFE_DAYS);
        let (scored, total) = &mut sums[seen.topic][seen.section];
        *scored += weight * seen.score;
        *total += weight;
    }
    let with_prior = |prior: f64, (scored, total): (f64, f64)| Mastery {
        value: (prior * PRIOR_WEIGHT + scored) / (PRIOR_WEIGHT + total),
        evidence: total,
    };
    let prior = |topic: usize| if outline.topics[topic].focus { PRIOR_FOCUS } else { PRIOR_OTHER };
    let sections = sums.iter().enumerate().map(|(t, s)| s.iter().map(|&sum| with_prior(prior(t), sum)).collect()).collect();
    let topics = sums
        .iter()
        .enumerate()
        .map(|(t, s)| with_prior(prior(t), s.iter().fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))))
        .collect();
    MasteryMap { sections, topics }
}

/// Topic indices, weakest first (ties in notes order).
pub fn weakest_topics(map: &MasteryMap) -> Vec<usize> {
    let mut order: Vec<usize> = (0..map.topics.len()).collect();
    order.sort_by(|&a, &b| map.topics[a].value.total_cmp(&map.topics[b].value));
    order
}

/// The `count` weakest sections that have something to quiz on, weakest first.
pub fn weakest_sections(deck: &Deck, map: &MasteryMap, count: usize) -> Vec<(u32, u32)> {
    let mut with_items: HashSet<(u32, u32)> = deck.quizzes.iter().map(|q| (q.topic, q.section)).collect();
    with_items.extend(deck.cards.iter().filter(|c| !c.term.is_empty()).map(|c| (c.topic, c.section)));
    let mut sections: Vec<(u32, u32)> = with_items.into_iter().collect();
    let value = |&(t, s): &(u32, u32)| map.sections[t as usize][s as usize].value;
    sections.sort_by(|a, b| value(a).total_cmp(&value(b)).then(a.cmp(b)));
    sections.truncate(count);
    sections
}

/// Quiz item keys whose latest answer was wrong.
pub fn wrong_before(progress: &Progress) -> HashSet<String> {
    let mut latest: HashMap<&str, (i64, bool)> = HashMap::new();
    for quiz in &progress.quizzes {
        for answer in &quiz.answers {
            let entry = latest.entry(&answer.item).or_insert((quiz.at, answer.correct));
            if quiz.at >= entry.0 {
                *entry = (quiz.at, answer.correct);
            }
        }
    }
    latest.into_iter().filter(|(_, (_, correct))| !correct).map(|(key, _)| key.to_string()).collect()
}

/// Every quiz answer, interview grade and review-phase grade of a section still in the deck.
fn observations<'a>(outline: &'a Outline, progress: &'a Progress) -> impl Iterator<Item = Observation> + 'a {
    let sections: Rc<HashMap<String, (usize, usize)>> = Rc::new(
        outline
            .topics
            .iter()
            .enumerate()
            .flat_map(|(t, topic)| (0..topic.sections.len()).map(move |s| (outline.section_key(t, s), (t, s))))
            .collect(),
    );
    let of_card = sections.clone();
    let observe = |place: Option<(usize, usize)>, score: f64, at: i64| {
        place.map(|(topic, section)| Observation { topic, section, score, at })
    };
    let quizzes = progress
        .quizzes
        .iter()
        .flat_map(move |quiz| quiz.answers.iter().map(move |a| (a.section.clone(), if a.correct { 1.0 } else { 0.0 }, quiz.at)));
    let interviews = progress
        .interviews
        .iter()
        .flat_map(|interview| interview.answers.iter().map(move |a| (a.section.clone(), a.grade.score(), interview.at)));
    let by_section = quizzes.chain(interviews).collect::<Vec<_>>().into_iter();
    let reviews = progress.log.iter().filter(|e| e.phase == Phase::Review).filter_map(move |e| {
        let place = outline.card_section_key(&e.card).and_then(|key| of_card.get(key.as_ref()).copied());
        observe(place, if e.grade == Grade::Again { 0.0 } else { 1.0 }, e.at)
    });
    by_section.filter_map(move |(section, score, at)| observe(sections.get(&section).copied(), score, at)).chain(reviews)
}
