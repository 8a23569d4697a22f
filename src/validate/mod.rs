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

use std::collections::{BTreeSet, HashMap};

use petgraph::algo::kosaraju_scc;

use crate::diagnostic::Code;
use crate::diagnostic::suggest::Suggester;
use crate::diagnostic::{Collector, Diagnostic, FileId, Loc};
use crate::model::grouped::Grouped;
use crate::model::sources::{SourceEntry, source_entries};
use crate::model::{Claim, ClaimKind, KnowledgeBase, NodeKind, Recommendation, RelKind};
use crate::ron::spans::{Seg, SpanIndex};

/// Which kinds of node a relation may start and end at.
pub fn endpoints(kind: RelKind) -> (&'static [NodeKind], &'static [NodeKind]) {
    use NodeKind::*;
    const PROP: &[NodeKind] = &[Claim, Recommendation];
    const ACTOR: &[NodeKind] = &[Actor];
    match kind {
        RelKind::Supports | RelKind::Attacks => (PROP, PROP),
        RelKind::Undercuts => (&[Claim], &[Argument, Conflict]),
        RelKind::Asserts | RelKind::Opposes => (ACTOR, &[Claim, Recommendation, Argument]),
        RelKind::Says => (ACTOR, PROP),
        RelKind::AddressedTo => (&[Recommendation], ACTOR),
        RelKind::About => (PROP, ACTOR),
        RelKind::MemberOf
        | RelKind::Leads
        | RelKind::Represents
        | RelKind::ClientOf
        | RelKind::AllyOf => (ACTOR, ACTOR),
        RelKind::Rephrases => (PROP, PROP),
        RelKind::Prefers => (
            &[Claim, Recommendation, Argument],
            &[Claim, Recommendation, Argument],
        ),
        RelKind::Premise => (PROP, &[Argument, Conflict]),
        RelKind::Conclusion => (&[Argument], PROP),
    }
}

/// The longest id accepted, in bytes: ids are names people type, and every
/// text output can then align them in columns without unbounded padding.
pub const MAX_ID_LEN: usize = 128;

/// An id as messages quote it: cut with an ellipsis past `MAX_ID_LEN`.
pub fn shown_id(id: &str) -> String {
    crate::diagnostic::clip(id, MAX_ID_LEN)
}

/// Whether `id` is a well-formed id: a letter or digit, then letters,
/// digits, `-`, `_`, `.` or `:`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Where a node is defined: its kind (which names its section), its
/// file, and its position in the section.
#[derive(Debug, Clone, Copy)]
struct Def {
    kind: NodeKind,
    file: FileId,
    index: usize,
}

impl Def {
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
    spans: &'a [SpanIndex],
    /// Every valid, first definition of an id, as its position in `order`
    /// (fast hashing: a KB of 10^6 nodes looks ids up millions of times).
    defs: foldhash::HashMap<&'a str, u32>,
    /// The definitions in the order they were made; the rules keep
    /// per-node facts in vectors indexed like this.
    order: Vec<(&'a str, Def)>,
    /// Each relation's ends as dense indices (`None`: not a defined id),
    /// by file then position; resolved once by `relations`.
    ends: Vec<Vec<[Option<u32>; 2]>>,
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
pub fn validate(kbs: &[KnowledgeBase], spans: &[SpanIndex]) -> Vec<Diagnostic> {
    validate_with(kbs, spans, Findings::All)
}

/// `validate`, looking for what `findings` asks. A KB has errors under
/// `Findings::Errors` exactly when it has under `Findings::All`.
pub fn validate_with(
    kbs: &[KnowledgeBase],
    spans: &[SpanIndex],
    findings: Findings,
) -> Vec<Diagnostic> {
    validate_counted(kbs, spans, findings).0
}

/// `validate_with`, and how many warnings were counted but not kept
/// (under `Findings::First`).
pub fn validate_counted(
    kbs: &[KnowledgeBase],
    spans: &[SpanIndex],
    findings: Findings,
) -> (Vec<Diagnostic>, usize) {
    let keep = match findings {
        Findings::First(n) => Some(n),
        Findings::All | Findings::Errors => None,
    };
    let mut c = Checker {
        kbs,
        spans,
        defs: foldhash::HashMap::default(),
        order: Vec::new(),
        ends: Vec::new(),
        suggester: None,
        entries: source_entries(kbs),
        diags: Collector::new(keep),
    };
    c.ids();
    c.texts();
    c.sources();
    // Every claim and recommendation with its fields, listed once.
    let props = c.prop_list();
    c.props(&props);
    c.arguments();
    c.conflicts();
    c.relations();
    c.thesis(findings);
    c.allow_lists(&props);
    if findings != Findings::Errors {
        c.warnings(&props);
    }
    c.diags.finish()
}

impl<'a> Checker<'a> {
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
        self.defs.get(id).map(|&n| self.order[n as usize].1)
    }

    /// The dense index of `id`'s definition (see `order`).
    fn n(&self, id: &str) -> Option<usize> {
        self.defs.get(id).map(|&n| n as usize)
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

    fn allowed_of(&self, def: Def) -> &'a [String] {
        let kb = &self.kbs[def.file];
        match def.kind {
            NodeKind::Claim => &kb.claims[def.index].allow,
            NodeKind::Recommendation => &kb.recommendations[def.index].allow,
            _ => &[],
        }
    }

    fn ids(&mut self) {
        let total: usize = self.kbs.iter().map(KnowledgeBase::node_count).sum();
        self.defs.reserve(total);
        self.order.reserve(total);
        for (file, kb) in self.kbs.iter().enumerate() {
            let families: [(NodeKind, Vec<&'a str>); 5] = [
                (
                    NodeKind::Actor,
                    kb.actors.iter().map(|a| a.id.as_str()).collect(),
                ),
                (
                    NodeKind::Claim,
                    kb.claims.iter().map(|a| a.id.as_str()).collect(),
                ),
                (
                    NodeKind::Recommendation,
                    kb.recommendations.iter().map(|a| a.id.as_str()).collect(),
                ),
                (
                    NodeKind::Argument,
                    kb.arguments.iter().map(|a| a.id.as_str()).collect(),
                ),
                (
                    NodeKind::Conflict,
                    kb.conflicts.iter().map(|c| c.id.as_str()).collect(),
                ),
            ];
            for (kind, ids) in families {
                for (index, id) in ids.into_iter().enumerate() {
                    let def = Def { kind, file, index };
                    let at = self.def_span(def, "id");
                    if id.len() > MAX_ID_LEN {
                        let d = Diagnostic::error(
                            Code::InvalidId,
                            format!("id `{}` is {} bytes long", shown_id(id), id.len()),
                        )
                        .at(at, "too long")
                        .help(format!("ids are at most {MAX_ID_LEN} bytes; use a short name and put the words in `text`"));
                        self.diags.push(d);
                        continue;
                    }
                    if !is_valid_id(id) {
                        let d = Diagnostic::error(Code::InvalidId, format!("`{}` is not a valid id", shown_id(id)))
                            .at(at, "invalid id")
                            .help("ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`, e.g. `china-fed-up`");
                        self.diags.push(d);
                        continue;
                    }
                    if let Some(first) = self.def(id) {
                        let d = Diagnostic::error(
                            Code::DuplicateId,
                            format!("id `{id}` is defined twice"),
                        )
                        .at(at, "defined again here")
                        .related(
                            self.def_span(first, "id"),
                            format!(
                                "first defined here, as {} {}",
                                article(first.kind),
                                first.kind.name()
                            ),
                        )
                        .help("ids are unique across actors, claims, recommendations and arguments, in every file of the KB");
                        self.diags.push(d);
                        continue;
                    }
                    self.defs.insert(id, self.order.len() as u32);
                    self.order.push((id, def));
                }
            }
        }
    }

    fn texts(&mut self) {
        // Only the empty ones are listed, with their paths: a KB of 10^6
        // claims has some 2 * 10^6 texts to look at.
        let mut empty: Vec<(FileId, Vec<Seg<'static>>, bool)> = Vec::new();
        for (file, kb) in self.kbs.iter().enumerate() {
            if let Some(meta) = &kb.meta
                && meta.title.trim().is_empty()
            {
                let path = vec![Seg::Field("meta"), Seg::Field("title")];
                empty.push((file, path, false));
            }
            for (i, o) in kb.omitted.iter().enumerate() {
                if o.para == 0 {
                    let path = vec![Seg::Field("omitted"), Seg::Index(i), Seg::Field("para")];
                    empty.push((file, path, true));
                }
            }
            let mut text = |path: [Seg<'static>; 3], text: &str| {
                if text.trim().is_empty() {
                    empty.push((file, path.to_vec(), false));
                }
            };
            let field = |section, i, name| [Seg::Field(section), Seg::Index(i), Seg::Field(name)];
            for (i, a) in kb.actors.iter().enumerate() {
                text(field("actors", i, "name"), &a.name);
            }
            for (i, c) in kb.claims.iter().enumerate() {
                text(field("claims", i, "text"), &c.text);
                if let Some(q) = &c.quote {
                    text(field("claims", i, "quote"), q);
                }
            }
            for (i, r) in kb.recommendations.iter().enumerate() {
                text(field("recommendations", i, "text"), &r.text);
                if let Some(q) = &r.quote {
                    text(field("recommendations", i, "quote"), q);
                }
            }
            for (i, o) in kb.omitted.iter().enumerate() {
                text(field("omitted", i, "quote"), &o.quote);
                text(field("omitted", i, "reason"), &o.reason);
            }
        }
        for (file, path, is_para) in empty {
            if is_para {
                let d = Diagnostic::error(Code::BadPara, "paragraph numbers start at 1")
                    .at(self.span(file, &path), "paragraph 0")
                    .help("count the body paragraphs of the source from 1");
                self.diags.push(d);
                continue;
            }
            let Some(Seg::Field(name)) = path.last().copied() else {
                continue;
            };
            let d = Diagnostic::error(Code::EmptyText, format!("`{name}` is empty"))
                .at(self.span(file, &path), "empty")
                .help(format!("write the {name}, or remove the entry"));
            self.diags.push(d);
        }
    }

    /// Source ids unique and present where needed; authors are actors.
    fn sources(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        let several = entries.len() > 1;
        let mut seen: HashMap<String, Option<Loc>> = HashMap::new();
        for e in &entries {
            let base: Vec<Seg<'static>> = match e.index {
                None => vec![Seg::Field("meta"), Seg::Field("source")],
                Some(i) => vec![Seg::Field("sources"), Seg::Index(i)],
            };
            let field = |f: &'static str| {
                let mut p = base.clone();
                p.push(Seg::Field(f));
                p
            };
            if several && e.source.id.is_none() {
                let d = Diagnostic::error(
                    Code::MissingSourceId,
                    "with several sources, each needs an `id`",
                )
                .at(self.span(e.file, &base), "this source has none")
                .help(
                    "add `id: \"…\"` and name it in the nodes that come from it: `source: \"…\"`",
                );
                self.diags.push(d);
            } else if let Some(id) = &e.source.id {
                let at = self.span(e.file, &field("id"));
                if !is_valid_id(id) || id.len() > MAX_ID_LEN {
                    let d = Diagnostic::error(Code::InvalidId, format!("`{}` is not a valid id", shown_id(id)))
                        .at(at.clone(), "invalid source id")
                        .help("ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`");
                    self.diags.push(d);
                }
                if let Some(first) = seen.get(id) {
                    let d = Diagnostic::error(
                        Code::DuplicateId,
                        format!("source id `{}` is defined twice", shown_id(id)),
                    )
                    .at(at, "defined again here")
                    .related(first.clone(), "first defined here");
                    self.diags.push(d);
                } else {
                    seen.insert(id.clone(), at);
                }
            }
            if let Some(author) = &e.source.author {
                let path = field("author");
                if let Some(kind) = self.resolve(author, e.file, &path)
                    && kind != NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        format!(
                            "a source's author must be an actor, not {} {}",
                            article(kind),
                            kind.name()
                        ),
                    )
                    .at(self.span(e.file, &path), "not an actor")
                    .help(
                        "add the author to `actors` (kind `Author` or `Person`) and name it here",
                    );
                    self.diags.push(d);
                }
            }
        }
        self.entries = entries;
    }

    /// Every claim and recommendation, with the fields the rules read.
    fn prop_list(&self) -> Vec<Prop<'a>> {
        let total = self
            .kbs
            .iter()
            .map(|kb| kb.claims.len() + kb.recommendations.len())
            .sum();
        let mut out = Vec::with_capacity(total);
        for (file, kb) in self.kbs.iter().enumerate() {
            let def = |kind, index| Def { kind, file, index };
            out.extend(kb.claims.iter().enumerate().map(|(i, c)| Prop {
                def: def(NodeKind::Claim, i),
                node: PropNode::Claim(c),
            }));
            let recs = kb.recommendations.iter().enumerate();
            out.extend(recs.map(|(i, r)| Prop {
                def: def(NodeKind::Recommendation, i),
                node: PropNode::Recommendation(r),
            }));
        }
        out
    }

    /// Provenance and voice of each claim and recommendation, and the
    /// source of each omission.
    fn props(&mut self, prop_list: &[Prop<'a>]) {
        let source_ids: Vec<String> = self.entries.iter().map(|e| e.id.clone()).collect();
        for p in prop_list {
            let at = |c: &Self, f: &'static str| c.def_span(p.def, f);
            if p.para() == Some(0) {
                let d = Diagnostic::error(Code::BadPara, "paragraph numbers start at 1")
                    .at(at(self, "para"), "paragraph 0")
                    .help("count the body paragraphs of the source from 1");
                self.diags.push(d);
            }
            if p.implicit() && p.quote().is_some() {
                let d = Diagnostic::error(
                    Code::ImplicitWithQuote,
                    format!(
                        "{} `{}` is implicit but has a quote",
                        p.def.kind.name(),
                        p.id()
                    ),
                )
                .at(at(self, "quote"), "an implicit premise is not in the text")
                .related(at(self, "implicit"), "marked implicit here")
                .help("remove the quote, or remove `implicit: true` if the text states it");
                self.diags.push(d);
            }
            let anchored = p.quote().is_some() || p.para().is_some();
            self.check_source_ref(
                p.source(),
                anchored,
                p.def.file,
                &[
                    Seg::Field(p.def.section()),
                    Seg::Index(p.def.index),
                    Seg::Field("source"),
                ],
                &source_ids,
            );
            if let Some(speaker) = p.speaker() {
                let path = [
                    Seg::Field(p.def.section()),
                    Seg::Index(p.def.index),
                    Seg::Field("speaker"),
                ];
                if let Some(kind) = self.resolve(speaker, p.def.file, &path)
                    && kind != NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        format!("a speaker must be an actor, not {} {}", article(kind), kind.name()),
                    )
                    .at(self.span(p.def.file, &path), format!("`{}` is {} {}", shown_id(speaker), article(kind), kind.name()))
                    .help("`speaker` names the actor the text reports as saying this; a claim it rests on goes in `Supports`");
                    self.diags.push(d);
                }
            }
        }
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, o) in kb.omitted.iter().enumerate() {
                self.check_source_ref(
                    o.source.as_deref(),
                    true,
                    file,
                    &[Seg::Field("omitted"), Seg::Index(i), Seg::Field("source")],
                    &source_ids,
                );
            }
        }
    }

    /// A node's `source`: it must name a source; with several sources an
    /// anchored node must name one.
    fn check_source_ref(
        &mut self,
        source: Option<&str>,
        anchored: bool,
        file: FileId,
        path: &[Seg<'_>],
        ids: &[String],
    ) {
        match source {
            Some(s) if !ids.iter().any(|i| i == s) => {
                let hint =
                    crate::diagnostic::suggest::did_you_mean(s, ids.iter().map(String::as_str))
                        .map(|b| format!("did you mean `{b}`?"))
                        .unwrap_or_else(|| {
                            if ids.is_empty() {
                                "the KB names no source; add one under `sources` (or `meta.source`)"
                                    .to_string()
                            } else {
                                format!(
                                    "the KB's sources are {}",
                                    ids.iter()
                                        .map(|i| format!("`{i}`"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }
                        });
                let d = Diagnostic::error(
                    Code::UnknownSource,
                    format!("no source has the id `{}`", shown_id(s)),
                )
                .at(self.span(file, path), "unknown source")
                .help(hint);
                self.diags.push(d);
            }
            None if anchored && ids.len() > 1 => {
                let d = Diagnostic::error(
                    Code::AmbiguousSource,
                    "this quote could come from any of the KB's sources",
                )
                .at(self.span(file, &path[..path.len() - 1]), "which source?")
                .help(format!(
                    "add `source: \"…\"`, one of {}",
                    ids.iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                self.diags.push(d);
            }
            _ => {}
        }
    }

    /// Resolves a reference, reporting an unknown id; returns its kind.
    fn resolve(&mut self, id: &str, file: FileId, path: &[Seg<'_>]) -> Option<NodeKind> {
        if let Some(def) = self.def(id) {
            return Some(def.kind);
        }
        let order = &self.order;
        let hint = self
            .suggester
            .get_or_insert_with(|| {
                let mut ids: Vec<&'a str> = order.iter().map(|(id, _)| *id).collect();
                ids.sort_unstable();
                Suggester::new(ids)
            })
            .suggest(id)
            .map(|s| format!("did you mean `{s}`?"));
        let d = Diagnostic::error(
            Code::UnknownId,
            format!("no node has the id `{}`", shown_id(id)),
        )
        .at(self.span(file, path), "unknown id")
        .help_opt(hint);
        self.diags.push(d);
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn check_end(
        &mut self,
        rel: RelKind,
        kind: NodeKind,
        allowed: &[NodeKind],
        id: &str,
        from_end: bool,
        file: FileId,
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
            Code::BadEndpoint,
            format!(
                "`{}` cannot {verb} {} {}",
                rel.ron_name(),
                article(kind),
                kind.name()
            ),
        )
        .at(
            self.span(file, path),
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

    /// The members of an argument (its premises) or a conflict (its
    /// attackers): at least one, each listed once, none the other end.
    /// Gives each member that resolves, once, with its position in the
    /// list and its kind, for the caller's own check of kinds.
    fn members(
        &mut self,
        file: FileId,
        index: usize,
        owner: &str,
        members: &'a [String],
        other_end: &str,
        words: &Members,
    ) -> Vec<(usize, &'a str, NodeKind)> {
        let base = [Seg::Field(words.section), Seg::Index(index)];
        let mut resolved = Vec::new();
        if members.is_empty() {
            let path = [base[0], base[1], Seg::Field(words.list)];
            let d = Diagnostic::error(
                Code::NoPremises,
                format!("{} `{owner}` has no {}", words.owner, words.list),
            )
            .at(self.span(file, &path), "empty")
            .help(words.empty_help);
            self.diags.push(d);
        }
        let mut seen = BTreeSet::new();
        for (j, m) in members.iter().enumerate() {
            let path = [base[0], base[1], Seg::Field(words.list), Seg::Index(j)];
            if !seen.insert(m.as_str()) {
                let d = Diagnostic::error(
                    Code::DuplicateRelation,
                    format!("{} `{}` is listed twice", words.member, shown_id(m)),
                )
                .at(self.span(file, &path), "listed again here");
                self.diags.push(d);
                continue;
            }
            if m == other_end {
                let d = Diagnostic::error(
                    Code::SelfRelation,
                    format!(
                        "`{}` is both {} and the {}",
                        shown_id(m),
                        words.a_member,
                        words.end
                    ),
                )
                .at(self.span(file, &path), words.member)
                .related(
                    self.span(file, &[base[0], base[1], Seg::Field(words.end)]),
                    words.end,
                )
                .help(words.self_help);
                self.diags.push(d);
            }
            if let Some(kind) = self.resolve(m, file, &path) {
                resolved.push((j, m.as_str(), kind));
            }
        }
        resolved
    }

    fn arguments(&mut self) {
        const WORDS: Members = Members {
            section: "arguments",
            owner: "argument",
            list: "premises",
            member: "premise",
            a_member: "a premise",
            end: "conclusion",
            empty_help: "list the claims that together support the conclusion",
            self_help: "a claim cannot support itself",
        };
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, arg) in kb.arguments.iter().enumerate() {
                let base = [Seg::Field("arguments"), Seg::Index(i)];
                for (j, p, kind) in
                    self.members(file, i, &arg.id, &arg.premises, &arg.conclusion, &WORDS)
                {
                    let path = [base[0], base[1], Seg::Field("premises"), Seg::Index(j)];
                    let (from, _) = endpoints(RelKind::Premise);
                    self.check_end(RelKind::Premise, kind, from, p, true, file, &path);
                }
                let path = [base[0], base[1], Seg::Field("conclusion")];
                if let Some(kind) = self.resolve(&arg.conclusion, file, &path) {
                    let (_, to) = endpoints(RelKind::Conclusion);
                    self.check_end(
                        RelKind::Conclusion,
                        kind,
                        to,
                        &arg.conclusion,
                        false,
                        file,
                        &path,
                    );
                }
            }
        }
    }

    /// Named conflicts: attackers (claims or recommendations, each once,
    /// none the target) and a target that is a claim, recommendation,
    /// argument or another conflict.
    fn conflicts(&mut self) {
        const WORDS: Members = Members {
            section: "conflicts",
            owner: "conflict",
            list: "attackers",
            member: "attacker",
            a_member: "an attacker",
            end: "target",
            empty_help: "list the claims that together attack the target",
            self_help: "a claim cannot attack itself",
        };
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, conflict) in kb.conflicts.iter().enumerate() {
                let base = [Seg::Field("conflicts"), Seg::Index(i)];
                let target_path = [base[0], base[1], Seg::Field("target")];
                let attackers = self.members(
                    file,
                    i,
                    &conflict.id,
                    &conflict.attackers,
                    &conflict.target,
                    &WORDS,
                );
                for (j, a, kind) in attackers {
                    let path = [base[0], base[1], Seg::Field("attackers"), Seg::Index(j)];
                    if !matches!(kind, NodeKind::Claim | NodeKind::Recommendation) {
                        let d = Diagnostic::error(
                            Code::BadEndpoint,
                            format!(
                                "a conflict's attacker must be a claim or a recommendation, not {} {}",
                                article(kind),
                                kind.name()
                            ),
                        )
                        .at(
                            self.span(file, &path),
                            format!("`{}` is {} {}", shown_id(a), article(kind), kind.name()),
                        )
                        .help(match kind {
                            NodeKind::Actor => "list what the actor claims; the actor holds it with `Asserts(actor, claim)`",
                            _ => "list the claims the attack rests on",
                        });
                        self.diags.push(d);
                    }
                }
                if conflict.target == conflict.id {
                    let d = Diagnostic::error(
                        Code::SelfRelation,
                        format!("conflict `{}` targets itself", shown_id(&conflict.id)),
                    )
                    .at(self.span(file, &target_path), "its own id")
                    .help("a conflict attacks another node");
                    self.diags.push(d);
                } else if let Some(kind) = self.resolve(&conflict.target, file, &target_path)
                    && kind == NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        "a conflict cannot target an actor".to_string(),
                    )
                    .at(
                        self.span(file, &target_path),
                        format!("`{}` is an actor", shown_id(&conflict.target)),
                    )
                    .help("a conflict attacks a claim, a recommendation, an argument or another conflict; an actor rejects a claim with `Opposes(actor, claim)`");
                    self.diags.push(d);
                }
            }
        }
    }

    fn relations(&mut self) {
        // Where each relation was first stated: by its ends' dense
        // indices (one u64 key), or by the ids where an end is unknown.
        let total: usize = self.kbs.iter().map(|kb| kb.relations.len()).sum();
        let mut seen_unknown: foldhash::HashMap<(RelKind, &str, &str), (FileId, usize)> =
            foldhash::HashMap::default();
        self.ends = self
            .kbs
            .iter()
            .map(|kb| {
                let end = |id: &str| self.defs.get(id).copied();
                kb.relations
                    .iter()
                    .map(|rel| {
                        let (_, a, b) = rel.parts();
                        [end(a), end(b)]
                    })
                    .collect()
            })
            .collect();
        // Relations between defined nodes stated more than once: sorted by
        // kind and ends, the first of each run (by file, then position) is
        // the first statement. Sorting 16-byte keys once takes a quarter
        // of the memory of a hash map of them at 10^6 relations.
        let mut keyed: Vec<(RelKind, u32, u32, u32, u32)> = Vec::with_capacity(total);
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (i, (rel, ends)) in kb.relations.iter().zip(ends).enumerate() {
                // A node related to itself is an error of its own.
                if let [Some(a), Some(b)] = *ends
                    && a != b
                {
                    keyed.push((rel.parts().0, a, b, file as u32, i as u32));
                }
            }
        }
        keyed.sort_unstable();
        let mut first_of: foldhash::HashMap<(FileId, usize), (FileId, usize)> =
            foldhash::HashMap::default();
        for run in keyed.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
            let first = (run[0].3 as FileId, run[0].4 as usize);
            for again in &run[1..] {
                first_of.insert((again.3 as FileId, again.4 as usize), first);
            }
        }
        drop(keyed);
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, rel) in kb.relations.iter().enumerate() {
                let (kind, from, to) = rel.parts();
                let whole = [Seg::Field("relations"), Seg::Index(i)];
                let from_path = [whole[0], whole[1], Seg::Index(0)];
                let to_path = [whole[0], whole[1], Seg::Index(1)];
                if from == to {
                    let d = Diagnostic::error(
                        Code::SelfRelation,
                        format!("`{}` is related to itself", shown_id(from)),
                    )
                    .at(
                        self.span(file, &whole),
                        format!("`{}` from a node to itself", kind.ron_name()),
                    )
                    .help("a relation joins two different nodes");
                    self.diags.push(d);
                    continue;
                }
                let [a, b] = self.ends[file][i];
                let known = a.is_some() && b.is_some();
                let first = if known {
                    first_of.get(&(file, i)).copied()
                } else {
                    seen_unknown.insert((kind, from, to), (file, i))
                };
                if let Some((first_file, first)) = first {
                    let d = Diagnostic::error(
                        Code::DuplicateRelation,
                        format!(
                            "`{}({:?}, {:?})` is stated twice",
                            kind.ron_name(),
                            shown_id(from),
                            shown_id(to)
                        ),
                    )
                    .at(self.span(file, &whole), "stated again here")
                    .related(
                        self.span(first_file, &[whole[0], Seg::Index(first)]),
                        "first stated here",
                    )
                    .help("remove one of them");
                    self.diags.push(d);
                    // The first statement stays the one to point at.
                    if !known {
                        seen_unknown.insert((kind, from, to), (first_file, first));
                    }
                    continue;
                }
                let (from_ok, to_ok) = endpoints(kind);
                let kind_of = |c: &mut Self, n: Option<u32>, id: &str, path: &[Seg<'_>]| match n {
                    Some(n) => Some(c.order[n as usize].1.kind),
                    None => c.resolve(id, file, path),
                };
                if let Some(k) = kind_of(self, a, from, &from_path) {
                    self.check_end(kind, k, from_ok, from, true, file, &from_path);
                }
                if let Some(k) = kind_of(self, b, to, &to_path) {
                    self.check_end(kind, k, to_ok, to, false, file, &to_path);
                }
            }
        }
    }

    /// Argumentative edges into each defined node (supports, attacks,
    /// undercuts, and an argument's premises and conclusion), over every
    /// file, by dense index. Edges with an unknown end are left out (they
    /// are errors already).
    fn incoming(&self) -> Grouped<u32> {
        // (to, from) pairs, grouped by target: one table instead of 10^6
        // small vectors.
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let mut add = |a: Option<u32>, b: Option<u32>| {
            if let (Some(a), Some(b)) = (a, b) {
                edges.push((b, a));
            }
        };
        let n = |id: &str| self.defs.get(id).copied();
        for (kb, ends) in self.kbs.iter().zip(&self.ends) {
            for (rel, &[a, b]) in kb.relations.iter().zip(ends) {
                if matches!(
                    rel.parts().0,
                    RelKind::Supports | RelKind::Attacks | RelKind::Undercuts
                ) {
                    add(a, b);
                }
            }
            for arg in &kb.arguments {
                let id = n(&arg.id);
                add(id, n(&arg.conclusion));
                for p in &arg.premises {
                    add(n(p), id);
                }
            }
            for conflict in &kb.conflicts {
                let id = n(&conflict.id);
                add(id, n(&conflict.target));
                for a in &conflict.attackers {
                    add(n(a), id);
                }
            }
        }
        let pairs = edges.iter().map(|&(to, from)| (to as usize, from));
        Grouped::new(self.order.len(), pairs)
    }

    /// Each file's thesis: a claim or recommendation that the file's other
    /// claims and recommendations lead to.
    fn thesis(&mut self, findings: Findings) {
        let mut into = None;
        for (file, kb) in self.kbs.iter().enumerate() {
            let Some(thesis) = kb.meta.as_ref().and_then(|m| m.thesis.as_deref()) else {
                continue;
            };
            let path = [Seg::Field("meta"), Seg::Field("thesis")];
            let Some(kind) = self.resolve(thesis, file, &path) else {
                continue;
            };
            if !matches!(kind, NodeKind::Claim | NodeKind::Recommendation) {
                let d = Diagnostic::error(
                    Code::BadEndpoint,
                    format!(
                        "the thesis must be a claim or a recommendation, not {} {}",
                        article(kind),
                        kind.name()
                    ),
                )
                .at(self.span(file, &path), "not a claim or recommendation");
                self.diags.push(d);
                continue;
            }
            let Some(start) = self.n(thesis) else {
                continue;
            };
            if findings == Findings::Errors {
                continue;
            }
            // Walk argumentative edges backwards from the thesis: whatever
            // is reached leads to it.
            let into = into.get_or_insert_with(|| self.incoming());
            let mut reached = vec![false; self.order.len()];
            reached[start] = true;
            let mut stack = vec![start];
            while let Some(n) = stack.pop() {
                for &m in into.of(n) {
                    let m = m as usize;
                    if !reached[m] {
                        reached[m] = true;
                        stack.push(m);
                    }
                }
            }
            let mut off: Vec<(&str, Def)> = self
                .order
                .iter()
                .zip(&reached)
                .filter(|((_, def), reached)| {
                    def.file == file
                        && matches!(def.kind, NodeKind::Claim | NodeKind::Recommendation)
                        && !**reached
                })
                .map(|(entry, _)| *entry)
                .collect();
            off.sort_by_key(|(_, d)| (d.section(), d.index));
            for (id, def) in off {
                let at = self.def_span(def, "id");
                if !self.will_warn(self.allowed_of(def), Code::OffThesis, at.as_ref()) {
                    continue;
                }
                let d = Diagnostic::warning(
                    Code::OffThesis,
                    format!(
                        "{} `{id}` does not lead to the thesis `{thesis}`",
                        def.kind.name()
                    ),
                )
                .at(
                    at,
                    "no chain of support, attack or undercut from here to the thesis",
                )
                .help("connect it to the argument, or allow it on the node: `allow: [\"off-thesis\"]`");
                self.diags.push(d);
            }
        }
    }

    fn warnings(&mut self, prop_list: &[Prop<'a>]) {
        // Facts per defined node, by dense index; ends that are unknown ids
        // are errors already and are left out.
        let count = self.order.len();
        let mut touched = vec![false; count];
        let mut supported = vec![false; count];
        let mut addressed = vec![false; count];
        let mut held = vec![false; count];
        let mut support: petgraph::Graph<(), (), petgraph::Directed, u32> =
            petgraph::Graph::with_capacity(count, count);
        for _ in 0..count {
            support.add_node(());
        }
        let mut support_edge = |a: Option<usize>, b: Option<usize>| {
            if let (Some(a), Some(b)) = (a, b) {
                support.add_edge((a as u32).into(), (b as u32).into(), ());
            }
        };
        for (kb, ends) in self.kbs.iter().zip(&self.ends) {
            for (rel, [a, b]) in kb.relations.iter().zip(ends) {
                let kind = rel.parts().0;
                let (a, b) = (a.map(|n| n as usize), b.map(|n| n as usize));
                for n in [a, b].into_iter().flatten() {
                    touched[n] = true;
                }
                match kind {
                    RelKind::AddressedTo => {
                        if let Some(a) = a {
                            addressed[a] = true;
                        }
                    }
                    RelKind::Supports => {
                        if let Some(b) = b {
                            supported[b] = true;
                        }
                        support_edge(a, b);
                    }
                    RelKind::Asserts | RelKind::Opposes => {
                        if let Some(b) = b {
                            held[b] = true;
                        }
                    }
                    _ => {}
                }
            }
            for arg in &kb.arguments {
                let (id, conclusion) = (self.n(&arg.id), self.n(&arg.conclusion));
                for n in [id, conclusion].into_iter().flatten() {
                    touched[n] = true;
                }
                if let Some(c) = conclusion {
                    supported[c] = true;
                }
                support_edge(id, conclusion);
                for p in &arg.premises {
                    let p = self.n(p);
                    if let Some(p) = p {
                        touched[p] = true;
                    }
                    support_edge(p, id);
                }
            }
            for conflict in &kb.conflicts {
                let ends = conflict
                    .attackers
                    .iter()
                    .chain([&conflict.id, &conflict.target]);
                for n in ends.filter_map(|id| self.n(id)) {
                    touched[n] = true;
                }
            }
        }
        // The last use of the sources: take them.
        let entries = std::mem::take(&mut self.entries);
        let only = (entries.len() == 1).then(|| entries[0].id.as_str());
        // Speaking in the text, or being a source's author, is taking part.
        let speakers = self.kbs.iter().flat_map(|kb| {
            let claims = kb.claims.iter().map(|c| c.speaker.as_deref());
            claims.chain(kb.recommendations.iter().map(|r| r.speaker.as_deref()))
        });
        let authors = entries.iter().map(|e| e.source.author.as_deref());
        for n in authors
            .chain(speakers)
            .flatten()
            .filter_map(|id| self.n(id))
        {
            touched[n] = true;
        }
        // Each source's author, by source id (the first source of an id).
        let mut authors: HashMap<&str, Option<&str>> = HashMap::new();
        for e in &entries {
            authors
                .entry(e.id.as_str())
                .or_insert(e.source.author.as_deref());
        }
        let author_of = |source: Option<&str>| authors.get(source.or(only)?).copied().flatten();
        // Each defined claim's and recommendation's fields, by dense index
        // (a prop whose id is a duplicate is not the definition).
        let mut props: Vec<Option<&Prop<'a>>> = vec![None; count];
        for p in prop_list {
            if let Some(n) = self.n(p.id())
                && (
                    self.order[n].1.file,
                    self.order[n].1.section(),
                    self.order[n].1.index,
                ) == (p.def.file, p.def.section(), p.def.index)
            {
                props[n] = Some(p);
            }
        }
        let mut defs: Vec<usize> = (0..count).collect();
        defs.sort_by_key(|&n| {
            let d = self.order[n].1;
            (d.file, d.section(), d.index)
        });
        for n in defs {
            let (id, def) = self.order[n];
            let at = self.def_span(def, "id");
            let allow = self.allowed_of(def);
            if !touched[n] && props[n].is_none_or(|p| p.speaker().is_none()) {
                let d = Diagnostic::warning(
                    Code::Isolated,
                    format!("{} `{id}` takes part in no relation", def.kind.name()),
                )
                .at(at, "not connected")
                .help("connect it with a relation, or remove it");
                self.warn(allow, d);
                continue;
            }
            if def.kind == NodeKind::Recommendation && !supported[n] {
                let d = Diagnostic::warning(
                    Code::Unsupported,
                    format!("recommendation `{id}` has no support"),
                )
                .at(at.clone(), "nothing supports this")
                .help(format!(
                    "add `Supports(\"<claim>\", \"{id}\")` or an argument that concludes it"
                ));
                self.warn(allow, d);
            }
            if def.kind == NodeKind::Recommendation && !addressed[n] {
                let d = Diagnostic::warning(
                    Code::Unaddressed,
                    format!("recommendation `{id}` is addressed to no one"),
                )
                .at(at.clone(), "who is to act?")
                .help(format!("add `AddressedTo(\"{id}\", \"<actor>\")`"));
                self.warn(allow, d);
            }
            let Some(p) = props[n] else {
                continue;
            };
            let author = author_of(p.source());
            let has_source = p.source().is_some() || only.is_some();
            let holder = held[n];
            // A goal is someone's: it needs a holder of its own. Any other
            // claim of a text is at least its author's or speaker's words.
            let unattributed = if p.goal() {
                !holder
            } else {
                has_source && !holder && p.speaker().is_none() && author.is_none()
            };
            if unattributed && self.will_warn(allow, Code::Unattributed, at.as_ref()) {
                let (msg, help) = if p.goal() {
                    (
                        format!("goal `{id}` is nobody's"),
                        format!("say whose goal it is: `Asserts(\"<actor>\", \"{id}\")`"),
                    )
                } else {
                    (
                        format!("{} `{id}` is held or said by no one", def.kind.name()),
                        format!(
                            "name the source's author (`author: \"<actor>\"` in its `Source`), a `speaker`, or a holder: `Asserts(\"<actor>\", \"{id}\")`"
                        ),
                    )
                };
                let d = Diagnostic::warning(Code::Unattributed, msg)
                    .at(at.clone(), "whose words are these?")
                    .help(help);
                self.diags.push(d);
            }
            let reported = p.speaker().is_some_and(|s| Some(s) != author);
            if reported && !p.has_stance() {
                let d = Diagnostic::warning(
                    Code::UnplacedReport,
                    format!(
                        "`{id}` reports what `{}` says, but not where the author stands",
                        p.speaker().unwrap_or_default()
                    ),
                )
                .at(self.def_span(def, "speaker"), "reported speech")
                .help("add `stance: Endorses`, `Concedes`, `Rejects` or `Relays`");
                self.warn(allow, d);
            }
        }
        // Per node: Some(true) endorsed by its author, Some(false) conceded
        // or rejected, None otherwise (relayed, no author, not a claim).
        let side: Vec<Option<bool>> = (0..count)
            .map(|n| {
                let p = props[n]?;
                let author = author_of(p.source())?;
                match p.stance() {
                    Some(crate::model::Stance::Concedes | crate::model::Stance::Rejects) => {
                        Some(false)
                    }
                    Some(crate::model::Stance::Relays) => None,
                    Some(crate::model::Stance::Endorses) | None => {
                        p.speaker().is_none_or(|s| s == author).then_some(true)
                    }
                }
            })
            .collect();
        self.unresolved(&props, &side);
        // Kosaraju's search is iterative: a chain of 10^6 supports cannot
        // overflow the stack. Most KBs have no cycle at all, which a
        // topological sort (one pass) shows; only then are the components
        // looked for.
        let cycles = if petgraph::algo::toposort(&support, None).is_ok() {
            Vec::new()
        } else {
            kosaraju_scc(&support)
        };
        for scc in cycles {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<&str> =
                scc.into_iter().map(|ix| self.order[ix.index()].0).collect();
            members.sort_unstable();
            let first = members[0];
            let def = self.def(first);
            let span = def.and_then(|def| self.def_span(def, "id"));
            let allow = def.map(|d| self.allowed_of(d)).unwrap_or_default();
            let d = Diagnostic::warning(Code::SupportCycle, format!("support runs in a cycle through {}", members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")))
                .at(span, "part of the cycle")
                .help("circular support proves nothing; break the cycle or model the mutual dependence as linked premises");
            self.warn(allow, d);
        }
    }

    /// `unresolved-conflict`: a node its source's author endorses, attacked
    /// by one the author concedes or rejects, where nothing settles the
    /// attack: no `Prefers(target, attacker)`, and no attack or undercut
    /// on the attacker (on a named conflict: on it or one of its
    /// attackers) from a node the author endorses. Left so, the author's
    /// own verdict is missing from the map and `eval` leaves the target
    /// out or undecided.
    fn unresolved(&mut self, props: &[Option<&Prop<'a>>], side: &[Option<bool>]) {
        use crate::model::Stance;
        let count = self.order.len();
        if !side.contains(&Some(false)) {
            return;
        }
        let mut prefers: std::collections::HashSet<(usize, usize)> = Default::default();
        // Who attacks or undercuts each node, and each conflict's attackers.
        let mut against: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut attackers_of: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (kb, ends) in self.kbs.iter().zip(&self.ends) {
            for (rel, [a, b]) in kb.relations.iter().zip(ends) {
                let (Some(a), Some(b)) = (a.map(|n| n as usize), b.map(|n| n as usize)) else {
                    continue;
                };
                match rel.parts().0 {
                    RelKind::Prefers => {
                        prefers.insert((a, b));
                    }
                    RelKind::Attacks | RelKind::Undercuts => against[b].push(a),
                    _ => {}
                }
            }
            for c in &kb.conflicts {
                if let Some(k) = self.n(&c.id) {
                    attackers_of[k] = c.attackers.iter().filter_map(|a| self.n(a)).collect();
                }
            }
        }
        // Answered by an endorsed node other than the target (a mutual
        // attack alone settles nothing).
        let countered =
            |x: usize, t: usize| against[x].iter().any(|&y| y != t && side[y] == Some(true));
        // (file, relation index or conflict index, is a conflict, attacker, target)
        let mut found: Vec<(FileId, usize, bool, usize, usize)> = Vec::new();
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (i, (rel, [a, b])) in kb.relations.iter().zip(ends).enumerate() {
                let (Some(a), Some(b)) = (a.map(|n| n as usize), b.map(|n| n as usize)) else {
                    continue;
                };
                if rel.parts().0 == RelKind::Attacks
                    && side[b] == Some(true)
                    && side[a] == Some(false)
                    && !prefers.contains(&(b, a))
                    && !countered(a, b)
                {
                    found.push((file, i, false, a, b));
                }
            }
            for (i, c) in kb.conflicts.iter().enumerate() {
                let (Some(k), Some(t)) = (self.n(&c.id), self.n(&c.target)) else {
                    continue;
                };
                let members = &attackers_of[k];
                if side[t] == Some(true)
                    && members.iter().any(|&a| side[a] == Some(false))
                    && !prefers.contains(&(t, k))
                    && !members.iter().any(|&a| prefers.contains(&(t, a)))
                    && !countered(k, t)
                    && !members.iter().any(|&a| countered(a, t))
                {
                    found.push((file, i, true, k, t));
                }
            }
        }
        for (file, i, conflict, a, b) in found {
            let (aid, bid) = (self.order[a].0, self.order[b].0);
            let allow = self
                .def(bid)
                .map(|d| self.allowed_of(d))
                .unwrap_or_default();
            let path = if conflict {
                [Seg::Field("conflicts"), Seg::Index(i)]
            } else {
                [Seg::Field("relations"), Seg::Index(i)]
            };
            let at = self.span(file, &path);
            if !self.will_warn(allow, Code::UnresolvedConflict, at.as_ref()) {
                continue;
            }
            let stance = |n: usize| match props[n].and_then(|p| p.stance()) {
                Some(Stance::Concedes) => "concedes",
                _ => "rejects",
            };
            let what = if conflict {
                let attacker = attackers_of[a]
                    .iter()
                    .find(|&&x| side[x] == Some(false))
                    .copied()
                    .unwrap_or(a);
                (self.order[attacker].0, attacker)
            } else {
                (aid, a)
            };
            let d = Diagnostic::warning(
                Code::UnresolvedConflict,
                format!(
                    "`{}` (the author {}) attacks `{}` (the author endorses), and nothing settles it",
                    shown_id(what.0),
                    stance(what.1),
                    shown_id(bid)
                ),
            )
            .at(at, "an unsettled attack on the author's own claim")
            .related(
                self.def(what.0).and_then(|d| self.def_span(d, "id")),
                format!("the author {} this", stance(what.1)),
            )
            .related(
                self.def(bid).and_then(|d| self.def_span(d, "id")),
                "the author endorses this",
            )
            .help(format!(
                "say how the author settles it: `Prefers(\"{}\", \"{}\")` when the author outweighs or overrules it, or an attack or undercut on `{}` from the author's answer",
                shown_id(bid),
                shown_id(what.0),
                shown_id(aid)
            ));
            self.diags.push(d);
        }
    }

    /// Unknown names in `allow` lists (errors).
    fn allow_lists(&mut self, prop_list: &[Prop<'a>]) {
        for p in prop_list {
            for (j, a) in p.allow().iter().enumerate() {
                if !Code::warnings().any(|w| w.name() == a) {
                    let names = || Code::warnings().map(Code::name);
                    let hint = crate::diagnostic::suggest::did_you_mean(a, names())
                        .map(|b| format!("did you mean `{b}`?"))
                        .unwrap_or_else(|| {
                            format!(
                                "warnings that can be allowed: {}",
                                names().collect::<Vec<_>>().join(", ")
                            )
                        });
                    let d = Diagnostic::error(
                        Code::UnknownWarning,
                        format!("`{a}` is not a warning argkb gives"),
                    )
                    .at(
                        self.span(
                            p.def.file,
                            &[
                                Seg::Field(p.def.section()),
                                Seg::Index(p.def.index),
                                Seg::Field("allow"),
                                Seg::Index(j),
                            ],
                        ),
                        "unknown warning",
                    )
                    .help(hint);
                    self.diags.push(d);
                }
            }
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
        (RelKind::Supports | RelKind::Attacks, NodeKind::Conflict, _) => {
            "a named conflict takes part through its `attackers` and `target`; dispute it with `Undercuts(claim, conflict)`"
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
        (RelKind::Asserts | RelKind::Opposes, NodeKind::Actor, false) => {
            "an actor holds claims, recommendations or arguments; between actors use `AllyOf`, `MemberOf`, `Leads`, `Represents` or `ClientOf`"
        }
        _ => return None,
    };
    Some(h.to_string())
}
