//! Commit messages: what each commit changes, in the words people use.

use std::io::Write;

use crate::calendar::Ymd;
use crate::document::State;
use crate::history::layout::Place;
use crate::history::version::Change;
use crate::model::{Doc, Treatment};
use crate::organization::{CISO, OWNERS};
use crate::themes::short_title;

use super::Writer;

impl<W: Write> Writer<'_, W> {
    /// The message of a commit of the given versions: what it does, and a line per document
    /// when there are several.
    pub(super) fn message(&self, items: &[(usize, usize)]) -> String {
        let subjects: Vec<String> = items.iter().map(|&(n, i)| self.subject(n, i)).collect();
        let [(first, first_version), rest @ ..] = items else {
            return "Update the register\n".to_owned();
        };
        if rest.is_empty() {
            return format!("{}\n", subjects[0]);
        }
        let version = &self.history.versions[*first][*first_version];
        let adds_risk =
            matches!(self.reg.doc(*first), Doc::Risk(_)) && version.change == Change::Add;
        let subject = if adds_risk
            && rest.iter().all(|&(n, i)| {
                matches!(self.reg.doc(n), Doc::Mitigation(_))
                    && self.history.versions[n][i].change == Change::Add
            }) {
            let ids: Vec<&str> = rest.iter().map(|&(n, _)| self.reg.id(n)).collect();
            format!("{} (with {})", subjects[0], ids.join(", "))
        } else {
            let ids: Vec<&str> = items.iter().map(|&(n, _)| self.reg.id(n)).collect();
            match ids.len() {
                2 => format!("Update {} and {}", ids[0], ids[1]),
                3 => format!("Update {}, {} and {}", ids[0], ids[1], ids[2]),
                len => format!(
                    "Update {}, {} and {} more documents",
                    ids[0],
                    ids[1],
                    len - 2
                ),
            }
        };
        let mut message = format!("{subject}\n\n");
        for line in subjects.iter().take(30) {
            message.push_str(&format!("- {line}\n"));
        }
        if subjects.len() > 30 {
            message.push_str(&format!("- and {} more\n", subjects.len() - 30));
        }
        message
    }

    /// One line on what version `i` of document `n` changed.
    fn subject(&self, n: usize, i: usize) -> String {
        let reg = self.reg;
        let history = &self.history.versions[n];
        let version = &history[i];
        let id = reg.id(n);
        let owner = match version.state {
            State::Risk(s) => s.owner,
            State::Mitigation(s) => s.owner,
            State::Review(_) => CISO,
        };
        let text = match (version.change, version.state, reg.doc(n)) {
            (Change::Add, State::Risk(s), Doc::Risk(r)) => {
                let title = &reg.risks[r].title;
                let title = match s.short_title {
                    true => short_title(title).unwrap_or(title),
                    false => title,
                };
                format!("Add {id}: {title}")
            }
            (Change::Add, _, Doc::Mitigation(m)) => {
                let risk = &reg.risks[reg.mitigations[m].risks[0]];
                format!("Add {id} to treat {}", risk.id)
            }
            (Change::Add, _, Doc::Review(v)) => {
                format!("Add the minutes of the {}", reg.reviews[v].title)
            }
            (Change::Start, ..) => format!("Start work on {id}"),
            (Change::Block, ..) => format!("Mark {id} as blocked"),
            (Change::Complete, ..) => format!("Complete {id}"),
            (Change::Cancel, ..) => format!("Cancel {id}"),
            (Change::Log, ..) => format!("Log progress on {id}"),
            (Change::Replan, State::Mitigation(s), _) => {
                format!("Move the due date of {id} to {}", Ymd(s.due))
            }
            (Change::Reassign, ..) => format!("Hand {id} over to {}", OWNERS[owner].1),
            (Change::Describe, ..) => format!("Describe {id} in more detail"),
            (Change::Rate, ..) => format!("Re-rate the residual risk of {id}"),
            (Change::Decide, State::Risk(s), _) => {
                let decision = match s.treatment {
                    Treatment::Mitigate => "mitigate",
                    Treatment::Accept { .. } => "accept",
                    Treatment::Transfer { .. } => "transfer",
                    Treatment::Avoid { .. } => "avoid",
                };
                format!("Change the treatment of {id} to {decision}")
            }
            (Change::Approve, State::Risk(s), _) => match s.treatment {
                Treatment::Accept { approver, .. } => {
                    format!("Record the acceptance of {id} by {}", OWNERS[approver].1)
                }
                _ => format!("Accept {id}"),
            },
            (Change::Renew, State::Risk(s), _) => match s.treatment {
                Treatment::Accept { expires, .. } => {
                    format!("Renew the acceptance of {id} until {}", Ymd(expires))
                }
                _ => format!("Renew the acceptance of {id}"),
            },
            (Change::Retire, ..) => format!("Retire {id}"),
            (Change::Scope, ..) => format!("Add a system to {id}"),
            (Change::Outcomes, ..) => format!("Record the outcomes of {id}"),
            (Change::Note, ..) => format!("Add a note for reviewers to {id}"),
            (Change::Unnote, ..) => format!("Remove a stale comment from {id}"),
            (Change::Reformat, ..) => format!("Normalize the formatting of {id}"),
            (Change::Move, ..) => {
                let before = i.checked_sub(1).map_or(Place::Final, |j| history[j].place);
                match (before, version.place) {
                    (Place::Bare, _) => format!("Add the title to the file name of {id}"),
                    (Place::OldSlug, _) => format!("Retitle {id} and rename its file"),
                    (Place::Misfiled, _) => format!("Move {id} into the right folder"),
                    (Place::Archive, _) => format!("Move {id} out of the archive"),
                    (_, Place::Archive) => format!("Move {id} to the archive"),
                    _ => format!("Rename {id}"),
                }
            }
            _ => format!("Update {id}"),
        };
        match version.moved && version.change != Change::Move {
            true => format!("{text} and move its file"),
            false => text,
        }
    }
}
