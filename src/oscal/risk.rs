//! One risk: its properties, status, ratings and remediations.

use std::collections::HashMap;

use crate::model::{Decision, Mitigation, Rating, Risk, Status};

use super::status::{RiskStatus, Treatment};
use super::types::{
    Actor, Characterization, Facet, Link, OnDate, Origin, Prop, Response, ResponsibleRole, Task,
    Timing,
};
use super::{ACTION_OWNER, Builder, NIST, keyed, prop, text};

/// An action of a risk, with the key of its UUIDs.
pub(super) struct Action<'a> {
    /// Its ID, with `#2`, `#3` for later documents that share it.
    pub key: String,
    /// The action.
    pub mitigation: &'a Mitigation,
}

impl<'a> Builder<'a> {
    /// The risk and its status as of as-of.
    pub(super) fn risk(&self, key: &str, risk: &Risk) -> (super::types::Risk, RiskStatus) {
        let actions = self.actions(risk);
        let statuses: Vec<Status> = actions
            .iter()
            .map(|action| action.mitigation.status)
            .collect();
        let status = Treatment::of(risk).status(&statuses, self.as_of);
        let live: Vec<&Action<'_>> = actions
            .iter()
            .filter(|action| action.mitigation.status != Status::Cancelled)
            .collect();
        let remediations: Vec<Response> = live
            .iter()
            .map(|action| self.remediation(key, action))
            .collect();
        let responses: HashMap<&str, String> = live
            .iter()
            .zip(&remediations)
            .map(|(action, response)| (action.mitigation.id.as_str(), response.uuid.clone()))
            .collect();
        let mut characterizations = vec![self.characterization(risk, &risk.inherent, false)];
        characterizations.extend(
            risk.residual
                .as_ref()
                .map(|residual| self.characterization(risk, residual, true)),
        );
        let oscal = super::types::Risk {
            uuid: self.uuid(&format!("risk/{key}")),
            title: text::line(&risk.title, &risk.id),
            description: text::multiline(
                risk.description.as_deref().unwrap_or_default(),
                &risk.title,
            ),
            statement: statement(risk),
            props: self.risk_props(risk),
            status: status.as_str(),
            characterizations,
            deadline: deadline(risk, &actions),
            risk_log: self.risk_log(key, risk, &actions, &responses),
            remediations,
        };
        (oscal, status)
    }

    /// The actions that treat the risk, keyed (see [`super::keyed`]).
    fn actions(&self, risk: &Risk) -> Vec<Action<'a>> {
        let treating = self
            .index
            .mitigations
            .iter()
            .filter(|(_, mitigation)| mitigation.risks.contains(&risk.id))
            .copied()
            .collect();
        keyed(treating, |mitigation| &mitigation.id)
            .into_iter()
            .map(|(key, mitigation)| Action { key, mitigation })
            .collect()
    }

    fn risk_props(&self, risk: &Risk) -> Vec<Prop> {
        let mut props = Vec::new();
        props.extend(prop("riskreg-id", &risk.id));
        props.extend(prop(
            "decision",
            risk.decision().map_or("untreated", Decision::as_str),
        ));
        props.extend(risk.owner.as_deref().and_then(|owner| prop("owner", owner)));
        props.extend(prop("identified", &risk.identified.to_string()));
        props.extend(
            risk.criteria
                .iter()
                .filter_map(|criterion| prop("criterion", criterion)),
        );
        props.extend(
            risk.systems
                .iter()
                .filter_map(|system| prop("system", system)),
        );
        if let Some(retired) = &risk.retired {
            props.extend(prop("retired-on", &retired.on.to_string()));
        }
        props
    }

    /// One rating as likelihood, impact and risk facets, rated by the risk's owner.
    fn characterization(&self, risk: &Risk, rating: &Rating, residual: bool) -> Characterization {
        let state = if residual { "adjusted" } else { "initial" };
        let facet = |name: &'static str, value: String, number: u32| Facet {
            name,
            system: NIST,
            value,
            props: [
                Some(Prop {
                    name: "state",
                    ns: NIST,
                    value: state.to_owned(),
                }),
                prop("score", &number.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        let label = |labels: &[String], number: u32| {
            usize::try_from(number)
                .ok()
                .and_then(|number| number.checked_sub(1))
                .and_then(|index| labels.get(index))
                .and_then(|label| text::string(label))
                .unwrap_or_else(|| number.to_string())
        };
        let score = rating.score();
        let level = self
            .config
            .level_of(score)
            .and_then(|level| text::string(&level.name))
            .unwrap_or_else(|| score.to_string());
        Characterization {
            props: prop("rating", if residual { "residual" } else { "inherent" })
                .into_iter()
                .collect(),
            origin: Origin {
                actors: vec![Actor {
                    kind: "party",
                    actor_uuid: self
                        .party(risk.owner.as_deref())
                        .unwrap_or_else(|| self.organization.clone()),
                }],
            },
            facets: vec![
                facet(
                    "likelihood",
                    label(&self.config.scale.likelihood, rating.likelihood),
                    rating.likelihood,
                ),
                facet(
                    "impact",
                    label(&self.config.scale.impact, rating.impact),
                    rating.impact,
                ),
                facet("risk", level, score),
            ],
        }
    }

    /// An action as a remediation with one milestone: its due date.
    fn remediation(&self, risk_key: &str, action: &Action<'_>) -> Response {
        let mitigation = action.mitigation;
        let key = format!("{risk_key}/{}", action.key);
        let mut props: Vec<Prop> = prop("riskreg-id", &mitigation.id).into_iter().collect();
        props.extend(prop("status", mitigation.status.as_str()));
        props.extend(
            mitigation
                .completed_on
                .and_then(|date| prop("completed-on", &date.to_string())),
        );
        let mut description = mitigation
            .description
            .clone()
            .unwrap_or_else(|| mitigation.title.clone());
        if let Some(blocker) = &mitigation.blocker {
            description.push_str(&format!("\nBlocked: {blocker}"));
        }
        let paths: Vec<String> = mitigation
            .evidence
            .iter()
            .filter(|item| text::web_link(item).is_none())
            .filter_map(|item| text::string(item))
            .map(|item| format!("Evidence: {item}"))
            .collect();
        let title = text::line(&mitigation.title, &mitigation.id);
        Response {
            uuid: self.uuid(&format!("remediation/{key}")),
            lifecycle: if mitigation.status == Status::Completed {
                "completed"
            } else {
                "planned"
            },
            title: title.clone(),
            description: text::multiline(&description, &mitigation.id),
            props: props.clone(),
            links: mitigation
                .evidence
                .iter()
                .filter_map(|item| text::web_link(item))
                .map(|href| Link {
                    href,
                    rel: "reference",
                })
                .collect(),
            tasks: vec![Task {
                uuid: self.uuid(&format!("task/{key}")),
                kind: "milestone",
                title,
                timing: mitigation.due.and_then(text::date).map(|date| Timing {
                    on_date: OnDate { date },
                }),
                responsible_roles: self
                    .party(mitigation.owner.as_deref())
                    .map(|party| ResponsibleRole {
                        role_id: ACTION_OWNER,
                        party_uuids: vec![party],
                    })
                    .into_iter()
                    .collect(),
            }],
            remarks: (!paths.is_empty()).then(|| text::multiline(&paths.join("\n"), "")),
        }
    }
}

/// The treatment in words.
fn statement(risk: &Risk) -> String {
    let treatment = risk.treatment.clone().unwrap_or_default();
    let mut lines = vec![match risk.decision() {
        Some(decision) => format!("Decision: {}.", decision.as_str()),
        None => "No treatment decision.".to_owned(),
    }];
    lines.extend(
        treatment
            .rationale
            .map(|rationale| format!("Rationale: {rationale}")),
    );
    if let (Some(by), Some(on)) = (&treatment.approved_by, treatment.approved_on) {
        lines.push(format!("Approved by {by} on {on}."));
    }
    lines.extend(
        treatment
            .expires
            .map(|expires| format!("Expires {expires}.")),
    );
    lines.extend(
        treatment
            .transferred_to
            .map(|to| format!("Transferred to: {to}")),
    );
    if let Some(retired) = &risk.retired {
        lines.push(format!("Retired on {}: {}", retired.on, retired.reason));
    }
    text::multiline(&lines.join("\n"), "No treatment decision.")
}

/// When the risk must be resolved: an acceptance's expiry, or the latest due date of the
/// open actions of a mitigated risk.
fn deadline(risk: &Risk, actions: &[Action<'_>]) -> Option<String> {
    let date = match risk.decision() {
        Some(Decision::Accept) => risk.treatment.as_ref()?.expires,
        Some(Decision::Mitigate) => actions
            .iter()
            .filter(|action| action.mitigation.status.is_open())
            .filter_map(|action| action.mitigation.due)
            .max(),
        _ => None,
    };
    date.and_then(text::date)
}
