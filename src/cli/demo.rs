//! `riskreg demo [DIR]`: the Acme register as a git repository with a year of history,
//! checked, with its report, and the commands to try next.
//!
//! The commits are written in-process through the git layer (no `git` program needed), with
//! fixed authors and dates, so every run writes the same commit IDs.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser};

use super::{Cli, Command, CommandResult, EXIT_FAILURE, Failure, emit, plain};
use crate::demo::{self, AS_OF, MAIN};
use crate::git::{NewCommit, NewRepo, Stamp};

/// Arguments of `riskreg demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The folder to write the demo into; it must be new or empty.
    #[arg(default_value = "riskreg-demo")]
    pub dir: PathBuf,
}

/// Writes the demo register, checks it, writes its report and prints what to try next.
pub fn run(args: &DemoArgs, out: &mut dyn Write) -> CommandResult {
    let dir = &args.dir;
    prepare(dir)?;
    let plan = demo::plan();
    let repo = NewRepo::init(dir, MAIN).map_err(|error| failed(dir, &error))?;
    let mut ids: Vec<String> = Vec::with_capacity(plan.commits.len());
    for planned in &plan.commits {
        let parents: Vec<String> = planned
            .parents
            .iter()
            .map(|&index| ids[index].clone())
            .collect();
        let id = repo
            .commit(&NewCommit {
                files: &planned.files,
                parents: &parents,
                stamp: Stamp {
                    name: planned.author.name,
                    email: planned.author.email,
                    time: planned.time,
                    offset_minutes: 0,
                },
                message: &planned.message,
            })
            .map_err(|error| failed(dir, &error))?;
        ids.push(id);
    }
    for &(branch, tip) in &plan.branches {
        repo.set_branch(branch, &ids[tip])
            .map_err(|error| failed(dir, &error))?;
    }
    write_files(dir)?;
    repo.index_head().map_err(|error| failed(dir, &error))?;
    let authors: std::collections::BTreeSet<&str> = plan
        .commits
        .iter()
        .map(|commit| commit.author.name)
        .collect();
    let shown = plain(&dir.display().to_string());
    emit(
        out,
        &format!(
            "Wrote the Acme register to {shown}: a git repository of {} commits by {} people in 2026 (branch {MAIN}; branch {} merged into it).\n\nIts check (riskreg check --root {shown} --as-of {AS_OF}):\n",
            plan.commits.len(),
            authors.len(),
            demo::BRANCHED.1,
        ),
    )?;
    let code = run_as(&["check", "--root", &dir_arg(dir), "--as-of", AS_OF], out)?;
    let report = dir.join("report.html");
    run_as(
        &[
            "report",
            "--root",
            &dir_arg(dir),
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "-o",
            &report.to_string_lossy(),
        ],
        out,
    )?;
    let next = [
        (format!("riskreg check --as-of {AS_OF}"), "clean: exit 0"),
        (
            "riskreg history M-001".to_owned(),
            "who changed an action, and when",
        ),
        (
            format!("riskreg report --as-of {AS_OF} --format md"),
            "the report an auditor reads",
        ),
        (
            "riskreg check --at 2026-06-30".to_owned(),
            "the register as committed on June 30",
        ),
        (
            "riskreg diff @2026-06-30 @2026-09-30".to_owned(),
            "what the third quarter changed",
        ),
        (
            format!("riskreg trend --since 2026-01-01 --until {AS_OF} --every quarter"),
            "",
        ),
    ];
    let width = next
        .iter()
        .filter(|(_, comment)| !comment.is_empty())
        .map(|(command, _)| command.len())
        .max()
        .unwrap_or(0);
    let mut text = format!(
        "\nWrote {}, the treatment-plan report as of {AS_OF}. Next, try:\n\n  cd {shown}\n",
        plain(&report.display().to_string())
    );
    for (command, comment) in next {
        if comment.is_empty() {
            text.push_str(&format!("  {command}\n"));
        } else {
            text.push_str(&format!("  {command:width$}  # {comment}\n"));
        }
    }
    emit(out, &text)?;
    Ok(code)
}

/// The folder as a command-line argument.
fn dir_arg(dir: &Path) -> String {
    dir.to_string_lossy().into_owned()
}

/// Runs another subcommand as if typed (`riskreg check DIR --as-of ...`).
fn run_as(words: &[&str], out: &mut dyn Write) -> CommandResult {
    let words = std::iter::once(OsString::from("riskreg")).chain(words.iter().map(OsString::from));
    let cli = Cli::try_parse_from(words).map_err(|error| Failure::Message(error.to_string()))?;
    match cli.command {
        Command::Check(args) => super::check::run(&args, out),
        Command::Report(args) => super::report::run(&args, out),
        _ => Ok(EXIT_FAILURE),
    }
}

/// Makes sure `dir` is a new or empty folder that is not a link (nor, for a relative path,
/// below one), creating it when it does not exist.
fn prepare(dir: &Path) -> Result<(), Failure> {
    let shown = plain(&dir.display().to_string());
    if dir.is_relative() {
        if let Some(link) = crate::load::link_within(Path::new("."), &dir.to_string_lossy()) {
            return Err(Failure::Message(format!(
                "cannot write the demo into {shown}: {} is a symbolic link, and riskreg does not write through links",
                plain(&link.display().to_string())
            )));
        }
    } else if fs::symlink_metadata(dir).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Err(Failure::Message(format!(
            "cannot write the demo into {shown}: it is a symbolic link, and riskreg does not write through links"
        )));
    }
    match fs::symlink_metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(Failure::Message(format!(
            "cannot write the demo into {shown}: it is a file; name a new or empty folder"
        ))),
        Ok(_) => {
            let mut entries = fs::read_dir(dir)
                .map_err(|error| Failure::Message(format!("cannot read {shown}: {error}")))?;
            if entries.next().is_some() {
                return Err(Failure::Message(format!(
                    "{shown} is not empty; riskreg demo writes only into a new or empty folder (try `riskreg demo riskreg-demo-2`)"
                )));
            }
            Ok(())
        }
        Err(_) => fs::create_dir_all(dir).map_err(|error| {
            Failure::Message(format!("cannot create the folder {shown}: {error}"))
        }),
    }
}

/// Writes the register's files into the new work tree: every folder created here, every
/// file created new (never replacing or following anything).
fn write_files(dir: &Path) -> Result<(), Failure> {
    for (path, text) in demo::FILES {
        let target = dir.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent()
                && !parent.exists()
            {
                fs::create_dir(parent)?;
            }
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)?
                .write_all(text.as_bytes())
        };
        write().map_err(|error| {
            Failure::Message(format!(
                "cannot write {}: {error}",
                plain(&target.display().to_string())
            ))
        })?;
    }
    Ok(())
}

/// The error for a repository that could not be written.
fn failed(dir: &Path, error: &crate::git::GitError) -> Failure {
    Failure::Message(format!(
        "cannot write the demo's git repository in {}: {error}",
        plain(&dir.display().to_string())
    ))
}
