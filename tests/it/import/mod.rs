//! `riskreg import` and `export --format xlsx`: the header shapes it reads without a map
//! and a sheet through a map, round trips that change no byte, minimal re-imports, dry
//! runs, and every kind of bad input.

mod bad_input;
mod edits;
mod round_trip;
mod shapes;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use crate::support::{AS_OF, riskreg};

/// A cell of a test workbook.
pub enum X {
    /// Nothing.
    E,
    /// Text.
    S(&'static str),
    /// A number.
    N(f64),
    /// A date cell.
    D(u16, u8, u8),
    /// A formula with its cached value.
    F(&'static str, &'static str),
}

/// A workbook of named sheets, rows from row 1, each cell written as its kind says.
pub fn workbook(sheets: &[(&str, &[&[X]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (row, cells) in rows.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                let (row, column) = (row as u32, column as u16);
                match cell {
                    X::E => {}
                    X::S(text) => {
                        sheet.write_string(row, column, *text).expect("text");
                    }
                    X::N(number) => {
                        sheet.write_number(row, column, *number).expect("number");
                    }
                    X::D(year, month, day) => {
                        let value = ExcelDateTime::from_ymd(*year, *month, *day).expect("date");
                        sheet
                            .write_datetime_with_format(row, column, &value, &date)
                            .expect("date cell");
                    }
                    X::F(formula, cached) => {
                        let formula = Formula::new(*formula).set_result(*cached);
                        sheet.write_formula(row, column, formula).expect("formula");
                    }
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx bytes")
}

/// A folder for a test's input files (sheets, maps), apart from the register.
pub struct Inputs(tempfile::TempDir);

impl Inputs {
    /// A new empty folder.
    pub fn new() -> Self {
        Inputs(tempfile::tempdir().expect("tempdir"))
    }

    /// Writes an input file and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).expect("write input");
        path
    }
}

/// Every file under `root` (hidden ones too) with its bytes, by relative path.
pub fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                found.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    found
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Runs `riskreg import FILE --into ROOT --as-of AS_OF` with extra arguments.
pub fn import(file: &Path, into: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        file.to_str().expect("UTF-8 path"),
        "--into",
        into.to_str().expect("UTF-8 path"),
        "--as-of",
        AS_OF,
    ];
    args.extend_from_slice(extra);
    riskreg(&args)
}

/// The text of a register file.
pub fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative))
        .unwrap_or_else(|error| panic!("{relative}: {error}"))
}

/// An OpenDocument spreadsheet whose one sheet, `Risks`, holds the `table:table-row`
/// elements `table`: the uncompressed `mimetype` first, as ODS requires, then `content.xml`.
pub fn ods(table: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Risks\">{table}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}
