//! Values written as YAML text in the register's house style: plain scalars where the loader
//! reads them back as the same string, double quotes otherwise, literal blocks for text of
//! several lines, flow lists when short, ratings as `{impact: 4, likelihood: 2}`.

use serde_json::Value;

/// The widest a flow list may make its line before it is written as a block list.
const FLOW_WIDTH: usize = 88;

/// Whether `text` may be written as a plain scalar and read back as this very string, in
/// block and flow context alike.
pub fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if is_date(text) {
        return true;
    }
    if text.trim() != text {
        return false;
    }
    let reserved_first = "-?:,[]{}#&*!|>'\"%@`.+~ ";
    if reserved_first.contains(first) || first.is_ascii_digit() {
        return false;
    }
    let words = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    if words.iter().any(|word| word.eq_ignore_ascii_case(text)) {
        return false;
    }
    !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text
            .chars()
            .any(|c| c.is_control() || ",[]{}".contains(c) || c == '\u{feff}')
}

/// `YYYY-MM-DD`: written plain, as the register writes dates.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, byte)| match at {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// A string as one line of YAML: plain when it reads back the same, else double-quoted
/// (JSON's escapes are YAML's).
pub fn string(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

/// A value on one line (flow style): scalars, `[a, b]`, `{key: value}` with keys in
/// `keys` order.
pub fn inline(value: &Value, keys: &dyn Fn(&str) -> usize) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(text),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| inline(item, keys))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by_key(|(key, _)| (keys(key), (*key).clone()));
            format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(key, value)| format!("{}: {}", string(key), inline(value, keys)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// Whether a multi-line string can be a literal block (`|` or `|-`) that reads back the
/// same: no control characters but tabs, at most one final line break, and a first line that
/// does not start with a space (which would change the block's indentation).
fn literal_fits(text: &str) -> bool {
    let body = text.strip_suffix('\n').unwrap_or(text);
    !body.ends_with('\n')
        && !body.starts_with([' ', '\t'])
        && !body.starts_with('\n')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        && !text.contains('\u{feff}')
}

/// What follows `key:` for a value of a block mapping whose keys are indented by `indent`
/// spaces: ` value` on the same line, or a literal block, a block list (items indented by
/// `list_indent`) or a nested mapping on the lines below. Never ends with a line break.
pub fn after_colon(
    value: &Value,
    indent: usize,
    list_indent: usize,
    keys: &dyn Fn(&str) -> usize,
) -> String {
    let pad = |n: usize| " ".repeat(n);
    match value {
        Value::String(text) if text.contains('\n') && literal_fits(text) => {
            let chomp = if text.ends_with('\n') { "" } else { "-" };
            let body = text.strip_suffix('\n').unwrap_or(text);
            let lines: Vec<String> = body
                .split('\n')
                .map(|line| {
                    if line.is_empty() {
                        String::new()
                    } else {
                        format!("{}{line}", pad(indent + 2))
                    }
                })
                .collect();
            format!(" |{chomp}\n{}", lines.join("\n"))
        }
        Value::Array(items) if !items.is_empty() => {
            let flow = inline(value, keys);
            let all_plain = items
                .iter()
                .all(|item| matches!(item, Value::String(text) if is_plain(text)));
            if all_plain && indent + flow.len() < FLOW_WIDTH {
                return format!(" {flow}");
            }
            let lines: Vec<String> = items
                .iter()
                .map(|item| format!("{}- {}", pad(list_indent), inline(item, keys)))
                .collect();
            format!("\n{}", lines.join("\n"))
        }
        Value::Object(map) if !is_rating(value) && !map.is_empty() => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by_key(|(key, _)| (keys(key), (*key).clone()));
            let lines: Vec<String> = entries
                .iter()
                .map(|(key, value)| {
                    format!(
                        "{}{}:{}",
                        pad(indent + 2),
                        string(key),
                        after_colon(value, indent + 2, indent + 4, keys)
                    )
                })
                .collect();
            format!("\n{}", lines.join("\n"))
        }
        _ => format!(" {}", inline(value, keys)),
    }
}

/// `{impact, likelihood}` (or one of them): written in flow style.
fn is_rating(value: &Value) -> bool {
    matches!(value, Value::Object(map)
        if map.keys().all(|key| key == "impact" || key == "likelihood"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn none(_: &str) -> usize {
        0
    }

    #[test]
    fn plain_only_where_it_reads_back() {
        for text in [
            "R-001",
            "Alice Chen",
            "CC6.1",
            "2026-03-31",
            "https://x.example/a#b",
        ] {
            assert!(is_plain(text), "{text}");
        }
        for text in [
            "",
            " x",
            "x ",
            "true",
            "No",
            "12",
            "1.5",
            "-x",
            "a: b",
            "a #b",
            "[x]",
            "a, b",
            "x:",
            "'q'",
            "*ref",
            ".inf",
            "line\nbreak",
            "~",
        ] {
            assert!(!is_plain(text), "{text}");
        }
    }

    #[test]
    fn renders_each_shape() {
        assert_eq!(string("a: b"), "\"a: b\"");
        assert_eq!(
            inline(&json!({"likelihood": 2, "impact": 4}), &|key| usize::from(
                key != "impact"
            )),
            "{impact: 4, likelihood: 2}"
        );
        assert_eq!(after_colon(&json!(["a", "b"]), 0, 2, &none), " [a, b]");
        assert_eq!(
            after_colon(&json!(["https://x.example/a, b"]), 0, 2, &none),
            "\n  - \"https://x.example/a, b\""
        );
        assert_eq!(
            after_colon(&json!("one\ntwo\n"), 2, 4, &none),
            " |\n    one\n    two"
        );
        assert_eq!(
            after_colon(&json!("one\n\ntwo"), 0, 2, &none),
            " |-\n  one\n\n  two"
        );
        assert_eq!(
            after_colon(&json!(" lead\nx"), 0, 2, &none),
            " \" lead\\nx\""
        );
        assert_eq!(
            after_colon(&json!({"decision": "accept"}), 0, 2, &none),
            "\n  decision: accept"
        );
    }
}
