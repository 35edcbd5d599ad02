//! Histories kept between runs. A commit never changes, so the history read up to one is
//! the same every time it is read with the same settings: the first run keeps it in the
//! repository's git folder (`.git/riskreg/`), and later runs read it back instead of walking
//! the commits again. When HEAD (or `--rev`) has moved on, the history kept for the
//! nearest commit on its first-parent line is continued with the commits after it, from
//! where its walk stood (kept beside it), when the new commits simply follow it
//! ([`crate::git::Repo::commits_after`]); otherwise the commits are walked whole.
//!
//! An entry is found by everything the history depends on: the tip commit, the register's
//! folder in the repository, the config's `ignore:` globs and file-size limit, and the
//! riskreg binary itself (its size and modification time, so a new build never reads an
//! older one's entries). The whole key is stored in the entry and compared on reading; an
//! entry that does not parse or does not match is ignored and written again. Entries are
//! created under a temporary name and renamed, so a reader never sees a part of one, and
//! only the newest few are kept (and no more than 256 MiB of them). Every failure to read or write the cache falls back to the
//! walk: the cache can make a run faster, never wrong or failed.
//!
//! `RISKREG_NO_CACHE` (set to anything but empty) turns it off, for benchmarks of the walk
//! or a repository whose git folder should stay as git left it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::build::{Current, State};
use super::derived::{self, Derived};
use super::{Change, DocHistory, Event, History};
use crate::atomic;
use crate::git::{BlobId, Commit, Landing, Repo};
use crate::model::Config;
use crate::source::FieldChange;

/// The variable that turns the cache off.
const DISABLE: &str = "RISKREG_NO_CACHE";

/// Entries kept: enough for HEAD, a `--base` and a few `--at` dates at once...
const KEEP: usize = 6;

/// ...as long as they hold no more than this many bytes together (the newest is kept
/// whatever its size).
const KEEP_BYTES: u64 = 256 << 20;

/// How far back along the first-parent line a kept history to continue is looked for.
const SEARCHED: usize = 10_000;

/// Where histories are kept, and the key of the one this run reads.
pub struct Cache {
    folder: PathBuf,
    /// The settings, hashed: every entry kept for them is named with it.
    settings: String,
    key: Key,
}

/// Everything a history read depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Key {
    settings: Settings,
    tip: String,
}

/// Everything a history read depends on besides its tip.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Settings {
    /// The riskreg binary: its size and modification time in nanoseconds.
    binary: (u64, u128),
    prefix: String,
    ignore: Vec<String>,
    max_file_bytes: u64,
}

/// A document as it stands, as it is kept: ID, path, blob, content.
type KeptCurrent<'a> = (Cow<'a, str>, Cow<'a, str>, BlobId, Cow<'a, Value>);

/// Where a walk stood at an entry's tip, kept beside it so that a later run can continue the
/// walk from there.
#[derive(Serialize, Deserialize)]
struct KeptState<'a> {
    key: Cow<'a, Key>,
    /// Each document as it stands.
    current: Vec<KeptCurrent<'a>>,
    id_at_path: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    id_of_blob: Vec<(BlobId, Cow<'a, str>)>,
}

/// A history as it is kept: commits once, in a table, and events pointing into it. It
/// borrows from the history it is written from and owns what it is read into.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    key: Cow<'a, Key>,
    commits: Vec<Cow<'a, Commit>>,
    tip: usize,
    first_commit: Option<usize>,
    line: Vec<usize>,
    /// Each commit's landing position, by commit ID, sorted.
    landed: Vec<(Cow<'a, str>, usize)>,
    docs: Vec<(Cow<'a, str>, Vec<KeptEvent<'a>>)>,
}

/// An event as it is kept.
#[derive(Serialize, Deserialize)]
struct KeptEvent<'a> {
    commit: usize,
    change: Cow<'a, Change>,
    path: Cow<'a, str>,
    fields: Vec<KeptField<'a>>,
    after: Kept<'a>,
}

/// A field change as it is kept.
#[derive(Serialize, Deserialize)]
struct KeptField<'a> {
    field: Cow<'a, str>,
    before: Kept<'a>,
    after: Kept<'a>,
}

/// A value that may be absent, kept so that an absent value and a `null` stay apart (JSON
/// reads both `Option`s back as `None`).
#[derive(Serialize, Deserialize)]
enum Kept<'a> {
    Absent,
    Value(Cow<'a, Value>),
}

impl<'a> Kept<'a> {
    fn of(value: Option<&'a Value>) -> Kept<'a> {
        value.map_or(Kept::Absent, |value| Kept::Value(Cow::Borrowed(value)))
    }

    fn into_option(self) -> Option<Value> {
        match self {
            Kept::Absent => None,
            Kept::Value(value) => Some(value.into_owned()),
        }
    }
}

impl Cache {
    /// The cache for the history of the register in `repo` up to `tip` read with `config`;
    /// `None` when it is turned off, the running binary cannot be found, or the cache
    /// folder is a link.
    pub fn new(repo: &Repo, tip: String, config: &Config) -> Option<Cache> {
        if std::env::var_os(DISABLE).is_some_and(|value| !value.is_empty()) {
            return None;
        }
        let binary = fs::metadata(std::env::current_exe().ok()?).ok()?;
        let modified = binary.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let settings = Settings {
            binary: (binary.len(), modified.as_nanos()),
            prefix: repo.prefix().to_owned(),
            ignore: config.ignore.clone(),
            max_file_bytes: config.limits.max_file_bytes,
        };
        let folder = repo.cache_folder();
        // Never read or written through a link; a folder not made yet is fine.
        if fs::symlink_metadata(&folder).is_ok() && !is_real_folder(&folder) {
            return None;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        settings.hash(&mut hasher);
        Some(Cache {
            folder,
            settings: format!("{:016x}", hasher.finish()),
            key: Key { settings, tip },
        })
    }

    /// The history kept for this run's tip, if there is one and it reads back whole.
    pub fn load(&self) -> Option<History> {
        self.read_history(&self.key.tip)
    }

    /// The history kept for the nearest commit before this run's tip on its first-parent
    /// line (`rev`'s in `repo`), with where its walk stood: the one to continue.
    pub fn nearest(&self, repo: &Repo, rev: Option<&str>) -> Option<(History, State)> {
        let prefix = format!("state-{}-", self.settings);
        let kept: HashSet<String> = fs::read_dir(&self.folder)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let tip = name.strip_prefix(&prefix)?.strip_suffix(".json")?;
                (tip != self.key.tip).then(|| tip.to_owned())
            })
            .collect();
        if kept.is_empty() {
            return None;
        }
        let base = repo
            .first_parent_find(rev, SEARCHED, &|id| kept.contains(id))
            .ok()??;
        let state = self.read_state(&base)?;
        Some((self.read_history(&base)?, state))
    }

    /// Where results derived from the history of this run's tip are kept.
    pub fn derived(&self) -> Derived {
        Derived {
            folder: self.folder.clone(),
            owner: format!("{}-{}", self.settings, self.key.tip),
            key: self.key.clone(),
        }
    }

    /// Keeps `history` and where its walk stands (`state`) for this run's tip, and drops
    /// the oldest entries beyond the few kept; whether it was kept. Errors are ignored: the
    /// next run walks the commits again.
    pub fn store(&self, history: &History, state: &State) -> bool {
        if fs::create_dir_all(&self.folder).is_err() || !is_real_folder(&self.folder) {
            return false;
        }
        let Some(entry) = to_entry(&self.key, history) else {
            return false;
        };
        let tip = &self.key.tip;
        // Both turned to JSON at once (the walk has left both cores idle).
        let (state, entry) = rayon::join(
            || serde_json::to_vec(&to_state(&self.key, state)),
            || serde_json::to_vec(&entry),
        );
        let (Ok(state), Ok(entry)) = (state, entry) else {
            return false;
        };
        // The state first: an entry is continued only when its state is there too.
        let kept =
            write(&self.path("state", tip), &state) && write(&self.path("history", tip), &entry);
        if kept {
            prune(&self.folder);
        }
        kept
    }

    /// The path of the `kind` file (`history` or `state`) kept for `tip`.
    fn path(&self, kind: &str, tip: &str) -> PathBuf {
        self.folder
            .join(format!("{kind}-{}-{tip}.json", self.settings))
    }

    /// The history kept for `tip` with this run's settings.
    fn read_history(&self, tip: &str) -> Option<History> {
        let bytes = fs::read(self.path("history", tip)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.key.settings == self.key.settings && entry.key.tip == tip)
            .then(|| from_entry(entry))?
    }

    /// Where the walk stood at `tip`, with this run's settings.
    fn read_state(&self, tip: &str) -> Option<State> {
        let bytes = fs::read(self.path("state", tip)).ok()?;
        let kept: KeptState = serde_json::from_slice(&bytes).ok()?;
        (kept.key.settings == self.key.settings && kept.key.tip == tip).then(|| from_state(kept))
    }
}

/// Writes `bytes` to `path` through a temporary file, replacing a damaged file of the same
/// name; whether it was written.
pub(super) fn write(path: &Path, bytes: &[u8]) -> bool {
    let _ = fs::remove_file(path);
    atomic::write(path, bytes, atomic::Mode::Create).is_ok()
}

/// Where a walk stands, as it is kept.
fn to_state<'a>(key: &'a Key, state: &'a State) -> KeptState<'a> {
    let mut current: Vec<_> = state
        .current
        .iter()
        .map(|(id, doc)| {
            (
                Cow::Borrowed(id.as_str()),
                Cow::Borrowed(doc.path.as_str()),
                doc.blob,
                Cow::Borrowed(&*doc.value),
            )
        })
        .collect();
    current.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut id_at_path: Vec<_> = state
        .id_at_path
        .iter()
        .map(|(path, id)| (Cow::Borrowed(path.as_str()), Cow::Borrowed(id.as_str())))
        .collect();
    id_at_path.sort_unstable();
    let mut id_of_blob: Vec<_> = state
        .id_of_blob
        .iter()
        .map(|(blob, id)| (*blob, Cow::Borrowed(id.as_str())))
        .collect();
    id_of_blob.sort_unstable();
    KeptState {
        key: Cow::Borrowed(key),
        current,
        id_at_path,
        id_of_blob,
    }
}

/// Where a walk stood, as it was kept.
fn from_state(kept: KeptState<'_>) -> State {
    State {
        current: kept
            .current
            .into_iter()
            .map(|(id, path, blob, value)| {
                (
                    id.into_owned(),
                    Current {
                        path: path.into_owned(),
                        blob,
                        value: Arc::new(value.into_owned()),
                    },
                )
            })
            .collect(),
        id_at_path: kept
            .id_at_path
            .into_iter()
            .map(|(path, id)| (path.into_owned(), id.into_owned()))
            .collect(),
        id_of_blob: kept
            .id_of_blob
            .into_iter()
            .map(|(blob, id)| (blob, id.into_owned()))
            .collect(),
    }
}

/// Whether `folder` is a folder itself, not a link to one: entries are never written
/// through a link.
pub(super) fn is_real_folder(folder: &Path) -> bool {
    fs::symlink_metadata(folder).is_ok_and(|metadata| metadata.is_dir())
}

/// Removes all but the [`KEEP`] newest histories of the cache folder (fewer when they
/// hold more than [`KEEP_BYTES`] together), and the states and derived results kept beside
/// those removed.
fn prune(folder: &Path) {
    let Ok(listing) = fs::read_dir(folder) else {
        return;
    };
    let mut sizes: HashMap<String, u64> = HashMap::new();
    let mut histories: Vec<(std::time::SystemTime, String)> = Vec::new();
    let mut derived = Vec::new();
    for entry in listing.filter_map(Result::ok) {
        let (Ok(name), Ok(metadata)) = (entry.file_name().into_string(), entry.metadata()) else {
            continue;
        };
        if let Some(owner) = derived::owner_of(&name) {
            let owner = format!("{owner}.json");
            derived.push((name, owner));
            continue;
        }
        let Some((kind @ ("history" | "state"), rest)) = name.split_once('-') else {
            continue;
        };
        *sizes.entry(rest.to_owned()).or_default() += metadata.len();
        if let ("history", Ok(modified)) = (kind, metadata.modified()) {
            histories.push((modified, rest.to_owned()));
        }
    }
    histories.sort_unstable_by(|a, b| b.cmp(a));
    let mut total = 0;
    let kept: HashSet<&str> = histories
        .iter()
        .enumerate()
        .take_while(|(index, (_, rest))| {
            total += sizes[rest];
            *index == 0 || (*index < KEEP && total <= KEEP_BYTES)
        })
        .map(|(_, (_, rest))| rest.as_str())
        .collect();
    for rest in sizes.keys().filter(|rest| !kept.contains(rest.as_str())) {
        for kind in ["history", "state"] {
            let _ = fs::remove_file(folder.join(format!("{kind}-{rest}")));
        }
    }
    for (name, owner) in derived {
        if !kept.contains(owner.as_str()) {
            let _ = fs::remove_file(folder.join(name));
        }
    }
}

/// The history as it is kept, borrowing its parts; `None` when it has no tip (nothing to
/// key it by).
fn to_entry<'a>(key: &'a Key, history: &'a History) -> Option<Entry<'a>> {
    let mut commits: Vec<Cow<'a, Commit>> = Vec::new();
    let mut index_of: HashMap<&'a str, usize> = HashMap::new();
    let mut index = |commit: &'a Arc<Commit>| -> usize {
        *index_of.entry(commit.id.as_str()).or_insert_with(|| {
            commits.push(Cow::Borrowed(&**commit));
            commits.len() - 1
        })
    };
    let tip = index(history.tip.as_ref()?);
    let first_commit = history.first_commit.as_ref().map(&mut index);
    let line = history.landing.line.iter().map(&mut index).collect();
    let mut docs: Vec<(Cow<'a, str>, Vec<KeptEvent<'a>>)> = history
        .docs
        .iter()
        .map(|(id, doc)| {
            let events = doc
                .events
                .iter()
                .map(|event| KeptEvent {
                    commit: index(&event.commit),
                    change: Cow::Borrowed(&event.change),
                    path: Cow::Borrowed(&event.path),
                    fields: event
                        .fields
                        .iter()
                        .map(|field| KeptField {
                            field: Cow::Borrowed(&field.field),
                            before: Kept::of(field.before.as_ref()),
                            after: Kept::of(field.after.as_ref()),
                        })
                        .collect(),
                    after: Kept::of(event.after.as_deref()),
                })
                .collect();
            (Cow::Borrowed(id.as_str()), events)
        })
        .collect();
    docs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut landed: Vec<(Cow<'a, str>, usize)> = history
        .landing
        .landed
        .iter()
        .map(|(id, &position)| (Cow::Borrowed(id.as_str()), position))
        .collect();
    landed.sort_unstable();
    Some(Entry {
        key: Cow::Borrowed(key),
        commits,
        tip,
        first_commit,
        line,
        landed,
        docs,
    })
}

/// The history an entry keeps; `None` when it points outside its own commit table.
fn from_entry(entry: Entry<'_>) -> Option<History> {
    let commits: Vec<Arc<Commit>> = entry
        .commits
        .into_iter()
        .map(|commit| Arc::new(commit.into_owned()))
        .collect();
    let commit = |index: usize| commits.get(index).map(Arc::clone);
    let mut docs = HashMap::with_capacity(entry.docs.len());
    for (id, events) in entry.docs {
        let mut kept = Vec::with_capacity(events.len());
        for event in events {
            kept.push(Event {
                commit: commit(event.commit)?,
                change: event.change.into_owned(),
                path: event.path.into_owned(),
                fields: event
                    .fields
                    .into_iter()
                    .map(|field| FieldChange {
                        field: field.field.into_owned(),
                        before: field.before.into_option(),
                        after: field.after.into_option(),
                    })
                    .collect(),
                after: event.after.into_option().map(Arc::new),
            });
        }
        docs.insert(id.into_owned(), DocHistory::new(kept));
    }
    let line = entry
        .line
        .into_iter()
        .map(commit)
        .collect::<Option<Vec<_>>>()?;
    Some(History {
        tip: Some(commit(entry.tip)?),
        first_commit: match entry.first_commit {
            Some(index) => Some(commit(index)?),
            None => None,
        },
        dirty: Vec::new(),
        docs,
        derived: None,
        landing: Landing {
            line,
            landed: entry
                .landed
                .into_iter()
                .map(|(id, position)| (id.into_owned(), position))
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_kept_history_reads_back_equal_with_absent_and_null_values_apart() {
        let commit = |id: &str, time: i64| {
            Arc::new(Commit {
                id: id.repeat(40),
                time,
                offset_minutes: 60,
                author: "Alice Chen".to_owned(),
                email: "alice@test.example".to_owned(),
                summary: "Note nothing".to_owned(),
            })
        };
        let (first, second) = (commit("a", 1_768_910_400), commit("b", 1_771_156_800));
        let event = |commit: &Arc<Commit>, change: Change, fields: Vec<FieldChange>| Event {
            commit: Arc::clone(commit),
            change,
            path: "mitigations/M-001.yaml".to_owned(),
            fields,
            after: Some(Arc::new(json!({"status": "planned", "note": null}))),
        };
        let fields = vec![
            FieldChange {
                field: "note".to_owned(),
                before: None,
                after: Some(Value::Null),
            },
            FieldChange {
                field: "due".to_owned(),
                before: Some(json!("2026-04-30")),
                after: None,
            },
        ];
        let history = History {
            tip: Some(Arc::clone(&second)),
            first_commit: Some(Arc::clone(&first)),
            dirty: Vec::new(),
            derived: None,
            docs: HashMap::from([(
                "M-001".to_owned(),
                DocHistory::new(vec![
                    event(&first, Change::Added, Vec::new()),
                    event(
                        &second,
                        Change::Moved {
                            from: "old/M-001.yaml".to_owned(),
                        },
                        fields.clone(),
                    ),
                ]),
            )]),
            landing: Landing {
                line: vec![Arc::clone(&first), Arc::clone(&second)],
                landed: HashMap::from([(first.id.clone(), 0), (second.id.clone(), 1)]),
            },
        };
        let key = Key {
            settings: Settings {
                binary: (1, 2),
                prefix: String::new(),
                ignore: Vec::new(),
                max_file_bytes: 1 << 20,
            },
            tip: second.id.clone(),
        };
        let bytes = serde_json::to_vec(&to_entry(&key, &history).expect("a tip")).expect("JSON");
        let entry: Entry<'_> = serde_json::from_slice(&bytes).expect("read back");
        let read = from_entry(entry).expect("whole");
        assert_eq!(read.tip, history.tip);
        assert_eq!(read.first_commit, history.first_commit);
        assert_eq!(read.landing.line, history.landing.line);
        assert_eq!(read.landing.landed, history.landing.landed);
        let events = |history: &History| {
            history.docs["M-001"]
                .events
                .iter()
                .map(|event| {
                    (
                        event.commit.id.clone(),
                        event.change.clone(),
                        event.path.clone(),
                        event.fields.clone(),
                        event.after.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(events(&read), events(&history));
        assert_eq!(read.docs["M-001"].events[1].fields, fields);
    }
}
