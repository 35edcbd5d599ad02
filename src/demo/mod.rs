//! The demo register: the Acme register of `examples/acme` with a year of history, planned
//! as plain commits (whole trees, parents, authors, dates) for the git layer to write.
//! Every date and author is fixed, so the same binary writes the same commits every time.

mod acme;
mod script;
mod text;

use std::collections::BTreeMap;

use chrono::NaiveDate;

pub use acme::FILES;
pub use script::BRANCHED;

/// The date the demo is checked and reported as of: a week after its last commit.
pub const AS_OF: &str = "2026-11-20";

/// The branch HEAD names.
pub const MAIN: &str = "main";

/// Which line of history an event is committed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    /// The main branch.
    Main,
    /// The side branch ([`BRANCHED`]), forked from main at its first commit.
    Branch,
    /// The merge of the side branch into main.
    Merge,
}

/// One change to the register, before it becomes a commit.
#[derive(Debug, Clone)]
struct Event {
    /// The day it is committed.
    date: NaiveDate,
    /// Its order within the day (additions first, reviews last).
    rank: u8,
    /// The owner ID of its author.
    who: String,
    /// The commit message.
    message: String,
    /// Files written (`Some`) or removed (`None`).
    writes: Vec<(String, Option<String>)>,
    /// Where it is committed.
    lane: Lane,
}

/// A person of the Acme config, as a commit names them.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    /// The owner ID.
    pub id: &'static str,
    /// The name.
    pub name: &'static str,
    /// The email.
    pub email: &'static str,
}

/// The people who commit to the demo register (the owners of its config).
pub const PEOPLE: &[Person] = &[
    person("ceo", "Dana Whitfield", "dana.whitfield@acme.example"),
    person("cfo", "Marcus Oyelaran", "marcus.oyelaran@acme.example"),
    person("alice", "Alice Chen", "alice@acme.example"),
    person("bob", "Bob Martinez", "bob@acme.example"),
    person("carol", "Carol Nguyen", "carol@acme.example"),
    person("dave", "Dave Kowalski", "dave@acme.example"),
    person("erin", "Erin O'Brien", "erin@acme.example"),
    person("frank", "Frank Adeyemi", "frank@acme.example"),
    person("grace", "Grace Liu", "grace@acme.example"),
];

/// A [`Person`].
const fn person(id: &'static str, name: &'static str, email: &'static str) -> Person {
    Person { id, name, email }
}

/// One commit of the plan.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Every file of the commit's tree.
    pub files: BTreeMap<String, String>,
    /// Its parents, as indexes of earlier commits of the plan.
    pub parents: Vec<usize>,
    /// Its author (and committer).
    pub author: Person,
    /// Seconds since the Unix epoch (UTC).
    pub time: i64,
    /// The commit message.
    pub message: String,
}

/// The whole history: its commits, oldest first, and where each branch ends.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The commits; a commit's parents come before it.
    pub commits: Vec<Planned>,
    /// Each branch and the index of its last commit; [`MAIN`] first.
    pub branches: Vec<(&'static str, usize)>,
}

/// The history of the demo register, ending at the files of `examples/acme`.
pub fn plan() -> Plan {
    let mut events = script::events(FILES);
    events.sort_by_key(|event| (event.date, event.rank));
    let mut commits: Vec<Planned> = Vec::new();
    let mut main = BTreeMap::new();
    let mut main_tip = None;
    let mut side: Option<(BTreeMap<String, String>, Option<usize>)> = None;
    let mut side_writes = Vec::new();
    let mut branch_tip = None;
    let mut today = (NaiveDate::MIN, 0_i64);
    for event in events {
        if today.0 == event.date {
            today.1 += 1;
        } else {
            today = (event.date, 0);
        }
        let time = event
            .date
            .and_hms_opt(9, 0, 0)
            .map_or(0, |start| start.and_utc().timestamp())
            + today.1 * 17 * 60;
        let (files, parents) = match event.lane {
            Lane::Main => {
                apply(&mut main, &event.writes);
                (main.clone(), main_tip.into_iter().collect())
            }
            Lane::Branch => {
                let (state, tip) = side.get_or_insert_with(|| (main.clone(), main_tip));
                apply(state, &event.writes);
                side_writes.extend(event.writes.iter().cloned());
                (state.clone(), tip.iter().copied().collect())
            }
            Lane::Merge => {
                apply(&mut main, &side_writes);
                let tip = side.as_ref().and_then(|(_, tip)| *tip);
                (main.clone(), main_tip.into_iter().chain(tip).collect())
            }
        };
        let author = PEOPLE
            .iter()
            .find(|person| person.id == event.who)
            .copied()
            .unwrap_or(PEOPLE[2]);
        commits.push(Planned {
            files,
            parents,
            author,
            time,
            message: format!("{}\n", event.message),
        });
        let index = commits.len() - 1;
        match event.lane {
            Lane::Branch => {
                if let Some((_, tip)) = side.as_mut() {
                    *tip = Some(index);
                }
                branch_tip = Some(index);
            }
            Lane::Main | Lane::Merge => main_tip = Some(index),
        }
    }
    let mut branches = vec![(MAIN, main_tip.unwrap_or_default())];
    branches.extend(branch_tip.map(|tip| (BRANCHED.1, tip)));
    Plan { commits, branches }
}

/// Writes and removes files of a tree.
fn apply(tree: &mut BTreeMap<String, String>, writes: &[(String, Option<String>)]) {
    for (path, text) in writes {
        match text {
            Some(text) => tree.insert(path.clone(), text.clone()),
            None => tree.remove(path),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_ends_at_the_acme_register() {
        let plan = plan();
        let (_, head) = plan.branches[0];
        let expected: BTreeMap<String, String> = FILES
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect();
        assert_eq!(plan.commits[head].files, expected);
    }

    #[test]
    fn commits_follow_their_parents_in_time() {
        let plan = plan();
        for (index, commit) in plan.commits.iter().enumerate() {
            for &parent in &commit.parents {
                assert!(parent < index);
                assert!(
                    plan.commits[parent].time < commit.time,
                    "{}",
                    commit.message
                );
            }
        }
        assert!(plan.commits.iter().any(|commit| commit.parents.len() == 2));
    }

    #[test]
    fn every_file_of_examples_acme_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
        let mut found = Vec::new();
        for folder in ["", "risks", "mitigations", "reviews"] {
            for entry in std::fs::read_dir(root.join(folder))
                .into_iter()
                .flatten()
                .flatten()
            {
                if entry.path().is_file() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    found.push(if folder.is_empty() {
                        name
                    } else {
                        format!("{folder}/{name}")
                    });
                }
            }
        }
        found.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(path, _)| *path).collect();
        assert_eq!(found, embedded);
    }
}
