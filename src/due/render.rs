//! The reminders as text: a list for the terminal, and one Markdown issue body per owner
//! (a checklist, most urgent first, behind a hidden marker that finds the issue again).

use crate::escape::{markdown, terminal, uri};
use crate::model::{DueItem, DueKind, DueList, OwnerDue};

/// Where the files are on the web, for links in the issue bodies.
pub struct Links {
    /// The URL files are under (`https://github.com/ORG/REPO/blob/SHA`); `None` writes no
    /// links, only the paths.
    pub base: Option<String>,
    /// The register's folder within the repository (`compliance/`), or empty at its top.
    pub prefix: String,
}

/// The hidden first line of an owner's issue body: `<!-- riskreg-due owner=ID -->`, the ID
/// percent-encoded but for letters, digits and `-._~/`, so nothing in it ends the comment.
pub fn marker(owner: &str) -> String {
    format!("<!-- riskreg-due owner={} -->", uri::path(owner))
}

/// `1 day`, `3 days`.
fn days(count: i64) -> String {
    let count = count.unsigned_abs();
    format!("{count} day{}", if count == 1 { "" } else { "s" })
}

/// What an item's date means, in words: `overdue by 3 days`, `due today`.
pub fn phrase(item: &DueItem) -> String {
    let span = days(item.days);
    match (item.kind, item.days) {
        (DueKind::Overdue, _) => format!("overdue by {span}"),
        (DueKind::Due, 0) => "due today".to_owned(),
        (DueKind::Due, _) => format!("due in {span}"),
        (DueKind::AcceptanceExpired, _) => format!("acceptance expired {span} ago"),
        (DueKind::AcceptanceExpiring, 0) => "acceptance expires today".to_owned(),
        (DueKind::AcceptanceExpiring, _) => format!("acceptance expires in {span}"),
        (DueKind::Stale, _) => format!("stale for {span}"),
        (DueKind::ReviewDue, 0) => "review due today".to_owned(),
        (DueKind::ReviewDue, days) if days < 0 => format!("review overdue by {span}"),
        (DueKind::ReviewDue, _) => format!("review due in {span}"),
    }
}

/// The owner as people know them: `Alice Chen (alice)`, or the ID alone.
fn who(owner: &OwnerDue) -> String {
    match &owner.name {
        Some(name) => format!("{name} ({})", owner.id),
        None => owner.id.clone(),
    }
}

/// The list for a terminal: per owner, each item's date, what it means, the document and
/// its title, then its file and note; `owner` names the one owner it was filtered to, for
/// the line that says nothing is due. Values go through the terminal escaper.
pub fn human(list: &DueList, owner: Option<&str>) -> String {
    if list.owners.is_empty() {
        let whom = owner
            .map(|owner| format!(" for {}", terminal::line(owner)))
            .unwrap_or_default();
        return format!(
            "Nothing due{whom} within {} of {}: no overdue or due actions, expiring acceptances, stale actions or reviews.\n",
            days(i64::from(list.within_days)),
            list.as_of
        );
    }
    let count: usize = list.owners.iter().map(|owner| owner.items.len()).sum();
    let mut text = format!(
        "Due within {} of {}: {count} item{} for {} owner{}.\n",
        days(i64::from(list.within_days)),
        list.as_of,
        if count == 1 { "" } else { "s" },
        list.owners.len(),
        if list.owners.len() == 1 { "" } else { "s" },
    );
    for owner in &list.owners {
        text.push_str(&format!("\n{}\n", terminal::line(&who(owner))));
        for item in &owner.items {
            text.push_str(&format!(
                "  {}  {:<33} {}  {}\n              {}; {}\n",
                item.date,
                phrase(item),
                terminal::line(item.document.as_deref().unwrap_or("-")),
                terminal::line(&item.title),
                terminal::line(&item.path),
                terminal::line(&item.note),
            ));
        }
    }
    text
}

/// One issue body per owner, each starting with its [`marker`], in owner order.
pub fn markdown(list: &DueList, links: &Links) -> String {
    list.owners
        .iter()
        .map(|owner| issue_body(list, owner, links))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An owner's issue body: the marker, a heading, the checklist, and what keeps it current.
fn issue_body(list: &DueList, owner: &OwnerDue, links: &Links) -> String {
    let name = match &owner.name {
        Some(name) => markdown::text(name),
        None => markdown::code(&owner.id),
    };
    let mut text = format!(
        "{}\n## What the risk register needs from {name}\n\nAs of {}, with {} to look ahead; most urgent first.\n\n",
        marker(&owner.id),
        list.as_of,
        days(i64::from(list.within_days)),
    );
    for item in &owner.items {
        let mut phrase = phrase(item);
        phrase[..1].make_ascii_uppercase();
        text.push_str(&format!(
            "- [ ] **{phrase}** ({}): {} {} ({})\n",
            item.date,
            link(item, links),
            markdown::text(&item.title),
            markdown::text(&item.note),
        ));
    }
    text.push_str(
        "\n*Written by `riskreg due` from the register on every scheduled run: an item goes away once the register records it (done, re-planned, renewed, reviewed), and the issue is closed when nothing is due. Change the register, not this issue.*\n",
    );
    text
}

/// The item's document as a link to its file, or, without a link base, its ID and path.
fn link(item: &DueItem, links: &Links) -> String {
    let label = markdown::text(item.document.as_deref().unwrap_or(&item.path));
    match &links.base {
        Some(base) => {
            let url = format!(
                "{}/{}",
                base.trim_end_matches('/'),
                uri::path(&format!("{}{}", links.prefix, item.path))
            );
            format!("[{label}](<{}>)", markdown::link_destination(&url))
        }
        None => format!("{label} in {}", markdown::code(&item.path)),
    }
}
