//! The serde types that mirror a KB file written in RON, field for field.
//!
//! Nothing here checks meaning: a `KnowledgeBase` that deserialises may still
//! reference unknown ids or connect the wrong kinds of node. `validate` does
//! that, and `graph` is only ever built from a validated KB. Every struct
//! denies unknown fields so that a misspelt field is reported where it stands.
//!
//! Beside the types: `parse` turns RON text into them with located errors,
//! `sources` lists a KB's sources with where they are written,
//! `proposition` is the one type claims and recommendations become once
//! parsed, `grouped` is the compressed table the relations are indexed in,
//! `list` reads the short lists (tags, premises) without spare room, and
//! `synth` writes synthetic KBs for benchmarks, tests and fuzzing.

use serde::Deserialize;

pub mod grouped;
pub mod list;
pub mod parse;
pub mod proposition;
pub mod sources;
pub mod synth;

/// A whole KB file: metadata, the sources it encodes, the nodes by family,
/// and the relations. Every section may be left out, so a file can hold
/// only shared actors, or only one text's claims; a KB is one or more
/// such files.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeBase {
    #[serde(default)]
    pub meta: Option<Meta>,
    /// The texts the KB encodes (besides `meta.source`, the one-text
    /// shorthand).
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Inference nodes: premises that support a conclusion together, and the
    /// target of undercuts.
    #[serde(default)]
    pub arguments: Vec<Argument>,
    /// Named conflicts: attacks that are nodes of their own, so that they
    /// can be attacked in turn (AIF's CA-nodes). A plain `Attacks` relation
    /// needs no name.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Source sentences deliberately left unencoded, each with a reason.
    #[serde(default)]
    pub omitted: Vec<Omission>,
}

impl KnowledgeBase {
    /// How many nodes the file defines: actors, claims, recommendations,
    /// arguments and named conflicts.
    pub fn node_count(&self) -> usize {
        self.actors.len()
            + self.claims.len()
            + self.recommendations.len()
            + self.arguments.len()
            + self.conflicts.len()
    }
}

/// What the KB (or this file of it) is about.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    /// The one text this KB encodes, when there is just one (`sources`
    /// holds any number).
    #[serde(default)]
    pub source: Option<Source>,
    /// Who made the KB, or the author as the source gives it.
    #[serde(default)]
    pub author: Option<String>,
    /// The id of the claim or recommendation the text argues for; every
    /// claim and recommendation of this file should lead to it.
    #[serde(default)]
    pub thesis: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A text the KB encodes, with its bibliographic data.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// How nodes name this source (`source: "essay"`); may be left out
    /// when the KB has only one.
    #[serde(default)]
    pub id: Option<String>,
    /// The text's own title, when it differs from the KB's.
    #[serde(default)]
    pub title: Option<String>,
    /// The actor whose voice the text is (its author): claims of this
    /// source with no `speaker` are that actor's words.
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub publication: Option<String>,
    /// The date exactly as printed in the source.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "list::exact")]
    pub also_in: Vec<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Where the body of the source text starts and ends, for checking
    /// quotes against it; without it every paragraph of the text counts.
    #[serde(default)]
    pub body: Option<Body>,
    /// The path of the text, relative to the KB file, for `check --source`
    /// and `coverage` to find it.
    #[serde(default)]
    pub text: Option<String>,
}

/// The opening words of the first and of the last body paragraph.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub first: String,
    pub last: String,
}

/// The author's stance toward what a claim says: whether the text stands
/// behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Stance {
    /// The author holds it (the default for the author's own words).
    Endorses,
    /// The author grants it but argues past it ("whatever…", "but…").
    Concedes,
    /// The author rejects it, openly or by irony.
    Rejects,
    /// The author reports it and takes no position.
    Relays,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Endorses,
        Stance::Concedes,
        Stance::Rejects,
        Stance::Relays,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stance::Endorses => "endorses",
            Stance::Concedes => "concedes",
            Stance::Rejects => "rejects",
            Stance::Relays => "relays",
        }
    }
}

/// Someone who acts, speaks or is acted upon.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default, deserialize_with = "list::exact")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum ActorKind {
    State,
    Organisation,
    Court,
    Person,
    Group,
    Author,
    Other,
}

/// A proposition the text states, reports, concedes or rejects.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    /// The curator's concise wording.
    pub text: String,
    pub kind: ClaimKind,
    /// The shortest verbatim span of the source that carries the claim;
    /// none for an implicit premise or a KB without a source text.
    #[serde(default)]
    pub quote: Option<String>,
    /// Body paragraph of the source, counted from 1.
    #[serde(default)]
    pub para: Option<u32>,
    /// The source it comes from (by id); defaults to the KB's only source.
    #[serde(default)]
    pub source: Option<String>,
    /// An unstated premise the analysis makes explicit: no quote.
    #[serde(default)]
    pub implicit: bool,
    /// The source's hedge or modality: "probably", "it appears", "may".
    #[serde(default)]
    pub qualifier: Option<String>,
    /// A time qualifier: "for now", "since 2012", "anytime soon".
    #[serde(default)]
    pub time: Option<String>,
    /// Reported speech: the actor the text says says this (when it is not
    /// the source's author).
    #[serde(default)]
    pub speaker: Option<String>,
    /// The author's stance toward it (default: endorses the author's own
    /// words; required for reported speech).
    #[serde(default)]
    pub stance: Option<Stance>,
    /// Warnings this node is allowed to have, e.g. `["off-thesis"]`.
    #[serde(default, deserialize_with = "list::exact")]
    pub allow: Vec<String>,
    #[serde(default, deserialize_with = "list::exact")]
    pub tags: Vec<String>,
}

impl Claim {
    /// A claim with only its required fields; the rest are left out.
    pub fn new(id: impl Into<String>, text: impl Into<String>, kind: ClaimKind) -> Claim {
        Claim {
            id: id.into(),
            text: text.into(),
            kind,
            quote: None,
            para: None,
            source: None,
            implicit: false,
            qualifier: None,
            time: None,
            speaker: None,
            stance: None,
            allow: Vec::new(),
            tags: Vec::new(),
        }
    }
}

impl Recommendation {
    /// A recommendation with only its required fields.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Recommendation {
        let c = Claim::new(id, text, ClaimKind::Assessment);
        Recommendation {
            id: c.id,
            text: c.text,
            quote: c.quote,
            para: c.para,
            source: c.source,
            implicit: c.implicit,
            qualifier: c.qualifier,
            time: c.time,
            speaker: c.speaker,
            stance: c.stance,
            allow: c.allow,
            tags: c.tags,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum ClaimKind {
    Fact,
    Event,
    Assessment,
    Prediction,
    Assumption,
    Goal,
    /// A proposition not (yet) classified: what an import from a format
    /// without claim kinds (AIF's I-nodes, Argdown statements) gives.
    Proposition,
}

/// A course of action the text urges (or reports someone urging).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub para: Option<u32>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub implicit: bool,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub stance: Option<Stance>,
    #[serde(default, deserialize_with = "list::exact")]
    pub allow: Vec<String>,
    #[serde(default, deserialize_with = "list::exact")]
    pub tags: Vec<String>,
}

/// An inference: the premises, taken together, support the conclusion.
/// Undercuts attack an argument, not its premises or conclusion.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Argument {
    pub id: String,
    #[serde(deserialize_with = "list::exact")]
    pub premises: Vec<String>,
    pub conclusion: String,
    /// The kind of reasoning, e.g. "practical reasoning", "from consequences".
    #[serde(default)]
    pub scheme: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A named conflict: the attackers, taken together, attack the target (a
/// claim or recommendation: a rebuttal; an argument or another conflict:
/// an undercut). Being a node, it can itself be undercut
/// (`Undercuts(c, conflict)`): the attack is disputed, not its attackers.
/// This is AIF's CA-node, which an attack on an attack needs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: String,
    #[serde(deserialize_with = "list::exact")]
    pub attackers: Vec<String>,
    pub target: String,
    /// The kind of conflict, e.g. "expert opinion exception".
    #[serde(default)]
    pub scheme: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A sentence of the source deliberately not encoded.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Omission {
    pub quote: String,
    pub para: u32,
    pub reason: String,
    /// The source it comes from; defaults to the KB's only source.
    #[serde(default)]
    pub source: Option<String>,
}

/// A typed, directed relation `Kind(from, to)` between two ids.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Relation {
    Supports(String, String),
    Attacks(String, String),
    Undercuts(String, String),
    Asserts(String, String),
    Opposes(String, String),
    AddressedTo(String, String),
    About(String, String),
    MemberOf(String, String),
    Leads(String, String),
    Represents(String, String),
    ClientOf(String, String),
    AllyOf(String, String),
    /// `Rephrases(a, b)`: b restates a in other words (AIF's MA nodes).
    Rephrases(String, String),
    /// `Prefers(a, b)`: a is preferred to b, so an attack of b on a fails
    /// (AIF's PA nodes; used by `eval`).
    Prefers(String, String),
    /// `SameAs(a, b)`: a and b are one proposition stated in two texts
    /// (or two maps); kept as two claims, linked, never merged. Symmetric.
    SameAs(String, String),
}

impl Relation {
    /// The relation's kind and its two ends.
    pub fn parts(&self) -> (RelKind, &str, &str) {
        use Relation::*;
        let (k, a, b) = match self {
            Supports(a, b) => (RelKind::Supports, a, b),
            Attacks(a, b) => (RelKind::Attacks, a, b),
            Undercuts(a, b) => (RelKind::Undercuts, a, b),
            Asserts(a, b) => (RelKind::Asserts, a, b),
            Opposes(a, b) => (RelKind::Opposes, a, b),
            AddressedTo(a, b) => (RelKind::AddressedTo, a, b),
            About(a, b) => (RelKind::About, a, b),
            MemberOf(a, b) => (RelKind::MemberOf, a, b),
            Leads(a, b) => (RelKind::Leads, a, b),
            Represents(a, b) => (RelKind::Represents, a, b),
            ClientOf(a, b) => (RelKind::ClientOf, a, b),
            AllyOf(a, b) => (RelKind::AllyOf, a, b),
            Rephrases(a, b) => (RelKind::Rephrases, a, b),
            Prefers(a, b) => (RelKind::Prefers, a, b),
            SameAs(a, b) => (RelKind::SameAs, a, b),
        };
        (k, a.as_str(), b.as_str())
    }
}

/// Every kind of edge in the graph: the KB's relations plus the two edges
/// that tie an argument to its premises and its conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelKind {
    Supports,
    Attacks,
    Undercuts,
    Asserts,
    Opposes,
    AddressedTo,
    About,
    MemberOf,
    Leads,
    Represents,
    ClientOf,
    AllyOf,
    Rephrases,
    Prefers,
    /// premise → argument, or attacker → named conflict
    Premise,
    /// argument → conclusion
    Conclusion,
    /// actor → claim or recommendation: the text reports that the actor
    /// says it (from the node's `speaker` field).
    Says,
    /// claim ↔ claim: one proposition in two texts (symmetric).
    SameAs,
}

impl RelKind {
    pub const ALL: [RelKind; 18] = [
        RelKind::Supports,
        RelKind::Attacks,
        RelKind::Undercuts,
        RelKind::Asserts,
        RelKind::Opposes,
        RelKind::AddressedTo,
        RelKind::About,
        RelKind::MemberOf,
        RelKind::Leads,
        RelKind::Represents,
        RelKind::ClientOf,
        RelKind::AllyOf,
        RelKind::Rephrases,
        RelKind::Prefers,
        RelKind::Premise,
        RelKind::Conclusion,
        RelKind::Says,
        RelKind::SameAs,
    ];

    /// The snake_case name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            RelKind::Supports => "supports",
            RelKind::Attacks => "attacks",
            RelKind::Undercuts => "undercuts",
            RelKind::Asserts => "asserts",
            RelKind::Opposes => "opposes",
            RelKind::AddressedTo => "addressed_to",
            RelKind::About => "about",
            RelKind::MemberOf => "member_of",
            RelKind::Leads => "leads",
            RelKind::Represents => "represents",
            RelKind::ClientOf => "client_of",
            RelKind::AllyOf => "ally_of",
            RelKind::Rephrases => "rephrases",
            RelKind::Prefers => "prefers",
            RelKind::Premise => "premise",
            RelKind::Conclusion => "conclusion",
            RelKind::Says => "says",
            RelKind::SameAs => "same_as",
        }
    }

    /// The name in words, as maps label it ("addressed to").
    pub fn words(self) -> &'static str {
        match self {
            RelKind::AddressedTo => "addressed to",
            RelKind::MemberOf => "member of",
            RelKind::ClientOf => "client of",
            RelKind::AllyOf => "ally of",
            RelKind::SameAs => "same as",
            other => other.name(),
        }
    }

    /// The variant name as written in a KB file.
    pub fn ron_name(self) -> &'static str {
        match self {
            RelKind::Supports => "Supports",
            RelKind::Attacks => "Attacks",
            RelKind::Undercuts => "Undercuts",
            RelKind::Asserts => "Asserts",
            RelKind::Opposes => "Opposes",
            RelKind::AddressedTo => "AddressedTo",
            RelKind::About => "About",
            RelKind::MemberOf => "MemberOf",
            RelKind::Leads => "Leads",
            RelKind::Represents => "Represents",
            RelKind::ClientOf => "ClientOf",
            RelKind::AllyOf => "AllyOf",
            RelKind::Rephrases => "Rephrases",
            RelKind::Prefers => "Prefers",
            RelKind::Premise => "premise",
            RelKind::Conclusion => "conclusion",
            RelKind::Says => "speaker",
            RelKind::SameAs => "SameAs",
        }
    }

    /// Support in the broad sense: a direct `supports` or the two halves of
    /// an argument.
    pub fn is_support(self) -> bool {
        matches!(
            self,
            RelKind::Supports | RelKind::Premise | RelKind::Conclusion
        )
    }

    /// The relations of the argument itself, between claims,
    /// recommendations, arguments and conflicts: what a chain of reasoning
    /// runs along (`path`'s default). Preferences compare; they lead
    /// nowhere.
    pub const ARGUMENT: [RelKind; 6] = [
        RelKind::Supports,
        RelKind::Attacks,
        RelKind::Undercuts,
        RelKind::Premise,
        RelKind::Conclusion,
        RelKind::Rephrases,
    ];
}

/// The five families of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Actor,
    Claim,
    Recommendation,
    Argument,
    /// A named conflict (AIF's CA-node).
    Conflict,
}

impl NodeKind {
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Actor => "actor",
            NodeKind::Claim => "claim",
            NodeKind::Recommendation => "recommendation",
            NodeKind::Argument => "argument",
            NodeKind::Conflict => "conflict",
        }
    }
}

impl ActorKind {
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Organisation,
        ActorKind::Court,
        ActorKind::Person,
        ActorKind::Group,
        ActorKind::Author,
        ActorKind::Other,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
            ActorKind::Court => "court",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
            ActorKind::Author => "author",
            ActorKind::Other => "other",
        }
    }
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Fact,
        ClaimKind::Event,
        ClaimKind::Assessment,
        ClaimKind::Prediction,
        ClaimKind::Assumption,
        ClaimKind::Goal,
        ClaimKind::Proposition,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Fact => "fact",
            ClaimKind::Event => "event",
            ClaimKind::Assessment => "assessment",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Assumption => "assumption",
            ClaimKind::Goal => "goal",
            ClaimKind::Proposition => "proposition",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_words_are_the_names_with_spaces() {
        for k in RelKind::ALL {
            assert_eq!(k.words(), k.name().replace('_', " "), "{k:?}");
        }
    }
}
