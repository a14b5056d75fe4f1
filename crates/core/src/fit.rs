//! Fitting FSRS-6's parameters to the learner's own review log, evaluating them against the defaults, and the
//! expected daily workload at a few desired retentions: all through the `fsrs` crate. Only the optimiser's
//! worker (`crates/optimiser`) calls this, so none of it lands in the app's main module.

use crate::progress::{Fit, ReviewEntry, Settings};
use crate::scheduler::{Grade, Phase, DEFAULT_PARAMETERS};
use fsrs::{ComputeParametersInput, FSRSItem, FSRSReview, ModelEvaluation, SimulatorConfig, FSRS};
use std::collections::BTreeMap;

/// `fsrs::compute_parameters` fits all 21 parameters only from 64 usable reviews on (below that it fits the
/// first stabilities or returns the defaults).
pub const MIN_REVIEWS: usize = 64;
/// The retentions whose workload the settings compare.
pub const WORKLOAD_RETENTIONS: [f32; 4] = [0.80, 0.85, 0.90, 0.95];
const DAY_MS: i64 = 86_400_000;

/// The log as the optimiser reads it: one item per review a day or more after the card's previous one (what
/// the model predicts: a same-day review is certain to it, and the crate refuses an item with no such gap),
/// carrying the card's history up to it, with the card (its index in id order) for each.
pub struct History {
    pub items: Vec<FSRSItem>,
    pub card_ids: Vec<i64>,
}

impl History {
    /// Each card's reviews from its first grade as a new card on, in time order; days between reviews are
    /// whole days elapsed, as the scheduler counts them.
    pub fn from_log(log: &[ReviewEntry]) -> History {
        let mut by_card: BTreeMap<&str, Vec<&ReviewEntry>> = BTreeMap::new();
        for entry in log {
            by_card.entry(entry.card.as_str()).or_default().push(entry);
        }
        let (mut items, mut card_ids) = (Vec::new(), Vec::new());
        for (card, mut entries) in by_card.into_values().enumerate() {
            entries.sort_by_key(|e| e.at);
            // A card reset to new starts its history again.
            let Some(start) = entries.iter().rposition(|e| e.phase == Phase::New) else { continue };
            let mut reviews = Vec::new();
            let mut last = None;
            for entry in &entries[start..] {
                let delta_t = last.map_or(0, |at: i64| ((entry.at - at).max(0) / DAY_MS) as u32);
                reviews.push(FSRSReview { rating: rating(entry.grade), delta_t });
                last = Some(entry.at);
                if delta_t > 0 {
                    items.push(FSRSItem { reviews: reviews.clone() });
                    card_ids.push(card as i64);
                }
            }
        }
        History { items, card_ids }
    }

    /// Log loss and RMSE (bins) of `parameters` on this history, as Anki reports them.
    pub fn evaluate(&self, parameters: &[f32]) -> Option<ModelEvaluation> {
        let model = FSRS::new(parameters).ok()?;
        model.evaluate_with_card_ids(self.items.clone(), self.card_ids.clone(), |_| true).ok()
    }

    /// Fits the parameters; `None` when the crate refuses the data.
    pub fn fit(&self) -> Option<Vec<f32>> {
        let input = ComputeParametersInput {
            train_set: self.items.clone(),
            card_ids: Some(self.card_ids.clone()),
            ..ComputeParametersInput::default()
        };
        fsrs::compute_parameters(input).ok()
    }

    /// Fits and evaluates the fit against the defaults on this history, reporting each phase as it starts.
    pub fn fit_and_evaluate(&self, at: i64, mut phase: impl FnMut(Step)) -> Option<Fit> {
        phase(Step::Defaults);
        let defaults = self.evaluate(&DEFAULT_PARAMETERS)?;
        phase(Step::Fitting);
        let parameters = self.fit()?;
        phase(Step::Evaluating);
        let fitted = self.evaluate(&parameters)?;
        Some(Fit {
            at,
            reviews: self.items.len() as u32,
            parameters,
            log_loss: fitted.log_loss,
            rmse_bins: fitted.rmse_bins,
            default_log_loss: defaults.log_loss,
            default_rmse_bins: defaults.rmse_bins,
        })
    }
}

/// The phases of a fit, for the progress shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Defaults,
    Fitting,
    Evaluating,
}

impl Fit {
    /// Predicts the learner's reviews better than the defaults (lower log loss, Anki's test): only then is it
    /// worth keeping.
    pub fn beats_defaults(&self) -> bool {
        self.log_loss < self.default_log_loss
    }
}

/// Reviews a day (learning steps included) averaged over a year of studying `cards` cards at each of
/// [`WORKLOAD_RETENTIONS`], by the crate's simulator with the daily limits of `settings` and `parameters`.
pub fn workload(settings: &Settings, parameters: &[f32], cards: usize) -> Vec<(f32, f32)> {
    let config = SimulatorConfig {
        deck_size: cards,
        learn_span: 365,
        learn_limit: settings.new_per_day as usize,
        review_limit: settings.reviews_per_day as usize,
        ..SimulatorConfig::default()
    };
    WORKLOAD_RETENTIONS
        .iter()
        .filter_map(|&retention| {
            let result = fsrs::simulate(&config, parameters, retention, Some(42), None).ok()?;
            let days = result.review_cnt_per_day.len().max(1) as f32;
            let reviews: usize = result.review_cnt_per_day.iter().chain(&result.learn_cnt_per_day).sum();
            Some((retention, reviews as f32 / days))
        })
        .collect()
}

fn rating(grade: Grade) -> u32 {
    u32::from(grade.key())
}
