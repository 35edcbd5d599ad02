//! `riskreg export --format oscal-poam`: the register as an OSCAL 1.2.1 Plan of Action and
//! Milestones (JSON), valid against NIST's POA&M schema.
//!
//! What goes where:
//! - every risk is a `risks[]` entry with its riskreg ID as a property, a status from its
//!   decision and its actions ([`status`]), two characterizations (the inherent and the
//!   residual rating, each with likelihood, impact and risk facets in OSCAL's own naming
//!   system, told apart by OSCAL's `state` property and riskreg's `rating`), its actions
//!   that are not cancelled as remediations (a milestone task with the due date each), and
//!   the commits that changed it or its actions as its `risk-log`;
//! - every risk that is not closed has a `poam-items[]` entry;
//! - the organization and the config's owners are parties; risk owner, action owner and
//!   approver are roles.
//!
//! UUIDs are version 5, named by the document IDs in a namespace of the organization's
//! name, so they are the same run to run. `metadata.last-modified` is the time of the
//! commit the history was read from; outside git it is the latest date the register
//! records up to as-of (identified, approved, completed, updated, reviewed, retired), at
//! midnight UTC, or as-of when it records none. Dates are midnight UTC, times UTC.

mod log;
mod risk;
mod status;
mod text;
mod types;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::history::History;
use crate::index::Index;
use crate::load::Register;
use crate::model::{Body, Config};
use crate::source::Document;

use status::RiskStatus;
use types::{Metadata, Party, Poam, PoamItem, Prop, RelatedRisk, ResponsibleParty, Role, Root};

/// The namespace of riskreg's own properties.
pub const NAMESPACE: &str = concat!(env!("CARGO_PKG_HOMEPAGE"), "/ns/oscal");

/// OSCAL's own namespace and facet naming system.
const NIST: &str = "http://csrc.nist.gov/ns/oscal";

/// The OSCAL version written.
const OSCAL_VERSION: &str = "1.2.1";

/// Role: owns a risk.
const RISK_OWNER: &str = "risk-owner";
/// Role: owns a mitigation action.
const ACTION_OWNER: &str = "action-owner";
/// Role: may approve risk acceptances.
const APPROVER: &str = "approver";

/// The register as a POA&M, pretty-printed JSON with a trailing newline.
pub fn poam(register: &Register, history: Option<&History>, as_of: NaiveDate) -> String {
    let builder = Builder::new(register, history, as_of);
    let root = Root {
        poam: builder.poam(),
    };
    let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
    text.push('\n');
    text
}

/// What every part of the document reads.
struct Builder<'a> {
    index: Index<'a>,
    config: &'a Config,
    history: Option<&'a History>,
    as_of: NaiveDate,
    /// The namespace of the register's UUIDs.
    namespace: Uuid,
    /// The organization's party.
    organization: String,
    /// Each owner's party, by owner ID.
    parties: HashMap<&'a str, String>,
}

/// A riskreg property.
fn prop(name: &'static str, value: &str) -> Option<Prop> {
    Some(Prop {
        name,
        ns: NAMESPACE,
        value: text::string(value)?,
    })
}

impl<'a> Builder<'a> {
    fn new(register: &'a Register, history: Option<&'a History>, as_of: NaiveDate) -> Self {
        let config = &register.config;
        let root = Uuid::new_v5(&Uuid::NAMESPACE_URL, NAMESPACE.as_bytes());
        let namespace = Uuid::new_v5(&root, config.organization.as_bytes());
        let mut builder = Builder {
            index: Index::new(register, as_of, history),
            config,
            history,
            as_of,
            namespace,
            organization: String::new(),
            parties: HashMap::new(),
        };
        builder.organization = builder.uuid("party/organization");
        for owner in &config.owners {
            let uuid = builder.uuid(&format!("party/{}", owner.id));
            builder.parties.entry(owner.id.as_str()).or_insert(uuid);
        }
        builder
    }

    /// The UUID named `name` in the register's namespace.
    fn uuid(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }

    /// The party of an owner, when the config has the owner.
    fn party(&self, owner: Option<&str>) -> Option<String> {
        owner.and_then(|owner| self.parties.get(owner)).cloned()
    }

    fn poam(&self) -> Poam {
        let mut risks = Vec::new();
        let mut items = Vec::new();
        for (key, risk) in self.risk_keys() {
            let (oscal, status) = self.risk(&key, risk);
            if status != RiskStatus::Closed {
                items.push(PoamItem {
                    uuid: self.uuid(&format!("poam-item/{key}")),
                    title: oscal.title.clone(),
                    description: oscal.description.clone(),
                    props: prop("riskreg-id", &risk.id).into_iter().collect(),
                    related_risks: vec![RelatedRisk {
                        risk_uuid: oscal.uuid.clone(),
                    }],
                });
            }
            risks.push(oscal);
        }
        if items.is_empty() {
            items.push(PoamItem {
                uuid: self.uuid("poam-item/none-open"),
                title: "No open risks".to_owned(),
                description: format!("Every risk of the register is closed as of {}.", self.as_of),
                props: Vec::new(),
                related_risks: Vec::new(),
            });
        }
        Poam {
            uuid: self.uuid("plan-of-action-and-milestones"),
            metadata: self.metadata(),
            risks,
            poam_items: items,
        }
    }

    /// The risks, keyed (see [`keyed`]).
    fn risk_keys(&self) -> Vec<(String, &'a crate::model::Risk)> {
        keyed(self.index.risks.clone(), |risk| &risk.id)
    }

    fn metadata(&self) -> Metadata {
        let tip = self.history.and_then(|history| history.tip.as_deref());
        let uncommitted = self.history.map_or(0, |history| history.dirty.len());
        let last_modified = tip
            .and_then(|commit| text::time(commit.time))
            .or_else(|| text::date(self.latest_recorded_date()))
            .unwrap_or_else(|| "1900-01-01T00:00:00Z".to_owned());
        let version = match tip {
            Some(commit) if uncommitted > 0 => {
                format!("{}+{}.uncommitted", self.as_of, commit.short_id())
            }
            Some(commit) => format!("{}+{}", self.as_of, commit.short_id()),
            None => self.as_of.to_string(),
        };
        let mut props: Vec<Prop> = prop("as-of", &self.as_of.to_string()).into_iter().collect();
        props.extend(tip.and_then(|commit| prop("commit", &commit.id)));
        if uncommitted > 0 {
            props.extend(prop("uncommitted-files", &uncommitted.to_string()));
        }
        Metadata {
            title: text::line(
                &format!(
                    "Plan of Action and Milestones: {}",
                    self.config.organization
                ),
                "Plan of Action and Milestones",
            ),
            last_modified,
            version,
            oscal_version: OSCAL_VERSION,
            props,
            roles: roles(),
            parties: self.parties_list(),
            responsible_parties: self.responsible_parties(),
            remarks: format!(
                "Exported by riskreg {} from the risk register and its git history, as of {}.",
                env!("CARGO_PKG_VERSION"),
                self.as_of
            ),
        }
    }

    /// The latest date the register records up to as-of, for a register outside git.
    fn latest_recorded_date(&self) -> NaiveDate {
        let mut dates = Vec::new();
        for doc in &self.index.register.documents {
            match &doc.body {
                Some(Body::Risk(risk)) => {
                    dates.push(risk.identified);
                    dates.extend(risk.treatment.as_ref().and_then(|t| t.approved_on));
                    dates.extend(risk.retired.as_ref().map(|retired| retired.on));
                }
                Some(Body::Mitigation(mitigation)) => {
                    dates.extend(mitigation.completed_on);
                    dates.extend(mitigation.updates.iter().map(|update| update.on));
                }
                Some(Body::Review(review)) => dates.push(review.date),
                None => {}
            }
        }
        dates
            .into_iter()
            .filter(|date| *date <= self.as_of)
            .max()
            .unwrap_or(self.as_of)
    }

    fn parties_list(&self) -> Vec<Party> {
        let mut parties = vec![Party {
            uuid: self.organization.clone(),
            kind: "organization",
            name: text::string(&self.config.organization)
                .unwrap_or_else(|| "Organization".to_owned()),
            props: Vec::new(),
            email_addresses: Vec::new(),
        }];
        let mut seen = BTreeSet::new();
        for owner in &self.config.owners {
            if !seen.insert(owner.id.as_str()) {
                continue;
            }
            let mut props: Vec<Prop> = prop("owner-id", &owner.id).into_iter().collect();
            if let Some(title) = owner.role.as_deref().and_then(text::string) {
                props.push(Prop {
                    name: "job-title",
                    ns: NIST,
                    value: title,
                });
            }
            parties.push(Party {
                uuid: self.party(Some(&owner.id)).unwrap_or_default(),
                kind: "person",
                name: owner
                    .name
                    .as_deref()
                    .and_then(text::string)
                    .unwrap_or_else(|| owner.id.clone()),
                props,
                email_addresses: owner
                    .email
                    .iter()
                    .map(|email| email.trim().to_owned())
                    .filter(|email| text::is_email(email))
                    .collect(),
            });
        }
        parties
    }

    /// Risk owners, action owners and approvers, each party once, in the config's order.
    fn responsible_parties(&self) -> Vec<ResponsibleParty> {
        let risk_owners: BTreeSet<&str> = self
            .index
            .risks
            .iter()
            .filter_map(|(_, risk)| risk.owner.as_deref())
            .collect();
        let action_owners: BTreeSet<&str> = self
            .index
            .mitigations
            .iter()
            .filter_map(|(_, mitigation)| mitigation.owner.as_deref())
            .collect();
        let role = |role_id, wanted: &dyn Fn(&str, bool) -> bool| {
            let mut seen = BTreeSet::new();
            let party_uuids: Vec<String> = self
                .config
                .owners
                .iter()
                .filter(|owner| wanted(&owner.id, owner.approver) && seen.insert(owner.id.as_str()))
                .filter_map(|owner| self.party(Some(&owner.id)))
                .collect();
            (!party_uuids.is_empty()).then_some(ResponsibleParty {
                role_id,
                party_uuids,
            })
        };
        [
            role(RISK_OWNER, &|id, _| risk_owners.contains(id)),
            role(ACTION_OWNER, &|id, _| action_owners.contains(id)),
            role(APPROVER, &|_, approver| approver),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Documents by ID (then path), each with the key of its UUIDs: its ID, with `#2`, `#3`
/// for later documents that share it.
fn keyed<'d, T>(
    mut documents: Vec<(&'d Document, &'d T)>,
    id: impl Fn(&T) -> &str,
) -> Vec<(String, &'d T)> {
    documents.sort_by(|(a_doc, a), (b_doc, b)| (id(a), &a_doc.path).cmp(&(id(b), &b_doc.path)));
    let mut seen: HashMap<String, usize> = HashMap::new();
    documents
        .into_iter()
        .map(|(_, body)| {
            let count = seen.entry(id(body).to_owned()).or_default();
            *count += 1;
            let key = if *count == 1 {
                id(body).to_owned()
            } else {
                format!("{}#{count}", id(body))
            };
            (key, body)
        })
        .collect()
}

/// The roles owners play.
fn roles() -> Vec<Role> {
    vec![
        Role {
            id: RISK_OWNER,
            title: "Risk owner",
            description: "Accountable for a risk of the register (its `owner`).",
        },
        Role {
            id: ACTION_OWNER,
            title: "Action owner",
            description: "Carries out a mitigation action (its `owner`).",
        },
        Role {
            id: APPROVER,
            title: "Acceptance approver",
            description: "May approve risk acceptances (`approver: true` in the config).",
        },
    ]
}
