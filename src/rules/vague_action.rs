//! `vague-action`: a mitigation whose title does not say what will change.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Mitigation;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an open mitigation's title says what will change. A title is vague when it has
    /// fewer than four words, or when it opens with a word of `rules.vague_action.openers`
    /// (default: improve, enhance, strengthen, review, address, consider, investigate, look,
    /// work, update, monitor, ensure) and names none of its risks' `systems` and no number
    /// (a count, a frequency such as `weekly` or `after each release`, a date). Completed and cancelled actions,
    /// and actions whose risks are all retired, are exempt.
    ///
    /// ## Why an auditor cares
    ///
    /// An action should be written so that someone can execute it without interpretation.
    /// "Improve access control" is not a mitigation; "enforce multi-factor authentication
    /// across all production systems" is. A vague action cannot be tested for completion,
    /// so the auditor cannot tell whether the risk was treated.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// title: Improve access control
    /// risks: [R-001]
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// title: Enforce multi-factor authentication in Okta for all production AWS accounts
    /// risks: [R-001]
    /// ```
    pub struct VagueAction {
        code: VagueAction,
        reads: Reads::Register,
        summary: "an open mitigation whose title is under four words, or opens with a vague verb and names no system and no number",
    }
}

/// How few words a title may have, at most, and still be vague whatever they are.
const MIN_WORDS: usize = 4;

/// Words that state a frequency, which makes a title concrete like a number does.
const FREQUENCIES: [&str; 12] = [
    "hourly",
    "daily",
    "nightly",
    "weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "annually",
    "yearly",
    "every",
    "each",
];

/// Why a title is vague, if it is.
#[derive(Debug, PartialEq, Eq)]
enum Vagueness {
    /// It has fewer than [`MIN_WORDS`] words.
    TooShort(usize),
    /// It opens with this opener and names no system and no number.
    Opener(String),
}

/// Judges a title against the openers and the systems of the action's risks.
fn vagueness(title: &str, openers: &[String], systems: &[&str]) -> Option<Vagueness> {
    let words: Vec<String> = title
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < MIN_WORDS {
        return Some(Vagueness::TooShort(words.len()));
    }
    let first = &words[0];
    let opener = openers
        .iter()
        .find(|opener| opener.eq_ignore_ascii_case(first))?;
    let lower = title.to_lowercase();
    let names_system = systems
        .iter()
        .any(|system| !system.is_empty() && lower.contains(&system.to_lowercase()));
    let names_number = title.chars().any(|c| c.is_ascii_digit())
        || words
            .iter()
            .any(|word| FREQUENCIES.contains(&word.as_str()));
    (!names_system && !names_number).then(|| Vagueness::Opener(opener.clone()))
}

impl VagueAction {
    /// The systems of the risks the action treats, each once, in order of name.
    fn systems<'a>(ctx: &Index<'a>, mitigation: &Mitigation) -> Vec<&'a str> {
        mitigation
            .risks
            .iter()
            .filter_map(|id| ctx.risk(id))
            .flat_map(|risk| risk.systems.iter().map(String::as_str))
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .collect()
    }
}

impl Rule for VagueAction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let openers = &ctx.config.rules.vague_action.openers;
        for (doc, mitigation) in &ctx.mitigations {
            if !mitigation.status.is_open() || !ctx.treats_active_risk(mitigation) {
                continue;
            }
            let systems = Self::systems(ctx, mitigation);
            let Some(vague) = vagueness(&mitigation.title, openers, &systems) else {
                continue;
            };
            let why = match vague {
                Vagueness::TooShort(words) => format!(
                    "has {words} word{}, too few to say what will change",
                    if words == 1 { "" } else { "s" }
                ),
                Vagueness::Opener(opener) => format!(
                    "opens with `{opener}` and names no system and no number, so it does not say what will change"
                ),
            };
            let systems_hint = if systems.is_empty() {
                String::new()
            } else {
                format!(" (its risks' systems: {})", systems.join(", "))
            };
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/title",
                    format!("the title of mitigation {} {why}", mitigation.id),
                )
                .with_label("what will change?")
                .with_help(format!(
                    "name the system{systems_hint}, the control and the change, so someone can execute it without interpretation: not `Improve access control` but `Enforce MFA in Okta for all production AWS accounts`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Config;

    /// The openers a config that does not set them gets.
    fn default_openers() -> Vec<String> {
        let config: Config =
            serde_json::from_value(serde_json::json!({"version": 1, "organization": "Test Co"}))
                .expect("a minimal config");
        config.rules.vague_action.openers
    }

    fn judge(title: &str) -> Option<Vagueness> {
        vagueness(title, &default_openers(), &["okta", "aws-prod", "GitHub"])
    }

    #[test]
    fn vague_titles_fail() {
        let vague = [
            "Improve access control",
            "Improve security",
            "Enhance monitoring",
            "Strengthen vendor management practices",
            "Review access rights regularly",
            "Address audit findings from the assessment",
            "Consider implementing a better backup solution",
            "Investigate options for data loss prevention",
            "Look into endpoint protection for laptops",
            "Work on incident response readiness",
            "Update the security policies as needed",
            "Monitor privileged user activity closely",
            "Ensure proper segregation of duties",
            "Ensure compliance with the password policy",
            "Enhance logging and alerting capabilities",
            "Improve the change management process",
            "Review firewall rules",
            "MFA",
            "Fix backups",
            "Patch servers",
            "Security awareness training",
            "Address vulnerabilities in production",
        ];
        let passing: Vec<&str> = vague
            .iter()
            .copied()
            .filter(|t| judge(t).is_none())
            .collect();
        assert!(passing.is_empty(), "taken as concrete: {passing:?}");
    }

    #[test]
    fn concrete_titles_pass() {
        let concrete = [
            "Enforce MFA through Okta for every employee",
            "Enforce multi-factor authentication across all production systems",
            "Rotate AWS root account credentials and store them in the vault",
            "Enable CloudTrail in all regions with log file validation",
            "Encrypt the customer database at rest with KMS keys",
            "Deploy CrowdStrike Falcon on all company laptops",
            "Restore a production backup to staging every quarter",
            "Review access rights in Okta every 90 days",
            "Review firewall rules quarterly with the network owner",
            "Improve Okta session timeouts to 12 hours",
            "Update aws-prod AMIs to the hardened CIS baseline",
            "Monitor GitHub audit logs for admin role changes",
            "Ensure 100% of laptops run full-disk encryption",
            "Investigate the 3 open pen-test findings by 2026-12-31",
            "Require signed commits on the main branch of every repository",
            "Remove standing admin access from engineers and use break-glass accounts",
            "Run phishing simulations for all staff monthly",
            "Sign a DPA with each subprocessor before onboarding",
            "Move secrets from environment variables to AWS Secrets Manager",
            "Block USB mass storage on managed macOS devices via MDM",
            "Patch critical CVEs on internet-facing hosts within 7 days",
            "Update the incident response plan after each exercise",
        ];
        let failing: Vec<(&str, Vagueness)> = concrete
            .iter()
            .filter_map(|title| judge(title).map(|why| (*title, why)))
            .collect();
        assert!(failing.is_empty(), "taken as vague: {failing:?}");
    }

    #[test]
    fn says_why() {
        assert_eq!(judge("Fix backups"), Some(Vagueness::TooShort(2)));
        assert_eq!(
            judge("Improve the change management process"),
            Some(Vagueness::Opener("improve".to_owned()))
        );
        let custom = vagueness("Harden the build pipeline now", &["harden".to_owned()], &[]);
        assert_eq!(custom, Some(Vagueness::Opener("harden".to_owned())));
    }
}
