//! Reading a register file from the work tree: only a regular file, never through a
//! symbolic link, never more than a size limit.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// The path is a symbolic link; its target may be any file on the machine.
    Link,
    /// The path is not a regular file (a folder, a FIFO, a device).
    NotRegular,
    /// The file is larger than the limit, by this many bytes in all.
    TooLarge(u64),
    /// The file could not be read.
    Io(io::Error),
}

/// Reads the regular file at `path` if it holds at most `max_bytes`. The path itself is
/// examined without following a link, and no more than `max_bytes` are read even if the
/// file grows meanwhile.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    let metadata = fs::symlink_metadata(path).map_err(Refusal::Io)?;
    if metadata.file_type().is_symlink() {
        return Err(Refusal::Link);
    }
    if !metadata.is_file() {
        return Err(Refusal::NotRegular);
    }
    if metadata.len() > max_bytes {
        return Err(Refusal::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| {
            file.take(max_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The first part of `relative` (a `/`-separated path below `root`) that is a symbolic
/// link, if any: riskreg writes through none, as its walk follows none.
pub fn link_within(root: &Path, relative: &str) -> Option<std::path::PathBuf> {
    let mut here = root.to_path_buf();
    for part in relative.split('/') {
        here.push(part);
        if fs::symlink_metadata(&here).is_ok_and(|metadata| metadata.file_type().is_symlink()) {
            return Some(here);
        }
    }
    None
}

/// What kind of file is at `path`, looking at the path itself (a link is not followed);
/// `None` when nothing is there.
pub fn kind(path: &Path) -> Option<Kind> {
    let file_type = fs::symlink_metadata(path).ok()?.file_type();
    Some(if file_type.is_symlink() {
        Kind::Link
    } else if file_type.is_file() {
        Kind::Regular
    } else {
        Kind::Other
    })
}

/// What a path holds, as [`kind`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    Regular,
    /// A symbolic link (to anything, or to nothing).
    Link,
    /// A folder or a special file.
    Other,
}
