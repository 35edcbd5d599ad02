//! Results derived from a kept history, kept beside it: what a command computed from the
//! history and a few inputs of its own (the trend's period ends) is the same every time
//! for the same history and inputs, so it is kept with the history's key and read back
//! instead of computed again.
//!
//! An entry is named after the history's settings and tip, the result's name and a hash of
//! its inputs, and stores the history's key and the inputs themselves, compared on
//! reading. It lives as long as the history it was derived from ([`super::cache`] prunes
//! both), and no more than [`KEEP`] of them are kept. Failures are ignored as the history
//! cache ignores them: a result that cannot be read is computed, one that cannot be written
//! is computed again next time.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::cache::{Key, is_real_folder, write};

/// The first part of every derived entry's file name.
const PREFIX: &str = "derived-";

/// Derived entries kept at most, the newest (a trend and a report's trend for a few tips).
const KEEP: usize = 16;

/// Where the results derived from one kept history are kept.
#[derive(Debug, Clone)]
pub struct Derived {
    pub(super) folder: PathBuf,
    /// The history's settings, hashed, and its tip: the start of every entry's name.
    pub(super) owner: String,
    pub(super) key: Key,
}

/// A derived result as it is kept.
#[derive(Serialize, serde::Deserialize)]
struct Entry<K, V> {
    key: K,
    name: String,
    inputs: Value,
    value: V,
}

impl Derived {
    /// The result kept under `name` for these `inputs`, if there is one and it reads back.
    pub fn read<T: DeserializeOwned>(&self, name: &str, inputs: &impl Serialize) -> Option<T> {
        let inputs = serde_json::to_value(inputs).ok()?;
        let bytes = fs::read(self.path(name, &inputs)).ok()?;
        let entry: Entry<Key, T> = serde_json::from_slice(&bytes).ok()?;
        (entry.key == self.key && entry.name == name && entry.inputs == inputs)
            .then_some(entry.value)
    }

    /// Keeps `value` under `name` for these `inputs`, and drops the oldest derived entries
    /// beyond the few kept. Errors are ignored.
    pub fn keep(&self, name: &str, inputs: &impl Serialize, value: &impl Serialize) {
        // Never written through a link, even one made since the history was kept.
        if !is_real_folder(&self.folder) {
            return;
        }
        let Ok(inputs) = serde_json::to_value(inputs) else {
            return;
        };
        let entry = Entry {
            key: &self.key,
            name: name.to_owned(),
            inputs,
            value,
        };
        let Ok(bytes) = serde_json::to_vec(&entry) else {
            return;
        };
        if write(&self.path(name, &entry.inputs), &bytes) {
            prune(self);
        }
    }

    /// The file of the result `name` for `inputs`.
    fn path(&self, name: &str, inputs: &Value) -> PathBuf {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        inputs.to_string().hash(&mut hasher);
        self.folder.join(format!(
            "{PREFIX}{}-{name}-{:016x}.json",
            self.owner,
            hasher.finish()
        ))
    }
}

/// The history a derived entry's file name says it came from, as the history's own files
/// name it (`<settings>-<tip>`); `None` for a file that is no derived entry.
pub(super) fn owner_of(file_name: &str) -> Option<&str> {
    let rest = file_name.strip_prefix(PREFIX)?;
    let settings = rest.find('-')?;
    let tip = rest[settings + 1..].find('-')?;
    Some(&rest[..settings + 1 + tip])
}

/// Removes all but the [`KEEP`] newest derived entries.
fn prune(derived: &Derived) {
    let Ok(listing) = fs::read_dir(&derived.folder) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = listing
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(PREFIX))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    entries.sort_unstable_by(|a, b| b.cmp(a));
    for (_, path) in entries.into_iter().skip(KEEP) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_entry_names_the_history_it_came_from() {
        let tip = "ab".repeat(20);
        let name = format!("derived-cae950ed450f811f-{tip}-trend-6d8b775835dfb82b.json");
        assert_eq!(
            owner_of(&name),
            Some(format!("cae950ed450f811f-{tip}").as_str())
        );
        assert_eq!(
            owner_of(&format!("history-cae950ed450f811f-{tip}.json")),
            None
        );
        assert_eq!(owner_of("derived-torn"), None);
    }
}
