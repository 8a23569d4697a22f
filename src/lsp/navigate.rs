//! Going from an id to where it is defined and written: definition,
//! references, and renaming an id everywhere in the KB's files (refused
//! onto an id that exists, or to one that is not a valid id).

use std::collections::HashMap;

use lsp_types::{Location, Position, TextEdit, Url, WorkspaceEdit};

use super::analysis::{Analysis, File, Role, Symbol};
use crate::validate::is_valid_id;

/// The id under the cursor.
pub fn id_at(file: &File, pos: Position) -> Option<&Symbol> {
    let offset = file.lines.offset(&file.text, pos);
    file.symbol_at(offset)
}

pub fn definition(a: &Analysis, file: &File, pos: Position) -> Option<Location> {
    let sym = id_at(file, pos)?;
    let (f, def) = a.definition(&sym.id)?;
    Some(Location::new(f.uri.clone(), f.range(def.range.clone())))
}

pub fn references(
    a: &Analysis,
    file: &File,
    pos: Position,
    with_definition: bool,
) -> Vec<Location> {
    let Some(sym) = id_at(file, pos) else {
        return Vec::new();
    };
    a.occurrences(&sym.id)
        .into_iter()
        .filter(|(_, s)| with_definition || s.role == Role::Reference)
        .map(|(f, s)| Location::new(f.uri.clone(), f.range(s.range.clone())))
        .collect()
}

/// The range of the id a rename would change, if the cursor is on one.
pub fn prepare_rename(file: &File, pos: Position) -> Option<lsp_types::Range> {
    id_at(file, pos).map(|s| file.range(s.range.clone()))
}

/// Every occurrence of the id under the cursor, renamed to `new_id`.
pub fn rename(
    a: &Analysis,
    file: &File,
    pos: Position,
    new_id: &str,
) -> Result<WorkspaceEdit, String> {
    let sym = id_at(file, pos).ok_or("no id under the cursor")?;
    if !is_valid_id(new_id) {
        return Err(format!(
            "`{new_id}` is not a valid id (a letter or digit, then letters, digits, `-`, `_`, `.` or `:`)"
        ));
    }
    if new_id != sym.id && a.definition(new_id).is_some() {
        return Err(format!("`{new_id}` is already an id of this KB"));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for (f, s) in a.occurrences(&sym.id) {
        changes
            .entry(f.uri.clone())
            .or_default()
            .push(TextEdit::new(f.range(s.range.clone()), new_id.to_string()));
    }
    Ok(WorkspaceEdit::new(changes))
}
