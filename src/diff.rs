//! What a change does to the register: documents matched by ID between two versions
//! (added, removed, moved, changed field by field) and the findings it introduces or
//! resolves.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::code::Severity;
use crate::finding::{self, Finding};
use crate::history::History;
use crate::load::Register;
use crate::model::Config;
use crate::source::fields;

/// One side of a comparison: a register, its findings and its history.
pub struct Side<'a> {
    /// The register (empty documents when it did not exist).
    pub register: Option<&'a Register>,
    /// Its findings.
    pub findings: &'a [Finding],
    /// Its history, when read (the base's says how often a due date moved before).
    pub history: Option<&'a History>,
}

/// How a document changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocChangeKind {
    /// New in the head.
    Added,
    /// Gone from the head.
    Removed,
    /// Its file moved (its content may have changed too).
    Moved,
    /// Changed in place.
    Changed,
}

/// A changed field, formatted for people.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDiff {
    /// `status`, `treatment.decision`, `residual`, ...
    pub field: String,
    /// The value before, as text (`None`, JSON `null`, when the field was absent).
    pub before: Option<String>,
    /// The value after (`None` when the field was removed).
    pub after: Option<String>,
    /// A note such as `+30 days`.
    pub note: Option<String>,
}

/// A document that differs between base and head.
#[derive(Debug, Clone, Serialize)]
pub struct DocChange {
    /// Its ID.
    pub id: String,
    /// risk, mitigation or review.
    pub kind: String,
    /// Its title (head's, or base's when removed).
    pub title: String,
    /// How it changed.
    pub change: DocChangeKind,
    /// The path in the head (in the base, when removed).
    pub path: String,
    /// The path in the base, when it moved.
    pub from: Option<String>,
    /// The fields that changed.
    pub fields: Vec<FieldDiff>,
}

/// The counts the headline states.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Counts {
    /// Risks added.
    pub risks_added: usize,
    /// Risks removed.
    pub risks_removed: usize,
    /// Treatment decisions changed.
    pub treatments_changed: usize,
    /// Ratings (inherent or residual) changed.
    pub ratings_changed: usize,
    /// Actions added.
    pub actions_added: usize,
    /// Actions completed.
    pub actions_completed: usize,
    /// Other action status changes.
    pub status_changes: usize,
    /// Documents moved.
    pub moved: usize,
    /// Other documents changed.
    pub other_changes: usize,
    /// New error findings.
    pub new_errors: usize,
    /// New warning findings.
    pub new_warnings: usize,
    /// Findings resolved.
    pub resolved: usize,
}

/// The whole comparison.
#[derive(Debug, Serialize)]
pub struct RegisterDiff {
    /// What the base is (a revision).
    pub base: String,
    /// What the head is (a revision, or `work tree`).
    pub head: String,
    /// The headline counts.
    pub counts: Counts,
    /// Changed documents, most important first.
    pub documents: Vec<DocChange>,
    /// Findings in the head that the base did not have.
    #[serde(skip)]
    pub new_findings: Vec<Finding>,
    /// Findings in the base that the head no longer has.
    #[serde(skip)]
    pub resolved_findings: Vec<Finding>,
}

struct DocVersion<'a> {
    path: &'a str,
    value: Value,
}

fn versions(register: Option<&Register>) -> BTreeMap<String, DocVersion<'_>> {
    let mut map = BTreeMap::new();
    for doc in register
        .map(|register| register.documents.as_slice())
        .unwrap_or_default()
    {
        if let (Some(id), Some(node)) = (&doc.id, &doc.node) {
            map.entry(id.clone()).or_insert(DocVersion {
                path: &doc.path,
                value: node.to_json(),
            });
        }
    }
    map
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A rating as `3x3 (medium)`.
fn rating(config: Option<&Config>, value: Option<&Value>) -> String {
    let shown = fields::display(value);
    let score = value.and_then(|value| {
        Some(value.get("impact")?.as_u64()? * value.get("likelihood")?.as_u64()?)
    });
    match (config, score) {
        (Some(config), Some(score)) => {
            match config.level_of(u32::try_from(score).unwrap_or(u32::MAX)) {
                Some(level) => format!("{shown} ({})", level.name),
                None => shown,
            }
        }
        _ => shown,
    }
}

/// A field change for people; `postponed_before` (how many times the base's history moved
/// the document's due date later) is said of a due date moved later.
fn describe(
    config: Option<&Config>,
    change: &fields::FieldChange,
    postponed_before: Option<usize>,
) -> FieldDiff {
    let (before, after) = (change.before.as_ref(), change.after.as_ref());
    let mut diff = FieldDiff {
        field: change.field.clone(),
        before: before.map(|value| fields::display(Some(value))),
        after: after.map(|value| fields::display(Some(value))),
        note: None,
    };
    match change.field.as_str() {
        "inherent" | "residual" => {
            diff.before = before.map(|_| rating(config, before));
            diff.after = after.map(|_| rating(config, after));
        }
        "due" | "treatment.expires" => {
            let date = |value: Option<&Value>| {
                value
                    .and_then(Value::as_str)
                    .and_then(|text| text.parse::<NaiveDate>().ok())
            };
            if let (Some(old), Some(new)) = (date(before), date(after)) {
                let days = (new - old).num_days();
                let mut note = match days {
                    0 => "same day".to_owned(),
                    1 => "1 day later".to_owned(),
                    -1 => "1 day earlier".to_owned(),
                    days if days > 0 => format!("{days} days later"),
                    days => format!("{} days earlier", -days),
                };
                if let Some(before) = postponed_before.filter(|_| days > 0 && change.field == "due")
                {
                    let times = match before {
                        0 => "first postponement".to_owned(),
                        1 => "postponed once before".to_owned(),
                        2 => "postponed twice before".to_owned(),
                        count => format!("postponed {count} times before"),
                    };
                    note = format!("{note}; {times}");
                }
                diff.note = Some(note);
            }
        }
        _ => {}
    }
    diff
}

/// How many times the history moved the document's due date later.
fn postponements(history: &History, id: &str) -> usize {
    history.doc(id).map_or(0, |doc| {
        doc.due_changes()
            .iter()
            .filter(|change| change.to > change.from)
            .count()
    })
}

/// Ranks a document change for ordering: treatment and rating changes of risks first, then
/// new and removed documents, completions, other changes, moves.
fn importance(change: &DocChange) -> u8 {
    let touches = |name: &str| {
        change
            .fields
            .iter()
            .any(|field| field.field.starts_with(name))
    };
    match change.change {
        DocChangeKind::Removed => 1,
        DocChangeKind::Added if change.kind == "risk" => 1,
        _ if touches("treatment") || touches("inherent") || touches("residual") => 0,
        DocChangeKind::Added => 2,
        _ if touches("status") => 2,
        DocChangeKind::Moved if change.fields.is_empty() => 4,
        _ => 3,
    }
}

/// Compares two versions of a register.
pub fn compare(
    base_label: &str,
    head_label: &str,
    base: &Side<'_>,
    head: &Side<'_>,
) -> RegisterDiff {
    let config = head
        .register
        .or(base.register)
        .map(|register| &register.config);
    let (old, new) = (versions(base.register), versions(head.register));
    let mut documents = Vec::new();
    let mut counts = Counts::default();
    for (id, version) in &new {
        let kind = text(&version.value, "kind");
        let title = text(&version.value, "title");
        let Some(previous) = old.get(id) else {
            match kind.as_str() {
                "risk" => counts.risks_added += 1,
                "mitigation" => counts.actions_added += 1,
                _ => counts.other_changes += 1,
            }
            documents.push(DocChange {
                id: id.clone(),
                kind,
                title,
                change: DocChangeKind::Added,
                path: version.path.to_owned(),
                from: None,
                fields: Vec::new(),
            });
            continue;
        };
        let changes = fields::diff(&previous.value, &version.value);
        let moved = previous.path != version.path;
        if changes.is_empty() && !moved {
            continue;
        }
        let postponed_before = base.history.map(|history| postponements(history, id));
        let fields: Vec<FieldDiff> = changes
            .iter()
            .map(|change| describe(config, change, postponed_before))
            .collect();
        for field in &fields {
            match field.field.as_str() {
                "treatment.decision" => counts.treatments_changed += 1,
                "inherent" | "residual" => counts.ratings_changed += 1,
                "status" if field.after.as_deref() == Some("completed") => {
                    counts.actions_completed += 1
                }
                "status" => counts.status_changes += 1,
                _ => {}
            }
        }
        if moved {
            counts.moved += 1;
        } else if !fields.iter().any(|field| {
            matches!(
                field.field.as_str(),
                "treatment.decision" | "inherent" | "residual" | "status"
            )
        }) {
            counts.other_changes += 1;
        }
        documents.push(DocChange {
            id: id.clone(),
            kind,
            title,
            change: if moved {
                DocChangeKind::Moved
            } else {
                DocChangeKind::Changed
            },
            path: version.path.to_owned(),
            from: moved.then(|| previous.path.to_owned()),
            fields,
        });
    }
    for (id, version) in old.iter().filter(|(id, _)| !new.contains_key(*id)) {
        let kind = text(&version.value, "kind");
        if kind == "risk" {
            counts.risks_removed += 1;
        } else {
            counts.other_changes += 1;
        }
        documents.push(DocChange {
            id: id.clone(),
            kind,
            title: text(&version.value, "title"),
            change: DocChangeKind::Removed,
            path: version.path.to_owned(),
            from: None,
            fields: Vec::new(),
        });
    }
    documents.sort_by(|a, b| (importance(a), &a.id).cmp(&(importance(b), &b.id)));
    let (new_findings, _) = finding::split_by_base(head.findings.to_vec(), base.findings);
    let (resolved_findings, _) = finding::split_by_base(base.findings.to_vec(), head.findings);
    counts.new_errors = new_findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    counts.new_warnings = new_findings.len() - counts.new_errors;
    counts.resolved = resolved_findings.len();
    RegisterDiff {
        base: base_label.to_owned(),
        head: head_label.to_owned(),
        counts,
        documents,
        new_findings,
        resolved_findings,
    }
}

impl Counts {
    /// `2 risks added, 1 treatment changed, 3 actions completed; 1 new error, 2 resolved`.
    pub fn headline(&self) -> String {
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let parts: Vec<String> = [
            (self.risks_added, "risk added", "risks added"),
            (self.risks_removed, "risk removed", "risks removed"),
            (
                self.treatments_changed,
                "treatment changed",
                "treatments changed",
            ),
            (self.ratings_changed, "rating changed", "ratings changed"),
            (self.actions_added, "action added", "actions added"),
            (
                self.actions_completed,
                "action completed",
                "actions completed",
            ),
            (self.status_changes, "status changed", "statuses changed"),
            (self.moved, "document moved", "documents moved"),
            (self.other_changes, "other change", "other changes"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| plural(count, one, many))
        .collect();
        let changes = if parts.is_empty() {
            "no document changes".to_owned()
        } else {
            parts.join(", ")
        };
        let mut findings = Vec::new();
        if self.new_errors > 0 {
            findings.push(plural(self.new_errors, "new error", "new errors"));
        }
        if self.new_warnings > 0 {
            findings.push(plural(self.new_warnings, "new warning", "new warnings"));
        }
        if self.resolved > 0 {
            findings.push(format!("{} resolved", self.resolved));
        }
        if findings.is_empty() {
            findings.push("no new findings".to_owned());
        }
        format!("{changes}; {}", findings.join(", "))
    }
}
