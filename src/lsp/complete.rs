//! Completion: inside a string where an id belongs, the KB's ids (those
//! that start with what is typed first, then those that contain it, each
//! with its kind and text); elsewhere, the format's words (relations,
//! claim and actor kinds, stances, entry types and field names).

use lsp_types::{CompletionItem, CompletionItemKind, CompletionList, Position};

use super::analysis::Analysis;
use super::position::offset_of;
use crate::model::{ActorKind, ClaimKind, RelKind, Stance};

/// The most ids offered at once (the list says it is incomplete then).
const MAX_IDS: usize = 200;

/// Fields whose strings are free text, not ids.
const TEXT_FIELDS: &[&str] = &[
    "id",
    "text",
    "quote",
    "name",
    "title",
    "note",
    "notes",
    "reason",
    "description",
    "qualifier",
    "time",
    "publication",
    "date",
    "url",
    "also_in",
    "aliases",
    "tags",
    "scheme",
    "first",
    "last",
    "allow",
];

const FIELDS: &[&str] = &[
    "meta",
    "sources",
    "actors",
    "claims",
    "recommendations",
    "arguments",
    "conflicts",
    "relations",
    "omitted",
    "id",
    "text",
    "kind",
    "quote",
    "para",
    "source",
    "implicit",
    "qualifier",
    "time",
    "speaker",
    "stance",
    "allow",
    "tags",
    "name",
    "aliases",
    "description",
    "premises",
    "conclusion",
    "scheme",
    "note",
    "attackers",
    "target",
    "title",
    "author",
    "thesis",
    "notes",
    "publication",
    "date",
    "also_in",
    "url",
    "body",
    "first",
    "last",
    "reason",
];

const TYPES: &[&str] = &[
    "KnowledgeBase",
    "Meta",
    "Source",
    "Body",
    "Actor",
    "Claim",
    "Recommendation",
    "Argument",
    "Conflict",
    "Omission",
];

pub fn complete(a: Option<&Analysis>, text: &str, pos: Position) -> CompletionList {
    let offset = offset_of(text, pos);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    match open_string(before) {
        Some(quote) => {
            let field = last_field(&before[..quote]);
            if field.is_some_and(|f| TEXT_FIELDS.contains(&f)) {
                return CompletionList::default();
            }
            ids(a, &before[quote + 1..])
        }
        None => words(),
    }
}

/// Where the string the cursor is in opens on its line, if it is in one.
fn open_string(before: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        match c {
            '\\' if open.is_some() => escaped = !escaped,
            '"' if !escaped => open = if open.is_some() { None } else { Some(i) },
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    open
}

/// The last `field:` written before the cursor on its line.
fn last_field(before: &str) -> Option<&str> {
    let colon = before.rfind(':')?;
    let name = before[..colon].trim_end();
    let start = name
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    Some(&name[start..])
}

fn ids(a: Option<&Analysis>, typed: &str) -> CompletionList {
    let Some(a) = a else {
        return CompletionList::default();
    };
    let needle = typed.to_lowercase();
    let mut found: Vec<(u8, &str, &'static str)> = a
        .defined()
        .into_iter()
        .filter_map(|(id, section)| {
            let lower = id.to_lowercase();
            let rank = if lower.starts_with(&needle) {
                0
            } else if lower.contains(&needle) {
                1
            } else {
                return None;
            };
            Some((rank, id, section))
        })
        .collect();
    found.sort();
    let incomplete = found.len() > MAX_IDS;
    let items = found
        .into_iter()
        .take(MAX_IDS)
        .enumerate()
        .map(|(i, (_, id, section))| {
            let text = a
                .graph
                .as_ref()
                .and_then(|g| g.node(id))
                .map(|n| n.text().to_string());
            CompletionItem {
                label: id.to_string(),
                kind: Some(match section {
                    "actors" => CompletionItemKind::CLASS,
                    "arguments" | "conflicts" => CompletionItemKind::FUNCTION,
                    "sources" => CompletionItemKind::FILE,
                    _ => CompletionItemKind::VALUE,
                }),
                detail: Some(section.trim_end_matches('s').to_string()),
                documentation: text.map(lsp_types::Documentation::String),
                sort_text: Some(format!("{i:06}")),
                ..Default::default()
            }
        })
        .collect();
    CompletionList {
        is_incomplete: incomplete,
        items,
    }
}

/// A variant's name as written in RON: `fact` → `Fact`.
fn variant(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn words() -> CompletionList {
    let mut items = Vec::new();
    let mut push = |label: String, kind: CompletionItemKind, detail: &str| {
        items.push(CompletionItem {
            label,
            kind: Some(kind),
            detail: Some(detail.to_string()),
            ..Default::default()
        });
    };
    for k in RelKind::ALL {
        push(
            k.ron_name().to_string(),
            CompletionItemKind::FUNCTION,
            "relation",
        );
    }
    for k in ClaimKind::ALL {
        push(
            variant(k.name()),
            CompletionItemKind::ENUM_MEMBER,
            "claim kind",
        );
    }
    for k in ActorKind::ALL {
        push(
            variant(k.name()),
            CompletionItemKind::ENUM_MEMBER,
            "actor kind",
        );
    }
    for s in Stance::ALL {
        push(variant(s.name()), CompletionItemKind::ENUM_MEMBER, "stance");
    }
    for t in TYPES {
        push(t.to_string(), CompletionItemKind::STRUCT, "entry");
    }
    for f in FIELDS {
        push(format!("{f}:"), CompletionItemKind::FIELD, "field");
    }
    CompletionList {
        is_incomplete: false,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_fields_are_found_on_the_line() {
        assert_eq!(open_string(r#"    Supports("chi"#), Some(13));
        assert_eq!(open_string(r##"    Supports("a", ""##), Some(18));
        assert_eq!(open_string(r#"    Supports("a", "b")"#), None);
        assert_eq!(open_string(r#"text: "say \"x"#), Some(6));
        assert_eq!(last_field(r#"Claim(id: "a", text: "#), Some("text"));
        assert_eq!(last_field(r##"Claim(id: "a", text: ""##), Some("text"));
        assert_eq!(last_field(r#"    speaker: "#), Some("speaker"));
        assert_eq!(last_field(r#"Supports("#), None);
    }

    #[test]
    fn words_hold_every_relation_and_kind() {
        let w = words();
        let labels: Vec<&str> = w.items.iter().map(|i| i.label.as_str()).collect();
        for needed in [
            "Supports",
            "Undercuts",
            "Prefers",
            "Fact",
            "Goal",
            "Relays",
            "Claim",
            "premises:",
        ] {
            assert!(labels.contains(&needed), "{needed}");
        }
    }
}
