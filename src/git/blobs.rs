//! Reading blobs within a size limit: the size comes from the object's header, so a blob
//! over the limit is never inflated.

use std::marker::PhantomData;
use std::sync::Mutex;

use super::objects::{Reader, Store};
use super::{BlobId, GitError};

/// What reading a blob within a size limit gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounded<T> {
    /// The blob was within the limit; what the reader made of its bytes.
    Read(T),
    /// The blob is larger than the limit, by its header; it was not read.
    TooLarge(u64),
}

/// Reads blobs from a repository's object database, from any number of threads at once:
/// each read borrows an idle reader (with its own cache of delta bases) or makes one.
pub struct Blobs<'repo> {
    pub(super) store: Store,
    pub(super) idle: Mutex<Vec<Reader>>,
    /// Blobs are read while their repository is open.
    pub(super) repo: PhantomData<&'repo ()>,
}

impl Blobs<'_> {
    /// Hands a blob's bytes to `read`, without copying them, when its size is at most
    /// `max_bytes`. The size is read from the object's header first (a few bytes of a loose
    /// object, the entry header in a pack), so a larger blob costs neither the time nor the
    /// memory of inflating it.
    pub fn read_within<T>(
        &self,
        id: BlobId,
        max_bytes: u64,
        read: impl FnOnce(&[u8]) -> T,
    ) -> Result<Bounded<T>, GitError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut reader = idle.unwrap_or_else(|| self.store.blob_reader());
        let result = read_with(&mut reader, id, max_bytes, read);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(reader);
        }
        result
    }
}

/// [`Blobs::read_within`] through one reader.
fn read_with<T>(
    reader: &mut Reader,
    id: BlobId,
    max_bytes: u64,
    read: impl FnOnce(&[u8]) -> T,
) -> Result<Bounded<T>, GitError> {
    let size = reader.size(&id.0)?;
    if size > max_bytes {
        return Ok(Bounded::TooLarge(size));
    }
    let data = reader.read(&id.0)?;
    // A damaged object may hold more than its header says; never hand on more than the
    // limit.
    if data.len() as u64 > max_bytes {
        return Ok(Bounded::TooLarge(data.len() as u64));
    }
    Ok(Bounded::Read(read(data)))
}
