//! Importers: argument maps in the field's formats brought into argkb's
//! RON format, one module per format.
//!
//! An importer fills a `Draft` (the KB to write: sources, actors, claims,
//! arguments, relations, in the order they were met) and reports what it
//! could not carry over as `Problem`s that name the offending node or
//! edge of the input. `Draft::to_ron` writes the KB as text a person can go
//! on editing; every string reaches it through `ron_text::string`.

use std::fmt::Write as _;

use crate::model::RelKind;
use crate::ron::writer::string as lit;

pub mod aif;
pub mod argdown;
pub mod identical;
pub mod starter;

/// One input file: its name (for messages and the source id) and text.
pub struct Input {
    pub name: String,
    pub text: String,
}

/// The formats `argkb import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// AIF JSON: classic AIFdb or OVA3/xAIF
    Aif,
    /// the JSON `argdown json` writes
    Argdown,
}

impl ImportFormat {
    /// What the format's node names declare across maps.
    pub fn declared_ids(self) -> identical::DeclaredIds {
        match self {
            ImportFormat::Aif => identical::DeclaredIds::SameNode,
            ImportFormat::Argdown => identical::DeclaredIds::SameStatement,
        }
    }
}

/// Imports `inputs` (name and text each) from `format` into one draft.
pub fn import(
    format: ImportFormat,
    inputs: &[Input],
) -> Result<(Draft, Vec<Problem>), ImportError> {
    match format {
        ImportFormat::Aif => aif::import(inputs),
        ImportFormat::Argdown => argdown::import(inputs),
    }
}

/// A source of the draft (one per imported map).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSource {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// An actor: a participant of a dialogue, or a speaker named in a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftActor {
    pub id: String,
    pub name: String,
}

/// A claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftClaim {
    pub id: String,
    pub text: String,
    pub source: Option<String>,
    pub speaker: Option<String>,
    /// `Relays` for what a speaker says in a dialogue.
    pub stance: Option<&'static str>,
    pub tags: Vec<String>,
    /// The claim kind's RON name (`Proposition` when unknown), or `None`
    /// for a recommendation.
    pub kind: Option<&'static str>,
    /// The input's own name for the node where the format makes that name
    /// one node wherever it appears (an AIFdb nodeID, an Argdown statement
    /// title): a declared identity across maps (`identical`).
    pub identity: Option<String>,
}

/// An argument: linked premises, one conclusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftArgument {
    pub id: String,
    pub premises: Vec<String>,
    pub conclusion: String,
    pub scheme: Option<String>,
    pub note: Option<String>,
}

/// A named conflict (an AIF CA-node that is itself attacked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftConflict {
    pub id: String,
    pub attackers: Vec<String>,
    pub target: String,
    pub scheme: Option<String>,
    pub note: Option<String>,
}

/// A KB about to be written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub notes: Option<String>,
    pub sources: Vec<DraftSource>,
    pub actors: Vec<DraftActor>,
    pub claims: Vec<DraftClaim>,
    pub arguments: Vec<DraftArgument>,
    pub conflicts: Vec<DraftConflict>,
    pub relations: Vec<(RelKind, String, String)>,
}

/// Something of the input the import could not carry over as it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input file (its name as given).
    pub file: String,
    /// The node or edge of the input concerned, as the input names it
    /// (`node 378`, `edge 1064`), if any.
    pub item: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{}: {item}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why an input could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}:{line}:{column}: not JSON: {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Shape { file: String, message: String },
}

impl ImportError {
    /// What is wrong, without the file's name.
    pub fn message(&self) -> String {
        match self {
            ImportError::Json {
                line,
                column,
                message,
                ..
            } => format!("{line}:{column}: not JSON: {message}"),
            ImportError::Shape { message, .. } => message.clone(),
        }
    }
}

impl Draft {
    /// The draft as a RON KB file.
    pub fn to_ron(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// Imported by argkb {} — edit freely; `argkb check` validates it.",
            env!("CARGO_PKG_VERSION")
        );
        out.push_str("KnowledgeBase(\n    meta: Meta(\n");
        let _ = writeln!(out, "        title: {},", lit(&self.title));
        if let Some(n) = &self.notes {
            let _ = writeln!(out, "        notes: {},", lit(n));
        }
        out.push_str("    ),\n    sources: [\n");
        for s in &self.sources {
            let _ = write!(out, "        Source(id: {}", lit(&s.id));
            if let Some(t) = &s.title {
                let _ = write!(out, ", title: {}", lit(t));
            }
            if let Some(u) = &s.url {
                let _ = write!(out, ", url: {}", lit(u));
            }
            out.push_str("),\n");
        }
        out.push_str("    ],\n    actors: [\n");
        for a in &self.actors {
            let _ = writeln!(
                out,
                "        Actor(id: {}, name: {}, kind: Person),",
                lit(&a.id),
                lit(&a.name)
            );
        }
        for (section, recommendations) in [("claims", false), ("recommendations", true)] {
            let _ = write!(out, "    ],\n    {section}: [\n");
            for c in self
                .claims
                .iter()
                .filter(|c| c.kind.is_none() == recommendations)
            {
                Draft::write_claim(&mut out, c);
            }
        }
        out.push_str("    ],\n    arguments: [\n");
        for a in &self.arguments {
            let premises: Vec<String> = a.premises.iter().map(|p| lit(p)).collect();
            let _ = write!(
                out,
                "        Argument(id: {}, premises: [{}], conclusion: {}",
                lit(&a.id),
                premises.join(", "),
                lit(&a.conclusion)
            );
            if let Some(s) = &a.scheme {
                let _ = write!(out, ", scheme: {}", lit(s));
            }
            if let Some(n) = &a.note {
                let _ = write!(out, ", note: {}", lit(n));
            }
            out.push_str("),\n");
        }
        if !self.conflicts.is_empty() {
            out.push_str("    ],\n    conflicts: [\n");
        }
        for c in &self.conflicts {
            let attackers: Vec<String> = c.attackers.iter().map(|a| lit(a)).collect();
            let _ = write!(
                out,
                "        Conflict(id: {}, attackers: [{}], target: {}",
                lit(&c.id),
                attackers.join(", "),
                lit(&c.target)
            );
            if let Some(s) = &c.scheme {
                let _ = write!(out, ", scheme: {}", lit(s));
            }
            if let Some(n) = &c.note {
                let _ = write!(out, ", note: {}", lit(n));
            }
            out.push_str("),\n");
        }
        out.push_str("    ],\n    relations: [\n");
        for (kind, a, b) in &self.relations {
            let _ = writeln!(out, "        {}({}, {}),", kind.ron_name(), lit(a), lit(b));
        }
        out.push_str("    ],\n)\n");
        out
    }

    fn write_claim(out: &mut String, c: &DraftClaim) {
        match c.kind {
            Some(kind) => {
                let _ = write!(
                    out,
                    "        Claim(id: {}, text: {}, kind: {kind}",
                    lit(&c.id),
                    lit(&c.text)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "        Recommendation(id: {}, text: {}",
                    lit(&c.id),
                    lit(&c.text)
                );
            }
        }
        if let Some(s) = &c.source {
            let _ = write!(out, ", source: {}", lit(s));
        }
        if let Some(s) = &c.speaker {
            let _ = write!(out, ", speaker: {}", lit(s));
        }
        if let Some(s) = c.stance {
            let _ = write!(out, ", stance: {s}");
        }
        if !c.tags.is_empty() {
            let tags: Vec<String> = c.tags.iter().map(|t| lit(t)).collect();
            let _ = write!(out, ", tags: [{}]", tags.join(", "));
        }
        out.push_str("),\n");
    }
}

/// An input's JSON, a syntax error located at its line and column.
pub fn parse_json(input: &Input) -> Result<serde_json::Value, ImportError> {
    serde_json::from_str(&input.text).map_err(|e| ImportError::Json {
        file: input.name.clone(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// An input's file name without its folders: what titles show, so that an
/// import names the same map the same way wherever it was run from.
pub fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Reads each input with `read` and hands it to `each` at once, so that
/// only one map's parsed form is held at a time; in a batch of several,
/// an input that cannot be read at all is a problem of its own and the
/// rest go on (the error is returned when it is the only input, or when
/// none could be read). Returns how many were read.
pub fn each_readable<T>(
    inputs: &[Input],
    problems: &mut Vec<Problem>,
    mut read: impl FnMut(&Input) -> Result<T, ImportError>,
    mut each: impl FnMut(&Input, T, &mut Vec<Problem>),
) -> Result<usize, ImportError> {
    let mut read_ok = 0;
    let mut first_error = None;
    for input in inputs {
        match read(input) {
            Ok(t) => {
                read_ok += 1;
                each(input, t, problems);
            }
            Err(e) if inputs.len() > 1 => {
                problems.push(Problem {
                    file: input.name.clone(),
                    item: None,
                    message: format!("not imported: {}", e.message()),
                });
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    match first_error {
        Some(e) if read_ok == 0 => Err(e),
        _ => Ok(read_ok),
    }
}

/// The source id of an input: its file name without folders and `.json`,
/// made a valid id, and unique among the ids `taken` so far (to which it
/// is added).
pub fn source_id(name: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let base = base_name(name);
    let mut id = id_from(base.strip_suffix(".json").unwrap_or(base));
    while taken.contains(&id) {
        id.push('_');
    }
    taken.insert(id.clone());
    id
}

/// `raw` made into a valid KB id (letters, digits, `-_.:`, starting with
/// a letter or digit): other characters become `_`, and an `n` is put in
/// front of an id that would start with something else.
pub fn id_from(raw: &str) -> String {
    let mut id: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        id.insert(0, 'n');
    }
    let max = crate::validate::MAX_ID_LEN;
    if id.len() > max {
        id.truncate(max);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn made_ids_are_valid(raw in "\\PC*") {
            let id = id_from(&raw);
            prop_assert!(crate::validate::is_valid_id(&id), "{id:?}");
        }
    }

    #[test]
    fn valid_ids_stay_as_they_are() {
        for id in ["378", "a-b_c.d:e", "c0"] {
            assert_eq!(id_from(id), id);
        }
        assert_eq!(id_from("_x y"), "n_x_y");
        assert_eq!(id_from(""), "n");
    }
}
