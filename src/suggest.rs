//! "Did you mean" suggestions for misspelt names, for values given by meaning (`done` for
//! `completed`), and for people named by name or email where an ID is wanted.

use std::collections::HashMap;

/// The candidate closest to `word`, if one is close enough to be a likely typo; on a tie,
/// the first in alphabetical order, so the hint does not depend on iteration order.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// A help line suggesting the closest candidate, if any.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|candidate| format!("did you mean `{candidate}`?"))
}

/// Words people write for an allowed value, by the value: a status, a treatment decision
/// or a severity.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "completed",
        &[
            "done",
            "complete",
            "finished",
            "closed",
            "resolved",
            "implemented",
            "fixed",
            "delivered",
        ],
    ),
    (
        "in-progress",
        &[
            "wip",
            "inprogress",
            "started",
            "ongoing",
            "doing",
            "active",
            "underway",
            "progress",
            "open",
        ],
    ),
    (
        "blocked",
        &[
            "on-hold", "onhold", "hold", "stuck", "waiting", "paused", "stalled",
        ],
    ),
    (
        "planned",
        &[
            "todo",
            "to-do",
            "not-started",
            "new",
            "backlog",
            "pending",
            "proposed",
            "scheduled",
            "plan",
        ],
    ),
    (
        "cancelled",
        &[
            "canceled",
            "dropped",
            "abandoned",
            "wontfix",
            "won't-fix",
            "rejected",
            "withdrawn",
            "cancel",
        ],
    ),
    (
        "mitigate",
        &[
            "mitigated",
            "mitigation",
            "reduce",
            "remediate",
            "treat",
            "fix",
            "control",
        ],
    ),
    (
        "accept",
        &["accepted", "acceptance", "tolerate", "retain", "retained"],
    ),
    (
        "transfer",
        &[
            "transferred",
            "share",
            "shared",
            "insure",
            "insured",
            "insurance",
            "outsource",
        ],
    ),
    (
        "avoid",
        &["avoided", "avoidance", "eliminate", "terminate", "stop"],
    ),
    ("warning", &["warn"]),
    ("off", &["none", "disable", "disabled", "ignore", "false"]),
];

/// The allowed value `word` means, by the synonym table or by spelling (`In Progress`,
/// `in_progress`), when it is one of `options`; otherwise the closest by spelling.
pub fn meaning<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let normal: String = word
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    if let Some(option) = options.iter().find(|option| **option == normal) {
        return Some(option);
    }
    let meant = SYNONYMS
        .iter()
        .find(|(_, words)| words.contains(&normal.as_str()))
        .and_then(|(value, _)| options.iter().find(|option| *option == value));
    meant
        .copied()
        .or_else(|| closest(&normal, options.iter().copied()))
}

/// A help line suggesting the allowed value `word` means, if any.
pub fn did_you_mean_value(word: &str, options: &[&str]) -> Option<String> {
    meaning(word, options).map(|value| format!("did you mean `{value}`?"))
}

/// IDs by the other names people know them by (a person's name, email, email's local
/// part), compared without case: built once, looked up in constant time.
#[derive(Debug, Default)]
pub struct Aliases {
    /// Each alias, lowercased, with its ID and what the alias is.
    by_alias: HashMap<String, (String, &'static str)>,
}

impl Aliases {
    /// Records `alias` (what it is: "name", "email") for `id`; the first ID recorded for
    /// an alias keeps it.
    pub fn add(&mut self, alias: &str, what: &'static str, id: &str) {
        let alias = alias.trim().to_lowercase();
        if !alias.is_empty() {
            self.by_alias
                .entry(alias)
                .or_insert_with(|| (id.to_owned(), what));
        }
    }

    /// The ID `alias` names, and what the alias is to it.
    pub fn get(&self, alias: &str) -> Option<(&str, &'static str)> {
        self.by_alias
            .get(&alias.trim().to_lowercase())
            .map(|(id, what)| (id.as_str(), *what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let owners = ["alice", "bob", "carol"];
        assert_eq!(closest("alcie", owners), Some("alice"));
        assert_eq!(closest("zed", owners), None);
    }

    #[test]
    fn suggests_values_by_meaning() {
        let status = [
            "planned",
            "in-progress",
            "blocked",
            "completed",
            "cancelled",
        ];
        assert_eq!(meaning("done", &status), Some("completed"));
        assert_eq!(meaning("WIP", &status), Some("in-progress"));
        assert_eq!(meaning("In Progress", &status), Some("in-progress"));
        assert_eq!(meaning("on-hold", &status), Some("blocked"));
        assert_eq!(meaning("complet", &status), Some("completed"));
        assert_eq!(meaning("accept", &status), None);
    }

    #[test]
    fn finds_ids_by_alias() {
        let mut aliases = Aliases::default();
        aliases.add("Alice Chen", "name", "alice");
        assert_eq!(aliases.get(" alice chen"), Some(("alice", "name")));
        assert_eq!(aliases.get("bob"), None);
    }
}
