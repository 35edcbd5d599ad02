//! The `git fast-import` stream of a planned history.

mod messages;

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use crate::Args;
use crate::document::render_config;
use crate::model::{Doc, Register, slug};
use crate::organization::{OWNERS, email};

use super::Plan;
use super::commits::{Kind, Planned};
use super::layout::{Folders, Place};
use super::units::History;

/// The branch the history is written to.
pub const MAIN_REF: &str = "refs/heads/main";

/// The branch feature branches are written to (one at a time), deleted at the end.
const FEATURE_REF: &str = "refs/heads/feature";

/// Writes the stream of a planned history to `out`.
pub fn write_stream(
    out: impl Write,
    reg: &Register,
    plan: &Plan,
    args: &Args,
    prefix: &str,
) -> Result<()> {
    let mut writer = Writer {
        out,
        reg,
        history: &plan.history,
        args,
        prefix,
        folders: plan.folders,
        marks: 0,
        main: vec![None; reg.count()],
        branch: BTreeMap::new(),
        main_tip: 0,
        branch_tip: 0,
        config: 0,
        branches: Vec::new(),
        buf: Vec::with_capacity(4096),
    };
    writer.stream(&plan.commits)
}

/// A file in a branch's tree: where, and the mark of its blob.
#[derive(Debug, Clone)]
struct Entry {
    /// Its path in the repository.
    path: String,
    /// Its place, to find its path in the final layout.
    place: Place,
    /// Its blob's mark.
    mark: u32,
}

/// Writes the `git fast-import` stream of a planned history.
struct Writer<'a, W: Write> {
    /// The stream.
    out: W,
    /// The final documents.
    reg: &'a Register,
    /// The versions and units.
    history: &'a History,
    /// The arguments (for the config).
    args: &'a Args,
    /// `--subdir` as a path prefix.
    prefix: &'a str,
    /// The folders documents are in now.
    folders: Folders,
    /// The last mark used.
    marks: u32,
    /// The main branch's files, by document number.
    main: Vec<Option<Entry>>,
    /// The open feature branch's files that differ from the main branch's.
    branch: BTreeMap<usize, Entry>,
    /// The mark of the main branch's last commit.
    main_tip: u32,
    /// The mark of the feature branch's last commit.
    branch_tip: u32,
    /// The mark of `riskreg.yaml`'s blob.
    config: u32,
    /// Names and first commit subjects of the feature branches so far.
    branches: Vec<(String, String)>,
    /// A reusable buffer for documents.
    buf: Vec<u8>,
}

impl<W: Write> Writer<'_, W> {
    /// Writes every commit, then deletes the feature branch and ends the stream.
    fn stream(&mut self, commits: &[Planned]) -> Result<()> {
        for commit in commits {
            match commit.kind {
                Kind::Import => self.import(commit)?,
                Kind::Edit { group, branch } => self.edit(commit, group, branch)?,
                Kind::Merge(branch) => self.merge(commit, branch)?,
                Kind::Flatten => self.flatten(commit)?,
            }
        }
        if !self.branches.is_empty() {
            writeln!(self.out, "reset {FEATURE_REF}\nfrom {}\n", "0".repeat(40))?;
        }
        writeln!(self.out, "done")?;
        self.out.flush()?;
        Ok(())
    }

    /// A new mark.
    fn mark(&mut self) -> u32 {
        self.marks += 1;
        self.marks
    }

    /// Writes the buffer as a blob; returns its mark.
    fn blob(&mut self) -> Result<u32> {
        let mark = self.mark();
        write!(self.out, "blob\nmark :{mark}\ndata {}\n", self.buf.len())?;
        self.out.write_all(&self.buf)?;
        self.out.write_all(b"\n")?;
        Ok(mark)
    }

    /// Writes version `i` of document `n` as a blob; returns its file.
    fn version(&mut self, n: usize, i: usize) -> Result<Entry> {
        let version = &self.history.versions[n][i];
        self.buf.clear();
        self.reg.render(&mut self.buf, n, &version.state)?;
        let mark = self.blob()?;
        let path = self.reg.path(n, version.place, self.folders, self.prefix);
        Ok(Entry {
            path,
            place: version.place,
            mark,
        })
    }

    /// Starts a commit.
    fn header(
        &mut self,
        refname: &str,
        mark: u32,
        commit: &Planned,
        message: &str,
        from: Option<u32>,
        merge: Option<u32>,
    ) -> Result<()> {
        let (_, name, _, _) = OWNERS[commit.author];
        let who = format!("{name} <{}> {} +0000", email(name), commit.time);
        writeln!(self.out, "commit {refname}\nmark :{mark}")?;
        writeln!(self.out, "author {who}\ncommitter {who}")?;
        writeln!(self.out, "data {}\n{message}", message.len())?;
        if let Some(from) = from {
            writeln!(self.out, "from :{from}")?;
        }
        if let Some(merge) = merge {
            writeln!(self.out, "merge :{merge}")?;
        }
        Ok(())
    }

    /// The first commit: `riskreg.yaml` and the imported documents.
    fn import(&mut self, commit: &Planned) -> Result<()> {
        self.buf.clear();
        render_config(&mut self.buf, self.args.seed, self.args.as_of)?;
        self.config = self.blob()?;
        let mut counts = [0; 3];
        for (n, imported) in self.history.imported.iter().enumerate() {
            if let Some(i) = *imported {
                let entry = self.version(n, i)?;
                self.main[n] = Some(entry);
                counts[match self.reg.doc(n) {
                    Doc::Risk(_) => 0,
                    Doc::Mitigation(_) => 1,
                    Doc::Review(_) => 2,
                }] += 1;
            }
        }
        let message = match counts {
            [0, 0, 0] => "Start the risk register\n\nriskreg.yaml with our owners, rating \
                          scale, risk appetite and review cadence.\n"
                .to_owned(),
            [risks, mitigations, reviews] => format!(
                "Import the risk register from the spreadsheet\n\n{risks} risks, \
                 {mitigations} mitigations and {reviews} reviews, with riskreg.yaml\n\
                 for our owners, rating scale, risk appetite and review cadence.\n"
            ),
        };
        let mark = self.mark();
        self.header(MAIN_REF, mark, commit, &message, None, None)?;
        writeln!(
            self.out,
            "M 100644 :{} {}riskreg.yaml",
            self.config, self.prefix
        )?;
        for entry in self.main.iter().flatten() {
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }

    /// A commit of a group of units, on the main branch or a feature branch.
    fn edit(&mut self, commit: &Planned, group: usize, branch: Option<usize>) -> Result<()> {
        // The last version of each document in the group.
        let mut latest: Vec<(usize, usize)> = Vec::new();
        let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
        for unit in &self.history.units[self.history.groups[group].clone()] {
            for &(n, i) in &unit.items {
                let (n, i) = (n as usize, i as usize);
                match seen.get(&n) {
                    Some(&at) => latest[at].1 = latest[at].1.max(i),
                    None => {
                        seen.insert(n, latest.len());
                        latest.push((n, i));
                    }
                }
            }
        }
        let mut changes = Vec::with_capacity(latest.len());
        for &(n, i) in &latest {
            let entry = self.version(n, i)?;
            let old = match branch {
                Some(_) => self.branch.get(&n).or(self.main[n].as_ref()),
                None => self.main[n].as_ref(),
            };
            let gone = old.filter(|e| e.path != entry.path).map(|e| e.path.clone());
            changes.push((n, gone, entry));
        }
        let message = self.message(&latest);
        let mark = self.mark();
        match branch {
            Some(b) => {
                let first = self.branches.len() <= b;
                if first {
                    let subject = message.lines().next().unwrap_or_default().to_owned();
                    let name = format!("{}/{}", OWNERS[commit.author].0, slug(&subject));
                    self.branches.push((name, subject));
                }
                let from = first.then_some(self.main_tip);
                self.header(FEATURE_REF, mark, commit, &message, from, None)?;
                self.branch_tip = mark;
            }
            None => {
                self.header(MAIN_REF, mark, commit, &message, None, None)?;
                self.main_tip = mark;
            }
        }
        for (n, gone, entry) in changes {
            if let Some(gone) = gone {
                writeln!(self.out, "D {gone}")?;
            }
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            match branch {
                Some(_) => {
                    self.branch.insert(n, entry);
                }
                None => self.main[n] = Some(entry),
            }
        }
        writeln!(self.out)?;
        Ok(())
    }

    /// A merge commit bringing the feature branch's files into the main branch.
    fn merge(&mut self, commit: &Planned, branch: usize) -> Result<()> {
        let (name, subject) = self.branches.get(branch).cloned().unwrap_or_default();
        let message = format!(
            "Merge pull request #{} from northwind/{name}\n\n{subject}\n",
            branch + 1
        );
        let mark = self.mark();
        let tip = self.branch_tip;
        self.header(MAIN_REF, mark, commit, &message, None, Some(tip))?;
        for (n, entry) in std::mem::take(&mut self.branch) {
            if let Some(old) = self.main[n].as_ref().filter(|old| old.path != entry.path) {
                writeln!(self.out, "D {}", old.path)?;
            }
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            self.main[n] = Some(entry);
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }

    /// The commit moving every document from the sharded layout to the final one.
    fn flatten(&mut self, commit: &Planned) -> Result<()> {
        let message = "Flatten the register into risks/, mitigations/ and reviews/\n\n\
                       riskreg finds documents by their kind and ID; the folders by system \
                       and\nquarter only made them harder to find.\n";
        let mark = self.mark();
        self.header(MAIN_REF, mark, commit, message, None, None)?;
        self.folders = Folders::Final;
        writeln!(self.out, "deleteall")?;
        writeln!(
            self.out,
            "M 100644 :{} {}riskreg.yaml",
            self.config, self.prefix
        )?;
        for (n, entry) in self.main.iter_mut().enumerate() {
            if let Some(entry) = entry {
                entry.path = self.reg.path(n, entry.place, Folders::Final, self.prefix);
                writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            }
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }
}
