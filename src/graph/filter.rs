//! Node filters shared by commands that select part of a graph: by kind
//! (family or finer kind), tag, paragraph range, and actor.

use std::ops::RangeInclusive;

use petgraph::Direction;

use super::find::{QueryError, find};
use crate::diagnostic::did_you_mean;
use crate::graph::{ArgGraph, Node};
use crate::model::{ActorKind, ClaimKind, NodeKind, RelKind};

/// A conjunction of conditions on a node; an empty filter keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A family (`claim`) or a finer kind (`prediction`, `state`).
    pub kind: Option<String>,
    pub tag: Option<String>,
    pub para: Option<RangeInclusive<u32>>,
    /// Keep the actor itself and what it asserts or opposes, what it is
    /// reported to say, what is addressed to it and what is about it.
    pub actor: Option<String>,
    /// Keep claims and recommendations of this source (by id).
    pub source: Option<String>,
}

impl Filter {
    /// Checks that the kind names a family or a finer kind, and the actor
    /// an actor of `graph`.
    pub fn check(&self, graph: &ArgGraph) -> Result<(), QueryError> {
        if let Some(src) = &self.source
            && graph.source(src).is_none()
        {
            let ids: Vec<&str> = graph.sources.iter().map(|s| s.id.as_str()).collect();
            return Err(QueryError::BadArgument(format!(
                "no source has the id `{src}`; {}",
                match did_you_mean(src, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if ids.is_empty() => "the KB names no source".to_string(),
                    None => format!("the KB's sources are {}", ids.join(", ")),
                }
            )));
        }
        if let Some(actor) = &self.actor {
            let node = find(graph, actor)?;
            if node.kind() != NodeKind::Actor {
                return Err(QueryError::BadArgument(format!(
                    "`{actor}` is a {}, not an actor",
                    node.kind().name()
                )));
            }
        }
        let Some(kind) = &self.kind else {
            return Ok(());
        };
        let known = kind_names();
        if known.contains(&kind.as_str()) {
            return Ok(());
        }
        let hint = match did_you_mean(kind, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("known kinds: {}", known.join(", ")),
        };
        Err(QueryError::BadArgument(format!(
            "unknown kind `{kind}`; {hint}"
        )))
    }

    pub fn matches(&self, graph: &ArgGraph, node: &Node) -> bool {
        let actor_ok = self.actor.as_deref().is_none_or(|actor| {
            node.id() == actor
                || graph
                    .edges_of(node.id(), Direction::Incoming)
                    .iter()
                    .any(|e| {
                        e.source == actor
                            && matches!(e.kind, RelKind::Asserts | RelKind::Opposes | RelKind::Says)
                    })
                || graph
                    .edges_of(node.id(), Direction::Outgoing)
                    .iter()
                    .any(|e| {
                        e.target == actor && matches!(e.kind, RelKind::AddressedTo | RelKind::About)
                    })
        });
        let kind_ok = self
            .kind
            .as_deref()
            .is_none_or(|k| node.kind().name() == k || node.subkind() == k);
        let tag_ok = self
            .tag
            .as_deref()
            .is_none_or(|t| node.tags().iter().any(|x| x == t));
        let para_ok = self
            .para
            .as_ref()
            .is_none_or(|r| node.para().is_some_and(|p| r.contains(&p)));
        let source_ok = self
            .source
            .as_deref()
            .is_none_or(|s| node.source() == Some(s));
        kind_ok && tag_ok && para_ok && actor_ok && source_ok
    }
}

/// Every name `--kind` accepts.
pub fn kind_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = [
        NodeKind::Actor,
        NodeKind::Claim,
        NodeKind::Recommendation,
        NodeKind::Argument,
        NodeKind::Conflict,
    ]
    .iter()
    .map(|k| k.name())
    .collect();
    names.extend(ClaimKind::ALL.iter().map(|k| k.name()));
    names.extend(ActorKind::ALL.iter().map(|k| k.name()));
    names
}

/// Parses `N` or `A-B` (inclusive) as a paragraph range.
pub fn parse_para_range(s: &str) -> Result<RangeInclusive<u32>, String> {
    let num = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| format!("`{t}` is not a paragraph number (1 or more)"))
    };
    match s.split_once('-') {
        None => num(s).map(|n| n..=n),
        Some((a, b)) => {
            let (a, b) = (num(a)?, num(b)?);
            if a > b {
                return Err(format!("the range `{s}` runs backwards"));
            }
            Ok(a..=b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn para_ranges() {
        assert_eq!(parse_para_range("5"), Ok(5..=5));
        assert_eq!(parse_para_range("2-4"), Ok(2..=4));
        assert!(parse_para_range("0").is_err());
        assert!(parse_para_range("4-2").is_err());
        assert!(parse_para_range("x").is_err());
    }

    #[test]
    fn unknown_kind_suggests() {
        let f = Filter {
            kind: Some("predction".into()),
            ..Filter::default()
        };
        let graph = crate::load::load(&crate::sys::input::Input::Builtin)
            .unwrap()
            .graph;
        let err = f.check(&graph).unwrap_err().to_string();
        assert!(err.contains("did you mean `prediction`?"), "{err}");
    }
}
