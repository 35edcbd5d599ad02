//! Document histories derived from git: for every document ID, when it was created, when
//! its content last changed, and each change with its commit, author and changed fields.
//!
//! Identity is the document's `id`, not its path: a moved or renamed file keeps its
//! history. Edits that leave the parsed content equal (comments, formatting) are not
//! changes. Merge commits are not diffed; commits on merged branches are.

mod build;
mod cache;
mod cut;
mod derived;
mod doc;
mod runs;
mod tracked;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Weak};

use serde_json::Value;

use crate::git::{BlobId, ChangedCommit, Commit, Commits, GitError, Landing, Packs, Repo};
use crate::layout::DocumentFilter;
use crate::model::Config;
use crate::source::FieldChange;
use build::{Batch, Built, State, WalkedRun, build, new_versions, parse_blob};
use runs::Runs;

pub use cut::Cuts;
pub use derived::Derived;
pub use doc::DocHistory;
#[cfg(test)]
pub use tracked::is_tracked;

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
    /// Where results derived from the history are kept, when the history itself is.
    pub(super) derived: Option<Derived>,
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

    /// Where results derived from this history are kept beside it (`None` when the
    /// history is not kept: the cache is off or cannot be written).
    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
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
/// Two threads share the work once the commits are read. This one diffs the commits' trees
/// in runs, in order ([`runs`]); a builder thread reads and parses each new version of a
/// file once and builds the timelines from the runs, in order, and diffs the next run
/// itself whenever the one it needs has not arrived. Once every run is diffed, this thread
/// parses the versions of the batches the builder has not reached yet, from the last back.
/// Each thread reads objects through its own pack handles ([`Packs`]). Only the current
/// version of each document is kept whole; events keep the fields the rules and reports ask
/// about, which bounds memory by the register's size rather than its history's.
///
/// A history read once is kept for the next run with the same tip and settings, and one
/// kept for an earlier tip is continued with the commits after it when it can be
/// ([`cache`], [`Repo::commits_after`]).
pub fn read(root: &Path, rev: Option<&str>, config: &Config) -> Result<History, GitError> {
    let repo = Repo::discover(root)?;
    if repo.is_shallow() {
        return Err(GitError::Shallow);
    }
    let Some(cache) = cache::Cache::new(&repo, repo.tip_id(rev)?, config) else {
        let (history, state) = walk(&repo, root, &repo.commits(rev)?, None, config)?;
        // Freeing every current document takes a while on a large register, and nothing
        // waits for it.
        std::thread::spawn(move || drop(state));
        return Ok(history);
    };
    if let Some(mut history) = cache.load() {
        history.derived = Some(cache.derived());
        return Ok(history);
    }
    let continued = cache.nearest(&repo, rev).and_then(|(earlier, state)| {
        let base = earlier.tip.as_ref()?.id.clone();
        let known = |id: &str| earlier.landing.landed.contains_key(id);
        let commits = repo.commits_after(rev, &base, &known).ok()??;
        Some((commits, (earlier, state)))
    });
    let (commits, start) = match continued {
        Some((commits, start)) => (commits, Some(start)),
        None => (repo.commits(rev)?, None),
    };
    let (mut history, state) = walk(&repo, root, &commits, start, config)?;
    if cache.store(&history, &state) {
        history.derived = Some(cache.derived());
    }
    std::thread::spawn(move || drop(state));
    Ok(history)
}

/// Reads the history by walking `commits` (see [`read`]), continuing `start` (an earlier
/// history and where its walk stood) when given; returns where this walk stands too.
fn walk(
    repo: &Repo,
    root: &Path,
    commits: &Commits,
    start: Option<(History, State)>,
    config: &Config,
) -> Result<(History, State), GitError> {
    let filter = DocumentFilter::new(&config.ignore);
    let keep = |path: &str| filter.keeps(path);
    let max_bytes = config.limits.max_file_bytes;
    let (landing, start) = match start {
        Some((earlier, state)) => (
            commits.continued_landing(earlier.landing),
            Built {
                docs: earlier.docs,
                first_commit: earlier.first_commit,
                state,
            },
        ),
        None => (commits.first_parent_line(), Built::default()),
    };
    let runs = Runs::new(commits.len());
    let (sender, receiver) = std::sync::mpsc::channel::<WalkedRun>();
    // Pack handles of the walk's own for blobs: a blob read through the handles it reads
    // trees with would push trees it reads again out of libgit2's cache.
    let helper = repo.blobs(Packs::Own)?;
    let (walked, built) = std::thread::scope(|scope| {
        // Owned here, so that it is dropped, and the builder stops waiting, however this
        // thread leaves the scope.
        let sender = sender;
        let (shared_keep, runs) = (&keep, &runs);
        let builder = scope.spawn(move || {
            build(
                root,
                commits,
                runs,
                shared_keep,
                &receiver,
                max_bytes,
                start,
            )
        });
        let stopped = || GitError::Corrupt("the history builder stopped early".to_owned());
        // Batches the builder has taken and dropped are freed: the walk holds them weakly.
        let mut sent: Vec<Weak<Batch>> = Vec::new();
        let mut seen = HashSet::new();
        let walked = repo.with_differ(commits, Packs::Shared, &keep, |differ| {
            while let Some((index, run)) = runs.claim() {
                let changed = match differ.diff(run) {
                    Ok(changed) => changed,
                    Err(error) => {
                        runs.close();
                        // The builder stops there; the error is the walk's to report.
                        let _ = sender.send((index, None));
                        return Err(error);
                    }
                };
                let batches = into_batches(changed, &mut seen);
                sent.extend(batches.iter().map(Arc::downgrade));
                sender.send((index, Some(batches))).map_err(|_| stopped())?;
            }
            Ok(())
        });
        drop(sender);
        // The builder is the slower of the two: the walk, done, parses the versions of
        // the batches the builder has not taken yet, the last first, until they meet.
        if walked.is_ok() {
            for batch in sent.iter().rev() {
                let Some(batch) = batch.upgrade() else { break };
                if !batch.parse_ahead(&|blob| parse_blob(&helper, blob, max_bytes)) {
                    break;
                }
            }
        }
        let built = builder
            .join()
            .unwrap_or_else(|_| Err(GitError::Corrupt("the history builder failed".to_owned())));
        (walked, built)
    });
    // The builder's error first: when it stops, the walk only sees that it stopped.
    let built = built?;
    walked?;
    let history = History {
        tip: Some(commits.tip()),
        first_commit: built.first_commit,
        dirty: Vec::new(),
        docs: built.docs,
        landing,
        derived: None,
    };
    Ok((history, built.state))
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

/// A run's changed commits in batches of [`COMMIT_BATCH`], each with the blobs of its new
/// versions that no batch before brought (`seen` holds those).
fn into_batches(changed: Vec<ChangedCommit>, seen: &mut HashSet<BlobId>) -> Vec<Arc<Batch>> {
    let mut batches = Vec::new();
    let mut changed = changed.into_iter().peekable();
    while changed.peek().is_some() {
        let commits: Vec<ChangedCommit> = changed.by_ref().take(COMMIT_BATCH).collect();
        let fresh = new_versions(&commits)
            .filter(|blob| seen.insert(*blob))
            .collect();
        batches.push(Arc::new(Batch::new(commits, fresh)));
    }
    batches
}

/// Commits in a batch: the builder builds, and the walk parses ahead, a batch at a time.
const COMMIT_BATCH: usize = 64;
