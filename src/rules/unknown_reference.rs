//! `unknown-reference`: a risk, owner or approver ID that names nothing.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::{Kind, ReviewScope};
use crate::source::Document;
use crate::suggest;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every reference names something that exists: `owner`, `approved_by`, a review's
    /// `chair` and `attendees`, and the config's `appetite.exception_approvers` must be an
    /// `owners[].id` of `riskreg.yaml`; a mitigation's `risks`, a review's `risks` list and
    /// its `outcomes[].risk` must be the ID of a risk in the register. (A risk whose file
    /// has a `schema` error still counts as existing.)
    ///
    /// ## Why an auditor cares
    ///
    /// An action that treats `R-017` when the risk is `R-071` leaves the real risk without
    /// treatment on paper. An owner who is not on the owners list cannot be shown to be a
    /// real, accountable person (SOC 2 CC3.2 expects named owners).
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// risks: [R-999]          # no such risk
    /// owner: bobby            # not in owners
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// risks: [R-001]
    /// owner: bob
    /// ```
    pub struct UnknownReference {
        code: UnknownReference,
        reads: Reads::Register,
        summary: "a risk ID, owner ID or approver that names nothing in the register or config",
    }
}

impl Rule for UnknownReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let owner_ids: Vec<&str> = ctx
            .config
            .owners
            .iter()
            .map(|owner| owner.id.as_str())
            .collect();
        let risk_ids: Vec<&str> = ctx.risks.iter().map(|(_, risk)| risk.id.as_str()).collect();
        let mut aliases = suggest::Aliases::default();
        for owner in &ctx.config.owners {
            if let Some(name) = &owner.name {
                aliases.add(name, "name", &owner.id);
            }
            if let Some(email) = &owner.email {
                aliases.add(email, "email", &owner.id);
                if let Some((local, _)) = email.split_once('@') {
                    aliases.add(local, "email", &owner.id);
                }
            }
        }
        let owner = |doc: &Document,
                     pointer: String,
                     id: &str,
                     role: &str,
                     out: &mut Vec<Finding>| {
            if id.trim().is_empty() || owner_ids.contains(&id) {
                return;
            }
            let help = match aliases.get(id) {
                Some((owner, what)) => format!(
                    "did you mean `{owner}`? `{id}` is that owner's {what}; documents name owners by `id`"
                ),
                None => suggest::did_you_mean(id, owner_ids.iter().copied()).unwrap_or_else(|| {
                    format!("add `{id}` to `owners:` in riskreg.yaml, or name an existing owner")
                }),
            };
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    &pointer,
                    format!("{role} `{id}` is not in the config's owners"),
                )
                .with_label("unknown owner")
                .with_help(help),
            );
        };
        let risk = |doc: &Document, pointer: String, id: &str, out: &mut Vec<Finding>| {
            if ctx.risk(id).is_some() {
                return;
            }
            let other_kind = ctx
                .register
                .documents
                .iter()
                .find(|other| other.id.as_deref() == Some(id))
                .and_then(|other| other.kind);
            let (message, help) = match other_kind {
                Some(Kind::Risk) => return,
                Some(kind) => (
                    format!("`{id}` is a {}, not a risk", kind.as_str()),
                    "list risk IDs here".to_owned(),
                ),
                None => (
                    format!("no risk has the ID `{id}`"),
                    suggest::did_you_mean(id, risk_ids.iter().copied())
                        .unwrap_or_else(|| "name the ID of a risk in the register".to_owned()),
                ),
            };
            out.push(
                Finding::at_value(Self::CODE, doc, &pointer, message)
                    .with_label("unknown risk")
                    .with_help(help),
            );
        };
        for (doc, item) in &ctx.risks {
            if let Some(id) = &item.owner {
                owner(doc, "/owner".to_owned(), id, "owner", out);
            }
            if let Some(id) = item.treatment.as_ref().and_then(|t| t.approved_by.as_ref()) {
                owner(
                    doc,
                    "/treatment/approved_by".to_owned(),
                    id,
                    "approver",
                    out,
                );
            }
        }
        for (doc, item) in &ctx.mitigations {
            if let Some(id) = &item.owner {
                owner(doc, "/owner".to_owned(), id, "owner", out);
            }
            for (index, id) in item.risks.iter().enumerate() {
                risk(doc, format!("/risks/{index}"), id, out);
            }
        }
        for (doc, item) in &ctx.reviews {
            if let Some(id) = &item.chair {
                owner(doc, "/chair".to_owned(), id, "chair", out);
            }
            for (index, id) in item.attendees.iter().enumerate() {
                owner(doc, format!("/attendees/{index}"), id, "attendee", out);
            }
            if let ReviewScope::Risks(ids) = &item.risks {
                for (index, id) in ids.iter().enumerate() {
                    risk(doc, format!("/risks/{index}"), id, out);
                }
            }
            for (index, outcome) in item.outcomes.iter().enumerate() {
                risk(doc, format!("/outcomes/{index}/risk"), &outcome.risk, out);
            }
        }
        if let Some(appetite) = &ctx.config.appetite {
            for (index, id) in appetite.exception_approvers.iter().enumerate() {
                owner(
                    &ctx.register.config_doc,
                    format!("/appetite/exception_approvers/{index}"),
                    id,
                    "exception approver",
                    out,
                );
            }
        }
    }
}
