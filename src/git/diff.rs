//! Versions of a register folder compared entry by entry, without recursion: the folders
//! still to compare wait in a list, level by level, and a folder nested deeper than
//! [`MAX_TREE_DEPTH`] stops the walk with an error instead of the process with a stack
//! overflow.

use std::cmp::Ordering;
use std::collections::HashMap;

use git2::Oid;

use super::tree::{
    EntryKind, TreeEntries, TreeItem, Trees, common_prefix, common_suffix, entry_boundary, of_kind,
};
use super::{BlobId, FileChange, GitError, MAX_TREE_DEPTH, too_deep};

/// The document changes of many commits at once, each given as its register folder before
/// and after, newest first: one list per pair, of the files that differ and that `keep`
/// accepts, in git's order of paths (a folder's changes before a file of the same name).
/// Folders whose object IDs match are skipped unread. The work goes level by level and, within a level, folder by
/// folder: every version of one folder the pairs touch is read in a row, newest first. A
/// repacked pack stores each folder's versions as a chain of deltas from the newest, and
/// libgit2 keeps the versions it rebuilds in a 16 MiB cache that it empties whole when it
/// fills; commit by commit, a register with tens of large folders overflows that cache and
/// rebuilds chains from their bases again and again, while one folder at a time fits.
/// `at` names a pair's commit for an error.
pub(super) fn diff_pairs(
    trees: &mut Trees<'_>,
    pairs: &[(Option<Oid>, Option<Oid>)],
    keep: &dyn Fn(&str) -> bool,
    at: &dyn Fn(usize) -> String,
) -> Result<Vec<Vec<FileChange>>, GitError> {
    struct Task {
        pair: usize,
        old: Option<Oid>,
        new: Option<Oid>,
        path: String,
        depth: usize,
    }
    let mut level: Vec<Task> = pairs
        .iter()
        .enumerate()
        .map(|(pair, &(old, new))| Task {
            pair,
            old,
            new,
            path: String::new(),
            depth: 0,
        })
        .collect();
    let mut compared: HashMap<(usize, String), Vec<Step>> = HashMap::new();
    while !level.is_empty() {
        // A stable sort: each folder's versions together, still newest first.
        level.sort_by(|a, b| a.path.cmp(&b.path));
        let mut next = Vec::new();
        for task in level {
            if task.depth > MAX_TREE_DEPTH {
                return Err(too_deep(&at(task.pair)));
            }
            let steps = compare_folder(trees, task.old, task.new, &task.path, task.depth, keep)?;
            for step in &steps {
                if let Step::Folder {
                    old,
                    new,
                    path,
                    depth,
                } = step
                {
                    next.push(Task {
                        pair: task.pair,
                        old: *old,
                        new: *new,
                        path: path.clone(),
                        depth: *depth,
                    });
                }
            }
            compared.insert((task.pair, task.path), steps);
        }
        level = next;
    }
    let mut diffs = Vec::with_capacity(pairs.len());
    for pair in 0..pairs.len() {
        let mut changes = Vec::new();
        let mut pending = vec![Step::Folder {
            old: None,
            new: None,
            path: String::new(),
            depth: 0,
        }];
        while let Some(step) = pending.pop() {
            match step {
                Step::Change(change) => changes.push(change),
                Step::Folder { path, .. } => {
                    let steps = compared.remove(&(pair, path)).unwrap_or_default();
                    pending.extend(steps.into_iter().rev());
                }
            }
        }
        diffs.push(changes);
    }
    Ok(diffs)
}

/// What is left to do of a diff: a file change to hand on, or a folder to compare.
enum Step {
    Change(FileChange),
    Folder {
        old: Option<Oid>,
        new: Option<Oid>,
        /// The folder's path with a trailing `/` ("" for the register root).
        path: String,
        /// How many folders deep it is below the register root.
        depth: usize,
    },
}

/// Merge-joins two versions of one folder in git's order: the subfolders to compare next
/// and the file changes, in the order a depth-first diff meets them.
fn compare_folder(
    trees: &mut Trees<'_>,
    old: Option<Oid>,
    new: Option<Oid>,
    folder: &str,
    depth: usize,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Vec<Step>, GitError> {
    let mut steps = Vec::new();
    if old == new {
        return Ok(steps);
    }
    let (old_object, new_object) = (trees.get(old, folder)?, trees.get(new, folder)?);
    let old_data = old_object.as_ref().map_or(&[][..], |object| object.data());
    let new_data = new_object.as_ref().map_or(&[][..], |object| object.data());
    // Most of two versions of a folder is the same: skip the common head and tail with
    // byte comparisons and merge-join only the entries in between.
    let head = entry_boundary(old_data, common_prefix(old_data, new_data));
    let (old_rest, new_rest) = (&old_data[head..], &new_data[head..]);
    let tail = common_suffix(old_rest, new_rest);
    let mut left = TreeEntries::new(old_rest);
    let mut right = TreeEntries::new(new_rest);
    let (mut next_a, mut next_b) = (left.next(), right.next());
    loop {
        let rest_a = next_a.map_or(0, |item| item.len) + left.data.len();
        let rest_b = next_b.map_or(0, |item| item.len) + right.data.len();
        if rest_a == rest_b && rest_a <= tail {
            break;
        }
        let order = match (next_a, next_b) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(a), Some(b)) => a.git_order(&b),
        };
        let (a, b) = match order {
            Ordering::Less => (next_a.take(), None),
            Ordering::Greater => (None, next_b.take()),
            Ordering::Equal => (next_a.take(), next_b.take()),
        };
        if next_a.is_none() {
            next_a = left.next();
        }
        if next_b.is_none() {
            next_b = right.next();
        }
        if a.map(|item| (item.id, item.kind)) == b.map(|item| (item.id, item.kind)) {
            continue;
        }
        let Some(name) = a.or(b).and_then(|item| std::str::from_utf8(item.name).ok()) else {
            continue;
        };
        let path = format!("{folder}{name}");
        let (old_tree, new_tree) = (of_kind(a, EntryKind::Tree), of_kind(b, EntryKind::Tree));
        if old_tree.is_some() || new_tree.is_some() {
            let oid =
                |item: Option<TreeItem<'_>>| item.and_then(|item| Oid::from_bytes(item.id).ok());
            steps.push(Step::Folder {
                old: oid(old_tree),
                new: oid(new_tree),
                path: format!("{path}/"),
                depth: depth + 1,
            });
        }
        if !keep(&path) {
            continue;
        }
        let blob = |item: Option<TreeItem<'_>>| {
            of_kind(item, EntryKind::File)
                .and_then(|item| item.id.try_into().ok())
                .map(|id: [u8; 20]| (path.clone(), BlobId(id)))
        };
        let (old_blob, new_blob) = (blob(a), blob(b));
        if old_blob.is_some() || new_blob.is_some() {
            steps.push(Step::Change(FileChange {
                old: old_blob,
                new: new_blob,
            }));
        }
    }
    Ok(steps)
}
