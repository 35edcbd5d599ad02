//! Writing a new repository from plain data: commits given as whole file trees, with their
//! parents, authors and dates, so a history can be built without the `git` program and
//! comes out byte for byte the same every time (`riskreg demo`).

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Oid, Repository, RepositoryInitOptions, Signature, Time};

use super::{GitError, corrupt};

/// Who made a commit, and when.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    /// The author's (and committer's) name.
    pub name: &'a str,
    /// Their email.
    pub email: &'a str,
    /// Seconds since the Unix epoch.
    pub time: i64,
    /// The UTC offset in minutes.
    pub offset_minutes: i32,
}

/// A commit to write: the whole tree (path with `/` to contents), its parents by the IDs
/// [`NewRepo::commit`] returned, its stamp and message.
#[derive(Debug, Clone, Copy)]
pub struct NewCommit<'a> {
    /// Every file of the commit.
    pub files: &'a BTreeMap<String, String>,
    /// The parents' commit IDs (none for the first commit, two for a merge).
    pub parents: &'a [String],
    /// Author and committer.
    pub stamp: Stamp<'a>,
    /// The commit message.
    pub message: &'a str,
}

/// A repository being written.
pub struct NewRepo {
    repo: Repository,
}

impl NewRepo {
    /// Creates an empty repository in `dir` (an existing empty folder) whose HEAD will be
    /// `branch`.
    pub fn init(dir: &Path, branch: &str) -> Result<NewRepo, GitError> {
        let mut options = RepositoryInitOptions::new();
        options.initial_head(branch).no_reinit(true);
        let repo = Repository::init_opts(dir, &options).map_err(|error| corrupt(&error))?;
        Ok(NewRepo { repo })
    }

    /// Writes one commit (no branch moves) and returns its ID.
    pub fn commit(&self, commit: &NewCommit<'_>) -> Result<String, GitError> {
        let fail = |error: git2::Error| corrupt(&error);
        let tree = self.tree(commit.files)?;
        let tree = self.repo.find_tree(tree).map_err(fail)?;
        let time = Time::new(commit.stamp.time, commit.stamp.offset_minutes);
        let signature =
            Signature::new(commit.stamp.name, commit.stamp.email, &time).map_err(fail)?;
        let parents = commit
            .parents
            .iter()
            .map(|id| {
                Oid::from_str(id)
                    .and_then(|oid| self.repo.find_commit(oid))
                    .map_err(fail)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = self
            .repo
            .commit(
                None,
                &signature,
                &signature,
                commit.message,
                &tree,
                &parents,
            )
            .map_err(fail)?;
        Ok(id.to_string())
    }

    /// Points `branch` at the commit `id`.
    pub fn set_branch(&self, branch: &str, id: &str) -> Result<(), GitError> {
        let fail = |error: git2::Error| corrupt(&error);
        let oid = Oid::from_str(id).map_err(fail)?;
        self.repo
            .reference(&format!("refs/heads/{branch}"), oid, true, "riskreg demo")
            .map_err(fail)?;
        Ok(())
    }

    /// Fills the index from HEAD's tree, so a work tree holding the same files is clean.
    /// The files themselves are the caller's to write.
    pub fn index_head(&self) -> Result<(), GitError> {
        let fail = |error: git2::Error| corrupt(&error);
        let tree = self
            .repo
            .head()
            .and_then(|head| head.peel_to_tree())
            .map_err(fail)?;
        let mut index = self.repo.index().map_err(fail)?;
        index.read_tree(&tree).map_err(fail)?;
        index.write().map_err(fail)
    }

    /// Writes the tree of `files` (and its subtrees) and returns its ID.
    fn tree(&self, files: &BTreeMap<String, String>) -> Result<Oid, GitError> {
        let entries: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        self.folder(&entries)
    }

    /// Writes the tree of one folder from its files' paths relative to it, sorted.
    fn folder(&self, entries: &[(&str, &str)]) -> Result<Oid, GitError> {
        let fail = |error: git2::Error| corrupt(&error);
        let mut builder = self.repo.treebuilder(None).map_err(fail)?;
        let mut rest = entries;
        while let Some(&(path, text)) = rest.first() {
            match path.split_once('/') {
                None => {
                    let blob = self.repo.blob(text.as_bytes()).map_err(fail)?;
                    builder.insert(path, blob, 0o100_644).map_err(fail)?;
                    rest = &rest[1..];
                }
                Some((folder, _)) => {
                    let prefix = format!("{folder}/");
                    let count = rest
                        .iter()
                        .take_while(|(path, _)| path.starts_with(&prefix))
                        .count();
                    let inner: Vec<(&str, &str)> = rest[..count]
                        .iter()
                        .map(|&(path, text)| (&path[prefix.len()..], text))
                        .collect();
                    let subtree = self.folder(&inner)?;
                    builder.insert(folder, subtree, 0o040_000).map_err(fail)?;
                    rest = &rest[count..];
                }
            }
        }
        builder.write().map_err(fail)
    }
}
