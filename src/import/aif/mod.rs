//! AIF (the Argument Interchange Format) in JSON, as AIFdb and OVA write
//! it, into a `Draft`.
//!
//! Both dialects are read: classic AIFdb (`{"nodes", "edges",
//! "locutions"}`) and OVA3/xAIF (`{"AIF": {…}, "text": …, "OVA": …}`,
//! with `"AIF"` an object or a JSON string, or that inner object alone).
//! Node ids may be strings or numbers.
//!
//! What becomes what:
//! - I-node → claim (`Proposition`), its text exactly; no quote is made up;
//! - RA-node → argument: the I-nodes pointing at it are its linked
//!   premises, the I-node it points at its conclusion (one argument per
//!   conclusion when there are several); the scheme name is kept;
//! - CA-node → `Attacks` from each attacking I-node to an attacked
//!   I-node, or `Undercuts` when it points at an RA-node; a CA-node that
//!   another CA-node attacks (an attack on an attack), or that names a
//!   conflict scheme, → a named conflict (`conflicts`, its AIF id and
//!   scheme kept), which the attacking CA-node undercuts;
//! - L-node → its speaker (from the locution's participant, else from
//!   the text: `Name says '…'` or `Name: …`) becomes an actor; through a
//!   YA-node the I-node gets that speaker (`stance: Relays`), or, for a
//!   disagreeing illocution, an `Opposes` from the speaker;
//! - MA (rephrase) → `Rephrases`, PA (preference) → `Prefers` between the
//!   nodes at its ends;
//! - TA (transition) and other dialogue nodes have no counterpart in the
//!   format: each is reported as a problem naming the node, never dropped
//!   in silence.
//!
//! Ids: a node keeps its AIF id when that is a valid KB id (`id_from`
//! otherwise, reported); with several maps, ids are prefixed by the map's
//! name (`nodeset127:378`) so that maps cannot collide.

mod map;
use map::*;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{
    Draft, DraftActor, DraftArgument, DraftClaim, DraftConflict, DraftSource, ImportError, Input,
    Problem, base_name, each_readable, id_from, parse_json, source_id,
};
use crate::model::RelKind;

/// A node as read from the input.
#[derive(Debug, Clone, PartialEq)]
struct RawNode {
    kind: String,
    text: String,
    scheme: Option<String>,
}

/// Imports AIF maps into one draft, each map its own source.
pub fn import(inputs: &[Input]) -> Result<(Draft, Vec<Problem>), ImportError> {
    let mut draft = Draft {
        title: match inputs {
            [one] => format!("Imported from {}", base_name(&one.name)),
            _ => format!("Imported from {} AIF maps", inputs.len()),
        },
        ..Draft::default()
    };
    let mut problems = Vec::new();
    let mut used = foldhash::HashSet::default();
    let mut actors: BTreeMap<String, String> = BTreeMap::new();
    let mut taken = std::collections::HashSet::new();
    let read = each_readable(
        inputs,
        &mut problems,
        aif_object,
        |input, (aif, global_ids), problems| {
            let source = source_id(&input.name, &mut taken);
            let prefix = (inputs.len() > 1).then(|| format!("{source}:"));
            let mut map = MapImport {
                file: &input.name,
                prefix: prefix.as_deref(),
                source: &source,
                global_ids,
                problems,
                used: &mut used,
                actors: &mut actors,
                draft: &mut draft,
            };
            map.run(aif);
            draft.sources.push(DraftSource {
                id: source,
                title: Some(base_name(&input.name).to_string()),
                url: None,
            });
        },
    )?;
    if inputs.len() > 1 {
        draft.title = format!("Imported from {read} AIF maps");
    }
    Ok((draft, problems))
}

/// The object holding `nodes` and `edges`, in either dialect, and whether
/// it is classic AIFdb JSON (whose node ids are global).
fn aif_object(input: &Input) -> Result<(Value, bool), ImportError> {
    let parsed = parse_json(input)?;
    let shape = |message: &str| ImportError::Shape {
        file: input.name.clone(),
        message: message.to_string(),
    };
    let wrapped = parsed.get("AIF").is_some();
    let inner = match parsed.get("AIF") {
        Some(Value::String(s)) => serde_json::from_str(s).map_err(|e| ImportError::Json {
            file: format!("{} (the \"AIF\" string)", input.name),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?,
        Some(v @ Value::Object(_)) => v.clone(),
        Some(_) => return Err(shape("\"AIF\" is neither an object nor a JSON string")),
        None => parsed,
    };
    if !inner.get("nodes").is_some_and(Value::is_array) {
        return Err(shape(if wrapped {
            "the \"AIF\" object (OVA3/xAIF) has no \"nodes\" list"
        } else {
            "not AIF: no \"nodes\" list (classic AIFdb JSON) and no \"AIF\" object (OVA3/xAIF)"
        }));
    }
    Ok((inner, !wrapped))
}

/// The scheme a CA-node names (`scheme`, else a text other than the
/// placeholders tools write: `CA`, `Default Conflict`).
fn conflict_scheme(n: &RawNode) -> Option<String> {
    let text = n.text.trim();
    n.scheme.clone().or_else(|| {
        (!text.is_empty() && text != "CA" && text != "Default Conflict").then(|| text.to_string())
    })
}

/// An id as the input writes it: a string, or a number.
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Participants by id: "first last".
fn participants(aif: &Value) -> BTreeMap<String, String> {
    aif["participants"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let id = id_of(p.get("participantID"))?;
            let name = [str_of(p.get("firstname")), str_of(p.get("surname"))]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (!name.is_empty()).then_some((id, name))
        })
        .collect()
}

/// The speaker a locution's text names: `Name says '…'` (AraucariaDB) or
/// `Name : …` (AIFdb corpora).
fn speaker_in(text: &str) -> Option<String> {
    let name = if let Some(i) = text.find(" says ") {
        &text[..i]
    } else {
        text.split_once(':')?.0
    };
    let name = name.trim();
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

/// Whether a YA-node's illocution opposes its content.
fn is_disagreeing(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("disagree") || t.contains("challeng") || t.contains("deny")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Draft, Vec<Problem>) {
        import(&[Input {
            name: "t.json".into(),
            text: text.into(),
        }])
        .unwrap()
    }

    #[test]
    fn speakers_come_from_locution_texts() {
        assert_eq!(speaker_in("VCBrown says 'x'").as_deref(), Some("VCBrown"));
        assert_eq!(speaker_in("Bob : we should").as_deref(), Some("Bob"));
        assert_eq!(speaker_in("no speaker here"), None);
    }

    #[test]
    fn both_dialects_and_mixed_ids_read_the_same() {
        let classic = r#"{"nodes": [
            {"nodeID": 1, "text": "p", "type": "I"},
            {"nodeID": "2", "text": "c", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA", "scheme": "Expert Opinion"}],
          "edges": [{"edgeID": 1, "fromID": "1", "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": "2"}]}"#;
        let inner: Value = serde_json::from_str(classic).unwrap();
        let as_string = serde_json::json!({"AIF": inner.to_string(), "text": "", "OVA": {}});
        let as_object = serde_json::json!({"AIF": inner, "text": ""});
        let (a, pa) = run(classic);
        assert!(pa.is_empty(), "{pa:?}");
        assert_eq!(a.arguments.len(), 1);
        assert_eq!(a.arguments[0].premises, ["1"]);
        assert_eq!(a.arguments[0].conclusion, "2");
        assert_eq!(a.arguments[0].scheme.as_deref(), Some("Expert Opinion"));
        // Only classic AIFdb ids are the database's, and so declare
        // identity across maps.
        assert!(a.claims.iter().all(|c| c.identity.is_some()));
        for other in [as_string, as_object] {
            let (mut b, _) = run(&other.to_string());
            assert!(b.claims.iter().all(|c| c.identity.is_none()));
            for (c, d) in b.claims.iter_mut().zip(&a.claims) {
                c.identity.clone_from(&d.identity);
            }
            assert_eq!(b.claims, a.claims);
            assert_eq!(b.arguments, a.arguments);
        }
    }

    #[test]
    fn messy_maps_are_reported_not_lost() {
        let text = r#"{"nodes": [
            {"nodeID": "1", "text": "a\u00a0b “c” İ", "type": "I"},
            {"nodeID": "1", "text": "a\u00a0b “c” İ", "type": "I"},
            {"nodeID": "2", "text": "same text", "type": "I"},
            {"nodeID": "3", "text": "same text", "type": "I"},
            {"nodeID": "2", "text": "other", "type": "I"},
            {"nodeID": "9", "text": "RA", "type": "RA"},
            {"nodeID": "10", "text": "CA", "type": "CA"},
            {"nodeID": "11", "text": "MA", "type": "MA"},
            {"nodeID": "12", "text": "Bob says 'x'", "type": "L"}],
          "edges": [{"edgeID": "e1", "fromID": "1", "toID": "99"},
                    {"edgeID": "e2", "fromID": "2", "toID": "10"},
                    {"edgeID": "e3", "fromID": "10", "toID": "3"}]}"#;
        let (d, problems) = run(text);
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let has = |needle: &str| said.iter().any(|s| s.contains(needle));
        assert!(
            has("node 1: listed twice with the same content"),
            "{said:#?}"
        );
        assert!(has("node 2: listed twice with different content"));
        assert!(has("edge e1: from `1` to `99`"));
        assert!(has("node 9: an RA-node with no premise"));
        assert!(has("node 11: an MA-node without a claim"));
        // Distinct nodes with one text stay distinct; text is kept exactly.
        assert_eq!(d.claims.len(), 3);
        assert_eq!(d.claims[0].text, "a\u{a0}b “c” İ");
        assert_eq!(d.relations, [(RelKind::Attacks, "2".into(), "3".into())]);
    }
}
