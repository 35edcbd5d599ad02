//! The heat maps: impact x likelihood grids of the active risks, coloured by level.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Config, Rating};

use super::super::trend::view::tone_of_rank;
use super::super::view::{Heatmap, HeatmapCell, HeatmapRow, RiskLink};
use super::{Builder, risk_link};

impl Builder<'_> {
    /// One grid of these ratings (risks without one are counted as unrated): rows from the
    /// highest likelihood down, cells by impact from 1 up, each naming its risks (`links`).
    pub(super) fn heatmap<'r>(
        &self,
        ratings: impl Iterator<Item = (&'r str, Option<&'r Rating>)>,
        links: &HashMap<&str, RiskLink>,
    ) -> Heatmap {
        let config = self.config;
        let impacts = config.scale.impact.len() as u32;
        let likelihoods = config.scale.likelihood.len() as u32;
        let mut cells: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
        let mut total = 0;
        let mut unrated = 0;
        for (id, rating) in ratings {
            let Some(rating) = rating else {
                unrated += 1;
                continue;
            };
            cells
                .entry((rating.likelihood, rating.impact))
                .or_default()
                .push(id.to_owned());
            total += 1;
        }
        let rows = (1..=likelihoods)
            .rev()
            .map(|likelihood| HeatmapRow {
                likelihood,
                label: config
                    .scale
                    .likelihood
                    .get(likelihood as usize - 1)
                    .cloned()
                    .unwrap_or_default(),
                cells: (1..=impacts)
                    .map(|impact| {
                        let risks = cells.remove(&(likelihood, impact)).unwrap_or_default();
                        let level = config.level_of(impact * likelihood);
                        HeatmapCell {
                            impact,
                            likelihood,
                            score: impact * likelihood,
                            tone: tone(config, level.map(|level| level.name.as_str())),
                            level: level.map(|level| level.name.clone()).unwrap_or_default(),
                            count: risks.len(),
                            entries: risks.iter().map(|id| risk_link(links, id)).collect(),
                            risks,
                        }
                    })
                    .collect(),
            })
            .collect();
        Heatmap {
            rows,
            total,
            unrated,
        }
    }
}

/// The colour of a level by its rank among the config's levels, low to high: green,
/// yellow, orange, red; `none` for no level.
pub(super) fn tone(config: &Config, level: Option<&str>) -> &'static str {
    level
        .and_then(|name| config.level_rank(name))
        .map_or("none", |rank| tone_of_rank(rank, config.levels.len()))
}
