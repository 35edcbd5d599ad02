//! What `riskreg due --format json` writes: per owner, what needs them by when. These
//! types are the source of `schema/due.schema.json`.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// Everything due within the window, per owner.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DueList {
    /// The output format's version; always 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// The date the items are judged on (YYYY-MM-DD).
    pub as_of: NaiveDate,
    /// How many days ahead of as-of an item counts as due.
    pub within_days: u32,
    /// The owners with something due, by owner ID; owners with nothing due are left out.
    pub owners: Vec<OwnerDue>,
}

/// One owner and what needs them, most urgent first.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OwnerDue {
    /// The owner ID the documents name.
    pub id: String,
    /// Their name from riskreg.yaml; null when unset or not an owner there.
    pub name: Option<String>,
    /// Their email from riskreg.yaml; null when unset or not an owner there.
    pub email: Option<String>,
    /// Their GitHub username from riskreg.yaml; null when unset.
    pub github: Option<String>,
    /// Their GitLab username from riskreg.yaml; null when unset.
    pub gitlab: Option<String>,
    /// What needs them, earliest date first.
    #[schemars(length(min = 1))]
    pub items: Vec<DueItem>,
}

/// One thing that needs an owner.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DueItem {
    /// What kind of item it is.
    pub kind: DueKind,
    /// The ID of the document it is about; null for a first review, which no document
    /// records yet.
    pub document: Option<String>,
    /// The document's title, or what to do.
    pub title: String,
    /// The date it is (or was) due by.
    pub date: NaiveDate,
    /// `date` minus as-of: negative when it is past.
    pub days: i64,
    /// The file, relative to the register's root, with `/`.
    pub path: String,
    /// What else to know: the action's status, when a stale action last changed, the last
    /// review.
    pub note: String,
}

/// The kinds of item, in the words of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// An open action past its due date.
    Overdue,
    /// An open action due within the window.
    Due,
    /// An acceptance past its expiry, on a risk the owner owns.
    AcceptanceExpired,
    /// An acceptance that expires within the window, on a risk the owner owns.
    AcceptanceExpiring,
    /// An open action no commit has changed within a review cycle (from git).
    Stale,
    /// The next periodic review, due within the window (or past due).
    ReviewDue,
}
