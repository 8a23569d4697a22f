//! The semantic rules of the KB format, checked on the parsed files of a
//! KB together (ids are global: a file may use ids another defines).
//!
//! Errors: ids unique across every family and every file, and well-formed;
//! every reference (relation ends, premises, speakers, sources, a source's
//! author) resolves; each relation joins the kinds of node its kind allows;
//! no self-relations or duplicate relations; no empty texts; paragraphs
//! counted from 1; a named conflict has attackers and a target that is no
//! actor; a quote needs a paragraph, an implicit premise has no
//! quote, and with several sources an anchored node names its own.
//! Warnings: nodes with no relation, recommendations with no support or no
//! addressee, cycles of pure support, nodes that do not lead to their
//! file's thesis, claims nobody holds or says (`unattributed`), reports
//! with no stance of the author (`unplaced-report`). A node's `allow` list
//! silences the warnings it names for that node. Every problem is reported,
//! each at the text that causes it, in the file where it is.
//!
//! One file per family of rules (`ids`, `provenance`, `structure`,
//! `thesis`, `warnings`, `stance`), each adding its passes to the one
//! `Checker` defined here, which runs them in order over the files and
//! collects the diagnostics (codes: `diagnostic::code`, docs/CODES.md).
//! Beside them: `defs`, the table that finds a definition by its id, and
//! `resolved`, the references as validation resolved them, for the graph.

mod defs;
mod ids;
mod provenance;
mod resolved;
mod stance;
mod structure;
mod thesis;
mod warnings;

pub use ids::{MAX_ID_LEN, is_valid_id, shown_id};
pub use resolved::Resolved;
pub use structure::endpoints;

use std::collections::HashMap;

use petgraph::algo::kosaraju_scc;

use self::defs::Defs;
use crate::diagnostic::Code;
use crate::diagnostic::suggest::Suggester;
use crate::diagnostic::{Collector, Diagnostic, FileId, Loc};
use crate::model::grouped::Grouped;
use crate::model::sources::{SourceEntry, source_entries};
use crate::model::{Claim, ClaimKind, KnowledgeBase, NodeKind, Recommendation, RelKind};
use crate::ron::spans::{Seg, Spans};

/// Where a node is defined: its kind (which names its section), its
/// file, and its position in the section.
#[derive(Debug, Clone, Copy)]
struct Def {
    kind: NodeKind,
    file: FileId,
    index: usize,
}

/// Where a definition stands, packed: its file and its position in the
/// section (its kind is in `Checker::kinds`). Eight bytes where `Def`
/// takes twenty-four: one per node. Positions fit: a section of 2^32
/// entries would take hundreds of gigabytes in memory.
#[derive(Debug, Clone, Copy)]
struct Place {
    file: u32,
    index: u32,
}

impl Place {
    fn of(def: Def) -> Place {
        Place {
            file: def.file as u32,
            index: def.index as u32,
        }
    }
}

/// The id of the definition with dense index `n`, from the checker's
/// parts (`Checker::id`, for when the checker is borrowed in part).
fn id_in<'a>(kbs: &'a [KnowledgeBase], order: &[Place], kinds: &[NodeKind], n: usize) -> &'a str {
    let Place { file, index } = order[n];
    let (kb, index) = (&kbs[file as usize], index as usize);
    match kinds[n] {
        NodeKind::Actor => &kb.actors[index].id,
        NodeKind::Claim => &kb.claims[index].id,
        NodeKind::Recommendation => &kb.recommendations[index].id,
        NodeKind::Argument => &kb.arguments[index].id,
        NodeKind::Conflict => &kb.conflicts[index].id,
    }
}

/// `Checker::dense`'s mark for an entry that defines nothing.
const UNDEFINED: u32 = u32::MAX;

/// A relation's two ends as dense indices, `UNDEFINED` for an end that is
/// not a defined id: eight bytes where `[Option<u32>; 2]` takes sixteen
/// (a KB of 10^6 nodes has some 1.4 million relations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ends([u32; 2]);

impl Ends {
    fn new(ends: [Option<u32>; 2]) -> Ends {
        Ends(ends.map(|n| n.unwrap_or(UNDEFINED)))
    }

    /// Each end's dense index; `None` for an unknown id.
    fn get(self) -> [Option<u32>; 2] {
        self.0.map(|n| (n != UNDEFINED).then_some(n))
    }
}

/// The members (premises or attackers) and other end (conclusion or
/// target) of each entry of one section of one file, resolved: `None` is
/// an unknown id (an error already). A member listed twice is kept once.
#[derive(Debug, Default)]
struct Links {
    end: Vec<Option<u32>>,
    /// Where each entry's members begin in `members`; one more than there
    /// are entries.
    starts: Vec<u32>,
    members: Vec<Option<u32>>,
}

impl Links {
    /// How many entries are linked.
    fn len(&self) -> usize {
        self.end.len()
    }

    fn push(&mut self, members: impl IntoIterator<Item = Option<u32>>, end: Option<u32>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.members.extend(members);
        self.starts.push(self.members.len() as u32);
        self.end.push(end);
    }

    /// Entry `i`'s resolved members and other end.
    fn of(&self, i: usize) -> (&[Option<u32>], Option<u32>) {
        let (from, to) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        (&self.members[from..to], self.end[i])
    }
}

impl Def {
    /// The position of the kind's section in `Checker::dense`.
    fn slot(kind: NodeKind) -> usize {
        match kind {
            NodeKind::Actor => 0,
            NodeKind::Claim => 1,
            NodeKind::Recommendation => 2,
            NodeKind::Argument => 3,
            NodeKind::Conflict => 4,
        }
    }

    /// The section of the file that defines nodes of this kind.
    fn section(&self) -> &'static str {
        match self.kind {
            NodeKind::Actor => "actors",
            NodeKind::Claim => "claims",
            NodeKind::Recommendation => "recommendations",
            NodeKind::Argument => "arguments",
            NodeKind::Conflict => "conflicts",
        }
    }
}

/// How the messages about an argument's premises or a conflict's
/// attackers name them (`Checker::members`).
struct Members {
    section: &'static str,
    owner: &'static str,
    list: &'static str,
    member: &'static str,
    a_member: &'static str,
    end: &'static str,
    empty_help: &'static str,
    self_help: &'static str,
}

/// A claim or recommendation, where it is defined, and the fields the
/// rules look at (read through, not copied: a KB of 10^6 claims lists
/// them all at once).
#[derive(Clone, Copy)]
struct Prop<'a> {
    def: Def,
    node: PropNode<'a>,
}

#[derive(Clone, Copy)]
enum PropNode<'a> {
    Claim(&'a Claim),
    Recommendation(&'a Recommendation),
}

impl<'a> Prop<'a> {
    fn id(&self) -> &'a str {
        match self.node {
            PropNode::Claim(c) => &c.id,
            PropNode::Recommendation(r) => &r.id,
        }
    }

    fn quote(&self) -> Option<&'a str> {
        match self.node {
            PropNode::Claim(c) => c.quote.as_deref(),
            PropNode::Recommendation(r) => r.quote.as_deref(),
        }
    }

    fn para(&self) -> Option<u32> {
        match self.node {
            PropNode::Claim(c) => c.para,
            PropNode::Recommendation(r) => r.para,
        }
    }

    fn source(&self) -> Option<&'a str> {
        match self.node {
            PropNode::Claim(c) => c.source.as_deref(),
            PropNode::Recommendation(r) => r.source.as_deref(),
        }
    }

    fn implicit(&self) -> bool {
        match self.node {
            PropNode::Claim(c) => c.implicit,
            PropNode::Recommendation(r) => r.implicit,
        }
    }

    fn speaker(&self) -> Option<&'a str> {
        match self.node {
            PropNode::Claim(c) => c.speaker.as_deref(),
            PropNode::Recommendation(r) => r.speaker.as_deref(),
        }
    }

    fn stance(&self) -> Option<crate::model::Stance> {
        match self.node {
            PropNode::Claim(c) => c.stance,
            PropNode::Recommendation(r) => r.stance,
        }
    }

    fn has_stance(&self) -> bool {
        match self.node {
            PropNode::Claim(c) => c.stance.is_some(),
            PropNode::Recommendation(r) => r.stance.is_some(),
        }
    }

    fn goal(&self) -> bool {
        matches!(self.node, PropNode::Claim(c) if c.kind == ClaimKind::Goal)
    }

    fn allow(&self) -> &'a [String] {
        match self.node {
            PropNode::Claim(c) => &c.allow,
            PropNode::Recommendation(r) => &r.allow,
        }
    }
}

struct Checker<'a> {
    kbs: &'a [KnowledgeBase],
    spans: &'a [Spans<'a>],
    /// Every valid, first definition of an id, as its position in `order`
    /// (`Defs`: a KB of 10^6 nodes looks ids up millions of times).
    defs: Defs,
    /// The definitions in the order they were made; the rules keep
    /// per-node facts in vectors indexed like this.
    /// (A definition's id is read through the KB: `id_at`; the whole
    /// definition, with its kind, through `def_n`.)
    order: Vec<Place>,
    /// Each definition's kind, by dense index: what a reference's check
    /// reads, a byte (10^6 nodes fit in cache).
    kinds: Vec<NodeKind>,
    /// Each entry's dense index, by file and section (`Def::slot`), or
    /// `UNDEFINED` when the entry's id is invalid or a duplicate: a node's
    /// own index without hashing its id again.
    dense: Vec<[Vec<u32>; 5]>,
    /// Each argument's premises and conclusion, and each conflict's
    /// attackers and target, as dense indices, by file; resolved once (by
    /// `arguments` and `conflicts`) for the passes after them.
    arg_links: Vec<Links>,
    conflict_links: Vec<Links>,
    /// Each relation's ends as dense indices (an end that is not a
    /// defined id reads as `None`), by file then position; resolved once
    /// by `relations`.
    ends: Vec<Vec<Ends>>,
    /// Built on the first unknown id, then reused.
    suggester: Option<Suggester<'a>>,
    /// Every source of every file, with its id.
    entries: Vec<SourceEntry>,
    diags: Collector,
}

/// What `validate_with` looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Findings {
    /// Errors and warnings.
    All,
    /// Every error, and the first `n` warnings in report order; the
    /// others are counted (what `check` shows under `--max-errors n`).
    First(usize),
    /// Errors only: the passes that can only warn (reachability of the
    /// thesis, attribution, isolation, support cycles, …) are skipped.
    Errors,
}

/// Checks every rule on the files of one KB; returns errors and warnings
/// together. `spans[i]` indexes the text of `kbs[i]`.
pub fn validate(kbs: &[KnowledgeBase], spans: &[Spans<'_>]) -> Vec<Diagnostic> {
    validate_with(kbs, spans, Findings::All)
}

/// `validate`, looking for what `findings` asks. A KB has errors under
/// `Findings::Errors` exactly when it has under `Findings::All`.
pub fn validate_with(
    kbs: &[KnowledgeBase],
    spans: &[Spans<'_>],
    findings: Findings,
) -> Vec<Diagnostic> {
    validate_resolved(kbs, spans, findings).0
}

/// `validate_with`, also giving how many warnings were counted but not
/// kept (under `Findings::First`), and, when the KB has no error, its
/// references as validation resolved them (`Resolved`: the graph's
/// build reuses them).
pub fn validate_resolved(
    kbs: &[KnowledgeBase],
    spans: &[Spans<'_>],
    findings: Findings,
) -> (Vec<Diagnostic>, usize, Option<Resolved>) {
    let keep = match findings {
        Findings::First(n) => Some(n),
        Findings::All | Findings::Errors => None,
    };
    let mut c = Checker::new(kbs, spans, keep);
    c.ids();
    c.texts();
    c.sources();
    c.props();
    c.arguments();
    c.conflicts();
    c.relations();
    c.thesis(findings);
    c.allow_lists();
    if findings != Findings::Errors {
        c.warnings();
    }
    let (diagnostics, more) = c.diags.finish();
    let resolved = (!diagnostics.iter().any(Diagnostic::is_error)).then_some(Resolved {
        nodes: c.order.len(),
        ends: c.ends,
        arguments: c.arg_links,
        conflicts: c.conflict_links,
    });
    (diagnostics, more, resolved)
}

impl<'a> Checker<'a> {
    /// A checker with nothing found yet, keeping the first `keep` warnings
    /// (all with `None`).
    fn new(kbs: &'a [KnowledgeBase], spans: &'a [Spans<'a>], keep: Option<usize>) -> Self {
        Checker {
            kbs,
            spans,
            defs: Defs::default(),
            order: Vec::new(),
            kinds: Vec::new(),
            dense: Vec::new(),
            arg_links: Vec::new(),
            conflict_links: Vec::new(),
            ends: Vec::new(),
            suggester: None,
            entries: source_entries(kbs),
            diags: Collector::new(keep),
        }
    }

    fn span(&self, file: FileId, path: &[Seg<'_>]) -> Option<Loc> {
        self.spans
            .get(file)
            .and_then(|s| s.nearest(path))
            .map(|r| Loc::new(file, r))
    }

    fn def_span(&self, def: Def, field: &'static str) -> Option<Loc> {
        self.span(
            def.file,
            &[
                Seg::Field(def.section()),
                Seg::Index(def.index),
                Seg::Field(field),
            ],
        )
    }

    /// The definition of `id`, if it has a valid one.
    fn def(&self, id: &str) -> Option<Def> {
        self.lookup(id).map(|n| self.def_n(n as usize))
    }

    /// The dense index of `id`'s definition, as stored.
    fn lookup(&self, id: &str) -> Option<u32> {
        self.defs.get(id, |n| self.id(n as usize))
    }

    /// The dense index of `id`'s definition (see `order`).
    fn n(&self, id: &str) -> Option<usize> {
        self.lookup(id).map(|n| n as usize)
    }

    /// The dense index of the node that entry `def` defines, if it is a
    /// definition (its id valid and not taken before).
    fn dense_of(&self, def: Def) -> Option<usize> {
        let n = *self.dense.get(def.file)?[Def::slot(def.kind)].get(def.index)?;
        (n != UNDEFINED).then_some(n as usize)
    }

    /// Every definition's dense index, in report order: by file, then
    /// section name, then position (no sort: the table is in that order).
    fn in_report_order(&self) -> impl Iterator<Item = usize> + '_ {
        let mut kinds = [
            NodeKind::Actor,
            NodeKind::Claim,
            NodeKind::Recommendation,
            NodeKind::Argument,
            NodeKind::Conflict,
        ];
        kinds.sort_by_key(|&kind| {
            Def {
                kind,
                file: 0,
                index: 0,
            }
            .section()
        });
        self.dense.iter().flat_map(move |sections| {
            kinds.into_iter().flat_map(move |kind| {
                sections[Def::slot(kind)]
                    .iter()
                    .filter(|&&n| n != UNDEFINED)
                    .map(|&n| n as usize)
            })
        })
    }

    /// Where a warning `code` about `def`'s `field` goes: `None` when the
    /// node allows it or when it could not be kept (then it is counted).
    /// Where the node's entry begins is looked at first, which reads no
    /// text: of half a million warnings a terminal shows twenty, and only
    /// those that could be among them are placed exactly.
    fn warn_at(
        &mut self,
        allow: &[String],
        code: Code,
        def: Def,
        field: &'static str,
    ) -> Option<Option<Loc>> {
        if allow.iter().any(|a| a == code.name()) {
            return None;
        }
        let entry = [Seg::Field(def.section()), Seg::Index(def.index)];
        let begins = self.spans.get(def.file).and_then(|s| s.bounds(&entry));
        if let Some(begins) = begins
            && !self.diags.may_want(def.file, begins.start)
        {
            self.diags.skip();
            return None;
        }
        let at = self.def_span(def, field);
        self.will_warn(allow, code, at.as_ref()).then_some(at)
    }

    /// Pushes a warning about node `id` unless the node allows it.
    fn warn(&mut self, allow: &[String], d: Diagnostic) {
        if self.will_warn(allow, d.code, d.span.as_ref()) {
            self.diags.push(d);
        }
    }

    /// Whether to build warning `code` at `at` about a node that allows
    /// `allow`: not when the node allows it, nor when it could not be kept
    /// (`Findings::First`; it is counted then). Where a KB can draw one
    /// warning per node, checks ask before formatting it.
    fn will_warn(&mut self, allow: &[String], code: Code, at: Option<&Loc>) -> bool {
        if allow.iter().any(|a| a == code.name()) {
            return false;
        }
        if self.diags.wants(at) {
            return true;
        }
        self.diags.skip();
        false
    }

    /// The claim or recommendation defined as dense index `n`, if it is
    /// one (read through the KB: no table of 10^6 entries).
    fn prop_of(&self, n: usize) -> Option<Prop<'a>> {
        let def = self.def_n(n);
        let kb = &self.kbs[def.file];
        let node = match def.kind {
            NodeKind::Claim => PropNode::Claim(&kb.claims[def.index]),
            NodeKind::Recommendation => PropNode::Recommendation(&kb.recommendations[def.index]),
            _ => return None,
        };
        Some(Prop { def, node })
    }

    /// The id of entry `def`.
    fn id_at(&self, def: Def) -> &'a str {
        let kb = &self.kbs[def.file];
        match def.kind {
            NodeKind::Actor => &kb.actors[def.index].id,
            NodeKind::Claim => &kb.claims[def.index].id,
            NodeKind::Recommendation => &kb.recommendations[def.index].id,
            NodeKind::Argument => &kb.arguments[def.index].id,
            NodeKind::Conflict => &kb.conflicts[def.index].id,
        }
    }

    /// The id of the definition with dense index `n`.
    fn id(&self, n: usize) -> &'a str {
        id_in(self.kbs, &self.order, &self.kinds, n)
    }

    /// The definition with dense index `n`.
    fn def_n(&self, n: usize) -> Def {
        let Place { file, index } = self.order[n];
        Def {
            kind: self.kinds[n],
            file: file as usize,
            index: index as usize,
        }
    }

    fn allowed_of(&self, def: Def) -> &'a [String] {
        let kb = &self.kbs[def.file];
        match def.kind {
            NodeKind::Claim => &kb.claims[def.index].allow,
            NodeKind::Recommendation => &kb.recommendations[def.index].allow,
            _ => &[],
        }
    }
}

fn article(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Actor | NodeKind::Argument => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Conflict;

    /// Generated KBs in two files, with ids defined twice (within a file,
    /// across files, across families), premises and attackers listed
    /// twice, unknown ids and an argument's premise that is its
    /// conclusion.
    fn tangled(seed: u64) -> Vec<KnowledgeBase> {
        let text = |n| crate::model::synth::essay_like(n, seed);
        let mut kbs: Vec<KnowledgeBase> = [text(300), text(120)]
            .iter()
            .map(|t| crate::ron::reader::from_str(t).expect("generated KBs parse"))
            .collect();
        let second = &mut kbs[1];
        second.claims[3].id = "no-such-claim".into();
        let first_claim = second.claims[0].id.clone();
        second.claims[5].id = first_claim.clone();
        if let Some(arg) = second.arguments.first_mut() {
            arg.id = first_claim.clone();
            arg.premises.push(arg.premises[0].clone());
            arg.premises.push("unknown".into());
            arg.premises.push(arg.conclusion.clone());
        }
        if let Some(arg) = second.arguments.get_mut(1) {
            arg.conclusion = "unknown".into();
        }
        // A list past `structure::SHORT_LIST`, with repeats, checked
        // through a set.
        let long: Vec<String> = (0..60)
            .map(|i| kbs[0].claims[i % 23].id.clone())
            .chain(["unknown".to_string()])
            .collect();
        let second = &mut kbs[1];
        second.arguments[2].premises = long;
        let claim = |kb: &KnowledgeBase, i: usize| kb.claims[i].id.clone();
        let (a, b, t) = (claim(&kbs[0], 1), claim(&kbs[1], 2), claim(&kbs[0], 7));
        let conflict = |id: &str, attackers: Vec<String>, target: String| Conflict {
            id: id.into(),
            attackers,
            target,
            scheme: None,
            note: None,
        };
        kbs[1].conflicts = vec![
            conflict("k1", vec![a.clone(), b.clone()], t.clone()),
            conflict("k2", vec![b.clone(), "unknown".into(), b], "k1".into()),
            conflict("k3", vec![a], "k3".into()),
            conflict("k1", vec![t], "unknown".into()),
        ];
        kbs[0].actors[0].id = "bad id".into();
        kbs
    }

    /// The tables that stand in for looking ids up again answer as the
    /// lookups do: an entry's dense index is its id's exactly when it is
    /// the definition, the resolved members and ends are those of the
    /// ids (each member once), and the report order is the sort by file,
    /// section and position.
    #[test]
    fn packed_ends_and_places_give_back_what_they_hold() {
        for ends in [
            [None, None],
            [Some(0), None],
            [None, Some(7)],
            [Some(3), Some(3)],
            [Some(UNDEFINED - 1), Some(0)],
        ] {
            assert_eq!(Ends::new(ends).get(), ends);
        }
        let def = Def {
            kind: NodeKind::Argument,
            file: 2,
            index: 1 << 31,
        };
        let p = Place::of(def);
        assert_eq!((p.file as usize, p.index as usize), (def.file, def.index));
    }

    #[test]
    fn a_kb_with_errors_has_no_resolution_and_a_valid_one_numbers_nodes_in_order() {
        for seed in 1..4 {
            let kbs = tangled(seed);
            assert!(validate_resolved(&kbs, &[], Findings::Errors).2.is_none());
        }
        let texts = [
            crate::sys::input::BUILTIN_KB.to_string(),
            crate::model::synth::essay_like(400, 3),
        ];
        for text in texts {
            let file = crate::sys::input::SourceText::new("t.ron", text);
            let kbs = vec![crate::model::parse::parse(&file, 0).unwrap()];
            let (diagnostics, _, resolved) = validate_resolved(&kbs, &[], Findings::All);
            assert!(!diagnostics.iter().any(Diagnostic::is_error));
            let resolved = resolved.expect("no error");
            // Dense numbers are positions in the sections' order.
            let ids: Vec<&str> = ids::entry_ids(&kbs[0])
                .into_iter()
                .flat_map(|(_, ids)| ids)
                .collect();
            assert_eq!(resolved.nodes(), ids.len());
            let number = |id: &str| ids.iter().position(|&x| x == id).map(|n| n as u32);
            assert_eq!(resolved.relations(0), kbs[0].relations.len());
            for (i, rel) in kbs[0].relations.iter().enumerate() {
                let (_, a, b) = rel.parts();
                assert_eq!(resolved.relation(0, i), [number(a), number(b)]);
            }
            for (i, arg) in kbs[0].arguments.iter().enumerate() {
                let (premises, conclusion) = resolved.argument(0, i);
                let expected: Vec<Option<u32>> = arg.premises.iter().map(|p| number(p)).collect();
                assert_eq!(premises, expected.as_slice());
                assert_eq!(conclusion, number(&arg.conclusion));
            }
        }
    }

    #[test]
    fn dense_tables_agree_with_id_lookups() {
        for seed in 1..6 {
            let kbs = tangled(seed);
            let mut c = Checker::new(&kbs, &[], None);
            c.ids();
            c.arguments();
            c.conflicts();
            let mut defined = 0;
            for (file, kb) in kbs.iter().enumerate() {
                let families = ids::entry_ids(kb);
                for (kind, ids) in families {
                    for (index, id) in ids.into_iter().enumerate() {
                        let def = Def { kind, file, index };
                        let by_id = c.n(id).filter(|&n| {
                            let d = c.def_n(n);
                            (d.kind, d.file, d.index) == (kind, file, index)
                        });
                        assert_eq!(c.dense_of(def), by_id, "seed {seed}: {id}");
                        if let Some(n) = by_id {
                            assert_eq!(c.kinds[n], kind);
                            defined += 1;
                        }
                    }
                }
                let resolve = |ids: &[String]| {
                    let mut firsts: Vec<&String> = Vec::new();
                    for id in ids {
                        if !firsts.contains(&id) {
                            firsts.push(id);
                        }
                    }
                    firsts
                        .into_iter()
                        .map(|id| c.n(id).map(|n| n as u32))
                        .collect::<Vec<_>>()
                };
                for (i, arg) in kb.arguments.iter().enumerate() {
                    let (premises, conclusion) = c.arg_links[file].of(i);
                    assert_eq!(premises, resolve(&arg.premises).as_slice());
                    assert_eq!(conclusion, c.n(&arg.conclusion).map(|n| n as u32));
                }
                for (i, conflict) in kb.conflicts.iter().enumerate() {
                    let (attackers, target) = c.conflict_links[file].of(i);
                    assert_eq!(attackers, resolve(&conflict.attackers).as_slice());
                    assert_eq!(target, c.n(&conflict.target).map(|n| n as u32));
                }
            }
            assert_eq!(defined, c.order.len());
            assert!(defined < kbs.iter().map(KnowledgeBase::node_count).sum::<usize>());
            let mut sorted: Vec<usize> = (0..c.order.len()).collect();
            sorted.sort_by_key(|&n| {
                let d = c.def_n(n);
                (d.file, d.section(), d.index)
            });
            assert_eq!(c.in_report_order().collect::<Vec<_>>(), sorted);
        }
    }
}
