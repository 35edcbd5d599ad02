//! Reading one file: size limit, binary and encoding checks, YAML parsing, validation.

use std::path::Path;
use std::sync::Arc;

use crate::code::Code;
use crate::finding::Finding;
use crate::layout::relative_path;
use crate::source::{Document, Span, strip_bom};

use super::file::{self, Refusal};
use super::{schema, yaml};

/// A document that could not be read, with its `yaml-syntax` finding.
fn refused(path: String, message: String, help: &str, at: Span) -> (Document, Vec<Finding>) {
    let finding = Finding::new(Code::YamlSyntax, &path, at, message).with_help(help);
    (Document::unparsed(path, Arc::from("")), vec![finding])
}

/// Reads, parses and validates the document at `file`: a regular file, never through a
/// link, never more than `max_bytes` of it.
pub fn document(root: &Path, file: &Path, max_bytes: u64) -> (Document, Vec<Finding>) {
    let path = relative_path(root, file);
    let not_read =
        |message: String, help: &str| refused(path.clone(), message, help, Span::file_start());
    match file::read_regular(file, max_bytes) {
        Ok(bytes) => from_bytes(path, &bytes, max_bytes),
        Err(Refusal::TooLarge(size)) => too_large(path, size, max_bytes),
        Err(Refusal::Io(error)) => not_read(
            format!("cannot read the file: {error}"),
            "check the file's permissions",
        ),
        Err(Refusal::Link) => not_read(
            "the file is a symbolic link, which riskreg does not follow".to_owned(),
            "put the file itself in the register",
        ),
        Err(Refusal::NotRegular) => not_read(
            "this is not a regular file".to_owned(),
            "remove it from the register, or add it to `ignore:` in riskreg.yaml",
        ),
    }
}

/// The `yaml-syntax` finding of a file of `size` bytes over the limit, which was not read.
pub fn too_large(path: String, size: u64, max_bytes: u64) -> (Document, Vec<Finding>) {
    refused(
        path,
        format!("the file is {size} bytes, over the limit of {max_bytes} bytes"),
        "split it into one file per document; if it must be this large, raise the limit with --max-file-bytes (and `limits.max_file_bytes` in riskreg.yaml, which can only lower it)",
        Span::file_start(),
    )
}

/// Parses and validates a document's bytes (from a file or a git blob); `path` is relative
/// to the register root.
pub fn from_bytes(path: String, bytes: &[u8], max_bytes: u64) -> (Document, Vec<Finding>) {
    if bytes.len() as u64 > max_bytes {
        return too_large(path, bytes.len() as u64, max_bytes);
    }
    let refuse = |message: String, help: &str, at: Span| refused(path.clone(), message, help, at);
    let start = Span::file_start();
    if let Some(at) = bytes.iter().position(|&byte| byte == 0) {
        return refuse(
            format!("this is a binary file (a NUL byte at offset {at}), not YAML text"),
            "remove it from the register, or add it to `ignore:` in riskreg.yaml",
            start,
        );
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = 1 + valid.iter().filter(|&&byte| byte == b'\n').count();
            let column = 1 + valid
                .iter()
                .rev()
                .take_while(|&&byte| byte != b'\n')
                .count();
            return refuse(
                format!("the file is not UTF-8: invalid byte at line {line}, column {column}"),
                "save the file as UTF-8",
                Span {
                    line,
                    column,
                    ..Span::default()
                },
            );
        }
    };
    let text: Arc<str> = Arc::from(strip_bom(text));
    let mut doc = Document::unparsed(path, Arc::clone(&text));
    match yaml::parse(&text) {
        Err(error) => {
            let mut finding = Finding::new(Code::YamlSyntax, &doc.path, error.span, error.message);
            finding.help = error.help;
            finding.label = Some(error.label.to_owned());
            (doc, vec![finding])
        }
        Ok(None) => {
            let finding = Finding::new(Code::Schema, &doc.path, start, "the file is empty")
                .with_help("a document needs at least `kind`, `id` and `title`; delete the file or fill it in");
            (doc, vec![finding])
        }
        Ok(Some(node)) => {
            doc.node = Some(node);
            let findings = schema::check_document(&mut doc);
            (doc, findings)
        }
    }
}
