//! Reminders: per owner, what needs them within a window of days. Every judgement (overdue,
//! stale, expired, expiring, the next review) is the index's own, the one the rules use.

pub mod render;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::index::Index;
use crate::model::{Config, DueItem, DueKind, DueList, OwnerDue};
use crate::source::Document;
use crate::suggest;

/// The owners' items and what could not be handed to anyone.
pub struct Due {
    /// The items per owner (the JSON output).
    pub list: DueList,
    /// Why some items reach nobody, or reach an owner riskreg.yaml does not list: one line
    /// each, for standard error.
    pub notices: Vec<String>,
}

/// Items for owners, gathered before they are sorted.
struct Gathered<'c> {
    /// The config, for the owners' details.
    config: &'c Config,
    /// The date the items are judged on.
    as_of: NaiveDate,
    /// The items by owner ID.
    by_owner: BTreeMap<String, Vec<DueItem>>,
    /// Documents whose items have no owner to go to.
    unowned: Vec<String>,
}

impl Gathered<'_> {
    /// Adds an item for `owner`, or records that it has none.
    fn push(&mut self, owner: Option<&str>, item: Item<'_>) {
        let item = DueItem {
            kind: item.kind,
            document: item.doc.and_then(|doc| doc.id.clone()),
            title: item.title.to_owned(),
            date: item.date,
            days: (item.date - self.as_of).num_days(),
            path: item.path.to_owned(),
            note: item.note,
        };
        match owner.filter(|owner| !owner.trim().is_empty()) {
            Some(owner) => self
                .by_owner
                .entry(owner.to_owned())
                .or_default()
                .push(item),
            None => self
                .unowned
                .push(item.document.unwrap_or_else(|| item.path.clone())),
        }
    }
}

/// One item before it has an owner.
struct Item<'a> {
    /// What kind of item it is.
    kind: DueKind,
    /// The document it is about; `None` for a first review.
    doc: Option<&'a Document>,
    /// The file to point to.
    path: &'a str,
    /// The document's title, or what to do.
    title: &'a str,
    /// The date it is (or was) due by.
    date: NaiveDate,
    /// What else to know.
    note: String,
}

/// What needs each owner within `within_days` of the index's as-of date, most urgent first
/// (by date, then kind, then document).
pub fn collect(index: &Index<'_>, within_days: u32) -> Due {
    let as_of = index.as_of;
    let horizon = as_of
        .checked_add_days(Days::new(u64::from(within_days)))
        .unwrap_or(NaiveDate::MAX);
    let mut gathered = Gathered {
        config: index.config,
        as_of,
        by_owner: BTreeMap::new(),
        unowned: Vec::new(),
    };
    actions(index, horizon, &mut gathered);
    acceptances(index, within_days, &mut gathered);
    review(index, horizon, &mut gathered);
    let mut notices = Vec::new();
    let Gathered {
        config,
        by_owner,
        mut unowned,
        ..
    } = gathered;
    if !unowned.is_empty() {
        unowned.sort();
        unowned.dedup();
        notices.push(format!(
            "something is due but has no owner to remind (give it an `owner:`, or an approver in riskreg.yaml for the reviews): {}",
            unowned.join(", ")
        ));
    }
    let owners = by_owner
        .into_iter()
        .map(|(id, mut items)| {
            items.sort_by(|a, b| {
                (a.date, a.kind, &a.document, &a.path).cmp(&(b.date, b.kind, &b.document, &b.path))
            });
            owner_due(config, id, items, &mut notices)
        })
        .collect();
    Due {
        list: DueList {
            version: 1,
            as_of,
            within_days,
            owners,
        },
        notices,
    }
}

/// An owner's entry: their details from the config, or a notice that it does not list them.
fn owner_due(
    config: &Config,
    id: String,
    items: Vec<DueItem>,
    notices: &mut Vec<String>,
) -> OwnerDue {
    let Some(owner) = config.owners.iter().find(|owner| owner.id == id) else {
        let hint = suggest::did_you_mean(&id, config.owners.iter().map(|owner| owner.id.as_str()))
            .map(|hint| format!("; {hint}"))
            .unwrap_or_default();
        notices.push(format!(
            "owner `{id}` is not in riskreg.yaml's owners{hint}: their items are listed under the ID alone, with no name, email or login"
        ));
        return OwnerDue {
            id,
            name: None,
            email: None,
            github: None,
            gitlab: None,
            items,
        };
    };
    OwnerDue {
        name: owner.name.clone(),
        email: owner.email.clone(),
        github: owner.github.clone(),
        gitlab: owner.gitlab.clone(),
        id,
        items,
    }
}

/// Overdue, due and stale actions, for their owners.
fn actions(index: &Index<'_>, horizon: NaiveDate, gathered: &mut Gathered<'_>) {
    let cadence = Days::new(u64::from(index.config.review.cadence_days));
    for &(doc, mitigation) in &index.mitigations {
        let owner = mitigation.owner.as_deref();
        let item = |kind, date, note| Item {
            kind,
            doc: Some(doc),
            path: &doc.path,
            title: &mitigation.title,
            date,
            note,
        };
        if let Some(due) = mitigation.due.filter(|_| index.is_owed(mitigation)) {
            let status = mitigation.status.as_str().to_owned();
            if index.is_overdue(mitigation) {
                gathered.push(owner, item(DueKind::Overdue, due, status));
            } else if due <= horizon {
                gathered.push(owner, item(DueKind::Due, due, status));
            }
        }
        if let Some(last) = index.stale_since(doc, mitigation) {
            let changed = last.commit.date();
            let note = format!(
                "{}, last changed on {changed} by {} in {}",
                mitigation.status.as_str(),
                last.commit.author,
                last.commit.short_id()
            );
            let date = changed.checked_add_days(cadence).unwrap_or(index.as_of);
            gathered.push(owner, item(DueKind::Stale, date, note));
        }
    }
}

/// Expired and expiring acceptances, for the owners of the risks.
fn acceptances(index: &Index<'_>, within_days: u32, gathered: &mut Gathered<'_>) {
    for (doc, risk, expires) in index.acceptance_expiries() {
        let kind = if index.has_expired(expires) {
            DueKind::AcceptanceExpired
        } else if index.expires_within(expires, u64::from(within_days)) {
            DueKind::AcceptanceExpiring
        } else {
            continue;
        };
        let approved_by = risk
            .treatment
            .as_ref()
            .and_then(|treatment| treatment.approved_by.as_deref())
            .map(|approver| format!("accepted by {approver}"))
            .unwrap_or_else(|| "accepted".to_owned());
        let item = Item {
            kind,
            doc: Some(doc),
            path: &doc.path,
            title: &risk.title,
            date: expires,
            note: approved_by,
        };
        gathered.push(risk.owner.as_deref(), item);
    }
}

/// The next periodic review when it is due within the window, for the latest review's
/// chair; with no review yet (or no chair), for every approver.
fn review(index: &Index<'_>, horizon: NaiveDate, gathered: &mut Gathered<'_>) {
    let approvers: Vec<&str> = index
        .config
        .owners
        .iter()
        .filter(|owner| owner.approver)
        .map(|owner| owner.id.as_str())
        .collect();
    let (item, chair) = match index.latest_review() {
        Some((doc, review)) => {
            let Some(due_by) = index.next_review_due().filter(|due_by| *due_by <= horizon) else {
                return;
            };
            let item = Item {
                kind: DueKind::ReviewDue,
                doc: Some(doc),
                path: &doc.path,
                title: "Hold the next periodic risk review",
                date: due_by,
                note: format!("the last review, {}, was on {}", review.id, review.date),
            };
            (item, review.chair.as_deref())
        }
        None if index.risks.iter().any(|(_, risk)| risk.is_active()) => {
            let item = Item {
                kind: DueKind::ReviewDue,
                doc: None,
                path: &index.register.config_doc.path,
                title: "Hold the first periodic risk review",
                date: index.as_of,
                note: "no review is recorded yet".to_owned(),
            };
            (item, None)
        }
        None => return,
    };
    match chair {
        Some(chair) => gathered.push(Some(chair), item),
        None if approvers.is_empty() => gathered.push(None, item),
        None => {
            for approver in approvers {
                let copy = Item {
                    note: item.note.clone(),
                    ..item
                };
                gathered.push(Some(approver), copy);
            }
        }
    }
}
