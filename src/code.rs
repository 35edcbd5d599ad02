//! Every finding code riskreg emits, in one table: the rules' codes and the two the loader
//! emits itself (`yaml-syntax`, `schema`). A code is part of the contract (configs turn rules
//! off by it, CI baselines match on it), so it is defined once, here, below everything that
//! reports one.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Shown; fails the check only with `--deny-warnings`.
    Warning,
}

impl Severity {
    /// The lowercase name used in output and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Declares [`Code`] from one table of variant, kebab-case name and default severity.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)+) => {
        /// A finding code: which rule (or which check of the loader) reported a finding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )+
        }

        impl Code {
            /// Every code, in alphabetical order of name.
            pub const ALL: &[Code] = &[$(Code::$variant),+];

            /// The stable kebab-case name (`untreated-risk`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// The severity unless `rules:` in the config says otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }
        }
    };
}

codes! {
    AcceptanceExceedsAppetite = "acceptance-exceeds-appetite", Error;
    AcceptanceExpired = "acceptance-expired", Error;
    AcceptanceOutdated = "acceptance-outdated", Error;
    ApproverNotAuthorized = "approver-not-authorized", Error;
    BackdatedEntry = "backdated-entry", Warning;
    BlockedWithoutReason = "blocked-without-reason", Warning;
    CompletionUndated = "completion-undated", Error;
    CompletionWithoutEvidence = "completion-without-evidence", Warning;
    DueBeyondTarget = "due-beyond-target", Warning;
    DuePostponed = "due-postponed", Warning;
    DuplicateId = "duplicate-id", Error;
    FutureDate = "future-date", Error;
    HiddenText = "hidden-text", Warning;
    IdFilenameMismatch = "id-filename-mismatch", Warning;
    MissingDueDate = "missing-due-date", Error;
    MissingOwner = "missing-owner", Error;
    MitigationMissing = "mitigation-missing", Error;
    Overdue = "overdue", Warning;
    ResidualNotReassessed = "residual-not-reassessed", Warning;
    ReviewOverdue = "review-overdue", Error;
    Schema = "schema", Error;
    SelfApproval = "self-approval", Warning;
    StaleStatus = "stale-status", Warning;
    TreatmentUnjustified = "treatment-unjustified", Error;
    UnknownCriterion = "unknown-criterion", Warning;
    UnknownReference = "unknown-reference", Error;
    UntreatedRisk = "untreated-risk", Error;
    VagueAction = "vague-action", Warning;
    YamlSyntax = "yaml-syntax", Error;
}

impl Code {
    /// The code with this name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_sorted_and_kebab_case() {
        let names: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            names, sorted,
            "codes must be unique and in alphabetical order"
        );
        for name in names {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "`{name}` is not kebab-case"
            );
            assert_eq!(Code::from_name(name).map(Code::as_str), Some(name));
        }
    }
}
