//! The geometry of the report's trend charts: axes, stacked bars and lines, every
//! coordinate computed here so that the template only writes SVG elements (and
//! auto-escapes the text). Nothing here knows what is counted.
//!
//! A chart is readable without colour: every series of a stacked bar has its own pattern
//! and its count written on it (when the segment is tall enough), every line its own dash
//! and marker and its name written at its end.

use serde::Serialize;

/// The chart's width in SVG units (it scales to the page).
const WIDTH: f64 = 760.0;
/// The chart's height.
const HEIGHT: f64 = 270.0;
/// Room left of the plot, for the counts on the vertical axis.
const LEFT: f64 = 40.0;
/// Room right of the plot, for the legend or the lines' names.
const RIGHT: f64 = 150.0;
/// Room above the plot, for the totals over the highest bar.
const TOP: f64 = 18.0;
/// Room below the plot, for the period labels.
const BOTTOM: f64 = 34.0;
/// The shortest segment whose count is written on it.
const LABELLED_SEGMENT: f64 = 13.0;
/// The most periods whose every value is written on a line (past that, only the last).
const LABELLED_POINTS: usize = 18;
/// About how wide one character of an axis label is.
const CHAR_WIDTH: f64 = 6.2;
/// The vertical distance kept between two names written at the ends of lines.
const NAME_GAP: f64 = 13.0;

/// One chart: its frame, its axes and what is drawn in it.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The element ID (also the prefix of its patterns' IDs).
    pub id: String,
    /// What the chart shows, one line (the SVG's title).
    pub title: String,
    /// The values in words, for a screen reader (the SVG's description).
    pub desc: String,
    /// The drawing's width.
    pub width: f64,
    /// The drawing's height.
    pub height: f64,
    /// The plot's frame.
    pub plot: Frame,
    /// The counts on the vertical axis, with their gridlines.
    pub y_ticks: Vec<Tick>,
    /// The period labels under the plot (some left out when they would overlap).
    pub x_ticks: Vec<Tick>,
    /// The series, in the legend's order (for a stacked chart, top of the stack first).
    pub series: Vec<Series>,
    /// The stacked bars, one per period (empty for a line chart).
    pub stacks: Vec<Stack>,
    /// The lines, one per series (empty for a bar chart).
    pub lines: Vec<Line>,
}

/// The plot area.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Frame {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge (the zero line).
    pub bottom: f64,
}

/// A label on an axis, at a position along it.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Where along the axis (y for the vertical axis, x for the horizontal one).
    pub at: f64,
    /// The text.
    pub label: String,
}

/// One series: how it is drawn and where its legend entry goes.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// A key for CSS classes and pattern IDs (never user text).
    pub key: String,
    /// The name shown (user text, such as a level's name from the config).
    pub name: String,
    /// The fill or stroke colour.
    pub colour: &'static str,
    /// For a bar series, the pattern over the fill: `plain`, `dots`, `hatch`, `cross`,
    /// `lines`, `grid` or `outline` (white, dashed edge); for a line, its marker:
    /// `circle`, `square`, `triangle` or `diamond`.
    pub pattern: &'static str,
    /// Whether a line is dashed.
    pub dashed: bool,
    /// The legend entry's swatch (bar charts) or the name at the line's end (line charts).
    pub legend: Point,
    /// The marker drawn beside the name of a line (an SVG path).
    pub legend_marker: String,
}

/// A position.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Point {
    /// Horizontal.
    pub x: f64,
    /// Vertical (down).
    pub y: f64,
}

/// One period's stacked bar.
#[derive(Debug, Clone, Serialize)]
pub struct Stack {
    /// The period's label.
    pub period: String,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub width: f64,
    /// The centre, for the labels.
    pub middle: f64,
    /// The sum of its segments.
    pub total: usize,
    /// Where the total is written (above the bar).
    pub total_y: f64,
    /// Its segments, bottom first; zero counts left out.
    pub segments: Vec<Segment>,
}

/// One series' part of a stacked bar.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// The series' key.
    pub key: String,
    /// The series' name.
    pub name: String,
    /// Top edge.
    pub y: f64,
    /// Height.
    pub height: f64,
    /// The count.
    pub value: usize,
    /// Where its count is written; `None` when the segment is too short for it.
    pub label_y: Option<f64>,
}

/// One series drawn as a line.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The series' key.
    pub key: String,
    /// The series' name.
    pub name: String,
    /// The line through every point (an SVG path).
    pub path: String,
    /// Its points, oldest first.
    pub points: Vec<LinePoint>,
}

/// One period's value on a line.
#[derive(Debug, Clone, Serialize)]
pub struct LinePoint {
    /// The period's label.
    pub period: String,
    /// The value.
    pub value: usize,
    /// The marker (an SVG path around the point).
    pub marker: String,
    /// Where the value is written; `None` when it is not (many periods).
    pub label: Option<Point>,
}

/// A series of counts, one per period, and how it is drawn.
#[derive(Debug, Clone)]
pub struct Values {
    /// A key for CSS classes and pattern IDs (never user text).
    pub key: String,
    /// The name shown.
    pub name: String,
    /// The colour.
    pub colour: &'static str,
    /// The pattern (bars) or marker (lines); see [`Series::pattern`].
    pub pattern: &'static str,
    /// Whether a line is dashed.
    pub dashed: bool,
    /// One count per period.
    pub counts: Vec<usize>,
}

/// The vertical scale: the top count and the step between ticks (at most five steps).
fn scale(max: usize) -> (usize, usize) {
    let mut magnitude = 1;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * magnitude;
            if max.div_ceil(step) <= 5 {
                let top = (max.div_ceil(step) * step).max(step);
                return (top, step);
            }
        }
        magnitude *= 10;
    }
}

/// Rounds to a tenth, so the SVG stays short and the output stable.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The frame and axes shared by both kinds of chart.
struct Axes {
    plot: Frame,
    top: usize,
    slot: f64,
}

impl Axes {
    fn new(periods: usize, max: usize) -> (Axes, Vec<Tick>) {
        let plot = Frame {
            left: LEFT,
            top: TOP,
            right: WIDTH - RIGHT,
            bottom: HEIGHT - BOTTOM,
        };
        let (top, step) = scale(max);
        let axes = Axes {
            plot,
            top,
            slot: (plot.right - plot.left) / periods.max(1) as f64,
        };
        let ticks = (0..=top / step)
            .map(|index| Tick {
                at: axes.y(index * step),
                label: (index * step).to_string(),
            })
            .collect();
        (axes, ticks)
    }

    /// The height of a count.
    fn y(&self, count: usize) -> f64 {
        let plot = self.plot;
        round(plot.bottom - (plot.bottom - plot.top) * count as f64 / self.top as f64)
    }

    /// The middle of a period's slot.
    fn middle(&self, index: usize) -> f64 {
        round(self.plot.left + self.slot * (index as f64 + 0.5))
    }

    /// The period labels, every one when they fit, else every second, third... so none
    /// overlaps; the last period is always labelled.
    fn x_ticks(&self, periods: &[String]) -> Vec<Tick> {
        let widest = periods.iter().map(|label| label.len()).max().unwrap_or(0) as f64;
        let every = (((widest * CHAR_WIDTH) + 8.0) / self.slot).ceil().max(1.0) as usize;
        let last = periods.len().saturating_sub(1);
        periods
            .iter()
            .enumerate()
            .filter(|(index, _)| (last - index).is_multiple_of(every))
            .map(|(index, label)| Tick {
                at: self.middle(index),
                label: label.clone(),
            })
            .collect()
    }
}

/// A stacked bar chart: `series` bottom first, one count per period each.
pub fn stacked(id: &str, title: &str, periods: &[String], series: &[Values]) -> Chart {
    let totals: Vec<usize> = (0..periods.len())
        .map(|index| series.iter().map(|values| values.counts[index]).sum())
        .collect();
    let (axes, y_ticks) = Axes::new(periods.len(), totals.iter().copied().max().unwrap_or(0));
    let width = round((axes.slot * 0.64).min(56.0));
    let stacks = periods
        .iter()
        .enumerate()
        .map(|(index, period)| {
            let middle = axes.middle(index);
            let mut below = 0;
            let segments = series
                .iter()
                .filter(|values| values.counts[index] > 0)
                .map(|values| {
                    let value = values.counts[index];
                    let (bottom, top) = (axes.y(below), axes.y(below + value));
                    below += value;
                    let height = round(bottom - top);
                    Segment {
                        key: values.key.clone(),
                        name: values.name.clone(),
                        y: top,
                        height,
                        value,
                        label_y: (height >= LABELLED_SEGMENT)
                            .then(|| round(top + height / 2.0 + 4.0)),
                    }
                })
                .collect();
            Stack {
                period: period.clone(),
                x: round(middle - width / 2.0),
                width,
                middle,
                total: totals[index],
                total_y: round(axes.y(totals[index]) - 4.0),
                segments,
            }
        })
        .collect();
    // The legend lists the stack top first, as the eye meets it.
    let legend = series
        .iter()
        .rev()
        .enumerate()
        .map(|(row, values)| {
            let point = Point {
                x: axes.plot.right + 16.0,
                y: axes.plot.top + 4.0 + 20.0 * row as f64,
            };
            describe(values, point, String::new())
        })
        .collect();
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        desc: String::new(),
        width: WIDTH,
        height: HEIGHT,
        plot: axes.plot,
        y_ticks,
        x_ticks: axes.x_ticks(periods),
        series: legend,
        stacks,
        lines: Vec::new(),
    }
}

/// A line chart: one line per series, one count per period each.
pub fn lines(id: &str, title: &str, periods: &[String], series: &[Values]) -> Chart {
    let max = series
        .iter()
        .flat_map(|values| values.counts.iter().copied())
        .max()
        .unwrap_or(0);
    let (axes, y_ticks) = Axes::new(periods.len(), max);
    let labelled = |index: usize| periods.len() <= LABELLED_POINTS || index + 1 == periods.len();
    let lines: Vec<Line> = series
        .iter()
        .enumerate()
        .map(|(number, values)| {
            let points: Vec<LinePoint> = periods
                .iter()
                .enumerate()
                .map(|(index, period)| {
                    let value = values.counts[index];
                    let (x, y) = (axes.middle(index), axes.y(value));
                    // Where two lines meet, the higher value is written above its point and
                    // the other below (above too when that would cross the axis).
                    let highest = series.iter().enumerate().all(|(other, them)| {
                        them.counts[index] < value
                            || (them.counts[index] == value && other >= number)
                    });
                    let below = !highest && y + 15.0 <= axes.plot.bottom;
                    LinePoint {
                        period: period.clone(),
                        value,
                        marker: marker(values.pattern, x, y),
                        label: labelled(index).then(|| Point {
                            x,
                            y: if below {
                                round(y + 15.0)
                            } else {
                                round(y - 7.0)
                            },
                        }),
                    }
                })
                .collect();
            let path = (0..periods.len())
                .map(|index| {
                    let command = if index == 0 { 'M' } else { 'L' };
                    format!(
                        "{command}{} {}",
                        axes.middle(index),
                        axes.y(values.counts[index])
                    )
                })
                .collect::<Vec<_>>()
                .join(" ");
            Line {
                key: values.key.clone(),
                name: values.name.clone(),
                path,
                points,
            }
        })
        .collect();
    // Each line's name is written at its end, nudged apart where lines end together.
    let mut ends: Vec<(usize, f64)> = series
        .iter()
        .enumerate()
        .map(|(number, values)| (number, axes.y(values.counts.last().copied().unwrap_or(0))))
        .collect();
    ends.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    for index in 1..ends.len() {
        let floor = ends[index - 1].1 + NAME_GAP;
        if ends[index].1 < floor {
            ends[index].1 = floor;
        }
    }
    let overflow = ends
        .last()
        .map_or(0.0, |last| last.1 - (HEIGHT - 6.0))
        .max(0.0);
    ends.sort_by_key(|(number, _)| *number);
    let legend = series
        .iter()
        .zip(&ends)
        .map(|(values, (_, y))| {
            let point = Point {
                x: axes.plot.right + 30.0,
                y: round(y - overflow + 4.0),
            };
            let marker = marker(values.pattern, point.x - 15.0, point.y - 4.0);
            describe(values, point, marker)
        })
        .collect();
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        desc: String::new(),
        width: WIDTH,
        height: HEIGHT,
        plot: axes.plot,
        y_ticks,
        x_ticks: axes.x_ticks(periods),
        series: legend,
        stacks: Vec::new(),
        lines,
    }
}

/// A series' legend entry.
fn describe(values: &Values, legend: Point, legend_marker: String) -> Series {
    Series {
        key: values.key.clone(),
        name: values.name.clone(),
        colour: values.colour,
        pattern: values.pattern,
        dashed: values.dashed,
        legend,
        legend_marker,
    }
}

/// A marker's outline around a point, as an SVG path.
fn marker(shape: &str, x: f64, y: f64) -> String {
    let (x, y) = (round(x), round(y));
    match shape {
        "square" => format!("M{} {}h7v7h-7z", round(x - 3.5), round(y - 3.5)),
        "triangle" => format!("M{x} {}l4.5 8h-9z", round(y - 4.5)),
        "diamond" => format!("M{x} {}l4.5 4.5l-4.5 4.5l-4.5 -4.5z", round(y - 4.5)),
        _ => format!("M{} {y}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z", round(x - 4.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(key: &str, counts: &[usize]) -> Values {
        Values {
            key: key.to_owned(),
            name: key.to_owned(),
            colour: "#000",
            pattern: "plain",
            dashed: false,
            counts: counts.to_vec(),
        }
    }

    #[test]
    fn scales_to_at_most_five_round_steps() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(3), (3, 1));
        assert_eq!(scale(7), (8, 2));
        assert_eq!(scale(24), (25, 5));
        assert_eq!(scale(26), (30, 10));
        assert_eq!(scale(10_000), (10_000, 2_000));
    }

    #[test]
    fn stacks_bottom_first_and_lists_the_top_first() {
        let periods = ["a".to_owned(), "b".to_owned()];
        let chart = stacked(
            "c",
            "t",
            &periods,
            &[values("low", &[2, 0]), values("high", &[3, 5])],
        );
        let first = &chart.stacks[0];
        assert_eq!(first.total, 5);
        assert_eq!(first.segments[0].key, "low");
        assert!(
            first.segments[0].y > first.segments[1].y,
            "low sits below high"
        );
        assert_eq!(
            first.segments[0].y,
            chart.plot.bottom - first.segments[0].height
        );
        assert_eq!(chart.stacks[1].segments.len(), 1, "no segment for a zero");
        let legend: Vec<&str> = chart.series.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(legend, ["high", "low"]);
    }

    #[test]
    fn names_lines_at_their_ends_apart() {
        let periods = ["a".to_owned(), "b".to_owned()];
        let chart = lines(
            "c",
            "t",
            &periods,
            &[values("one", &[1, 2]), values("two", &[0, 2])],
        );
        let (one, two) = (chart.series[0].legend.y, chart.series[1].legend.y);
        assert!((one - two).abs() >= NAME_GAP, "{one} {two}");
        assert_eq!(chart.lines[0].path, "M182.5 127 L467.5 18");
    }
}
