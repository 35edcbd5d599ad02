//! Bad input: every unreadable cell reported at once (file, sheet, row, column, value, hint)
//! with nothing written; damaged, encrypted and empty workbooks; a map naming a missing
//! header; writes through symbolic links; 100,000 rows.

use super::{X, files, import, workbook};
use crate::support::{Fixture, code, stderr, stdout};

const MAP: &str = "\
sheet: Risks
columns:
  id: ID
  title: Title
  owner: Owner
  inherent.likelihood: Likelihood
  inherent.impact: Impact
  treatment.decision: Treatment
  action.title: Action
  action.due: Due
";

#[test]
fn every_unreadable_cell_is_reported_at_once_and_nothing_is_written() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let header: &[X] = &[
        X::S("ID"),
        X::S("Title"),
        X::S("Owner"),
        X::S("Likelihood"),
        X::S("Impact"),
        X::S("Treatment"),
        X::S("Action"),
        X::S("Due"),
    ];
    let bad: &[X] = &[
        X::S("R-005"),
        X::S("Shared admin password"),
        X::S("nobody"),
        X::S("High-ish"),
        X::N(3.0),
        X::S("Reduce"),
        X::S("Rotate it"),
        X::S("31/02/2026"),
    ];
    let duplicate: &[X] = &[
        X::S("R-005"),
        X::S("Another title"),
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
        X::E,
    ];
    let bad_id: &[X] = &[
        X::N(7.0),
        X::S("Numbered risk"),
        X::E,
        X::N(2.0),
        X::N(2.0),
        X::E,
        X::E,
        X::E,
    ];
    let rows: &[&[X]] = &[header, bad, duplicate, bad_id];
    let book = inputs.write("bad.xlsx", workbook(&[("Risks", rows)]));
    let map = inputs.write("map.yaml", MAP);
    let before = files(fixture.path());
    let output = import(
        &book,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert_eq!(code(&output), 2);
    let errors = stderr(&output);
    let file = book.display().to_string();
    for expected in [
        format!(
            "error: {file}, sheet Risks, row 2, column C (Owner): \"nobody\" is no owner in riskreg.yaml\n  hint: add them to `owners:` in riskreg.yaml, or use an ID, name or email of one: alice, bob, ceo"
        ),
        format!(
            "error: {file}, sheet Risks, row 2, column D (Likelihood): \"High-ish\" is not a likelihood of the scale\n  hint: use 1 to 5 or one of Rare, Unlikely, Possible, Likely, Almost certain"
        ),
        format!(
            "error: {file}, sheet Risks, row 2, column F (Treatment): \"Reduce\" is not a treatment decision\n  hint: use mitigate, accept, transfer or avoid, or map the word"
        ),
        format!(
            "error: {file}, sheet Risks, row 2, column H (Due): \"31/02/2026\" is not a date\n  hint: write dates as YYYY-MM-DD"
        ),
        format!(
            "error: {file}, sheet Risks, row 3, column B (Title): \"Another title\" differs from row 2 (Shared admin password) for the same document"
        ),
        format!("error: {file}, sheet Risks, row 4, column A (ID): \"7\" is not an ID"),
        "error: 6 problems in the import; nothing was written".to_owned(),
    ] {
        assert!(
            errors.contains(&expected),
            "missing:\n{expected}\nin:\n{errors}"
        );
    }
    assert!(files(fixture.path()) == before, "a file was written");
}

#[test]
fn a_header_the_map_names_but_the_sheet_lacks() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let csv = inputs.write(
        "sheet.csv",
        "ID;Title;Owner;Likelihod;Impact;Treatment;Action;Due\n",
    );
    let map = inputs.write("map.yaml", MAP.replace("sheet: Risks\n", ""));
    let output = import(
        &csv,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("map.yaml: the map names the header `Likelihood` for `inherent.likelihood`, but row 1 of the sheet has no such header\n  hint: did you mean `Likelihod`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unknown_headers_unknown_fields_and_bad_maps() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let csv = inputs.write("sheet.csv", "Risk,Owner\nA,b\n");
    let output = import(&csv, fixture.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("the headers in row 1 are neither riskreg's export nor CISO Assistant's: Risk, Owner\n  hint: write a map (--map MAP.yaml)"), "{}", stderr(&output));
    let map = inputs.write("map.yaml", "columns:\n  titel: Risk\n");
    let output = import(
        &csv,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert!(
        stderr(&output)
            .contains("`columns` names the unknown field `titel`\n  hint: did you mean `title`?"),
        "{}",
        stderr(&output)
    );
    let map = inputs.write("map.yaml", "colums: {}\n");
    let output = import(
        &csv,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert!(
        stderr(&output).contains("unknown field `colums`"),
        "{}",
        stderr(&output)
    );
    let map = inputs.write("map.yaml", "columns: {a: 1, a: 2}\n");
    let output = import(
        &csv,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert!(
        stderr(&output).contains("line 1: duplicate key `a`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn damaged_encrypted_and_empty_workbooks_are_refused_with_a_reason() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let before = files(fixture.path());
    let good = workbook(&[(
        "Risks",
        &[
            &[X::S("risk_id"), X::S("risk_title")],
            &[X::S("R-9"), X::S("T")],
        ],
    )]);
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(std::iter::repeat_n(0u8, 600));
    let empty = workbook(&[("Risks", &[])]);
    for (name, bytes, reason) in [
        (
            "encrypted.xlsx",
            encrypted,
            "the workbook is encrypted (password-protected) or in the old .xls format",
        ),
        (
            "cut.xlsx",
            good[..good.len() / 2].to_vec(),
            "the file is not an XLSX workbook or is damaged",
        ),
        (
            "text.xlsx",
            b"risk_id,risk_title\n".to_vec(),
            "the file is not an XLSX workbook or is damaged",
        ),
        (
            "garbage.ods",
            vec![7u8; 300],
            "the file is not an ODS spreadsheet or is damaged",
        ),
        ("empty.xlsx", empty, "sheet Risks: the sheet is empty"),
        ("empty.csv", Vec::new(), "the sheet is empty"),
        (
            "latin1.csv",
            b"risk_id,risk_title\nR-9,caf\xE9\n".to_vec(),
            "the file is not UTF-8: invalid byte at line 2",
        ),
        ("old.xls", Vec::new(), "an Excel 97-2003 workbook (.xls)"),
    ] {
        let file = inputs.write(name, bytes);
        let output = import(&file, fixture.path(), &[]);
        assert_eq!(code(&output), 2, "{name}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(reason),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("hint: "),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{name}: {}",
            stderr(&output)
        );
    }
    let map = inputs.write("map.yaml", "sheet: Register\ncolumns: {id: risk_id}\n");
    let file = inputs.write("good.xlsx", &good);
    let output = import(
        &file,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert!(
        stderr(&output).contains("the workbook has no sheet named `Register`; its sheets: Risks"),
        "{}",
        stderr(&output)
    );
    assert!(files(fixture.path()) == before);
}

#[cfg(unix)]
#[test]
fn import_never_writes_through_a_symbolic_link() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", crate::support::CONFIG);
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(elsewhere.path(), fixture.path().join("risks")).expect("symlink");
    let csv = inputs.write(
        "sheet.csv",
        "risk_id,risk_title\nR-001,Laptops are stolen\n",
    );
    let output = import(&csv, fixture.path(), &[]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).contains("is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("dir").count(), 0);
}

#[test]
fn a_document_that_does_not_parse_stops_the_import() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    fixture.write("risks/R-002-broken.yaml", "kind: risk\nid: [unclosed\n");
    let csv = inputs.write(
        "sheet.csv",
        "risk_id,risk_title\nR-003,Laptops are stolen\n",
    );
    let output = import(&csv, fixture.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("risks/R-002-broken.yaml does not parse as YAML"),
        "{}",
        stderr(&output)
    );
    assert!(
        !fixture
            .path()
            .join("risks/R-003-laptops-are-stolen.yaml")
            .exists()
    );
}

#[test]
fn a_hundred_thousand_rows_import() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let mut csv =
        String::from("risk_id,risk_title,inherent_rating,action_id,mitigation_action,status\n");
    for row in 0..100_000 {
        let risk = row % 100;
        let action = row % 250;
        csv.push_str(&format!(
            "R-{risk:03},Risk number {risk},3x3,M-{action:03},Action number {action},planned\n"
        ));
    }
    let file = inputs.write("big.csv", csv);
    let output = import(&file, fixture.path(), &["--dry-run"]);
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("348 to create, 2 to update, 0 unchanged (--dry-run: nothing written)"),
        "{}",
        stdout(&output).lines().rev().nth(1).unwrap_or_default()
    );
}

/// A few hundred bytes of ODS that calamine would expand into a grid of 100 million cells
/// (gigabytes) are refused before it is read; a filled cell far from the others, and row
/// elements each widened to the last column, count the same way.
#[test]
fn an_ods_sheet_that_expands_past_the_cell_limit_is_refused_unread() {
    let inputs = super::Inputs::new();
    let fixture = Fixture::clean();
    let before = files(fixture.path());
    let cell = |repeat: u32| {
        format!(
            "<table:table-cell table:number-columns-repeated=\"{repeat}\" \
             office:value-type=\"string\"><text:p>x</text:p></table:table-cell>"
        )
    };
    let repeated_rows = format!(
        "<table:table-row table:number-rows-repeated=\"1048576\">{}</table:table-row>",
        cell(100)
    );
    let far_apart = format!(
        "<table:table-row>{}</table:table-row>\
         <table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/>{}</table:table-row>",
        cell(1),
        cell(1)
    );
    let wide_rows = format!("<table:table-row>{}</table:table-row>", cell(16384)).repeat(1300);
    for (name, table, cells) in [
        ("repeated.ods", repeated_rows, "104857600"),
        ("far.ods", far_apart, "16769080002"),
        ("wide.ods", wide_rows, "20004864"),
    ] {
        let file = inputs.write(name, super::ods(&table));
        let output = import(&file, fixture.path(), &[]);
        assert_eq!(code(&output), 2, "{name}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(&format!(
                "the sheet spans {cells} cells once its repeated rows and columns are expanded, \
                 more than the 20000000 riskreg reads"
            )),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("hint: delete the unused rows"),
            "{name}"
        );
    }
    assert!(files(fixture.path()) == before, "a file was written");
}
