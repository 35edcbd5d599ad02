//! Markdown as GitHub renders it, for tests: parsed with comrak (a port of GitHub's
//! cmark-gfm) with the GFM extensions, then checked for what a value must never produce.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

/// What a rendered Markdown document holds, as far as injection goes.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every raw HTML node (block or inline), as written.
    pub html: Vec<String>,
    /// Every link: destination and text.
    pub links: Vec<(String, String)>,
    /// Nodes no value may produce: images, math, footnotes.
    pub forbidden: Vec<String>,
    /// All the text a reader sees, code and link text included, blocks and line breaks as
    /// spaces.
    pub plain: String,
    /// The text GitHub looks for mentions in: outside code and links.
    pub prose: String,
}

/// Parses `markdown` as GitHub does (tables, autolinks, strikethrough,
/// task lists, footnotes; math too, so a `$` that would start it shows).
pub fn render(markdown: &str) -> Rendered {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.math_dollars = true;
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    let mut rendered = Rendered::default();
    walk(root, false, &mut rendered);
    rendered
}

fn walk<'a>(node: &'a AstNode<'a>, in_link: bool, out: &mut Rendered) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Text(text) => {
            out.plain.push_str(&text);
            if !in_link {
                out.prose.push_str(&text);
            }
        }
        NodeValue::Code(code) => {
            out.plain.push_str(&code.literal);
            out.prose.push(' ');
        }
        NodeValue::HtmlInline(html) => {
            out.html.push(html);
            space(out);
        }
        NodeValue::HtmlBlock(block) => out.html.push(block.literal),
        NodeValue::Link(link) => {
            let start = out.plain.len();
            for child in node.children() {
                walk(child, true, out);
            }
            out.links
                .push((link.url.clone(), out.plain[start..].to_owned()));
            space(out);
            return;
        }
        NodeValue::Image(_) => out.forbidden.push("an image".to_owned()),
        NodeValue::Math(math) => out.forbidden.push(format!("math {}", math.literal)),
        NodeValue::FootnoteReference(_) | NodeValue::FootnoteDefinition(_) => {
            out.forbidden.push("a footnote".to_owned())
        }
        NodeValue::SoftBreak | NodeValue::LineBreak => space(out),
        _ => {}
    }
    for child in node.children() {
        walk(child, in_link, out);
    }
    if node.data.borrow().value.block() {
        space(out);
    }
}

fn space(out: &mut Rendered) {
    out.plain.push(' ');
    out.prose.push(' ');
}

/// Why a rendered document shows more than its template meant: HTML other than `<br>`,
/// links other than in-page anchors and
/// `evidence_links` links to `https://evidence.example/`, forbidden nodes, a mention (an
/// `@` followed by a letter or digit in text outside code and links, which is what GitHub
/// pings), a table row with more or fewer cells than its header, or a raw control character
/// other than line feeds and tabs (white space to Markdown). Empty when clean.
pub fn problems(markdown: &str, evidence_links: usize) -> Vec<String> {
    let rendered = render(markdown);
    let mut problems = Vec::new();
    for html in &rendered.html {
        if html != "<br>" {
            problems.push(format!("HTML {html:?}"));
        }
    }
    let mut evidence = 0;
    for (url, text) in &rendered.links {
        if url.starts_with("https://evidence.example/") && is_clean_url(url) {
            evidence += 1;
        } else if !url
            .strip_prefix('#')
            .is_some_and(|anchor| anchor.chars().all(is_anchor_char))
        {
            problems.push(format!("a link to {url:?} ({text:?})"));
        }
    }
    if evidence != evidence_links {
        problems.push(format!(
            "{evidence} evidence links, not {evidence_links}: {:?}",
            rendered.links
        ));
    }
    problems.extend(rendered.forbidden.iter().cloned());
    let chars: Vec<char> = rendered.prose.chars().collect();
    for pair in chars.windows(2) {
        if pair[0] == '@' && pair[1].is_ascii_alphanumeric() {
            problems.push(format!("a mention of @{}…", pair[1]));
        }
    }
    problems.extend(table_problems(markdown));
    if let Some(c) = markdown
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        problems.push(format!("a raw control character {c:?}"));
    }
    problems
}

fn is_anchor_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn is_clean_url(url: &str) -> bool {
    !url.chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"|\\`".contains(c))
}

/// The cells of a table row as GFM splits it: at each `|` that is not escaped (`\|`, which
/// GFM's scanner treats as escaped whatever precedes it).
pub fn cells(row: &str) -> usize {
    let bytes = row.trim().as_bytes();
    let mut pipes: usize = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\\' && bytes.get(at + 1) == Some(&b'|') {
            at += 2;
            continue;
        }
        if bytes[at] == b'|' {
            pipes += 1;
        }
        at += 1;
    }
    pipes.saturating_sub(1)
}

/// Rows of the document's tables (lines starting with `|`) whose cell count differs from
/// their table's header.
fn table_problems(markdown: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut header: Option<usize> = None;
    for line in markdown.split(['\n', '\r']) {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let count = cells(line);
        match header {
            None => header = Some(count),
            Some(expected) if expected != count => {
                problems.push(format!("a row of {count} cells, not {expected}: {line:?}"))
            }
            Some(_) => {}
        }
    }
    problems
}

/// The text a reader sees, without white space and without the zero-width spaces the
/// Markdown escaper puts after `@`: for checking that a value shows in full, in order.
pub fn visible(markdown: &str) -> String {
    render(markdown)
        .plain
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}
