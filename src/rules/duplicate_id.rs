//! `duplicate-id`: two documents share an ID.

use std::collections::BTreeMap;

use crate::finding::Finding;
use crate::index::Index;
use crate::source::Document;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That no two documents (risks, mitigations and reviews alike) have the same `id`.
    /// Every document that shares an ID is reported, each naming the other places.
    ///
    /// ## Why an auditor cares
    ///
    /// IDs are how mitigations, reviews and the audit trail refer to a risk. With two R-007s,
    /// nobody can tell which one an action treats or which one a review covered, and the
    /// history of one is mixed with the other.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # risks/R-007-laptop-theft.yaml
    /// kind: risk
    /// id: R-007
    /// # risks/R-007-phishing.yaml
    /// kind: risk
    /// id: R-007
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # risks/R-007-laptop-theft.yaml
    /// kind: risk
    /// id: R-007
    /// # risks/R-008-phishing.yaml
    /// kind: risk
    /// id: R-008
    /// ```
    pub struct DuplicateId {
        code: DuplicateId,
        reads: Reads::Register,
        summary: "two documents that share an ID",
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let mut by_id: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
        for doc in &ctx.register.documents {
            if let Some(id) = &doc.id {
                by_id.entry(id.as_str()).or_default().push(doc);
            }
        }
        for (id, docs) in by_id.into_iter().filter(|(_, docs)| docs.len() > 1) {
            for doc in &docs {
                let others: Vec<String> = docs
                    .iter()
                    .filter(|other| other.path != doc.path)
                    .map(|other| format!("{}:{}", other.path, other.value_span("/id").line))
                    .collect();
                out.push(
                    Finding::at_value(
                        Self::CODE,
                        doc,
                        "/id",
                        format!("ID `{id}` is also used by {}", others.join(", ")),
                    )
                    .with_label("duplicate ID")
                    .with_help(
                        "give each document its own ID; rename the file to start with the new one",
                    ),
                );
            }
        }
    }
}
