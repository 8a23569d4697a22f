//! The RDF view of a KB: which triples a node, a relation and a source
//! become, under which IRIs (docs/RDF.md is the reference).
//!
//! Claims and recommendations are AIF I-nodes, arguments AIF RA-nodes with
//! `aif:Premise` and `aif:Conclusion` links (so linked premises and
//! undercuts survive), and every other relation is one triple whose
//! predicate is the relation's name in the argkb vocabulary
//! (`kb:a argkb:supports kb:b`). Data IRIs are the KB's ids under a base
//! IRI, percent-encoded by `iri_segment`, the one function here that puts
//! user text into an IRI; literals go through oxrdf, whose serialisers do
//! all escaping. Every quad is produced in a fixed order (sources, then
//! nodes by id, then relations by source, kind and target), so the same
//! KB gives the same RDF byte for byte.

pub mod disk;
pub mod push;
pub mod remote;
pub mod sparql;

use std::collections::HashMap;
use std::fmt::Write as _;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::graph::select::Selection;
use crate::graph::{ArgGraph, Edge, Node, OmissionEntry};
use crate::model::sources::SourceEntry;
use crate::model::{NodeKind, RelKind};

/// The argkb vocabulary: classes and properties for what AIF has no term for.
pub const ARGKB: &str = "https://w3id.org/argkb/ns#";
/// The AIF ontology's namespace (Rahwan, Reed et al.; the AIF 2011 spec).
pub const AIF: &str = "http://www.arg.dundee.ac.uk/aif#";
/// Dublin Core terms, for the sources' bibliographic fields.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// The default base of data IRIs: `kb:china-fed-up` is `<BASE>china-fed-up`.
pub const DEFAULT_BASE: &str = "https://w3id.org/argkb/kb/";

/// The prefixes every serialisation declares and every SPARQL query may
/// use without declaring them, with `kb` bound to the data base.
pub fn prefixes(base: &Base) -> Vec<(&'static str, String)> {
    vec![
        ("aif", AIF.to_string()),
        ("argkb", ARGKB.to_string()),
        ("dcterms", DCTERMS.to_string()),
        ("kb", base.0.clone()),
        ("src", format!("{}source/", base.0)),
        (
            "rdf",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#".to_string(),
        ),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#".to_string()),
        ("xsd", "http://www.w3.org/2001/XMLSchema#".to_string()),
    ]
}

/// A checked base IRI for data: absolute, ending in `/` or `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Default for Base {
    fn default() -> Self {
        Base(DEFAULT_BASE.to_string())
    }
}

impl Base {
    /// `iri` if it is an absolute IRI that ends in `/` or `#`.
    pub fn new(iri: &str) -> Result<Base, String> {
        if !(iri.ends_with('/') || iri.ends_with('#')) {
            return Err(format!(
                "the base IRI `{iri}` must end in `/` or `#`, so that ids can follow it"
            ));
        }
        NamedNode::new(iri).map_err(|e| format!("`{iri}` is not an absolute IRI: {e}"))?;
        Ok(Base(iri.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The IRI of the node with KB id `id`.
    pub fn node(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}", self.0, iri_segment(id)))
    }

    /// The IRI of the source with id `id` (also the name of its graph in
    /// N-Quads). Node ids never hold a raw `/`, so no node can share it.
    pub fn source(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}source/{}", self.0, iri_segment(id)))
    }

    /// The IRI of the KB itself.
    pub fn kb(&self) -> NamedNode {
        NamedNode::new_unchecked(self.0.clone())
    }
}

/// `s` as one IRI path segment: the unreserved characters of RFC 3987
/// (letters, digits, `-._~`, and non-ASCII letters outside the private and
/// special ranges) and `:`/`@` stay; every other byte of the UTF-8
/// encoding becomes `%XX`. Distinct strings give distinct segments, and
/// the segment never holds `/`, `?` or `#`.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~' | ':' | '@')
            || (!c.is_ascii() && is_ucschar(c));
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// RFC 3987's `ucschar`: the non-ASCII characters an IRI may hold as they
/// are.
fn is_ucschar(c: char) -> bool {
    matches!(u32::from(c),
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
        | 0x10000..=0x1FFFD | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD
        | 0x40000..=0x4FFFD | 0x50000..=0x5FFFD | 0x60000..=0x6FFFD
        | 0x70000..=0x7FFFD | 0x80000..=0x8FFFD | 0x90000..=0x9FFFD
        | 0xA0000..=0xAFFFD | 0xB0000..=0xBFFFD | 0xC0000..=0xCFFFD
        | 0xD0000..=0xDFFFD | 0xE1000..=0xEFFFD)
        // Bidirectional controls are ucschar but would make an IRI display
        // in a misleading order; they are encoded.
        && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A term of the argkb vocabulary.
pub fn argkb(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ARGKB}{local}"))
}

/// A term of the AIF ontology.
pub fn aif(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{AIF}{local}"))
}

fn dcterms(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DCTERMS}{local}"))
}

/// The predicate of a relation kind: its snake_case name in lower camel
/// case (`addressed_to` → `argkb:addressedTo`).
pub fn predicate(kind: RelKind) -> NamedNode {
    match kind {
        RelKind::Premise => aif("Premise"),
        RelKind::Conclusion => aif("Conclusion"),
        RelKind::Says => argkb("speaker"),
        _ => {
            let mut local = String::new();
            let mut upper = false;
            for c in kind.name().chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    local.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    local.push(c);
                }
            }
            argkb(&local)
        }
    }
}

/// Where quads go: every quad in the default graph (Turtle, N-Triples) or
/// each in the graph of the source it comes from (N-Quads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Graphs {
    Default,
    PerSource,
}

/// Calls `emit` with every quad of the selection, in a fixed order.
///
/// With `Graphs::PerSource`, a claim's or recommendation's triples go in
/// its source's graph, an argument's in its conclusion's, a relation's in
/// its first end's (else its second's), and actors, sources and the KB's
/// own description in the default graph.
pub fn quads<E>(
    graph: &ArgGraph,
    sel: &Selection<'_>,
    base: &Base,
    graphs: Graphs,
    emit: &mut dyn FnMut(Quad) -> Result<(), E>,
) -> Result<(), E> {
    let mut w = Writer {
        base,
        graphs,
        emit,
        graph_name: GraphName::DefaultGraph,
    };
    w.kb(graph)?;
    for s in &graph.sources {
        w.source(s)?;
    }
    for (i, o) in graph.omitted.iter().enumerate() {
        w.omission(i, o)?;
    }
    // Each relation is written after the fields of its triple's subject,
    // so that Turtle groups a node's triples under one subject.
    let mut about: HashMap<&str, Vec<&Edge<'_>>> = HashMap::new();
    for e in &sel.edges {
        about.entry(subject_of(e)).or_default().push(e);
    }
    for n in &sel.nodes {
        w.graph_name = w.home(graph, n);
        w.node(graph, n)?;
        for e in about.remove(n.id()).unwrap_or_default() {
            w.graph_name = w.edge_home(graph, e);
            w.edge(graph, e)?;
        }
    }
    debug_assert!(about.is_empty(), "a selected edge has an unselected end");
    Ok(())
}

/// The id of the node a relation's triple is about: the argument of a
/// premise edge, the claim of a speaker edge, else the relation's source.
fn subject_of<'g>(e: &Edge<'g>) -> &'g str {
    match e.kind {
        RelKind::Premise | RelKind::Says => e.target,
        _ => e.source,
    }
}

struct Writer<'a, E> {
    base: &'a Base,
    graphs: Graphs,
    emit: &'a mut dyn FnMut(Quad) -> Result<(), E>,
    graph_name: GraphName,
}

impl<E> Writer<'_, E> {
    fn put(
        &mut self,
        s: impl Into<NamedOrBlankNode>,
        p: NamedNode,
        o: impl Into<Term>,
    ) -> Result<(), E> {
        (self.emit)(Quad::new(s, p, o, self.graph_name.clone()))
    }

    fn text(&mut self, s: &NamedNode, p: NamedNode, o: &str) -> Result<(), E> {
        self.put(s.clone(), p, Literal::new_simple_literal(o))
    }

    /// The graph a node's triples go in.
    fn home(&self, graph: &ArgGraph, n: &Node) -> GraphName {
        if self.graphs == Graphs::Default {
            return GraphName::DefaultGraph;
        }
        let source = match n {
            Node::Argument(a) => graph.node(&a.conclusion).and_then(|c| c.source()),
            Node::Conflict(c) => graph.node(&c.target).and_then(|t| t.source()),
            other => other.source(),
        };
        source.map_or(GraphName::DefaultGraph, |s| self.base.source(s).into())
    }

    fn edge_home(&self, graph: &ArgGraph, e: &Edge<'_>) -> GraphName {
        let of = |id: &str| graph.node(id).map(|n| self.home(graph, n));
        match (of(e.source), of(e.target)) {
            (Some(g @ GraphName::NamedNode(_)), _) | (_, Some(g)) => g,
            _ => GraphName::DefaultGraph,
        }
    }

    fn kb(&mut self, graph: &ArgGraph) -> Result<(), E> {
        let kb = self.base.kb();
        self.put(kb.clone(), rdf::TYPE.into(), argkb("KnowledgeBase"))?;
        self.text(&kb, dcterms("title"), &graph.meta.title)?;
        if let Some(notes) = &graph.meta.notes {
            self.text(&kb, rdfs::COMMENT.into(), notes)?;
        }
        for t in &graph.theses {
            self.put(kb.clone(), argkb("thesis"), self.base.node(t))?;
        }
        for s in &graph.sources {
            self.put(kb.clone(), argkb("hasSource"), self.base.source(&s.id))?;
        }
        Ok(())
    }

    fn source(&mut self, e: &SourceEntry) -> Result<(), E> {
        let iri = self.base.source(&e.id);
        let s = &e.source;
        self.put(iri.clone(), rdf::TYPE.into(), argkb("Source"))?;
        self.text(&iri, argkb("id"), &e.id)?;
        if let Some(t) = &s.title {
            self.text(&iri, dcterms("title"), t)?;
        }
        if let Some(a) = &s.author {
            self.put(iri.clone(), dcterms("creator"), self.base.node(a))?;
        }
        if let Some(p) = &s.publication {
            self.text(&iri, argkb("publication"), p)?;
        }
        if let Some(d) = &s.date {
            self.text(&iri, dcterms("date"), d)?;
        }
        for a in &s.also_in {
            self.text(&iri, argkb("alsoIn"), a)?;
        }
        if let Some(u) = &s.url {
            self.text(&iri, argkb("url"), u)?;
        }
        Ok(())
    }

    /// A sentence left out on purpose: a blank node of its source (blank
    /// node labels are local to one document; these follow KB order).
    fn omission(&mut self, i: usize, o: &OmissionEntry) -> Result<(), E> {
        let b = BlankNode::new_unchecked(format!("omitted{}", i + 1));
        if let Some(s) = &o.source {
            self.put(self.base.source(s), argkb("omits"), b.clone())?;
        }
        let om = &o.omission;
        self.put(b.clone(), rdf::TYPE.into(), argkb("Omission"))?;
        self.put(
            b.clone(),
            argkb("quote"),
            Literal::new_simple_literal(&om.quote),
        )?;
        self.put(
            b.clone(),
            argkb("para"),
            Literal::new_typed_literal(om.para.to_string(), xsd::INTEGER),
        )?;
        self.put(b, argkb("reason"), Literal::new_simple_literal(&om.reason))
    }

    fn node(&mut self, graph: &ArgGraph, n: &Node) -> Result<(), E> {
        let iri = self.base.node(n.id());
        let class = |k| match k {
            NodeKind::Actor => "Actor",
            NodeKind::Claim => "Claim",
            NodeKind::Recommendation => "Recommendation",
            NodeKind::Argument => "Argument",
            NodeKind::Conflict => "Conflict",
        };
        match n.kind() {
            NodeKind::Claim | NodeKind::Recommendation => {
                self.put(iri.clone(), rdf::TYPE.into(), aif("I-node"))?
            }
            NodeKind::Argument => self.put(iri.clone(), rdf::TYPE.into(), aif("RA-node"))?,
            NodeKind::Conflict => self.put(iri.clone(), rdf::TYPE.into(), aif("CA-node"))?,
            NodeKind::Actor => {}
        }
        self.put(iri.clone(), rdf::TYPE.into(), argkb(class(n.kind())))?;
        self.text(&iri, argkb("id"), n.id())?;
        self.text(&iri, argkb("kind"), n.subkind())?;
        match n {
            Node::Actor(a) => {
                self.text(&iri, rdfs::LABEL.into(), &a.name)?;
                for alias in &a.aliases {
                    self.text(&iri, argkb("alias"), alias)?;
                }
                if let Some(d) = &a.description {
                    self.text(&iri, argkb("description"), d)?;
                }
            }
            Node::Argument(_) | Node::Conflict(_) => {
                if let Some(s) = n.scheme() {
                    self.text(&iri, argkb("scheme"), s)?;
                }
                if let Some(note) = n.note() {
                    self.text(&iri, argkb("note"), note)?;
                }
            }
            Node::Proposition(_) => {
                self.text(&iri, aif("claimText"), n.text())?;
                if let Some(q) = n.quote() {
                    self.text(&iri, argkb("quote"), q)?;
                }
                if let Some(p) = n.para() {
                    self.put(
                        iri.clone(),
                        argkb("para"),
                        Literal::new_typed_literal(p.to_string(), xsd::INTEGER),
                    )?;
                }
                if let Some(s) = n.source() {
                    self.put(iri.clone(), argkb("source"), self.base.source(s))?;
                }
                if n.is_implicit() {
                    self.put(iri.clone(), argkb("implicit"), Literal::from(true))?;
                }
                if let Some(q) = n.qualifier() {
                    self.text(&iri, argkb("qualifier"), q)?;
                }
                if let Some(t) = n.time() {
                    self.text(&iri, argkb("time"), t)?;
                }
                if let Some(v) = graph.voice(n) {
                    self.put(iri.clone(), argkb("voice"), self.base.node(v))?;
                }
                if let Some(s) = graph.stance(n) {
                    self.text(&iri, argkb("stance"), s.name())?;
                }
                for t in n.tags() {
                    self.text(&iri, argkb("tag"), t)?;
                }
                for a in n.allowed() {
                    self.text(&iri, argkb("allow"), a)?;
                }
            }
        }
        Ok(())
    }

    fn edge(&mut self, graph: &ArgGraph, e: &Edge<'_>) -> Result<(), E> {
        let (from, to) = (self.base.node(e.source), self.base.node(e.target));
        let is_conflict = |id| {
            graph
                .node(id)
                .is_some_and(|n| n.kind() == NodeKind::Conflict)
        };
        match e.kind {
            // A named conflict is an AIF CA-node: `ca aif:Conflicting a`
            // for each attacker, and both `ca aif:Conflicted t` and the
            // attack itself (`ca argkb:attacks t`) for its target.
            RelKind::Premise if is_conflict(e.target) => self.put(to, aif("Conflicting"), from),
            RelKind::Attacks | RelKind::Undercuts if is_conflict(e.source) => {
                self.put(from.clone(), aif("Conflicted"), to.clone())?;
                self.put(from, predicate(e.kind), to)
            }
            // premise → argument and actor → claim are written from the
            // argument and the claim: `arg aif:Premise p`, `c argkb:speaker a`.
            RelKind::Premise | RelKind::Says => self.put(to, predicate(e.kind), from),
            _ => self.put(from, predicate(e.kind), to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn segments_keep_ids_readable_and_encode_the_rest() {
        assert_eq!(iri_segment("china-fed-up"), "china-fed-up");
        assert_eq!(iri_segment("nodeset127:378"), "nodeset127:378");
        assert_eq!(iri_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(iri_segment("çay"), "çay");
        assert_eq!(iri_segment("a\u{202E}b"), "a%E2%80%AEb");
        assert_eq!(iri_segment("<x>\"{}|\\^`"), "%3Cx%3E%22%7B%7D%7C%5C%5E%60");
    }

    #[test]
    fn relation_predicates_are_camel_case() {
        assert_eq!(
            predicate(RelKind::AddressedTo).as_str(),
            format!("{ARGKB}addressedTo")
        );
        assert_eq!(
            predicate(RelKind::Supports).as_str(),
            format!("{ARGKB}supports")
        );
        assert_eq!(
            predicate(RelKind::Premise).as_str(),
            format!("{AIF}Premise")
        );
    }

    #[test]
    fn bases_must_be_absolute_and_open() {
        assert!(Base::new("https://example.org/kb/").is_ok());
        assert!(Base::new("urn:x:kb#").is_ok());
        assert!(Base::new("https://example.org/kb").is_err());
        assert!(Base::new("kb/").is_err());
    }

    proptest! {
        #[test]
        fn any_id_makes_a_valid_iri_that_decodes_back(id in "\\PC{0,24}|[\\x00-\\x7f]{0,24}") {
            let iri = Base::default().node(&id);
            prop_assert!(NamedNode::new(iri.as_str()).is_ok(), "{}", iri);
            let seg = &iri.as_str()[DEFAULT_BASE.len()..];
            prop_assert!(!seg.contains(['/', '?', '#']));
            prop_assert_eq!(decode(seg), id);
        }
    }
}
