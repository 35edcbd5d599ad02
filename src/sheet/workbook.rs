//! XLSX and ODS workbooks through calamine: formulas give their cached values, date cells
//! become dates, a merged region's value fills every cell of it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, Xlsx};
use chrono::NaiveDate;

use super::ods_extent::check_extent;
use super::{Cell, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, Row, Sheet, SheetError};

/// The workbook formats riskreg reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (Excel 2007 and later).
    Xlsx,
    /// OpenDocument (LibreOffice, Google Sheets' download).
    Ods,
}

/// The signature of an OLE compound file: what Excel writes for a password-protected
/// workbook (and for the old .xls format).
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads one sheet of a workbook: the one named `sheet` (exactly, or ignoring case), or the
/// first.
pub fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    sheet: Option<&str>,
) -> Result<Sheet, SheetError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SheetError::new(
            format!(
                "the workbook is {} bytes, over the limit of {MAX_FILE_BYTES}",
                bytes.len()
            ),
            "split the sheet into smaller workbooks",
        ));
    }
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(SheetError::new(
            "the workbook is encrypted (password-protected) or in the old .xls format",
            "remove the password (Excel: File > Info > Protect Workbook) and save as .xlsx",
        ));
    }
    let corrupt = |error: String| {
        let what = match format {
            Format::Xlsx => "an XLSX workbook",
            Format::Ods => "an ODS spreadsheet",
        };
        SheetError::new(
            format!("the file is not {what} or is damaged: {error}"),
            "open it in a spreadsheet program and save it again, or export the sheet as CSV UTF-8",
        )
    };
    match format {
        Format::Xlsx => {
            let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|error: calamine::XlsxError| corrupt(error.to_string()))?;
            let name = choose(&book.sheet_names(), sheet)?;
            let mut cells = Cells::default();
            {
                let mut reader = book
                    .worksheet_cells_reader(&name)
                    .map_err(|error| corrupt(error.to_string()))?;
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|error| corrupt(error.to_string()))?
                {
                    let (row, column) = cell.get_position();
                    cells.put(row, column, from_ref(cell.get_value()))?;
                }
            }
            if book.load_merged_regions().is_ok() {
                for (_, _, region) in book.merged_regions_by_sheet(&name) {
                    cells.fill(region)?;
                }
            }
            Ok(cells.into_sheet(name))
        }
        Format::Ods => {
            check_extent(&bytes)?;
            let mut book: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|error: calamine::OdsError| corrupt(error.to_string()))?;
            let name = choose(&book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|error| corrupt(error.to_string()))?;
            let mut cells = Cells::default();
            if let Some((first_row, first_column)) = range.start() {
                for (offset, row) in range.rows().enumerate() {
                    for (column, value) in row.iter().enumerate() {
                        if !matches!(value, Data::Empty) {
                            cells.put(
                                first_row + offset as u32,
                                first_column + column as u32,
                                from_data(value),
                            )?;
                        }
                    }
                }
            }
            Ok(cells.into_sheet(name))
        }
    }
}

/// The sheet to read: `wanted` (exactly, else ignoring case), or the first.
fn choose(names: &[String], wanted: Option<&str>) -> Result<String, SheetError> {
    let found = match wanted {
        None => names.first(),
        Some(wanted) => names
            .iter()
            .find(|name| *name == wanted)
            .or_else(|| names.iter().find(|name| name.eq_ignore_ascii_case(wanted))),
    };
    match (found, wanted) {
        (Some(name), _) => Ok(name.clone()),
        (None, None) => Err(SheetError::new(
            "the workbook has no sheet",
            "check that it is the right file",
        )),
        (None, Some(wanted)) => Err(SheetError::new(
            format!(
                "the workbook has no sheet named `{wanted}`; its sheets: {}",
                names.join(", ")
            ),
            "set `sheet:` in the map to one of them",
        )),
    }
}

/// The cells read so far, by row then column (0-based).
#[derive(Default)]
struct Cells {
    rows: BTreeMap<u32, BTreeMap<u32, Cell>>,
    count: usize,
}

impl Cells {
    fn put(&mut self, row: u32, column: u32, cell: Cell) -> Result<(), SheetError> {
        if cell.is_empty() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            return Err(SheetError::new(
                format!("a cell lies past column XFD (row {})", row + 1),
                "riskreg reads at most 16,384 columns, as Excel does",
            ));
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(SheetError::new(
                format!("the sheet holds more than {MAX_CELLS} cells"),
                "split the sheet into smaller workbooks",
            ));
        }
        self.rows.entry(row).or_default().insert(column, cell);
        Ok(())
    }

    /// Copies the value of a merged region's first cell into every cell of it (calamine
    /// gives it to the first cell only).
    fn fill(&mut self, region: &Dimensions) -> Result<(), SheetError> {
        let Some(value) = self
            .rows
            .get(&region.start.0)
            .and_then(|row| row.get(&region.start.1))
            .cloned()
        else {
            return Ok(());
        };
        if region.len() > MAX_CELLS as u64 {
            return Err(SheetError::new(
                "a merged region covers more cells than riskreg reads",
                "unmerge the cells and fill in the values",
            ));
        }
        for row in region.start.0..=region.end.0 {
            for column in region.start.1..=region.end.1 {
                if (row, column) != region.start {
                    self.put(row, column, value.clone())?;
                }
            }
        }
        Ok(())
    }

    fn into_sheet(self, name: String) -> Sheet {
        let rows = self
            .rows
            .into_iter()
            .map(|(row, columns)| {
                let width = columns
                    .keys()
                    .next_back()
                    .map_or(0, |last| *last as usize + 1);
                let mut cells = vec![Cell::Empty; width];
                for (column, cell) in columns {
                    cells[column as usize] = cell;
                }
                Row {
                    number: row + 1,
                    cells,
                }
            })
            .collect();
        Sheet {
            name: Some(name),
            rows,
        }
    }
}

fn from_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(number) => Cell::Number(*number as f64),
        DataRef::Float(number) => Cell::Number(*number),
        DataRef::String(text) => Cell::Text(text.clone()),
        DataRef::SharedString(text) => Cell::Text((*text).to_owned()),
        DataRef::Bool(flag) => Cell::Bool(*flag),
        DataRef::DateTime(date) => excel_date(date),
        DataRef::DateTimeIso(text) => iso_date(text),
        DataRef::DurationIso(text) => Cell::Error(format!("the duration {text}")),
        DataRef::Error(error) => Cell::Error(format!("the formula error {error}")),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Float(number) => Cell::Number(*number),
        Data::String(text) => Cell::Text(text.clone()),
        Data::Bool(flag) => Cell::Bool(*flag),
        Data::DateTime(date) => excel_date(date),
        Data::DateTimeIso(text) => iso_date(text),
        Data::DurationIso(text) => Cell::Error(format!("the duration {text}")),
        Data::Error(error) => Cell::Error(format!("the formula error {error}")),
        Data::Empty => Cell::Empty,
    }
}

/// A date cell's date (1900 or 1904 calendar); durations and out-of-range serials are not
/// dates.
fn excel_date(value: &ExcelDateTime) -> Cell {
    if value.is_duration() {
        return Cell::Error(format!("the duration {}", value.as_f64()));
    }
    let serial = value.as_f64();
    if !(0.0..2_958_466.0).contains(&serial) {
        return Cell::Error(format!("the date serial number {serial}"));
    }
    let (year, month, day, ..) = value.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into()).map_or_else(
        || Cell::Error(format!("the date serial number {serial}")),
        Cell::Date,
    )
}

/// An ODS date (`2026-03-31` or `2026-03-31T10:00:00`).
fn iso_date(text: &str) -> Cell {
    text.get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .map_or_else(|| Cell::Text(text.to_owned()), Cell::Date)
}
