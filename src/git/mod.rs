//! The only module that touches git2. It discovers the repository holding a register,
//! walks its commits once, diffs each commit's register subtree against its parent's and
//! reads blobs, handing out plain data ([`Commit`], [`FileChange`], [`BlobId`]); it also
//! writes a new repository from commits given as plain data ([`NewRepo`], for the demo).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::{ErrorCode, Oid, Repository, StatusOptions};

mod blobs;
mod create;
mod diff;
mod graph;
mod objects;
mod tree;
mod walk;

pub use blobs::{Blobs, Bounded};
pub use create::{NewCommit, NewRepo, Stamp};
pub use graph::{Commits, Landing};
use tree::{EntryKind, TreeEntries, Trees};
pub use walk::TreeFile;

/// How many folders deep below the register root riskreg reads a tree. Trees are walked
/// with an explicit stack, so the bound is not about the call stack: it stops a hostile
/// repository (a folder nested 20,000 levels, a few kilobytes of objects) with a clear
/// error at once. No real register comes near it (Windows' 260-character paths end
/// nesting at about 130 levels of one-letter folders), and it is well inside git's own
/// `core.maxTreeDepth` (2048), so whatever riskreg reads, git reads too.
pub const MAX_TREE_DEPTH: usize = 256;

/// A blob's object ID, as plain bytes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct BlobId([u8; 20]);

/// One commit, as the rest of riskreg sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// The abbreviated form (7 characters) of a full commit ID.
pub fn short_id(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

impl Commit {
    /// The abbreviated commit ID (7 characters).
    pub fn short_id(&self) -> &str {
        short_id(&self.id)
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

/// Commits [`Differ::diff`] diffs at a time, folder by folder and newest first
/// ([`diff::diff_pairs`] says why), before handing them on oldest first. The chunk bounds
/// the buffered changes, and is long enough that a folder's versions are read in long runs.
const DIFF_CHUNK: usize = 1024;

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
    /// The repository holds something riskreg refuses to read (a tree nested too deep, a
    /// config that is a symbolic link); the message says what and where.
    Refused(String),
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
            GitError::Refused(message) => f.write_str(message),
        }
    }
}

impl GitError {
    /// How to fix it, when there is a fix to give: for a shallow clone, how to fetch the
    /// whole history locally and in CI.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            GitError::Shallow => Some(
                "Fetch the full history: `git fetch --unshallow`; in GitHub Actions set `fetch-depth: 0` on actions/checkout, in GitLab CI set `GIT_DEPTH: 0`.",
            ),
            _ => None,
        }
    }
}

impl std::error::Error for GitError {}

fn corrupt(error: &git2::Error) -> GitError {
    GitError::Corrupt(error.message().to_owned())
}

/// The error for a tree nested deeper than [`MAX_TREE_DEPTH`] at `at` (a commit or
/// revision).
fn too_deep(at: &str) -> GitError {
    GitError::Refused(format!(
        "the git repository holds, at {at}, a folder nested more than {MAX_TREE_DEPTH} levels below the register; riskreg reads no tree that deep"
    ))
}

/// Which handles on the pack files a reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packs {
    /// The handles libgit2 shares between every reader of the process.
    Shared,
    /// Handles of the reader's own, for a second thread. libgit2 shares one handle per pack
    /// file path between all readers, with its locks and its delta cache, and two threads
    /// reading through it spend more time waiting on each other than reading; naming the
    /// object folder another way (`objects/.`) gives a reader handles of its own.
    Own,
}

/// A register's repository.
pub struct Repo {
    repo: Repository,
    /// Where large trees are read from.
    large_trees: objects::LargeTrees,
    /// The register root relative to the work tree, with `/` ("" at the top).
    prefix: String,
}

impl Repo {
    /// Finds the repository that holds `root`.
    pub fn discover(root: &Path) -> Result<Repo, GitError> {
        // Like git itself, trust the object store's contents on read: hashing every object
        // read (with SHA-1 collision detection) would cost a third of a history walk.
        git2::opts::strict_hash_verification(false);
        // The walk reads each object it needs once and keeps the trees it will read again
        // itself; libgit2's object cache would only add hashing and memory.
        git2::opts::enable_caching(false);
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
        let large_trees = objects::LargeTrees::new(repo.commondir().join("objects"));
        Ok(Repo {
            repo,
            large_trees,
            prefix,
        })
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The full ID of the commit `rev` names (HEAD by default).
    pub fn tip_id(&self, rev: Option<&str>) -> Result<String, GitError> {
        self.tip_commit(rev).map(|commit| commit.id().to_string())
    }

    /// The register root relative to the work tree, with `/` ("" at the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The folder inside the repository's git folder (shared by its worktrees) where riskreg
    /// keeps what it has worked out from the commits; git never reads it.
    pub fn cache_folder(&self) -> PathBuf {
        self.repo.commondir().join("riskreg")
    }

    fn tip_commit(&self, rev: Option<&str>) -> Result<git2::Commit<'_>, GitError> {
        match rev {
            Some(rev) => self
                .repo
                .revparse_single(rev)
                .and_then(|object| object.peel_to_commit())
                .map_err(|_| GitError::BadRevision(rev.to_owned())),
            None => match self.repo.head() {
                Ok(head) => head.peel_to_commit().map_err(|error| corrupt(&error)),
                Err(error)
                    if matches!(error.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) =>
                {
                    Err(GitError::NoCommits)
                }
                Err(error) => Err(corrupt(&error)),
            },
        }
    }

    /// The last commit on HEAD's first-parent line whose committer date (in the committer's
    /// time zone) is on or before `date`; `None` when every commit on the line is later.
    /// Refuses a shallow clone, whose line stops short.
    pub fn first_parent_at(&self, date: chrono::NaiveDate) -> Result<Option<Commit>, GitError> {
        if self.is_shallow() {
            return Err(GitError::Shallow);
        }
        let mut at = Some(self.tip_commit(None)?);
        while let Some(commit) = at {
            let converted = convert(&commit);
            if converted.date() <= date {
                return Ok(Some(converted));
            }
            at = match commit.parent(0) {
                Ok(parent) => Some(parent),
                Err(error) if error.code() == ErrorCode::NotFound => None,
                Err(error) => return Err(corrupt(&error)),
            };
        }
        Ok(None)
    }

    /// The commit a revision names.
    pub fn resolve(&self, rev: &str) -> Result<Commit, GitError> {
        self.tip_commit(Some(rev)).map(|commit| convert(&commit))
    }

    /// The first commit on HEAD's first-parent line (the repository's first commit).
    pub fn first_commit(&self) -> Result<Commit, GitError> {
        let mut commit = self.tip_commit(None)?;
        loop {
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(error) if error.code() == ErrorCode::NotFound => return Ok(convert(&commit)),
                Err(error) => return Err(corrupt(&error)),
            }
        }
    }

    /// Runs `work` with a [`Differ`] of the commits in `commits` that reads through the
    /// pack handles `packs` says and keeps the files `keep` accepts: one set of handles and
    /// one cache of trees for every run of commits `work` diffs.
    pub fn with_differ<T>(
        &self,
        commits: &Commits,
        packs: Packs,
        keep: &dyn Fn(&str) -> bool,
        work: impl FnOnce(&mut Differ<'_, '_>) -> Result<T, GitError>,
    ) -> Result<T, GitError> {
        let odb = self.objects(packs)?;
        let mut differ = Differ {
            commits,
            trees: Trees::new(&odb, &self.large_trees),
            keep,
        };
        work(&mut differ)
    }

    /// The repository's object database, through the pack handles `packs` says.
    fn objects(&self, packs: Packs) -> Result<git2::Odb<'_>, GitError> {
        match packs {
            Packs::Shared => self.repo.odb().map_err(|error| corrupt(&error)),
            Packs::Own => {
                let objects = self.repo.commondir().join("objects").join(".");
                // libgit2 takes the path as UTF-8; elsewhere the shared handles still work.
                let Some(objects) = objects.to_str() else {
                    return self.objects(Packs::Shared);
                };
                let odb = git2::Odb::new().map_err(|error| corrupt(&error))?;
                odb.add_disk_alternate(objects)
                    .map_err(|error| corrupt(&error))?;
                Ok(odb)
            }
        }
    }

    /// The object ID of the register's folder inside a commit's root tree, found by reading
    /// the raw trees along the prefix.
    fn subtree(&self, trees: &mut Trees<'_>, root: Oid) -> Result<Option<Oid>, GitError> {
        let mut current = root;
        let mut folder = String::new();
        for part in self.prefix.split('/').filter(|part| !part.is_empty()) {
            let object = trees.get(Some(current), &folder)?;
            folder.push_str(part);
            folder.push('/');
            let found = TreeEntries::new(object.as_ref().map_or(&[][..], |object| object.data()))
                .find(|item| item.kind == EntryKind::Tree && item.name == part.as_bytes())
                .and_then(|item| Oid::from_bytes(item.id).ok());
            match found {
                Some(id) => current = id,
                None => return Ok(None),
            }
        }
        Ok(Some(current))
    }

    /// The regular files and symbolic links of the register's folder at a revision that
    /// `keep` accepts, with paths relative to the register root; `None` when the folder does
    /// not exist there. Nothing is read but the folders: each file's blob is read on demand,
    /// through [`Repo::blobs`].
    pub fn files_at(
        &self,
        rev: &str,
        keep: &dyn Fn(&str) -> bool,
    ) -> Result<Option<Vec<TreeFile>>, GitError> {
        let commit = self.tip_commit(Some(rev))?;
        let odb = self.objects(Packs::Shared)?;
        let mut trees = Trees::new(&odb, &self.large_trees);
        let Some(subtree) = self.subtree(&mut trees, commit.tree_id())? else {
            return Ok(None);
        };
        walk::list_files(&mut trees, subtree, keep, &format!("`{rev}`")).map(Some)
    }

    /// The regular file or symbolic link `name` directly in the register's folder at a
    /// revision; `None` when the folder or the file does not exist there. Only the folder's
    /// own tree is read, not the folders below it.
    pub fn file_at(&self, rev: &str, name: &str) -> Result<Option<TreeFile>, GitError> {
        let commit = self.tip_commit(Some(rev))?;
        let odb = self.objects(Packs::Shared)?;
        let mut trees = Trees::new(&odb, &self.large_trees);
        let Some(subtree) = self.subtree(&mut trees, commit.tree_id())? else {
            return Ok(None);
        };
        let folder = trees.get(Some(subtree), "")?;
        let data = folder.as_ref().map_or(&[][..], |folder| folder.data());
        Ok(TreeEntries::new(data)
            .find(|item| {
                item.name == name.as_bytes()
                    && matches!(item.kind, EntryKind::File | EntryKind::Link)
            })
            .and_then(|item| {
                Some(TreeFile {
                    path: name.to_owned(),
                    blob: BlobId(<[u8; 20]>::try_from(item.id).ok()?),
                    link: item.kind == EntryKind::Link,
                })
            }))
    }

    /// A reader of blobs, through the pack handles `packs` says.
    pub fn blobs(&self, packs: Packs) -> Result<Blobs<'_>, GitError> {
        Ok(Blobs {
            odb: self.objects(packs)?,
        })
    }

    /// Paths (relative to the register root) of files `keep` accepts that differ from HEAD
    /// in the work tree or index, untracked ones included.
    pub fn dirty_paths(&self, keep: &dyn Fn(&str) -> bool) -> Result<Vec<String>, GitError> {
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
                    .filter(|relative| keep(relative))
                    .map(str::to_owned)
            })
            .collect();
        paths.sort();
        Ok(paths)
    }
}

/// Diffs runs of a repository's commits against their parents, through one set of pack
/// handles and one cache of trees ([`Repo::with_differ`]).
pub struct Differ<'a, 'odb> {
    commits: &'a Commits,
    trees: Trees<'odb>,
    keep: &'a dyn Fn(&str) -> bool,
}

impl Differ<'_, '_> {
    /// The commits at positions `run` of the commits' order that changed a file the differ
    /// keeps, oldest first, with their changes against their parent's register folder.
    /// Merge commits are not diffed. Folders with the same object ID on both sides are
    /// skipped unread, so the cost grows with the changes, not the register's size.
    pub fn diff(&mut self, run: std::ops::Range<usize>) -> Result<Vec<ChangedCommit>, GitError> {
        let commits = self.commits;
        let mut changed = Vec::new();
        let order = commits.order.get(run).unwrap_or_default();
        for chunk in order.chunks(DIFF_CHUNK) {
            // Newest first, the way a pack's delta chains run (see DIFF_CHUNK).
            let (indexes, pairs): (Vec<usize>, Vec<_>) = chunk
                .iter()
                .rev()
                .filter_map(|&index| Some((index, commits.folders(index)?)))
                .unzip();
            let at =
                |pair: usize| format!("commit {}", commits.nodes[indexes[pair]].commit.short_id());
            let Ok(diffs) = diff::diff_pairs(&mut self.trees, &pairs, self.keep, &at) else {
                // Again commit by commit, oldest first, so that the error is the first one a
                // walk in order meets.
                for &index in chunk {
                    changed.extend(self.diff_commit(index)?);
                }
                continue;
            };
            for (&index, changes) in indexes.iter().zip(diffs).rev() {
                if !changes.is_empty() {
                    changed.push(ChangedCommit {
                        commit: Arc::clone(&commits.nodes[index].commit),
                        changes,
                    });
                }
            }
        }
        Ok(changed)
    }

    /// The document changes of the commit at `index` of the commits against its parent, if
    /// it has any (`None` for merge commits, which are not diffed).
    fn diff_commit(&mut self, index: usize) -> Result<Option<ChangedCommit>, GitError> {
        let commits = self.commits;
        let Some((parent_subtree, subtree)) = commits.folders(index) else {
            return Ok(None);
        };
        let at = |_| format!("commit {}", commits.nodes[index].commit.short_id());
        let changes = diff::diff_pairs(
            &mut self.trees,
            &[(parent_subtree, subtree)],
            self.keep,
            &at,
        )?
        .pop()
        .unwrap_or_default();
        Ok((!changes.is_empty()).then(|| ChangedCommit {
            commit: Arc::clone(&commits.nodes[index].commit),
            changes,
        }))
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
