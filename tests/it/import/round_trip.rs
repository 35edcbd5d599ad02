//! Round trips: importing a register's own export (CSV and XLSX) changes no byte; a
//! re-import that changes a status and a due date changes exactly those lines; `--dry-run`
//! writes nothing; the XLSX export reads back with a real reader.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

use super::{copy_dir, files, import, read};
use crate::support::{AS_OF, Fixture, code, riskreg, stderr, stdout};

/// Exports the register at `root` as `format` into `out`.
fn export(root: &Path, format: &str, out: &Path) {
    let output = riskreg(&[
        "export",
        root.to_str().expect("path"),
        "--as-of",
        AS_OF,
        "--no-history",
        "--format",
        format,
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(code(&output), 0, "export: {}", stderr(&output));
}

/// Exports the register as CSV and XLSX, imports each back, and checks that no file changed.
fn assert_round_trip(root: &Path, documents: usize) {
    let before = files(root);
    let exports = tempfile::tempdir().expect("tempdir");
    for format in ["csv", "xlsx"] {
        let file = exports.path().join(format!("register.{format}"));
        export(root, format, &file);
        let output = import(&file, root, &[]);
        assert_ne!(code(&output), 2, "{format}: {}", stderr(&output));
        assert!(
            stdout(&output).contains(&format!("0 created, 0 updated, {documents} unchanged")),
            "{format}: {}",
            stdout(&output)
        );
        assert!(
            files(root) == before,
            "{format}: importing the export changed a file"
        );
    }
}

#[test]
fn importing_acmes_exports_changes_no_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("acme");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme"),
        &root,
    );
    assert_round_trip(&root, 66);
}

#[test]
fn importing_a_generated_registers_exports_changes_no_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("generated");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .args(["-p", "gen-register", "--"])
        .arg(&root)
        .args(["--risks", "50", "--mitigations", "100", "--defects", "0"])
        .output()
        .expect("run the generator");
    assert!(
        output.status.success(),
        "generator: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_round_trip(&root, 150);
}

/// A mitigation with comments, flow and block styles and quoting the import must keep.
const COMMENTED: &str = "\
# yaml-language-server: $schema=../schemas/mitigation.schema.json
# Owned by the platform team; see the runbook.
kind: mitigation
id: M-001
title: 'Enforce MFA through Okta'   # the wording the auditor saw
risks: [R-001]
owner: bob
due: 2026-12-31    # agreed in the Q3 review
status: in-progress

evidence:
  - https://wiki.test.example/mfa   # rollout plan
";

#[test]
fn a_reimport_changes_exactly_the_changed_lines() {
    let fixture = Fixture::clean();
    fixture.write(crate::support::MITIGATION_PATH, COMMENTED);
    let before = files(fixture.path());
    let exports = tempfile::tempdir().expect("tempdir");
    let csv = exports.path().join("register.csv");
    export(fixture.path(), "csv", &csv);
    let text = std::fs::read_to_string(&csv).expect("csv");
    let edited = text.replacen(",2026-12-31,in-progress,", ",2027-01-31,blocked,", 1);
    assert_ne!(edited, text, "the export has the action's row: {text}");
    std::fs::write(&csv, edited).expect("write csv");
    let output = import(&csv, fixture.path(), &[]);
    assert!(
        stdout(&output).contains(
            "      due: 2026-12-31 -> 2027-01-31\n      status: in-progress -> blocked\n"
        ),
        "{}",
        stdout(&output)
    );
    let after = files(fixture.path());
    for (path, bytes) in &before {
        if path != crate::support::MITIGATION_PATH {
            assert!(after.get(path) == Some(bytes), "{path} changed");
        }
    }
    let old: Vec<&str> = COMMENTED.lines().collect();
    let new_text = read(fixture.path(), crate::support::MITIGATION_PATH);
    let new: Vec<&str> = new_text.lines().collect();
    assert_eq!(old.len(), new.len(), "{new_text}");
    let changed: Vec<(&str, &str)> = old
        .iter()
        .zip(&new)
        .filter(|(old, new)| old != new)
        .map(|(old, new)| (*old, *new))
        .collect();
    assert_eq!(
        changed,
        [
            (
                "due: 2026-12-31    # agreed in the Q3 review",
                "due: 2027-01-31    # agreed in the Q3 review"
            ),
            ("status: in-progress", "status: blocked"),
        ]
    );
    assert!(new_text.ends_with('\n'));
}

#[test]
fn dry_run_prints_every_change_field_by_field_and_writes_nothing() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let before = files(fixture.path());
    let csv = inputs.write(
        "sheet.csv",
        "risk_id,risk_title,risk_owner,inherent_rating,mitigation_action,status,due_date\n\
         R-001,MFA is not enforced on production systems,alice,4x3,Enforce MFA through Okta,completed,2026-12-31\n\
         R-002,Laptops are not encrypted,bob,3x3,Turn on FileVault,planned,2027-03-31\n",
    );
    let output = import(&csv, fixture.path(), &["--dry-run"]);
    let printed = stdout(&output);
    for line in [
        "  create risks/R-002-laptops-are-not-encrypted.yaml (R-002)\n      title: Laptops are not encrypted\n",
        "      inherent: 3x3\n",
        "  create mitigations/M-002-turn-on-filevault.yaml (M-002)\n",
        "  update risks/R-001-mfa.yaml (R-001)\n      inherent.impact: 3 -> 4\n",
        "  update mitigations/M-001-okta-mfa.yaml (M-001)\n      status: in-progress -> completed\n",
        "2 to create, 2 to update, 0 unchanged (--dry-run: nothing written)\n",
        "check after the import: ",
    ] {
        assert!(printed.contains(line), "missing {line:?} in:\n{printed}");
    }
    assert_eq!(
        code(&output),
        1,
        "the completed action has no completed_on: {printed}"
    );
    assert!(files(fixture.path()) == before, "--dry-run wrote a file");
}

#[test]
fn the_xlsx_export_reads_back_with_calamine() {
    let fixture = Fixture::clean();
    fixture.write(
        crate::support::MITIGATION_PATH,
        crate::support::MITIGATION.replace(
            "Enforce MFA through Okta",
            "\"=HYPERLINK(\\\"http://x.example\\\")\"",
        ),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("register.xlsx");
    export(fixture.path(), "xlsx", &file);
    let mut book: Xlsx<_> = calamine::open_workbook(&file).expect("a workbook calamine reads");
    assert_eq!(
        book.sheet_names(),
        ["Risks", "Heat maps", "Method", "Findings"]
    );
    let risks = book.worksheet_range("Risks").expect("Risks");
    let header: Vec<String> = risks
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[..3], ["risk_id", "risk_title", "risk_description"]);
    let row: Vec<&Data> = risks.rows().nth(1).expect("a row").iter().collect();
    let due = header
        .iter()
        .position(|name| name == "due_date")
        .expect("due_date");
    assert!(
        matches!(row[due], Data::DateTime(_)),
        "a date cell: {:?}",
        row[due]
    );
    let action = header
        .iter()
        .position(|name| name == "mitigation_action")
        .expect("column");
    assert_eq!(
        row[action],
        &Data::String("=HYPERLINK(\"http://x.example\")".to_owned()),
        "text, not a formula"
    );
    let formulas = book.worksheet_formula("Risks").expect("formulas");
    assert!(
        formulas.used_cells().next().is_none(),
        "no cell is a formula"
    );
    let method = book.worksheet_range("Method").expect("Method");
    let texts: Vec<String> = method
        .cells()
        .map(|(_, _, cell)| cell.to_string())
        .collect();
    for expected in [
        "Scales",
        "Levels (score = impact x likelihood)",
        "Appetite",
        "Almost certain",
        "critical",
    ] {
        assert!(
            texts.iter().any(|text| text == expected),
            "Method lacks {expected}: {texts:?}"
        );
    }
    let heat = book.worksheet_range("Heat maps").expect("Heat maps");
    let heat_texts: Vec<String> = heat.cells().map(|(_, _, cell)| cell.to_string()).collect();
    assert!(
        heat_texts.iter().any(|text| text == "Inherent (1 risks)"),
        "{heat_texts:?}"
    );
    assert!(
        heat_texts.iter().any(|text| text == "R-001"),
        "{heat_texts:?}"
    );
}
