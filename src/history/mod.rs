//! Document histories derived from git: for every document ID, when it was created, when
//! its content last changed, and each change with its commit, author and changed fields.
//!
//! Identity is the document's `id`, not its path: a moved or renamed file keeps its
//! history. Edits that leave the parsed content equal (comments, formatting) are not
//! changes. Merge commits are not diffed; commits on merged branches are.

pub mod fields;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::git::{ChangedCommit, Commit, GitError, Repo};
use crate::model::Config;

pub use fields::FieldChange;

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
/// (HEAD by default), leaving out files the config's `ignore:` globs exclude. Refuses
/// shallow clones, whose boundary commit would make every file look created there.
///
/// The walk (tree diffs) runs on this thread while a second thread, with its own handle on
/// the repository, reads and parses each changed file once and builds the timelines, so the
/// two overlap. Only the current version of each document is kept whole; events keep the
/// fields the rules and reports ask about, which bounds memory by the register's size
/// rather than its history's.
pub fn read(root: &Path, rev: Option<&str>, config: &Config) -> Result<History, GitError> {
    let repo = Repo::discover(root)?;
    if repo.is_shallow() {
        return Err(GitError::Shallow);
    }
    let tip = repo.tip(rev)?;
    let ignore = crate::load::build_ignore(&config.ignore);
    let keep = |path: &str| crate::load::is_document_path(path) && !ignore.is_match(path);
    let max_bytes = config.limits.max_file_bytes;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<ChangedCommit>>(64);
    let (walked, built) = std::thread::scope(|scope| {
        let builder = scope.spawn(move || build(root, &receiver, max_bytes));
        let stopped = || GitError::Corrupt("the history builder stopped early".to_owned());
        let mut batch = Vec::with_capacity(COMMIT_BATCH);
        let walked = repo.walk(rev, &keep, &mut |changed: ChangedCommit| {
            batch.push(changed);
            if batch.len() == COMMIT_BATCH {
                sender
                    .send(std::mem::take(&mut batch))
                    .map_err(|_| stopped())?;
            }
            Ok(())
        });
        let walked = walked.and_then(|walked| {
            if !batch.is_empty() {
                sender.send(batch).map_err(|_| stopped())?;
            }
            Ok(walked)
        });
        drop(sender);
        let built = builder
            .join()
            .unwrap_or_else(|_| Err(GitError::Corrupt("the history builder failed".to_owned())));
        (walked, built)
    });
    let walked = walked?;
    let built = built?;
    let dirty = if rev.is_none() {
        repo.dirty_paths()?
            .into_iter()
            .filter(|path| !ignore.is_match(path))
            .collect()
    } else {
        Vec::new()
    };
    Ok(History {
        tip: Some(Arc::new(tip)),
        first_commit: built.first_commit,
        walked,
        changed_commits: built.changed_commits,
        dirty,
        docs: built.docs,
    })
}

/// What the builder thread makes of the changed commits.
struct Built {
    docs: HashMap<String, DocHistory>,
    first_commit: Option<Arc<Commit>>,
    changed_commits: usize,
}

/// A document as it stands after the commits seen so far.
struct Current {
    path: String,
    value: Arc<Value>,
}

/// Commits handed from the walk to the builder at a time (fewer thread wake-ups).
const COMMIT_BATCH: usize = 64;

/// Files parsed in parallel when a commit changes at least this many (an import).
const PARALLEL_PARSE: usize = 64;

/// Reads each changed file once (in parallel for large commits) and turns every commit's
/// file changes into document events.
fn build(
    root: &Path,
    commits: &std::sync::mpsc::Receiver<Vec<ChangedCommit>>,
    max_bytes: u64,
) -> Result<Built, GitError> {
    let repo = Repo::discover(root)?;
    let mut built = Built {
        docs: HashMap::new(),
        first_commit: None,
        changed_commits: 0,
    };
    let mut current: HashMap<String, Current> = HashMap::new();
    let mut id_at_path: HashMap<String, String> = HashMap::new();
    for batch in commits.iter() {
        // Read this batch's new files, then parse them all in parallel.
        let files: Vec<Vec<(String, Vec<u8>)>> = batch
            .iter()
            .map(|changed| {
                changed
                    .changes
                    .iter()
                    .filter_map(|change| change.new.as_ref())
                    .map(|(path, blob)| repo.blob(*blob).map(|bytes| (path.clone(), bytes)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<_, _>>()?;
        let parse = |files: Vec<(String, Vec<u8>)>| -> Vec<(String, String, Value)> {
            files
                .into_iter()
                .filter_map(|(path, bytes)| {
                    crate::load::parse_stored(&bytes, max_bytes)
                        .map(|(id, value)| (id, path, value))
                })
                .collect()
        };
        // Parallel parsing pays only for an import: in steady state the walk keeps the
        // other core busy, and waking the thread pool for a few files costs more than it saves.
        let total: usize = files.iter().map(Vec::len).sum();
        let parsed: Vec<Vec<(String, String, Value)>> = if total >= PARALLEL_PARSE {
            files
                .into_par_iter()
                .map(|files| {
                    files
                        .into_par_iter()
                        .with_min_len(PARALLEL_PARSE)
                        .map(|file| parse(vec![file]))
                        .flatten()
                        .collect()
                })
                .collect()
        } else {
            files.into_iter().map(parse).collect()
        };
        for (changed, news) in batch.iter().zip(parsed) {
            apply(&mut built, &mut current, &mut id_at_path, changed, news);
        }
    }
    Ok(built)
}

/// Turns one commit's file changes (with its new files parsed) into document events.
fn apply(
    built: &mut Built,
    current: &mut HashMap<String, Current>,
    id_at_path: &mut HashMap<String, String>,
    changed: &ChangedCommit,
    news: Vec<(String, String, Value)>,
) {
    built.changed_commits += 1;
    built
        .first_commit
        .get_or_insert_with(|| Arc::clone(&changed.commit));
    let mut olds: HashMap<String, String> = HashMap::new();
    for (path, _) in changed
        .changes
        .iter()
        .filter_map(|change| change.old.as_ref())
    {
        if let Some(id) = id_at_path.remove(path) {
            olds.insert(id, path.clone());
        }
    }
    for (id, path, value) in news {
        let value = Arc::new(value);
        let previous = match olds.remove(&id) {
            Some(old_path) => current
                .get(&id)
                .map(|doc| (old_path, Arc::clone(&doc.value))),
            None => current
                .get(&id)
                .map(|doc| (doc.path.clone(), Arc::clone(&doc.value))),
        };
        id_at_path.insert(path.clone(), id.clone());
        let event = match previous {
            None => Some(Event {
                commit: Arc::clone(&changed.commit),
                change: Change::Added,
                path: path.clone(),
                fields: Vec::new(),
                after: Some(Arc::new(tracked(&value, true))),
            }),
            Some((old_path, old_value)) => {
                let fields = fields::diff(&old_value, &value);
                let change = if old_path != path {
                    Some(Change::Moved { from: old_path })
                } else if fields.is_empty() {
                    None
                } else {
                    Some(Change::Changed)
                };
                change.map(|change| Event {
                    commit: Arc::clone(&changed.commit),
                    change,
                    path: path.clone(),
                    fields,
                    after: Some(Arc::new(tracked(&value, false))),
                })
            }
        };
        if let Some(event) = event {
            built.docs.entry(id.clone()).or_default().events.push(event);
        }
        current.insert(id, Current { path, value });
    }
    let mut removed: Vec<(String, String)> = olds.into_iter().collect();
    removed.sort();
    for (id, path) in removed {
        current.remove(&id);
        built.docs.entry(id).or_default().events.push(Event {
            commit: Arc::clone(&changed.commit),
            change: Change::Removed,
            path,
            fields: Vec::new(),
            after: None,
        });
    }
}

/// The fields of a version that rules and reports look up in past versions: a small copy
/// of the document (long texts such as descriptions and rationales left out), so old
/// versions cost little memory. `added` versions also keep the kind and title.
fn tracked(value: &Value, added: bool) -> Value {
    const FIELDS: [&str; 7] = [
        "status",
        "completed_on",
        "date",
        "inherent",
        "residual",
        "systems",
        "criteria",
    ];
    const TREATMENT: [&str; 4] = ["decision", "approved_by", "approved_on", "expires"];
    let Value::Object(map) = value else {
        return Value::Null;
    };
    let pick =
        |map: &serde_json::Map<String, Value>, fields: &[&str]| -> serde_json::Map<String, Value> {
            fields
                .iter()
                .filter_map(|field| {
                    map.get(*field)
                        .map(|value| ((*field).to_owned(), value.clone()))
                })
                .collect()
        };
    let mut tracked = pick(map, &FIELDS);
    if added {
        tracked.extend(pick(map, &["kind", "title"]));
    }
    if let Some(Value::Object(treatment)) = map.get("treatment") {
        tracked.insert(
            "treatment".to_owned(),
            Value::Object(pick(treatment, &TREATMENT)),
        );
    }
    if let Some(Value::Object(retired)) = map.get("retired") {
        tracked.insert("retired".to_owned(), Value::Object(pick(retired, &["on"])));
    }
    Value::Object(tracked)
}
