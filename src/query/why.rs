//! `why ID`: the support tree beneath a claim or recommendation, with what
//! attacks or undercuts each step.
//!
//! Supporters are followed recursively: direct `supports` edges, and
//! arguments whose linked premises are grouped together. A node appears in
//! full once; a later occurrence is marked `seen above` instead of being
//! expanded again, so no branch repeats a node and the tree stays linear in
//! the size of what it covers.

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::Direction;
use serde_json::{Value, json};

use super::{OutputFormat, QueryError, brief, find, one_line, write_json};
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

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
pub fn why<'g>(
    graph: &'g ArgGraph,
    id: &str,
    depth: Option<usize>,
) -> Result<Tree<'g>, QueryError> {
    let node = find(graph, id)?;
    if !matches!(node.kind(), NodeKind::Claim | NodeKind::Recommendation) {
        return Err(QueryError::BadArgument(format!(
            "`{id}` is an {}; `why` explains claims and recommendations",
            node.kind().name()
        )));
    }
    let mut expanded = BTreeSet::new();
    let tree = build(
        graph,
        node,
        depth.unwrap_or(usize::MAX),
        &mut expanded,
        &mut Vec::new(),
    );
    if tree.supports.is_empty() && tree.attacked_by.is_empty() {
        return Err(QueryError::NothingFound(format!(
            "nothing supports or attacks `{}`",
            node.id()
        )));
    }
    Ok(tree)
}

fn build<'g>(
    graph: &'g ArgGraph,
    node: &'g Node,
    depth: usize,
    expanded: &mut BTreeSet<&'g str>,
    branch: &mut Vec<&'g str>,
) -> Tree<'g> {
    let mut tree = Tree {
        node,
        attacked_by: sources(graph, node.id(), RelKind::Attacks),
        supports: Vec::new(),
        cycles: Vec::new(),
        seen_above: false,
        cut: false,
    };
    if !expanded.insert(node.id()) {
        tree.seen_above = true;
        return tree;
    }
    let direct = sources(graph, node.id(), RelKind::Supports);
    let arguments = sources(graph, node.id(), RelKind::Conclusion);
    if depth == 0 {
        tree.cut = !direct.is_empty() || !arguments.is_empty();
        return tree;
    }
    branch.push(node.id());
    let mut cycles = Vec::new();
    let mut child = |n: &'g Node, expanded: &mut BTreeSet<&'g str>, branch: &mut Vec<&'g str>| {
        if branch.contains(&n.id()) {
            cycles.push(n);
            None
        } else {
            Some(build(graph, n, depth - 1, expanded, branch))
        }
    };
    for n in direct {
        if let Some(t) = child(n, expanded, branch) {
            tree.supports.push(Support::Direct(t));
        }
    }
    for argument in arguments {
        let premises = sources(graph, argument.id(), RelKind::Premise)
            .into_iter()
            .filter_map(|p| child(p, expanded, branch))
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

impl Tree<'_> {
    fn to_json(&self) -> Value {
        let mut v = brief(self.node);
        v["attacked_by"] = json!(
            self.attacked_by
                .iter()
                .map(|n| brief(n))
                .collect::<Vec<_>>()
        );
        v["seen_above"] = json!(self.seen_above);
        v["cycle_to"] = json!(self.cycles.iter().map(|n| n.id()).collect::<Vec<_>>());
        v["depth_limit"] = json!(self.cut);
        v["supports"] = json!(
            self.supports
                .iter()
                .map(|s| match s {
                    Support::Direct(t) => json!({"via": "supports", "tree": t.to_json()}),
                    Support::Linked {
                        argument,
                        undercut_by,
                        premises,
                    } => json!({
                        "via": "argument",
                        "argument": brief(argument),
                        "undercut_by": undercut_by.iter().map(|n| brief(n)).collect::<Vec<_>>(),
                        "premises": premises.iter().map(Tree::to_json).collect::<Vec<_>>(),
                    }),
                })
                .collect::<Vec<_>>()
        );
        v
    }

    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => write_json(out, &self.to_json()),
            OutputFormat::Text => {
                writeln!(out, "{}", entry(self.node))?;
                self.write_children(out, "")
            }
        }
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
    let tag = match node.para() {
        Some(p) => format!("[{} ¶{p}]", node.subkind()),
        None => format!("[{}]", node.subkind()),
    };
    format!("{}  {}  {tag}", node.id(), one_line(node.text()))
}
