//! The register and its treatment plan: every risk with its rating, decision and actions.

use std::collections::HashMap;

use crate::escape::uri;
use crate::model::{Config, Decision, Mitigation, Rating, Risk, Status};

use super::super::slug::Slugger;
use super::super::view::{
    ActionView, DueMoveView, Evidence, Progress, RatingView, RiskView, UpdateView,
};
use super::heatmap::tone;
use super::{Builder, commit_ref};

/// The headings of the default Markdown template above the first risk's, after the title:
/// their anchors come first, so a risk's heading that reads the same gets `-1`.
const HEADINGS_BEFORE_PLAN: [&str; 6] = [
    "Summary",
    "Heat maps",
    "Inherent risk",
    "Residual risk",
    "Risk register",
    "Treatment plan",
];

impl Builder<'_> {
    /// Every risk, active first then retired, by ID.
    pub(super) fn risks(&self) -> Vec<RiskView> {
        let actions = self.actions_by_risk();
        let max_rank = self
            .config
            .appetite
            .as_ref()
            .and_then(|appetite| appetite.max_accepted_level.as_deref())
            .and_then(|name| self.config.level_rank(name));
        let mut risks: Vec<RiskView> = self
            .index
            .risks
            .iter()
            .map(|(doc, risk)| self.risk(&doc.path, risk, &actions, max_rank))
            .collect();
        risks.sort_by(|a, b| (a.retired.is_some(), &a.id).cmp(&(b.retired.is_some(), &b.id)));
        self.set_anchors(&mut risks);
        risks
    }

    /// Gives each risk its heading and the anchor GitHub gives it in the default Markdown
    /// template (numbered where headings repeat) and each rendering of an action an id of
    /// its own, with links to an action leading to its first rendering.
    fn set_anchors(&self, risks: &mut [RiskView]) {
        let mut headings = Slugger::default();
        headings.slug(&format!("{}: {}", self.title(), self.config.organization));
        for heading in HEADINGS_BEFORE_PLAN {
            headings.slug(heading);
        }
        let mut renderings = Slugger::default();
        let mut first: HashMap<String, String> = HashMap::new();
        for risk in risks.iter_mut() {
            risk.heading = heading(&risk.id, &risk.title);
            risk.anchor = headings.slug(&risk.heading);
            for action in &mut risk.actions {
                action.anchor = renderings.slug(&format!("action {}", action.id));
                action.link = first
                    .entry(action.id.clone())
                    .or_insert_with(|| action.anchor.clone())
                    .clone();
            }
        }
    }

    /// The actions of each risk, by ID.
    fn actions_by_risk(&self) -> HashMap<&str, Vec<ActionView>> {
        let mut map: HashMap<&str, Vec<ActionView>> = HashMap::new();
        for (doc, mitigation) in &self.index.mitigations {
            let view = self.action(&doc.path, mitigation);
            for risk_id in &mitigation.risks {
                map.entry(risk_id.as_str()).or_default().push(view.clone());
            }
        }
        map.values_mut()
            .for_each(|actions| actions.sort_by(|a, b| a.id.cmp(&b.id)));
        map
    }

    fn action(&self, path: &str, mitigation: &Mitigation) -> ActionView {
        ActionView {
            id: mitigation.id.clone(),
            anchor: String::new(),
            link: String::new(),
            title: mitigation.title.clone(),
            owner: mitigation.owner.clone(),
            owner_name: self.owner_name(mitigation.owner.as_deref()),
            due: mitigation.due,
            due_moves: self
                .index
                .due_moves(mitigation)
                .iter()
                .map(|moved| DueMoveView {
                    from: moved.from,
                    to: moved.to,
                    later: moved.is_later(),
                    commit: moved.commit.map(commit_ref),
                })
                .collect(),
            status: mitigation.status,
            completed_on: mitigation.completed_on,
            blocker: mitigation.blocker.clone(),
            evidence: mitigation
                .evidence
                .iter()
                .map(|text| Evidence {
                    text: text.clone(),
                    url: (text.starts_with("https://") || text.starts_with("http://"))
                        .then(|| uri::encode(text)),
                })
                .collect(),
            path: path.to_owned(),
            last_changed: self.last_changed(&mitigation.id, path),
            updates: mitigation
                .updates
                .iter()
                .map(|update| UpdateView {
                    on: update.on,
                    note: update.note.clone(),
                })
                .collect(),
            findings: self.findings_in(path),
        }
    }

    fn risk(
        &self,
        path: &str,
        risk: &Risk,
        actions_by_risk: &HashMap<&str, Vec<ActionView>>,
        max_rank: Option<usize>,
    ) -> RiskView {
        let config = self.config;
        let treatment = risk.treatment.clone().unwrap_or_default();
        let actions = actions_by_risk
            .get(risk.id.as_str())
            .cloned()
            .unwrap_or_default();
        let live: Vec<&ActionView> = actions
            .iter()
            .filter(|action| action.status != Status::Cancelled)
            .collect();
        let accepted_rating = risk.residual.as_ref().unwrap_or(&risk.inherent);
        let within_appetite = (risk.decision() == Some(Decision::Accept))
            .then_some(())
            .and(max_rank)
            .and_then(|max| {
                let level = config.level_of(accepted_rating.score())?;
                Some(config.level_rank(&level.name)? <= max)
            });
        let findings = self.findings_in(path);
        let acceptance_questioned = risk.decision() == Some(Decision::Accept)
            && findings
                .iter()
                .any(|finding| finding.field.starts_with("/treatment"));
        RiskView {
            id: risk.id.clone(),
            anchor: String::new(),
            heading: String::new(),
            title: risk.title.clone(),
            description: risk.description.clone(),
            owner: risk.owner.clone(),
            owner_name: self.owner_name(risk.owner.as_deref()),
            identified: risk.identified,
            criteria: risk.criteria.clone(),
            systems: risk.systems.clone(),
            inherent: rating(config, &risk.inherent),
            residual: risk
                .residual
                .as_ref()
                .map(|residual| rating(config, residual)),
            decision: risk.decision(),
            rationale: treatment.rationale.clone(),
            approved_by_name: self.owner_name(treatment.approved_by.as_deref()),
            approved_by: treatment.approved_by,
            approved_on: treatment.approved_on,
            expires: treatment.expires,
            within_appetite,
            transferred_to: treatment.transferred_to,
            retired: risk
                .retired
                .as_ref()
                .map(|retired| (retired.on, retired.reason.clone())),
            progress: Progress {
                done: live
                    .iter()
                    .filter(|action| action.status == Status::Completed)
                    .count(),
                total: live.len(),
            },
            actions,
            path: path.to_owned(),
            last_changed: self.last_changed(&risk.id, path),
            findings,
            acceptance_questioned,
        }
    }
}

/// A risk's heading in the Markdown plan, `R-001 — Title`: the title's characters other
/// than letters, digits and ASCII punctuation (line breaks, symbols, marks) and its `@`
/// (which GitHub would read as a mention) made single spaces, so that the heading's text
/// and its anchor are the same for every renderer.
fn heading(id: &str, title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || (c.is_ascii_punctuation() && c != '@') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.is_empty() {
        id.to_owned()
    } else {
        format!("{id} — {}", words.join(" "))
    }
}

/// A rating with its score, level and the level's colour.
fn rating(config: &Config, rating: &Rating) -> RatingView {
    let level = config.level_of(rating.score());
    RatingView {
        impact: rating.impact,
        likelihood: rating.likelihood,
        score: rating.score(),
        level: level.map(|level| level.name.clone()).unwrap_or_default(),
        tone: tone(config, level.map(|level| level.name.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::HEADINGS_BEFORE_PLAN;

    /// The anchors of the risks' headings are numbered from the headings the default
    /// Markdown template writes before them: the list must follow the template.
    #[test]
    fn the_headings_before_the_plan_are_the_templates() {
        let template = include_str!("../../../templates/report.md.j2");
        let before_plan: Vec<&str> = template
            .lines()
            .filter_map(|line| {
                line.strip_prefix("## ")
                    .or_else(|| line.strip_prefix("### "))
            })
            .take_while(|heading| *heading != "Treatment plan")
            .filter(|heading| !heading.contains("{{"))
            .collect();
        let listed: Vec<&str> = HEADINGS_BEFORE_PLAN
            .iter()
            .copied()
            .filter(|heading| !heading.ends_with(" risk") && *heading != "Treatment plan")
            .collect();
        assert_eq!(before_plan, listed);
        assert!(template.contains("## Treatment plan\n"));
        assert!(
            template.contains("### {{ name }}"),
            "the two heat-map headings"
        );
    }
}
