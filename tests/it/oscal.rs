//! `riskreg export --format oscal-poam`: valid against NIST's OSCAL 1.2.1 POA&M schema, and
//! saying what the register says: each risk's status for every decision and action state,
//! both ratings, the actions as remediations with their due dates, the risk log from git.

use serde_json::Value;

use crate::schemas;
use crate::support::{ALICE, BOB, CONFIG, Fixture, code, riskreg, stderr};

/// Exports the register at `root` as of 2026-11-20 with extra arguments.
fn export(root: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        root.to_str().expect("UTF-8 path"),
        "--as-of",
        "2026-11-20",
        "--format",
        "oscal-poam",
    ];
    args.extend_from_slice(extra);
    riskreg(&args)
}

/// The POA&M of the register at `root`, checked against the schema.
fn poam(root: &std::path::Path, extra: &[&str]) -> Value {
    let output = export(root, extra);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let errors = schemas::oscal_poam(&json);
    assert!(errors.is_empty(), "{errors:#?}");
    json["plan-of-action-and-milestones"].clone()
}

/// The risk whose `riskreg-id` property is `id`.
fn risk<'a>(poam: &'a Value, id: &str) -> &'a Value {
    poam["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .find(|risk| prop(risk, "riskreg-id").as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no risk {id}"))
}

/// The value of an object's property `name`.
fn prop(object: &Value, name: &str) -> Option<String> {
    object["props"]
        .as_array()?
        .iter()
        .find(|prop| prop["name"] == name)
        .and_then(|prop| prop["value"].as_str())
        .map(str::to_owned)
}

fn acme() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme")
}

#[test]
fn acme_is_a_valid_poam_with_and_without_history_and_byte_identical_run_to_run() {
    let first = export(&acme(), &["--no-history"]);
    let second = export(&acme(), &["--no-history"]);
    assert_eq!(first.stdout, second.stdout);
    let with_history = poam(&acme(), &[]);
    assert_eq!(with_history["risks"].as_array().map(Vec::len), Some(25));
    let poam = poam(&acme(), &["--no-history"]);
    let risks = poam["risks"].as_array().expect("risks");
    assert_eq!(risks.len(), 25);
    let open = risks
        .iter()
        .filter(|risk| risk["status"] != "closed")
        .count();
    assert_eq!(poam["poam-items"].as_array().expect("items").len(), open);
    let mut uuids = Vec::new();
    collect_uuids(&poam, &mut uuids);
    let count = uuids.len();
    uuids.sort();
    uuids.dedup();
    assert_eq!(uuids.len(), count, "every UUID is unique");
    assert!(
        uuids.iter().all(|uuid| uuid.as_bytes()[14] == b'5'),
        "version-5 UUIDs"
    );
    assert_eq!(
        poam["metadata"]["last-modified"], "2026-11-18T00:00:00Z",
        "outside git: the latest date the register records up to as-of"
    );
    let mut broken = serde_json::json!({"plan-of-action-and-milestones": poam});
    broken["plan-of-action-and-milestones"]["metadata"]["last-modified"] = "2026-11-18".into();
    broken["plan-of-action-and-milestones"]["risks"][0]["props"][0]["value"] = "R-1\n".into();
    let errors = schemas::oscal_poam(&broken);
    assert!(
        errors.iter().any(|error| error.contains("/last-modified"))
            && errors.iter().any(|error| error.contains("/props/0/value")),
        "the schema check bites: {errors:#?}"
    );
}

/// Every `uuid` the document defines.
fn collect_uuids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(uuid)) = map.get("uuid") {
                out.push(uuid.clone());
            }
            map.values().for_each(|value| collect_uuids(value, out));
        }
        Value::Array(items) => items.iter().for_each(|value| collect_uuids(value, out)),
        _ => {}
    }
}

/// A risk `id` with `treatment`, and a mitigation of it per status in `actions`.
fn write_risk(fixture: &Fixture, id: &str, treatment: &str, actions: &[&str]) {
    fixture.write(
        &format!("risks/{id}.yaml"),
        format!(
            "kind: risk\nid: {id}\ntitle: Risk {id}\nowner: alice\nidentified: 2026-01-10\n\
             inherent: {{impact: 4, likelihood: 3}}\nresidual: {{impact: 2, likelihood: 1}}\n{treatment}"
        ),
    );
    for (index, status) in actions.iter().enumerate() {
        let completed = if *status == "completed" {
            "completed_on: 2026-05-01\nevidence: [https://wiki.test.example/done x]\n"
        } else {
            ""
        };
        fixture.write(
            &format!("mitigations/M-{id}-{index}.yaml"),
            format!(
                "kind: mitigation\nid: M-{id}-{index}\ntitle: Action {index} of {id}\nrisks: [{id}]\n\
                 owner: bob\ndue: 2026-12-{:02}\nstatus: {status}\n{completed}",
                index + 1
            ),
        );
    }
}

const MITIGATE: &str = "treatment: {decision: mitigate}\n";

#[test]
fn each_decision_and_action_state_has_its_status() {
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", CONFIG);
    write_risk(&fixture, "R-01", "", &[]);
    write_risk(&fixture, "R-02", MITIGATE, &["planned"]);
    write_risk(&fixture, "R-03", MITIGATE, &["in-progress", "completed"]);
    write_risk(&fixture, "R-04", MITIGATE, &["blocked"]);
    write_risk(&fixture, "R-05", MITIGATE, &["completed", "cancelled"]);
    write_risk(&fixture, "R-06", MITIGATE, &["cancelled"]);
    write_risk(&fixture, "R-07", MITIGATE, &[]);
    let accept = "treatment:\n  decision: accept\n  rationale: low\n";
    let approved = "  approved_by: ceo\n  approved_on: 2026-02-01\n";
    write_risk(
        &fixture,
        "R-08",
        &format!("{accept}{approved}  expires: 2027-01-31\n"),
        &[],
    );
    write_risk(
        &fixture,
        "R-09",
        &format!("{accept}{approved}  expires: 2026-10-31\n"),
        &[],
    );
    write_risk(
        &fixture,
        "R-10",
        &format!("{accept}  expires: 2027-01-31\n"),
        &[],
    );
    write_risk(
        &fixture,
        "R-11",
        "treatment: {decision: transfer, rationale: r, transferred_to: Insurer}\n",
        &[],
    );
    write_risk(
        &fixture,
        "R-12",
        "treatment: {decision: avoid, rationale: r}\n",
        &[],
    );
    write_risk(
        &fixture,
        "R-13",
        &format!("{MITIGATE}retired: {{on: 2026-10-01, reason: gone}}\n"),
        &["planned"],
    );
    let poam = poam(fixture.path(), &["--no-history"]);
    let expected = [
        ("R-01", "open"),
        ("R-02", "remediating"),
        ("R-03", "remediating"),
        ("R-04", "remediating"),
        ("R-05", "closed"),
        ("R-06", "open"),
        ("R-07", "open"),
        ("R-08", "deviation-approved"),
        ("R-09", "open"),
        ("R-10", "deviation-requested"),
        ("R-11", "closed"),
        ("R-12", "closed"),
        ("R-13", "closed"),
    ];
    for (id, status) in expected {
        assert_eq!(risk(&poam, id)["status"], status, "{id}");
    }
    let items: Vec<String> = poam["poam-items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| prop(item, "riskreg-id"))
        .collect();
    let open: Vec<&str> = expected
        .iter()
        .filter(|(_, status)| *status != "closed")
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(items, open, "one POA&M item per risk that is not closed");
    for item in poam["poam-items"].as_array().expect("items") {
        let id = prop(item, "riskreg-id").expect("an ID");
        assert_eq!(
            item["related-risks"][0]["risk-uuid"],
            risk(&poam, &id)["uuid"]
        );
    }
}

#[test]
fn ratings_are_facets_and_actions_are_remediations_with_due_dates() {
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", CONFIG);
    write_risk(
        &fixture,
        "R-03",
        MITIGATE,
        &["in-progress", "completed", "cancelled"],
    );
    let poam = poam(fixture.path(), &["--no-history"]);
    let risk = risk(&poam, "R-03");
    let characterizations = risk["characterizations"].as_array().expect("two ratings");
    assert_eq!(characterizations.len(), 2);
    let facets = |rating: &str| -> Vec<(String, String, String)> {
        let characterization = characterizations
            .iter()
            .find(|item| prop(item, "rating").as_deref() == Some(rating))
            .unwrap_or_else(|| panic!("the {rating} rating"));
        characterization["facets"]
            .as_array()
            .expect("facets")
            .iter()
            .map(|facet| {
                assert_eq!(facet["system"], "http://csrc.nist.gov/ns/oscal");
                (
                    facet["name"].as_str().expect("name").to_owned(),
                    facet["value"].as_str().expect("value").to_owned(),
                    prop(facet, "state").expect("state"),
                )
            })
            .collect()
    };
    let owned = |items: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        items
            .iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
            .collect()
    };
    assert_eq!(
        facets("inherent"),
        owned(&[
            ("likelihood", "Possible", "initial"),
            ("impact", "Major", "initial"),
            ("risk", "high", "initial"),
        ])
    );
    assert_eq!(
        facets("residual"),
        owned(&[
            ("likelihood", "Rare", "adjusted"),
            ("impact", "Minor", "adjusted"),
            ("risk", "low", "adjusted"),
        ])
    );
    let remediations = risk["remediations"].as_array().expect("remediations");
    let summary: Vec<(String, String, String)> = remediations
        .iter()
        .map(|remediation| {
            (
                prop(remediation, "riskreg-id").expect("an ID"),
                remediation["lifecycle"]
                    .as_str()
                    .expect("lifecycle")
                    .to_owned(),
                remediation["tasks"][0]["timing"]["on-date"]["date"]
                    .as_str()
                    .expect("a due date")
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        owned(&[
            ("M-R-03-0", "planned", "2026-12-01T00:00:00Z"),
            ("M-R-03-1", "completed", "2026-12-02T00:00:00Z"),
        ]),
        "the cancelled action is no remediation"
    );
    assert_eq!(
        remediations[1]["links"][0]["href"], "https://wiki.test.example/done%20x",
        "evidence links, encoded"
    );
    assert_eq!(
        remediations[0]["tasks"][0]["responsible-roles"][0]["role-id"],
        "action-owner"
    );
    assert_eq!(risk["deadline"], "2026-12-01T00:00:00Z");
}

#[test]
fn the_risk_log_has_the_commits_and_the_status_changes() {
    let fixture = Fixture::empty();
    fixture.git_init();
    fixture.write("riskreg.yaml", CONFIG);
    write_risk(&fixture, "R-01", MITIGATE, &["planned"]);
    fixture.commit("2026-06-01", ALICE, "Add R-01 and its action");
    let action = "mitigations/M-R-01-0.yaml";
    let text = std::fs::read_to_string(fixture.path().join(action)).expect("read");
    fixture.write(
        action,
        text.replace("status: planned", "status: in-progress"),
    );
    fixture.commit("2026-07-15", BOB, "Start M-R-01-0");
    fixture.write(
        action,
        text.replace(
            "status: planned",
            "status: completed\ncompleted_on: 2026-09-01\nevidence: [https://wiki.test.example/x]",
        ),
    );
    fixture.commit("2026-09-02", BOB, "Complete M-R-01-0");
    let poam = poam(fixture.path(), &[]);
    assert_eq!(poam["metadata"]["last-modified"], "2026-09-02T12:00:00Z");
    let risk = risk(&poam, "R-01");
    assert_eq!(risk["status"], "closed");
    let entries = risk["risk-log"]["entries"].as_array().expect("entries");
    let summary: Vec<(&str, &str, Option<&str>)> = entries
        .iter()
        .map(|entry| {
            (
                entry["start"].as_str().expect("start"),
                entry["title"].as_str().expect("title"),
                entry["status-change"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "2026-06-01T12:00:00Z",
                "Add R-01 and its action",
                Some("remediating")
            ),
            ("2026-07-15T12:00:00Z", "Start M-R-01-0", None),
            ("2026-09-02T12:00:00Z", "Complete M-R-01-0", Some("closed")),
        ]
    );
    let completed = &entries[2];
    let bob = poam["metadata"]["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .find(|party| party["name"] == "Bob Ito")
        .expect("Bob's party");
    assert_eq!(completed["logged-by"][0]["party-uuid"], bob["uuid"]);
    assert_eq!(
        completed["related-responses"][0]["response-uuid"],
        risk["remediations"][0]["uuid"]
    );
    let description = completed["description"].as_str().expect("description");
    assert!(
        description.contains("M-R-01-0 status: in-progress -> completed"),
        "{description}"
    );
}

#[test]
fn hostile_text_stays_valid() {
    let fixture = Fixture::empty();
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}  - {{id: eve, name: \"  \", email: \"not an email\", role: \"\\n\"}}\n")
            .replace(
                "organization: Test Co",
                "organization: \"<b>Evil</b>\\nCo \\u2028\"",
            ),
    );
    fixture.write(
        "risks/R-1.yaml",
        "kind: risk\nid: R-1\ntitle: \"# <script>alert(1)</script>\\n| *x* \\ufeff\"\n\
         description: \"\\n\\n\"\nowner: eve\nidentified: 2026-01-10\n\
         criteria: [\" CC6.1\\n\"]\ninherent: {impact: 5, likelihood: 5}\n\
         treatment: {decision: mitigate}\n",
    );
    fixture.write(
        "mitigations/M-1.yaml",
        "kind: mitigation\nid: M-1\ntitle: \"\\t\"\nrisks: [R-1]\nowner: eve\n\
         due: 3000-01-01\nstatus: blocked\nblocker: \"a\\nb\"\n\
         evidence: [\"https://x.example/a b\\\"<>\", \" \", \"evidence/ä.png\"]\n",
    );
    let poam = poam(fixture.path(), &["--no-history"]);
    assert_eq!(risk(&poam, "R-1")["status"], "remediating");
}
