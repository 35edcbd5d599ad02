//! Earlier versions of a document, cut from its final text line by line: top-level entries
//! left out or set, the first updates kept, lines of a nested mapping left out. The Acme
//! documents are plain block YAML, so a line that starts with a lowercase letter starts an
//! entry and every other line belongs to the entry above it.

/// A document's text as its top-level entries: the key (`""` for the comments above the
/// first entry) and the entry's lines.
fn entries(text: &str) -> Vec<(&str, String)> {
    let mut entries: Vec<(&str, String)> = vec![("", String::new())];
    for line in text.split_inclusive('\n') {
        let starts = line.starts_with(|c: char| c.is_ascii_lowercase());
        match line.split_once(':') {
            Some((key, _)) if starts => entries.push((key, line.to_owned())),
            _ => {
                if let Some((_, last)) = entries.last_mut() {
                    last.push_str(line);
                }
            }
        }
    }
    entries
}

/// The text without the top-level entries named in `keys`.
pub fn without(text: &str, keys: &[&str]) -> String {
    entries(text)
        .into_iter()
        .filter(|(key, _)| !keys.contains(key))
        .map(|(_, lines)| lines)
        .collect()
}

/// The text with the one-line top-level entry `key` set to `value`.
pub fn set(text: &str, key: &str, value: &str) -> String {
    entries(text)
        .into_iter()
        .map(|(name, lines)| {
            if name == key {
                format!("{key}: {value}\n")
            } else {
                lines
            }
        })
        .collect()
}

/// The value of the one-line top-level entry `key`.
pub fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(": "))
        .map(str::trim)
}

/// The value of the one-line entry `key` nested (two spaces in) under the top-level
/// entry `parent`.
pub fn nested(text: &str, parent: &str, key: &str) -> Option<String> {
    let (_, lines) = entries(text)
        .into_iter()
        .find(|(name, _)| *name == parent)?;
    let prefix = format!("  {key}: ");
    lines
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .map(|value| value.trim().to_owned())
}

/// The text with the nested one-line entries `keys` (two spaces in) under `parent` left
/// out, or set when `values` gives one.
pub fn set_nested(text: &str, parent: &str, values: &[(&str, Option<&str>)]) -> String {
    entries(text)
        .into_iter()
        .map(|(name, lines)| {
            if name != parent {
                return lines;
            }
            lines
                .split_inclusive('\n')
                .filter_map(|line| {
                    for (key, value) in values {
                        if line.starts_with(&format!("  {key}: ")) {
                            return value.map(|value| format!("  {key}: {value}\n"));
                        }
                    }
                    Some(line.to_owned())
                })
                .collect::<String>()
        })
        .collect()
}

/// The dates of the `updates:` log, in order.
pub fn update_dates(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("  - on: "))
        .map(|date| date.trim().to_owned())
        .collect()
}

/// The text with only the first `count` items of its `updates:` log (none: no log).
pub fn first_updates(text: &str, count: usize) -> String {
    if count == 0 {
        return without(text, &["updates"]);
    }
    entries(text)
        .into_iter()
        .map(|(name, lines)| {
            if name != "updates" {
                return lines;
            }
            let mut kept = String::new();
            let mut items = 0;
            for line in lines.split_inclusive('\n') {
                if line.starts_with("  - ") {
                    items += 1;
                }
                if items <= count {
                    kept.push_str(line);
                }
            }
            kept
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# head\nkind: mitigation\nstatus: completed\nevidence:\n  - a\nupdates:\n  - on: 2026-01-02\n    note: one\n  - on: 2026-01-05\n    note: two\ntreatment:\n  decision: accept\n  approved_by: cfo\n";

    #[test]
    fn entries_are_cut_at_top_level_keys() {
        assert_eq!(
            without(TEXT, &["evidence", "treatment"]),
            "# head\nkind: mitigation\nstatus: completed\nupdates:\n  - on: 2026-01-02\n    note: one\n  - on: 2026-01-05\n    note: two\n"
        );
        assert_eq!(field(TEXT, "status"), Some("completed"));
        assert!(set(TEXT, "status", "planned").contains("status: planned\nevidence:"));
    }

    #[test]
    fn updates_are_kept_from_the_first() {
        assert_eq!(update_dates(TEXT), ["2026-01-02", "2026-01-05"]);
        let one = first_updates(TEXT, 1);
        assert!(one.contains("note: one\ntreatment:"), "{one}");
        assert!(!first_updates(TEXT, 0).contains("updates"));
    }

    #[test]
    fn nested_lines_are_set_or_left_out() {
        assert_eq!(
            nested(TEXT, "treatment", "approved_by").as_deref(),
            Some("cfo")
        );
        let text = set_nested(TEXT, "treatment", &[("approved_by", Some("alice"))]);
        assert!(text.ends_with("  approved_by: alice\n"));
        let text = set_nested(TEXT, "treatment", &[("approved_by", None)]);
        assert!(text.ends_with("  decision: accept\n"));
    }
}
