//! The files of a folder at a revision, listed without recursion and without reading them:
//! folders wait on an explicit stack, and one nested deeper than [`MAX_TREE_DEPTH`] stops
//! the listing with an error.

use git2::Oid;

use super::tree::{EntryKind, TreeEntries, Trees};
use super::{BlobId, GitError, MAX_TREE_DEPTH, too_deep};

/// A file of a folder at a revision: its path relative to the folder, its blob, and whether
/// it is a symbolic link (whose blob holds the link's target, not a document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// The path, with `/`.
    pub path: String,
    /// The blob to read on demand.
    pub blob: BlobId,
    /// Whether the entry is a symbolic link.
    pub link: bool,
}

/// Every regular file and symbolic link below the folder `root` whose path `keep` accepts.
/// `at` names the revision for an error.
pub(super) fn list_files(
    trees: &mut Trees<'_>,
    root: Oid,
    keep: &dyn Fn(&str) -> bool,
    at: &str,
) -> Result<Vec<TreeFile>, GitError> {
    let mut files = Vec::new();
    let mut pending = vec![(root, String::new(), 0)];
    while let Some((id, folder, depth)) = pending.pop() {
        if depth > MAX_TREE_DEPTH {
            return Err(too_deep(at));
        }
        let object = trees.get(Some(id), &folder)?;
        let data = object.as_ref().map_or(&[][..], |object| object.data());
        for item in TreeEntries::new(data) {
            let Ok(name) = std::str::from_utf8(item.name) else {
                continue;
            };
            let path = format!("{folder}{name}");
            match item.kind {
                EntryKind::Tree => {
                    if let Ok(oid) = Oid::from_bytes(item.id) {
                        pending.push((oid, format!("{path}/"), depth + 1));
                    }
                }
                EntryKind::File | EntryKind::Link if keep(&path) => {
                    if let Ok(id) = <[u8; 20]>::try_from(item.id) {
                        files.push(TreeFile {
                            path,
                            blob: BlobId(id),
                            link: item.kind == EntryKind::Link,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    Ok(files)
}
