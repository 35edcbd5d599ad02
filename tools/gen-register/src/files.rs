//! The folders the generator writes into, and the register as plain files (a run without
//! `--commits`).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Component, Path};

use anyhow::{Context, Result, bail};

use crate::Args;
use crate::document::{
    MitigationState, ReviewState, RiskState, render_config, render_mitigation, render_review,
    render_risk,
};
use crate::model::Register;

/// Opens a file for buffered writing.
fn create(path: &Path) -> Result<BufWriter<File>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::new(file))
}

/// Flushes a finished file, naming it on failure.
fn finish(mut w: BufWriter<File>, path: &Path) -> Result<()> {
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Whether `dir` is a non-empty folder, whose contents a run replaces; refuses one unless
/// `force`.
fn must_replace(dir: &Path, force: bool) -> Result<bool> {
    if !dir.exists() {
        return Ok(false);
    }
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_none() {
        return Ok(false);
    }
    if !force {
        bail!(
            "{} is not empty; pass --force to replace the register in it",
            dir.display()
        );
    }
    Ok(true)
}

/// Makes sure `dir` can take a fresh register: refuses a non-empty folder unless `force`,
/// in which case the document folders of a previous run are removed.
pub fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    let subfolders = ["risks", "mitigations", "reviews"];
    if must_replace(dir, force)? {
        for sub in subfolders {
            let path = dir.join(sub);
            if path.exists() {
                fs::remove_dir_all(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
    }
    for sub in subfolders {
        let path = dir.join(sub);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    Ok(())
}

/// Writes the register's files into `root` (a run without `--commits`).
pub fn write_register(root: &Path, register: &Register, args: &Args) -> Result<()> {
    let path = root.join("riskreg.yaml");
    let mut w = create(&path)?;
    render_config(&mut w, args.seed, args.as_of)?;
    finish(w, &path)?;
    for risk in &register.risks {
        let name = format!("{}-{}.yaml", risk.id, risk.slug);
        let path = root.join("risks").join(name);
        let mut w = create(&path)?;
        render_risk(&mut w, risk, &RiskState::of(risk))?;
        finish(w, &path)?;
    }
    for m in &register.mitigations {
        let name = format!("{}-{}.yaml", m.id, m.slug);
        let path = root.join("mitigations").join(name);
        let mut w = create(&path)?;
        render_mitigation(&mut w, m, &MitigationState::of(m), &register.risks)?;
        finish(w, &path)?;
    }
    for review in &register.reviews {
        let path = root.join("reviews").join(format!("{}.yaml", review.id));
        let mut w = create(&path)?;
        render_review(&mut w, review, &ReviewState::of(), &register.risks)?;
        finish(w, &path)?;
    }
    Ok(())
}

/// The file in `.git` marking a repository this generator wrote, which `--force` may replace.
pub const REPO_MARKER: &str = "gen-register";

/// Makes sure `dir` can become a fresh repository holding the register in `root`: refuses a
/// non-empty folder unless `force`, and even then a repository the generator did not write.
pub fn prepare_repo(dir: &Path, root: &Path, force: bool) -> Result<()> {
    let git_dir = dir.join(".git");
    if must_replace(dir, force)? && git_dir.exists() {
        if !git_dir.join(REPO_MARKER).is_file() {
            bail!(
                "{} is a git repository gen-register did not write; refusing to replace it",
                dir.display()
            );
        }
        fs::remove_dir_all(&git_dir)
            .with_context(|| format!("cannot remove {}", git_dir.display()))?;
    }
    prepare_dir(root, true)
}

/// The repository path prefix of `--subdir` (`compliance/`), which must name a folder inside
/// DIR.
pub fn repo_prefix(subdir: &Path) -> Result<String> {
    let mut parts = Vec::new();
    for component in subdir.components() {
        match component {
            Component::Normal(part) => {
                let part = part
                    .to_str()
                    .filter(|part| {
                        *part != ".git"
                            && !part.contains(['"', '\\'])
                            && !part.chars().any(char::is_control)
                    })
                    .with_context(|| format!("unusable folder name in --subdir: {part:?}"))?;
                parts.push(part);
            }
            Component::CurDir => {}
            _ => bail!(
                "--subdir must be a relative path inside DIR, got {}",
                subdir.display()
            ),
        }
    }
    if parts.is_empty() {
        bail!("--subdir must name a folder inside DIR");
    }
    Ok(format!("{}/", parts.join("/")))
}
