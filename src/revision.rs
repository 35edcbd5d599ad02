//! A register as committed at a git revision: the files git holds there, read by the
//! loader. The one place that joins [`crate::load`] and [`crate::git`].
//!
//! Nothing is read before it is needed: the folders are listed first, then each document's
//! blob is read on demand (one per parsing thread at a time) within the size limit, its
//! size taken from the object's header, so an oversize blob becomes a finding without
//! being inflated.

use std::path::Path;

use rayon::prelude::*;

use crate::finding::Finding;
use crate::git::{Blobs, Bounded, GitError, Packs, Repo, TreeFile};
use crate::layout::{CONFIG_FILE, DocumentFilter, is_document_path};
use crate::load::{self, Loaded};
use crate::source::Document;

/// Loads the register as it was at a git revision (a branch, tag or commit), from the
/// repository holding `root`, reading no file over `max_file_bytes` (which the config at
/// that revision can lower, not raise). `Ok(None)` when the register did not exist there
/// (no config at that revision).
pub fn load(root: &Path, rev: &str, max_file_bytes: u64) -> Result<Option<Loaded>, GitError> {
    let repo = Repo::discover(root)?;
    let keep = |path: &str| path == CONFIG_FILE || is_document_path(path);
    let Some(files) = repo.files_at(rev, &keep)? else {
        return Ok(None);
    };
    let (configs, documents): (Vec<TreeFile>, Vec<TreeFile>) =
        files.into_iter().partition(|file| file.path == CONFIG_FILE);
    let Some(config_file) = configs.first() else {
        return Ok(None);
    };
    let source = format!("{CONFIG_FILE} at {rev}");
    if config_file.link {
        return Err(GitError::Refused(format!(
            "{source} is a symbolic link; riskreg never reads its config through a link"
        )));
    }
    let blobs = repo.blobs(Packs::Shared)?;
    let invalid = |error: load::ConfigError| GitError::Corrupt(format!("{source}: {error}"));
    let stored = blobs.read_within(config_file.blob, load::MAX_CONFIG_BYTES, |bytes| {
        load::stored_config(bytes, max_file_bytes, &source)
    })?;
    let (config, config_doc, notices) = match stored {
        Bounded::Read(config) => config.map_err(invalid)?,
        Bounded::TooLarge(size) => {
            return Err(GitError::Corrupt(format!(
                "{source}: {}",
                load::over_limit(size)
            )));
        }
    };
    let filter = DocumentFilter::new(&config.ignore);
    let limit = config.limits.max_file_bytes;
    let read = documents
        .into_par_iter()
        .filter(|file| !file.link && filter.keeps(&file.path))
        .map(|file| read_document(&blobs, file, limit))
        .collect::<Result<Vec<_>, GitError>>()?;
    Ok(Some(load::assemble(
        root.to_path_buf(),
        config,
        config_doc,
        read,
        notices,
    )))
}

/// One document at the revision, read and parsed, or its `yaml-syntax` finding when its
/// blob is over the limit (not read).
fn read_document(
    blobs: &Blobs<'_>,
    file: TreeFile,
    limit: u64,
) -> Result<(Document, Vec<Finding>), GitError> {
    let TreeFile { path, blob, .. } = file;
    let parse = |bytes: &[u8]| load::read_stored(path.clone(), bytes, limit);
    Ok(match blobs.read_within(blob, limit, parse)? {
        Bounded::Read(document) => document,
        Bounded::TooLarge(size) => load::refuse_oversize(path, size, limit),
    })
}
