//! New files of a register: the commented starting config and CI recipes `init` writes,
//! and new documents (the usual key order, the next free ID, a slugged file name, the
//! `$schema` comment) for `new` and `import`.

mod templates;

use serde_json::{Map, Value};

use crate::edit::render;
use crate::model::Kind;
use crate::source::Document;

pub use templates::{CONFIG, Ci};

/// The usual order of a mapping's keys, by the path of the mapping from the document's
/// root; keys not listed rank last.
pub fn key_order(kind: Kind, path: &[String]) -> &'static [&'static str] {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (kind, path.as_slice()) {
        (Kind::Risk, []) => &[
            "kind",
            "id",
            "title",
            "description",
            "owner",
            "identified",
            "criteria",
            "systems",
            "inherent",
            "residual",
            "treatment",
            "retired",
        ],
        (Kind::Risk, ["treatment"]) => &[
            "decision",
            "rationale",
            "approved_by",
            "approved_on",
            "expires",
            "transferred_to",
        ],
        (Kind::Risk, ["inherent" | "residual"]) => &["impact", "likelihood"],
        (Kind::Risk, ["retired"]) => &["on", "reason"],
        (Kind::Mitigation, []) => &[
            "kind",
            "id",
            "title",
            "description",
            "risks",
            "owner",
            "due",
            "status",
            "completed_on",
            "blocker",
            "evidence",
            "updates",
        ],
        (Kind::Review, []) => &[
            "kind",
            "id",
            "title",
            "date",
            "chair",
            "attendees",
            "risks",
            "notes",
            "outcomes",
        ],
        _ => &[],
    }
}

/// A key's rank in [`key_order`]; `usize::MAX` for a key it does not list.
pub fn key_rank(kind: Kind, path: &[String], key: &str) -> usize {
    key_order(kind, path)
        .iter()
        .position(|known| *known == key)
        .unwrap_or(usize::MAX)
}

/// A document's text: the `$schema` comment, then `kind:` and the fields in the usual
/// order.
pub fn document_text(
    kind: Kind,
    schema_comment: Option<&str>,
    fields: &Map<String, Value>,
) -> String {
    let mut text = String::new();
    if let Some(comment) = schema_comment {
        text.push_str(comment);
        text.push('\n');
    }
    let mut all = fields.clone();
    all.insert("kind".to_owned(), Value::String(kind.as_str().to_owned()));
    let mut entries: Vec<(&String, &Value)> = all.iter().collect();
    entries.sort_by_key(|(key, _)| (key_rank(kind, &[], key), (*key).clone()));
    for (key, value) in entries {
        let path = [key.clone()];
        let keys = |name: &str| key_rank(kind, &path, name);
        text.push_str(&render::string(key));
        text.push(':');
        text.push_str(&render::after_colon(value, 0, 2, &keys));
        text.push('\n');
    }
    text
}

/// The comment that points the YAML language server at a kind's schema, for a file in
/// `folder` (relative to the register root, `/`-separated): `schemas/KIND.schema.json` at
/// the root, as `init` writes it.
pub fn schema_comment(kind: Kind, folder: &str) -> String {
    let depth = folder.split('/').filter(|part| !part.is_empty()).count();
    format!(
        "# yaml-language-server: $schema={}schemas/{}.schema.json",
        "../".repeat(depth),
        kind.as_str()
    )
}

/// Where a kind's new document goes and the `$schema` comment it starts with: the folder
/// most of the register's documents of that kind are in (or the usual one), and the comment
/// its documents there start with (or [`schema_comment`]).
pub fn placement(kind: Kind, documents: &[Document]) -> (String, String) {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for document in documents
        .iter()
        .filter(|document| document.kind == Some(kind))
    {
        let folder = document
            .path
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder);
        *counts.entry(folder).or_default() += 1;
    }
    let folder = counts
        .into_iter()
        .max_by_key(|(folder, count)| (*count, std::cmp::Reverse(*folder)))
        .map_or_else(
            || default_folder(kind).to_owned(),
            |(folder, _)| folder.to_owned(),
        );
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let comment = documents
        .iter()
        .filter(|document| {
            document.kind == Some(kind)
                && document
                    .path
                    .strip_prefix(&prefix)
                    .is_some_and(|name| !name.contains('/'))
        })
        .find_map(|document| {
            let first = document.text.lines().next()?;
            first
                .starts_with("# yaml-language-server: $schema=")
                .then(|| first.to_owned())
        })
        .unwrap_or_else(|| schema_comment(kind, &folder));
    (folder, comment)
}

/// The usual folder of a kind's documents.
pub fn default_folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Risk => "risks",
        Kind::Mitigation => "mitigations",
        Kind::Review => "reviews",
    }
}

/// The usual ID prefix of a kind's documents.
pub fn id_prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Risk => "R-",
        Kind::Mitigation => "M-",
        Kind::Review => "REV-",
    }
}

/// Hands out the next free IDs of one prefix (`R-026` after `R-025`), keeping the number
/// of digits the register uses (three when it has none).
#[derive(Debug, Clone)]
pub struct IdAllocator {
    prefix: String,
    next: u64,
    width: usize,
}

impl IdAllocator {
    /// An allocator past every `PREFIX<number>` among `taken`.
    pub fn new<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> Self {
        let mut highest = 0u64;
        let mut width = 3;
        for id in taken {
            let Some(digits) = id.strip_prefix(prefix) else {
                continue;
            };
            if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
                continue;
            }
            if let Ok(number) = digits.parse::<u64>()
                && number >= highest
            {
                highest = number;
                width = digits.len();
            }
        }
        IdAllocator {
            prefix: prefix.to_owned(),
            next: highest.saturating_add(1),
            width,
        }
    }

    /// The next ID.
    pub fn next_id(&mut self) -> String {
        let id = format!("{}{:0width$}", self.prefix, self.next, width = self.width);
        self.next = self.next.saturating_add(1);
        id
    }
}

/// A title as a file-name slug: lower-case ASCII words joined by `-`, at most six words and
/// 48 characters.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    let words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(6);
    for word in words {
        if slug.len() + word.len() + 1 > 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

/// The file name of a new document: `ID-slug.yaml`, or `ID.yaml` when the title gives no
/// slug.
pub fn file_name(id: &str, title: &str) -> String {
    let slug = slug(title);
    if slug.is_empty() {
        format!("{id}.yaml")
    } else {
        format!("{id}-{slug}.yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_ids_keep_the_registers_width() {
        let mut ids = IdAllocator::new("R-", ["R-001", "R-025", "R-7", "M-100", "R-x"]);
        assert_eq!(ids.next_id(), "R-026");
        assert_eq!(ids.next_id(), "R-027");
        let mut ids = IdAllocator::new("M-", ["R-001"]);
        assert_eq!(ids.next_id(), "M-001");
        let mut ids = IdAllocator::new("M-", ["M-9", "M-12"]);
        assert_eq!(ids.next_id(), "M-13");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("MFA is not enforced on production!"),
            "mfa-is-not-enforced-on-production"
        );
        assert_eq!(
            slug("Café: SSO (Okta) & more words than six here"),
            "caf-sso-okta-more-words-than"
        );
        assert_eq!(file_name("R-1", "???"), "R-1.yaml");
    }

    #[test]
    fn schema_comments_climb_to_the_root() {
        assert_eq!(
            schema_comment(Kind::Risk, "risks"),
            "# yaml-language-server: $schema=../schemas/risk.schema.json"
        );
        assert_eq!(
            schema_comment(Kind::Review, ""),
            "# yaml-language-server: $schema=schemas/review.schema.json"
        );
    }

    #[test]
    fn documents_in_the_usual_order() {
        let mut fields = Map::new();
        fields.insert("status".to_owned(), Value::from("planned"));
        fields.insert("title".to_owned(), Value::from("Rotate keys: all"));
        fields.insert("id".to_owned(), Value::from("M-001"));
        fields.insert("risks".to_owned(), serde_json::json!(["R-001"]));
        let text = document_text(Kind::Mitigation, None, &fields);
        assert_eq!(
            text,
            "kind: mitigation\nid: M-001\ntitle: \"Rotate keys: all\"\nrisks: [R-001]\nstatus: planned\n"
        );
    }
}
