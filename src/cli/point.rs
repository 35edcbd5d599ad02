//! Points in time: `--at DATE` resolved to the commit that held the register at the end of
//! that date, with the clear refusals `--at` and `@DATE` owe a user.

use std::path::Path;

use chrono::NaiveDate;

use super::Failure;
use crate::git::{Commit, GitError, Repo};

/// The last commit on HEAD's first-parent line whose committer date is on or before `date`,
/// for `flag` (`--at 2026-06-30`, `@2026-06-30`) to name in its refusals: a date in the
/// future, before the repository's first commit, outside git or in a shallow clone.
pub fn commit_at(root: &Path, date: NaiveDate, flag: &str) -> Result<Commit, Failure> {
    let today = chrono::Local::now().date_naive();
    if date > today {
        return Err(Failure::Message(format!(
            "{flag}: the date is in the future (today is {today}); a point in time must be in the past"
        )));
    }
    let refused = |error: GitError| {
        let hint = match &error {
            GitError::NotARepository => {
                " A point in time is read from git: keep the register in a git repository."
                    .to_owned()
            }
            other => other
                .hint()
                .map(|hint| format!(". {hint}"))
                .unwrap_or_default(),
        };
        Failure::Message(format!("{flag}: {error}{hint}"))
    };
    let repo = Repo::discover(root).map_err(refused)?;
    match repo.first_parent_at(date).map_err(refused)? {
        Some(commit) => Ok(commit),
        None => {
            let first = repo.first_commit().map_err(refused)?;
            Err(Failure::Message(format!(
                "{flag}: the date is before the repository's first commit ({}, {}); the register did not exist yet",
                first.short_id(),
                first.date()
            )))
        }
    }
}
