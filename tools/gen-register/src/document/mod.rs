//! The text of the documents: `riskreg.yaml`, and every version of a risk, mitigation or
//! review.

mod state;
mod yaml;

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::model::{Doc, MitigationDoc, Rating, Register, ReviewDoc, RiskDoc, Treatment};
use crate::organization::{CISO, ORGANIZATION, OWNERS, email};
use crate::themes::short_title;

pub use self::state::{MitigationState, ReviewState, RiskState, State, Style};
use self::yaml::{block, dated, flow, write_seq, write_text};

/// Writes `riskreg.yaml`.
pub fn render_config(w: &mut impl Write, seed: u64, as_of: NaiveDate) -> Result<()> {
    writeln!(
        w,
        "# Synthetic register written by `cargo run -p gen-register`"
    )?;
    writeln!(w, "# (seed {seed}, consistent as of {as_of}).")?;
    writeln!(w, "version: 1")?;
    writeln!(w, "organization: {}", block(ORGANIZATION))?;
    w.write_all(
        b"scale:
  impact: [Negligible, Minor, Moderate, Major, Severe]
  likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]
levels:
  - {name: low, min: 1}
  - {name: medium, min: 5}
  - {name: high, min: 10}
  - {name: critical, min: 16}
appetite:
  statement: >-
    We accept low and medium risks with a documented rationale, approved by an
    executive and renewed every year. High and critical risks are accepted only
    by exception, approved by the CEO.
  max_accepted_level: medium
  exception_approvers: [ceo]
  acceptance_max_days: 365
treatment_target_days:
  critical: 30
  high: 90
  medium: 180
  low: 365
review:
  cadence_days: 92   # quarterly
  backdate_tolerance_days: 14
owners:
",
    )?;
    for (id, name, role, approver) in OWNERS {
        writeln!(w, "  - id: {id}")?;
        writeln!(w, "    name: {}", block(name))?;
        writeln!(w, "    email: {}", email(name))?;
        writeln!(w, "    role: {}", block(role))?;
        if approver {
            writeln!(w, "    approver: true")?;
        }
    }
    writeln!(w, "ignore: [drafts/**]")?;
    Ok(())
}

/// Writes a version of a risk document.
pub fn render_risk(w: &mut impl Write, risk: &RiskDoc, s: &RiskState) -> Result<()> {
    let title = match s.short_title {
        true => short_title(&risk.title).unwrap_or(&risk.title),
        false => &risk.title,
    };
    writeln!(w, "kind: risk")?;
    writeln!(w, "id: {}", risk.id)?;
    writeln!(w, "title: {}", block(title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    let brief = !s.full_description && risk.description.len() == 3;
    let lines = risk.description.iter().enumerate();
    write_text(
        w,
        "description",
        lines
            .filter(|&(index, _)| !(brief && index == 1))
            .map(|(_, line)| line),
    )?;
    writeln!(w, "owner: {}", OWNERS[s.owner].0)?;
    writeln!(w, "identified: {}", dated(risk.identified, s.style))?;
    write_seq(w, "criteria", risk.criteria.iter().copied(), s.style)?;
    let systems = &risk.systems[..s.systems.min(risk.systems.len())];
    write_seq(w, "systems", systems.iter().copied(), s.style)?;
    let rating = |r: Rating| format!("{{impact: {}, likelihood: {}}}", r.impact, r.likelihood);
    writeln!(w, "inherent: {}", rating(risk.inherent))?;
    if let Some(residual) = s.residual {
        writeln!(w, "residual: {}", rating(residual))?;
    }
    writeln!(w, "treatment:")?;
    match s.treatment {
        Treatment::Mitigate => writeln!(w, "  decision: mitigate")?,
        Treatment::Accept {
            rationale,
            approver,
            approved_on,
            expires,
        } => {
            writeln!(w, "  decision: accept")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
            writeln!(w, "  approved_by: {}", OWNERS[approver].0)?;
            writeln!(w, "  approved_on: {}", dated(approved_on, s.style))?;
            writeln!(w, "  expires: {}", dated(expires, s.style))?;
        }
        Treatment::Transfer { rationale, to } => {
            writeln!(w, "  decision: transfer")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
            writeln!(w, "  transferred_to: {}", block(to))?;
        }
        Treatment::Avoid { rationale } => {
            writeln!(w, "  decision: avoid")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
        }
    }
    if let Some((on, reason)) = s.retired {
        writeln!(
            w,
            "retired: {{on: {}, reason: {}}}",
            dated(on, s.style),
            flow(reason)
        )?;
    }
    Ok(())
}

/// Writes a version of a mitigation document.
pub fn render_mitigation(
    w: &mut impl Write,
    m: &MitigationDoc,
    s: &MitigationState,
    risks: &[RiskDoc],
) -> Result<()> {
    writeln!(w, "kind: mitigation")?;
    writeln!(w, "id: {}", m.id)?;
    writeln!(w, "title: {}", block(&m.title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    if s.description && !m.description.is_empty() {
        write_text(w, "description", &m.description)?;
    }
    let treated = m.risks.iter().map(|&r| risks[r].id.as_str());
    write_seq(w, "risks", treated, s.style)?;
    writeln!(w, "owner: {}", OWNERS[s.owner].0)?;
    writeln!(w, "due: {}", dated(s.due, s.style))?;
    writeln!(w, "status: {}", s.status.as_str())?;
    if let Some(on) = s.completed_on {
        writeln!(w, "completed_on: {}", dated(on, s.style))?;
    }
    if let Some(blocker) = s.blocker {
        writeln!(w, "blocker: {}", block(blocker))?;
    }
    if s.evidence && !m.evidence.is_empty() {
        writeln!(w, "evidence:")?;
        for link in &m.evidence {
            writeln!(w, "  - {}", block(link))?;
        }
    }
    let updates = &m.updates[..s.updates.min(m.updates.len())];
    if !updates.is_empty() {
        writeln!(w, "updates:")?;
        for &(on, note) in updates {
            writeln!(
                w,
                "  - {{on: {}, note: {}}}",
                dated(on, s.style),
                flow(note)
            )?;
        }
    }
    Ok(())
}

/// Writes a version of a review record.
pub fn render_review(
    w: &mut impl Write,
    review: &ReviewDoc,
    s: &ReviewState,
    risks: &[RiskDoc],
) -> Result<()> {
    writeln!(w, "kind: review")?;
    writeln!(w, "id: {}", review.id)?;
    writeln!(w, "title: {}", block(&review.title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    writeln!(w, "date: {}", dated(review.date, s.style))?;
    writeln!(w, "chair: {}", OWNERS[CISO].0)?;
    let attendees = review.attendees.iter().map(|&o| OWNERS[o].0);
    write_seq(w, "attendees", attendees, s.style)?;
    match &review.scope {
        None => writeln!(w, "risks: all")?,
        Some(scope) => {
            writeln!(w, "risks:")?;
            for &risk in scope {
                writeln!(w, "  - {}", risks[risk].id)?;
            }
        }
    }
    write_text(w, "notes", &review.notes)?;
    if s.outcomes && !review.outcomes.is_empty() {
        writeln!(w, "outcomes:")?;
        for &(risk, note) in &review.outcomes {
            writeln!(w, "  - {{risk: {}, note: {}}}", risks[risk].id, flow(note))?;
        }
    }
    Ok(())
}

impl Register {
    /// Writes a version of document `n`.
    pub fn render(&self, w: &mut impl Write, n: usize, state: &State) -> Result<()> {
        match (self.doc(n), state) {
            (Doc::Risk(r), State::Risk(s)) => render_risk(w, &self.risks[r], s),
            (Doc::Mitigation(m), State::Mitigation(s)) => {
                render_mitigation(w, &self.mitigations[m], s, &self.risks)
            }
            (Doc::Review(v), State::Review(s)) => {
                render_review(w, &self.reviews[v], s, &self.risks)
            }
            _ => bail!(
                "internal error: a version of {} of another kind",
                self.id(n)
            ),
        }
    }
}
