//! CSV: UTF-8 with or without a byte order mark; the delimiter (comma, semicolon or tab) is
//! the one the first line uses most outside quotes.

use super::{Cell, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, Row, Sheet, SheetError};

/// The delimiters riskreg recognises, the preferred one first on a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Reads CSV bytes into a sheet; every non-empty cell is text. A cell that riskreg's export
/// made inert (a `'` before `=`, `+`, `-`, `@`, tab or carriage return) gets its text back.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SheetError::new(
            format!(
                "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
                bytes.len()
            ),
            "split the sheet into smaller files",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SheetError::new(
            "the file is UTF-16 text",
            "save it as \"CSV UTF-8\"",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(error) = std::str::from_utf8(bytes) {
        let valid = &bytes[..error.valid_up_to()];
        let line = 1 + valid.iter().filter(|&&byte| byte == b'\n').count();
        return Err(SheetError::new(
            format!("the file is not UTF-8: invalid byte at line {line}"),
            "save it as \"CSV UTF-8\" (Excel: File > Save As > CSV UTF-8)",
        ));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut cells_read = 0usize;
    let mut record = ::csv::ByteRecord::new();
    let mut number: u32 = 0;
    // Where the next record would start were there no blank line before it: the csv crate
    // skips blank lines, which a spreadsheet program shows as empty rows.
    let mut expected_line: u64 = 1;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let line = error.position().map_or(number as u64 + 1, |at| at.line());
                return Err(SheetError::new(
                    format!("the CSV cannot be read at line {line}: {error}"),
                    "check the quoting around that line",
                ));
            }
        }
        let line = record.position().map_or(expected_line, |at| at.line());
        let blank = u32::try_from(line.saturating_sub(expected_line)).unwrap_or(u32::MAX);
        number = number.saturating_add(1).saturating_add(blank);
        let breaks = record
            .iter()
            .map(|field| memchr::memchr_iter(b'\n', field).count() as u64)
            .sum::<u64>();
        expected_line = line + 1 + breaks;
        if record.len() > MAX_COLUMNS as usize {
            return Err(SheetError::new(
                format!("row {number} has {} columns", record.len()),
                "riskreg reads at most 16,384 columns, as Excel does",
            ));
        }
        cells_read += record.len();
        if cells_read > MAX_CELLS {
            return Err(SheetError::new(
                format!("the file holds more than {MAX_CELLS} cells"),
                "split the sheet into smaller files",
            ));
        }
        let cells: Vec<Cell> = record
            .iter()
            .map(|field| cell(&String::from_utf8_lossy(field)))
            .collect();
        if cells.iter().any(|cell| !cell.is_empty()) {
            rows.push(Row { number, cells });
        }
    }
    Ok(Sheet { name: None, rows })
}

fn cell(field: &str) -> Cell {
    if field.trim().is_empty() {
        return Cell::Empty;
    }
    let text = match field.strip_prefix('\'') {
        Some(rest) if super::is_formula_like(rest) => rest,
        _ => field,
    };
    Cell::Text(text.to_owned())
}

/// The delimiter the first record uses most outside quotes (comma when it uses none).
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(at) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[at] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for at in 1..DELIMITERS.len() {
        if counts[at] > counts[best] {
            best = at;
        }
    }
    DELIMITERS[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|row| row.cells.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn detects_each_delimiter() {
        for (text, expected) in [
            ("a,b;c\n1,2;3\n", vec![vec!["a", "b;c"], vec!["1", "2;3"]]),
            (
                "a;b;c,d\n1;2,3\n",
                vec![vec!["a", "b", "c,d"], vec!["1", "2,3"]],
            ),
            ("a;b,c\n", vec![vec!["a;b", "c"]]),
            (
                "a\tb\tc;d\n1\t2\n",
                vec![vec!["a", "b", "c;d"], vec!["1", "2"]],
            ),
            ("\"x;y\",z\n", vec![vec!["x;y", "z"]]),
            ("single\n", vec![vec!["single"]]),
        ] {
            let sheet = read_csv(text.as_bytes()).expect("reads");
            assert_eq!(texts(&sheet), expected, "{text:?}");
        }
    }

    #[test]
    fn strips_a_byte_order_mark_and_keeps_row_numbers() {
        let sheet = read_csv(b"\xEF\xBB\xBFref_id;name\n\n;\nR1;\"two\nlines\"\n").expect("reads");
        assert_eq!(sheet.rows[0].cells[0], Cell::Text("ref_id".to_owned()));
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[1].number, 4);
        assert_eq!(sheet.rows[1].cells[1], Cell::Text("two\nlines".to_owned()));
    }

    #[test]
    fn undoes_the_exports_formula_guard() {
        let sheet = read_csv(b"'=SUM(A1),'-x,'plain,it's\n").expect("reads");
        assert_eq!(
            texts(&sheet),
            vec![vec!["=SUM(A1)", "-x", "'plain", "it's"]]
        );
    }

    #[test]
    fn refuses_other_encodings() {
        let error = read_csv(b"caf\xE9,x\n").expect_err("latin-1");
        assert!(error.message.contains("not UTF-8"), "{error}");
        let error = read_csv(b"\xFF\xFEa\x00").expect_err("utf-16");
        assert!(error.message.contains("UTF-16"), "{error}");
    }
}
