//! A register as committed at a git revision: the files git holds there, read by the
//! loader. The one place that joins [`crate::load`] and [`crate::git`].

use std::path::Path;

use crate::git::{GitError, Repo};
use crate::layout::{CONFIG_FILE, is_document_path};
use crate::load::{self, Loaded};

/// Loads the register as it was at a git revision (a branch, tag or commit), from the
/// repository holding `root`. `Ok(None)` when the register did not exist there (no
/// config at that revision).
pub fn load(root: &Path, rev: &str) -> Result<Option<Loaded>, GitError> {
    let repo = Repo::discover(root)?;
    let keep = |path: &str| path == CONFIG_FILE || is_document_path(path);
    let Some(mut files) = repo.files_at(rev, &keep)? else {
        return Ok(None);
    };
    let Some(config_at) = files.iter().position(|(path, _)| path == CONFIG_FILE) else {
        return Ok(None);
    };
    let (_, config_bytes) = files.swap_remove(config_at);
    load::from_files(root.to_path_buf(), config_bytes, files)
        .map(Some)
        .map_err(|error| GitError::Corrupt(format!("{CONFIG_FILE} at {rev}: {error}")))
}
