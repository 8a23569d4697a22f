//! A node of the graph: an actor, a proposition (claim or recommendation),
//! an argument or a named conflict, owning its data from the KB, with the
//! accessors every reader uses whatever the node's family.

use crate::model::proposition::Proposition;
use crate::model::{Actor, Argument, Conflict, NodeKind, Stance};

/// A node of the graph, owning its data from the KB.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Actor(Actor),
    /// A claim or a recommendation (`Proposition::kind` says which).
    Proposition(Proposition),
    Argument(Argument),
    Conflict(Conflict),
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Actor(a) => &a.id,
            Node::Proposition(p) => &p.id,
            Node::Argument(a) => &a.id,
            Node::Conflict(c) => &c.id,
        }
    }

    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Actor(_) => NodeKind::Actor,
            Node::Proposition(p) => p.family(),
            Node::Argument(_) => NodeKind::Argument,
            Node::Conflict(_) => NodeKind::Conflict,
        }
    }

    /// The proposition, when the node is a claim or a recommendation.
    pub fn proposition(&self) -> Option<&Proposition> {
        match self {
            Node::Proposition(p) => Some(p),
            _ => None,
        }
    }

    /// The finer kind: actor kind, claim kind, or the family's name.
    pub fn subkind(&self) -> &'static str {
        match self {
            Node::Actor(a) => a.kind.name(),
            Node::Proposition(p) => p.subkind(),
            Node::Argument(_) => "argument",
            Node::Conflict(_) => "conflict",
        }
    }

    /// The words a reader sees for this node: a name, a claim's text, or an
    /// argument's or conflict's scheme.
    pub fn text(&self) -> &str {
        match self {
            Node::Actor(a) => &a.name,
            Node::Proposition(p) => &p.text,
            Node::Argument(a) => a.scheme.as_deref().unwrap_or("inference"),
            Node::Conflict(c) => c.scheme.as_deref().unwrap_or("conflict"),
        }
    }

    /// The scheme of an argument or a conflict, as written.
    pub fn scheme(&self) -> Option<&str> {
        match self {
            Node::Argument(a) => a.scheme.as_deref(),
            Node::Conflict(c) => c.scheme.as_deref(),
            _ => None,
        }
    }

    /// The analyst's note on an argument or a conflict.
    pub fn note(&self) -> Option<&str> {
        match self {
            Node::Argument(a) => a.note.as_deref(),
            Node::Conflict(c) => c.note.as_deref(),
            _ => None,
        }
    }

    pub fn quote(&self) -> Option<&str> {
        self.proposition().and_then(|p| p.quote.as_deref())
    }

    pub fn para(&self) -> Option<u32> {
        self.proposition().and_then(|p| p.para)
    }

    /// The id of the source the node comes from (claims and
    /// recommendations; the KB's only source when the node names none).
    pub fn source(&self) -> Option<&str> {
        self.proposition().and_then(|p| p.source.as_deref())
    }

    /// An unstated premise the analysis makes explicit.
    pub fn is_implicit(&self) -> bool {
        self.proposition().is_some_and(|p| p.implicit)
    }

    /// The source's hedge or modality ("probably").
    pub fn qualifier(&self) -> Option<&str> {
        self.proposition().and_then(|p| p.qualifier.as_deref())
    }

    /// The time qualifier ("for now").
    pub fn time(&self) -> Option<&str> {
        self.proposition().and_then(|p| p.time.as_deref())
    }

    /// The actor the text reports as saying this, if it is reported speech.
    pub fn speaker(&self) -> Option<&str> {
        self.proposition().and_then(|p| p.speaker.as_deref())
    }

    /// The author's stance as written in the KB (see `ArgGraph::stance`
    /// for the default).
    pub fn stance(&self) -> Option<Stance> {
        self.proposition().and_then(|p| p.stance)
    }

    /// The warnings this node allows.
    pub fn allowed(&self) -> &[String] {
        self.proposition().map_or(&[], |p| &p.allow)
    }

    /// The words a reader sees with hedges: "probably: X (for now)";
    /// borrowed when there are none.
    pub fn qualified_text(&self) -> std::borrow::Cow<'_, str> {
        let (qualifier, time) = (self.qualifier(), self.time());
        if qualifier.is_none() && time.is_none() {
            return self.text().into();
        }
        let mut s = String::new();
        if let Some(q) = qualifier {
            s.push_str(q);
            s.push_str(": ");
        }
        s.push_str(self.text());
        if let Some(t) = time {
            s.push_str(" (");
            s.push_str(t);
            s.push(')');
        }
        s.into()
    }

    pub fn tags(&self) -> &[String] {
        self.proposition().map_or(&[], |p| &p.tags)
    }
}
