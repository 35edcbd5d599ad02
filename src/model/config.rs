use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `riskreg.yaml`: the register's settings, owners and policy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Config {
    /// The config format version; always 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// The organization the register belongs to, shown in reports.
    #[schemars(length(min = 1))]
    pub organization: String,
    /// Labels of the impact and likelihood scales; their sizes set the scales (default 5 x 5).
    #[serde(default)]
    pub scale: Scale,
    /// Risk levels by score (impact x likelihood); a level starts at its `min`.
    #[serde(default = "Level::defaults")]
    #[schemars(length(min = 1))]
    pub levels: Vec<Level>,
    /// The risk appetite: what may be accepted, by whom, for how long.
    #[serde(default)]
    pub appetite: Option<Appetite>,
    /// Days from a risk's `identified` date to its mitigations' due date, at most, per
    /// inherent level name.
    #[serde(default)]
    pub treatment_target_days: BTreeMap<String, u32>,
    /// The review cadence and tolerances.
    #[serde(default)]
    pub review: ReviewPolicy,
    /// The people who own risks and actions, and who may approve acceptances.
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// Per-rule severity overrides (error, warning or off) and rule settings.
    #[serde(default)]
    pub rules: RuleSettings,
    /// Globs (relative to the register root) of files that are not documents.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Extra control frameworks whose IDs `criteria:` may use beside SOC 2.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    /// Safety limits for reading documents.
    #[serde(default)]
    pub limits: Limits,
}

/// The labels of the two rating scales.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Scale {
    /// Labels for impact 1..N.
    #[schemars(length(min = 2, max = 10))]
    pub impact: Vec<String>,
    /// Labels for likelihood 1..N.
    #[schemars(length(min = 2, max = 10))]
    pub likelihood: Vec<String>,
}

impl Default for Scale {
    fn default() -> Self {
        let labels = |names: [&str; 5]| names.map(String::from).to_vec();
        Scale {
            impact: labels(["Negligible", "Minor", "Moderate", "Major", "Severe"]),
            likelihood: labels(["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]),
        }
    }
}

/// A named risk level that starts at a minimum score.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Level {
    /// The level's name (low, medium, ...).
    #[schemars(length(min = 1))]
    pub name: String,
    /// The lowest score (impact x likelihood) of this level.
    #[schemars(range(min = 1))]
    pub min: u32,
}

impl Level {
    /// low 1, medium 5, high 10, critical 16: the levels when the config names none.
    pub fn defaults() -> Vec<Level> {
        [("low", 1), ("medium", 5), ("high", 10), ("critical", 16)]
            .into_iter()
            .map(|(name, min)| Level {
                name: name.to_owned(),
                min,
            })
            .collect()
    }
}

/// The risk appetite statement and the limits on acceptances.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Appetite {
    /// The appetite in words, as the board approved it.
    #[serde(default)]
    pub statement: Option<String>,
    /// The highest level that may be accepted without an exception approver.
    #[serde(default)]
    pub max_accepted_level: Option<String>,
    /// Owners who may approve accepting a risk above `max_accepted_level`.
    #[serde(default)]
    pub exception_approvers: Vec<String>,
    /// An acceptance must expire within this many days of its approval.
    #[serde(default)]
    pub acceptance_max_days: Option<u32>,
}

/// How often the register is reviewed and how late an entry may be recorded.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Days between reviews, at most (92: quarterly).
    #[serde(default = "ReviewPolicy::default_cadence_days")]
    #[schemars(range(min = 1))]
    pub cadence_days: u32,
    /// Days a stated date may precede the commit that records it.
    #[serde(default = "ReviewPolicy::default_backdate_tolerance_days")]
    pub backdate_tolerance_days: u32,
    /// How many times an open action's due date may be moved later before `due-postponed`
    /// reports it.
    #[serde(default = "ReviewPolicy::default_max_postponements")]
    #[schemars(range(min = 1))]
    pub max_postponements: u32,
}

impl ReviewPolicy {
    fn default_cadence_days() -> u32 {
        92
    }

    fn default_backdate_tolerance_days() -> u32 {
        14
    }

    fn default_max_postponements() -> u32 {
        2
    }
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        ReviewPolicy {
            cadence_days: Self::default_cadence_days(),
            backdate_tolerance_days: Self::default_backdate_tolerance_days(),
            max_postponements: Self::default_max_postponements(),
        }
    }
}

/// A person who owns risks or actions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Owner {
    /// The ID documents use in `owner:`, `approved_by:`, `chair:`.
    #[schemars(pattern(r"^[A-Za-z][A-Za-z0-9._-]*$"))]
    pub id: String,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email, matched against commit authors.
    #[serde(default)]
    pub email: Option<String>,
    /// Role or title.
    #[serde(default)]
    pub role: Option<String>,
    /// Whether this owner may approve risk acceptances.
    #[serde(default)]
    pub approver: bool,
    /// Their GitHub username, to assign their reminder issue to (`riskreg due`).
    #[serde(default)]
    #[schemars(pattern(r"^[A-Za-z0-9](-?[A-Za-z0-9])*$"), length(max = 39))]
    pub github: Option<String>,
    /// Their GitLab username, to assign their reminder issue to (`riskreg due`).
    #[serde(default)]
    #[schemars(
        pattern(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$"),
        length(max = 255)
    )]
    pub gitlab: Option<String>,
}

/// `rules:`: severity overrides by rule code, and the settings of rules that have some.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct RuleSettings {
    /// Settings of `vague-action`.
    #[serde(default)]
    pub vague_action: VagueActionSettings,
    /// Severity overrides by rule code: error, warning or off.
    #[serde(flatten)]
    pub severities: BTreeMap<String, RuleSetting>,
}

/// The settings of `vague-action`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VagueActionSettings {
    /// Words that, opening an action's title, say nothing of what will change unless the
    /// title names a system or a number.
    #[serde(default = "VagueActionSettings::default_openers")]
    pub openers: Vec<String>,
}

impl VagueActionSettings {
    fn default_openers() -> Vec<String> {
        [
            "improve",
            "enhance",
            "strengthen",
            "review",
            "address",
            "consider",
            "investigate",
            "look",
            "work",
            "update",
            "monitor",
            "ensure",
        ]
        .map(String::from)
        .to_vec()
    }
}

impl Default for VagueActionSettings {
    fn default() -> Self {
        VagueActionSettings {
            openers: Self::default_openers(),
        }
    }
}

/// A rule's severity as set in `rules:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RuleSetting {
    /// Findings fail the check.
    Error,
    /// Findings are shown; they fail the check only with `--deny-warnings`.
    Warning,
    /// The rule does not run.
    Off,
}

/// Another control framework whose IDs may appear in `criteria:`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Framework {
    /// The framework's name, e.g. "ISO/IEC 27001:2022 Annex A".
    pub name: String,
    /// The control IDs it defines, e.g. A.5.15.
    #[schemars(length(min = 1))]
    pub criteria: Vec<String>,
}

/// Limits that keep a hostile or broken file from exhausting the machine.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Limits {
    /// Files larger than this many bytes are refused (default 5 MiB). This can lower the limit,
    /// not raise it: riskreg never reads more than its `--max-file-bytes` flag allows
    /// (default 5 MiB).
    #[serde(default = "Limits::default_max_file_bytes")]
    #[schemars(range(min = 1))]
    pub max_file_bytes: u64,
}

impl Limits {
    /// The largest file riskreg reads unless `--max-file-bytes` allows more: 5 MiB.
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

    fn default_max_file_bytes() -> u64 {
        Self::DEFAULT_MAX_FILE_BYTES
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Self::default_max_file_bytes(),
        }
    }
}

impl Config {
    /// The level a score falls in: the last level whose `min` is at most the score.
    pub fn level_of(&self, score: u32) -> Option<&Level> {
        self.levels.iter().rev().find(|level| level.min <= score)
    }

    /// The position of a level by name, low to high.
    pub fn level_rank(&self, name: &str) -> Option<usize> {
        self.levels.iter().position(|level| level.name == name)
    }

    /// The owner with this ID.
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.owners.iter().find(|owner| owner.id == id)
    }
}
