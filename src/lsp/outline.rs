//! Symbols: a file's outline (its entries grouped by section, each under
//! its id with its text and paragraph) and the workspace search over ids
//! and texts.

use lsp_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

use super::analysis::{Analysis, File, Role};

fn kind_of(section: &str) -> SymbolKind {
    match section {
        "actors" => SymbolKind::CLASS,
        "claims" => SymbolKind::CONSTANT,
        "recommendations" => SymbolKind::EVENT,
        "arguments" => SymbolKind::FUNCTION,
        "conflicts" => SymbolKind::OPERATOR,
        _ => SymbolKind::FILE,
    }
}

/// What the outline says beside an id: its text and paragraph.
fn detail(a: &Analysis, id: &str) -> Option<String> {
    let node = a.graph.as_ref()?.node(id)?;
    let para = node.para().map(|p| format!("¶{p} ")).unwrap_or_default();
    Some(format!(
        "{para}{}",
        crate::diagnostic::clip(node.text(), 80)
    ))
}

#[allow(deprecated)]
pub fn document_symbols(a: &Analysis, file: &File) -> Vec<DocumentSymbol> {
    let mut sections: Vec<(&'static str, Vec<DocumentSymbol>)> = Vec::new();
    for s in &file.symbols {
        let Role::Definition(section) = s.role else {
            continue;
        };
        let entry = s.entry.clone().unwrap_or(s.range.clone());
        let symbol = DocumentSymbol {
            name: s.id.clone(),
            detail: detail(a, &s.id),
            kind: kind_of(section),
            tags: None,
            deprecated: None,
            range: file.range(entry),
            selection_range: file.range(s.range.clone()),
            children: None,
        };
        match sections.iter_mut().find(|(name, _)| *name == section) {
            Some((_, list)) => list.push(symbol),
            None => sections.push((section, vec![symbol])),
        }
    }
    sections
        .into_iter()
        .map(|(section, children)| {
            let range = lsp_types::Range::new(
                children.first().map(|c| c.range.start).unwrap_or_default(),
                children.last().map(|c| c.range.end).unwrap_or_default(),
            );
            DocumentSymbol {
                name: section.to_string(),
                detail: Some(format!("{}", children.len())),
                kind: SymbolKind::NAMESPACE,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: Some(children),
            }
        })
        .collect()
}

/// Definitions whose id or text holds `query` (any case), at most `max`.
#[allow(deprecated)]
pub fn workspace_symbols(
    analyses: &[&Analysis],
    query: &str,
    max: usize,
) -> Vec<SymbolInformation> {
    let needle = query.to_lowercase();
    let mut out = Vec::new();
    for a in analyses {
        for f in &a.files {
            for s in &f.symbols {
                let Role::Definition(section) = s.role else {
                    continue;
                };
                let text = a
                    .graph
                    .as_ref()
                    .and_then(|g| g.node(&s.id))
                    .map(|n| n.text());
                let hit = s.id.to_lowercase().contains(&needle)
                    || text.is_some_and(|t| t.to_lowercase().contains(&needle));
                if !hit {
                    continue;
                }
                out.push(SymbolInformation {
                    name: s.id.clone(),
                    kind: kind_of(section),
                    tags: None,
                    deprecated: None,
                    location: Location::new(f.uri.clone(), f.range(s.range.clone())),
                    container_name: Some(section.to_string()),
                });
                if out.len() >= max {
                    return out;
                }
            }
        }
    }
    out
}
