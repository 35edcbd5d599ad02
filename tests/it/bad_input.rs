//! Bad input gets a clear finding or error, never a panic or a hang, and loses nothing:
//! the other documents are still checked.

use crate::support::{Fixture, code, found, riskreg, stderr, stdout};

/// A clean register plus one bad file; returns the findings other than the clean ones.
fn with_file(path: &str, bytes: impl AsRef<[u8]>) -> (Fixture, Vec<crate::support::Found>) {
    let fixture = Fixture::clean();
    fixture.write(path, bytes);
    let findings = fixture.findings();
    (fixture, findings)
}

#[test]
fn invalid_yaml() {
    let (fixture, findings) = with_file(
        "risks/R-002-broken.yaml",
        "kind: risk\nid: [R-002\ntitle: x\n",
    );
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-broken.yaml",
            3,
            6,
            "invalid YAML: illegal placement of ':' indicator"
        )]
    );
    assert_eq!(code(&fixture.check(&[])), 1);
}

#[test]
fn duplicate_key() {
    let (_, findings) = with_file(
        "risks/R-002-dup.yaml",
        "kind: risk\nid: R-002\nowner: bob\nowner: alice\n",
    );
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-dup.yaml",
            4,
            1,
            "duplicate key `owner` (first at line 3)"
        )]
    );
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let (_, findings) = with_file("risks/R-002-bomb.yaml", text);
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-bomb.yaml",
            5,
            8,
            "aliases expand to more than 10000 nodes; refusing what looks like an alias bomb"
        )]
    );
}

#[test]
fn deep_flow_nesting() {
    let text = format!(
        "kind: risk\nid: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (_, findings) = with_file("risks/R-002-deep.yaml", text);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].0, "yaml-syntax");
    assert_eq!(
        (findings[0].2, findings[0].1.as_str()),
        (2, "risks/R-002-deep.yaml")
    );
}

#[test]
fn deep_block_nesting() {
    let text = "- ".repeat(2_000) + "x\n";
    let (_, findings) = with_file("risks/R-002-deep.yaml", text);
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-deep.yaml",
            1,
            129,
            "mappings and sequences nest more than 64 levels deep"
        )]
    );
}

#[test]
fn file_over_the_size_limit() {
    let big = format!("# {}\nkind: risk\n", "x".repeat(6 * 1024 * 1024));
    let (fixture, findings) = with_file("risks/R-002-big.yaml", &big);
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-big.yaml",
            1,
            1,
            "the file is 6291470 bytes, over the limit of 5242880 bytes"
        )]
    );
    fixture.write(
        "riskreg.yaml",
        format!(
            "{}limits: {{max_file_bytes: 100}}\n",
            crate::support::CONFIG
        ),
    );
    let over: Vec<String> = fixture
        .findings()
        .into_iter()
        .map(|found| found.1)
        .collect();
    assert!(
        over.contains(&"risks/R-001-mfa.yaml".to_owned()),
        "the limit is configurable: {over:?}"
    );
}

#[test]
fn binary_file() {
    let (_, findings) = with_file(
        "risks/R-002-image.yaml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-image.yaml",
            1,
            1,
            "this is a binary file (a NUL byte at offset 8), not YAML text"
        )]
    );
}

#[test]
fn non_utf8_file() {
    let (_, findings) = with_file("risks/R-002-latin1.yaml", b"kind: risk\ntitle: caf\xe9\n");
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-latin1.yaml",
            2,
            11,
            "the file is not UTF-8: invalid byte at line 2, column 11"
        )]
    );
}

#[test]
fn empty_file() {
    let (_, findings) = with_file("risks/R-002-empty.yaml", "");
    assert_eq!(
        findings,
        vec![found(
            "schema",
            "risks/R-002-empty.yaml",
            1,
            1,
            "the file is empty"
        )]
    );
    let (_, findings) = with_file("risks/R-002-comments.yaml", "# to do\n");
    assert_eq!(
        findings,
        vec![found(
            "schema",
            "risks/R-002-comments.yaml",
            1,
            1,
            "the file is empty"
        )]
    );
}

#[test]
fn two_documents_in_one_file() {
    let (_, findings) = with_file(
        "risks/R-002-two.yaml",
        "kind: risk\nid: R-002\n---\nkind: risk\nid: R-003\n",
    );
    assert_eq!(
        findings,
        vec![found(
            "yaml-syntax",
            "risks/R-002-two.yaml",
            3,
            1,
            "a second YAML document starts here; a file holds one document"
        )]
    );
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_register_is_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    let target = outside.path().join("secret.yaml");
    std::fs::write(&target, "kind: risk\nid: LEAK\n").expect("write");
    let fixture = Fixture::clean();
    std::os::unix::fs::symlink(&target, fixture.path().join("risks/R-002-link.yaml"))
        .expect("symlink");
    assert_eq!(fixture.findings(), vec![]);
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains(
            "note: skipped risks/R-002-link.yaml: a symbolic link (it points outside the register)"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!stdout(&output).contains("LEAK"));
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = Fixture::clean();
    let path = fixture.write("risks/R-002-locked.yaml", "kind: risk\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("unreadable_file: skipped, this user (root?) can read a mode-000 file");
        return;
    }
    assert_eq!(
        fixture.findings(),
        vec![found(
            "yaml-syntax",
            "risks/R-002-locked.yaml",
            1,
            1,
            "cannot read the file: Permission denied (os error 13)"
        )]
    );
}

#[cfg(unix)]
#[test]
fn special_file_is_skipped_not_read() {
    let fixture = Fixture::clean();
    let fifo = fixture.path().join("risks/R-002-pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("special_file_is_skipped_not_read: skipped, mkfifo is not available");
        return;
    }
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 0, "a FIFO must not block the check");
    assert!(stderr(&output).contains("note: skipped risks/R-002-pipe.yaml: not a regular file"));
}

#[test]
fn missing_config() {
    let folder = tempfile::tempdir().expect("tempdir");
    let output = riskreg(&["check", folder.path().to_str().expect("UTF-8")]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.starts_with("error: no register found: no riskreg.yaml in "),
        "{message}"
    );
    assert!(
        message.contains("a register's riskreg.yaml needs at least:"),
        "{message}"
    );
    assert!(message.contains("version: 1"), "{message}");
}

#[test]
fn invalid_config() {
    let fixture = Fixture::clean();
    fixture.write(
        "riskreg.yaml",
        "version: 1\norganization: Test Co\nowners:\n  - {id: alice, approver: yes}\n",
    );
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("`owners[0].approver` should be a boolean, found a string"),
        "{message}"
    );
    assert!(message.contains("riskreg.yaml:4:27"), "{message}");
    assert!(
        message.ends_with("error: riskreg.yaml is not valid (1 problem); fix it and run again\n"),
        "{message}"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn config_that_is_not_yaml() {
    let fixture = Fixture::clean();
    fixture.write("riskreg.yaml", "version: 1\norganization: [Test\n");
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("yaml-syntax"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unknown_kind() {
    let (_, findings) = with_file(
        "risks/R-002-threat.yaml",
        "kind: threat\nid: R-002\ntitle: x\n",
    );
    assert_eq!(
        findings,
        vec![found(
            "schema",
            "risks/R-002-threat.yaml",
            1,
            7,
            "unknown kind `threat`"
        )]
    );
}

#[test]
fn bad_as_of_is_a_usage_error() {
    let fixture = Fixture::clean();
    assert_eq!(code(&fixture.check(&["--as-of", "2026-13-01"])), 2);
}
