use std::io::Write;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Args, ValueEnum};
use serde_json::{Map, json};

use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, emit};
use crate::load::{self, Register};
use crate::model::Kind;
use crate::scaffold::{self, IdAllocator};
use crate::suggest;

/// Arguments of `riskreg new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to write: risk, mitigation or review.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its title.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// Its owner (a review's chair): an owners[].id of riskreg.yaml.
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// A risk it treats (a mitigation: at least one) or covers (a review: default all);
    /// repeat for several.
    #[arg(long = "risk", value_name = "ID")]
    pub risks: Vec<String>,
    /// The date it is identified, planned or held, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The kinds `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    /// A risk.
    Risk,
    /// A mitigation action.
    Mitigation,
    /// A review record.
    Review,
}

/// Checks the `--owner` and `--risk` values against the register.
fn check_references(register: &Register, args: &NewArgs) -> Result<(), Failure> {
    if let Some(owner) = &args.owner {
        let ids: Vec<&str> = register
            .config
            .owners
            .iter()
            .map(|owner| owner.id.as_str())
            .collect();
        if !ids.contains(&owner.as_str()) {
            let hint = suggest::did_you_mean(owner, ids.iter().copied())
                .unwrap_or_else(|| format!("the owners are: {}", ids.join(", ")));
            return Err(Failure::Message(format!(
                "`{owner}` is no owner in riskreg.yaml; {hint}"
            )));
        }
    }
    let risks: Vec<&str> = register
        .documents
        .iter()
        .filter(|document| document.kind == Some(Kind::Risk))
        .filter_map(|document| document.id.as_deref())
        .collect();
    for risk in &args.risks {
        if !risks.contains(&risk.as_str()) {
            let hint = suggest::did_you_mean(risk, risks.iter().copied()).unwrap_or_default();
            return Err(Failure::Message(
                format!("no risk has the ID `{risk}` {hint}")
                    .trim_end()
                    .to_owned(),
            ));
        }
    }
    Ok(())
}

/// The next free ID: `R-`/`M-` numbers, or `REV-YEAR-Qn` for the quarter of the date.
fn next_id(register: &Register, kind: Kind, date: NaiveDate) -> String {
    let taken: Vec<&str> = register
        .documents
        .iter()
        .filter_map(|document| document.id.as_deref())
        .collect();
    if kind != Kind::Review {
        return IdAllocator::new(scaffold::id_prefix(kind), taken.iter().copied()).next_id();
    }
    let base = format!("REV-{}-Q{}", date.year(), date.month0() / 3 + 1);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Writes a new document and prints its path.
pub fn run(args: &NewArgs, out: &mut dyn Write) -> CommandResult {
    let date = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let kind = match args.kind {
        NewKind::Risk => Kind::Risk,
        NewKind::Mitigation => Kind::Mitigation,
        NewKind::Review => Kind::Review,
    };
    if args.title.trim().is_empty() {
        return Err(Failure::Message("--title needs some text".to_owned()));
    }
    if kind == Kind::Mitigation && args.risks.is_empty() {
        return Err(Failure::Message(
            "a mitigation treats at least one risk: add --risk ID".to_owned(),
        ));
    }
    let loaded = load::load(&args.limits.load_options(args.root.clone(), None))
        .map_err(|error| Failure::Message(error.to_string()))?;
    let register = loaded.register;
    check_references(&register, args)?;
    let id = next_id(&register, kind, date);
    let mut fields = Map::new();
    fields.insert("id".to_owned(), json!(id));
    fields.insert("title".to_owned(), json!(args.title.trim()));
    let owner = args.owner.as_ref().map(|owner| json!(owner));
    let (to_fill, owner_key) = match kind {
        Kind::Risk => {
            fields.insert("identified".to_owned(), json!(date.to_string()));
            (
                "# To fill in, then uncomment:\n# description: what could go wrong, and how\n# inherent: {impact: 1..5, likelihood: 1..5}\n# treatment:\n#   decision: mitigate      # mitigate | accept | transfer | avoid\n",
                "owner",
            )
        }
        Kind::Mitigation => {
            fields.insert("risks".to_owned(), json!(args.risks));
            fields.insert("status".to_owned(), json!("planned"));
            (
                "# To fill in, then uncomment:\n# due: YYYY-MM-DD\n",
                "owner",
            )
        }
        Kind::Review => {
            fields.insert("date".to_owned(), json!(date.to_string()));
            if let Some(owner) = &owner {
                fields.insert("attendees".to_owned(), json!([owner]));
            }
            let scope = if args.risks.is_empty() {
                json!("all")
            } else {
                json!(args.risks)
            };
            fields.insert("risks".to_owned(), scope);
            ("# notes: |\n#   What was discussed and decided.\n", "chair")
        }
    };
    if let Some(owner) = owner {
        fields.insert(owner_key.to_owned(), owner);
    }
    let (folder, comment) = scaffold::placement(kind, &register.documents);
    let mut text = scaffold::document_text(kind, Some(&comment), &fields);
    text.push_str(to_fill);
    let name = scaffold::file_name(&id, &args.title);
    let path = register.root.join(&folder).join(&name);
    if let Some(link) = load::link_within(&register.root, &format!("{folder}/{name}")) {
        return Err(Failure::Message(format!(
            "cannot write {}: {} is a symbolic link, and riskreg does not write through links",
            path.display(),
            link.display()
        )));
    }
    std::fs::create_dir_all(register.root.join(&folder))
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
        })
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|error| Failure::Message(format!("cannot write {}: {error}", path.display())))?;
    emit(out, &super::plain(&format!("{}\n", path.display())))?;
    Ok(EXIT_CLEAN)
}
