//! The Markdown report's trend chart as Mermaid source (`xychart-beta`, which GitHub and
//! GitLab render in a ```` ```mermaid ```` block).
//!
//! An XY chart has no stacked bars: bars of several series are drawn over each other at
//! the same place, in order. Drawing the running totals, the whole stack first and the
//! lowest level last, shows a stacked bar. The colours follow the heat maps' emoji, which
//! the report's legend under the chart uses too (XY charts draw no legend).
//!
//! Only text riskreg makes reaches Mermaid (dates, counts, fixed titles), and [`text`]
//! keeps even that to characters that cannot end a quoted string or start a directive.

use std::fmt::Write;

/// A tone's colour in the Mermaid chart: the heat-map emoji's (🟩 🟨 🟧 🟥, ⬜ for none).
fn colour(tone: &str) -> &'static str {
    match tone {
        "green" => "#78b159",
        "yellow" => "#fdcb58",
        "orange" => "#f4900c",
        "red" => "#dd2e44",
        _ => "#d5d9de",
    }
}

/// Text for a quoted Mermaid string: letters, digits, spaces and `-./` only.
fn text(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/'))
        .collect()
}

/// A stacked bar chart: `series` (a tone and one count per period each) bottom first.
pub fn stacked_bars(
    title: &str,
    y_title: &str,
    periods: &[String],
    series: &[(&str, Vec<usize>)],
) -> String {
    let totals: Vec<usize> = (0..periods.len())
        .map(|index| series.iter().map(|(_, counts)| counts[index]).sum())
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0).max(1);
    let palette: Vec<&str> = series.iter().rev().map(|(tone, _)| colour(tone)).collect();
    let mut source = String::new();
    let _ = writeln!(
        source,
        "%%{{init: {{\"xyChart\": {{\"width\": 900, \"xAxis\": {{\"labelFontSize\": 12}}}}, \"themeVariables\": {{\"xyChart\": {{\"plotColorPalette\": \"{}\"}}}}}}}}%%",
        palette.join(", ")
    );
    source.push_str("xychart-beta\n");
    let _ = writeln!(source, "    title \"{}\"", text(title));
    let labels: Vec<String> = periods
        .iter()
        .map(|label| format!("\"{}\"", text(label)))
        .collect();
    let _ = writeln!(source, "    x-axis [{}]", labels.join(", "));
    let _ = writeln!(source, "    y-axis \"{}\" 0 --> {top}", text(y_title));
    // The whole stack first, then without the top series, and so on down to the lowest.
    let mut running = totals;
    for (_, counts) in series.iter().rev() {
        let cells: Vec<String> = running.iter().map(usize::to_string).collect();
        let _ = writeln!(source, "    bar [{}]", cells.join(", "));
        for (total, count) in running.iter_mut().zip(counts) {
            *total -= count;
        }
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_running_totals_top_first() {
        let source = stacked_bars(
            "Open \"risks\"\n%%",
            "Open risks",
            &["2026-05".to_owned(), "2026-06".to_owned()],
            &[
                ("green", vec![1, 2]),
                ("red", vec![0, 3]),
                ("none", vec![4, 0]),
            ],
        );
        assert_eq!(
            source,
            "%%{init: {\"xyChart\": {\"width\": 900, \"xAxis\": {\"labelFontSize\": 12}}, \"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#d5d9de, #dd2e44, #78b159\"}}}}%%\n\
             xychart-beta\n    title \"Open risks\"\n    x-axis [\"2026-05\", \"2026-06\"]\n    y-axis \"Open risks\" 0 --> 5\n    bar [5, 5]\n    bar [1, 5]\n    bar [1, 2]\n"
        );
    }
}
