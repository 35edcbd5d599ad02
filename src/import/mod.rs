//! `riskreg import`: a spreadsheet's rows read into the register. The sheet's columns are
//! resolved ([`map`]), its rows grouped into risks and actions ([`rows`]), each cell read
//! ([`cells`], [`fields`]), and the records matched to the register's documents by ID to
//! plan new files and minimal edits of existing ones ([`plan`]); nothing is written while
//! any cell cannot be read, and then every file is written atomically ([`write`]).

mod cells;
mod fields;
mod map;
mod plan;
mod rows;
mod write;

use chrono::NaiveDate;

use crate::load::{self, Register};
use crate::sheet::{Sheet, column_name};
use crate::source::FieldChange;

pub use map::MapFile;
pub use write::write;

/// What an import does.
#[derive(Debug, Default)]
pub struct Plan {
    /// New documents.
    pub created: Vec<Created>,
    /// Existing documents with changed fields.
    pub updated: Vec<Updated>,
    /// Documents the sheet matches whose fields all hold what it says: (ID, path).
    pub unchanged: Vec<(String, String)>,
    /// Which header shape was read: riskreg's export, CISO Assistant's, or the map.
    pub shape: &'static str,
}

/// A new document.
#[derive(Debug)]
pub struct Created {
    /// Its ID.
    pub id: String,
    /// Its path, relative to the register root.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its fields, for the summary.
    pub changes: Vec<FieldChange>,
}

/// An existing document with changed fields.
#[derive(Debug)]
pub struct Updated {
    /// Its ID.
    pub id: String,
    /// Its path, relative to the register root.
    pub path: String,
    /// Its new text.
    pub text: String,
    /// The fields that change.
    pub changes: Vec<FieldChange>,
}

/// Where an import error is.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// The sheet as a whole.
    Sheet,
    /// The map file.
    Map,
    /// A row of the sheet.
    Row(u32),
    /// A cell of the sheet.
    Cell {
        /// Its row's number.
        row: u32,
        /// Its 0-based column.
        column: usize,
        /// The column's header text.
        header: String,
        /// What the cell holds.
        value: String,
    },
    /// A file of the register (relative path).
    File(String),
}

/// A reason the import cannot be done, with where and a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// Where.
    pub place: Place,
    /// What is wrong (for a cell: said of its value, "is not a date").
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl ImportError {
    fn new(place: Place, message: impl Into<String>, hint: impl Into<String>) -> Self {
        ImportError {
            place,
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn sheet(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(Place::Sheet, message, hint)
    }

    fn map(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(Place::Map, message, hint)
    }

    fn row(row: u32, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(Place::Row(row), message, hint)
    }

    fn cell(
        row: u32,
        column: usize,
        header: &str,
        value: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        let place = Place::Cell {
            row,
            column,
            header: header.to_owned(),
            value: value.to_owned(),
        };
        Self::new(place, message, hint)
    }

    fn file(path: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(Place::File(path.to_owned()), message, hint)
    }

    /// The error as one message and a hint line: `FILE, sheet S, row 7, column E (Header):
    /// "value" is not a date` for a cell.
    pub fn render(&self, file: &str, sheet: Option<&str>, map: Option<&str>) -> String {
        let sheet_part = sheet
            .map(|name| format!(", sheet {name}"))
            .unwrap_or_default();
        let head = match &self.place {
            Place::Sheet => format!("{file}{sheet_part}: {}", self.message),
            Place::Map => format!("{}: {}", map.unwrap_or("the map"), self.message),
            Place::Row(row) => format!("{file}{sheet_part}, row {row}: {}", self.message),
            Place::Cell {
                row,
                column,
                header,
                value,
            } => {
                let header = if header.is_empty() {
                    String::new()
                } else {
                    format!(" ({header})")
                };
                format!(
                    "{file}{sheet_part}, row {row}, column {}{header}: {value:?} {}",
                    column_name(*column),
                    self.message
                )
            }
            Place::File(path) => format!("{path} {}", self.message),
        };
        format!("{head}\n  hint: {}", self.hint)
    }
}

/// Reads a map file's text.
pub fn read_map(text: &str) -> Result<MapFile, Vec<ImportError>> {
    let hint = "see the map format in `riskreg import --help`";
    let node = match load::parse_yaml(text) {
        Ok(Some(node)) => node,
        Ok(None) => return Ok(MapFile::default()),
        Err((message, span)) => {
            return Err(vec![ImportError::map(
                format!("line {}: {message}", span.line),
                hint,
            )]);
        }
    };
    serde_json::from_value(node.to_json())
        .map_err(|error| vec![ImportError::map(error.to_string(), hint)])
}

/// Plans the import of a sheet into a register: every error at once, or the plan.
pub fn plan(
    register: &Register,
    sheet: &Sheet,
    map: Option<&MapFile>,
    as_of: NaiveDate,
) -> Result<Plan, Vec<ImportError>> {
    let columns = map::resolve(sheet, map)?;
    let records = rows::collect(sheet, &columns)?;
    let reader = fields::Reader {
        sheet,
        columns: &columns,
        config: &register.config,
    };
    let mut plan = plan::build(register, &reader, &records, as_of)?;
    plan.shape = columns.shape;
    Ok(plan)
}
