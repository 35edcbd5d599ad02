//! `future-date`: a date of something that happened, set after the as-of date.

use chrono::NaiveDate;

use crate::finding::Finding;
use crate::index::Index;
use crate::source::Document;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That dates recording events that already happened are not after the as-of date
    /// (`--as-of`, default today): a risk's `identified`, `treatment.approved_on` and
    /// `retired.on`; a mitigation's `completed_on` and each `updates[].on`; a review's
    /// `date`. Dates that look ahead (`due`, `expires`) may of course be in the future.
    ///
    /// ## Why an auditor cares
    ///
    /// A completion dated next week is either a typo or a record written before the fact;
    /// either way the register says something that is not true yet.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # as of 2026-11-20
    /// status: completed
    /// completed_on: 2026-12-01
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// status: completed
    /// completed_on: 2026-11-18
    /// ```
    pub struct FutureDate {
        code: FutureDate,
        reads: Reads::Register,
        summary: "identified, approved_on, completed_on, an update's on or a review's date after as-of",
    }
}

impl FutureDate {
    fn check_date(
        ctx: &Index<'_>,
        doc: &Document,
        pointer: &str,
        date: Option<NaiveDate>,
        out: &mut Vec<Finding>,
    ) {
        let Some(date) = date.filter(|date| *date > ctx.as_of) else {
            return;
        };
        let field = crate::source::pointer::field_name(pointer);
        out.push(
            Finding::at_value(
                FutureDate::CODE,
                doc,
                pointer,
                format!("`{field}` is {date}, after {}", ctx.as_of),
            )
            .with_label("in the future")
            .with_help("record events once they have happened; fix the date if it is a typo"),
        );
    }
}

impl Rule for FutureDate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            Self::check_date(ctx, doc, "/identified", Some(risk.identified), out);
            let approved_on = risk.treatment.as_ref().and_then(|t| t.approved_on);
            Self::check_date(ctx, doc, "/treatment/approved_on", approved_on, out);
            Self::check_date(
                ctx,
                doc,
                "/retired/on",
                risk.retired.as_ref().map(|r| r.on),
                out,
            );
        }
        for (doc, mitigation) in &ctx.mitigations {
            Self::check_date(ctx, doc, "/completed_on", mitigation.completed_on, out);
            for (index, update) in mitigation.updates.iter().enumerate() {
                Self::check_date(
                    ctx,
                    doc,
                    &format!("/updates/{index}/on"),
                    Some(update.on),
                    out,
                );
            }
        }
        for (doc, review) in &ctx.reviews {
            Self::check_date(ctx, doc, "/date", Some(review.date), out);
        }
    }
}
