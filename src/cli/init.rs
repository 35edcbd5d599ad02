use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CommandResult, EXIT_CLEAN, EXIT_FAILURE, Failure, emit};
use crate::atomic::{self, Mode};
use crate::load::schema::SchemaName;
use crate::scaffold::{self, Ci};

/// Arguments of `riskreg init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make a register in (created if missing) [default: the current folder].
    pub dir: Option<PathBuf>,
    /// Also write the CI recipes, at the top of the git repository that holds DIR (or in DIR
    /// outside git): .github/workflows/risk-register.yml and risk-reminders.yml, or
    /// .gitlab-ci.yml.
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub ci: Option<CiService>,
}

/// The CI services `--ci` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiService {
    /// GitHub Actions.
    Github,
    /// GitLab CI.
    Gitlab,
}

/// The folders of a new register, each kept in git by an empty `.gitkeep`.
const FOLDERS: [&str; 3] = ["risks", "mitigations", "reviews"];

/// The top of the git repository holding `dir` and the register's folder in it (`.` at
/// the top); `dir` itself and `.` outside git.
fn repository_top(dir: &Path) -> (PathBuf, String) {
    let prefix = crate::git::repo_prefix(dir);
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        return (dir.to_path_buf(), ".".to_owned());
    }
    let depth = prefix.split('/').count();
    // `.` has no ancestors to climb: climb the folder's absolute path.
    let absolute = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let top = absolute
        .ancestors()
        .nth(depth)
        .map_or_else(|| absolute.clone(), Path::to_path_buf);
    (top, prefix.to_owned())
}

/// Writes a starting register; never overwrites a file.
pub fn run(args: &InitArgs, out: &mut dyn Write) -> CommandResult {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir)
        .map_err(|error| Failure::Message(format!("cannot create {}: {error}", dir.display())))?;
    // Each file as (the folder it is written under, its path there, its contents).
    let mut files: Vec<(PathBuf, String, String)> = vec![(
        dir.clone(),
        "riskreg.yaml".to_owned(),
        scaffold::CONFIG.to_owned(),
    )];
    for folder in FOLDERS {
        if !dir.join(folder).exists() {
            files.push((dir.clone(), format!("{folder}/.gitkeep"), String::new()));
        }
    }
    for schema in SchemaName::ALL
        .into_iter()
        .filter(|schema| schema.is_input())
    {
        files.push((
            dir.clone(),
            format!("schemas/{}", schema.file_name()),
            schema.embedded().to_owned(),
        ));
    }
    if let Some(service) = args.ci {
        let ci = match service {
            CiService::Github => Ci::Github,
            CiService::Gitlab => Ci::Gitlab,
        };
        let (top, register) = repository_top(&dir);
        for (path, recipe) in ci.recipes(&register) {
            files.push((top.clone(), path.to_owned(), recipe));
        }
    }
    for (base, relative, _) in &files {
        let path = base.join(relative);
        if let Some(link) = crate::load::link_within(base, relative) {
            super::error(&format!(
                "cannot write {}: {} is a symbolic link, and riskreg does not write through links (nothing was written)",
                path.display(),
                link.display()
            ));
            return Ok(EXIT_FAILURE);
        }
        if path.symlink_metadata().is_ok() {
            super::error(&format!(
                "{} already exists; `riskreg init` never overwrites a file (nothing was written)",
                path.display()
            ));
            return Ok(EXIT_FAILURE);
        }
    }
    let mut text = String::new();
    for (base, relative, contents) in &files {
        let path = base.join(relative);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| atomic::write(&path, contents.as_bytes(), Mode::Create));
        written.map_err(|error| {
            Failure::Message(format!("cannot write {}: {error}", path.display()))
        })?;
        text.push_str(&format!("  wrote {}\n", path.display()));
    }
    text.push_str(&format!(
        "A register is ready in {0}. Next: set `organization` and `owners` in {1}, then\n  riskreg new risk --title \"...\" --root {0}\nor bring a spreadsheet in with\n  riskreg import FILE --into {0}\n",
        dir.display(),
        dir.join("riskreg.yaml").display()
    ));
    if args.ci.is_some() {
        text.push_str("In the CI recipes, replace YOUR-ORG in RISKREG_GIT with where riskreg is installed from.\n");
    }
    emit(out, &super::plain(&text))?;
    Ok(EXIT_CLEAN)
}
