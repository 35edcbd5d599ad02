//! YAML building blocks: scalars quoted only where they must be, sequences and dates in a
//! document's [`Style`].

use std::fmt;
use std::io::Write;

use anyhow::Result;

use crate::calendar::{Day, Ymd};

use super::Style;

/// A YAML scalar, written plain when that is unambiguous and double-quoted otherwise.
pub struct Scalar<'a> {
    /// The text.
    text: &'a str,
    /// Whether it sits inside a flow collection (`[...]`, `{...}`).
    in_flow: bool,
}

/// A scalar in block context.
pub fn block(text: &str) -> Scalar<'_> {
    Scalar {
        text,
        in_flow: false,
    }
}

/// A scalar inside a flow collection.
pub fn flow(text: &str) -> Scalar<'_> {
    Scalar {
        text,
        in_flow: true,
    }
}

impl Scalar<'_> {
    /// Whether the text must be quoted to read back as the same string.
    fn needs_quotes(&self) -> bool {
        let s = self.text;
        let (Some(first), Some(last)) = (s.chars().next(), s.chars().last()) else {
            return true;
        };
        "-?:,[]{}#&*!|>'\"%@`".contains(first)
            || first.is_whitespace()
            || last.is_whitespace()
            || last == ':'
            || s.contains(": ")
            || s.contains(" #")
            || s.chars().any(char::is_control)
            || (self.in_flow && s.contains([',', '[', ']', '{', '}']))
            || matches!(
                s.to_ascii_lowercase().as_str(),
                "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
            )
            || s.parse::<f64>().is_ok()
            || (first.is_ascii_digit() && s.len() >= 10 && s.as_bytes()[4] == b'-')
    }
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.needs_quotes() {
            return f.write_str(self.text);
        }
        f.write_str("\"")?;
        for c in self.text.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}

/// Writes `items` as a flow sequence: `[a, b, c]`.
fn write_list<'a>(w: &mut impl Write, items: impl IntoIterator<Item = &'a str>) -> Result<()> {
    w.write_all(b"[")?;
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            w.write_all(b", ")?;
        }
        write!(w, "{}", flow(item))?;
    }
    w.write_all(b"]\n")?;
    Ok(())
}

/// Writes a `|` block scalar of the given lines under `key`.
pub fn write_text<'a>(
    w: &mut impl Write,
    key: &str,
    lines: impl IntoIterator<Item = &'a String>,
) -> Result<()> {
    writeln!(w, "{key}: |")?;
    for line in lines {
        writeln!(w, "  {line}")?;
    }
    Ok(())
}

/// Writes `key: [a, b]`, or a block sequence in the [`Style::BlockLists`] style.
pub fn write_seq<'a>(
    w: &mut impl Write,
    key: &str,
    items: impl IntoIterator<Item = &'a str>,
    style: Style,
) -> Result<()> {
    let mut items = items.into_iter().peekable();
    if style == Style::BlockLists && items.peek().is_some() {
        writeln!(w, "{key}:")?;
        for item in items {
            writeln!(w, "  - {}", block(item))?;
        }
        return Ok(());
    }
    write!(w, "{key}: ")?;
    write_list(w, items)
}

/// A date as a document of some [`Style`] writes it.
pub struct DateText {
    /// The date.
    day: Day,
    /// Whether it is double-quoted.
    quoted: bool,
}

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quoted {
            write!(f, "\"{}\"", Ymd(self.day))
        } else {
            Ymd(self.day).fmt(f)
        }
    }
}

/// `day` as written in the given style.
pub fn dated(day: Day, style: Style) -> DateText {
    DateText {
        day,
        quoted: style == Style::QuotedDates,
    }
}
