//! Document histories derived from git: for every document ID, when it was created, when
//! its content last changed, and each change with its commit, author and changed fields.
//!
//! Identity is the document's `id`, not its path: a moved or renamed file keeps its
//! history. Edits that leave the parsed content equal (comments, formatting) are not
//! changes. Merge commits are not diffed; commits on merged branches are.

mod cache;
mod cut;
mod doc;
mod tracked;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::git::{
    BlobId, Blobs, Bounded, ChangedCommit, Commit, Commits, GitError, Landing, Packs, Repo,
};
use crate::layout::DocumentFilter;
use crate::model::Config;
use crate::source::{FieldChange, fields};

pub use cut::Cuts;
pub use doc::DocHistory;
#[cfg(test)]
pub use tracked::is_tracked;
use tracked::tracked;

/// What happened to a document in one commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Change {
    /// The document appeared (first created, or added again after removal).
    Added,
    /// Its content changed in place.
    Changed,
    /// Its file moved (and its content may have changed too).
    Moved {
        /// The path it moved from.
        from: String,
    },
    /// The document disappeared.
    Removed,
}

/// One event in a document's history.
#[derive(Debug, Clone)]
pub struct Event {
    /// The commit.
    pub commit: Arc<Commit>,
    /// What happened.
    pub change: Change,
    /// The document's path after the event (before it, for a removal).
    pub path: String,
    /// The fields that changed (empty for additions, removals and pure moves).
    pub fields: Vec<FieldChange>,
    /// The fields of the document after the event that rules and reports look up (status,
    /// dates, ratings, systems, criteria, the treatment's decision and approval, retirement;
    /// kind and title on additions); `None` after a removal.
    pub after: Option<Arc<Value>>,
}

impl Event {
    /// Whether the event changed the document's content (a pure move does not).
    pub fn changes_content(&self) -> bool {
        !matches!(self.change, Change::Moved { .. }) || !self.fields.is_empty()
    }
}

/// The histories of every document of a register, from one walk of its repository.
#[derive(Debug, Default)]
pub struct History {
    /// The commit the history was read from (HEAD or `--rev`).
    pub tip: Option<Arc<Commit>>,
    /// The earliest commit that touched the register.
    pub first_commit: Option<Arc<Commit>>,
    /// Document files (relative to the register root) that differ from HEAD in the work tree,
    /// once [`compare_work_tree`] has looked.
    pub dirty: Vec<String>,
    pub(super) docs: HashMap<String, DocHistory>,
    /// Where each commit landed on the tip's first-parent line.
    pub(super) landing: Landing,
}

impl History {
    /// The history of the document with this ID.
    pub fn doc(&self, id: &str) -> Option<&DocHistory> {
        self.docs.get(id)
    }

    /// Every document ID with a history, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.docs.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Whether the work tree's version of this file differs from HEAD.
    pub fn is_dirty(&self, path: &str) -> bool {
        self.dirty
            .binary_search_by(|dirty| dirty.as_str().cmp(path))
            .is_ok()
    }
}

/// Reads the history of the register at `root` from the commits reachable from `rev`
/// (HEAD by default), leaving out files the config's `ignore:` globs exclude. Refuses
/// shallow clones, whose boundary commit would make every file look created there.
///
/// Two threads share the work once the commits are read. This one diffs the trees of the
/// later commits; a builder thread diffs the earliest ones itself, then reads and parses
/// each new version of a file once and builds the timelines from both threads' diffs, in
/// order. Each thread reads objects through its own pack handles ([`Packs`]). Only the
/// current version of each document is kept whole; events keep the fields the rules and
/// reports ask about, which bounds memory by the register's size rather than its history's.
///
/// A history read once is kept for the next run with the same tip and settings
/// ([`cache`]).
pub fn read(root: &Path, rev: Option<&str>, config: &Config) -> Result<History, GitError> {
    let repo = Repo::discover(root)?;
    if repo.is_shallow() {
        return Err(GitError::Shallow);
    }
    let cache = cache::Cache::new(&repo, repo.tip_id(rev)?, config);
    if let Some(history) = cache.as_ref().and_then(cache::Cache::load) {
        return Ok(history);
    }
    let history = walk(&repo, root, rev, config)?;
    if let Some(cache) = cache {
        cache.store(&history);
    }
    Ok(history)
}

/// Reads the history by walking the commits (see [`read`]).
fn walk(repo: &Repo, root: &Path, rev: Option<&str>, config: &Config) -> Result<History, GitError> {
    let filter = DocumentFilter::new(&config.ignore);
    let keep = |path: &str| filter.keeps(path);
    let max_bytes = config.limits.max_file_bytes;
    let commits = repo.commits(rev)?;
    let split = commits.len() / BUILDER_DIFFS_ONE_IN;
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<ChangedCommit>>();
    let (walked, built) = std::thread::scope(|scope| {
        let (shared_commits, shared_keep) = (&commits, &keep);
        let builder = scope.spawn(move || {
            build(
                root,
                shared_commits,
                0..split,
                shared_keep,
                &receiver,
                max_bytes,
            )
        });
        let stopped = || GitError::Corrupt("the history builder stopped early".to_owned());
        let mut batch = Vec::with_capacity(COMMIT_BATCH);
        let walked = repo.diff_commits(
            &commits,
            split..commits.len(),
            Packs::Shared,
            &keep,
            &mut |changed: ChangedCommit| {
                batch.push(changed);
                if batch.len() == COMMIT_BATCH {
                    sender
                        .send(std::mem::take(&mut batch))
                        .map_err(|_| stopped())?;
                }
                Ok(())
            },
        );
        let walked = walked.and_then(|()| {
            if !batch.is_empty() {
                sender.send(batch).map_err(|_| stopped())?;
            }
            Ok(())
        });
        drop(sender);
        let built = builder
            .join()
            .unwrap_or_else(|_| Err(GitError::Corrupt("the history builder failed".to_owned())));
        (walked, built)
    });
    // The builder's error first: when it stops, the walk only sees that it stopped.
    let built = built?;
    walked?;
    Ok(History {
        tip: Some(commits.tip()),
        first_commit: built.first_commit,
        dirty: Vec::new(),
        docs: built.docs,
        landing: commits.first_parent_line(),
    })
}

/// Records which document files of the register at `root` differ from HEAD in the work
/// tree (for commands that lint the work tree against a history read from HEAD).
pub fn compare_work_tree(
    mut history: History,
    root: &Path,
    config: &Config,
) -> Result<History, GitError> {
    let filter = DocumentFilter::new(&config.ignore);
    history.dirty = Repo::discover(root)?.dirty_paths(&|path| filter.keeps(path))?;
    Ok(history)
}

/// What the builder thread makes of the changed commits.
struct Built {
    pub(super) docs: HashMap<String, DocHistory>,
    first_commit: Option<Arc<Commit>>,
}

/// A document as it stands after the commits seen so far.
struct Current {
    path: String,
    blob: BlobId,
    value: Arc<Value>,
}

/// A stored version of a document: its ID and content.
type StoredVersion = (String, Arc<Value>);

/// Commits handed from the walk to the builder at a time (fewer thread wake-ups).
const COMMIT_BATCH: usize = 64;

/// The builder diffs one in this many commits (the earliest) itself, so that the two
/// threads finish together: besides diffing trees, it reads and parses the files, which
/// costs a little less than diffing all the trees does.
const BUILDER_DIFFS_ONE_IN: usize = 8;

/// Files parsed in parallel when a batch brings at least this many new ones (an import).
const PARALLEL_PARSE: usize = 512;

/// Turns changed commits, oldest first, into document timelines.
struct Builder<'repo> {
    blobs: Blobs<'repo>,
    max_bytes: u64,
    built: Built,
    current: HashMap<String, Current>,
    id_at_path: HashMap<String, String>,
    /// The document whose current version each blob is: a file moved or restored unchanged
    /// is recognised without reading it again.
    id_of_blob: HashMap<BlobId, String>,
}

/// Diffs the commits at positions `own` of `commits`, then reads and parses each new version
/// of a file once (in parallel for imports) and turns every commit's file changes into
/// document events: its own diffs first, then the batches the walk sends.
fn build(
    root: &Path,
    commits: &Commits,
    own: std::ops::Range<usize>,
    keep: &(dyn Fn(&str) -> bool + Sync),
    batches: &std::sync::mpsc::Receiver<Vec<ChangedCommit>>,
    max_bytes: u64,
) -> Result<Built, GitError> {
    let repo = Repo::discover(root)?;
    let mut builder = Builder {
        blobs: repo.blobs(Packs::Own)?,
        max_bytes,
        built: Built {
            docs: HashMap::new(),
            first_commit: None,
        },
        current: HashMap::new(),
        id_at_path: HashMap::new(),
        id_of_blob: HashMap::new(),
    };
    let mut batch = Vec::with_capacity(COMMIT_BATCH);
    repo.diff_commits(commits, own, Packs::Own, keep, &mut |changed| {
        batch.push(changed);
        if batch.len() == COMMIT_BATCH {
            builder.take(&std::mem::take(&mut batch))?;
        }
        Ok(())
    })?;
    builder.take(&batch)?;
    for batch in batches.iter() {
        builder.take(&batch)?;
    }
    Ok(builder.built)
}

impl Builder<'_> {
    /// Turns a batch of changed commits, the next in order, into events.
    fn take(&mut self, batch: &[ChangedCommit]) -> Result<(), GitError> {
        let parsed = self.parse_new_versions(batch)?;
        for changed in batch {
            self.apply(changed, &parsed)?;
        }
        Ok(())
    }

    /// Parses a version of a file; `None` when it is not a document riskreg can read,
    /// such as a blob over the size limit, which is not even inflated.
    fn parse(&self, blob: BlobId) -> Result<Option<StoredVersion>, GitError> {
        let parsed = self.blobs.read_within(blob, self.max_bytes, |bytes| {
            parse_version(bytes, self.max_bytes)
        })?;
        Ok(match parsed {
            Bounded::Read(version) => version,
            Bounded::TooLarge(_) => None,
        })
    }

    /// Reads and parses, ahead of applying a batch, the versions of files it brings that
    /// are no document's current version (a moved file's is); parsing runs in parallel
    /// when there are many (an import), since in steady state the walk keeps the other
    /// core busy and waking a thread pool for a few files costs more than it saves. Each
    /// blob is read when its turn comes, so a batch never holds more than one file's bytes
    /// per thread.
    fn parse_new_versions(
        &self,
        batch: &[ChangedCommit],
    ) -> Result<HashMap<BlobId, Option<StoredVersion>>, GitError> {
        let mut unknown: Vec<BlobId> = batch
            .iter()
            .flat_map(|changed| &changed.changes)
            .filter_map(|change| change.new.as_ref().map(|(_, blob)| *blob))
            .filter(|blob| !self.id_of_blob.contains_key(blob))
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        if unknown.len() < PARALLEL_PARSE {
            return unknown
                .into_iter()
                .map(|blob| Ok((blob, self.parse(blob)?)))
                .collect();
        }
        unknown
            .into_par_iter()
            .map(|blob| Ok((blob, self.parse(blob)?)))
            .collect()
    }

    /// The document a version of a file holds: parsed ahead, the current version of a
    /// document, or read now (a version restored within the batch).
    fn version(
        &self,
        blob: BlobId,
        parsed: &HashMap<BlobId, Option<StoredVersion>>,
    ) -> Result<Option<StoredVersion>, GitError> {
        if let Some(version) = parsed.get(&blob) {
            return Ok(version.clone());
        }
        let current = self
            .id_of_blob
            .get(&blob)
            .and_then(|id| self.current.get(id).map(|doc| (id, doc)))
            .filter(|(_, doc)| doc.blob == blob);
        match current {
            Some((id, doc)) => Ok(Some((id.clone(), Arc::clone(&doc.value)))),
            None => self.parse(blob),
        }
    }

    /// Turns one commit's file changes into document events.
    fn apply(
        &mut self,
        changed: &ChangedCommit,
        parsed: &HashMap<BlobId, Option<StoredVersion>>,
    ) -> Result<(), GitError> {
        self.built
            .first_commit
            .get_or_insert_with(|| Arc::clone(&changed.commit));
        let mut olds: HashMap<String, String> = HashMap::new();
        for (path, _) in changed
            .changes
            .iter()
            .filter_map(|change| change.old.as_ref())
        {
            if let Some(id) = self.id_at_path.remove(path) {
                olds.insert(id, path.clone());
            }
        }
        for (path, blob) in changed
            .changes
            .iter()
            .filter_map(|change| change.new.as_ref())
        {
            let Some((id, value)) = self.version(*blob, parsed)? else {
                continue;
            };
            let previous = self.current.get(&id);
            let old_path = match olds.remove(&id) {
                Some(old_path) => previous.map(|_| old_path),
                None => previous.map(|doc| doc.path.clone()),
            };
            let history = self.built.docs.entry(id.clone()).or_default();
            let event = match (previous, old_path) {
                (Some(previous), Some(old_path)) => {
                    let same = previous.blob == *blob;
                    let fields = if same {
                        Vec::new()
                    } else {
                        fields::diff(&previous.value, &value)
                    };
                    let change = if old_path != *path {
                        Some(Change::Moved { from: old_path })
                    } else if fields.is_empty() {
                        None
                    } else {
                        Some(Change::Changed)
                    };
                    let after = match history.events.last() {
                        Some(last) if same => last.after.clone(),
                        _ => Some(Arc::new(tracked(&value, false))),
                    };
                    change.map(|change| Event {
                        commit: Arc::clone(&changed.commit),
                        change,
                        path: path.clone(),
                        fields,
                        after,
                    })
                }
                _ => Some(Event {
                    commit: Arc::clone(&changed.commit),
                    change: Change::Added,
                    path: path.clone(),
                    fields: Vec::new(),
                    after: Some(Arc::new(tracked(&value, true))),
                }),
            };
            history.events.extend(event);
            self.id_at_path.insert(path.clone(), id.clone());
            self.id_of_blob.insert(*blob, id.clone());
            let replaced = self.current.insert(
                id,
                Current {
                    path: path.clone(),
                    blob: *blob,
                    value,
                },
            );
            if let Some(replaced) = replaced.filter(|replaced| replaced.blob != *blob) {
                self.id_of_blob.remove(&replaced.blob);
            }
        }
        let mut removed: Vec<(String, String)> = olds.into_iter().collect();
        removed.sort();
        for (id, path) in removed {
            if let Some(doc) = self.current.remove(&id) {
                self.id_of_blob.remove(&doc.blob);
            }
            self.built.docs.entry(id).or_default().events.push(Event {
                commit: Arc::clone(&changed.commit),
                change: Change::Removed,
                path,
                fields: Vec::new(),
                after: None,
            });
        }
        Ok(())
    }
}

/// A stored version of a file as a document; `None` when it is not one riskreg can read.
fn parse_version(bytes: &[u8], max_bytes: u64) -> Option<StoredVersion> {
    crate::load::parse_stored(bytes, max_bytes).map(|(id, value)| (id, Arc::new(value)))
}
