//! The sheet's records matched to the register by ID (or, for a record without one, by
//! title), and what importing them does: new documents, and the changed fields of existing
//! ones edited in their text.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::edit::{self, Set};
use crate::load::{self, Register};
use crate::model::Kind;
use crate::scaffold::{self, IdAllocator};
use crate::source::{Document, FieldChange};

use super::cells;
use super::fields::{Reader, Wanted, at_path, same};
use super::rows::{CellRef, Records};
use super::{Created, ImportError, Plan, Updated};

/// A record's resolved ID and the document it matched, if any.
struct Matched<'r> {
    id: String,
    document: Option<&'r Document>,
}

/// What the register holds, for matching.
struct Existing<'r> {
    by_id: HashMap<&'r str, &'r Document>,
    by_title: HashMap<(Kind, String), Vec<&'r Document>>,
    paths: HashSet<String>,
}

impl<'r> Existing<'r> {
    fn new(register: &'r Register) -> Self {
        let mut by_id = HashMap::new();
        let mut by_title: HashMap<(Kind, String), Vec<&Document>> = HashMap::new();
        for document in &register.documents {
            let Some(id) = document.id.as_deref() else {
                continue;
            };
            by_id.entry(id).or_insert(document);
            let title = document
                .node
                .as_ref()
                .and_then(|node| node.get("title"))
                .and_then(|entry| match &entry.value.value {
                    crate::source::NodeValue::String(title) => Some(title.trim().to_lowercase()),
                    _ => None,
                });
            if let (Some(kind), Some(title)) = (document.kind, title) {
                by_title.entry((kind, title)).or_default().push(document);
            }
        }
        Existing {
            by_id,
            by_title,
            paths: register
                .documents
                .iter()
                .map(|document| document.path.clone())
                .collect(),
        }
    }
}

/// A record's ID as written (with its cell) and its title.
type Key = (Option<(String, CellRef)>, Option<String>);

/// Resolves each record's ID: the one written (checked), the document with the same title,
/// or the next free one.
fn resolve<'r>(
    kind: Kind,
    records: &[Key],
    existing: &Existing<'r>,
    allocator: &mut IdAllocator,
    header: &dyn Fn(usize) -> String,
    errors: &mut Vec<ImportError>,
) -> Vec<Matched<'r>> {
    let mut claimed: HashMap<String, u32> = HashMap::new();
    let mut matched = Vec::with_capacity(records.len());
    for (id, title) in records {
        let (resolved, document) = match id {
            Some((id, at)) => match cells::id(id) {
                Err((message, hint)) => {
                    errors.push(ImportError::cell(
                        at.row,
                        at.column,
                        &header(at.column),
                        id,
                        message,
                        hint,
                    ));
                    (id.clone(), None)
                }
                Ok(id) => {
                    let document = existing.by_id.get(id.as_str()).copied();
                    if let Some(other) = document.filter(|document| document.kind != Some(kind)) {
                        errors.push(ImportError::cell(
                            at.row,
                            at.column,
                            &header(at.column),
                            &id,
                            format!(
                                "names {} in the register, not a {}",
                                other.path,
                                kind.as_str()
                            ),
                            "give the row an ID of its own",
                        ));
                    }
                    (id, document)
                }
            },
            None => {
                let by_title = title
                    .as_ref()
                    .and_then(|title| existing.by_title.get(&(kind, title.trim().to_lowercase())))
                    .filter(|documents| documents.len() == 1)
                    .map(|documents| documents[0]);
                match by_title {
                    Some(document) => (document.id.clone().unwrap_or_default(), Some(document)),
                    None => (allocator.next_id(), None),
                }
            }
        };
        let row = id.as_ref().map_or(0, |(_, at)| at.row);
        if let Some(first) = claimed.insert(resolved.clone(), row) {
            errors.push(ImportError::row(
                row.max(first),
                format!("two rows name {resolved}, one by ID and one by title"),
                "give the rows the same ID, or different titles",
            ));
        }
        matched.push(Matched {
            id: resolved,
            document,
        });
    }
    matched
}

/// Builds the plan; `as_of` is the date a new risk without one is identified.
pub fn build(
    register: &Register,
    reader: &Reader<'_>,
    records: &Records,
    as_of: NaiveDate,
) -> Result<Plan, Vec<ImportError>> {
    let mut errors = Vec::new();
    for document in register
        .documents
        .iter()
        .filter(|document| document.node.is_none())
    {
        errors.push(ImportError::file(
            &document.path,
            "does not parse as YAML, so import cannot tell what it holds",
            "fix it first (`riskreg check` shows where)",
        ));
    }
    let existing = Existing::new(register);
    let mut taken: Vec<&str> = existing.by_id.keys().copied().collect();
    let sheet_ids: Vec<String> = records
        .risks
        .iter()
        .filter_map(|risk| risk.id.as_ref().map(|(id, _)| id.clone()))
        .chain(
            records
                .actions
                .iter()
                .filter_map(|action| action.id.as_ref().map(|(id, _)| id.clone())),
        )
        .collect();
    taken.extend(sheet_ids.iter().map(String::as_str));
    let header = |column: usize| reader.columns.header(column).to_owned();
    let risk_keys: Vec<_> = records
        .risks
        .iter()
        .map(|risk| (risk.id.clone(), risk.title.clone()))
        .collect();
    let risks = resolve(
        Kind::Risk,
        &risk_keys,
        &existing,
        &mut IdAllocator::new(scaffold::id_prefix(Kind::Risk), taken.iter().copied()),
        &header,
        &mut errors,
    );
    let action_keys: Vec<_> = records
        .actions
        .iter()
        .map(|action| (action.id.clone(), action.title.clone()))
        .collect();
    let actions = resolve(
        Kind::Mitigation,
        &action_keys,
        &existing,
        &mut IdAllocator::new(scaffold::id_prefix(Kind::Mitigation), taken.iter().copied()),
        &header,
        &mut errors,
    );
    let mut builder = Builder {
        register,
        existing,
        plan: Plan::default(),
        folders: HashMap::new(),
    };
    for (record, matched) in records.risks.iter().zip(&risks) {
        let current = matched
            .document
            .and_then(|document| document.node.as_ref())
            .map(|node| node.to_json());
        let before = errors.len();
        let wanted = reader.wanted(&record.cells, current.as_ref(), &mut errors);
        if current.is_none() && errors.len() == before {
            reader.complete_ratings(&wanted, &mut errors);
        }
        let mut defaults = Map::new();
        defaults.insert("identified".to_owned(), json!(as_of.to_string()));
        builder.document(
            Kind::Risk,
            matched,
            current.as_ref(),
            values(&wanted),
            defaults,
            &mut errors,
        );
    }
    let sheet_risks: HashSet<&str> = risks.iter().map(|risk| risk.id.as_str()).collect();
    for (record, matched) in records.actions.iter().zip(&actions) {
        let current = matched
            .document
            .and_then(|document| document.node.as_ref())
            .map(|node| node.to_json());
        let mut wanted = reader.wanted(&record.cells, current.as_ref(), &mut errors);
        if !wanted.contains_key("title")
            && let (Some(title), None) = (&record.title, &current)
        {
            let at = record.id.as_ref().map(|(_, at)| *at).unwrap_or(CellRef {
                index: 0,
                row: record.row,
                column: 0,
            });
            wanted.insert("title".to_owned(), (json!(title), at));
        }
        let listed: Vec<&str> = record
            .risks
            .iter()
            .map(|index| risks[*index].id.as_str())
            .collect();
        let current_risks: Vec<String> = current
            .as_ref()
            .and_then(|current| current.get("risks"))
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut risk_list: Vec<String> = current_risks
            .iter()
            .filter(|id| !sheet_risks.contains(id.as_str()) || listed.contains(&id.as_str()))
            .cloned()
            .collect();
        for id in &listed {
            if !risk_list.iter().any(|known| known == id) {
                risk_list.push((*id).to_owned());
            }
        }
        let mut defaults = Map::new();
        defaults.insert("status".to_owned(), json!("planned"));
        let mut values = values(&wanted);
        values.push(("risks".to_owned(), json!(risk_list)));
        builder.document(
            Kind::Mitigation,
            matched,
            current.as_ref(),
            values,
            defaults,
            &mut errors,
        );
    }
    if errors.is_empty() {
        Ok(builder.plan)
    } else {
        Err(errors)
    }
}

/// Puts documents into the plan.
struct Builder<'r> {
    register: &'r Register,
    existing: Existing<'r>,
    plan: Plan,
    folders: HashMap<Kind, (String, String)>,
}

impl Builder<'_> {
    /// The folder for a kind's new documents and the `$schema` comment they start with.
    fn folder(&mut self, kind: Kind) -> (String, String) {
        if let Some(found) = self.folders.get(&kind) {
            return found.clone();
        }
        let found = scaffold::placement(kind, &self.register.documents);
        self.folders.insert(kind, found.clone());
        found
    }

    /// Plans one record: an update of the document it matched, or a new document with
    /// `defaults` under the values.
    fn document(
        &mut self,
        kind: Kind,
        matched: &Matched<'_>,
        current: Option<&Value>,
        values: Vec<(String, Value)>,
        defaults: Map<String, Value>,
        errors: &mut Vec<ImportError>,
    ) {
        match (matched.document, current) {
            (Some(document), Some(current)) => {
                self.update(kind, document, current, &values, errors)
            }
            _ => self.create(kind, &matched.id, values, defaults, errors),
        }
    }

    fn update(
        &mut self,
        kind: Kind,
        document: &Document,
        current: &Value,
        values: &[(String, Value)],
        errors: &mut Vec<ImportError>,
    ) {
        let mut sets = Vec::new();
        let mut changes = Vec::new();
        for (path, value) in values {
            let before = at_path(current, path);
            if same(before, value) {
                continue;
            }
            changes.push(FieldChange {
                field: path.clone(),
                before: before.cloned(),
                after: Some(value.clone()),
            });
            sets.push(Set {
                path: path.split('.').map(str::to_owned).collect(),
                value: value.clone(),
            });
        }
        let id = document.id.clone().unwrap_or_default();
        if sets.is_empty() {
            self.plan.unchanged.push((id, document.path.clone()));
            return;
        }
        let Some(node) = &document.node else {
            return;
        };
        let rank = |path: &[String], key: &str| scaffold::key_rank(kind, path, key);
        let text = match edit::apply(&document.text, node, &sets, &rank) {
            Ok(text) => text,
            Err(error) => {
                errors.push(ImportError::file(
                    &document.path,
                    format!("cannot be edited: {}", error.0),
                    "edit the file by hand, then import again",
                ));
                return;
            }
        };
        let mut expected = current.clone();
        for set in &sets {
            put(&mut expected, &set.path, set.value.clone());
        }
        if !reads_back(&text, &expected) {
            errors.push(ImportError::file(
                &document.path,
                "an edit would not read back as the imported values (a riskreg bug; nothing was written)",
                "edit the file by hand, then import again",
            ));
            return;
        }
        self.plan.updated.push(Updated {
            id,
            path: document.path.clone(),
            text,
            changes,
        });
    }

    fn create(
        &mut self,
        kind: Kind,
        id: &str,
        values: Vec<(String, Value)>,
        defaults: Map<String, Value>,
        errors: &mut Vec<ImportError>,
    ) {
        let mut fields = Value::Object(Map::new());
        put(&mut fields, &["id".to_owned()], json!(id));
        for (key, value) in defaults {
            put(&mut fields, &[key], value);
        }
        for (path, value) in values {
            let path: Vec<String> = path.split('.').map(str::to_owned).collect();
            put(&mut fields, &path, value);
        }
        let Value::Object(fields) = fields else {
            return;
        };
        let (folder, comment) = self.folder(kind);
        let title = fields
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name = scaffold::file_name(id, title);
        let join = |name: &str| {
            if folder.is_empty() {
                name.to_owned()
            } else {
                format!("{folder}/{name}")
            }
        };
        let mut path = join(&name);
        let mut n = 2;
        while self.existing.paths.contains(&path) || self.register.root.join(&path).exists() {
            path = join(&format!("{}-{n}.yaml", name.trim_end_matches(".yaml")));
            n += 1;
        }
        self.existing.paths.insert(path.clone());
        let text = scaffold::document_text(kind, Some(&comment), &fields);
        let mut expected = Value::Object(fields.clone());
        put(&mut expected, &["kind".to_owned()], json!(kind.as_str()));
        if !reads_back(&text, &expected) {
            errors.push(ImportError::file(&path, "the new document would not read back as the imported values (a riskreg bug; nothing was written)", "report it with the row"));
            return;
        }
        let mut changes: Vec<FieldChange> = fields
            .iter()
            .filter(|(key, _)| key.as_str() != "id")
            .map(|(key, value)| FieldChange {
                field: key.clone(),
                before: None,
                after: Some(value.clone()),
            })
            .collect();
        changes.sort_by_key(|change| scaffold::key_rank(kind, &[], &change.field));
        self.plan.created.push(Created {
            id: id.to_owned(),
            path,
            text,
            changes,
        });
    }
}

/// The wanted values as (dotted path, value) pairs.
fn values(wanted: &Wanted) -> Vec<(String, Value)> {
    wanted
        .iter()
        .map(|(path, (value, _))| (path.clone(), value.clone()))
        .collect()
}

/// Sets `value` at `path` in a JSON object, creating objects on the way.
fn put(target: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut here = target;
    for key in parents {
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        let Value::Object(map) = here else {
            return;
        };
        here = map
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
    }
    if let Value::Object(map) = here {
        map.insert(last.clone(), value);
    }
}

/// Whether `text` parses to `expected`.
fn reads_back(text: &str, expected: &Value) -> bool {
    matches!(load::parse_yaml(text), Ok(Some(node)) if node.to_json() == *expected)
}
