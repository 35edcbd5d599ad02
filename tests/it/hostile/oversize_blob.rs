//! A blob over `limits.max_file_bytes` in the history is never inflated: its size comes
//! from the object's header. The test proves it with a blob whose header is intact but
//! whose zlib checksum is wrong: inflating it fails at the end (exit 2, a damaged
//! repository), so a run that succeeds did not inflate it. History skips it like any version it cannot
//! read; a revision loaded for `diff` or `--base` gets the `yaml-syntax` finding the work
//! tree gives, naming its path.

use std::process::Output;

use serde_json::Value;

use super::{committed, root};
use crate::support::{BOB, Fixture, code, riskreg, stderr, stdout};

/// The limit the register's config sets.
const LIMIT: &str = "limits: {max_file_bytes: 1024}\n";

/// The oversize document's path.
const BIG: &str = "risks/R-002-big.yaml";

/// A risk of about 1 MiB (a long comment): valid, but over the limit.
fn big_risk() -> String {
    format!(
        "kind: risk\nid: R-002\ntitle: A big one\nowner: alice\n# {}\n",
        "x".repeat(1024 * 1024)
    )
}

/// A register (limit 1 KiB) committed on 2026-10-01, then [`BIG`] committed on 2026-10-05,
/// whose loose object then gets a wrong checksum (its last byte flipped): its header still
/// says how big it is, but inflating it fails.
fn repository() -> (Fixture, u64) {
    let fixture = committed(LIMIT);
    let big = big_risk();
    fixture.write(BIG, &big);
    fixture.commit("2026-10-05", BOB, "Add a big risk");
    let object = fixture.object_path(&stdout(
        &fixture.git(&["rev-parse", &format!("HEAD:{BIG}")]),
    ));
    let mut bytes = std::fs::read(&object).expect("the loose object");
    if let Some(last) = bytes.last_mut() {
        *last ^= 0xff;
    }
    std::fs::remove_file(&object).expect("remove the object");
    std::fs::write(&object, &bytes).expect("write the damaged object");
    (fixture, big.len() as u64)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("JSON ({error}): {}{}", stdout(output), stderr(output)))
}

/// The message of the `yaml-syntax` finding of a file of `size` bytes over the limit.
fn too_large(size: u64) -> String {
    format!("the file is {size} bytes, over the limit of 1024 bytes")
}

#[test]
fn the_repository_really_is_damaged_past_the_header() {
    let (fixture, _) = repository();
    let output = fixture.git_unchecked(&["cat-file", "-p", &format!("HEAD:{BIG}")]);
    assert!(!output.status.success(), "git can no longer read the blob");
    let size = fixture.git(&["cat-file", "-s", &format!("HEAD:{BIG}")]);
    assert!(
        stdout(&size).trim().parse::<u64>().is_ok(),
        "but its header is intact"
    );
}

#[test]
fn history_skips_an_oversize_blob_without_inflating_it() {
    let (fixture, size) = repository();
    let output = riskreg(&["history", "--root", root(&fixture), "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let ids: Vec<String> = json(&output)["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|document| document["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(!ids.contains(&"R-002".to_owned()), "{ids:?}");
    assert!(
        ids.contains(&"R-001".to_owned()),
        "the rest is there: {ids:?}"
    );

    // `check` reads the same history; the work tree's copy is refused by its size alone.
    let check = fixture.check(&["--format", "json"]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    let findings = crate::support::json_findings(&check);
    assert_eq!(
        findings,
        [crate::support::found(
            "yaml-syntax",
            BIG,
            1,
            1,
            &too_large(size)
        )]
    );
}

#[test]
fn a_revision_with_an_oversize_blob_gives_a_finding_naming_its_path() {
    let (fixture, size) = repository();
    let output = riskreg(&[
        "diff",
        "--root",
        root(&fixture),
        "HEAD~1",
        "HEAD",
        "--format",
        "json",
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let new: Vec<(String, String, String)> = json(&output)["new_findings"]
        .as_array()
        .expect("new findings")
        .iter()
        .map(|finding| {
            let text = |key: &str| finding[key].as_str().unwrap_or_default().to_owned();
            (text("rule"), text("path"), text("message"))
        })
        .collect();
    assert_eq!(
        new,
        [("yaml-syntax".to_owned(), BIG.to_owned(), too_large(size))]
    );

    // The same file at the base of a check: the finding is already there, so not new.
    let check = fixture.check(&["--base", "HEAD", "--format", "json"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    assert_eq!(
        stderr(&check),
        "note: 1 finding already present at HEAD not shown (--base)\n"
    );
}
