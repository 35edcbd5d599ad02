//! Document histories derived from git: for every document ID, when it was created, when
//! its content last changed, and each change with its commit, author and changed fields.
//!
//! Identity is the document's `id`, not its path: a moved or renamed file keeps its
//! history. Edits that leave the parsed content equal (comments, formatting) are not
//! changes. Merge commits are not diffed; commits on merged branches are.

pub mod fields;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::git::{BlobId, ChangedCommit, Commit, GitError, Repo};
use crate::model::Config;

pub use fields::FieldChange;

/// Blobs read and parsed per batch; bounds the memory held by raw bytes.
const BLOB_BATCH: usize = 4096;

/// What happened to a document in one commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
    /// The document's content after the event; `None` after a removal.
    pub after: Option<Arc<Value>>,
}

impl Event {
    /// Whether the event changed the document's content (a pure move does not).
    pub fn changes_content(&self) -> bool {
        !matches!(self.change, Change::Moved { .. }) || !self.fields.is_empty()
    }
}

/// The history of one document.
#[derive(Debug, Clone, Default)]
pub struct DocHistory {
    /// Events, oldest first.
    pub events: Vec<Event>,
}

impl DocHistory {
    /// The first commit in which a document with this ID exists.
    pub fn created(&self) -> Option<&Event> {
        self.events.first()
    }

    /// The last commit that changed the document's content.
    pub fn last_changed(&self) -> Option<&Event> {
        self.events
            .iter()
            .rev()
            .find(|event| event.changes_content())
    }

    /// The event since which the value at `pointer` has been `current` without a break:
    /// the commit that recorded the value as it stands now (an absent field counts as
    /// null). `None` when the last committed version holds another value (the current one
    /// is not committed yet).
    pub fn value_since(&self, pointer: &str, current: &Value) -> Option<&Event> {
        let mut since = None;
        for event in self.events.iter().rev() {
            let Some(after) = &event.after else { break };
            if after.pointer(pointer).unwrap_or(&Value::Null) != current {
                break;
            }
            since = Some(event);
        }
        since
    }
}

/// The histories of every document of a register, from one walk of its repository.
#[derive(Debug, Default)]
pub struct History {
    /// The commit the history was read from (HEAD or `--rev`).
    pub tip: Option<Arc<Commit>>,
    /// The earliest commit that touched the register.
    pub first_commit: Option<Arc<Commit>>,
    /// How many commits were walked.
    pub walked: usize,
    /// How many commits changed a document.
    pub changed_commits: usize,
    /// Document files (relative to the register root) that differ from HEAD in the work tree.
    pub dirty: Vec<String>,
    docs: HashMap<String, DocHistory>,
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
/// (HEAD by default), leaving out files the config's `ignore:` globs exclude. Refuses shallow clones, whose boundary commit would make every file
/// look created there.
pub fn read(root: &Path, rev: Option<&str>, config: &Config) -> Result<History, GitError> {
    let repo = Repo::discover(root)?;
    if repo.is_shallow() {
        return Err(GitError::Shallow);
    }
    let ignore = crate::load::build_ignore(&config.ignore);
    let mut walk = repo.walk(rev)?;
    for changed in &mut walk.commits {
        for change in &mut changed.changes {
            for side in [&mut change.old, &mut change.new] {
                if side.as_ref().is_some_and(|(path, _)| ignore.is_match(path)) {
                    *side = None;
                }
            }
        }
    }
    let parsed = parse_blobs(&repo, &walk.commits, config.limits.max_file_bytes)?;
    let mut history = History {
        tip: walk.tip.clone(),
        walked: walk.walked,
        changed_commits: walk.commits.len(),
        dirty: if rev.is_none() {
            repo.dirty_paths()?
                .into_iter()
                .filter(|path| !ignore.is_match(path))
                .collect()
        } else {
            Vec::new()
        },
        ..History::default()
    };
    for changed in &walk.commits {
        apply(&mut history.docs, changed, &parsed);
        if history.first_commit.is_none() {
            history.first_commit = Some(Arc::clone(&changed.commit));
        }
    }
    Ok(history)
}

/// A stored document version: its ID and content.
type Version = (String, Arc<Value>);

/// Every changed blob, parsed (`None`: not a readable document).
type Parsed = HashMap<BlobId, Option<Version>>;

/// Reads every changed blob once and parses them in parallel.
fn parse_blobs(repo: &Repo, commits: &[ChangedCommit], max_bytes: u64) -> Result<Parsed, GitError> {
    let mut seen = HashSet::new();
    let ids: Vec<BlobId> = commits
        .iter()
        .flat_map(|changed| &changed.changes)
        .flat_map(|change| [change.old.as_ref(), change.new.as_ref()])
        .flatten()
        .map(|(_, id)| *id)
        .filter(|id| seen.insert(*id))
        .collect();
    let mut parsed = Parsed::with_capacity(ids.len());
    for batch in ids.chunks(BLOB_BATCH) {
        let bytes: Vec<(BlobId, Vec<u8>)> = batch
            .iter()
            .map(|id| repo.blob(*id).map(|bytes| (*id, bytes)))
            .collect::<Result<_, _>>()?;
        let batch_parsed: Vec<(BlobId, Option<Version>)> = bytes
            .into_par_iter()
            .map(|(id, bytes)| {
                let doc = crate::load::parse_stored(&bytes, max_bytes)
                    .map(|(doc_id, value)| (doc_id, Arc::new(value)));
                (id, doc)
            })
            .collect();
        parsed.extend(batch_parsed);
    }
    Ok(parsed)
}

/// Turns one commit's file changes into document events.
fn apply(docs: &mut HashMap<String, DocHistory>, changed: &ChangedCommit, parsed: &Parsed) {
    let version = |side: &Option<(String, BlobId)>| -> Option<(String, String, Arc<Value>)> {
        let (path, blob) = side.as_ref()?;
        let (id, value) = parsed.get(blob)?.as_ref()?;
        Some((id.clone(), path.clone(), Arc::clone(value)))
    };
    let mut olds: HashMap<String, (String, Arc<Value>)> = HashMap::new();
    let mut news: Vec<(String, String, Arc<Value>)> = Vec::new();
    for change in &changed.changes {
        if let Some((id, path, value)) = version(&change.old) {
            olds.insert(id, (path, value));
        }
        if let Some(new) = version(&change.new) {
            news.push(new);
        }
    }
    let commit = &changed.commit;
    for (id, path, value) in news {
        let history = docs.entry(id.clone()).or_default();
        let previous = olds.remove(&id).or_else(|| {
            let last = history.events.last()?;
            last.after
                .as_ref()
                .map(|after| (last.path.clone(), Arc::clone(after)))
        });
        let event = match previous {
            None => Event {
                commit: Arc::clone(commit),
                change: Change::Added,
                path,
                fields: Vec::new(),
                after: Some(value),
            },
            Some((old_path, old_value)) => {
                let fields = fields::diff(&old_value, &value);
                let change = if old_path != path {
                    Change::Moved { from: old_path }
                } else if fields.is_empty() {
                    continue;
                } else {
                    Change::Changed
                };
                Event {
                    commit: Arc::clone(commit),
                    change,
                    path,
                    fields,
                    after: Some(value),
                }
            }
        };
        history.events.push(event);
    }
    for (id, (path, _)) in olds {
        let history = docs.entry(id).or_default();
        history.events.push(Event {
            commit: Arc::clone(commit),
            change: Change::Removed,
            path,
            fields: Vec::new(),
            after: None,
        });
    }
}
