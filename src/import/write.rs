//! Writing the planned files: each through a temporary file in its own folder, renamed over
//! the old one (or, for a new file, only where none exists), never through a symbolic link.

use std::collections::BTreeSet;
use std::fs::{self, Permissions};
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::{ImportError, Plan};

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

/// The permissions of a new document: readable by everyone, as an editor makes files.
#[cfg(unix)]
fn new_file_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o644))
}

/// Other systems keep the temporary file's permissions.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<Permissions> {
    None
}

/// Writes `text` to `path` (whose folder exists) atomically; `new` refuses to replace an
/// existing file, otherwise the old file's permissions are kept.
fn write_file(path: &Path, text: &str, new: bool) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let permissions = if new {
        new_file_permissions()
    } else {
        Some(fs::metadata(path)?.permissions())
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".riskreg-import-");
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    if new {
        temporary
            .persist_noclobber(path)
            .map_err(|error| error.error)?;
    } else {
        // A file replaced by rename must have its new bytes on disk first, or a crash could
        // leave it empty; a new file has no old content to lose (and syncing thousands of
        // them would dominate a large import).
        temporary.as_file().sync_all()?;
        temporary.persist(path).map_err(|error| error.error)?;
    }
    Ok(())
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
            write_file(&root.join(relative), text, *new)
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
