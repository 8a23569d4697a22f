//! The semantic rules of the KB format, checked on a parsed `KnowledgeBase`.
//!
//! Errors: ids unique across every family and well-formed; every reference
//! resolves; each relation joins the kinds of node its kind allows; no
//! self-relations or duplicate relations; no empty texts; paragraphs counted
//! from 1. Warnings: nodes with no relation, recommendations with no
//! support, and cycles of pure support. Every problem is reported, each at
//! the text that causes it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use petgraph::algo::kosaraju_scc;
use petgraph::graphmap::DiGraphMap;

use crate::diagnostic::Diagnostic;
use crate::model::{KnowledgeBase, NodeKind, RelKind};
use crate::spans::{Seg, SpanIndex};
use crate::suggest::Suggester;

/// Which kinds of node a relation may start and end at.
pub fn endpoints(kind: RelKind) -> (&'static [NodeKind], &'static [NodeKind]) {
    use NodeKind::*;
    const PROP: &[NodeKind] = &[Claim, Recommendation];
    const ACTOR: &[NodeKind] = &[Actor];
    match kind {
        RelKind::Supports | RelKind::Attacks => (PROP, PROP),
        RelKind::Undercuts => (&[Claim], &[Argument]),
        RelKind::Asserts | RelKind::Opposes => (ACTOR, PROP),
        RelKind::AddressedTo => (&[Recommendation], ACTOR),
        RelKind::About => (PROP, ACTOR),
        RelKind::MemberOf
        | RelKind::Leads
        | RelKind::Represents
        | RelKind::ClientOf
        | RelKind::AllyOf => (ACTOR, ACTOR),
        RelKind::Premise => (PROP, &[Argument]),
        RelKind::Conclusion => (&[Argument], PROP),
    }
}

/// The longest id accepted, in bytes: ids are names people type, and every
/// text output can then align them in columns without unbounded padding.
pub const MAX_ID_LEN: usize = 128;

/// An id as messages quote it: cut with an ellipsis past `MAX_ID_LEN`.
pub fn shown_id(id: &str) -> String {
    crate::query::clip(id, MAX_ID_LEN)
}

/// Whether `id` is a well-formed id: a letter or digit, then letters,
/// digits, `-`, `_`, `.` or `:`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

struct Def {
    kind: NodeKind,
    section: &'static str,
    index: usize,
}

struct Checker<'a> {
    kb: &'a KnowledgeBase,
    spans: &'a SpanIndex,
    defs: BTreeMap<&'a str, Def>,
    /// Built on the first unknown id, then reused.
    suggester: Option<Suggester<'a>>,
    diags: Vec<Diagnostic>,
}

/// Checks every rule; returns errors and warnings together.
pub fn validate(kb: &KnowledgeBase, spans: &SpanIndex) -> Vec<Diagnostic> {
    let mut c = Checker {
        kb,
        spans,
        defs: BTreeMap::new(),
        suggester: None,
        diags: Vec::new(),
    };
    c.ids();
    c.texts();
    c.arguments();
    c.relations();
    c.thesis();
    c.warnings();
    let mut diags = c.diags;
    crate::diagnostic::sort(&mut diags);
    diags
}

impl<'a> Checker<'a> {
    fn span(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        self.spans.nearest(path)
    }

    fn ids(&mut self) {
        let kb = self.kb;
        let families: [(&'static str, NodeKind, Vec<&'a str>); 4] = [
            (
                "actors",
                NodeKind::Actor,
                kb.actors.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "claims",
                NodeKind::Claim,
                kb.claims.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "recommendations",
                NodeKind::Recommendation,
                kb.recommendations.iter().map(|a| a.id.as_str()).collect(),
            ),
            (
                "arguments",
                NodeKind::Argument,
                kb.arguments.iter().map(|a| a.id.as_str()).collect(),
            ),
        ];
        for (section, kind, ids) in families {
            for (index, id) in ids.into_iter().enumerate() {
                let path = [Seg::Field(section), Seg::Index(index), Seg::Field("id")];
                if id.len() > MAX_ID_LEN {
                    let d = Diagnostic::error(
                        "invalid-id",
                        format!("id `{}` is {} bytes long", shown_id(id), id.len()),
                    )
                    .at(self.span(&path), "too long")
                    .help(format!("ids are at most {MAX_ID_LEN} bytes; use a short name and put the words in `text`"));
                    self.diags.push(d);
                    continue;
                }
                if !is_valid_id(id) {
                    let d = Diagnostic::error("invalid-id", format!("`{}` is not a valid id", shown_id(id)))
                        .at(self.span(&path), "invalid id")
                        .help("ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`, e.g. `china-fed-up`");
                    self.diags.push(d);
                    continue;
                }
                if let Some(first) = self.defs.get(id) {
                    let first_span = self.span(&[
                        Seg::Field(first.section),
                        Seg::Index(first.index),
                        Seg::Field("id"),
                    ]);
                    let d = Diagnostic::error(
                        "duplicate-id",
                        format!("id `{id}` is defined twice"),
                    )
                    .at(self.span(&path), "defined again here")
                    .related(
                        first_span,
                        format!(
                            "first defined here, as {} {}",
                            article(first.kind),
                            first.kind.name()
                        ),
                    )
                    .help("ids are unique across actors, claims, recommendations and arguments");
                    self.diags.push(d);
                    continue;
                }
                self.defs.insert(
                    id,
                    Def {
                        kind,
                        section,
                        index,
                    },
                );
            }
        }
    }

    fn texts(&mut self) {
        let kb = self.kb;
        let mut fields: Vec<(Vec<Seg<'static>>, &str)> = vec![(
            vec![Seg::Field("meta"), Seg::Field("title")],
            kb.meta.title.as_str(),
        )];
        for (i, a) in kb.actors.iter().enumerate() {
            fields.push((
                vec![Seg::Field("actors"), Seg::Index(i), Seg::Field("name")],
                &a.name,
            ));
        }
        for (i, c) in kb.claims.iter().enumerate() {
            fields.push((
                vec![Seg::Field("claims"), Seg::Index(i), Seg::Field("text")],
                &c.text,
            ));
            fields.push((
                vec![Seg::Field("claims"), Seg::Index(i), Seg::Field("quote")],
                &c.quote,
            ));
        }
        for (i, r) in kb.recommendations.iter().enumerate() {
            fields.push((
                vec![
                    Seg::Field("recommendations"),
                    Seg::Index(i),
                    Seg::Field("text"),
                ],
                &r.text,
            ));
            fields.push((
                vec![
                    Seg::Field("recommendations"),
                    Seg::Index(i),
                    Seg::Field("quote"),
                ],
                &r.quote,
            ));
        }
        for (i, o) in kb.omitted.iter().enumerate() {
            fields.push((
                vec![Seg::Field("omitted"), Seg::Index(i), Seg::Field("quote")],
                &o.quote,
            ));
            fields.push((
                vec![Seg::Field("omitted"), Seg::Index(i), Seg::Field("reason")],
                &o.reason,
            ));
        }
        for (path, text) in fields {
            if text.trim().is_empty() {
                let Seg::Field(name) = path[path.len() - 1] else {
                    continue;
                };
                let d = Diagnostic::error("empty-text", format!("`{name}` is empty"))
                    .at(self.span(&path), "empty")
                    .help(format!("write the {name}, or remove the entry"));
                self.diags.push(d);
            }
        }
        let paras = kb
            .claims
            .iter()
            .map(|c| ("claims", c.para))
            .chain(
                kb.recommendations
                    .iter()
                    .map(|r| ("recommendations", r.para)),
            )
            .chain(kb.omitted.iter().map(|o| ("omitted", o.para)));
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (section, para) in paras {
            let i = seen.entry(section).or_default();
            if para == 0 {
                let path = [Seg::Field(section), Seg::Index(*i), Seg::Field("para")];
                let d = Diagnostic::error("bad-para", "paragraph numbers start at 1")
                    .at(self.span(&path), "paragraph 0")
                    .help("count the body paragraphs of the source from 1");
                self.diags.push(d);
            }
            *i += 1;
        }
    }

    /// Resolves a reference, reporting an unknown id; returns its kind.
    fn resolve(&mut self, id: &str, path: &[Seg<'_>]) -> Option<NodeKind> {
        if let Some(def) = self.defs.get(id) {
            return Some(def.kind);
        }
        let defs = &self.defs;
        let hint = self
            .suggester
            .get_or_insert_with(|| Suggester::new(defs.keys().copied()))
            .suggest(id)
            .map(|s| format!("did you mean `{s}`?"));
        let d = Diagnostic::error(
            "unknown-id",
            format!("no node has the id `{}`", shown_id(id)),
        )
        .at(self.span(path), "unknown id")
        .help_opt(hint);
        self.diags.push(d);
        None
    }

    fn check_end(
        &mut self,
        rel: RelKind,
        kind: NodeKind,
        allowed: &[NodeKind],
        id: &str,
        from_end: bool,
        path: &[Seg<'_>],
    ) {
        if allowed.contains(&kind) {
            return;
        }
        let names: Vec<String> = allowed
            .iter()
            .map(|k| format!("{} {}", article(*k), k.name()))
            .collect();
        let (verb, what) = if from_end {
            ("start at", "its source")
        } else {
            ("end at", "its target")
        };
        let help = wrong_end_hint(rel, kind, from_end)
            .unwrap_or_else(|| format!("`{}` must {verb} {}", rel.ron_name(), names.join(" or ")));
        let d = Diagnostic::error(
            "bad-endpoint",
            format!(
                "`{}` cannot {verb} {} {}",
                rel.ron_name(),
                article(kind),
                kind.name()
            ),
        )
        .at(
            self.span(path),
            format!(
                "`{}` is {} {}, as {what}",
                shown_id(id),
                article(kind),
                kind.name()
            ),
        )
        .help(help);
        self.diags.push(d);
    }

    fn arguments(&mut self) {
        let kb = self.kb;
        for (i, arg) in kb.arguments.iter().enumerate() {
            let base = [Seg::Field("arguments"), Seg::Index(i)];
            if arg.premises.is_empty() {
                let path = [base[0], base[1], Seg::Field("premises")];
                let d = Diagnostic::error(
                    "no-premises",
                    format!("argument `{}` has no premises", arg.id),
                )
                .at(self.span(&path), "empty")
                .help("list the claims that together support the conclusion");
                self.diags.push(d);
            }
            let mut seen = BTreeSet::new();
            for (j, p) in arg.premises.iter().enumerate() {
                let path = [base[0], base[1], Seg::Field("premises"), Seg::Index(j)];
                if !seen.insert(p.as_str()) {
                    let d = Diagnostic::error(
                        "duplicate-relation",
                        format!("premise `{}` is listed twice", shown_id(p)),
                    )
                    .at(self.span(&path), "listed again here");
                    self.diags.push(d);
                    continue;
                }
                if p == &arg.conclusion {
                    let d = Diagnostic::error(
                        "self-relation",
                        format!("`{}` is both a premise and the conclusion", shown_id(p)),
                    )
                    .at(self.span(&path), "premise")
                    .related(
                        self.span(&[base[0], base[1], Seg::Field("conclusion")]),
                        "conclusion",
                    )
                    .help("a claim cannot support itself");
                    self.diags.push(d);
                }
                if let Some(kind) = self.resolve(p, &path) {
                    let (from, _) = endpoints(RelKind::Premise);
                    self.check_end(RelKind::Premise, kind, from, p, true, &path);
                }
            }
            let path = [base[0], base[1], Seg::Field("conclusion")];
            if let Some(kind) = self.resolve(&arg.conclusion, &path) {
                let (_, to) = endpoints(RelKind::Conclusion);
                self.check_end(RelKind::Conclusion, kind, to, &arg.conclusion, false, &path);
            }
        }
    }

    fn relations(&mut self) {
        let kb = self.kb;
        let mut seen: HashMap<(RelKind, &str, &str), usize> = HashMap::new();
        for (i, rel) in kb.relations.iter().enumerate() {
            let (kind, from, to) = rel.parts();
            let whole = [Seg::Field("relations"), Seg::Index(i)];
            let from_path = [whole[0], whole[1], Seg::Index(0)];
            let to_path = [whole[0], whole[1], Seg::Index(1)];
            if from == to {
                let d = Diagnostic::error(
                    "self-relation",
                    format!("`{}` is related to itself", shown_id(from)),
                )
                .at(
                    self.span(&whole),
                    format!("`{}` from a node to itself", kind.ron_name()),
                )
                .help("a relation joins two different nodes");
                self.diags.push(d);
                continue;
            }
            if let Some(first) = seen.get(&(kind, from, to)) {
                let d = Diagnostic::error(
                    "duplicate-relation",
                    format!(
                        "`{}({:?}, {:?})` is stated twice",
                        kind.ron_name(),
                        shown_id(from),
                        shown_id(to)
                    ),
                )
                .at(self.span(&whole), "stated again here")
                .related(
                    self.span(&[whole[0], Seg::Index(*first)]),
                    "first stated here",
                )
                .help("remove one of them");
                self.diags.push(d);
                continue;
            }
            seen.insert((kind, from, to), i);
            let (from_ok, to_ok) = endpoints(kind);
            if let Some(k) = self.resolve(from, &from_path) {
                self.check_end(kind, k, from_ok, from, true, &from_path);
            }
            if let Some(k) = self.resolve(to, &to_path) {
                self.check_end(kind, k, to_ok, to, false, &to_path);
            }
        }
    }

    fn thesis(&mut self) {
        let Some(thesis) = &self.kb.meta.thesis else {
            return;
        };
        let path = [Seg::Field("meta"), Seg::Field("thesis")];
        let Some(kind) = self.resolve(thesis, &path) else {
            return;
        };
        if !matches!(kind, NodeKind::Claim | NodeKind::Recommendation) {
            let d = Diagnostic::error(
                "bad-endpoint",
                format!(
                    "the thesis must be a claim or a recommendation, not {} {}",
                    article(kind),
                    kind.name()
                ),
            )
            .at(self.span(&path), "not a claim or recommendation");
            self.diags.push(d);
            return;
        }
        // Walk argumentative edges backwards from the thesis: whatever is
        // reached leads to it.
        let mut into: HashMap<&str, Vec<&str>> = HashMap::new();
        for rel in &self.kb.relations {
            let (k, a, b) = rel.parts();
            if matches!(k, RelKind::Supports | RelKind::Attacks | RelKind::Undercuts) {
                into.entry(b).or_default().push(a);
            }
        }
        for arg in &self.kb.arguments {
            into.entry(&arg.conclusion).or_default().push(&arg.id);
            for p in &arg.premises {
                into.entry(&arg.id).or_default().push(p);
            }
        }
        let mut reached: BTreeSet<&str> = BTreeSet::from([thesis.as_str()]);
        let mut stack = vec![thesis.as_str()];
        while let Some(n) = stack.pop() {
            for &m in into.get(n).map(Vec::as_slice).unwrap_or_default() {
                if reached.insert(m) {
                    stack.push(m);
                }
            }
        }
        for (id, def) in &self.defs {
            if matches!(def.kind, NodeKind::Claim | NodeKind::Recommendation)
                && !reached.contains(id)
            {
                let p = [
                    Seg::Field(def.section),
                    Seg::Index(def.index),
                    Seg::Field("id"),
                ];
                let d = Diagnostic::warning(
                    "off-thesis",
                    format!(
                        "{} `{id}` does not lead to the thesis `{thesis}`",
                        def.kind.name()
                    ),
                )
                .at(
                    self.span(&p),
                    "no chain of support, attack or undercut from here to the thesis",
                )
                .help("connect it to the argument, or say why it is there in a comment");
                self.diags.push(d);
            }
        }
    }

    fn warnings(&mut self) {
        let kb = self.kb;
        let mut touched: BTreeSet<&str> = BTreeSet::new();
        let mut supported: BTreeSet<&str> = BTreeSet::new();
        let mut addressed: BTreeSet<&str> = BTreeSet::new();
        let mut support: DiGraphMap<&str, ()> = DiGraphMap::new();
        for rel in &kb.relations {
            let (kind, a, b) = rel.parts();
            touched.extend([a, b]);
            if kind == RelKind::AddressedTo {
                addressed.insert(a);
            }
            if kind == RelKind::Supports {
                supported.insert(b);
                support.add_edge(a, b, ());
            }
        }
        for arg in &kb.arguments {
            touched.insert(&arg.id);
            touched.insert(&arg.conclusion);
            supported.insert(&arg.conclusion);
            support.add_edge(&arg.id, &arg.conclusion, ());
            for p in &arg.premises {
                touched.insert(p);
                support.add_edge(p, &arg.id, ());
            }
        }
        for (id, def) in &self.defs {
            let path = [
                Seg::Field(def.section),
                Seg::Index(def.index),
                Seg::Field("id"),
            ];
            if !touched.contains(id) {
                let d = Diagnostic::warning(
                    "isolated",
                    format!("{} `{id}` takes part in no relation", def.kind.name()),
                )
                .at(self.span(&path), "not connected")
                .help("connect it with a relation, or remove it");
                self.diags.push(d);
                continue;
            }
            if def.kind == NodeKind::Recommendation && !supported.contains(id) {
                let d = Diagnostic::warning(
                    "unsupported",
                    format!("recommendation `{id}` has no support"),
                )
                .at(self.span(&path), "nothing supports this")
                .help(format!(
                    "add `Supports(\"<claim>\", \"{id}\")` or an argument that concludes it"
                ));
                self.diags.push(d);
            }
            if def.kind == NodeKind::Recommendation && !addressed.contains(id) {
                let d = Diagnostic::warning(
                    "unaddressed",
                    format!("recommendation `{id}` is addressed to no one"),
                )
                .at(self.span(&path), "who is to act?")
                .help(format!("add `AddressedTo(\"{id}\", \"<actor>\")`"));
                self.diags.push(d);
            }
        }
        // Kosaraju's search is iterative: a chain of 10^6 supports cannot
        // overflow the stack.
        for scc in kosaraju_scc(&support) {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<&str> = scc.into_iter().collect();
            members.sort_unstable();
            let first = members[0];
            let span = self.defs.get(first).and_then(|def| {
                self.span(&[
                    Seg::Field(def.section),
                    Seg::Index(def.index),
                    Seg::Field("id"),
                ])
            });
            let d = Diagnostic::warning("support-cycle", format!("support runs in a cycle through {}", members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")))
                .at(span, "part of the cycle")
                .help("circular support proves nothing; break the cycle or model the mutual dependence as linked premises");
            self.diags.push(d);
        }
    }
}

fn article(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Actor | NodeKind::Argument => "an",
        _ => "a",
    }
}

/// A pointed hint for the usual endpoint mistakes.
fn wrong_end_hint(rel: RelKind, kind: NodeKind, from_end: bool) -> Option<String> {
    let h = match (rel, kind, from_end) {
        (RelKind::Supports | RelKind::Attacks, NodeKind::Actor, true) => {
            "an actor holds a claim with `Asserts(actor, claim)` or rejects it with `Opposes(actor, claim)`"
        }
        (RelKind::Supports | RelKind::Attacks, NodeKind::Actor, false) => {
            "to say a claim concerns an actor, use `About(claim, actor)`"
        }
        (RelKind::Undercuts, NodeKind::Claim | NodeKind::Recommendation, false) => {
            "`Undercuts` attacks an inference (an argument); to rebut a claim use `Attacks`"
        }
        (RelKind::Supports | RelKind::Attacks, NodeKind::Argument, _) => {
            "arguments take part through their `premises` and `conclusion`; attack one with `Undercuts`"
        }
        (RelKind::AddressedTo, NodeKind::Claim, true) => {
            "only recommendations are addressed to an actor; a claim can be `About` one"
        }
        (RelKind::Asserts | RelKind::Opposes, _, true) => {
            "the first id is the actor who holds or rejects the claim"
        }
        _ => return None,
    };
    Some(h.to_string())
}
