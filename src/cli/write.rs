//! Writing an output file (`-o`): atomically (`atomic`), never through a symbolic link,
//! keeping the permissions of the file it replaces.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::Failure;
use crate::atomic::Mode;

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
    check_target(path).map_err(cannot)?;
    crate::atomic::write(path, bytes, Mode::Replace).map_err(|error| cannot(error.to_string()))
}

/// An error when the path, or a folder of it when it is relative, is a symbolic link, or
/// when the path is not a regular file.
fn check_target(path: &Path) -> Result<(), String> {
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
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error.to_string()),
    }
}

/// Whether `path` itself is a symbolic link.
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink())
}
