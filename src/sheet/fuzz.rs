//! A bounded, deterministic fuzz test of the readers: mutated CSV text and XLSX / ODS
//! workbooks (bytes flipped, cut, repeated) must give a sheet or an error, never a panic.

use rust_xlsxwriter::Workbook;

use super::{Format, read_csv, read_workbook};

/// xorshift64*: the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `seed`: flipped bytes, a cut, a repeated or a removed slice.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(5) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes.truncate(at),
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                let slice = bytes[at..end].to_vec();
                bytes.splice(at..at, slice);
            }
            3 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let special = [b'"', b',', b';', b'\t', b'\n', b'\r', 0, 0xFF, b'<', b'>'];
                bytes.insert(at, special[rng.below(special.len())]);
            }
        }
    }
    bytes
}

fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in ["risk_id", "risk_title", "due_date"]
        .into_iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, header)
            .expect("header");
    }
    for row in 1..20u32 {
        sheet
            .write_string(row, 0, format!("R-{row:03}"))
            .expect("id");
        sheet
            .write_string(row, 1, "A title, with \"quotes\"")
            .expect("title");
        sheet
            .write_number(row, 2, 46_000.0 + f64::from(row))
            .expect("number");
    }
    sheet
        .merge_range(21, 0, 23, 1, "merged", &rust_xlsxwriter::Format::new())
        .expect("merge");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn mutated_csv_never_panics() {
    let seed = "\u{feff}risk_id;risk_title;evidence\nR-001;\"a;b\";\"x\ny\"\nR-002;'=SUM(A1);\n"
        .as_bytes();
    let mut rng = Rng(0x5EED_CAFE);
    for _ in 0..3000 {
        let bytes = mutate(&mut rng, seed);
        let _ = read_csv(&bytes);
    }
}

#[test]
fn mutated_workbooks_never_panic() {
    let seed = workbook();
    let mut rng = Rng(0xC0FF_EE00);
    for round in 0..400 {
        let bytes = mutate(&mut rng, &seed);
        let format = if round % 4 == 0 {
            Format::Ods
        } else {
            Format::Xlsx
        };
        let _ = read_workbook(bytes, format, None);
    }
}
