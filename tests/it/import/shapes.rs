//! The shapes import reads: CISO Assistant's risk-assessment template (XLSX) and CSV export
//! without a map, and a typical SOC 2 spreadsheet through a map.

use super::{X, files, import, read, workbook};
use crate::support::{Fixture, code, stderr, stdout};

/// A register whose scales carry the labels of CISO Assistant's 4x4 EBIOS RM matrix.
const CISO_CONFIG: &str = "\
version: 1
organization: Test Co
scale:
  impact: [Minor, Significant, Important, Critical]
  likelihood: [Unlikely, Likely, Very likely, Certain]
owners:
  - {id: alice, name: Alice Chen, email: alice@test.example, approver: true}
";

const TEMPLATE_HEADERS: [&str; 16] = [
    "ref_id",
    "name",
    "description",
    "inherent_proba",
    "inherent_impact",
    "inherent_level",
    "existing_controls",
    "current_proba",
    "current_impact",
    "current_level",
    "additional_controls",
    "residual_proba",
    "residual_impact",
    "residual_level",
    "treatment",
    "assets",
];

#[test]
fn ciso_assistant_template_imports_without_a_map() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", CISO_CONFIG);
    let header: Vec<X> = TEMPLATE_HEADERS.iter().map(|header| X::S(header)).collect();
    let first = [
        X::S("R.1"),
        X::S("Phishing of admins"),
        X::S("Admins are phished."),
        X::S("very likely"),
        X::S("Critical"),
        X::S("High"),
        X::S("Awareness training\nEmail filtering"),
        X::S("Likely"),
        X::S("Important"),
        X::S("High"),
        X::S("Enforce phishing-resistant MFA\nRotate admin credentials"),
        X::E,
        X::E,
        X::E,
        X::S("Mitigate"),
        X::S("okta, aws-prod"),
    ];
    let second = [
        X::S("R.2"),
        X::S("Stale admin accounts"),
        X::E,
        X::N(2.0),
        X::N(3.0),
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::S("Rotate admin credentials"),
        X::S("Unlikely"),
        X::S("Minor"),
        X::E,
        X::S("accept"),
        X::S("okta"),
    ];
    let third = [
        X::S("R.3"),
        X::S("Vendor outage"),
        X::E,
        X::S("Likely"),
        X::S("Significant"),
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::S("open"),
        X::E,
    ];
    let rows: &[&[X]] = &[&header, &first, &second, &third];
    let book = inputs.write("template.xlsx", workbook(&[("Risk assessment", rows)]));
    let output = import(&book, fixture.path(), &[]);
    assert_eq!(
        code(&output),
        1,
        "imported; the check finds what the sheet lacks: {}",
        stderr(&output)
    );
    let printed = stdout(&output);
    assert!(
        printed.contains("(CISO Assistant's risk assessment)"),
        "{printed}"
    );
    assert!(
        printed.contains("5 created, 0 updated, 0 unchanged"),
        "{printed}"
    );
    let r1 = read(fixture.path(), "risks/R.1-phishing-of-admins.yaml");
    assert_eq!(
        r1,
        "# yaml-language-server: $schema=../schemas/risk.schema.json\nkind: risk\nid: R.1\ntitle: Phishing of admins\ndescription: |-\n  Admins are phished.\n  Existing controls: Awareness training; Email filtering\nidentified: 2026-11-20\nsystems: [okta, aws-prod]\ninherent: {impact: 4, likelihood: 3}\ntreatment:\n  decision: mitigate\n",
        "labels of the matrix read as ratings, no residual, controls in the description"
    );
    let r2 = read(fixture.path(), "risks/R.2-stale-admin-accounts.yaml");
    assert!(r2.contains("inherent: {impact: 3, likelihood: 2}\nresidual: {impact: 1, likelihood: 1}\ntreatment:\n  decision: accept\n"), "{r2}");
    let r3 = read(fixture.path(), "risks/R.3-vendor-outage.yaml");
    assert!(!r3.contains("treatment"), "`open` is no decision: {r3}");
    let mfa = read(
        fixture.path(),
        "mitigations/M-001-enforce-phishing-resistant-mfa.yaml",
    );
    assert!(mfa.contains("risks: [R.1]\nstatus: planned\n"), "{mfa}");
    let rotate = read(
        fixture.path(),
        "mitigations/M-002-rotate-admin-credentials.yaml",
    );
    assert!(
        rotate.contains("risks: [R.1, R.2]\nstatus: planned\n"),
        "one action under two risks: {rotate}"
    );
    let before = files(fixture.path());
    let again = import(&book, fixture.path(), &[]);
    assert!(
        stdout(&again).contains("0 created, 0 updated, 5 unchanged"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        files(fixture.path()),
        before,
        "a re-import matches actions by title and changes nothing"
    );
}

#[test]
fn ciso_assistant_csv_export_with_a_bom_and_semicolons() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", CISO_CONFIG);
    let csv = "\u{feff}ref_id;assets;threats;name;description;existing_applied_controls;current_impact;current_proba;current_risk;additional_controls;residual_impact;residual_proba;residual_risk;treatment;strength_of_knowledge;inherent_proba;inherent_impact;justification\n\
        R.7;laptops|okta;\"Theft\nLoss\";Laptop theft;Laptops are stolen.;Disk encryption;Important;Likely;High;\"Remote wipe\nAsset inventory\";Minor;Unlikely;Low;accept;High;Likely;Important;Insured and encrypted\n";
    let file = inputs.write("export.csv", csv);
    let output = import(&file, fixture.path(), &[]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let risk = read(fixture.path(), "risks/R.7-laptop-theft.yaml");
    assert!(
        risk.contains("description: |-\n  Laptops are stolen.\n  Existing controls: Disk encryption\n  Threats: Theft; Loss\n"),
        "{risk}"
    );
    assert!(risk.contains("systems: [laptops, okta]\ninherent: {impact: 3, likelihood: 2}\nresidual: {impact: 1, likelihood: 1}\ntreatment:\n  decision: accept\n  rationale: Insured and encrypted\n"), "{risk}");
    assert!(!risk.contains("current"), "current_* is not kept: {risk}");
    assert!(
        stdout(&output).contains("create mitigations/M-002-asset-inventory.yaml"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_typical_soc2_spreadsheet_through_a_map() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let title: &[X] = &[X::S("Acme SOC 2 risk register (FY2026)")];
    let header: &[X] = &[
        X::S("Risk ID"),
        X::S("Risk"),
        X::S("Risk Owner"),
        X::S("Likelihood"),
        X::S("Impact"),
        X::S("Score"),
        X::S("TSC"),
        X::S("Treatment"),
        X::S("Mitigation Plan"),
        X::S("Action Owner"),
        X::S("Target Date"),
        X::S("Status"),
    ];
    let first: &[X] = &[
        X::S("R-010"),
        X::S("Customer data exfiltrated through a compromised vendor"),
        X::S("Alice Chen"),
        X::S("Likely"),
        X::F("=2*2", "4"),
        X::F("=D4*E4", "16"),
        X::S("CC9.2; CC3.2"),
        X::S("Reduce"),
        X::S("Review vendor SOC 2 reports every year"),
        X::S("bob@test.example"),
        X::D(2027, 1, 31),
        X::S("WIP"),
    ];
    let second: &[X] = &[
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::S("Add data-processing agreements to 12 vendors"),
        X::S("alice"),
        X::S("2027-02-28"),
        X::S("Open"),
    ];
    let rows: &[&[X]] = &[title, &[], header, first, second];
    let cover: &[&[X]] = &[&[X::S("Read me first")]];
    let book = inputs.write(
        "soc2.xlsx",
        workbook(&[("Cover", cover), ("Risk Register", rows)]),
    );
    let map = inputs.write(
        "map.yaml",
        "sheet: Risk Register\nheader_row: 3\ncolumns:\n  id: Risk ID\n  title: risk\n  owner: Risk Owner\n  inherent.likelihood: Likelihood\n  inherent.impact: Impact\n  criteria: TSC\n  treatment.decision: Treatment\n  action.title: Mitigation Plan\n  action.owner: Action Owner\n  action.due: Target Date\n  action.status: Status\nvalues:\n  treatment.decision: {Reduce: mitigate}\n  action.status: {Open: planned, WIP: in-progress}\n",
    );
    let output = import(
        &book,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let risk = read(
        fixture.path(),
        "risks/R-010-customer-data-exfiltrated-through-a-compromised.yaml",
    );
    assert!(risk.contains("owner: alice\nidentified: 2026-11-20\ncriteria: [CC9.2, CC3.2]\ninherent: {impact: 4, likelihood: 4}\n"), "{risk}");
    let vendor = read(
        fixture.path(),
        "mitigations/M-002-review-vendor-soc-2-reports-every.yaml",
    );
    assert!(
        vendor.contains("risks: [R-010]\nowner: bob\ndue: 2027-01-31\nstatus: in-progress\n"),
        "a date cell, a mapped status, an owner by email: {vendor}"
    );
    let dpa = read(
        fixture.path(),
        "mitigations/M-003-add-data-processing-agreements-to-12.yaml",
    );
    assert!(
        dpa.contains("risks: [R-010]\nowner: alice\ndue: 2027-02-28\nstatus: planned\n"),
        "a row with only an action continues the risk above: {dpa}"
    );
    assert!(
        stdout(&output).contains("(the map)")
            && stdout(&output).contains("check after the import: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn merged_cells_give_their_value_to_every_row_they_span() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in ["risk_id", "risk_title", "mitigation_action"]
        .into_iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, header)
            .expect("header");
    }
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(1, 0, 2, 0, "R-001", &plain)
        .expect("merge id");
    sheet
        .merge_range(
            1,
            1,
            2,
            1,
            "MFA is not enforced on production systems",
            &plain,
        )
        .expect("merge title");
    sheet
        .write_string(1, 2, "Enforce MFA through Okta")
        .expect("action");
    sheet
        .write_string(2, 2, "Remove shared admin accounts")
        .expect("action");
    let file = inputs.write("merged.xlsx", book.save_to_buffer().expect("xlsx"));
    let output = import(&file, fixture.path(), &[]);
    assert_eq!(
        code(&output),
        1,
        "the new action lacks an owner and a due date: {}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("1 created, 0 updated, 2 unchanged"),
        "{}",
        stdout(&output)
    );
    let new = read(
        fixture.path(),
        "mitigations/M-002-remove-shared-admin-accounts.yaml",
    );
    assert!(new.contains("risks: [R-001]\nstatus: planned\n"), "{new}");
}

/// An OpenDocument spreadsheet of one sheet with `rows` of (value type, value) cells.
fn ods(rows: &[&[(&str, &str)]]) -> Vec<u8> {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for (kind, value) in *row {
            match *kind {
                "date" => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{value}\"><text:p>{value}</text:p></table:table-cell>"
                )),
                "float" => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell>"
                )),
                _ => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{value}</text:p></table:table-cell>"
                )),
            }
        }
        table.push_str("</table:table-row>");
    }
    super::ods(&table)
}

#[test]
fn an_ods_spreadsheet_imports() {
    let fixture = Fixture::clean();
    let inputs = super::Inputs::new();
    let header: &[(&str, &str)] = &[
        ("string", "risk_id"),
        ("string", "risk_title"),
        ("string", "inherent_rating"),
        ("string", "mitigation_action"),
        ("string", "due_date"),
        ("string", "status"),
    ];
    let row: &[(&str, &str)] = &[
        ("string", "R-001"),
        ("string", "MFA is not enforced on production systems"),
        ("string", "3x3"),
        ("string", "Enforce MFA through Okta"),
        ("date", "2027-01-31"),
        ("string", "in-progress"),
    ];
    let file = inputs.write("register.ods", ods(&[header, row]));
    let output = import(&file, fixture.path(), &[]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("sheet Risks (riskreg's export)")
            && stdout(&output).contains("      due: 2026-12-31 -> 2027-01-31\n"),
        "{}",
        stdout(&output)
    );
}
