//! Builds the report's view ([`super::view`]) from a checked register: one [`Builder`]
//! holding what every section reads, and a file per section.

mod attention;
mod changes;
mod counts;
mod findings;
mod heatmap;
mod method;
mod plan;
mod reviews;
mod summary;
mod unreadable;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::code::Code;
use crate::finding::Finding;
use crate::git::Commit;
use crate::history::History;
use crate::index::Index;
use crate::load::Register;
use crate::model::{Config, Risk};

pub use counts::counts;

use super::view::{CommitRef, Heatmaps, LastChanged, Period, ReportContext, RiskLink, RiskView};

/// The options of a report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The title; default "Risk treatment plan".
    pub title: Option<String>,
    /// As-of date.
    pub as_of: NaiveDate,
    /// Audit period.
    pub period: Period,
    /// The commit the register was read at (`--rev`, `--at`); `None` for the work tree.
    pub committed: Option<Commit>,
}

/// What every section of the report reads: the indexed register, its history, the
/// findings of the check and the options.
struct Builder<'a> {
    config: &'a Config,
    index: Index<'a>,
    history: Option<&'a History>,
    findings: &'a [Finding],
    options: &'a ReportOptions,
}

/// Builds the context from a checked register.
pub fn build(
    register: &Register,
    history: Option<&History>,
    findings: &[Finding],
    options: &ReportOptions,
) -> ReportContext {
    Builder::new(register, history, findings, options).context()
}

impl<'a> Builder<'a> {
    /// A builder over a checked register.
    fn new(
        register: &'a Register,
        history: Option<&'a History>,
        findings: &'a [Finding],
        options: &'a ReportOptions,
    ) -> Self {
        Builder {
            config: &register.config,
            index: Index::new(register, options.as_of, history),
            history,
            findings,
            options,
        }
    }
}

impl Builder<'_> {
    fn context(&self) -> ReportContext {
        let config = self.config;
        let active = self.active();
        let risks = self.risks();
        let links = risk_links(&risks);
        let attention = self.attention(&risks);
        let unreadable = self.unreadable();
        ReportContext {
            title: self.title(),
            organization: config.organization.clone(),
            as_of: self.options.as_of,
            period: self.options.period,
            commit: self
                .options
                .committed
                .as_ref()
                .or_else(|| self.history.and_then(|history| history.tip.as_deref()))
                .map(commit_ref),
            committed: self.options.committed.is_some(),
            uncommitted: self.history.map_or(0, |history| history.dirty.len()),
            version: env!("CARGO_PKG_VERSION"),
            appetite: self.appetite(),
            method: self.method(),
            summary: self.summary(
                &active,
                attention.overdue.len(),
                attention.stale.len(),
                unreadable.len(),
            ),
            heatmaps: Heatmaps {
                impact_labels: config.scale.impact.clone(),
                likelihood_labels: config.scale.likelihood.clone(),
                inherent: self.heatmap(
                    active
                        .iter()
                        .map(|risk| (risk.id.as_str(), Some(&risk.inherent))),
                    &links,
                ),
                residual: self.heatmap(
                    active
                        .iter()
                        .map(|risk| (risk.id.as_str(), risk.residual.as_ref())),
                    &links,
                ),
            },
            findings: self.open_findings(&risks),
            reviews: self.reviews(&links),
            risks,
            unreadable,
            attention,
            changes: self.changes(),
            trend: None,
        }
    }

    /// The active risks.
    fn active(&self) -> Vec<&Risk> {
        self.index
            .risks
            .iter()
            .map(|(_, risk)| *risk)
            .filter(|risk| risk.is_active())
            .collect()
    }

    /// The report's title.
    fn title(&self) -> String {
        self.options
            .title
            .clone()
            .unwrap_or_else(|| "Risk treatment plan".to_owned())
    }

    /// The findings of one rule.
    fn findings_of(&self, code: Code) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |finding| finding.rule == code)
    }

    /// The name of an owner, when the config has it.
    fn owner_name(&self, id: Option<&str>) -> Option<String> {
        id.and_then(|id| self.config.owner(id))
            .and_then(|owner| owner.name.clone())
    }

    /// A person by name, or by ID when the config has no name.
    fn person(&self, id: &str) -> String {
        self.owner_name(Some(id)).unwrap_or_else(|| id.to_owned())
    }

    /// A document's last change, when the register is in git.
    fn last_changed(&self, id: &str, path: &str) -> Option<LastChanged> {
        let history = self.history?;
        let commit = history
            .doc(id)
            .and_then(|doc| doc.last_changed())
            .map(|event| commit_ref(&event.commit));
        Some(LastChanged {
            commit,
            uncommitted: history.is_dirty(path),
        })
    }
}

/// The risks by ID (the first of an ID), with their titles and anchors.
fn risk_links(risks: &[RiskView]) -> HashMap<&str, RiskLink> {
    let mut links = HashMap::new();
    for risk in risks {
        links.entry(risk.id.as_str()).or_insert_with(|| RiskLink {
            id: risk.id.clone(),
            title: risk.title.clone(),
            anchor: Some(risk.anchor.clone()),
        });
    }
    links
}

/// The link to a risk by ID; without an anchor when the plan does not show it.
fn risk_link(links: &HashMap<&str, RiskLink>, id: &str) -> RiskLink {
    links.get(id).cloned().unwrap_or_else(|| RiskLink {
        id: id.to_owned(),
        title: String::new(),
        anchor: None,
    })
}

/// A commit as the report shows it.
fn commit_ref(commit: &Commit) -> CommitRef {
    CommitRef {
        id: commit.id.clone(),
        short: commit.short_id().to_owned(),
        date: commit.date(),
        author: commit.author.clone(),
    }
}
