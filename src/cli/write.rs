//! Writing an output file (`-o`): atomically, through a temporary file created exclusively
//! under a random name in the target's folder, never through a symbolic link, and keeping
//! the permissions of the file it replaces.

use std::ffi::OsString;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::path::Path;

use super::Failure;

/// Writes `bytes` to `path`, or to `out` when no path is given.
///
/// A target that is a symbolic link is refused (exit 2), not replaced and not followed:
/// following it would write wherever the link points (outside the checkout, when the link
/// came with a pull request), and replacing it would silently undo a link someone set up on
/// purpose. The folders of a relative path are held to the same rule, since they are in the
/// working folder, which a checkout fills; an absolute path is taken as written.
pub fn write_output(path: Option<&Path>, bytes: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
    let Some(path) = path else {
        return out.write_all(bytes).map_err(Failure::from);
    };
    let cannot =
        |reason: String| Failure::Message(format!("cannot write {}: {reason}", path.display()));
    let file_name = path
        .file_name()
        .ok_or_else(|| cannot("not a file name".to_owned()))?;
    let existing = existing_permissions(path).map_err(cannot)?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut prefix = OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".riskreg.tmp");
    if let Some(mode) = new_file_permissions() {
        builder.permissions(mode);
    }
    let written = builder.tempfile_in(folder).and_then(|mut temporary| {
        temporary.write_all(bytes)?;
        if let Some(permissions) = existing {
            temporary.as_file().set_permissions(permissions)?;
        }
        temporary.as_file().sync_all()?;
        temporary.persist(path).map_err(|error| error.error)?;
        Ok(())
    });
    written.map_err(|error| cannot(error.to_string()))
}

/// The permissions of the regular file at `path`, `None` when there is none; an error when
/// the path, or a folder of it when it is relative, is a symbolic link, or when the path is
/// not a regular file.
fn existing_permissions(path: &Path) -> Result<Option<Permissions>, String> {
    if path.is_relative() {
        let folders = path.parent().into_iter().flat_map(Path::ancestors);
        for folder in folders.filter(|folder| !folder.as_os_str().is_empty()) {
            if is_link(folder) {
                return Err(format!(
                    "its folder {} is a symbolic link, and riskreg does not write through links; give the real folder",
                    folder.display()
                ));
            }
        }
    }
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(
            "it is a symbolic link, and riskreg neither writes through a link nor replaces one; remove the link or write elsewhere"
                .to_owned(),
        ),
        Ok(metadata) if !metadata.is_file() => Err("it is not a regular file".to_owned()),
        Ok(metadata) => Ok(Some(metadata.permissions())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error.to_string()),
    }
}

/// Whether `path` itself is a symbolic link.
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink())
}

/// The mode a new output file is created with: read and write for everyone, less the
/// umask, as any file a program creates (a temporary file would otherwise be private).
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
