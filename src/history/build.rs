//! The builder: changed commits, oldest first, turned into document timelines.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde_json::Value;

use super::runs::Runs;
use super::tracked::tracked;
use super::{COMMIT_BATCH, Change, DocHistory, Event};
use crate::git::{BlobId, Blobs, Bounded, ChangedCommit, Commit, Commits, GitError, Packs, Repo};
use crate::source::fields;

/// What the builder makes of the changed commits, and what it continues from: the
/// timelines, the first commit that changed the register, and where the walk stands.
#[derive(Default)]
pub(super) struct Built {
    pub(super) docs: HashMap<String, DocHistory>,
    pub(super) first_commit: Option<Arc<Commit>>,
    pub(super) state: State,
}

/// Where a walk stands after its last commit: what the commits after it are applied to.
#[derive(Debug, Default)]
pub(super) struct State {
    /// Each document as it stands, by ID.
    pub(super) current: HashMap<String, Current>,
    /// The document each path holds.
    pub(super) id_at_path: HashMap<String, String>,
    /// The document whose current version each blob is: a file moved or restored unchanged
    /// is recognised without reading it again.
    pub(super) id_of_blob: HashMap<BlobId, String>,
}

/// A document as it stands after the commits seen so far.
#[derive(Debug)]
pub(super) struct Current {
    pub(super) path: String,
    pub(super) blob: BlobId,
    pub(super) value: Arc<Value>,
}

/// A stored version of a document: its ID and content.
pub(super) type StoredVersion = (String, Arc<Value>);

/// Versions of files read and parsed ahead, by blob (`None`: not a document riskreg can
/// read).
pub(super) type Parsed = HashMap<BlobId, Option<StoredVersion>>;

/// Changed commits, the next in order, handed from the walk to the builder; the walk may
/// parse their new versions ahead while the builder has not taken them yet.
pub(super) struct Batch {
    /// The commits, oldest first.
    commits: Vec<ChangedCommit>,
    /// The blobs of new versions that no batch before brought (a moved file's did).
    fresh: Vec<BlobId>,
    /// Versions parsed ahead, and whether the builder took the batch (then nothing more is
    /// parsed ahead for it).
    ahead: Mutex<(Parsed, bool)>,
}

impl Batch {
    /// A batch of `commits`, whose new versions in `fresh` no batch before brought.
    pub(super) fn new(commits: Vec<ChangedCommit>, fresh: Vec<BlobId>) -> Batch {
        Batch {
            commits,
            fresh,
            ahead: Mutex::new((Parsed::new(), false)),
        }
    }

    /// Parses the batch's fresh versions with `parse` unless the builder took it already;
    /// `false` when it had, or when a version could not be read (the builder reads it
    /// again and reports the error in its turn).
    pub(super) fn parse_ahead(
        &self,
        parse: &dyn Fn(BlobId) -> Result<Option<StoredVersion>, GitError>,
    ) -> bool {
        let mut ahead = self.ahead.lock().unwrap_or_else(PoisonError::into_inner);
        if ahead.1 {
            return false;
        }
        for &blob in &self.fresh {
            let Ok(version) = parse(blob) else {
                return false;
            };
            ahead.0.insert(blob, version);
        }
        true
    }

    /// Takes the versions parsed ahead, if any, and marks the batch taken.
    fn take_ahead(&self) -> Parsed {
        let mut ahead = self.ahead.lock().unwrap_or_else(PoisonError::into_inner);
        ahead.1 = true;
        std::mem::take(&mut ahead.0)
    }
}

/// Files parsed in parallel when a batch brings at least this many new ones (an import).
const PARALLEL_PARSE: usize = 512;

/// Turns changed commits, oldest first, into document timelines.
struct Builder<'repo> {
    blobs: Blobs<'repo>,
    max_bytes: u64,
    built: Built,
}

/// A run of commits the walk diffed, sent to the builder: its index among the [`Runs`] and
/// its batches, or `None` when diffing it failed (the walk reports why).
pub(super) type WalkedRun = (usize, Option<Vec<Arc<Batch>>>);

/// A run ready to be built, in its turn.
enum Ready {
    /// Diffed by the walk: its batches, or `None` when the walk failed there.
    Walked(Option<Vec<Arc<Batch>>>),
    /// Diffed by the builder: its changed commits.
    Own(Vec<ChangedCommit>),
    /// The builder failed to diff it.
    Failed(GitError),
}

/// Reads and parses each new version of a file once (in parallel for imports) and turns
/// every commit's file changes into document events, continuing from `start`, run by run in
/// order ([`Runs`]): the runs the walk diffed as they arrive, and, whenever the next one
/// has not arrived, the next run nobody claimed yet, which it diffs itself.
pub(super) fn build(
    root: &Path,
    commits: &Commits,
    runs: &Runs,
    keep: &(dyn Fn(&str) -> bool + Sync),
    walked: &Receiver<WalkedRun>,
    max_bytes: u64,
    start: Built,
) -> Result<Built, GitError> {
    let repo = Repo::discover(root)?;
    let mut builder = Builder {
        blobs: repo.blobs(Packs::Own)?,
        max_bytes,
        built: start,
    };
    repo.with_differ(commits, Packs::Own, keep, |differ| {
        builder.build_runs(&mut |run| differ.diff(run), runs, walked)
    })?;
    Ok(builder.built)
}

impl Builder<'_> {
    /// Builds every run in order ([`build`]); stops at a run the walk failed to diff, and
    /// returns the error of one it failed to diff itself, in its turn.
    fn build_runs(
        &mut self,
        diff: &mut dyn FnMut(Range<usize>) -> Result<Vec<ChangedCommit>, GitError>,
        runs: &Runs,
        walked: &Receiver<WalkedRun>,
    ) -> Result<(), GitError> {
        let mut waiting: BTreeMap<usize, Ready> = BTreeMap::new();
        let mut next = 0;
        loop {
            if let Some(ready) = waiting.remove(&next) {
                match ready {
                    Ready::Walked(Some(batches)) => {
                        for batch in batches {
                            self.take(&batch.commits, batch.take_ahead())?;
                        }
                    }
                    Ready::Walked(None) => return Ok(()),
                    Ready::Own(changed) => {
                        for batch in changed.chunks(COMMIT_BATCH) {
                            self.take(batch, Parsed::new())?;
                        }
                    }
                    Ready::Failed(error) => return Err(error),
                }
                next += 1;
                continue;
            }
            if let Ok((index, batches)) = walked.try_recv() {
                waiting.insert(index, Ready::Walked(batches));
                continue;
            }
            // Nothing to build: diff the next run nobody claimed.
            if let Some((index, run)) = runs.claim() {
                let ready = match diff(run) {
                    Ok(changed) => Ready::Own(changed),
                    Err(error) => {
                        runs.close();
                        Ready::Failed(error)
                    }
                };
                waiting.insert(index, ready);
                continue;
            }
            match walked.recv() {
                Ok((index, batches)) => {
                    waiting.insert(index, Ready::Walked(batches));
                }
                // The walk is done: every run it diffed has arrived.
                Err(_) => return Ok(()),
            }
        }
    }

    /// Turns a batch of changed commits, the next in order, into events, with the versions
    /// parsed ahead.
    fn take(&mut self, batch: &[ChangedCommit], ahead: Parsed) -> Result<(), GitError> {
        let mut parsed = self.parse_new_versions(batch, &ahead)?;
        parsed.extend(ahead);
        for changed in batch {
            self.apply(changed, &parsed)?;
        }
        Ok(())
    }

    /// Parses a version of a file ([`parse_blob`]).
    fn parse(&self, blob: BlobId) -> Result<Option<StoredVersion>, GitError> {
        parse_blob(&self.blobs, blob, self.max_bytes)
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
        ahead: &Parsed,
    ) -> Result<Parsed, GitError> {
        let mut unknown: Vec<BlobId> = new_versions(batch)
            .filter(|blob| !ahead.contains_key(blob))
            .filter(|blob| !self.built.state.id_of_blob.contains_key(blob))
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
    fn version(&self, blob: BlobId, parsed: &Parsed) -> Result<Option<StoredVersion>, GitError> {
        if let Some(version) = parsed.get(&blob) {
            return Ok(version.clone());
        }
        let current = self
            .built
            .state
            .id_of_blob
            .get(&blob)
            .and_then(|id| self.built.state.current.get(id).map(|doc| (id, doc)))
            .filter(|(_, doc)| doc.blob == blob);
        match current {
            Some((id, doc)) => Ok(Some((id.clone(), Arc::clone(&doc.value)))),
            None => self.parse(blob),
        }
    }

    /// Turns one commit's file changes into document events.
    fn apply(&mut self, changed: &ChangedCommit, parsed: &Parsed) -> Result<(), GitError> {
        self.built
            .first_commit
            .get_or_insert_with(|| Arc::clone(&changed.commit));
        let mut olds: HashMap<String, String> = HashMap::new();
        for (path, _) in changed
            .changes
            .iter()
            .filter_map(|change| change.old.as_ref())
        {
            if let Some(id) = self.built.state.id_at_path.remove(path) {
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
            let previous = self.built.state.current.get(&id);
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
            self.built.state.id_at_path.insert(path.clone(), id.clone());
            self.built.state.id_of_blob.insert(*blob, id.clone());
            let replaced = self.built.state.current.insert(
                id,
                Current {
                    path: path.clone(),
                    blob: *blob,
                    value,
                },
            );
            if let Some(replaced) = replaced.filter(|replaced| replaced.blob != *blob) {
                self.built.state.id_of_blob.remove(&replaced.blob);
            }
        }
        let mut removed: Vec<(String, String)> = olds.into_iter().collect();
        removed.sort();
        for (id, path) in removed {
            if let Some(doc) = self.built.state.current.remove(&id) {
                self.built.state.id_of_blob.remove(&doc.blob);
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

/// The blobs of the new versions of files in `batch` (a blob may come more than once).
pub(super) fn new_versions(batch: &[ChangedCommit]) -> impl Iterator<Item = BlobId> + '_ {
    batch
        .iter()
        .flat_map(|changed| &changed.changes)
        .filter_map(|change| change.new.as_ref().map(|(_, blob)| *blob))
}

/// Reads and parses a version of a file; `None` when it is not a document riskreg can
/// read, such as a blob over the size limit, which is not even inflated.
pub(super) fn parse_blob(
    blobs: &Blobs<'_>,
    blob: BlobId,
    max_bytes: u64,
) -> Result<Option<StoredVersion>, GitError> {
    let parsed = blobs.read_within(blob, max_bytes, |bytes| parse_version(bytes, max_bytes))?;
    Ok(match parsed {
        Bounded::Read(version) => version,
        Bounded::TooLarge(_) => None,
    })
}

/// A stored version of a file as a document; `None` when it is not one riskreg can read.
fn parse_version(bytes: &[u8], max_bytes: u64) -> Option<StoredVersion> {
    crate::load::parse_stored(bytes, max_bytes).map(|(id, value)| (id, Arc::new(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blob ID of twenty `byte`s (as a kept state reads one back).
    fn blob(byte: u8) -> BlobId {
        serde_json::from_value(serde_json::json!([byte; 20].to_vec())).expect("a blob ID")
    }

    fn version(id: &str) -> Result<Option<StoredVersion>, GitError> {
        Ok(Some((
            id.to_owned(),
            Arc::new(serde_json::json!({"id": id})),
        )))
    }

    /// Runs `build_runs` on `runs` on a thread of its own, with a repository to read from and
    /// a diff that fails for every run; `walk` plays the walk once the builder has claimed
    /// a run, sending on the channel it is given.
    fn build_with_failing_diffs(
        runs: &Runs,
        walk: impl FnOnce(std::sync::mpsc::Sender<WalkedRun>),
    ) -> Result<(), GitError> {
        let dir = tempfile::tempdir().expect("a folder");
        let repo_dir = dir.path().to_path_buf();
        crate::git::NewRepo::init(&repo_dir, "main").expect("a repository");
        let (sender, receiver) = std::sync::mpsc::channel::<WalkedRun>();
        let (claimed, on_claim) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let builder = scope.spawn(move || {
                let repo = Repo::discover(&repo_dir).expect("a repository");
                let mut builder = Builder {
                    blobs: repo.blobs(Packs::Own).expect("blobs"),
                    max_bytes: 1 << 20,
                    built: Built::default(),
                };
                let mut diff = |run: Range<usize>| {
                    let _ = claimed.send(());
                    Err(GitError::Corrupt(format!("run {run:?}")))
                };
                builder.build_runs(&mut diff, runs, &receiver)
            });
            on_claim.recv().expect("the builder claims a run");
            walk(sender);
            builder.join().expect("the builder ran")
        })
    }

    #[test]
    fn the_builder_reports_its_own_failure_in_its_turn_not_before_the_walks() {
        // Four runs of 64 commits; the walk has claimed the first two.
        let runs = Runs::new(256);
        assert_eq!(runs.claim(), Some((0, 0..64)));
        assert_eq!(runs.claim(), Some((1, 64..128)));
        // The builder fails on the third run, which it claims while waiting for the first;
        // the walk then fails on the second: the walk's failure comes first in commit order,
        // so the builder stops there without an error of its own.
        let built = build_with_failing_diffs(&runs, |walk| {
            walk.send((0, Some(Vec::new()))).expect("sent");
            walk.send((1, None)).expect("sent");
        });
        assert!(built.is_ok(), "{built:?}");
        assert_eq!(runs.claim(), None, "no run is handed out after a failure");
        // When the walk's runs before it went well, the builder's own failure is the one.
        let runs = Runs::new(256);
        runs.claim();
        let built = build_with_failing_diffs(&runs, |walk| {
            walk.send((0, Some(Vec::new()))).expect("sent");
        });
        assert!(
            matches!(&built, Err(GitError::Corrupt(message)) if message == "run 64..128"),
            "{built:?}"
        );
    }

    #[test]
    fn a_batch_parsed_ahead_hands_its_versions_to_the_builder_once() {
        let (first, second) = (blob(1), blob(2));
        let batch = Batch::new(Vec::new(), vec![first, second]);
        assert!(batch.parse_ahead(&|blob| version(if blob == first { "R-001" } else { "R-002" })));
        let taken = batch.take_ahead();
        assert_eq!(taken.len(), 2);
        assert_eq!(
            taken[&second].as_ref().map(|(id, _)| id.as_str()),
            Some("R-002")
        );
        // Taken: nothing more is parsed for it, and nothing is handed twice.
        assert!(!batch.parse_ahead(&|_| version("R-003")));
        assert!(batch.take_ahead().is_empty());
    }

    #[test]
    fn a_version_that_cannot_be_read_ahead_is_left_to_the_builder() {
        let (first, second) = (blob(1), blob(2));
        let batch = Batch::new(Vec::new(), vec![first, second]);
        let parse = |blob: BlobId| {
            if blob == first {
                version("R-001")
            } else {
                Err(GitError::Corrupt("object not found".to_owned()))
            }
        };
        assert!(!batch.parse_ahead(&parse));
        let taken = batch.take_ahead();
        assert_eq!(taken.keys().collect::<Vec<_>>(), [&first]);
    }
}
