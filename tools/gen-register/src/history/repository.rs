//! The repository: a `git fast-import` of the planned history, repacked and checked out.

use std::fs;
use std::io::BufWriter;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::Args;
use crate::calendar::Ymd;
use crate::files::REPO_MARKER;
use crate::model::Register;

use super::Plan;
use super::commits::{Kind, Planned};
use super::fast_import::{MAIN_REF, write_stream};
use super::layout::Folders;

/// Writes a planned history into a new repository in `args.dir` and checks it out; returns a
/// one-line summary.
pub fn write_repository(args: &Args, reg: &Register, prefix: &str, plan: &Plan) -> Result<String> {
    let Plan {
        span,
        folders,
        ref commits,
        ..
    } = *plan;
    let dir = &args.dir;
    run_git(dir, &["init", "-q"])?;
    run_git(dir, &["symbolic-ref", "HEAD", MAIN_REF])?;
    let marker = dir.join(".git").join(REPO_MARKER);
    fs::write(&marker, "written by tools/gen-register\n")
        .with_context(|| format!("cannot write {}", marker.display()))?;
    let mut child = git(dir)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .spawn()
        .context("cannot run git fast-import; is git installed?")?;
    let written = match child.stdin.take() {
        Some(stdin) => {
            let out = BufWriter::with_capacity(1 << 20, stdin);
            write_stream(out, reg, plan, args, prefix)
        }
        None => Err(anyhow::anyhow!("cannot write to git fast-import")),
    };
    let status = child.wait().context("git fast-import did not finish")?;
    if !status.success() {
        bail!("git fast-import failed ({status})");
    }
    written?;
    // fast-import deltifies each object against the previous one it wrote for the same path,
    // in long chains from old to new; git's documentation recommends a full repack, which
    // stores the newest versions whole as any repository that went through `git gc` does.
    run_git(dir, &["repack", "-q", "-a", "-d", "-f"])?;
    run_git(dir, &["-c", "core.autocrlf=false", "reset", "-q", "--hard"])?;

    let merged = commits
        .iter()
        .filter(|c| matches!(c.kind, Kind::Merge(_)))
        .count();
    let when = |c: Option<&Planned>| Ymd(c.map_or(span.first, |c| c.day));
    Ok(format!(
        "committed {} commits ({} merges) from {} to {}{}",
        commits.len(),
        merged,
        when(commits.first()),
        when(commits.last()),
        match folders {
            Folders::Sharded => ", in folders by system and quarter until a commit near the end",
            Folders::Domain => ", in folders of about 1,000 documents by domain",
            Folders::Final => "",
        }
    ))
}

/// A `git` command run in `dir`, unaffected by the repository variables of a calling git.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    ] {
        command.env_remove(var);
    }
    command
}

/// Runs a `git` command in `dir`.
fn run_git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = git(dir)
        .args(args)
        .status()
        .with_context(|| format!("cannot run git {}; is git installed?", args.join(" ")))?;
    if !status.success() {
        bail!("git {} failed ({status})", args.join(" "));
    }
    Ok(())
}
