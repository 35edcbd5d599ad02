//! What needs attention now: overdue and stale actions, acceptances expiring soon.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::code::Code;
use crate::finding::Finding;
use crate::model::{Mitigation, Risk};
use crate::source::Document;

use super::super::view::{Attention, AttentionItem, RiskView};
use super::Builder;

/// Days ahead an acceptance's expiry counts as "expiring soon".
const EXPIRY_WARNING_DAYS: u64 = 60;

impl Builder<'_> {
    /// The actions the `overdue` and `stale-status` findings name, and the acceptances
    /// expiring within [`EXPIRY_WARNING_DAYS`] of as-of, linked to where the plan (`risks`)
    /// shows them.
    pub(super) fn attention(&self, risks: &[RiskView]) -> Attention {
        let mut action_links: HashMap<&str, (&str, &str)> = HashMap::new();
        for risk in risks {
            for action in &risk.actions {
                action_links
                    .entry(action.id.as_str())
                    .or_insert((action.link.as_str(), risk.anchor.as_str()));
            }
        }
        let risk_links: HashMap<&str, &str> = risks
            .iter()
            .map(|risk| (risk.path.as_str(), risk.anchor.as_str()))
            .collect();
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
            let links = action_links.get(id);
            Some(AttentionItem {
                id: id.to_owned(),
                anchor: links.map(|(link, _)| (*link).to_owned()),
                heading: links.map(|(_, heading)| (*heading).to_owned()),
                title: mitigation.title.clone(),
                owner: mitigation.owner.clone(),
                owner_name: self.owner_name(mitigation.owner.as_deref()),
                date: date(mitigation),
                note: finding.message.clone(),
            })
        };
        let mut expiring: Vec<AttentionItem> = self
            .expiring()
            .map(|(doc, risk, expires)| {
                let anchor = risk_links
                    .get(doc.path.as_str())
                    .map(|anchor| (*anchor).to_owned());
                AttentionItem {
                    id: risk.id.clone(),
                    heading: anchor.clone(),
                    anchor,
                    title: risk.title.clone(),
                    owner: risk.owner.clone(),
                    owner_name: self.owner_name(risk.owner.as_deref()),
                    date: Some(expires),
                    note: format!(
                        "acceptance expires on {expires}, in {} days",
                        (expires - as_of).num_days()
                    ),
                }
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

    /// The active accepted risks whose acceptance expires within [`EXPIRY_WARNING_DAYS`]
    /// of as-of, with the expiry date.
    pub(super) fn expiring(&self) -> impl Iterator<Item = (&Document, &Risk, NaiveDate)> {
        self.index
            .acceptance_expiries()
            .filter(|(_, _, expires)| self.index.expires_within(*expires, EXPIRY_WARNING_DAYS))
    }
}
