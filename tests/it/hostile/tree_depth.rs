//! A tree nested 20,000 levels deep (a few hundred kilobytes of objects) makes every
//! command that reads history exit 2 with a clear message, never overflow the stack; a
//! tree within the bound is read as usual.

use git2::{ObjectType, Oid, Repository, Signature, Time};

use super::{committed, root};
use crate::support::{Fixture, code, riskreg, stderr, stdout};

/// A raw tree object with one entry.
fn tree_entry(mode: &str, name: &str, id: Oid) -> Vec<u8> {
    let mut data = format!("{mode} {name}\0").into_bytes();
    data.extend_from_slice(id.as_bytes());
    data
}

/// Stores a folder holding `levels` folders (`a/a/...`) nested in each other around one
/// risk, and returns its tree's ID. The objects are built in memory and stored as one pack:
/// written one by one, 20,000 loose objects take seconds.
fn store_nested_folder(fixture: &Fixture, levels: usize) -> Oid {
    let repo = Repository::open(fixture.path()).expect("open the repository");
    let odb = repo.odb().expect("odb");
    let memory = odb.add_new_mempack_backend(1000).expect("mempack");
    let risk = "kind: risk\nid: R-009\ntitle: Deep down\nowner: alice\n";
    let blob = odb.write(ObjectType::Blob, risk.as_bytes()).expect("blob");
    let mut folder = odb
        .write(
            ObjectType::Tree,
            &tree_entry("100644", "R-009-deep.yaml", blob),
        )
        .expect("tree");
    let mut objects = vec![blob, folder];
    for _ in 0..levels {
        folder = odb
            .write(ObjectType::Tree, &tree_entry("40000", "a", folder))
            .expect("tree");
        objects.push(folder);
    }
    let mut packer = repo.packbuilder().expect("packbuilder");
    for object in &objects {
        packer.insert_object(*object, None).expect("insert");
    }
    let mut pack = git2::Buf::new();
    packer.write_buf(&mut pack).expect("pack");
    let mut writer = odb.packwriter().expect("packwriter");
    std::io::Write::write_all(&mut writer, &pack).expect("write the pack");
    writer.commit().expect("index the pack");
    memory.reset().expect("reset");
    folder
}

/// Commits, on top of HEAD, the register plus a folder `deep` holding `levels` folders
/// nested in each other around one risk, then a commit that removes `deep` again (so the
/// work tree stays as it is). Returns the ID of the commit that holds the deep folder.
fn commit_deep_folder(fixture: &Fixture, levels: usize) -> String {
    let folder = store_nested_folder(fixture, levels);
    let repo = Repository::open(fixture.path()).expect("open the repository");
    let head = repo
        .head()
        .and_then(|head| head.peel_to_commit())
        .expect("HEAD");
    let mut builder = repo
        .treebuilder(Some(&head.tree().expect("tree")))
        .expect("builder");
    builder.insert("deep", folder, 0o040000).expect("insert");
    let deep_tree = repo
        .find_tree(builder.write().expect("write"))
        .expect("tree");
    let at = |time| Signature::new("Bob Ito", "bob@test.example", &Time::new(time, 0));
    // 2026-10-08 and 2026-10-09, noon UTC: after the register's first commit.
    let (nested, removed) = (
        at(1_791_460_800).expect("who"),
        at(1_791_547_200).expect("who"),
    );
    let deep = repo
        .commit(
            Some("HEAD"),
            &nested,
            &nested,
            "Nest a folder",
            &deep_tree,
            &[&head],
        )
        .expect("commit");
    let deep_commit = repo.find_commit(deep).expect("commit");
    repo.commit(
        Some("HEAD"),
        &removed,
        &removed,
        "Remove it again",
        &head.tree().expect("tree"),
        &[&deep_commit],
    )
    .expect("commit");
    deep.to_string()
}

#[test]
fn a_tree_nested_20000_levels_deep_stops_every_history_reader_with_exit_2() {
    let fixture = committed("");
    let deep = commit_deep_folder(&fixture, 20_000);
    let root = root(&fixture);
    let short = &deep[..7];
    let in_history = format!(
        "error: the git repository holds, at commit {short}, a folder nested more than 256 levels below the register; riskreg reads no tree that deep\n"
    );
    let at_revision = format!(
        "error: the git repository holds, at `{deep}`, a folder nested more than 256 levels below the register; riskreg reads no tree that deep\n"
    );
    let cases: [(&[&str], &str); 8] = [
        (&["check", root], &in_history),
        (&["report", root, "--format", "md"], &in_history),
        (&["export", root], &in_history),
        (&["history", "--root", root], &in_history),
        (&["diff", "--root", root, "HEAD"], &in_history),
        (&["check", root, "--base", &deep], &in_history),
        (
            &["check", root, "--no-history", "--base", &deep],
            &at_revision,
        ),
        (
            &["diff", "--root", root, "--no-history", &deep, "HEAD"],
            &at_revision,
        ),
    ];
    for (args, message) in cases {
        let output = riskreg(args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        let shown = stderr(&output);
        assert!(shown.ends_with(message), "{args:?}: {shown}");
    }
}

#[test]
fn the_bound_is_256_levels_below_the_register() {
    let fixture = committed("");
    // `deep` and 255 folders in it: 256 levels, the most riskreg reads.
    commit_deep_folder(&fixture, 255);
    let output = riskreg(&["history", "--root", root(&fixture), "R-009"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(shown.contains("added as deep/a/a/"), "{shown}");
    assert!(shown.contains("removed (deep/a/a/"), "{shown}");

    let fixture = committed("");
    commit_deep_folder(&fixture, 256);
    let output = riskreg(&["history", "--root", root(&fixture), "R-009"]);
    assert_eq!(code(&output), 2, "one level more: {}", stderr(&output));
}
