//! Spreadsheets read into rows of cells: CSV (delimiter detected, with or without a byte
//! order mark), XLSX and ODS (through calamine). Rows and columns keep the numbers the
//! spreadsheet shows, so a message can name the cell. Imports no other module of the crate.

mod csv;
mod ods_extent;
mod workbook;

#[cfg(test)]
mod fuzz;

use std::fmt;

use chrono::NaiveDate;

pub use self::csv::read_csv;
pub use workbook::{Format, read_workbook};

/// The largest spreadsheet file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The most cells a sheet may hold (a million rows of twenty columns).
pub const MAX_CELLS: usize = 20_000_000;

/// The widest a row may be: Excel's last column, XFD.
pub const MAX_COLUMNS: u32 = 16_384;

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Nothing, or only whitespace in a CSV.
    #[default]
    Empty,
    /// Text.
    Text(String),
    /// A number (workbooks only; CSV cells are text).
    Number(f64),
    /// A date cell (the time of day, if any, dropped).
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
    /// A cell the reader could not turn into a value: a formula error such as `#REF!`, a
    /// duration, a date outside the calendar.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a spreadsheet shows it: whole numbers without a decimal
    /// point, dates as YYYY-MM-DD.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(number) => number_text(*number),
            Cell::Date(date) => date.to_string(),
            Cell::Bool(flag) => if *flag { "TRUE" } else { "FALSE" }.to_owned(),
            Cell::Error(what) => what.clone(),
        }
    }
}

/// A number as a spreadsheet shows it: `3`, not `3.0`.
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else {
        number.to_string()
    }
}

/// A row that holds at least one value, with the number the spreadsheet gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based, as the spreadsheet numbers it.
    pub number: u32,
    /// The cells from column A on.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in a 0-based column; empty past the row's end.
    pub fn cell(&self, column: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(column).unwrap_or(&EMPTY)
    }
}

/// A sheet's rows that hold values (empty rows are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name; `None` for a CSV file.
    pub name: Option<String>,
    /// The rows that hold a value, in order.
    pub rows: Vec<Row>,
}

/// Whether a spreadsheet program would take text starting like this for a formula (`=`,
/// `+`, `-`, `@`, tab or carriage return first). Exports guard such text; imports take the
/// guard off.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The column's letters: 0 is `A`, 26 is `AA`.
pub fn column_name(index: usize) -> String {
    let mut name = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        name.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Why a spreadsheet could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
}

impl SheetError {
    fn new(message: impl Into<String>, hint: &'static str) -> Self {
        SheetError {
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (hint: {})", self.message, self.hint)
    }
}

/// Reads a spreadsheet by its file name's extension: `.csv` (or `.tsv`, `.txt`), `.xlsx`
/// (`.xlsm`), `.ods`. `sheet` names a workbook's sheet (default: the first).
pub fn read(file_name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" => read_csv(&bytes),
        "xlsx" | "xlsm" => read_workbook(bytes, Format::Xlsx, sheet),
        "ods" => read_workbook(bytes, Format::Ods, sheet),
        "xls" => Err(SheetError::new(
            "this is an Excel 97-2003 workbook (.xls), which riskreg does not read",
            "save it as an Excel workbook (.xlsx) or as CSV UTF-8",
        )),
        _ => Err(SheetError::new(
            format!("cannot tell the format of `{file_name}` from its extension"),
            "name the file .csv, .xlsx or .ods",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(Cell::Number(3.0).text(), "3");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert_eq!(Cell::Bool(true).text(), "TRUE");
        assert!(Cell::Text("  ".to_owned()).is_empty());
    }

    #[test]
    fn unknown_extensions_are_refused() {
        let error = read("risks.pdf", Vec::new(), None).expect_err("not a sheet");
        assert!(error.message.contains("risks.pdf"), "{error}");
        let error = read("old.xls", Vec::new(), None).expect_err("xls");
        assert!(error.message.contains(".xls"), "{error}");
    }
}
