//! Writing the planned files: each atomically (`atomic`), a new file only where none exists,
//! never through a symbolic link.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::{ImportError, Plan};
use crate::atomic::Mode;

/// Checks that no part of `relative` under `root` is a symbolic link (the walk of the
/// register never follows them, so neither does a write).
fn no_links(root: &Path, relative: &str) -> Result<(), ImportError> {
    match crate::load::link_within(root, relative) {
        None => Ok(()),
        Some(link) => Err(ImportError::file(
            relative,
            format!("cannot be written: {} is a symbolic link", link.display()),
            "riskreg does not write through symbolic links; replace the link by the folder or file",
        )),
    }
}

/// Writes every new and changed file of the plan under `root`, in parallel. Every path is
/// checked (no symbolic link on the way, no file where a new one goes) and every folder made
/// before the first write; a file that fails to write is named.
pub fn write(root: &Path, plan: &Plan) -> Result<(), ImportError> {
    let files: Vec<(&str, &str, bool)> = plan
        .created
        .iter()
        .map(|created| (created.path.as_str(), created.text.as_str(), true))
        .chain(
            plan.updated
                .iter()
                .map(|updated| (updated.path.as_str(), updated.text.as_str(), false)),
        )
        .collect();
    let folders: BTreeSet<&str> = files
        .iter()
        .filter_map(|(relative, _, _)| relative.rsplit_once('/').map(|(folder, _)| folder))
        .collect();
    for folder in &folders {
        no_links(root, folder)?;
        fs::create_dir_all(root.join(folder)).map_err(|error| {
            ImportError::file(
                folder,
                format!("cannot be made: {error}"),
                "check the permissions of the register's folders",
            )
        })?;
    }
    for (relative, _, new) in &files {
        let path = root.join(relative);
        let metadata = fs::symlink_metadata(&path);
        if metadata
            .as_ref()
            .is_ok_and(|metadata| metadata.file_type().is_symlink())
        {
            no_links(root, relative)?;
        }
        if *new && metadata.is_ok() {
            return Err(ImportError::file(
                relative,
                "already exists",
                "import never overwrites a file it did not read as a document; move it away",
            ));
        }
    }
    let failures: Vec<(&str, std::io::Error)> = files
        .par_iter()
        .filter_map(|(relative, text, new)| {
            let mode = if *new { Mode::Create } else { Mode::Replace };
            crate::atomic::write(&root.join(relative), text.as_bytes(), mode)
                .err()
                .map(|error| (*relative, error))
        })
        .collect();
    let Some((relative, error)) = failures.into_iter().next() else {
        return Ok(());
    };
    Err(ImportError::file(
        relative,
        format!("cannot be written: {error}"),
        "the files that could be written were; fix the cause and import again (it changes only what still differs)",
    ))
}
