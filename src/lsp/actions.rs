//! Code actions: the fixes a diagnostic names, as edits. A diagnostic
//! whose help says "did you mean `X`?" (an unknown id, warning name,
//! field or kind) offers to write `X` in its place.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, Diagnostic, TextEdit, Url, WorkspaceEdit};

use super::position::offset_of;

/// The suggestion in a diagnostic's message, if it makes one.
fn suggestion(message: &str) -> Option<&str> {
    let rest = &message[message.find("did you mean `")? + "did you mean `".len()..];
    Some(&rest[..rest.find('`')?])
}

pub fn actions(uri: &Url, text: &str, diagnostics: &[Diagnostic]) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for d in diagnostics {
        if d.source.as_deref() != Some("argkb") {
            continue;
        }
        let Some(better) = suggestion(&d.message) else {
            continue;
        };
        let start = offset_of(text, d.range.start);
        let end = offset_of(text, d.range.end);
        let Some(current) = text.get(start..end) else {
            continue;
        };
        // A diagnostic on a string covers its quotes: keep them.
        let quoted = current.len() >= 2 && current.starts_with('"') && current.ends_with('"');
        let new_text = if quoted {
            format!("\"{better}\"")
        } else {
            better.to_string()
        };
        let mut changes = HashMap::new();
        changes.insert(uri.clone(), vec![TextEdit::new(d.range, new_text)]);
        out.push(CodeAction {
            title: format!("Change to `{better}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit::new(changes)),
            is_preferred: Some(true),
            ..Default::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_did_you_mean_becomes_an_edit_that_keeps_the_quotes() {
        let text = "Supports(\"chian\", \"b\")";
        let uri = Url::parse("file:///k.ron").unwrap();
        let d = Diagnostic {
            range: lsp_types::Range::new(
                lsp_types::Position::new(0, 9),
                lsp_types::Position::new(0, 16),
            ),
            source: Some("argkb".into()),
            message: "no node has the id `chian`\nhelp: did you mean `china`?".into(),
            ..Default::default()
        };
        let acts = actions(&uri, text, &[d]);
        let edit = &acts[0].edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri][0];
        assert_eq!(edit.new_text, "\"china\"");
        assert_eq!(suggestion("no hint here"), None);
    }
}
