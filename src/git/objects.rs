//! Large trees read through gitoxide's object store. libgit2 never keeps an object over
//! 1 MiB in its cache of objects rebuilt from deltas (`GIT_PACK_CACHE_SIZE_LIMIT`, fixed
//! at compile time), so each version of a folder of ten thousand documents was rebuilt from
//! the base of its delta chain, up to fifty deltas of a megabyte or more each. gitoxide's
//! cache is sized at run time and keeps the object it rebuilt; read newest first, as the
//! walk reads a folder's versions, each is one delta from the version read before.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use gix_object::Find;

use super::GitError;

/// Trees at least this large are read through gitoxide: libgit2 caches nothing larger.
pub(super) const LARGE_TREE_BYTES: usize = 1 << 20;

/// The memory a reader may fill with rebuilt objects (git's own default is 96 MiB): a few
/// versions of a large folder, which is all a walk reading them in a row needs.
const REBUILT_BYTES: usize = 32 << 20;

/// A repository's object store for large trees, opened when the first one is met.
pub(super) struct LargeTrees {
    objects: PathBuf,
    store: OnceLock<Arc<gix_odb::Store>>,
}

impl LargeTrees {
    /// The store in the folder `objects`, not opened yet.
    pub(super) fn new(objects: PathBuf) -> LargeTrees {
        LargeTrees {
            objects,
            store: OnceLock::new(),
        }
    }

    /// A reader for one thread, with a cache of its own; opens the store on first use.
    pub(super) fn reader(&self) -> Result<Reader, GitError> {
        let store = match self.store.get() {
            Some(store) => store,
            None => {
                let store = gix_odb::Store::at_opts(
                    self.objects.clone(),
                    gix_hash::Kind::Sha1,
                    &mut std::iter::empty(),
                    gix_odb::store::init::Options::default(),
                )
                .map_err(|error| {
                    GitError::Corrupt(format!("{}: {error}", self.objects.display()))
                })?;
                self.store.get_or_init(|| Arc::new(store))
            }
        };
        let mut handle = store.to_cache_arc();
        handle.set_pack_cache(|| {
            Box::new(gix_pack::cache::lru::MemoryCappedHashmap::new(
                REBUILT_BYTES,
            ))
        });
        Ok(Reader {
            handle,
            scratch: Vec::new(),
        })
    }
}

/// Reads objects for one thread, with its own cache of rebuilt objects.
pub(super) struct Reader {
    handle: gix_odb::HandleArc,
    /// Holds the last object read.
    scratch: Vec<u8>,
}

impl Reader {
    /// An object's raw bytes, held until the next read.
    pub(super) fn read(&mut self, id: &[u8]) -> Result<&[u8], GitError> {
        let oid = gix_hash::oid::try_from_bytes(id)
            .map_err(|_| GitError::Corrupt(format!("an object ID of {} bytes", id.len())))?;
        match self.handle.try_find(oid, &mut self.scratch) {
            Ok(Some(object)) => Ok(object.data),
            Ok(None) => Err(GitError::Corrupt(format!(
                "object not found - no match for id ({oid})"
            ))),
            Err(error) => Err(GitError::Corrupt(format!("object {oid}: {error}"))),
        }
    }
}
