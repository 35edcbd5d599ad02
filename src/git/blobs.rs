//! Reading blobs within a size limit: the size comes from the object's header, so a blob
//! over the limit is never inflated.

use git2::Oid;

use super::{BlobId, GitError, corrupt};

/// What reading a blob within a size limit gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounded<T> {
    /// The blob was within the limit; what the reader made of its bytes.
    Read(T),
    /// The blob is larger than the limit, by its header; it was not read.
    TooLarge(u64),
}

/// Reads blobs from a repository's object database.
pub struct Blobs<'repo> {
    pub(super) odb: git2::Odb<'repo>,
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
        let oid = Oid::from_bytes(&id.0).map_err(|error| corrupt(&error))?;
        let (size, _) = self.odb.read_header(oid).map_err(|error| corrupt(&error))?;
        let size = size as u64;
        if size > max_bytes {
            return Ok(Bounded::TooLarge(size));
        }
        let object = self.odb.read(oid).map_err(|error| corrupt(&error))?;
        let data = object.data();
        // A damaged object may hold more than its header says; never hand on more than the
        // limit.
        if data.len() as u64 > max_bytes {
            return Ok(Bounded::TooLarge(data.len() as u64));
        }
        Ok(Bounded::Read(read(data)))
    }
}
