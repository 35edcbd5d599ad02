//! The texts `riskreg init` writes: the commented config and the CI recipes of
//! `examples/ci/`.

/// A commented `riskreg.yaml` with every setting at its default; the owners are to fill in.
pub const CONFIG: &str = r#"# yaml-language-server: $schema=schemas/config.schema.json
#
# The settings of this risk register. `riskreg check` audits the documents under this
# folder (risks/, mitigations/, reviews/) against them. Every setting below is at its
# default unless it says otherwise; only `version` and `organization` are required.
version: 1
organization: Your Organization   # shown in reports: replace it

# Labels of the rating scales, 1..N; their sizes set the scales (default 5 x 5). Ratings in
# documents are numbers: `inherent: {impact: 4, likelihood: 2}`.
scale:
  impact: [Negligible, Minor, Moderate, Major, Severe]
  likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]

# Risk levels by score (impact x likelihood); a level starts at its `min`.
levels:
  - {name: low, min: 1}
  - {name: medium, min: 5}
  - {name: high, min: 10}
  - {name: critical, min: 16}

# The risk appetite (no default: without it the appetite rules stay quiet). Uncomment and
# adapt once the board has approved one.
# appetite:
#   statement: We accept low and medium risks with a documented rationale.
#   max_accepted_level: medium      # above this, only exception approvers may accept
#   exception_approvers: [security-lead]
#   acceptance_max_days: 365        # an acceptance must be renewed within this

# Days from a risk's `identified` date to its mitigations' due date, at most, per inherent
# level (no default: without it `due-beyond-target` stays quiet).
# treatment_target_days: {critical: 30, high: 90, medium: 180, low: 365}

review:
  cadence_days: 92                  # a review record at least this often (quarterly)
  backdate_tolerance_days: 14       # how long after a stated date it may be committed

# The people who own risks and actions: fill in your own. Documents name them by `id`;
# `approver: true` may approve risk acceptances.
owners:
  - id: security-lead
    name: Your Name
    email: you@example.com
    role: Security Lead
    approver: true

# Per-rule severity: error | warning | off (`riskreg rules` lists the rules and defaults).
rules: {}

# Globs (relative to this folder) of YAML files that are not documents.
ignore: []

# Other control frameworks whose IDs `criteria:` may use beside SOC 2, e.g.
#   - name: ISO/IEC 27001:2022 Annex A
#     criteria: [A.5.15, A.8.5]
frameworks: []

limits:
  max_file_bytes: 5242880           # larger document files are refused (5 MiB)
"#;

/// The CI services `init --ci` writes a recipe for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions.
    Github,
    /// GitLab CI.
    Gitlab,
}

impl Ci {
    /// The recipes for a register in `register` (its folder relative to the top of the git
    /// repository; `.` at the top), each with where it goes, relative to the top of the
    /// repository: for GitHub, the checks and reports workflow and the scheduled reminders
    /// workflow; for GitLab, the one pipeline, which holds both.
    pub fn recipes(self, register: &str) -> Vec<(&'static str, String)> {
        let quoted = serde_json::to_string(register).unwrap_or_else(|_| "\".\"".to_owned());
        let named =
            |text: &str, line: &str| text.replacen(line, &format!("  REGISTER: {quoted}\n"), 1);
        match self {
            Ci::Github => vec![
                (
                    ".github/workflows/risk-register.yml",
                    named(
                        include_str!("../../examples/ci/github/risk-register.yml"),
                        "  REGISTER: .\n",
                    ),
                ),
                (
                    ".github/workflows/risk-reminders.yml",
                    named(
                        include_str!("../../examples/ci/github/risk-reminders.yml"),
                        "  REGISTER: .\n",
                    ),
                ),
            ],
            Ci::Gitlab => vec![(
                ".gitlab-ci.yml",
                named(
                    include_str!("../../examples/ci/gitlab/.gitlab-ci.yml"),
                    "  REGISTER: \".\"\n",
                ),
            )],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipes_name_the_registers_folder() {
        for ci in [Ci::Github, Ci::Gitlab] {
            for (path, recipe) in ci.recipes("compliance") {
                assert!(recipe.contains("  REGISTER: \"compliance\"\n"), "{path}");
                assert!(!recipe.contains("  REGISTER: .\n"), "{path}");
            }
        }
    }
}
