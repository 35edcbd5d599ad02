//! The minijinja environment: embedded default templates, overrides from `--templates DIR`,
//! and every filter, registered in one place.

use std::path::{Path, PathBuf};

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind};

use super::ReportContext;
use super::view::anchor;
use crate::escape::{code_spans, markdown};

/// The default templates, embedded from `templates/`.
pub const DEFAULTS: [(&str, &str); 4] = [
    ("report.md.j2", include_str!("../../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../../templates/report.html.j2"),
    ),
    ("trend.md.j2", include_str!("../../templates/trend.md.j2")),
    (
        "trend.html.j2",
        include_str!("../../templates/trend.html.j2"),
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
    env.add_filter("md", |text: String| markdown::text(&text));
    env.add_filter("md_code", |text: String| markdown::code(&text));
    env.add_filter("md_url", |url: String| markdown::link_destination(&url));
    env.add_filter("html_quoted", |text: String| {
        minijinja::Value::from_safe_string(code_spans::html(&text))
    });
    env.add_filter("anchor", |prefix: String, id: String| anchor(&prefix, &id));
    env.add_filter("dash", |value: Option<String>| {
        value
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| "—".to_owned())
    });
}

/// Renders the report with the named template.
pub fn render(
    env: &Environment<'static>,
    template: &str,
    context: &ReportContext,
) -> Result<String, Error> {
    env.get_template(template)?.render(Serde(context))
}
