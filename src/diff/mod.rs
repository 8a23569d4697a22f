//! What changed in the argument between two validated KBs, not in the
//! lines: nodes added, removed, renamed (an id gone while a node of the
//! same content appears under another) or changed field by field;
//! relations added and removed; sources changed; and the labels an
//! evaluation gives that flip, each with its reason. What only moved
//! (order, whitespace, comments) is no change: nodes are matched by id,
//! relations compared as sets. `write` renders it (text, JSON, a
//! `--stat` line).

pub mod write;

use std::collections::{BTreeMap, BTreeSet};

use crate::af::from_kb::Support;
use crate::af::semantics::Semantics;
use crate::graph::{ArgGraph, Node};
use crate::model::RelKind;
use crate::model::sources::SourceEntry;
use crate::query::QueryError;
use crate::query::eval::{Label, evaluate};

/// One field that differs: its name, and the old and new values as text
/// (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A node on one side: id, kind and the words a reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRef {
    pub id: String,
    pub kind: &'static str,
    pub text: String,
}

/// A relation that is on one side only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RelChange {
    pub kind: RelKind,
    pub source: String,
    pub target: String,
    pub source_text: String,
    pub target_text: String,
}

/// A label that differs, with why it is what it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelChange {
    pub id: String,
    pub old: Option<Label>,
    pub new: Option<Label>,
    pub reason: String,
}

/// Everything that changed, each list in id order.
#[derive(Debug, Clone)]
pub struct Diff {
    pub added: Vec<NodeRef>,
    pub removed: Vec<NodeRef>,
    /// (old id, new id, the node).
    pub renamed: Vec<(String, NodeRef)>,
    /// (the node as it is now, its changed fields).
    pub changed: Vec<(NodeRef, Vec<FieldChange>)>,
    pub relations_added: Vec<RelChange>,
    pub relations_removed: Vec<RelChange>,
    /// (source id, changed fields); a source on one side only has all its
    /// fields changed from or to nothing.
    pub sources: Vec<(String, Vec<FieldChange>)>,
    pub semantics: Semantics,
    pub support: Support,
    pub labels: Vec<LabelChange>,
}

impl Diff {
    /// Whether the two KBs say the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
            && self.relations_added.is_empty()
            && self.relations_removed.is_empty()
            && self.sources.is_empty()
            && self.labels.is_empty()
    }
}

fn text_of<T: ToString>(v: Option<T>) -> Option<String> {
    v.map(|x| x.to_string())
}

fn list(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(", "))
}

/// A node's fields by name, as text, ids in them mapped by `rename`.
fn fields(node: &Node, rename: &dyn Fn(&str) -> String) -> Vec<(&'static str, Option<String>)> {
    let ids = |v: &[String]| list(&v.iter().map(|i| rename(i)).collect::<Vec<_>>());
    match node {
        Node::Actor(a) => vec![
            ("name", Some(a.name.clone())),
            ("kind", Some(a.kind.name().to_string())),
            ("aliases", list(&a.aliases)),
            ("description", a.description.clone()),
        ],
        Node::Proposition(p) => vec![
            ("text", Some(p.text.clone())),
            ("kind", Some(p.subkind().to_string())),
            ("quote", p.quote.clone()),
            ("para", text_of(p.para)),
            ("source", p.source.clone()),
            ("implicit", p.implicit.then(|| "true".to_string())),
            ("qualifier", p.qualifier.clone()),
            ("time", p.time.clone()),
            ("speaker", p.speaker.as_deref().map(rename)),
            ("stance", p.stance.map(|s| s.name().to_string())),
            ("tags", list(&p.tags)),
        ],
        Node::Argument(a) => vec![
            ("premises", ids(&a.premises)),
            ("conclusion", Some(rename(&a.conclusion))),
            ("scheme", a.scheme.clone()),
            ("note", a.note.clone()),
        ],
        Node::Conflict(c) => vec![
            ("attackers", ids(&c.attackers)),
            ("target", Some(rename(&c.target))),
            ("scheme", c.scheme.clone()),
            ("note", c.note.clone()),
        ],
    }
}

fn node_ref(node: &Node) -> NodeRef {
    NodeRef {
        id: node.id().to_string(),
        kind: node.kind().name(),
        text: node.text().to_string(),
    }
}

fn source_fields(e: &SourceEntry) -> Vec<(&'static str, Option<String>)> {
    let s = &e.source;
    vec![
        ("title", s.title.clone()),
        ("author", s.author.clone()),
        ("publication", s.publication.clone()),
        ("date", s.date.clone()),
        ("url", s.url.clone()),
        ("text", s.text.clone()),
        (
            "body",
            s.body.as_ref().map(|b| format!("{} … {}", b.first, b.last)),
        ),
    ]
}

fn changes(
    old: &[(&'static str, Option<String>)],
    new: &[(&'static str, Option<String>)],
) -> Vec<FieldChange> {
    old.iter()
        .zip(new)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| FieldChange {
            field: a.0,
            old: a.1.clone(),
            new: b.1.clone(),
        })
        .collect()
}

/// The relations a KB states: its edges, less those its nodes' fields
/// make (an argument's premises and conclusion, a named conflict's edges,
/// the `says` of a node's speaker), which the node's changes report.
fn stated(graph: &ArgGraph) -> BTreeSet<(RelKind, &str, &str)> {
    graph
        .edges()
        .into_iter()
        .filter(|e| !matches!(e.kind, RelKind::Premise | RelKind::Conclusion))
        .filter(|e| {
            graph
                .node(e.source)
                .is_none_or(|n| !matches!(n, Node::Conflict(_)))
        })
        .filter(|e| {
            e.kind != RelKind::Says
                || graph.node(e.target).and_then(Node::speaker) != Some(e.source)
        })
        .map(|e| (e.kind, e.source, e.target))
        .collect()
}

/// Compares `old` with `new`, and (with `labels`) their labels under
/// `semantics` with `support`.
pub fn diff(
    old: &ArgGraph,
    new: &ArgGraph,
    semantics: Semantics,
    support: Support,
    labels: bool,
) -> Result<Diff, QueryError> {
    let mut d = Diff {
        added: Vec::new(),
        removed: Vec::new(),
        renamed: Vec::new(),
        changed: Vec::new(),
        relations_added: Vec::new(),
        relations_removed: Vec::new(),
        sources: Vec::new(),
        semantics,
        support,
        labels: Vec::new(),
    };
    let old_ids: BTreeSet<&str> = old.ids().into_iter().collect();
    let new_ids: BTreeSet<&str> = new.ids().into_iter().collect();
    let gone: Vec<&str> = old_ids.difference(&new_ids).copied().collect();
    let came: Vec<&str> = new_ids.difference(&old_ids).copied().collect();
    // Renames: a node gone and one come with the same kind and content,
    // matched one to one (the first of each, in id order).
    let identity = |id: &str| id.to_string();
    let content = |g: &ArgGraph, id: &str| {
        let n = g.node(id).expect("an id of the graph");
        (n.kind(), fields(n, &identity))
    };
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for &g in &gone {
        let want = content(old, g);
        if let Some(&c) = came
            .iter()
            .find(|&&c| !taken.contains(c) && content(new, c) == want)
        {
            taken.insert(c);
            renames.insert(g.to_string(), c.to_string());
        }
    }
    let renamed_to = |id: &str| renames.get(id).cloned().unwrap_or_else(|| id.to_string());
    for (from, to) in &renames {
        d.renamed
            .push((from.clone(), node_ref(new.node(to).expect("a new id"))));
    }
    for &g in &gone {
        if !renames.contains_key(g) {
            d.removed.push(node_ref(old.node(g).expect("an old id")));
        }
    }
    for &c in &came {
        if !taken.contains(c) {
            d.added.push(node_ref(new.node(c).expect("a new id")));
        }
    }
    // Changed: nodes on both sides (a renamed one compared with its new
    // self), ids inside their fields seen through the renames.
    let same = |id: &str| id.to_string();
    for id in old_ids.intersection(&new_ids) {
        let (a, b) = (old.node(id).expect("old"), new.node(id).expect("new"));
        let kind_changed = a.kind() != b.kind();
        let mut c = changes(&fields(a, &renamed_to), &fields(b, &same));
        if kind_changed {
            c = vec![FieldChange {
                field: "family",
                old: Some(a.kind().name().to_string()),
                new: Some(b.kind().name().to_string()),
            }];
        }
        if !c.is_empty() {
            d.changed.push((node_ref(b), c));
        }
    }
    // Relations, the old ones' ends seen through the renames.
    let olds: BTreeSet<(RelKind, String, String)> = stated(old)
        .into_iter()
        .map(|(k, s, t)| (k, renamed_to(s), renamed_to(t)))
        .collect();
    let news: BTreeSet<(RelKind, String, String)> = stated(new)
        .into_iter()
        .map(|(k, s, t)| (k, s.to_string(), t.to_string()))
        .collect();
    let rel = |g: &ArgGraph, (k, s, t): &(RelKind, String, String), back: bool| {
        let find = |id: &str| {
            let id = if back {
                renames
                    .iter()
                    .find(|(_, to)| *to == id)
                    .map_or(id.to_string(), |(from, _)| from.clone())
            } else {
                id.to_string()
            };
            g.node(&id)
                .map(|n| n.text().to_string())
                .unwrap_or_default()
        };
        RelChange {
            kind: *k,
            source: s.clone(),
            target: t.clone(),
            source_text: find(s),
            target_text: find(t),
        }
    };
    d.relations_added = news.difference(&olds).map(|r| rel(new, r, false)).collect();
    d.relations_removed = olds.difference(&news).map(|r| rel(old, r, true)).collect();
    // Sources, by id.
    let old_src: BTreeMap<&str, &SourceEntry> =
        old.sources.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_src: BTreeMap<&str, &SourceEntry> =
        new.sources.iter().map(|e| (e.id.as_str(), e)).collect();
    let keys: BTreeSet<&str> = old_src.keys().chain(new_src.keys()).copied().collect();
    for k in keys {
        let none = |e: Option<&&SourceEntry>| match e {
            Some(e) => source_fields(e),
            None => source_fields(&SourceEntry {
                id: String::new(),
                source: Default::default(),
                file: 0,
                index: None,
            }),
        };
        let c = changes(&none(old_src.get(k)), &none(new_src.get(k)));
        if !c.is_empty() {
            d.sources.push((k.to_string(), c));
        }
    }
    // Labels: the old evaluation's, seen through the renames, against the
    // new one's.
    // A KB with nothing to evaluate (only actors, say) has no labels.
    let eval = |g: &ArgGraph| match labels.then(|| evaluate(g, semantics, support, &[], 1)) {
        None => Ok(None),
        Some(Ok(ev)) => Ok(Some(ev)),
        Some(Err(QueryError::NothingFound(_))) => Ok(None),
        Some(Err(e)) => Err(e),
    };
    let (ev_old, ev_new) = (eval(old)?, eval(new)?);
    let before: BTreeMap<String, Label> = ev_old
        .iter()
        .flat_map(|ev| {
            ev.af
                .names
                .iter()
                .map(|n| renamed_to(n))
                .zip(ev.labels.iter().copied())
        })
        .collect();
    let after: BTreeMap<&str, Label> = ev_new
        .iter()
        .flat_map(|ev| {
            ev.af
                .names
                .iter()
                .map(String::as_str)
                .zip(ev.labels.iter().copied())
        })
        .collect();
    let ids: BTreeSet<&str> = before
        .keys()
        .map(String::as_str)
        .chain(after.keys().copied())
        .collect();
    for id in ids {
        let (a, b) = (before.get(id).copied(), after.get(id).copied());
        if a == b {
            continue;
        }
        let reason = match b {
            Some(_) if semantics == Semantics::Grounded => ev_new
                .as_ref()
                .and_then(|ev| ev.explanation(new, id, 1).ok())
                .map(|e| e.summary())
                .unwrap_or_default(),
            Some(_) => String::new(),
            None => "no longer in the KB".to_string(),
        };
        d.labels.push(LabelChange {
            id: id.to_string(),
            old: a,
            new: b,
            reason,
        });
    }
    // Nodes that only came or went carry their labels in `added` and
    // `removed`: a label change is a change of a node on both sides.
    let both: BTreeSet<String> = old_ids
        .intersection(&new_ids)
        .map(|s| s.to_string())
        .chain(renames.values().cloned())
        .collect();
    d.labels.retain(|l| both.contains(&l.id));
    Ok(d)
}
