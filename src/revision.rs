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

/// A document file of the revision finished last.
struct Known {
    /// Its path.
    path: String,
    /// Its blob.
    blob: BlobId,
    /// Its loading findings.
    findings: Vec<Finding>,
}

/// Where a document file of a revision being read gets its document.
enum Source {
    /// Read and parsed from its blob.
    Parsed(Box<Parsed>),
    /// Unchanged since the revision finished last, where it was the file at this index
    /// (under another path when it moved): its document is taken from the register handed
    /// back.
    Kept(usize),
}

/// A revision's register, its folders listed and its changed documents parsed, waiting for
/// the register read before it to be handed back ([`Revisions::reuse`]) to lend the rest
/// ([`Revisions::finish`]).
pub struct Pending {
    /// The config at the revision: itself, its document and its notices.
    config: StoredConfig,
    /// The file size limit its documents are read under.
    limit: u64,
    /// Each document file, sorted by path: its path, its blob, and where its document
    /// comes from.
    files: Vec<(String, BlobId, Source)>,
}

/// The register read at one revision after another of one repository (`trend`'s period
/// ends), opened once. A document whose path and blob are the same as at the revision read
/// before (or whose blob was there under another path: a moved file) is not read or parsed
/// again: the register handed back with [`Revisions::reuse`] lends its documents to the
/// next, so each revision costs what changed since the last, plus listing its folders.
///
/// Reading a revision is two steps, [`Revisions::read`] then [`Revisions::finish`], so that
/// the register read before can still be in use during the first (and handed back between
/// them); [`Revisions::load`] takes both at once.
pub struct Revisions {
    root: PathBuf,
    repo: Repo,
    /// The config last read: its blob, the file size limit it was read under, and what
    /// was read (documents are parsed under its limit and `ignore:`).
    config: Option<(BlobId, u64, StoredConfig)>,
    /// The document files of the revision finished last, sorted by path (as its
    /// register's documents).
    files: Vec<Known>,
    /// That register's documents, once handed back.
    documents: Vec<Document>,
}

impl Revisions {
    /// Opens the repository holding `root`.
    pub fn open(root: &Path) -> Result<Revisions, GitError> {
        Ok(Revisions {
            root: root.to_path_buf(),
            repo: Repo::discover(root)?,
            config: None,
            files: Vec::new(),
            documents: Vec::new(),
        })
    }

    /// The register at `rev`, as [`load`] reads it.
    pub fn load(&mut self, rev: &str, max_file_bytes: u64) -> Result<Option<Loaded>, GitError> {
        match self.read(rev, max_file_bytes)? {
            Some(pending) => self.finish(pending).map(Some),
            None => Ok(None),
        }
    }

    /// The first step of reading the register at `rev`: its folders listed and every
    /// document that changed since the revision finished last read and parsed; `Ok(None)`
    /// when the register did not exist there. The documents that did not change come from
    /// that revision's register, once it is handed back: [`Revisions::finish`] completes
    /// the register, reading anew any document not handed back.
    pub fn read(&mut self, rev: &str, max_file_bytes: u64) -> Result<Option<Pending>, GitError> {
        let keep = |path: &str| path == CONFIG_FILE || is_document_path(path);
        let Some(files) = self.repo.files_at(rev, &keep)? else {
            return Ok(None);
        };
        let (configs, documents): (Vec<TreeFile>, Vec<TreeFile>) =
            files.into_iter().partition(|file| file.path == CONFIG_FILE);
        let Some(config_file) = configs.first() else {
            return Ok(None);
        };
        let config = self.stored_config(config_file, rev, max_file_bytes)?;
        let blobs = self.repo.blobs(Packs::Shared)?;
        let filter = DocumentFilter::new(&config.0.ignore);
        let limit = config.0.limits.max_file_bytes;
        let mut documents: Vec<(String, BlobId)> = documents
            .into_iter()
            .filter(|file| !file.link && filter.keeps(&file.path))
            .map(|TreeFile { path, blob, .. }| (path, blob))
            .collect();
        // Listed folder by folder, each in order: a stable sort merges the runs.
        documents.sort_by(|a, b| a.0.cmp(&b.0));
        let kept = self.kept(&documents);
        let files = documents
            .into_par_iter()
            .zip(kept)
            .map(|((path, blob), kept)| {
                let source = match kept {
                    Some(index) => Source::Kept(index),
                    None => {
                        Source::Parsed(Box::new(read_document(&blobs, path.clone(), blob, limit)?))
                    }
                };
                Ok((path, blob, source))
            })
            .collect::<Result<Vec<_>, GitError>>()?;
        Ok(Some(Pending {
            config,
            limit,
            files,
        }))
    }

    /// The config of the register at `rev` (`Ok(None)` when the register did not exist
    /// there), read as [`Revisions::read`] reads it and kept for it, so that what needs only
    /// the config (the history walk) can start while the documents are read.
    pub fn config(&mut self, rev: &str, max_file_bytes: u64) -> Result<Option<Config>, GitError> {
        let Some(config_file) = self.repo.file_at(rev, CONFIG_FILE)? else {
            return Ok(None);
        };
        Ok(Some(
            self.stored_config(&config_file, rev, max_file_bytes)?.0,
        ))
    }

    /// The config in `config_file` at `rev`, read under `max_file_bytes`: the one read last
    /// when it is the same blob under the same limit, else read and kept.
    fn stored_config(
        &mut self,
        config_file: &TreeFile,
        rev: &str,
        max_file_bytes: u64,
    ) -> Result<StoredConfig, GitError> {
        let source = format!("{CONFIG_FILE} at {rev}");
        if config_file.link {
            return Err(GitError::Refused(format!(
                "{source} is a symbolic link; riskreg never reads its config through a link"
            )));
        }
        if let Some((blob, max, stored)) = &self.config
            && *blob == config_file.blob
            && *max == max_file_bytes
        {
            return Ok(stored.clone());
        }
        let blobs = self.repo.blobs(Packs::Shared)?;
        let stored = read_config(&blobs, config_file.blob, max_file_bytes, &source)?;
        // Documents parsed under another config (another limit, other globs) are read anew.
        self.files.clear();
        self.config = Some((config_file.blob, max_file_bytes, stored.clone()));
        Ok(stored)
    }

    /// For each of `documents` (path and blob, sorted by path), the index of the file of
    /// the revision finished last that had its blob: under the same path, or, for a file
    /// moved unchanged, under a path that is gone (each such file lends to one only).
    fn kept(&self, documents: &[(String, BlobId)]) -> Vec<Option<usize>> {
        let mut listed = vec![false; self.files.len()];
        let mut previous = self.files.iter().enumerate().peekable();
        let mut kept: Vec<Option<usize>> = documents
            .iter()
            .map(|(path, blob)| {
                while previous.next_if(|(_, known)| known.path < *path).is_some() {}
                let (index, known) = previous.next_if(|(_, known)| known.path == *path)?;
                listed[index] = true;
                (known.blob == *blob).then_some(index)
            })
            .collect();
        let mut moved: FnvHashMap<BlobId, usize> = self
            .files
            .iter()
            .enumerate()
            .filter(|(index, _)| !listed[*index])
            .map(|(index, known)| (known.blob, index))
            .collect();
        for ((_, blob), kept) in documents.iter().zip(&mut kept) {
            if kept.is_none() {
                *kept = moved.remove(blob);
            }
        }
        kept
    }

    /// The register `pending` began, its unchanged documents taken from the register
    /// handed back since ([`Revisions::reuse`]); any not handed back is read anew.
    pub fn finish(&mut self, pending: Pending) -> Result<Loaded, GitError> {
        let Pending {
            config: (config, config_doc, notices),
            limit,
            files: pending,
        } = pending;
        let mut previous = std::mem::take(&mut self.files);
        let mut lent: Vec<Option<Document>> = std::mem::take(&mut self.documents)
            .into_iter()
            .map(Some)
            .collect();
        let mut files = Vec::with_capacity(pending.len());
        let mut read = Vec::with_capacity(pending.len());
        let mut unread = Vec::new();
        for (path, blob, source) in pending {
            let parsed = match source {
                Source::Parsed(parsed) => Some(*parsed),
                Source::Kept(index) => lend(&mut previous, &mut lent, index, &path),
            };
            match parsed {
                Some((document, findings)) => {
                    take(&mut files, &mut read, path, blob, document, findings)
                }
                None => unread.push((path, blob)),
            }
        }
        if !unread.is_empty() {
            let blobs = self.repo.blobs(Packs::Shared)?;
            for (path, blob, (document, findings)) in read_documents(&blobs, unread, limit)? {
                take(&mut files, &mut read, path, blob, document, findings);
            }
            files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        }
        self.files = files;
        Ok(load::assemble(
            self.root.clone(),
            config,
            config_doc,
            read,
            notices,
        ))
    }

    /// Takes back a register this reader finished last, so that the next revision reuses
    /// its documents that did not change.
    pub fn reuse(&mut self, register: Register) {
        self.documents = register.documents;
    }
}

/// The document handed back for the file at `index` of `previous` (the revision finished
/// last, its documents `lent`), with its findings, lent to `path`; none when it was not
/// handed back.
fn lend(
    previous: &mut [Known],
    lent: &mut [Option<Document>],
    index: usize,
    path: &str,
) -> Option<Parsed> {
    let known = previous.get_mut(index)?;
    let document = lent
        .get_mut(index)?
        .take()
        .filter(|document| document.path == known.path)?;
    Some(moved_to(
        path,
        document,
        std::mem::take(&mut known.findings),
    ))
}

/// Takes a document file into the revision being read: its document and findings into
/// `read`, its path, blob and findings into `files`, for the next revision.
fn take(
    files: &mut Vec<Known>,
    read: &mut Vec<(Document, Vec<Finding>)>,
    path: String,
    blob: BlobId,
    document: Document,
    findings: Vec<Finding>,
) {
    files.push(Known {
        path,
        blob,
        findings: findings.clone(),
    });
    read.push((document, findings));
}

/// A document and its findings, lent to `path` (where a file moved unchanged).
fn moved_to(path: &str, mut document: Document, findings: Vec<Finding>) -> Parsed {
    if document.path == path {
        return (document, findings);
    }
    document.path = path.to_owned();
    let findings = findings
        .into_iter()
        .map(|mut finding| {
            finding.path = path.to_owned();
            finding
        })
        .collect();
    (document, findings)
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

/// Each of `unread` (path and blob) read and parsed under `limit`, in parallel.
fn read_documents(
    blobs: &Blobs<'_>,
    unread: Vec<(String, BlobId)>,
    limit: u64,
) -> Result<Vec<(String, BlobId, Parsed)>, GitError> {
    unread
        .into_par_iter()
        .map(|(path, blob)| {
            let parsed = read_document(blobs, path.clone(), blob, limit)?;
            Ok((path, blob, parsed))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::git::{NewCommit, NewRepo, Stamp};
    use crate::model::Limits;

    /// Each document's path and text, and each loading finding's path and message.
    type Contents = (Vec<(String, String)>, Vec<(String, String)>);

    /// What `loaded` holds, to compare.
    fn contents(loaded: &Loaded) -> Contents {
        let documents = loaded
            .register
            .documents
            .iter()
            .map(|document| (document.path.clone(), document.text.to_string()))
            .collect();
        let findings = loaded
            .findings
            .iter()
            .map(|finding| (finding.path.clone(), finding.message.clone()))
            .collect();
        (documents, findings)
    }

    /// A tree of files from paths and texts.
    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect()
    }

    #[test]
    fn the_config_alone_is_the_one_a_load_reads() {
        let dir = tempfile::tempdir().expect("a folder");
        let repo = NewRepo::init(dir.path(), "main").expect("a repository");
        let stamp = Stamp {
            name: "A",
            email: "a@example.com",
            time: 1_700_000_000,
            offset_minutes: 0,
        };
        let commit = |files: &BTreeMap<String, String>, parents: &[String]| {
            repo.commit(&NewCommit {
                files,
                parents,
                stamp,
                message: "a commit",
            })
            .expect("a commit")
        };
        let before = commit(&tree(&[("risks/R-1.yaml", "id: R-1\n")]), &[]);
        let config = include_str!("../examples/acme/riskreg.yaml");
        let after = commit(
            &tree(&[("riskreg.yaml", config), ("risks/R-1.yaml", "id: R-1\n")]),
            std::slice::from_ref(&before),
        );
        let max = Limits::DEFAULT_MAX_FILE_BYTES;
        let mut revisions = Revisions::open(dir.path()).expect("opened");
        assert!(revisions.config(&before, max).expect("read").is_none());
        let alone = revisions
            .config(&after, max)
            .expect("read")
            .expect("a config");
        let loaded = load(dir.path(), &after, max)
            .expect("read")
            .expect("a register");
        assert_eq!(
            serde_json::to_value(&alone).expect("json"),
            serde_json::to_value(&loaded.register.config).expect("json")
        );
    }

    #[test]
    fn a_revision_read_after_another_is_the_revision_read_alone() {
        let dir = tempfile::tempdir().expect("a folder");
        let repo = NewRepo::init(dir.path(), "main").expect("a repository");
        let config = include_str!("../examples/acme/riskreg.yaml");
        let stamp = |time| Stamp {
            name: "A",
            email: "a@example.com",
            time,
            offset_minutes: 0,
        };
        let first = tree(&[
            ("riskreg.yaml", config),
            ("risks/R-1.yaml", "id: R-1\nkind: risk\n"),
            ("risks/R-2.yaml", "id: R-2\nkind: risk\n"),
            ("risks/R-3.yaml", "id: R-3\ntitle: [\n"),
        ]);
        // R-1 moves unchanged, R-2 changes, R-3 stays, R-4 is new.
        let second = tree(&[
            ("riskreg.yaml", config),
            ("risks/old/R-1.yaml", "id: R-1\nkind: risk\n"),
            ("risks/R-2.yaml", "id: R-2\nkind: mitigation\n"),
            ("risks/R-3.yaml", "id: R-3\ntitle: [\n"),
            ("risks/R-4.yaml", "id: R-4\n"),
        ]);
        let first = repo
            .commit(&NewCommit {
                files: &first,
                parents: &[],
                stamp: stamp(1_700_000_000),
                message: "first",
            })
            .expect("a commit");
        let second = repo
            .commit(&NewCommit {
                files: &second,
                parents: std::slice::from_ref(&first),
                stamp: stamp(1_700_000_100),
                message: "second",
            })
            .expect("a commit");
        repo.set_branch("main", &second).expect("a branch");
        let max = Limits::DEFAULT_MAX_FILE_BYTES;
        let alone = load(dir.path(), &second, max)
            .expect("read")
            .expect("a register");
        for hand_back in [true, false] {
            let mut revisions = Revisions::open(dir.path()).expect("opened");
            let before = revisions
                .load(&first, max)
                .expect("read")
                .expect("a register");
            if hand_back {
                revisions.reuse(before.register);
            }
            let after = revisions
                .load(&second, max)
                .expect("read")
                .expect("a register");
            assert_eq!(
                contents(&after),
                contents(&alone),
                "handed back: {hand_back}"
            );
        }
        assert!(
            contents(&alone)
                .1
                .iter()
                .any(|(path, _)| path == "risks/old/R-1.yaml"),
            "the moved file has findings of its own"
        );
    }
}
