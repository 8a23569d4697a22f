//! `why ID`: the support tree beneath a claim or recommendation, with what
//! attacks or undercuts each step.
//!
//! Supporters are followed recursively: direct `supports` edges, and
//! arguments whose linked premises are grouped together. A node appears in
//! full once; a later occurrence is marked `seen above` instead of being
//! expanded again, so no branch repeats a node and the tree stays linear in
//! the size of what it covers.
//!
//! A tree never nests deeper than `SEGMENT_DEPTH` levels: where a branch
//! would go deeper, it stops with a note and its support continues as a
//! tree of its own after the first. Output stays linear in the size of the
//! support (no indentation growing with depth), recursion stays shallow on
//! a support chain of any length, and JSON stays within the nesting limits
//! of common parsers.

use std::collections::{BTreeSet, VecDeque};
use std::io::{self, Write};

use petgraph::Direction;
use serde_json::{Value, json};

use super::{OutputFormat, QueryError, brief, find, one_line, write_json};
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

/// How many levels one tree nests before its deeper support continues as
/// a separate tree.
pub const SEGMENT_DEPTH: usize = 32;

/// The answer to `why`: the tree under the node asked about, then the trees
/// that continue its deepest branches, in the order they are reached.
#[derive(Debug, Clone)]
pub struct Why<'g> {
    pub root: Tree<'g>,
    pub continued: Vec<Tree<'g>>,
}

/// One node of the support tree.
#[derive(Debug, Clone)]
pub struct Tree<'g> {
    pub node: &'g Node,
    /// Nodes that attack this one directly.
    pub attacked_by: Vec<&'g Node>,
    pub supports: Vec<Support<'g>>,
    /// Supporters that are already on this branch (a cycle of support):
    /// named, not listed again.
    pub cycles: Vec<&'g Node>,
    /// Already shown in full elsewhere in the tree; not expanded again.
    pub seen_above: bool,
    /// The depth limit stopped the expansion while supporters remained.
    pub cut: bool,
    /// The support of this node is shown in a later tree of the answer.
    pub continued: bool,
}

/// One line of support.
#[derive(Debug, Clone)]
pub enum Support<'g> {
    /// `Supports(child, parent)`.
    Direct(Tree<'g>),
    /// An argument: its premises support the parent only together.
    Linked {
        argument: &'g Node,
        undercut_by: Vec<&'g Node>,
        premises: Vec<Tree<'g>>,
    },
}

fn sources<'g>(graph: &'g ArgGraph, id: &str, kind: RelKind) -> Vec<&'g Node> {
    graph
        .edges_of(id, Direction::Incoming)
        .into_iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| graph.node(e.source))
        .collect()
}

/// The support tree of `id`, `depth` levels deep (unlimited when `None`).
pub fn why<'g>(graph: &'g ArgGraph, id: &str, depth: Option<usize>) -> Result<Why<'g>, QueryError> {
    let node = find(graph, id)?;
    if !matches!(node.kind(), NodeKind::Claim | NodeKind::Recommendation) {
        return Err(QueryError::BadArgument(format!(
            "`{id}` is an {}; `why` explains claims and recommendations",
            node.kind().name()
        )));
    }
    let mut b = Builder {
        graph,
        expanded: BTreeSet::new(),
        pending: VecDeque::new(),
    };
    let root = b.build(node, depth.unwrap_or(usize::MAX), 0, &mut Vec::new(), false);
    if root.supports.is_empty() && root.attacked_by.is_empty() {
        return Err(QueryError::NothingFound(format!(
            "nothing supports or attacks `{}`",
            node.id()
        )));
    }
    let mut continued = Vec::new();
    while let Some((n, depth)) = b.pending.pop_front() {
        continued.push(b.build(n, depth, 0, &mut Vec::new(), true));
    }
    Ok(Why { root, continued })
}

struct Builder<'g> {
    graph: &'g ArgGraph,
    /// Nodes expanded (or queued for expansion) somewhere in the answer.
    expanded: BTreeSet<&'g str>,
    /// Nodes whose support continues in a tree of its own, with the depth
    /// still allowed below them.
    pending: VecDeque<(&'g Node, usize)>,
}

impl<'g> Builder<'g> {
    /// The tree under `node`, which stands `level` levels below the root of
    /// its tree; `resume` expands a node queued as a continuation.
    fn build(
        &mut self,
        node: &'g Node,
        depth: usize,
        level: usize,
        branch: &mut Vec<&'g str>,
        resume: bool,
    ) -> Tree<'g> {
        let graph = self.graph;
        let mut tree = Tree {
            node,
            attacked_by: sources(graph, node.id(), RelKind::Attacks),
            supports: Vec::new(),
            cycles: Vec::new(),
            seen_above: false,
            cut: false,
            continued: false,
        };
        if !self.expanded.insert(node.id()) && !resume {
            tree.seen_above = true;
            return tree;
        }
        let direct = sources(graph, node.id(), RelKind::Supports);
        let arguments = sources(graph, node.id(), RelKind::Conclusion);
        if depth == 0 {
            tree.cut = !direct.is_empty() || !arguments.is_empty();
            return tree;
        }
        if level >= SEGMENT_DEPTH && (!direct.is_empty() || !arguments.is_empty()) {
            tree.continued = true;
            self.pending.push_back((node, depth));
            return tree;
        }
        branch.push(node.id());
        let mut cycles = Vec::new();
        let mut child = |b: &mut Self, n: &'g Node, branch: &mut Vec<&'g str>, level: usize| {
            if branch.contains(&n.id()) {
                cycles.push(n);
                None
            } else {
                Some(b.build(n, depth - 1, level, branch, false))
            }
        };
        for n in direct {
            if let Some(t) = child(self, n, branch, level + 1) {
                tree.supports.push(Support::Direct(t));
            }
        }
        for argument in arguments {
            let premises = sources(graph, argument.id(), RelKind::Premise)
                .into_iter()
                .filter_map(|p| child(self, p, branch, level + 1))
                .collect();
            tree.supports.push(Support::Linked {
                argument,
                undercut_by: sources(graph, argument.id(), RelKind::Undercuts),
                premises,
            });
        }
        branch.pop();
        cycles.sort_by_key(|n| n.id());
        cycles.dedup_by_key(|n| n.id());
        tree.cycles = cycles;
        tree
    }
}

impl Why<'_> {
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => {
                let mut v = self.root.to_json();
                v["continuations"] =
                    Value::Array(self.continued.iter().map(Tree::to_json).collect());
                write_json(out, &v)
            }
            OutputFormat::Text => {
                for (i, tree) in std::iter::once(&self.root)
                    .chain(&self.continued)
                    .enumerate()
                {
                    if i > 0 {
                        writeln!(out)?;
                        writeln!(out, "support of {}, continued:", tree.node.id())?;
                    }
                    writeln!(out, "{}", entry(tree.node))?;
                    tree.write_children(out, "")?;
                }
                Ok(())
            }
        }
    }
}

impl Tree<'_> {
    /// The tree as JSON, built by moving each child's value into its
    /// parent (no subtree is copied).
    fn to_json(&self) -> Value {
        let briefs = |nodes: &[&Node]| Value::Array(nodes.iter().map(|n| brief(n)).collect());
        let mut v = brief(self.node);
        v["attacked_by"] = briefs(&self.attacked_by);
        v["seen_above"] = json!(self.seen_above);
        v["cycle_to"] = Value::Array(self.cycles.iter().map(|n| json!(n.id())).collect());
        v["depth_limit"] = json!(self.cut);
        v["continued"] = json!(self.continued);
        v["supports"] = Value::Array(
            self.supports
                .iter()
                .map(|s| match s {
                    Support::Direct(t) => {
                        let mut o = serde_json::Map::new();
                        o.insert("via".into(), json!("supports"));
                        o.insert("tree".into(), t.to_json());
                        Value::Object(o)
                    }
                    Support::Linked {
                        argument,
                        undercut_by,
                        premises,
                    } => {
                        let mut o = serde_json::Map::new();
                        o.insert("via".into(), json!("argument"));
                        o.insert("argument".into(), brief(argument));
                        o.insert("undercut_by".into(), briefs(undercut_by));
                        o.insert(
                            "premises".into(),
                            Value::Array(premises.iter().map(Tree::to_json).collect()),
                        );
                        Value::Object(o)
                    }
                })
                .collect(),
        );
        v
    }

    fn write_children(&self, out: &mut dyn Write, prefix: &str) -> io::Result<()> {
        enum Line<'a, 'g> {
            Attack(&'g Node),
            Tree(&'a Tree<'g>, &'static str),
            Argument(&'g Node, &'a [&'g Node], &'a [Tree<'g>]),
            Note(&'static str),
            Cycle(&'g Node),
        }
        let mut lines: Vec<Line<'_, '_>> =
            self.attacked_by.iter().map(|n| Line::Attack(n)).collect();
        for s in &self.supports {
            lines.push(match s {
                Support::Direct(t) => Line::Tree(t, "supported by"),
                Support::Linked {
                    argument,
                    undercut_by,
                    premises,
                } => Line::Argument(argument, undercut_by, premises),
            });
        }
        for n in &self.cycles {
            lines.push(Line::Cycle(n));
        }
        if self.seen_above {
            lines.push(Line::Note("(support shown above)"));
        }
        if self.cut {
            lines.push(Line::Note("(deeper support not shown: raise --depth)"));
        }
        if self.continued {
            lines.push(Line::Note("(support continued below)"));
        }
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let last = i + 1 == count;
            let (branch, next) = if last {
                ("└─ ", "   ")
            } else {
                ("├─ ", "│  ")
            };
            let child_prefix = format!("{prefix}{next}");
            match line {
                Line::Attack(n) => writeln!(
                    out,
                    "{prefix}{branch}attacked by {}  {}",
                    n.id(),
                    one_line(n.text())
                )?,
                Line::Note(s) => writeln!(out, "{prefix}{branch}{s}")?,
                Line::Cycle(n) => writeln!(
                    out,
                    "{prefix}{branch}↻ supported by {}, already on this branch (a support cycle)",
                    n.id()
                )?,
                Line::Tree(t, label) => {
                    writeln!(out, "{prefix}{branch}{label} {}", entry(t.node))?;
                    t.write_children(out, &child_prefix)?;
                }
                Line::Argument(arg, undercut_by, premises) => {
                    writeln!(
                        out,
                        "{prefix}{branch}argument {} ({}), premises linked:",
                        arg.id(),
                        one_line(arg.text())
                    )?;
                    let n = undercut_by.len() + premises.len();
                    let mut k = 0;
                    for u in undercut_by {
                        k += 1;
                        let b = if k == n { "└─ " } else { "├─ " };
                        writeln!(
                            out,
                            "{child_prefix}{b}undercut by {}  {}",
                            u.id(),
                            one_line(u.text())
                        )?;
                    }
                    for p in premises {
                        k += 1;
                        let (b, nx) = if k == n {
                            ("└─ ", "   ")
                        } else {
                            ("├─ ", "│  ")
                        };
                        writeln!(out, "{child_prefix}{b}premise {}", entry(p.node))?;
                        p.write_children(out, &format!("{child_prefix}{nx}"))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Every node id on each root-to-leaf branch, for checking that no
    /// branch repeats a node.
    pub fn branches(&self) -> Vec<Vec<&str>> {
        let children: Vec<&Tree<'_>> = self
            .supports
            .iter()
            .flat_map(|s| match s {
                Support::Direct(t) => std::slice::from_ref(t),
                Support::Linked { premises, .. } => premises.as_slice(),
            })
            .collect();
        if children.is_empty() {
            return vec![vec![self.node.id()]];
        }
        children
            .into_iter()
            .flat_map(|c| c.branches())
            .map(|mut b| {
                b.insert(0, self.node.id());
                b
            })
            .collect()
    }
}

/// `id  text  [kind ¶para]`: one node in the tree.
fn entry(node: &Node) -> String {
    let implicit = if node.is_implicit() { ", implicit" } else { "" };
    let tag = match node.para() {
        Some(p) => format!("[{}{implicit} ¶{p}]", node.subkind()),
        None => format!("[{}{implicit}]", node.subkind()),
    };
    format!("{}  {}  {tag}", node.id(), one_line(&node.qualified_text()))
}
