//! Objects read through gitoxide's object store. Each reader keeps the delta bases it
//! rebuilt (what git's `core.deltaBaseCacheLimit` bounds), so the versions of a folder or a
//! file stored as one chain of deltas are each rebuilt from the last one read, not from the
//! chain's base again: libgit2 caches too few bases for that, and a walk over folders of a
//! thousand documents spent most of its time inflating the same bases over and over.

use std::path::Path;
use std::sync::Arc;

use gix_object::Find;
use gix_odb::Header;

use super::{GitError, not_found};

/// The memory each tree reader may fill with delta bases: git's own default is 96 MiB.
const TREE_BASES_BYTES: usize = 96 << 20;

/// The memory each blob reader may fill with delta bases: a document's versions are small.
const BLOB_BASES_BYTES: usize = 16 << 20;

/// A repository's object store, opened once; readers made from it share its pack files.
#[derive(Clone)]
pub(super) struct Store(Arc<gix_odb::Store>);

impl Store {
    /// Opens the object store in `objects` (its alternates included). Nothing is read yet.
    pub(super) fn open(objects: &Path) -> Result<Store, GitError> {
        let store = gix_odb::Store::at_opts(
            objects.to_path_buf(),
            gix_hash::Kind::Sha1,
            &mut std::iter::empty(),
            gix_odb::store::init::Options::default(),
        )
        .map_err(|error| GitError::Corrupt(format!("{}: {error}", objects.display())))?;
        Ok(Store(Arc::new(store)))
    }

    /// A reader for one thread at a time, keeping up to `bases` bytes of delta bases.
    fn reader(&self, bases: usize) -> Reader {
        let mut handle = self.0.to_cache_arc();
        handle.set_pack_cache(move || {
            Box::new(gix_odb::pack::cache::lru::MemoryCappedHashmap::new(bases))
        });
        Reader {
            handle,
            scratch: Vec::new(),
        }
    }

    /// A reader of trees (large, read again and again as a folder changes).
    pub(super) fn tree_reader(&self) -> Reader {
        self.reader(TREE_BASES_BYTES)
    }

    /// A reader of blobs.
    pub(super) fn blob_reader(&self) -> Reader {
        self.reader(BLOB_BASES_BYTES)
    }
}

/// Reads objects for one thread at a time, with its own cache of delta bases.
pub(super) struct Reader {
    handle: gix_odb::HandleArc,
    /// Holds the last object read.
    scratch: Vec<u8>,
}

impl Reader {
    /// An object's raw bytes (a tree's entries, a blob's content), held until the next read.
    pub(super) fn read(&mut self, id: &[u8]) -> Result<&[u8], GitError> {
        let oid = to_oid(id)?;
        match self.handle.try_find(oid, &mut self.scratch) {
            Ok(Some(object)) => Ok(object.data),
            Ok(None) => Err(not_found(oid)),
            Err(error) => Err(GitError::Corrupt(format!("object {oid}: {error}"))),
        }
    }

    /// An object's size, from its header alone (a few bytes of a loose object, the entry
    /// header in a pack, the base's header through a chain of deltas).
    pub(super) fn size(&self, id: &[u8]) -> Result<u64, GitError> {
        let oid = to_oid(id)?;
        match self.handle.try_header(oid) {
            Ok(Some(header)) => Ok(header.size()),
            Ok(None) => Err(not_found(oid)),
            Err(error) => Err(GitError::Corrupt(format!("object {oid}: {error}"))),
        }
    }
}

/// An object ID from its 20 bytes.
fn to_oid(id: &[u8]) -> Result<&gix_hash::oid, GitError> {
    gix_hash::oid::try_from_bytes(id)
        .map_err(|_| GitError::Corrupt(format!("an object ID of {} bytes", id.len())))
}
