//! `riskreg export --format xlsx`: a workbook with the export's rows (sheet Risks, which
//! `riskreg import` reads back), both heat maps coloured as in the HTML report, the method
//! (scales, levels, appetite, treatment targets) and the open findings. Text is always
//! written as text, so no cell becomes a formula.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::model::Config;

use super::export::{COLUMNS, Row};
use super::view::{Heatmap, ReportContext};

/// The columns of [`COLUMNS`] that hold dates.
const DATE_COLUMNS: [&str; 4] = [
    "risk_last_updated",
    "due_date",
    "completed_on",
    "action_last_updated",
];

/// The background of a heat-map tone, as the HTML report's stylesheet has it.
fn tone_colour(tone: &str) -> Color {
    Color::RGB(match tone {
        "green" => 0xCDEBD3,
        "yellow" => 0xFBEFB3,
        "orange" => 0xFBD3A6,
        "red" => 0xF4B4B4,
        _ => 0xF1F3F6,
    })
}

/// The formats of the workbook.
struct Formats {
    header: Format,
    date: Format,
    text: Format,
    guarded: Format,
    title: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xF1F3F6))
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            text: Format::new(),
            guarded: Format::new().set_quote_prefix(),
            title: Format::new().set_bold().set_font_size(13),
        }
    }
}

/// Writes text as a text cell (never a formula); text that a spreadsheet program would
/// take for a formula when edited keeps a quote prefix. Empty text leaves the cell blank.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        return Ok(());
    }
    let format = if crate::sheet::is_formula_like(value) {
        &formats.guarded
    } else {
        &formats.text
    };
    sheet.write_string_with_format(row, column, value, format)?;
    Ok(())
}

/// Writes a `YYYY-MM-DD` value as a date cell, anything else as text.
fn date_or_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|date| {
            let year = u16::try_from(date.year()).ok()?;
            ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
        });
    match date {
        Some(date) => {
            sheet.write_datetime_with_format(row, column, &date, &formats.date)?;
            Ok(())
        }
        None => text(sheet, row, column, value, formats),
    }
}

fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    names: &[&str],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (column, name) in names.iter().enumerate() {
        sheet.write_string_with_format(row, column as u16, *name, &formats.header)?;
    }
    Ok(())
}

fn risks_sheet(sheet: &mut Worksheet, rows: &[Row], formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Risks")?;
    header_row(sheet, 0, &COLUMNS, formats)?;
    for (index, row) in rows.iter().enumerate() {
        let at = index as u32 + 1;
        for (column, (name, value)) in COLUMNS.iter().zip(row.cells()).enumerate() {
            let column = column as u16;
            if *name == "inherent_score" {
                sheet.write_number(at, column, f64::from(row.inherent_score))?;
            } else if DATE_COLUMNS.contains(name) {
                date_or_text(sheet, at, column, &value, formats)?;
            } else {
                text(sheet, at, column, &value, formats)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    for (column, name) in COLUMNS.iter().enumerate() {
        let width = match *name {
            "risk_title" | "mitigation_action" => 48.0,
            "risk_description" | "rationale" | "evidence" => 60.0,
            _ => 14.0,
        };
        sheet.set_column_width(column as u16, width)?;
    }
    Ok(())
}

/// One heat map from `top`: a title, the impact labels across, and a row per likelihood
/// (highest first) whose cells hold the count of risks, coloured by level; to its right the
/// same grid with the risks' IDs. Returns the next free row.
fn heatmap(
    sheet: &mut Worksheet,
    top: u32,
    title: &str,
    map: &Heatmap,
    impact_labels: &[String],
    formats: &Formats,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(
        top,
        0,
        format!("{title} ({} risks)", map.total),
        &formats.title,
    )?;
    let ids_from = impact_labels.len() as u16 + 2;
    sheet.write_string_with_format(top, ids_from, "Risk IDs per cell", &formats.title)?;
    sheet.write_string_with_format(top + 1, 0, "likelihood \\ impact", &formats.header)?;
    for (column, label) in impact_labels.iter().enumerate() {
        sheet.write_string_with_format(top + 1, column as u16 + 1, label, &formats.header)?;
        sheet.write_string_with_format(
            top + 1,
            ids_from + column as u16,
            label,
            &formats.header,
        )?;
    }
    for (offset, row) in map.rows.iter().enumerate() {
        let at = top + 2 + offset as u32;
        sheet.write_string_with_format(at, 0, &row.label, &formats.header)?;
        for (column, cell) in row.cells.iter().enumerate() {
            let format = Format::new()
                .set_background_color(tone_colour(cell.tone))
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center);
            let column = column as u16 + 1;
            if cell.count > 0 {
                sheet.write_number_with_format(at, column, cell.count as f64, &format)?;
                let ids = cell.risks.join(", ");
                sheet.write_string(at, ids_from + column - 1, &ids)?;
            } else {
                sheet.write_blank(at, column, &format)?;
            }
        }
    }
    Ok(top + 3 + map.rows.len() as u32)
}

fn heatmaps_sheet(
    sheet: &mut Worksheet,
    context: &ReportContext,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Heat maps")?;
    let maps = &context.heatmaps;
    let next = heatmap(
        sheet,
        0,
        "Inherent",
        &maps.inherent,
        &maps.impact_labels,
        formats,
    )?;
    heatmap(
        sheet,
        next,
        "Residual",
        &maps.residual,
        &maps.impact_labels,
        formats,
    )?;
    sheet.set_column_width(0, 22.0)?;
    for column in 1..=maps.impact_labels.len() as u16 {
        sheet.set_column_width(column, 13.0)?;
    }
    Ok(())
}

fn method_sheet(
    sheet: &mut Worksheet,
    context: &ReportContext,
    config: &Config,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Method")?;
    let mut row = 0u32;
    let section = |sheet: &mut Worksheet, title: &str, headers: &[&str], row: &mut u32| {
        sheet.write_string_with_format(*row, 0, title, &formats.title)?;
        header_row(sheet, *row + 1, headers, formats)?;
        *row += 2;
        Ok::<(), XlsxError>(())
    };
    section(
        sheet,
        "Scales",
        &["value", "impact", "likelihood"],
        &mut row,
    )?;
    let size = config.scale.impact.len().max(config.scale.likelihood.len());
    for value in 0..size {
        sheet.write_number(row, 0, value as f64 + 1.0)?;
        text(
            sheet,
            row,
            1,
            config.scale.impact.get(value).map_or("", String::as_str),
            formats,
        )?;
        text(
            sheet,
            row,
            2,
            config
                .scale
                .likelihood
                .get(value)
                .map_or("", String::as_str),
            formats,
        )?;
        row += 1;
    }
    row += 1;
    section(
        sheet,
        "Levels (score = impact x likelihood)",
        &["level", "from score", "treatment target (days)"],
        &mut row,
    )?;
    for level in &config.levels {
        text(sheet, row, 0, &level.name, formats)?;
        sheet.write_number(row, 1, f64::from(level.min))?;
        if let Some(days) = config.treatment_target_days.get(&level.name) {
            sheet.write_number(row, 2, f64::from(*days))?;
        }
        row += 1;
    }
    row += 1;
    section(sheet, "Appetite", &["setting", "value"], &mut row)?;
    let appetite = context.appetite.as_ref();
    let settings = [
        ("statement", appetite.and_then(|a| a.statement.clone())),
        (
            "max_accepted_level",
            appetite.and_then(|a| a.max_accepted_level.clone()),
        ),
        (
            "exception_approvers",
            appetite.map(|a| a.exception_approvers.join(", ")),
        ),
        (
            "acceptance_max_days",
            appetite
                .and_then(|a| a.acceptance_max_days)
                .map(|days| days.to_string()),
        ),
        (
            "review.cadence_days",
            Some(config.review.cadence_days.to_string()),
        ),
    ];
    for (name, value) in settings {
        text(sheet, row, 0, name, formats)?;
        text(
            sheet,
            row,
            1,
            value.as_deref().unwrap_or("(not set)").trim(),
            formats,
        )?;
        row += 1;
    }
    sheet.set_column_width(0, 36.0)?;
    sheet.set_column_width(1, 60.0)?;
    sheet.set_column_width(2, 24.0)?;
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    context: &ReportContext,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Findings")?;
    let headers = [
        "rule", "severity", "message", "path", "line", "column", "document",
    ];
    header_row(sheet, 0, &headers, formats)?;
    for (index, finding) in context.findings.iter().enumerate() {
        let row = index as u32 + 1;
        text(sheet, row, 0, finding.rule.as_str(), formats)?;
        text(sheet, row, 1, finding.severity.as_str(), formats)?;
        text(sheet, row, 2, &finding.message, formats)?;
        text(sheet, row, 3, &finding.path, formats)?;
        sheet.write_number(row, 4, finding.line as f64)?;
        sheet.write_number(row, 5, finding.column as f64)?;
        text(
            sheet,
            row,
            6,
            finding.document.as_deref().unwrap_or(""),
            formats,
        )?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        context.findings.len() as u32,
        headers.len() as u16 - 1,
    )?;
    sheet.set_column_width(0, 28.0)?;
    sheet.set_column_width(2, 90.0)?;
    sheet.set_column_width(3, 48.0)?;
    Ok(())
}

/// The workbook's bytes; the same register and as-of date give the same bytes (the
/// workbook's creation time is the as-of date).
pub fn xlsx(context: &ReportContext, rows: &[Row], config: &Config) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    let as_of = context.as_of;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(as_of.year()).unwrap_or(2000),
        as_of.month() as u8,
        as_of.day() as u8,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(context.title.as_str())
            .set_company(context.organization.as_str())
            .set_creation_datetime(&created),
    );
    risks_sheet(book.add_worksheet(), rows, &formats)?;
    heatmaps_sheet(book.add_worksheet(), context, &formats)?;
    method_sheet(book.add_worksheet(), context, config, &formats)?;
    findings_sheet(book.add_worksheet(), context, &formats)?;
    book.save_to_buffer()
}
