//! The part of the OSCAL 1.2.1 POA&M model riskreg writes, as serde types named and laid
//! out as the JSON schema has them. Empty lists are left out: the schema wants at least one
//! item in every list it allows.

use serde::Serialize;

/// The JSON document: one `plan-of-action-and-milestones`.
#[derive(Debug, Serialize)]
pub struct Root {
    /// The POA&M.
    #[serde(rename = "plan-of-action-and-milestones")]
    pub poam: Poam,
}

/// A plan of action and milestones.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Poam {
    /// The document's UUID, the same for every revision of the register's POA&M.
    pub uuid: String,
    /// Title, time, version, parties and roles.
    pub metadata: Metadata,
    /// Every risk of the register.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    /// One item per risk that is not closed.
    pub poam_items: Vec<PoamItem>,
}

/// The document's metadata.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    /// The document's title.
    pub title: String,
    /// When the register was last committed.
    pub last_modified: String,
    /// The document's revision.
    pub version: String,
    /// The OSCAL version written.
    pub oscal_version: &'static str,
    /// The as-of date, the commit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// The roles owners play.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The organization and its owners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// Which parties play which role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_parties: Vec<ResponsibleParty>,
    /// How the document was made.
    pub remarks: String,
}

/// A name/value pair in a namespace.
#[derive(Debug, Clone, Serialize)]
pub struct Prop {
    /// The name.
    pub name: &'static str,
    /// The namespace (OSCAL's own when absent).
    pub ns: &'static str,
    /// The value: one line, trimmed, not empty.
    pub value: String,
}

/// A role parties play.
#[derive(Debug, Serialize)]
pub struct Role {
    /// Its ID.
    pub id: &'static str,
    /// Its name.
    pub title: &'static str,
    /// What it means in riskreg.
    pub description: &'static str,
}

/// A person or organization.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Party {
    /// Its UUID.
    pub uuid: String,
    /// `person` or `organization`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The name.
    pub name: String,
    /// The owner ID, the job title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// The email, when it is one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub email_addresses: Vec<String>,
}

/// The parties that play a role.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ResponsibleParty {
    /// The role.
    pub role_id: &'static str,
    /// The parties.
    pub party_uuids: Vec<String>,
}

/// A risk.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Risk {
    /// Its UUID.
    pub uuid: String,
    /// Its title.
    pub title: String,
    /// What the risk is.
    pub description: String,
    /// The treatment decided.
    pub statement: String,
    /// The riskreg ID, decision, owner, criteria, systems.
    pub props: Vec<Prop>,
    /// open, remediating, deviation-requested, deviation-approved or closed.
    pub status: &'static str,
    /// The inherent rating and the residual one.
    pub characterizations: Vec<Characterization>,
    /// When the risk must be resolved: the latest due date of its open actions, or when its
    /// acceptance expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Its actions that are not cancelled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remediations: Vec<Response>,
    /// Its git history and its actions'.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_log: Option<RiskLog>,
}

/// A rating from one origin.
#[derive(Debug, Serialize)]
pub struct Characterization {
    /// Which rating it is (inherent, residual).
    pub props: Vec<Prop>,
    /// Who rated it.
    pub origin: Origin,
    /// Likelihood, impact, risk.
    pub facets: Vec<Facet>,
}

/// Who produced something.
#[derive(Debug, Serialize)]
pub struct Origin {
    /// The actors.
    pub actors: Vec<Actor>,
}

/// An actor: a party.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Actor {
    /// `party`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The party's UUID.
    pub actor_uuid: String,
}

/// One metric of a rating.
#[derive(Debug, Serialize)]
pub struct Facet {
    /// likelihood, impact or risk.
    pub name: &'static str,
    /// The naming system: OSCAL's.
    pub system: &'static str,
    /// The scale's label or the level's name.
    pub value: String,
    /// initial or adjusted, and the number behind the value.
    pub props: Vec<Prop>,
}

/// A remediation: one mitigation action.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Response {
    /// Its UUID.
    pub uuid: String,
    /// planned or completed.
    pub lifecycle: &'static str,
    /// The action's title.
    pub title: String,
    /// The action's description (its title when it has none) and blocker.
    pub description: String,
    /// The riskreg ID, status, completion date.
    pub props: Vec<Prop>,
    /// Evidence that is a web link.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The action as a milestone with its due date.
    pub tasks: Vec<Task>,
    /// Evidence that is not a web link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

/// A link.
#[derive(Debug, Serialize)]
pub struct Link {
    /// Where to.
    pub href: String,
    /// `reference`.
    pub rel: &'static str,
}

/// A task of a remediation.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Task {
    /// Its UUID.
    pub uuid: String,
    /// `milestone`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its title.
    pub title: String,
    /// The due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// The action's owner.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_roles: Vec<ResponsibleRole>,
}

/// When a task happens.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Timing {
    /// On one date.
    pub on_date: OnDate,
}

/// A date.
#[derive(Debug, Serialize)]
pub struct OnDate {
    /// The date, as a time.
    pub date: String,
}

/// A role and the parties in it, for one object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ResponsibleRole {
    /// The role.
    pub role_id: &'static str,
    /// The parties.
    pub party_uuids: Vec<String>,
}

/// A risk's history.
#[derive(Debug, Serialize)]
pub struct RiskLog {
    /// One entry per commit, oldest first.
    pub entries: Vec<LogEntry>,
}

/// What one commit changed in a risk or its actions.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LogEntry {
    /// Its UUID.
    pub uuid: String,
    /// The commit's summary.
    pub title: String,
    /// The changes, one line per document.
    pub description: String,
    /// The commit's time.
    pub start: String,
    /// The commit ID.
    pub props: Vec<Prop>,
    /// The owner who authored the commit, when one did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logged_by: Vec<LoggedBy>,
    /// The risk's status after the commit, when the commit changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_change: Option<&'static str>,
    /// The remediations the commit changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_responses: Vec<RelatedResponse>,
    /// The commit's author.
    pub remarks: String,
}

/// Who made a log entry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LoggedBy {
    /// The party.
    pub party_uuid: String,
}

/// A remediation a log entry is about.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RelatedResponse {
    /// The remediation's UUID.
    pub response_uuid: String,
}

/// A POA&M item: a risk that is not closed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PoamItem {
    /// Its UUID.
    pub uuid: String,
    /// The risk's title.
    pub title: String,
    /// The risk's description.
    pub description: String,
    /// The riskreg ID.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// The risk.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_risks: Vec<RelatedRisk>,
}

/// A risk a POA&M item is about.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RelatedRisk {
    /// The risk's UUID.
    pub risk_uuid: String,
}
