//! The limits that protect the runner are the command line's: a config (which a pull
//! request can change) can lower `limits.max_file_bytes`, and asking for more is capped
//! with a note; only `--max-file-bytes` raises it.

use super::committed;
use crate::support::{BOB, Fixture, code, found, json_findings, mitigation, stderr};

/// Where the 4 KiB mitigation is.
const BIG: &str = "mitigations/M-002-big.yaml";

/// A committed register whose config asks for `limit` bytes, plus a valid mitigation of
/// about 4 KiB (a long comment); returns its size.
fn register(limit: u64) -> (Fixture, u64) {
    let fixture = committed(&format!("limits: {{max_file_bytes: {limit}}}\n"));
    let big = format!(
        "{}# {}\n",
        mitigation("M-002", "due: 2026-12-31\nstatus: in-progress\n"),
        "x".repeat(4 * 1024)
    );
    fixture.write(BIG, &big);
    fixture.commit("2026-10-02", BOB, "Add M-002");
    (fixture, big.len() as u64)
}

/// The size findings of a check with extra arguments.
fn size_findings(fixture: &Fixture, extra: &[&str]) -> (Vec<crate::support::Found>, String) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let output = fixture.check(&args);
    (json_findings(&output), stderr(&output))
}

fn over(size: u64, limit: u64) -> crate::support::Found {
    found(
        "yaml-syntax",
        BIG,
        1,
        1,
        &format!("the file is {size} bytes, over the limit of {limit} bytes"),
    )
}

#[test]
fn a_config_cannot_raise_the_file_limit() {
    let (fixture, size) = register(100_000_000);
    let (findings, notes) = size_findings(&fixture, &["--max-file-bytes", "2048"]);
    assert_eq!(findings, [over(size, 2048)]);
    let config = fixture.path().join("riskreg.yaml");
    assert!(
        notes.contains(&format!(
            "note: {} asks for limits.max_file_bytes: 100000000, above the 2048 bytes allowed; using 2048 (a config can lower this limit; only --max-file-bytes raises it)\n",
            config.display()
        )),
        "{notes}"
    );
    // Without the flag, the cap is riskreg's default (5 MiB).
    let (findings, notes) = size_findings(&fixture, &[]);
    assert!(findings.is_empty(), "{findings:?}");
    assert!(notes.contains("above the 5242880 bytes allowed"), "{notes}");
}

#[test]
fn the_flag_raises_the_limit_and_the_config_lowers_it() {
    let (fixture, size) = register(5_000_000);
    let (findings, notes) = size_findings(&fixture, &["--max-file-bytes", "8192"]);
    assert!(findings.is_empty(), "{findings:?}");
    assert!(
        notes.contains("asks for limits.max_file_bytes: 5000000"),
        "{notes}"
    );

    let (fixture, size_again) = register(1024);
    assert_eq!(size, size_again);
    let (findings, notes) = size_findings(&fixture, &["--max-file-bytes", "8192"]);
    assert_eq!(
        findings,
        [over(size, 1024)],
        "the config's lower limit holds"
    );
    assert!(!notes.contains("limits.max_file_bytes"), "{notes}");
}

#[test]
fn every_command_that_reads_files_takes_the_flag() {
    for command in ["check", "report", "export", "diff", "history"] {
        let help = crate::support::stdout(&crate::support::riskreg(&[command, "--help"]));
        assert!(
            help.contains("--max-file-bytes <BYTES>"),
            "riskreg {command} --help: {help}"
        );
    }
    let output = crate::support::riskreg(&["check", "--max-file-bytes", "0"]);
    assert_eq!(code(&output), 2, "a limit of 0 is refused");
}
