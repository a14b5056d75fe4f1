//! The mock interview's questions: open questions (cards whose answer is more than a line), at most one per
//! section and two per topic so it ranges across topics, drawn with weights that favour weak sections.

use crate::mastery::MasteryMap;
use crate::model::Deck;
use crate::quiz::term_side;

pub const LENGTHS: [usize; 3] = [8, 10, 12];
pub const DEFAULT_LENGTH: usize = 10;
const PER_TOPIC: usize = 2;
/// Even a fully mastered section keeps a chance of being asked.
const MIN_WEIGHT: f64 = 0.05;

/// Card indices for an interview of `count` questions, the same for the same seed and mastery.
pub fn pick_questions(deck: &Deck, mastery: &MasteryMap, count: usize, seed: u64) -> Vec<u32> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // One open card per section, chosen at random, with a weighted-sampling key (Efraimidis–Spirakis:
    // u^(1/w), the largest keys win).
    let mut candidates: Vec<(f64, u32, u32)> = Vec::new();
    for (t, topic) in deck.topics.iter().enumerate() {
        for s in 0..topic.sections.len() {
            let open: Vec<u32> = (0..deck.cards.len())
                .filter(|&i| {
                    let c = &deck.cards[i];
                    c.topic as usize == t && c.section as usize == s && c.term.is_empty() && term_side(deck, i).is_none()
                })
                .map(|i| i as u32)
                .collect();
            if open.is_empty() {
                continue;
            }
            let card = open[rng.u32(..open.len() as u32) as usize];
            // Cubed, so a section at 30 % weighs nearly three times as much as one at 50 %.
            let weight = (1.0 - mastery.sections[t][s].value).max(0.0).powi(3) + MIN_WEIGHT;
            candidates.push((rng.f64().powf(1.0 / weight), t as u32, card));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut per_topic = vec![0; deck.topics.len()];
    let mut picked = Vec::new();
    for (_, topic, card) in candidates {
        if picked.len() == count {
            break;
        }
        if per_topic[topic as usize] < PER_TOPIC {
            per_topic[topic as usize] += 1;
            picked.push(card);
        }
    }
    picked
}
