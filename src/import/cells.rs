//! One cell read as a riskreg value: IDs, dates, ratings (numbers or scale labels),
//! decisions, statuses, owners (IDs, names or emails) and lists (several values in a cell).

use chrono::NaiveDate;

use crate::model::{Config, Decision, Status};
use crate::sheet::Cell;

/// Why a cell cannot be read: the message and a hint.
pub type Refusal = (String, String);

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    (message.into(), hint.into())
}

/// A register ID: a letter, then letters, digits, `.`, `_` or `-`.
pub fn id(text: &str) -> Result<String, Refusal> {
    let mut chars = text.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid {
        Ok(text.to_owned())
    } else {
        Err(refuse(
            "is not an ID",
            "IDs start with a letter and hold letters, digits, `.`, `_` and `-` (R-001); leave the ID column out of the map to have riskreg number them",
        ))
    }
}

/// A date: a date cell, or `YYYY-MM-DD` text (a time after it is ignored).
pub fn date(cell: &Cell, text: &str) -> Result<String, Refusal> {
    if let Cell::Date(date) = cell {
        return Ok(date.to_string());
    }
    let hint = "write dates as YYYY-MM-DD, or make the cell a date cell";
    if matches!(cell, Cell::Number(_)) {
        return Err(refuse("is a number, not a date", hint));
    }
    let day = text.get(..10).unwrap_or(text);
    let rest = text.get(10..).unwrap_or("");
    let time_only = rest.is_empty() || rest.starts_with(['T', ' ']);
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(date) if time_only && day.len() == 10 => Ok(date.to_string()),
        _ => Err(refuse("is not a date", hint)),
    }
}

/// One side of a rating: a number from 1 to the scale's size, or one of its labels
/// (ignoring case).
pub fn rating_part(cell: &Cell, text: &str, labels: &[String], what: &str) -> Result<u32, Refusal> {
    let size = labels.len() as u32;
    let number = match cell {
        Cell::Number(number) if number.fract() == 0.0 => Some(*number as i64),
        _ => text.trim().parse::<i64>().ok(),
    };
    let from_label = labels
        .iter()
        .position(|label| label.eq_ignore_ascii_case(text.trim()))
        .map(|at| at as u32 + 1);
    let hint = || {
        format!(
            "use 1 to {size} or one of {} (the config's scale.{what}); map other words under `values:`",
            labels.join(", ")
        )
    };
    match (number, from_label) {
        (_, Some(value)) => Ok(value),
        (Some(number), None) if (1..=i64::from(size)).contains(&number) => Ok(number as u32),
        (Some(_), None) => Err(refuse(format!("is outside the {what} scale"), hint())),
        (None, None) => {
            let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            Err(refuse(
                format!("is not {article} {what} of the scale"),
                hint(),
            ))
        }
    }
}

/// A whole rating as riskreg's export writes it: `IMPACTxLIKELIHOOD` (`4x2`).
pub fn rating(text: &str, config: &Config) -> Result<(u32, u32), Refusal> {
    let hint = "write impact x likelihood as numbers, e.g. 4x2";
    let Some((impact, likelihood)) = text.trim().split_once(['x', 'X', '×']) else {
        return Err(refuse("is not a rating", hint));
    };
    let parse = |part: &str, size: usize| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|value| (1..=size as u32).contains(value))
    };
    match (
        parse(impact, config.scale.impact.len()),
        parse(likelihood, config.scale.likelihood.len()),
    ) {
        (Some(impact), Some(likelihood)) => Ok((impact, likelihood)),
        _ => Err(refuse("is not a rating on the config's scales", hint)),
    }
}

/// A treatment decision; `open` is none.
pub fn decision(text: &str) -> Result<Option<Decision>, Refusal> {
    let word = text.trim().to_lowercase();
    if word == "open" || word.is_empty() {
        return Ok(None);
    }
    Decision::ALL
        .into_iter()
        .find(|decision| decision.as_str() == word)
        .map(Some)
        .ok_or_else(|| {
            refuse(
                "is not a treatment decision",
                "use mitigate, accept, transfer or avoid, or map the word under `values: {treatment.decision: {WORD: mitigate}}`",
            )
        })
}

/// A mitigation status (`in progress` and `canceled` read as riskreg writes them).
pub fn status(text: &str) -> Result<Status, Refusal> {
    let word = text.trim().to_lowercase().replace([' ', '_'], "-");
    let word = if word == "canceled" {
        "cancelled".to_owned()
    } else {
        word
    };
    Status::ALL
        .into_iter()
        .find(|status| status.as_str() == word)
        .ok_or_else(|| {
            refuse(
                "is not a status",
                "use planned, in-progress, blocked, completed or cancelled, or map the word under `values: {action.status: {WORD: planned}}`",
            )
        })
}

/// An owner of the config: by ID, or by name or email (ignoring case).
pub fn owner(text: &str, config: &Config) -> Result<String, Refusal> {
    let text = text.trim();
    let found = config
        .owners
        .iter()
        .find(|owner| owner.id == text)
        .or_else(|| {
            config.owners.iter().find(|owner| {
                owner
                    .name
                    .as_deref()
                    .is_some_and(|name| name.eq_ignore_ascii_case(text))
                    || owner
                        .email
                        .as_deref()
                        .is_some_and(|email| email.eq_ignore_ascii_case(text))
            })
        });
    match found {
        Some(owner) => Ok(owner.id.clone()),
        None => {
            let ids: Vec<&str> = config
                .owners
                .iter()
                .map(|owner| owner.id.as_str())
                .collect();
            let hint = if ids.is_empty() {
                "add the owners to `owners:` in riskreg.yaml (id, name, email)".to_owned()
            } else {
                format!(
                    "add them to `owners:` in riskreg.yaml, or use an ID, name or email of one: {}",
                    ids.join(", ")
                )
            };
            Err(refuse("is no owner in riskreg.yaml", hint))
        }
    }
}

/// Several values in one cell: split on new lines when there are any, else on `|`, else
/// `;`, else `,`.
pub fn list(text: &str) -> Vec<String> {
    let separator = ['\n', '|', ';', ',']
        .into_iter()
        .find(|separator| text.contains(*separator));
    let parts: Vec<&str> = match separator {
        Some(separator) => text.split(separator).collect(),
        None => vec![text],
    };
    parts
        .into_iter()
        .map(|part| part.trim().trim_end_matches('\r').trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect()
}

/// The lines of a cell, trimmed, without empty ones.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        serde_json::from_value(serde_json::json!({
            "version": 1, "organization": "X",
            "owners": [{"id": "alice", "name": "Alice Chen", "email": "alice@x.example"}]
        }))
        .expect("config")
    }

    #[test]
    fn ratings_as_numbers_or_labels() {
        let labels = config().scale.likelihood;
        let text = |text: &str| Cell::Text(text.to_owned());
        assert_eq!(
            rating_part(&text("likely"), "likely", &labels, "likelihood"),
            Ok(4)
        );
        assert_eq!(
            rating_part(&Cell::Number(2.0), "2", &labels, "likelihood"),
            Ok(2)
        );
        assert!(rating_part(&text("High-ish"), "High-ish", &labels, "likelihood").is_err());
        assert!(rating_part(&text("6"), "6", &labels, "likelihood").is_err());
        assert_eq!(rating("4x2", &config()), Ok((4, 2)));
        assert!(rating("4x9", &config()).is_err());
    }

    #[test]
    fn dates_owners_words_and_lists() {
        let text = |text: &str| Cell::Text(text.to_owned());
        assert_eq!(
            date(&text("2026-03-31"), "2026-03-31"),
            Ok("2026-03-31".to_owned())
        );
        assert_eq!(
            date(&text("2026-03-31 00:00:00"), "2026-03-31 00:00:00"),
            Ok("2026-03-31".to_owned())
        );
        assert!(date(&text("31/02/2026"), "31/02/2026").is_err());
        assert!(date(&text("2026-02-31"), "2026-02-31").is_err());
        assert_eq!(owner("ALICE@x.example", &config()), Ok("alice".to_owned()));
        assert_eq!(owner("alice chen", &config()), Ok("alice".to_owned()));
        assert!(owner("bob", &config()).is_err());
        assert_eq!(decision("Accept"), Ok(Some(Decision::Accept)));
        assert_eq!(decision("open"), Ok(None));
        assert!(decision("Reduce").is_err());
        assert_eq!(status("In Progress"), Ok(Status::InProgress));
        assert_eq!(list("CC6.1, CC6.6"), ["CC6.1", "CC6.6"]);
        assert_eq!(list("a, b\nc; d"), ["a, b", "c; d"]);
        assert_eq!(list("a|b;c"), ["a", "b;c"]);
        assert!(id("12").is_err());
        assert_eq!(id("R-12"), Ok("R-12".to_owned()));
    }
}
