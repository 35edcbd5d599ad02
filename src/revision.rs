//! A register as committed at a git revision: the files git holds there, read by the
//! loader. The one place that joins [`crate::load`] and [`crate::git`].
//!
//! Nothing is read before it is needed: the folders are listed first, then each document's
//! blob is read on demand (one per parsing thread at a time) within the size limit, its
//! size taken from the object's header, so an oversize blob becomes a finding without
//! being inflated.

use std::path::{Path, PathBuf};

use fnv::FnvHashMap;
use rayon::prelude::*;

use crate::finding::Finding;
use crate::git::{BlobId, Blobs, Bounded, GitError, Packs, Repo, TreeFile};
use crate::layout::{CONFIG_FILE, DocumentFilter, is_document_path};
use crate::load::{self, Loaded, Register};
use crate::model::Config;
use crate::source::Document;

/// Loads the register as it was at a git revision (a branch, tag or commit), from the
/// repository holding `root`, reading no file over `max_file_bytes` (which the config at
/// that revision can lower, not raise). `Ok(None)` when the register did not exist there
/// (no config at that revision).
pub fn load(root: &Path, rev: &str, max_file_bytes: u64) -> Result<Option<Loaded>, GitError> {
    Revisions::open(root)?.load(rev, max_file_bytes)
}

/// A document as read and parsed from a blob at a path, with its loading findings.
type Parsed = (Document, Vec<Finding>);

/// A config as read from a blob: the config, its document, and its notices.
type StoredConfig = (Config, Document, Vec<String>);

/// A document file of the revision read last.
struct Known {
    /// Its blob.
    blob: BlobId,
    /// Its loading findings.
    findings: Vec<Finding>,
    /// The document, once its register was handed back ([`Revisions::reuse`]).
    document: Option<Document>,
}

/// Takes a document file into the revision being read: its document and findings into
/// `read`, its blob and findings into `files`, for the next revision.
fn take(
    files: &mut FnvHashMap<String, Known>,
    read: &mut Vec<(Document, Vec<Finding>)>,
    path: String,
    blob: BlobId,
    document: Document,
    findings: Vec<Finding>,
) {
    read.push((document, findings.clone()));
    files.insert(
        path,
        Known {
            blob,
            findings,
            document: None,
        },
    );
}

/// The register read at one revision after another of one repository (`trend`'s period
/// ends), opened once. A document whose path and blob are the same as at the revision read
/// before (or whose blob was there under another path: a moved file) is not read or parsed
/// again: the register handed back with [`Revisions::reuse`] lends its documents to the
/// next, so each revision costs what changed since the last, plus listing its folders.
pub struct Revisions {
    root: PathBuf,
    repo: Repo,
    /// The config last read: its blob, the file size limit it was read under, and what
    /// was read (documents are parsed under its limit and `ignore:`).
    config: Option<(BlobId, u64, StoredConfig)>,
    /// The document files of the revision read last, by path.
    files: FnvHashMap<String, Known>,
}

impl Revisions {
    /// Opens the repository holding `root`.
    pub fn open(root: &Path) -> Result<Revisions, GitError> {
        Ok(Revisions {
            root: root.to_path_buf(),
            repo: Repo::discover(root)?,
            config: None,
            files: FnvHashMap::default(),
        })
    }

    /// The register at `rev`, as [`load`] reads it.
    pub fn load(&mut self, rev: &str, max_file_bytes: u64) -> Result<Option<Loaded>, GitError> {
        let keep = |path: &str| path == CONFIG_FILE || is_document_path(path);
        let Some(files) = self.repo.files_at(rev, &keep)? else {
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
        let blobs = self.repo.blobs(Packs::Shared)?;
        let (config, config_doc, notices) = match &self.config {
            Some((blob, max, stored)) if *blob == config_file.blob && *max == max_file_bytes => {
                stored.clone()
            }
            _ => {
                let stored = read_config(&blobs, config_file.blob, max_file_bytes, &source)?;
                // Documents parsed under another config (another limit, other globs) are
                // read anew.
                self.files.clear();
                self.config = Some((config_file.blob, max_file_bytes, stored.clone()));
                stored
            }
        };
        let filter = DocumentFilter::new(&config.ignore);
        let limit = config.limits.max_file_bytes;
        let mut known = std::mem::take(&mut self.files);
        let mut files = FnvHashMap::with_capacity_and_hasher(documents.len(), Default::default());
        let mut read = Vec::with_capacity(documents.len());
        let mut unread = Vec::new();
        for TreeFile { path, blob, link } in documents {
            if link || !filter.keeps(&path) {
                continue;
            }
            match known.remove(&path) {
                Some(Known {
                    blob: known_blob,
                    findings,
                    document: Some(document),
                }) if known_blob == blob => {
                    take(&mut files, &mut read, path, blob, document, findings)
                }
                _ => unread.push((path, blob)),
            }
        }
        // A file moved unchanged (its blob lent under another path) keeps its document.
        if !unread.is_empty() {
            let mut moved: FnvHashMap<BlobId, String> = known
                .iter()
                .filter(|(_, file)| file.document.is_some())
                .map(|(path, file)| (file.blob, path.clone()))
                .collect();
            unread.retain(|(path, blob)| {
                let Some(Known {
                    findings,
                    document: Some(mut document),
                    ..
                }) = moved.remove(blob).and_then(|from| known.remove(&from))
                else {
                    return true;
                };
                document.path.clone_from(path);
                let findings: Vec<Finding> = findings
                    .into_iter()
                    .map(|mut finding| {
                        finding.path.clone_from(path);
                        finding
                    })
                    .collect();
                take(
                    &mut files,
                    &mut read,
                    path.clone(),
                    *blob,
                    document,
                    findings,
                );
                false
            });
        }
        let parsed = unread
            .into_par_iter()
            .map(|(path, blob)| {
                let parsed = read_document(&blobs, path.clone(), blob, limit)?;
                Ok((path, blob, parsed))
            })
            .collect::<Result<Vec<_>, GitError>>()?;
        for (path, blob, (document, findings)) in parsed {
            take(&mut files, &mut read, path, blob, document, findings);
        }
        self.files = files;
        Ok(Some(load::assemble(
            self.root.clone(),
            config,
            config_doc,
            read,
            notices,
        )))
    }

    /// Takes back a register this reader loaded last, so that the next revision reuses its
    /// documents that did not change.
    pub fn reuse(&mut self, register: Register) {
        for document in register.documents {
            if let Some(known) = self.files.get_mut(&document.path) {
                known.document = Some(document);
            }
        }
    }
}

/// The config at a revision, read from its blob (`source` names it in errors).
fn read_config(
    blobs: &Blobs<'_>,
    blob: BlobId,
    max_file_bytes: u64,
    source: &str,
) -> Result<StoredConfig, GitError> {
    let invalid = |error: load::ConfigError| GitError::Corrupt(format!("{source}: {error}"));
    let stored = blobs.read_within(blob, load::MAX_CONFIG_BYTES, |bytes| {
        load::stored_config(bytes, max_file_bytes, source)
    })?;
    match stored {
        Bounded::Read(config) => config.map_err(invalid),
        Bounded::TooLarge(size) => Err(GitError::Corrupt(format!(
            "{source}: {}",
            load::over_limit(size)
        ))),
    }
}

/// One document at the revision, read and parsed, or its `yaml-syntax` finding when its
/// blob is over the limit (not read).
fn read_document(
    blobs: &Blobs<'_>,
    path: String,
    blob: BlobId,
    limit: u64,
) -> Result<Parsed, GitError> {
    let parse = |bytes: &[u8]| load::read_stored(path.clone(), bytes, limit);
    Ok(match blobs.read_within(blob, limit, parse)? {
        Bounded::Read(document) => document,
        Bounded::TooLarge(size) => load::refuse_oversize(path, size, limit),
    })
}
