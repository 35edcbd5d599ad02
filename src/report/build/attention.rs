//! What needs attention now: overdue and stale actions, acceptances expiring soon.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::code::Code;
use crate::finding::Finding;
use crate::model::Mitigation;

use super::super::view::{Attention, AttentionItem, anchor};
use super::Builder;

/// Days ahead an acceptance's expiry counts as "expiring soon".
const EXPIRY_WARNING_DAYS: u64 = 60;

impl Builder<'_> {
    /// The actions the `overdue` and `stale-status` findings name, and the acceptances
    /// expiring within [`EXPIRY_WARNING_DAYS`] of as-of.
    pub(super) fn attention(&self) -> Attention {
        let as_of = self.options.as_of;
        let mitigations: HashMap<&str, &Mitigation> = self
            .index
            .mitigations
            .iter()
            .map(|(_, mitigation)| (mitigation.id.as_str(), *mitigation))
            .collect();
        let item = |finding: &Finding, date: fn(&Mitigation) -> Option<NaiveDate>| {
            let id = finding.document.as_deref()?;
            let mitigation = mitigations.get(id)?;
            Some(AttentionItem {
                id: id.to_owned(),
                anchor: anchor("action", id),
                title: mitigation.title.clone(),
                owner: mitigation.owner.clone(),
                date: date(mitigation),
                note: finding.message.clone(),
            })
        };
        let horizon = as_of
            .checked_add_days(Days::new(EXPIRY_WARNING_DAYS))
            .unwrap_or(as_of);
        let mut expiring: Vec<AttentionItem> = self
            .index
            .accepted_risks()
            .filter_map(|(_, risk)| {
                let expires = risk.treatment.as_ref()?.expires?;
                (as_of <= expires && expires <= horizon).then(|| AttentionItem {
                    id: risk.id.clone(),
                    anchor: anchor("risk", &risk.id),
                    title: risk.title.clone(),
                    owner: risk.owner.clone(),
                    date: Some(expires),
                    note: format!(
                        "acceptance expires on {expires}, in {} days",
                        (expires - as_of).num_days()
                    ),
                })
            })
            .collect();
        expiring.sort_by_key(|item| item.date);
        Attention {
            overdue: self
                .findings_of(Code::Overdue)
                .filter_map(|finding| item(finding, |mitigation| mitigation.due))
                .collect(),
            stale: self
                .findings_of(Code::StaleStatus)
                .filter_map(|finding| item(finding, |_| None))
                .collect(),
            expiring,
        }
    }
}
