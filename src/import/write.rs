//! Writing the planned files: each through a temporary file in its own folder, renamed over
//! the old one (or, for a new file, only where none exists), never through a symbolic link.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ImportError, Plan};

/// Checks that no part of `relative` under `root` is a symbolic link (the walk of the
/// register never follows them, so neither does a write).
fn no_links(root: &Path, relative: &str) -> Result<(), ImportError> {
    let mut here = root.to_path_buf();
    for part in relative.split('/') {
        here.push(part);
        if fs::symlink_metadata(&here).is_ok_and(|metadata| metadata.file_type().is_symlink()) {
            return Err(ImportError::file(
                relative,
                format!("cannot be written: {} is a symbolic link", here.display()),
                "riskreg does not write through symbolic links; replace the link by the folder or file",
            ));
        }
    }
    Ok(())
}

/// Writes `text` to `path` atomically; `new` refuses to replace an existing file.
fn write_file(path: &Path, text: &str, new: bool) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let permissions = if new {
        None
    } else {
        fs::metadata(path)
            .ok()
            .map(|metadata| metadata.permissions())
    };
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    match permissions {
        Some(permissions) => fs::set_permissions(temporary.path(), permissions)?,
        None => set_new_file_mode(temporary.path())?,
    }
    if new {
        temporary
            .persist_noclobber(path)
            .map_err(|error| error.error)?;
    } else {
        temporary.persist(path).map_err(|error| error.error)?;
    }
    Ok(())
}

/// New documents are readable by everyone, as files made by an editor are.
#[cfg(unix)]
fn set_new_file_mode(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

/// Other systems keep the temporary file's permissions.
#[cfg(not(unix))]
fn set_new_file_mode(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Writes every new and changed file of the plan under `root`. Every path is checked
/// before the first write; a file that fails to write is named with the ones already
/// written.
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
    for (relative, _, new) in &files {
        no_links(root, relative)?;
        if *new && root.join(relative).exists() {
            return Err(ImportError::file(
                relative,
                "already exists",
                "import never overwrites a file it did not read as a document; move it away",
            ));
        }
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (relative, text, new) in files {
        let path = root.join(relative);
        if let Err(error) = write_file(&path, text, new) {
            let done = if written.is_empty() {
                "no other file was written".to_owned()
            } else {
                format!("{} files were written before it", written.len())
            };
            return Err(ImportError::file(
                relative,
                format!("cannot be written: {error}"),
                format!(
                    "{done}; fix the cause and import again (it changes only what still differs)"
                ),
            ));
        }
        written.push(path);
    }
    Ok(())
}
