//! `backdated-entry`: a date committed long after the date it states.

use chrono::NaiveDate;
use serde_json::Value;

use crate::finding::Finding;
use crate::index::Index;
use crate::source::Document;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// From git: that a recorded date (a mitigation's `completed_on`, a risk's
    /// `treatment.approved_on`, a review's `date`) was first committed no more than
    /// `review.backdate_tolerance_days` (14 by default) after the date it states. Dates
    /// before the register's first commit are exempt: they record history from before the
    /// register moved into git (an import from a spreadsheet, say). Uncommitted values are
    /// checked once committed. Skipped without git history.
    ///
    /// ## Why an auditor cares
    ///
    /// A completion "on March 20" that first appears in the register in late May was
    /// written after the fact. Auditors test that records are contemporaneous; git shows
    /// when each one really entered the register, and it cannot be quietly edited.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # committed on 2026-05-25
    /// status: completed
    /// completed_on: 2026-03-20
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # committed on 2026-03-23
    /// status: completed
    /// completed_on: 2026-03-20
    /// ```
    pub struct BackdatedEntry {
        code: BackdatedEntry,
        reads: Reads::History(&["/completed_on", "/treatment/approved_on", "/date"]),
        summary: "(from git) a completed_on, approved_on or review date first committed long after the date it states",
    }
}

impl BackdatedEntry {
    fn check_date(
        ctx: &Index<'_>,
        doc: &Document,
        id: &str,
        pointer: &str,
        date: Option<NaiveDate>,
        out: &mut Vec<Finding>,
    ) {
        let (Some(date), Some(history)) = (date, ctx.history) else {
            return;
        };
        let register_start = history.first_commit.as_ref().map(|commit| commit.date());
        if register_start.is_none_or(|start| date < start) {
            return;
        }
        let current = Value::String(date.to_string());
        let Some(since) = ctx
            .history_of(id)
            .and_then(|doc_history| doc_history.value_since(pointer, &current))
        else {
            return;
        };
        let committed = since.commit.date();
        let lag = (committed - date).num_days();
        let tolerance = ctx.config.review.backdate_tolerance_days;
        if lag <= i64::from(tolerance) {
            return;
        }
        let field = crate::source::pointer::field_name(pointer);
        out.push(
            Finding::at_value(BackdatedEntry::CODE, doc, pointer, format!(
                "`{field}` {date} was first committed on {committed}, {lag} days later ({} in {})",
                since.commit.author,
                since.commit.short_id()
            ))
            .with_label(format!("recorded {lag} days after the fact"))
            .with_help(format!(
                "record dates when things happen (within {tolerance} days); if this entry is late, {}",
                where_to_say_why(doc, id)
            )),
        );
    }
}

/// Where a document of this kind can say why an entry is late: a field it has.
fn where_to_say_why(doc: &Document, id: &str) -> String {
    match doc.kind {
        Some(crate::model::Kind::Mitigation) => {
            "say why in the mitigation's `updates` (`{on: DATE, note: ...}`)".to_owned()
        }
        Some(crate::model::Kind::Review) => "say why in the review's `notes`".to_owned(),
        _ => format!("say why in the next review's `outcomes` for {id}"),
    }
}

impl Rule for BackdatedEntry {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        if ctx.history.is_none() {
            return;
        }
        for (doc, mitigation) in &ctx.mitigations {
            Self::check_date(
                ctx,
                doc,
                &mitigation.id,
                "/completed_on",
                mitigation.completed_on,
                out,
            );
        }
        for (doc, risk) in &ctx.risks {
            let approved_on = risk
                .treatment
                .as_ref()
                .and_then(|treatment| treatment.approved_on);
            Self::check_date(
                ctx,
                doc,
                &risk.id,
                "/treatment/approved_on",
                approved_on,
                out,
            );
        }
        for (doc, review) in &ctx.reviews {
            Self::check_date(ctx, doc, &review.id, "/date", Some(review.date), out);
        }
    }
}
