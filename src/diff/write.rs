//! A diff as people and programs read it: grouped text in a stable order
//! (renames, removals, additions, changes field by field, relations,
//! sources, labels), optionally coloured; one JSON object
//! (docs/schema/diff.schema.json); or a one-line `--stat` summary.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Diff, FieldChange, NodeRef, RelChange};
use crate::diagnostic::clip;
use crate::query::{one_line, write_json};

/// How lines are marked: ANSI colours or nothing.
#[derive(Debug, Clone, Copy)]
pub struct Colours {
    pub add: &'static str,
    pub remove: &'static str,
    pub change: &'static str,
    pub reset: &'static str,
}

impl Colours {
    pub const ANSI: Colours = Colours {
        add: "\x1b[32m",
        remove: "\x1b[31m",
        change: "\x1b[33m",
        reset: "\x1b[0m",
    };
    pub const PLAIN: Colours = Colours {
        add: "",
        remove: "",
        change: "",
        reset: "",
    };
}

fn shown(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("\"{}\"", clip(&one_line(s), 100)),
        None => "(none)".to_string(),
    }
}

fn node(n: &NodeRef) -> String {
    format!("{} `{}`: {}", n.kind, n.id, clip(&one_line(&n.text), 80))
}

fn rel(r: &RelChange) -> String {
    format!(
        "{} `{}` → `{}` ({} → {})",
        r.kind.name(),
        r.source,
        r.target,
        clip(&one_line(&r.source_text), 50),
        clip(&one_line(&r.target_text), 50)
    )
}

fn field_lines(out: &mut dyn Write, changes: &[FieldChange], c: Colours) -> io::Result<()> {
    for f in changes {
        writeln!(
            out,
            "    {}{}: {} → {}{}",
            c.change,
            f.field,
            shown(&f.old),
            shown(&f.new),
            c.reset
        )?;
    }
    Ok(())
}

/// The text report; nothing at all for an empty diff.
pub fn text(d: &Diff, c: Colours, out: &mut dyn Write) -> io::Result<()> {
    for (from, n) in &d.renamed {
        writeln!(
            out,
            "{}renamed  `{from}` → {}{}",
            c.change,
            node(n),
            c.reset
        )?;
    }
    for n in &d.removed {
        writeln!(out, "{}removed  {}{}", c.remove, node(n), c.reset)?;
    }
    for n in &d.added {
        writeln!(out, "{}added    {}{}", c.add, node(n), c.reset)?;
    }
    for (n, fields) in &d.changed {
        writeln!(out, "{}changed  {} `{}`{}", c.change, n.kind, n.id, c.reset)?;
        field_lines(out, fields, c)?;
    }
    for r in &d.relations_removed {
        writeln!(out, "{}- {}{}", c.remove, rel(r), c.reset)?;
    }
    for r in &d.relations_added {
        writeln!(out, "{}+ {}{}", c.add, rel(r), c.reset)?;
    }
    for (id, fields) in &d.sources {
        writeln!(out, "{}source   `{id}`{}", c.change, c.reset)?;
        field_lines(out, fields, c)?;
    }
    if !d.labels.is_empty() {
        writeln!(
            out,
            "labels ({}, support {}):",
            d.semantics.name(),
            d.support.name()
        )?;
        for l in &d.labels {
            let name = |x: Option<crate::query::eval::Label>| x.map_or("-", |l| l.name());
            let why = if l.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", l.reason)
            };
            writeln!(
                out,
                "  {}`{}` {} → {}{}{why}",
                c.change,
                l.id,
                name(l.old),
                name(l.new),
                c.reset
            )?;
        }
    }
    Ok(())
}

/// The one-line summary, `--stat`.
pub fn stat(d: &Diff) -> String {
    format!(
        "nodes: {} added, {} removed, {} renamed, {} changed; relations: {} added, {} removed; sources: {} changed; labels: {} flipped",
        d.added.len(),
        d.removed.len(),
        d.renamed.len(),
        d.changed.len(),
        d.relations_added.len(),
        d.relations_removed.len(),
        d.sources.len(),
        d.labels.len(),
    )
}

fn fields_json(f: &[FieldChange]) -> Value {
    Value::Array(
        f.iter()
            .map(|c| json!({"field": c.field, "old": c.old, "new": c.new}))
            .collect(),
    )
}

fn node_json(n: &NodeRef) -> Value {
    json!({"id": n.id, "kind": n.kind, "text": n.text})
}

fn rel_json(r: &RelChange) -> Value {
    json!({"kind": r.kind.name(), "source": r.source, "target": r.target,
           "source_text": r.source_text, "target_text": r.target_text})
}

/// The JSON document (docs/schema/diff.schema.json).
pub fn to_json(d: &Diff) -> Value {
    json!({
        "equal": d.is_empty(),
        "added": d.added.iter().map(node_json).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(node_json).collect::<Vec<_>>(),
        "renamed": d.renamed.iter().map(|(from, n)| json!({"from": from, "to": n.id, "kind": n.kind, "text": n.text})).collect::<Vec<_>>(),
        "changed": d.changed.iter().map(|(n, f)| json!({"id": n.id, "kind": n.kind, "fields": fields_json(f)})).collect::<Vec<_>>(),
        "relations": {
            "added": d.relations_added.iter().map(rel_json).collect::<Vec<_>>(),
            "removed": d.relations_removed.iter().map(rel_json).collect::<Vec<_>>(),
        },
        "sources": d.sources.iter().map(|(id, f)| json!({"id": id, "fields": fields_json(f)})).collect::<Vec<_>>(),
        "labels": {
            "semantics": d.semantics.name(),
            "support": d.support.name(),
            "changed": d.labels.iter().map(|l| json!({
                "id": l.id,
                "old": l.old.map(|x| x.name()),
                "new": l.new.map(|x| x.name()),
                "reason": l.reason,
            })).collect::<Vec<_>>(),
        },
    })
}

pub fn json(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    write_json(out, &to_json(d))
}
