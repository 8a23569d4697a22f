//! The card shown on an id: its kind and text, its quote with the
//! paragraph, whose voice it is and where the author stands, and its
//! grounded label with the one-line reason.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::{Analysis, File, Role};
use super::navigate::id_at;
use crate::query::side::voice_note;

pub fn hover(a: &Analysis, file: &File, pos: Position) -> Option<Hover> {
    let sym = id_at(file, pos)?;
    let mut lines = Vec::new();
    match a
        .graph
        .as_ref()
        .and_then(|g| g.node(&sym.id).map(|n| (g, n)))
    {
        Some((graph, node)) => {
            lines.push(format!(
                "**{}** `{}` ({})",
                node.kind().name(),
                node.id(),
                node.subkind()
            ));
            lines.push(String::new());
            lines.push(node.qualified_text().into_owned());
            if let Some(q) = node.quote() {
                let para = node.para().map(|p| format!(" (¶{p})")).unwrap_or_default();
                lines.push(String::new());
                lines.push(format!("> {q}{para}"));
            } else if node.is_implicit() {
                lines.push(String::new());
                lines.push("implicit premise (no quote)".into());
            }
            let note = voice_note(graph, node);
            if !note.is_empty() {
                lines.push(String::new());
                lines.push(note);
            }
            if let Some(line) = label_line(a, &sym.id) {
                lines.push(String::new());
                lines.push(line);
            }
        }
        None => match a.definition(&sym.id) {
            Some((f, def)) => {
                let section = match def.role {
                    Role::Definition(s) => s,
                    Role::Reference => "?",
                };
                lines.push(format!(
                    "`{}`, defined in `{section}` of {}",
                    sym.id,
                    f.path.display()
                ));
                if a.graph.is_none() {
                    lines.push(String::new());
                    lines.push("(the KB has errors: fix them to see the node's card)".into());
                }
            }
            None => lines.push(format!("`{}` is not defined in this KB", sym.id)),
        },
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: lines.join("\n"),
        }),
        range: Some(file.range(sym.range.clone())),
    })
}

/// `grounded: in — …`: the label and why, in one line.
fn label_line(a: &Analysis, id: &str) -> Option<String> {
    let ev = a.evaluation()?;
    let graph = a.graph.as_ref()?;
    let e = ev.explanation(graph, id, 1).ok()?;
    Some(format!("grounded: **{}**: {}", e.label.name(), e.summary()))
}
