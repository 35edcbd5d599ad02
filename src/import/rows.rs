//! The sheet's rows grouped into risks and actions: rows with one risk ID are one risk,
//! a row with neither risk ID nor title continues the risk above, and an action named by
//! ID or (without one) by title under several risks is one action.

use std::collections::HashMap;

use crate::sheet::{Cell, Sheet};

use super::ImportError;
use super::cells;
use super::map::{Columns, Field};

/// A cell of the sheet: its row (index into the sheet's rows, and number) and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRef {
    /// Index into `Sheet::rows`.
    pub index: usize,
    /// The row's number.
    pub row: u32,
    /// The 0-based column.
    pub column: usize,
}

/// One risk of the sheet.
#[derive(Debug, Clone, Default)]
pub struct RiskRecord {
    /// The ID as written, with its cell.
    pub id: Option<(String, CellRef)>,
    /// The title as written.
    pub title: Option<String>,
    /// Every non-empty cell of a risk field, in row order.
    pub cells: Vec<(Field, CellRef)>,
    /// Its actions (indexes into the actions).
    pub actions: Vec<usize>,
}

/// One action of the sheet.
#[derive(Debug, Clone, Default)]
pub struct ActionRecord {
    /// The ID as written, with its cell.
    pub id: Option<(String, CellRef)>,
    /// The title.
    pub title: Option<String>,
    /// The first row.
    pub row: u32,
    /// Every non-empty cell of an action field, in row order.
    pub cells: Vec<(Field, CellRef)>,
    /// The risks it treats (indexes into the risks).
    pub risks: Vec<usize>,
}

/// The risks and actions of a sheet.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Risks in the order of their first row.
    pub risks: Vec<RiskRecord>,
    /// Actions in the order of their first row.
    pub actions: Vec<ActionRecord>,
}

/// The trimmed text of a cell, `None` when empty.
pub fn text(sheet: &Sheet, at: CellRef) -> Option<String> {
    let cell = sheet.rows.get(at.index)?.cell(at.column);
    if cell.is_empty() {
        return None;
    }
    Some(cell.text().trim().to_owned())
}

/// The cell itself.
pub fn cell(sheet: &Sheet, at: CellRef) -> &Cell {
    static EMPTY: Cell = Cell::Empty;
    sheet
        .rows
        .get(at.index)
        .map_or(&EMPTY, |row| row.cell(at.column))
}

fn push_unique(list: &mut Vec<usize>, item: usize) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Groups the rows below the header.
pub fn collect(sheet: &Sheet, columns: &Columns) -> Result<Records, Vec<ImportError>> {
    let mut records = Records::default();
    let mut errors = Vec::new();
    let mut risk_keys: HashMap<String, usize> = HashMap::new();
    let mut action_keys: HashMap<String, usize> = HashMap::new();
    let mut previous: Option<usize> = None;
    for (index, row) in sheet.rows.iter().enumerate() {
        if row.number <= columns.header_row {
            continue;
        }
        let at = |column: usize| CellRef {
            index,
            row: row.number,
            column,
        };
        let filled: Vec<(Field, CellRef)> = columns
            .fields
            .iter()
            .filter(|(_, column)| !row.cell(*column).is_empty())
            .map(|(field, column)| (*field, at(*column)))
            .collect();
        if filled.is_empty() {
            continue;
        }
        let value = |field: Field| {
            filled
                .iter()
                .find(|(known, _)| *known == field)
                .and_then(|(_, at)| text(sheet, *at).map(|text| (text, *at)))
        };
        let id = value(Field::Id);
        let title = value(Field::Title).map(|(title, _)| title);
        let has_action = filled.iter().any(|(field, _)| field.is_action());
        let key = match (&id, &title) {
            (Some((id, _)), _) => Some(format!("id:{id}")),
            (None, Some(title)) => Some(format!("title:{}", title.to_lowercase())),
            (None, None) => None,
        };
        let risk = match key {
            Some(key) => *risk_keys.entry(key).or_insert_with(|| {
                records.risks.push(RiskRecord {
                    id: id.clone(),
                    title: title.clone(),
                    ..RiskRecord::default()
                });
                records.risks.len() - 1
            }),
            None => match previous {
                Some(previous) if has_action => previous,
                _ => {
                    errors.push(ImportError::row(
                        row.number,
                        "the row has neither a risk ID nor a risk title",
                        "fill in the risk's ID or title (a row with only an action continues the risk above it)",
                    ));
                    continue;
                }
            },
        };
        previous = Some(risk);
        let record = &mut records.risks[risk];
        if record.title.is_none() {
            record.title = title;
        }
        record.cells.extend(
            filled
                .iter()
                .filter(|(field, _)| !field.is_action() && *field != Field::Id),
        );
        if let Some((_, at)) = filled
            .iter()
            .find(|(field, _)| *field == Field::ActionTitles)
        {
            for line in cells::lines(&cell(sheet, *at).text()) {
                let action =
                    action_index(&mut records, &mut action_keys, None, Some(line), row.number);
                push_unique(&mut records.actions[action].risks, risk);
                push_unique(&mut records.risks[risk].actions, action);
            }
            continue;
        }
        if !has_action {
            continue;
        }
        let action_id = value(Field::ActionId);
        let action_title = value(Field::ActionTitle).map(|(title, _)| title);
        if action_id.is_none() && action_title.is_none() {
            errors.push(ImportError::row(
                row.number,
                "the row's action has neither an ID nor a title",
                "fill in the action's title (or ID), or clear its other cells",
            ));
            continue;
        }
        let action = action_index(
            &mut records,
            &mut action_keys,
            action_id,
            action_title,
            row.number,
        );
        let record = &mut records.actions[action];
        record.cells.extend(
            filled
                .iter()
                .filter(|(field, _)| field.is_action() && *field != Field::ActionId),
        );
        push_unique(&mut record.risks, risk);
        push_unique(&mut records.risks[risk].actions, action);
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

fn action_index(
    records: &mut Records,
    keys: &mut HashMap<String, usize>,
    id: Option<(String, CellRef)>,
    title: Option<String>,
    row: u32,
) -> usize {
    let key = match (&id, &title) {
        (Some((id, _)), _) => format!("id:{id}"),
        (None, Some(title)) => format!("title:{}", title.to_lowercase()),
        (None, None) => String::new(),
    };
    if let Some(found) = keys.get(&key) {
        let found = *found;
        if records.actions[found].title.is_none() {
            records.actions[found].title = title;
        }
        return found;
    }
    records.actions.push(ActionRecord {
        id,
        title,
        row,
        ..ActionRecord::default()
    });
    keys.insert(key, records.actions.len() - 1);
    records.actions.len() - 1
}
