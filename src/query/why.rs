//! `why ID`: the support tree beneath a claim or recommendation, with what
//! attacks or undercuts each step.
//!
//! Supporters are followed recursively: direct `supports` edges, and
//! arguments whose linked premises are grouped together. A node appears in
//! full once; a later occurrence is marked `seen above` instead of being
//! expanded again, so no branch repeats a node and the tree stays linear in
//! the size of what it covers.
//!
//! Every node shows who says it and where the author stands (voice and
//! stance, `side::voice_note`); supporters and attackers are listed in the
//! text's order (paragraph, then place). Under each attacker and
//! undercutter stand whether the attack succeeds (under grounded
//! semantics, support ignored: it fails when the author prefers the target
//! or when the attacker is out) and what answers it, one level deep.
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

use super::side::{self, Answer};
use super::{OutputFormat, QueryError, find, one_line, write_json};
use crate::af::cone::{ConeLabels, Label};
use crate::graph::{ArgGraph, Node};
use crate::model::{NodeKind, RelKind};

/// How many levels one tree nests before its deeper support continues as
/// a separate tree.
pub const SEGMENT_DEPTH: usize = 32;

/// How many nodes an answer shows unless asked for more (`--limit`): the
/// support of a thesis in a corpus can be the whole KB.
pub const DEFAULT_LIMIT: usize = 500;

/// The answer to `why`: the tree under the node asked about, then the trees
/// that continue its deepest branches, in the order they are reached.
#[derive(Debug, Clone)]
pub struct Why<'g> {
    pub root: Tree<'g>,
    pub continued: Vec<Tree<'g>>,
    /// Nodes of the support (within the depth asked) that the limit left
    /// out of the answer.
    pub not_shown: usize,
    graph: &'g ArgGraph,
}

/// An attack or undercut on a node of the tree: the attacker, whether the
/// attack succeeds, and what answers it.
#[derive(Debug, Clone)]
pub struct Attacker<'g> {
    pub node: &'g Node,
    pub outcome: Outcome,
    pub answer: Answer<'g>,
}

/// Whether an attack succeeds, under grounded semantics with support
/// ignored (`eval`'s default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The author prefers the target: the attack fails whatever the
    /// attacker's label.
    Preferred,
    /// The attacker is out.
    AttackerOut,
    /// The attacker is undecided.
    Undecided,
    /// The attacker is in: the attack succeeds.
    Succeeds,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Preferred => "fails: target preferred",
            Outcome::AttackerOut => "fails: attacker out",
            Outcome::Undecided => "undecided",
            Outcome::Succeeds => "succeeds",
        }
    }
}

/// One node of the support tree.
#[derive(Debug, Clone)]
pub struct Tree<'g> {
    pub node: &'g Node,
    /// Nodes that attack this one directly.
    pub attacked_by: Vec<Attacker<'g>>,
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
    /// Supporters of this node left out because the answer reached its
    /// limit.
    pub more: usize,
}

/// One line of support.
#[derive(Debug, Clone)]
pub enum Support<'g> {
    /// `Supports(child, parent)`.
    Direct(Tree<'g>),
    /// An argument: its premises support the parent only together.
    Linked {
        argument: &'g Node,
        undercut_by: Vec<Attacker<'g>>,
        premises: Vec<Tree<'g>>,
    },
    /// The same proposition in another text (`SameAs`), with its own
    /// support and attacks there.
    Same(Tree<'g>),
}

impl Support<'_> {
    /// Where the support stands in the text: the supporter, or an
    /// argument's first premise in the text.
    fn order(&self, graph: &ArgGraph) -> (u32, (usize, &'static str, usize), String) {
        match self {
            Support::Direct(t) | Support::Same(t) => side::text_order(graph, t.node),
            Support::Linked {
                argument, premises, ..
            } => premises
                .iter()
                .map(|p| side::text_order(graph, p.node))
                .min()
                .unwrap_or_else(|| side::text_order(graph, argument)),
        }
    }
}

/// The nodes with a `kind` edge into `id`, in the text's order.
fn sources<'g>(graph: &'g ArgGraph, id: &str, kind: RelKind) -> Vec<&'g Node> {
    let mut v: Vec<&Node> = graph
        .edges_of(id, Direction::Incoming)
        .into_iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| graph.node(e.source))
        .collect();
    v.sort_by_cached_key(|n| side::text_order(graph, n));
    v
}

/// Whether the attack of `attacker` on `target` succeeds, from the
/// grounded labels of the framework around the attacks shown (support
/// ignored; `af::cone`: the same labels as the whole framework's).
fn outcome(labels: &ConeLabels, graph: &ArgGraph, attacker: &Node, target: &Node) -> Outcome {
    let (Some(a), Some(t)) = (graph.index_of(attacker.id()), graph.index_of(target.id())) else {
        return Outcome::Undecided;
    };
    if !labels.attacks(a, t) {
        return Outcome::Preferred;
    }
    match labels.label(a) {
        Some(Label::In) => Outcome::Succeeds,
        Some(Label::Out) => Outcome::AttackerOut,
        _ => Outcome::Undecided,
    }
}

impl<'g> Tree<'g> {
    /// Every attacked node of the tree, for the labels to cover.
    fn targets(&self, into: &mut Vec<&'g Node>) {
        if !self.attacked_by.is_empty() {
            into.push(self.node);
        }
        for s in &self.supports {
            match s {
                Support::Direct(t) | Support::Same(t) => t.targets(into),
                Support::Linked {
                    argument,
                    undercut_by,
                    premises,
                } => {
                    if !undercut_by.is_empty() {
                        into.push(argument);
                    }
                    for p in premises {
                        p.targets(into);
                    }
                }
            }
        }
    }

    /// Sets each attack's outcome from `labels`.
    fn settle(&mut self, labels: &ConeLabels, graph: &ArgGraph) {
        let node = self.node;
        for a in &mut self.attacked_by {
            a.outcome = outcome(labels, graph, a.node, node);
        }
        for s in &mut self.supports {
            match s {
                Support::Direct(t) | Support::Same(t) => t.settle(labels, graph),
                Support::Linked {
                    argument,
                    undercut_by,
                    premises,
                } => {
                    for a in undercut_by.iter_mut() {
                        a.outcome = outcome(labels, graph, a.node, argument);
                    }
                    for p in premises {
                        p.settle(labels, graph);
                    }
                }
            }
        }
    }
}

/// The support tree of `id`, `depth` levels deep (unlimited when `None`),
/// showing at most `limit` nodes (0: all). Past the limit, supporters are
/// counted, not expanded: the work stays bounded by the limit, plus one
/// walk of the support to count what was left out.
pub fn why<'g>(
    graph: &'g ArgGraph,
    id: &str,
    depth: Option<usize>,
    limit: usize,
) -> Result<Why<'g>, QueryError> {
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
        budget: if limit == 0 { usize::MAX } else { limit - 1 },
    };
    let root = b.build(
        node,
        depth.unwrap_or(usize::MAX),
        0,
        &mut Vec::new(),
        Reached::Anew,
    );
    // An identical claim elsewhere with nothing for or against it there
    // does not make an answer.
    let bare = |t: &Tree<'_>| t.supports.is_empty() && t.attacked_by.is_empty();
    if root.attacked_by.is_empty()
        && root
            .supports
            .iter()
            .all(|s| matches!(s, Support::Same(t) if bare(t)))
    {
        return Err(QueryError::NothingFound(format!(
            "nothing supports or attacks `{}`",
            node.id()
        )));
    }
    let mut continued = Vec::new();
    while let Some((n, depth)) = b.pending.pop_front() {
        continued.push(b.build(n, depth, 0, &mut Vec::new(), Reached::Resumed));
    }
    // Whether each attack succeeds: grounded labels on the cone of the
    // attacked nodes shown, not on the whole KB.
    let mut root = root;
    let mut attacked = Vec::new();
    for t in std::iter::once(&root).chain(&continued) {
        t.targets(&mut attacked);
    }
    if !attacked.is_empty() {
        let labels = ConeLabels::of(
            graph,
            attacked.iter().filter_map(|n| graph.index_of(n.id())),
        );
        root.settle(&labels, graph);
        for t in &mut continued {
            t.settle(&labels, graph);
        }
    }
    let not_shown = if b.budget == 0 {
        support_size(graph, node, depth.unwrap_or(usize::MAX)).saturating_sub(b.expanded.len())
    } else {
        0
    };
    Ok(Why {
        root,
        continued,
        not_shown,
        graph,
    })
}

/// How many nodes the support of `root` holds within `depth` levels,
/// `root` included: direct supporters and the premises of arguments for
/// it, followed breadth-first, each node once.
fn support_size(graph: &ArgGraph, root: &Node, depth: usize) -> usize {
    use petgraph::visit::{EdgeRef, NodeIndexable};
    let g = graph.petgraph();
    let Some(start) = graph.index_of(root.id()) else {
        return 0;
    };
    let incoming = graph.incoming();
    let identities = graph.same_as_count() > 0;
    let mut seen = vec![false; g.node_bound()];
    seen[start.index()] = true;
    let mut count = 1;
    let mut frontier = vec![start];
    let mut level = 0;
    while !frontier.is_empty() && level < depth {
        let mut next = Vec::new();
        let mut visit = |ix: petgraph::graph::NodeIndex, next: &mut Vec<_>| {
            if !std::mem::replace(&mut seen[ix.index()], true) {
                count += 1;
                next.push(ix);
            }
        };
        for ix in frontier {
            // The incoming table: two arrays, not the graph's linked edge
            // lists (a cache miss per edge over 10^6 nodes).
            for &(source, kind) in incoming.of(ix.index()) {
                match kind {
                    RelKind::Supports | RelKind::SameAs => visit(source, &mut next),
                    RelKind::Conclusion => {
                        for &(p, kind) in incoming.of(source.index()) {
                            if kind == RelKind::Premise {
                                visit(p, &mut next);
                            }
                        }
                    }
                    _ => {}
                }
            }
            if identities {
                for e in g.edges_directed(ix, Direction::Outgoing) {
                    if *e.weight() == RelKind::SameAs {
                        visit(e.target(), &mut next);
                    }
                }
            }
        }
        frontier = next;
        level += 1;
    }
    count
}

/// How the builder came to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reached {
    /// As a supporter, premise or root: its identicals are followed.
    Anew,
    /// As the identical of a node just above: the identicals are that
    /// node's, already followed there.
    Identical,
    /// As a continuation queued earlier: expanded again in full.
    Resumed,
}

struct Builder<'g> {
    graph: &'g ArgGraph,
    /// Nodes expanded (or queued for expansion) somewhere in the answer.
    expanded: BTreeSet<&'g str>,
    /// Nodes whose support continues in a tree of its own, with the depth
    /// still allowed below them.
    pending: VecDeque<(&'g Node, usize)>,
    /// Nodes the answer may still show.
    budget: usize,
}

impl<'g> Builder<'g> {
    /// The attacks (`kind`: attacks or undercuts) on `target`, each with
    /// its answers; the outcomes are settled once the tree is built.
    fn attackers(&mut self, target: &'g Node, kind: RelKind) -> Vec<Attacker<'g>> {
        let graph = self.graph;
        sources(graph, target.id(), kind)
            .into_iter()
            .map(|node| Attacker {
                node,
                outcome: Outcome::Undecided,
                answer: side::answer(graph, node, target),
            })
            .collect()
    }

    /// The tree under `node`, which stands `level` levels below the root of
    /// its tree, reached as `reached` says.
    fn build(
        &mut self,
        node: &'g Node,
        depth: usize,
        level: usize,
        branch: &mut Vec<&'g str>,
        reached: Reached,
    ) -> Tree<'g> {
        let graph = self.graph;
        let attacked_by = self.attackers(node, RelKind::Attacks);
        let mut tree = Tree {
            node,
            attacked_by,
            supports: Vec::new(),
            cycles: Vec::new(),
            seen_above: false,
            cut: false,
            continued: false,
            more: 0,
        };
        if !self.expanded.insert(node.id()) && reached != Reached::Resumed {
            tree.seen_above = true;
            return tree;
        }
        let direct = sources(graph, node.id(), RelKind::Supports);
        let arguments = sources(graph, node.id(), RelKind::Conclusion);
        // The same proposition in other texts: not a step of support, so
        // it costs no depth; each is reached once, from the first of them
        // the answer meets.
        let same: Vec<&'g Node> = if reached == Reached::Identical {
            Vec::new()
        } else {
            graph
                .identical(node.id())
                .into_iter()
                .filter(|n| !branch.contains(&n.id()))
                .collect()
        };
        let grows = !direct.is_empty() || !arguments.is_empty() || !same.is_empty();
        if depth == 0 {
            tree.cut = grows;
            return tree;
        }
        if level >= SEGMENT_DEPTH && grows {
            tree.continued = true;
            self.pending.push_back((node, depth));
            return tree;
        }
        branch.push(node.id());
        let mut cycles = Vec::new();
        let mut more = 0;
        let mut child = |b: &mut Self, n: &'g Node, branch: &mut Vec<&'g str>, level: usize| {
            if branch.contains(&n.id()) {
                cycles.push(n);
                None
            } else if b.budget == 0 {
                more += 1;
                None
            } else {
                b.budget -= 1;
                Some(b.build(n, depth - 1, level, branch, Reached::Anew))
            }
        };
        for n in direct {
            if let Some(t) = child(self, n, branch, level + 1) {
                tree.supports.push(Support::Direct(t));
            }
        }
        for argument in arguments {
            let premises: Vec<Tree<'g>> = sources(graph, argument.id(), RelKind::Premise)
                .into_iter()
                .filter_map(|p| child(self, p, branch, level + 1))
                .collect();
            if premises.is_empty() && self.budget == 0 {
                // Left out whole: its premises are counted in `more`.
                continue;
            }
            let undercut_by = self.attackers(argument, RelKind::Undercuts);
            tree.supports.push(Support::Linked {
                argument,
                undercut_by,
                premises,
            });
        }
        tree.supports.sort_by_cached_key(|s| s.order(graph));
        // The same proposition elsewhere comes after the support in this
        // text, in id order.
        for n in same {
            if self.budget == 0 {
                more += 1;
                continue;
            }
            self.budget -= 1;
            let t = self.build(n, depth, level + 1, branch, Reached::Identical);
            tree.supports.push(Support::Same(t));
        }
        branch.pop();
        cycles.sort_by_key(|n| n.id());
        cycles.dedup_by_key(|n| n.id());
        tree.cycles = cycles;
        tree.more = more;
        tree
    }
}

impl Why<'_> {
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
        let graph = self.graph;
        match format {
            OutputFormat::Json => {
                let mut v = self.root.to_json(graph);
                v["continuations"] =
                    Value::Array(self.continued.iter().map(|t| t.to_json(graph)).collect());
                v["nodes_not_shown"] = json!(self.not_shown);
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
                    writeln!(out, "{}", entry(graph, tree.node))?;
                    tree.write_children(graph, out, "")?;
                }
                Ok(())
            }
        }
    }
}

impl Attacker<'_> {
    fn to_json(&self, graph: &ArgGraph) -> Value {
        let mut v = side::voiced(graph, self.node);
        v["outcome"] = json!(self.outcome.name());
        v["succeeds"] = json!(self.outcome == Outcome::Succeeds);
        v["answered"] = json!(self.answer.is_answered());
        v["preferred"] = json!(self.answer.preferred);
        v["answered_by"] = Value::Array(
            self.answer
                .counters
                .iter()
                .map(|n| side::voiced(graph, n))
                .collect(),
        );
        v
    }

    /// The lines under an attacker: the outcome, then each answer.
    fn lines(&self, graph: &ArgGraph, target: &Node) -> Vec<String> {
        let a = self.node.id();
        let mut lines = vec![match self.outcome {
            Outcome::Preferred => {
                format!("the attack fails: the author prefers {} to it", target.id())
            }
            Outcome::AttackerOut => format!("the attack fails: {a} is out (grounded)"),
            Outcome::Undecided => format!("the attack is undecided: {a} is undec (grounded)"),
            Outcome::Succeeds => format!("the attack succeeds: {a} is in (grounded)"),
        }];
        if self.answer.counters.is_empty() && !self.answer.preferred {
            lines.push("unanswered".to_string());
        }
        for c in &self.answer.counters {
            lines.push(format!("answered by {}", entry(graph, c)));
        }
        lines
    }
}

impl Tree<'_> {
    /// The tree as JSON, built by moving each child's value into its
    /// parent (no subtree is copied).
    fn to_json(&self, graph: &ArgGraph) -> Value {
        let attackers =
            |list: &[Attacker<'_>]| Value::Array(list.iter().map(|a| a.to_json(graph)).collect());
        let mut v = side::voiced(graph, self.node);
        v["attacked_by"] = attackers(&self.attacked_by);
        v["seen_above"] = json!(self.seen_above);
        v["cycle_to"] = Value::Array(self.cycles.iter().map(|n| json!(n.id())).collect());
        v["depth_limit"] = json!(self.cut);
        v["continued"] = json!(self.continued);
        v["not_shown"] = json!(self.more);
        v["supports"] = Value::Array(
            self.supports
                .iter()
                .map(|s| match s {
                    Support::Direct(t) | Support::Same(t) => {
                        let via = if matches!(s, Support::Same(_)) {
                            "same_as"
                        } else {
                            "supports"
                        };
                        let mut o = serde_json::Map::new();
                        o.insert("via".into(), json!(via));
                        o.insert("tree".into(), t.to_json(graph));
                        Value::Object(o)
                    }
                    Support::Linked {
                        argument,
                        undercut_by,
                        premises,
                    } => {
                        let mut o = serde_json::Map::new();
                        o.insert("via".into(), json!("argument"));
                        o.insert("argument".into(), side::voiced(graph, argument));
                        o.insert("undercut_by".into(), attackers(undercut_by));
                        o.insert(
                            "premises".into(),
                            Value::Array(premises.iter().map(|p| p.to_json(graph)).collect()),
                        );
                        Value::Object(o)
                    }
                })
                .collect(),
        );
        v
    }

    fn write_children(
        &self,
        graph: &ArgGraph,
        out: &mut dyn Write,
        prefix: &str,
    ) -> io::Result<()> {
        enum Line<'a, 'g> {
            Attack(&'a Attacker<'g>),
            Tree(&'a Tree<'g>, &'static str),
            Same(&'a Tree<'g>),
            Argument(&'g Node, &'a [Attacker<'g>], &'a [Tree<'g>]),
            Note(&'static str),
            More(&'a str),
            Cycle(&'g Node),
        }
        let mut lines: Vec<Line<'_, '_>> = self.attacked_by.iter().map(Line::Attack).collect();
        for s in &self.supports {
            lines.push(match s {
                Support::Direct(t) => Line::Tree(t, "supported by"),
                Support::Same(t) => Line::Same(t),
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
        let more = (self.more > 0).then(|| {
            format!(
                "(… {} more supporter{} not shown: raise --limit, or 0 for all)",
                self.more,
                if self.more == 1 { "" } else { "s" }
            )
        });
        if let Some(m) = &more {
            lines.push(Line::More(m));
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
                Line::Attack(a) => {
                    writeln!(out, "{prefix}{branch}attacked by {}", entry(graph, a.node))?;
                    write_leaves(out, &child_prefix, &a.lines(graph, self.node))?;
                }
                Line::Note(s) => writeln!(out, "{prefix}{branch}{s}")?,
                Line::More(s) => writeln!(out, "{prefix}{branch}{s}")?,
                Line::Cycle(n) => writeln!(
                    out,
                    "{prefix}{branch}↻ supported by {}, already on this branch (a support cycle)",
                    n.id()
                )?,
                Line::Tree(t, label) => {
                    writeln!(out, "{prefix}{branch}{label} {}", entry(graph, t.node))?;
                    t.write_children(graph, out, &child_prefix)?;
                }
                Line::Same(t) => {
                    let place = t
                        .node
                        .source()
                        .map(|s| format!("in {s}: "))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "{prefix}{branch}same proposition {place}{}",
                        entry(graph, t.node)
                    )?;
                    t.write_children(graph, out, &child_prefix)?;
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
                        let (b, nx) = if k == n {
                            ("└─ ", "   ")
                        } else {
                            ("├─ ", "│  ")
                        };
                        writeln!(out, "{child_prefix}{b}undercut by {}", entry(graph, u.node))?;
                        write_leaves(out, &format!("{child_prefix}{nx}"), &u.lines(graph, arg))?;
                    }
                    for p in premises {
                        k += 1;
                        let (b, nx) = if k == n {
                            ("└─ ", "   ")
                        } else {
                            ("├─ ", "│  ")
                        };
                        writeln!(out, "{child_prefix}{b}premise {}", entry(graph, p.node))?;
                        p.write_children(graph, out, &format!("{child_prefix}{nx}"))?;
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
                Support::Direct(t) | Support::Same(t) => std::slice::from_ref(t),
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

/// Lines under an attacker, drawn as the tree's leaves.
fn write_leaves(out: &mut dyn Write, prefix: &str, lines: &[String]) -> io::Result<()> {
    for (i, line) in lines.iter().enumerate() {
        let branch = if i + 1 == lines.len() {
            "└─ "
        } else {
            "├─ "
        };
        writeln!(out, "{prefix}{branch}{line}")?;
    }
    Ok(())
}

/// `id  text  [kind ¶para · voice]`: one node in the tree.
fn entry(graph: &ArgGraph, node: &Node) -> String {
    let implicit = if node.is_implicit() { ", implicit" } else { "" };
    let place = match node.para() {
        Some(p) => format!("{}{implicit} ¶{p}", node.subkind()),
        None => format!("{}{implicit}", node.subkind()),
    };
    let voice = side::voice_note(graph, node);
    let tag = if voice.is_empty() {
        format!("[{place}]")
    } else {
        format!("[{place} · {voice}]")
    };
    format!(
        "{}  {}  {tag}",
        node.id(),
        one_line(&side::words(graph, node))
    )
}
