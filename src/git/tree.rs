//! Raw tree objects read in place: a cache of the trees a walk reads again, entries parsed
//! straight from the object's bytes, and the byte comparisons that skip what two versions
//! of a folder share.

use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use git2::Oid;

use super::objects::{LARGE_TREE_BYTES, LargeTrees, Reader};
use super::{GitError, corrupt};

/// A tree object's raw bytes, as the reader that read it holds them.
pub(super) enum TreeObject<'odb> {
    /// Read by libgit2.
    Git2(git2::OdbObject<'odb>),
    /// Read through gitoxide (a large tree).
    Large(Box<[u8]>),
}

impl TreeObject<'_> {
    /// The tree's raw entries.
    pub(super) fn data(&self) -> &[u8] {
        match self {
            TreeObject::Git2(object) => object.data(),
            TreeObject::Large(data) => data,
        }
    }
}

/// Raw tree objects, keeping the most recently read: a commit's trees are read again as
/// the next commit's parent trees, and re-inflating them would double the walk's cost.
/// Trees are read by libgit2, but a folder once found over [`LARGE_TREE_BYTES`] is read
/// through gitoxide from then on ([`super::objects`] says why).
pub(super) struct Trees<'odb> {
    odb: &'odb git2::Odb<'odb>,
    large_trees: &'odb LargeTrees,
    /// The reader of large trees, once one was met.
    large_reader: Option<Reader>,
    /// The folders (paths with a trailing `/`) found over the size.
    large_folders: HashSet<String>,
    cache: HashMap<Oid, Rc<TreeObject<'odb>>>,
    /// The trees kept, oldest first, with their sizes.
    recent: VecDeque<(Oid, usize)>,
    /// The bytes of the trees kept.
    kept_bytes: usize,
}

impl<'odb> Trees<'odb> {
    /// How many trees are kept: enough for a commit's and its parent's folders.
    const CAPACITY: usize = 64;

    /// How many bytes of trees are kept at most, beside the newest: a register with
    /// folders of ten thousand documents (trees of a megabyte and more) stays light, with
    /// each thread of the walk keeping its own.
    const CAPACITY_BYTES: usize = 16 << 20;

    pub(super) fn new(odb: &'odb git2::Odb<'odb>, large_trees: &'odb LargeTrees) -> Self {
        Trees {
            odb,
            large_trees,
            large_reader: None,
            large_folders: HashSet::new(),
            cache: HashMap::new(),
            recent: VecDeque::new(),
            kept_bytes: 0,
        }
    }

    /// The tree object of the folder at `folder` (`None` for no tree).
    pub(super) fn get(
        &mut self,
        id: Option<Oid>,
        folder: &str,
    ) -> Result<Option<Rc<TreeObject<'odb>>>, GitError> {
        let Some(id) = id else {
            return Ok(None);
        };
        if let Some(data) = self.cache.get(&id) {
            return Ok(Some(Rc::clone(data)));
        }
        let object = if self.large_folders.contains(folder) {
            let reader = match &mut self.large_reader {
                Some(reader) => reader,
                None => self.large_reader.insert(self.large_trees.reader()?),
            };
            TreeObject::Large(reader.read(id.as_bytes())?.into())
        } else {
            let object = self.odb.read(id).map_err(|error| corrupt(&error))?;
            if object.len() >= LARGE_TREE_BYTES {
                self.large_folders.insert(folder.to_owned());
            }
            TreeObject::Git2(object)
        };
        let size = object.data().len();
        let data = Rc::new(object);
        while let Some(&(oldest, oldest_size)) = self.recent.front()
            && (self.recent.len() == Self::CAPACITY
                || self.kept_bytes + size > Self::CAPACITY_BYTES)
        {
            self.recent.pop_front();
            self.cache.remove(&oldest);
            self.kept_bytes -= oldest_size;
        }
        self.recent.push_back((id, size));
        self.kept_bytes += size;
        self.cache.insert(id, Rc::clone(&data));
        Ok(Some(data))
    }
}

/// What a tree entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryKind {
    /// A folder (mode 40000).
    Tree,
    /// A regular file (modes 100644 and 100755).
    File,
    /// A symbolic link (mode 120000): never a document.
    Link,
    /// A submodule: never a document.
    Other,
}

/// One entry of a raw tree object: `<mode> <name>\0<20-byte id>`.
#[derive(Debug, Clone, Copy)]
pub(super) struct TreeItem<'a> {
    /// The entry's length in the raw tree.
    pub(super) len: usize,
    pub(super) kind: EntryKind,
    pub(super) name: &'a [u8],
    pub(super) id: &'a [u8],
}

/// How many leading bytes two slices share.
pub(super) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let mut at = 0;
    while at + CHUNK <= a.len().min(b.len()) && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes two slices share.
pub(super) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let shorter = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= shorter
        && a[a.len() - at - CHUNK..a.len() - at] == b[b.len() - at - CHUNK..b.len() - at]
    {
        at += CHUNK;
    }
    at + a[..a.len() - at]
        .iter()
        .rev()
        .zip(b[..b.len() - at].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The start of the entry of a raw tree that contains byte `at` (or the end).
pub(super) fn entry_boundary(data: &[u8], at: usize) -> usize {
    let mut start = 0;
    while let Some(nul) = data.get(start..).and_then(|rest| memchr::memchr(0, rest)) {
        let end = start + nul + 1 + 20;
        if end > at || end > data.len() {
            break;
        }
        start = end;
    }
    start
}

/// The entry, if it is of this kind.
pub(super) fn of_kind(item: Option<TreeItem<'_>>, kind: EntryKind) -> Option<TreeItem<'_>> {
    item.filter(|item| item.kind == kind)
}

impl TreeItem<'_> {
    /// Git's order of tree entries: by name bytes, a folder's name as if it ended in `/`.
    pub(super) fn git_order(&self, other: &TreeItem<'_>) -> std::cmp::Ordering {
        let (a, b) = (self.name, other.name);
        let common = a.len().min(b.len());
        a[..common].cmp(&b[..common]).then_with(|| {
            let next = |item: &TreeItem<'_>, bytes: &[u8]| {
                bytes
                    .get(common)
                    .copied()
                    .or((item.kind == EntryKind::Tree).then_some(b'/'))
            };
            next(self, a).cmp(&next(other, b))
        })
    }
}

/// The entries of a raw tree object, read in place. libgit2's tree objects are built for
/// random access and cost an allocation and several calls per entry; a history walk visits
/// millions of entries, and reading the (simple, stable) format directly makes the walk
/// about as fast as git's own.
pub(super) struct TreeEntries<'a> {
    pub(super) data: &'a [u8],
}

impl<'a> TreeEntries<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        TreeEntries { data }
    }
}

impl<'a> Iterator for TreeEntries<'a> {
    type Item = TreeItem<'a>;

    fn next(&mut self) -> Option<TreeItem<'a>> {
        let space = memchr::memchr(b' ', self.data)?;
        let nul = space + 1 + memchr::memchr(0, &self.data[space + 1..])?;
        let end = nul + 1 + 20;
        if end > self.data.len() {
            self.data = &[];
            return None;
        }
        let kind = match &self.data[..space] {
            b"40000" => EntryKind::Tree,
            b"100644" | b"100755" | b"100664" => EntryKind::File,
            b"120000" => EntryKind::Link,
            _ => EntryKind::Other,
        };
        let item = TreeItem {
            len: end,
            kind,
            name: &self.data[space + 1..nul],
            id: &self.data[nul + 1..end],
        };
        self.data = &self.data[end..];
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(entries: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut data = Vec::new();
        for (mode, name, id) in entries {
            data.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            data.extend_from_slice(&[*id; 20]);
        }
        data
    }

    #[test]
    fn reads_raw_tree_entries_in_place() {
        let data = raw(&[
            ("100644", "R-001.yaml", 1),
            ("40000", "risks", 2),
            ("120000", "link", 3),
        ]);
        let kinds: Vec<(EntryKind, &[u8])> = TreeEntries::new(&data)
            .map(|item| (item.kind, item.name))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntryKind::File, &b"R-001.yaml"[..]),
                (EntryKind::Tree, &b"risks"[..]),
                (EntryKind::Link, &b"link"[..])
            ]
        );
        assert_eq!(entry_boundary(&data, 0), 0);
        assert_eq!(entry_boundary(&data, 5), 0);
        let first = "100644 R-001.yaml\0".len() + 20;
        assert_eq!(entry_boundary(&data, first), first);
    }

    #[test]
    fn orders_folders_as_if_their_names_ended_in_a_slash() {
        let data = raw(&[("40000", "a", 1), ("100644", "a.b", 2)]);
        let entries: Vec<TreeItem<'_>> = TreeEntries::new(&data).collect();
        assert_eq!(
            entries[1].git_order(&entries[0]),
            std::cmp::Ordering::Less,
            "`a.b` sorts before the folder `a/`"
        );
    }

    #[test]
    fn common_prefix_and_suffix() {
        let a: Vec<u8> = (0..200u8).collect();
        let mut b = a.clone();
        b[130] = 0;
        assert_eq!(common_prefix(&a, &b), 130);
        assert_eq!(common_suffix(&a, &b), 69);
        assert_eq!(common_suffix(&a, &a), 200);
        assert_eq!(common_prefix(&a[..10], &a), 10);
    }
}
