//! The extent of an ODS sheet, measured before calamine reads it. calamine expands
//! `number-rows-repeated` and `number-columns-repeated` into a dense grid of up to 100
//! million cells, so a spreadsheet of a few hundred bytes could ask for gigabytes; this scan
//! streams `content.xml` once and refuses a sheet whose grid exceeds riskreg's own limit.

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, SheetError};

/// The most rows a sheet may have, as in Excel and calamine.
const MAX_ROWS: u64 = 1_048_576;

/// Fails when a sheet of the ODS file `bytes` spans more cells than riskreg reads, counting
/// repeated rows and columns as calamine expands them (calamine lays out every sheet when it
/// opens the file, so every sheet is measured), or when its `content.xml` is larger
/// uncompressed than the largest spreadsheet file read.
pub fn check_extent(bytes: &[u8]) -> Result<(), SheetError> {
    let unreadable = |error: String| {
        SheetError::new(
            format!("the file is not an ODS spreadsheet or is damaged: {error}"),
            "open it in a spreadsheet program and save it again, or export the sheet as CSV UTF-8",
        )
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| unreadable(error.to_string()))?;
    let content = archive
        .by_name("content.xml")
        .map_err(|error| unreadable(error.to_string()))?;
    let mut reader = Reader::from_reader(BufReader::new(content.take(MAX_FILE_BYTES + 1)));
    let mut buffer = Vec::new();
    let mut extent: Option<Extent> = None;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| unreadable(error.to_string()))?;
        let has_content = matches!(event, Event::Start(_));
        match event {
            Event::Start(element) | Event::Empty(element) => match element.local_name().as_ref() {
                b"table" if has_content && extent.is_none() => extent = Some(Extent::default()),
                b"table-row" => {
                    if let Some(extent) = extent.as_mut() {
                        extent.start_row(repeat(&element, b"table:number-rows-repeated"));
                    }
                }
                b"table-cell" | b"covered-table-cell" => {
                    if let Some(extent) = extent.as_mut() {
                        let filled =
                            has_content || attribute(&element, b"office:value-type").is_some();
                        extent.cell(repeat(&element, b"table:number-columns-repeated"), filled);
                        extent.check()?;
                    }
                }
                _ => {}
            },
            Event::End(element) if element.local_name().as_ref() == b"table" => {
                if let Some(extent) = extent.take() {
                    extent.check()?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if reader.buffer_position() > MAX_FILE_BYTES {
            return Err(SheetError::new(
                format!("the spreadsheet's content is over {MAX_FILE_BYTES} bytes uncompressed"),
                "split the sheet into smaller spreadsheets",
            ));
        }
        buffer.clear();
    }
    extent.map_or(Ok(()), |extent| extent.check())
}

/// An attribute's value, if present and readable.
fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|value| String::from_utf8(value.value.into_owned()).ok())
}

/// A repeat count (1 when absent or unreadable, as calamine reads it).
fn repeat(element: &BytesStart<'_>, name: &[u8]) -> u64 {
    attribute(element, name)
        .and_then(|value| value.parse().ok())
        .unwrap_or(1)
}

/// The cells of one sheet as calamine would lay them out.
#[derive(Default)]
struct Extent {
    /// Rows so far, repeats counted (the current row starts here).
    rows: u64,
    /// The current row's repeat count.
    row_repeats: u64,
    /// Columns so far in the current row, repeats counted.
    column: u64,
    /// Cells calamine holds before it lays out the grid: every row element's columns.
    row_cells: u64,
    /// The filled cells' bounding box: first and last row, first and last column.
    filled: Option<(u64, u64, u64, u64)>,
}

impl Extent {
    /// A new row element repeated `repeats` times (capped at the sheet's last row).
    fn start_row(&mut self, repeats: u64) {
        self.rows = self.rows.saturating_add(self.row_repeats);
        self.row_repeats = repeats.min(MAX_ROWS.saturating_sub(self.rows));
        self.column = 0;
    }

    /// A cell repeated `repeats` times (capped at the last column) in the current row.
    fn cell(&mut self, repeats: u64, filled: bool) {
        let repeats = repeats.min(u64::from(MAX_COLUMNS).saturating_sub(self.column));
        if repeats == 0 {
            return;
        }
        self.row_cells = self.row_cells.saturating_add(repeats);
        if filled && self.row_repeats > 0 {
            let last_row = self.rows + self.row_repeats - 1;
            let last_column = self.column + repeats - 1;
            let (top, bottom, left, right) =
                self.filled
                    .unwrap_or((self.rows, last_row, self.column, last_column));
            self.filled = Some((
                top.min(self.rows),
                bottom.max(last_row),
                left.min(self.column),
                right.max(last_column),
            ));
        }
        self.column += repeats;
    }

    /// Fails when the grid, or what calamine holds before building it, is over the limit.
    fn check(&self) -> Result<(), SheetError> {
        let grid = self.filled.map_or(0, |(top, bottom, left, right)| {
            (bottom - top + 1).saturating_mul(right - left + 1)
        });
        let cells = grid.max(self.row_cells);
        if cells > MAX_CELLS as u64 {
            return Err(SheetError::new(
                format!(
                    "the sheet spans {cells} cells once its repeated rows and columns are \
                     expanded, more than the {MAX_CELLS} riskreg reads"
                ),
                "delete the unused rows and columns (or the repeated values) and save again, \
                 or export the sheet as CSV UTF-8",
            ));
        }
        Ok(())
    }
}
