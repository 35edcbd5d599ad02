//! Risks: drawn with their ratings and treatment decisions, and re-rated once their
//! mitigations are drawn.

use chrono::Datelike;

use crate::calendar::{Day, date};
use crate::model::{Decision, MitigationDoc, Rating, RiskDoc, Status, Treatment, id_width, slug};
use crate::organization::{CEO, CISO, EXECUTIVES, OWNERS};
use crate::phrases::{ACCEPT_RATIONALES, AVOID_RATIONALES, RETIRE_REASONS, TRANSFERS};
use crate::rng::Rng;
use crate::themes::{EXTRA_SYSTEMS, QUALIFIERS, THEMES, fill, pick_word};

use super::Generator;

impl Generator {
    /// Draws `count` risks, oldest first, so that at most `mitigations` of them are treated
    /// by mitigation (each needs a mitigation of its own).
    pub(super) fn risks(&mut self, count: usize, mitigations: usize) -> Vec<RiskDoc> {
        let rng = &mut self.rng;
        // Three years of history, denser in recent months as the register grew.
        let mut identified: Vec<Day> = (0..count)
            .map(|_| self.as_of - (rng.unit().powf(1.3) * 1095.0) as Day)
            .collect();
        identified.sort_unstable();
        let width = id_width(count);

        let mut risks: Vec<RiskDoc> = identified
            .into_iter()
            .enumerate()
            .map(|(index, identified)| {
                let theme_index = rng.below(THEMES.len());
                let theme = &THEMES[theme_index];
                let system = pick_word(rng, theme.systems);
                let mut title = fill(theme.title, system);
                if theme.qualify && rng.chance(0.3) {
                    title.push_str(rng.pick(QUALIFIERS));
                }
                let mut systems = vec![system];
                if rng.chance(0.3) {
                    let extra = rng.pick(EXTRA_SYSTEMS);
                    if extra != system {
                        systems.push(extra);
                    }
                }
                let criteria = if theme.criteria.len() > 1 && rng.chance(0.2) {
                    &theme.criteria[..1]
                } else {
                    theme.criteria
                };
                let mut description = vec![fill(theme.scenario[0], system)];
                if rng.chance(0.6) {
                    description.push(fill(theme.scenario[1], system));
                }
                description.push(source_line(rng, identified));
                let owner = if rng.chance(0.1) {
                    rng.pick(&[CISO, 3, 4])
                } else {
                    EXECUTIVES + rng.below(OWNERS.len() - EXECUTIVES)
                };
                let inherent = Rating {
                    impact: 1 + rng.weighted(&[5, 20, 35, 28, 12]) as u32,
                    likelihood: 1 + rng.weighted(&[10, 25, 35, 22, 8]) as u32,
                };
                let retired = (identified < self.as_of - 365 && rng.chance(0.03)).then(|| {
                    let on = rng.range(identified + 120, self.as_of - 1);
                    (on, rng.pick(RETIRE_REASONS))
                });
                RiskDoc {
                    id: format!("R-{:0width$}", index + 1),
                    slug: slug(&title),
                    title,
                    description,
                    owner,
                    identified,
                    criteria,
                    systems,
                    inherent,
                    residual: None,
                    treatment: Treatment::Mitigate,
                    retired,
                    theme: theme_index,
                }
            })
            .collect();

        // Decide, then make sure every `mitigate` risk can get a mitigation of its own.
        let mut decisions: Vec<Decision> = risks
            .iter()
            .map(|risk| match rng.unit() {
                // High and critical risks are rarely accepted: most become mitigations.
                u if u < 0.10 => {
                    if risk.inherent.score() < 10 || rng.chance(0.3) {
                        Decision::Accept
                    } else {
                        Decision::Mitigate
                    }
                }
                u if u < 0.15 => Decision::Transfer,
                u if u < 0.18 => Decision::Avoid,
                _ => Decision::Mitigate,
            })
            .collect();
        let mut to_mitigate = decisions
            .iter()
            .filter(|&&d| d == Decision::Mitigate)
            .count();
        for decision in decisions.iter_mut().rev() {
            if to_mitigate <= mitigations {
                break;
            }
            if *decision == Decision::Mitigate {
                *decision = Decision::Accept;
                to_mitigate -= 1;
            }
        }
        for (risk, decision) in risks.iter_mut().zip(decisions) {
            self.treat(risk, decision);
        }
        risks
    }

    /// Sets a risk's treatment (and residual rating, where the decision implies one) for a
    /// decision other than mitigate, whose residual depends on its mitigations.
    fn treat(&mut self, risk: &mut RiskDoc, decision: Decision) {
        let rng = &mut self.rng;
        let inherent = risk.inherent;
        risk.treatment = match decision {
            Decision::Accept => {
                risk.residual = rng.chance(0.4).then_some(inherent);
                let approver = if inherent.score() >= 10 {
                    CEO
                } else {
                    rng.pick(&[1, 1, 2, 2, 2, 3, 4])
                };
                // Approved (or last renewed) within the past 330 days, after identification.
                let earliest = (risk.identified + 7).max(self.as_of - 330).min(self.as_of);
                let approved_on = rng.range(earliest.max(risk.identified), self.as_of);
                let terms: Vec<i32> = [180, 270, 365]
                    .into_iter()
                    .filter(|days| approved_on + days > self.as_of)
                    .collect();
                Treatment::Accept {
                    rationale: rng.pick(ACCEPT_RATIONALES),
                    approver,
                    approved_on,
                    expires: approved_on + rng.pick(&terms),
                }
            }
            Decision::Transfer => {
                let (rationale, to) = rng.pick(TRANSFERS);
                if rng.chance(0.7) {
                    risk.residual = Some(Rating {
                        impact: inherent
                            .impact
                            .saturating_sub(rng.range(1, 2) as u32)
                            .max(1),
                        likelihood: inherent.likelihood,
                    });
                }
                Treatment::Transfer { rationale, to }
            }
            Decision::Avoid => {
                if rng.chance(0.6) {
                    risk.residual = Some(Rating {
                        impact: inherent.impact,
                        likelihood: 1,
                    });
                }
                if risk.retired.is_none() && risk.identified < self.as_of - 180 && rng.chance(0.3) {
                    risk.retired = Some((
                        rng.range(risk.identified + 60, self.as_of - 1),
                        "Feature removed from the product",
                    ));
                }
                Treatment::Avoid {
                    rationale: rng.pick(AVOID_RATIONALES),
                }
            }
            Decision::Mitigate => Treatment::Mitigate,
        }
    }

    /// Re-rates `mitigate` risks after their mitigations: always once every live action is
    /// completed, often once one is, and sometimes ahead of time as a target.
    pub(super) fn reassess(&mut self, risks: &mut [RiskDoc], mitigations: &[MitigationDoc]) {
        // (live actions, completed actions) per risk
        let mut progress = vec![(0usize, 0usize); risks.len()];
        for m in mitigations {
            if m.status == Status::Cancelled {
                continue;
            }
            for &r in &m.risks {
                progress[r].0 += 1;
                progress[r].1 += usize::from(m.status == Status::Completed);
            }
        }
        for (risk, (live, done)) in risks.iter_mut().zip(progress) {
            if !matches!(risk.treatment, Treatment::Mitigate) {
                continue;
            }
            let all_done = live > 0 && done == live;
            if all_done || (done > 0 && self.rng.chance(0.7)) || self.rng.chance(0.15) {
                let lower = self.rng.range(1, 3) as u32;
                risk.residual = Some(Rating {
                    impact: risk
                        .inherent
                        .impact
                        .saturating_sub(u32::from(self.rng.chance(0.3)))
                        .max(1),
                    likelihood: risk.inherent.likelihood.saturating_sub(lower).max(1),
                });
            }
        }
    }
}

/// The last line of a risk description: where the risk came from.
fn source_line(rng: &mut Rng, identified: Day) -> String {
    let when = date(identified);
    let year = when.year();
    match rng.below(6) {
        0 => format!("Raised in the {year} penetration test report."),
        1 => format!(
            "Found during the Q{} {year} user access review.",
            when.month0() / 3 + 1
        ),
        2 => "Raised by the auditor during the SOC 2 readiness assessment.".to_owned(),
        3 => "Reported by an engineer in the #security channel.".to_owned(),
        4 => format!("Identified in the {year} annual risk assessment workshop."),
        _ => "Came up in the post-mortem of a related incident.".to_owned(),
    }
}
