//! The only module that touches git2. It discovers the repository holding a register,
//! walks its commits once, diffs each commit's register subtree against its parent's and
//! reads blobs, handing out plain data ([`Commit`], [`FileChange`], [`BlobId`]).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::{Delta, DiffOptions, ErrorCode, ObjectType, Oid, Repository, Sort, StatusOptions};

/// A blob's object ID, as plain bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobId([u8; 20]);

/// One commit, as the rest of riskreg sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Commit {
    /// The full hexadecimal commit ID.
    pub id: String,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
    /// The committer's UTC offset in minutes.
    pub offset_minutes: i32,
    /// The author's name.
    pub author: String,
    /// The author's email.
    pub email: String,
    /// The first line of the message.
    pub summary: String,
}

impl Commit {
    /// The abbreviated commit ID (7 characters).
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(7)]
    }

    /// The committer date in the committer's own time zone.
    pub fn date(&self) -> chrono::NaiveDate {
        let local = self.time + i64::from(self.offset_minutes) * 60;
        chrono::DateTime::from_timestamp(local, 0)
            .map(|time| time.date_naive())
            .unwrap_or_default()
    }
}

/// A document file that changed in a commit; paths are relative to the register root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The file's path before (deleted or modified files).
    pub old: Option<(String, BlobId)>,
    /// The file's path after (added or modified files).
    pub new: Option<(String, BlobId)>,
}

/// A commit that changed the register, with its changes.
#[derive(Debug, Clone)]
pub struct ChangedCommit {
    /// The commit.
    pub commit: Arc<Commit>,
    /// Its document changes against its parent (or the empty tree for a root commit).
    pub changes: Vec<FileChange>,
}

/// What one walk of the history found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Commits that changed a document, oldest first (parents before children).
    pub commits: Vec<ChangedCommit>,
    /// How many commits were walked, merges included.
    pub walked: usize,
    /// The commit the walk started from.
    pub tip: Option<Arc<Commit>>,
}

/// Why history could not be read.
#[derive(Debug)]
pub enum GitError {
    /// The folder is not inside a git repository.
    NotARepository,
    /// The repository is a shallow clone: older commits are missing.
    Shallow,
    /// The repository has no commit yet.
    NoCommits,
    /// The revision given with `--rev` does not exist.
    BadRevision(String),
    /// The repository is broken (a missing or corrupt object, an unreadable file).
    Corrupt(String),
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotARepository => f.write_str("the register is not in a git repository"),
            GitError::Shallow => {
                f.write_str("the repository is a shallow clone, so older commits are missing")
            }
            GitError::NoCommits => f.write_str("the repository has no commits yet"),
            GitError::BadRevision(rev) => write!(f, "no revision `{rev}` in the repository"),
            GitError::Corrupt(message) => write!(f, "the git repository is damaged: {message}"),
        }
    }
}

impl std::error::Error for GitError {}

fn corrupt(error: &git2::Error) -> GitError {
    GitError::Corrupt(error.message().to_owned())
}

/// A file as stored at a revision: its path relative to the register root, and its bytes.
pub type StoredFile = (String, Vec<u8>);

/// A register's repository.
pub struct Repo {
    repo: Repository,
    /// The register root relative to the work tree, with `/` ("" at the top).
    prefix: String,
}

impl Repo {
    /// Finds the repository that holds `root`.
    pub fn discover(root: &Path) -> Result<Repo, GitError> {
        let repo = match Repository::discover(root) {
            Ok(repo) => repo,
            Err(error) if error.code() == ErrorCode::NotFound => {
                return Err(GitError::NotARepository);
            }
            Err(error) => return Err(corrupt(&error)),
        };
        let workdir = repo
            .workdir()
            .map(Path::to_path_buf)
            .ok_or(GitError::NotARepository)?;
        let prefix = relative_prefix(&workdir, root)?;
        Ok(Repo { repo, prefix })
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The register root's path inside the repository ("" when it is the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Walks every commit reachable from `rev` (default HEAD), oldest first, and diffs each
    /// non-merge commit's register subtree against its parent's. Unchanged subtrees are
    /// skipped by object ID, so the cost grows with the changes, not the register's size.
    pub fn walk(&self, rev: Option<&str>) -> Result<Walk, GitError> {
        let tip = match rev {
            Some(rev) => self
                .repo
                .revparse_single(rev)
                .and_then(|object| object.peel_to_commit())
                .map_err(|_| GitError::BadRevision(rev.to_owned()))?,
            None => match self.repo.head() {
                Ok(head) => head.peel_to_commit().map_err(|error| corrupt(&error))?,
                Err(error)
                    if matches!(error.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) =>
                {
                    return Err(GitError::NoCommits);
                }
                Err(error) => return Err(corrupt(&error)),
            },
        };
        let mut revwalk = self.repo.revwalk().map_err(|error| corrupt(&error))?;
        revwalk
            .set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)
            .map_err(|error| corrupt(&error))?;
        revwalk.push(tip.id()).map_err(|error| corrupt(&error))?;

        let mut subtrees: HashMap<Oid, Option<Oid>> = HashMap::new();
        let mut walk = Walk {
            tip: Some(Arc::new(convert(&tip))),
            ..Walk::default()
        };
        let mut options = DiffOptions::new();
        options.skip_binary_check(true).ignore_submodules(true);
        for oid in revwalk {
            let oid = oid.map_err(|error| corrupt(&error))?;
            let commit = self
                .repo
                .find_commit(oid)
                .map_err(|error| corrupt(&error))?;
            walk.walked += 1;
            let subtree = self.subtree(&commit)?;
            subtrees.insert(oid, subtree);
            if commit.parent_count() > 1 {
                continue;
            }
            let parent_subtree = match commit.parent_ids().next() {
                Some(parent) => match subtrees.get(&parent) {
                    Some(subtree) => *subtree,
                    None => {
                        let parent = self
                            .repo
                            .find_commit(parent)
                            .map_err(|error| corrupt(&error))?;
                        self.subtree(&parent)?
                    }
                },
                None => None,
            };
            if parent_subtree == subtree {
                continue;
            }
            let changes = self.diff(parent_subtree, subtree, &mut options)?;
            if !changes.is_empty() {
                walk.commits.push(ChangedCommit {
                    commit: Arc::new(convert(&commit)),
                    changes,
                });
            }
        }
        Ok(walk)
    }

    /// The object ID of the register's folder in a commit's tree.
    fn subtree(&self, commit: &git2::Commit<'_>) -> Result<Option<Oid>, GitError> {
        let tree = commit.tree().map_err(|error| corrupt(&error))?;
        if self.prefix.is_empty() {
            return Ok(Some(tree.id()));
        }
        match tree.get_path(Path::new(&self.prefix)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Ok(Some(entry.id())),
            Ok(_) => Ok(None),
            Err(error) if error.code() == ErrorCode::NotFound => Ok(None),
            Err(error) => Err(corrupt(&error)),
        }
    }

    fn diff(
        &self,
        old: Option<Oid>,
        new: Option<Oid>,
        options: &mut DiffOptions,
    ) -> Result<Vec<FileChange>, GitError> {
        let find = |oid: Option<Oid>| -> Result<Option<git2::Tree<'_>>, GitError> {
            oid.map(|oid| self.repo.find_tree(oid))
                .transpose()
                .map_err(|error| corrupt(&error))
        };
        let (old_tree, new_tree) = (find(old)?, find(new)?);
        let diff = self
            .repo
            .diff_tree_to_tree(old_tree.as_ref(), new_tree.as_ref(), Some(options))
            .map_err(|error| corrupt(&error))?;
        let mut changes = Vec::new();
        for delta in diff.deltas() {
            let side = |file: git2::DiffFile<'_>| -> Option<(String, BlobId)> {
                let path = file.path()?.to_str()?;
                if !is_document_path(path) {
                    return None;
                }
                let id: [u8; 20] = file.id().as_bytes().try_into().ok()?;
                Some((path.to_owned(), BlobId(id)))
            };
            let change = match delta.status() {
                Delta::Added => FileChange {
                    old: None,
                    new: side(delta.new_file()),
                },
                Delta::Deleted => FileChange {
                    old: side(delta.old_file()),
                    new: None,
                },
                Delta::Modified | Delta::Typechange => FileChange {
                    old: side(delta.old_file()),
                    new: side(delta.new_file()),
                },
                _ => continue,
            };
            if change.old.is_some() || change.new.is_some() {
                changes.push(change);
            }
        }
        Ok(changes)
    }

    /// Every file of the register's folder at a revision, with paths relative to the
    /// register root; `None` when the folder does not exist there.
    pub fn files_at(&self, rev: &str) -> Result<Option<Vec<StoredFile>>, GitError> {
        let commit = self
            .repo
            .revparse_single(rev)
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| GitError::BadRevision(rev.to_owned()))?;
        let Some(subtree) = self.subtree(&commit)? else {
            return Ok(None);
        };
        let tree = self
            .repo
            .find_tree(subtree)
            .map_err(|error| corrupt(&error))?;
        let mut blobs = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
            if entry.kind() == Some(ObjectType::Blob) {
                if let Ok(name) = entry.name() {
                    blobs.push((format!("{folder}{name}"), entry.id()));
                }
            }
            git2::TreeWalkResult::Ok
        })
        .map_err(|error| corrupt(&error))?;
        let mut files = Vec::with_capacity(blobs.len());
        for (path, oid) in blobs {
            let blob = self.repo.find_blob(oid).map_err(|error| corrupt(&error))?;
            files.push((path, blob.content().to_vec()));
        }
        Ok(Some(files))
    }

    /// Reads a blob's bytes.
    pub fn blob(&self, id: BlobId) -> Result<Vec<u8>, GitError> {
        let oid = Oid::from_bytes(&id.0).map_err(|error| corrupt(&error))?;
        let blob = self.repo.find_blob(oid).map_err(|error| corrupt(&error))?;
        Ok(blob.content().to_vec())
    }

    /// Paths (relative to the register root) of document files that differ from HEAD in the
    /// work tree or index, untracked ones included.
    pub fn dirty_paths(&self) -> Result<Vec<String>, GitError> {
        let mut options = StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        if !self.prefix.is_empty() {
            options.pathspec(format!("{}/", self.prefix));
        }
        let statuses = self
            .repo
            .statuses(Some(&mut options))
            .map_err(|error| corrupt(&error))?;
        let mut paths: Vec<String> = statuses
            .iter()
            .filter(|entry| !entry.status().is_ignored())
            .filter_map(|entry| entry.path().ok().map(str::to_owned))
            .filter_map(|path| {
                let relative = if self.prefix.is_empty() {
                    Some(path.as_str())
                } else {
                    path.strip_prefix(&self.prefix)
                        .and_then(|rest| rest.strip_prefix('/'))
                };
                relative
                    .filter(|relative| is_document_path(relative))
                    .map(str::to_owned)
            })
            .collect();
        paths.sort();
        Ok(paths)
    }
}

/// The register root's path inside the repository holding it, with a trailing `/`; "" when
/// the register is the repository's top folder or not in a repository.
pub fn repo_prefix(root: &Path) -> String {
    match Repo::discover(root) {
        Ok(repo) if !repo.prefix.is_empty() => format!("{}/", repo.prefix),
        _ => String::new(),
    }
}

/// Whether a path (relative to the register root) can be a document: YAML, not hidden, not
/// the config at the root.
pub fn is_document_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    (lower.ends_with(".yaml") || lower.ends_with(".yml"))
        && path != "riskreg.yaml"
        && !path.split('/').any(|part| part.starts_with('.'))
}

fn relative_prefix(workdir: &Path, root: &Path) -> Result<String, GitError> {
    let canonical = |path: &Path| -> Result<PathBuf, GitError> {
        std::fs::canonicalize(path)
            .map_err(|error| GitError::Corrupt(format!("{}: {error}", path.display())))
    };
    let (workdir, root) = (canonical(workdir)?, canonical(root)?);
    let relative = root
        .strip_prefix(&workdir)
        .map_err(|_| GitError::NotARepository)?;
    Ok(relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

fn convert(commit: &git2::Commit<'_>) -> Commit {
    let author = commit.author();
    let committer_time = commit.committer().when();
    Commit {
        id: commit.id().to_string(),
        time: committer_time.seconds(),
        offset_minutes: committer_time.offset_minutes(),
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
    }
}
