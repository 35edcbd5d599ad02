//! Files written atomically: the bytes go to a temporary file created exclusively under a
//! random name in the target's folder, which is then renamed over the target, so a reader
//! sees the old file or the new one, never a part. Imports no other module of the crate;
//! callers decide which paths may be written (links, folders).

use std::ffi::OsString;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::path::Path;

/// What a write may do to the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create a new file; fail if something already exists there. Not synced: a new file has
    /// no old content to lose, and syncing thousands of them would dominate a large import.
    Create,
    /// Replace the file, keeping its permissions, or create it; synced before the rename so
    /// a crash cannot leave the old file empty.
    Replace,
}

/// Writes `bytes` to `path` atomically. A new file gets read and write for everyone, less
/// the umask, as any file a program creates (a temporary file would otherwise be private).
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let existing = match (mode, fs::metadata(path)) {
        (Mode::Replace, Ok(metadata)) => Some(metadata.permissions()),
        (Mode::Replace, Err(error)) if error.kind() != io::ErrorKind::NotFound => {
            return Err(error);
        }
        _ => None,
    };
    let mut prefix = OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".riskreg.tmp");
    if let Some(permissions) = existing.or_else(new_file_permissions) {
        builder.permissions(permissions);
    }
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    match mode {
        Mode::Create => temporary.persist_noclobber(path),
        Mode::Replace => {
            temporary.as_file().sync_all()?;
            temporary.persist(path)
        }
    }
    .map_err(|error| error.error)?;
    Ok(())
}

/// The mode a new file is created with: read and write for everyone, less the umask.
#[cfg(unix)]
fn new_file_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o666))
}

/// Elsewhere the platform's default applies.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<Permissions> {
    None
}
