//! The minijinja environment: embedded default templates, overrides from `--templates DIR`,
//! and every filter, registered in one place.

use std::path::{Path, PathBuf};

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind};

use super::ReportContext;
use super::view::anchor;

/// The default templates, embedded from `templates/`.
pub const DEFAULTS: [(&str, &str); 2] = [
    ("report.md.j2", include_str!("../../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../../templates/report.html.j2"),
    ),
];

/// Builds the environment: templates in `overrides` (when given) win over the defaults of
/// the same name and may add templates of their own (for `{% include %}`).
pub fn environment(overrides: Option<&Path>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") || name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    register_filters(&mut env);
    let overrides: Option<PathBuf> = overrides.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if let Some(dir) = &overrides {
            if name.contains("..") || name.starts_with('/') {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("template name `{name}` leaves the templates folder"),
                ));
            }
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => return Ok(Some(text)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot read {}: {error}", path.display()),
                    ));
                }
            }
        }
        Ok(DEFAULTS
            .iter()
            .find(|(default, _)| *default == name)
            .map(|(_, text)| (*text).to_owned()))
    });
    env
}

/// Every filter the templates use.
fn register_filters(env: &mut Environment<'static>) {
    env.add_filter("md", markdown_escape);
    env.add_filter("anchor", |prefix: String, id: String| anchor(&prefix, &id));
    env.add_filter("dash", |value: Option<String>| {
        value
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| "—".to_owned())
    });
}

/// Escapes user text for Markdown (GitHub and GitLab flavours), inline or in a table cell:
/// Markdown punctuation is backslash-escaped, HTML tags and entities are neutralized (and a
/// leading `>` that would start a quote), line breaks become `<br>`.
pub fn markdown_escape(text: String) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for (index, line) in text.trim_end().lines().enumerate() {
        if index > 0 {
            escaped.push_str("<br>");
        }
        for (position, c) in line.chars().enumerate() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' if position == 0 => escaped.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                    escaped.push('\\');
                    escaped.push(c);
                }
                _ => escaped.push(c),
            }
        }
    }
    escaped
}

/// Renders the report with the named template.
pub fn render(
    env: &Environment<'static>,
    template: &str,
    context: &ReportContext,
) -> Result<String, Error> {
    env.get_template(template)?.render(Serde(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_neutralizes_markup_and_tables() {
        assert_eq!(
            markdown_escape("<script>alert(1)</script> | x".to_owned()),
            "&lt;script>alert(1)&lt;/script> \\| x"
        );
        assert_eq!(
            markdown_escape("# Heading\n*bold* [link](x)".to_owned()),
            "\\# Heading<br>\\*bold\\* \\[link\\](x)"
        );
    }
}
