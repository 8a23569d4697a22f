//! Every diagnostic code argkb gives, in one place: its stable name (what
//! `error[unknown-id]` shows and JSON carries), its severity, a one-line
//! summary, and the long form `argkb explain CODE` prints (as `rustc
//! --explain` does). docs/CODES.md is written from this table, and a test
//! keeps it so.

use super::Severity;

/// What the table says of one code.
struct Entry {
    code: Code,
    name: &'static str,
    severity: Severity,
    /// Which family of rules finds it.
    family: &'static str,
    summary: &'static str,
    long: &'static str,
}

/// Defines `Code` and its table from one list, so that a code cannot be
/// added without its name, severity, family and explanation.
macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $family:literal, $summary:literal, $long:literal;)*) => {
        /// A class of problem. The name is stable: scripts and `allow`
        /// lists use it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        const TABLE: &[Entry] = &[
            $(Entry {
                code: Code::$variant,
                name: $name,
                severity: Severity::$severity,
                family: $family,
                summary: $summary,
                long: $long,
            },)*
        ];
    };
}

codes! {
    Syntax => "syntax", Error,
        "text",
        "the file is not well-formed RON",
        "The text cannot be read as RON: a missing comma, an unclosed bracket or
string, JSON where RON is expected. A syntax error that breaks the file's
structure is reported alone, at the opener of what is left unclosed:
nothing after it can be read reliably.

    claims: [
        Claim(id: \"a\", text: \"A\", kind: Fact)   // a `,` is missing here
        Claim(id: \"b\", text: \"B\", kind: Fact),
    ],

Fix: add the missing punctuation; fields and list items are separated by
`,`, and every `(`, `[` and `\"` is closed.";
    EmptyFile => "empty-file", Error,
        "text",
        "the KB file holds nothing",
        "The file is empty, or holds only whitespace and comments. A KB is
`KnowledgeBase(meta: Meta(title: \"…\"), actors: [...], claims: [...], ...)`.

Fix: write a KB into it (`argkb init` writes a valid starter), or leave the
file out of --kb.";
    TooDeep => "too-deep", Error,
        "text",
        "values are nested deeper than any KB needs",
        "The reader stops at a nesting limit, so that a hostile or broken file
cannot exhaust the stack. A KB nests a few levels; reaching the limit
nearly always means brackets that do not balance.

Fix: check the brackets before the place shown.";
    UnknownField => "unknown-field", Error,
        "text",
        "an entry has a field its type does not have",
        "Every entry type has a fixed set of fields (docs/FORMAT.md); a field
outside it is refused where it stands, so that a misspelling is not
silently ignored.

    Claim(id: \"a\", text: \"A\", kind: Fact, qoute: \"…\")

Fix: use the field the hint names (`quote`), or remove the field.";
    UnknownVariant => "unknown-variant", Error,
        "text",
        "a kind, stance or relation name is not one the format has",
        "An enumerated value (a claim kind, an actor kind, a stance, a relation)
names none of the values the format defines.

    Claim(id: \"a\", text: \"A\", kind: Opinion)

Fix: use one of the values listed in the message (here `Assessment`), as
the hint suggests.";
    MissingField => "missing-field", Error,
        "text",
        "an entry lacks a field it must have",
        "A required field is missing: every claim needs `id`, `text` and `kind`;
every actor `id`, `name` and `kind`; and so on (docs/FORMAT.md). Every
missing field of an entry is named at once.

Fix: add the fields named.";
    DuplicateField => "duplicate-field", Error,
        "text",
        "an entry gives the same field twice",
        "A field appears twice in one entry; which one was meant cannot be told.

Fix: keep one of them.";
    WrongName => "wrong-name", Error,
        "text",
        "an entry is written with another type's name",
        "A section holds entries of one type, written with its name: `claims`
holds `Claim(...)`, `actors` holds `Actor(...)`, and so on.

    claims: [ Clam(id: \"a\", text: \"A\", kind: Fact) ]

Fix: use the name the message expects.";
    WrongType => "wrong-type", Error,
        "text",
        "a value has the wrong type, or a relation the wrong number of ids",
        "A value is not of the type its field takes: a number where a string
belongs, a string where a list belongs, or a relation with other than
the ids it joins (`Supports(\"from\", \"to\")` joins two).

Fix: write the value as the message expects.";
    InvalidId => "invalid-id", Error,
        "ids and references",
        "an id is malformed or too long",
        "Ids start with a letter or digit and use only letters, digits, `-`,
`_`, `.` and `:`; they are at most 128 bytes. They become IRIs, DOT
names and file-safe keys, so they are kept plain.

Fix: rename the node, e.g. `china-fed-up`.";
    DuplicateId => "duplicate-id", Error,
        "ids and references",
        "two nodes (or two sources) share an id",
        "Every node of a KB (actor, claim, recommendation, argument, conflict)
has its own id, across all of the KB's files; so does every source. The
message points at both definitions.

Fix: rename one of them, and the references meant for it.";
    UnknownId => "unknown-id", Error,
        "ids and references",
        "a reference names no node",
        "A relation, an argument's premises or conclusion, a conflict, a speaker,
an author or the thesis names an id no node has. The hint gives the
closest id.

Fix: correct the id, or define the node.";
    MissingSourceId => "missing-source-id", Error,
        "ids and references",
        "a KB with several sources has one without an id",
        "With one source, the source may go unnamed (it is `source`). With
several, nodes say which one they come from (`source: \"nyt\"`), so each
source needs an `id`.

Fix: give every source an id.";
    UnknownSource => "unknown-source", Error,
        "ids and references",
        "a node names a source the KB does not have",
        "A claim's or recommendation's `source` names no source of the KB.

Fix: use one of the source ids the message lists.";
    AmbiguousSource => "ambiguous-source", Error,
        "ids and references",
        "a quoted node of a KB with several sources names none",
        "With several sources, a node with a quote must say which text it quotes
(`source: \"ID\"`): the quote is checked against that text, and
coverage counts it there.

Fix: add `source` to the node.";
    UnknownWarning => "unknown-warning", Error,
        "ids and references",
        "an `allow` list names a warning argkb does not give",
        "A node's `allow` list silences named warnings on that node; a name
that is no warning's would silence nothing, so it is an error.

Fix: use one of the warning names listed (`argkb explain` lists them).";
    BadEndpoint => "bad-endpoint", Error,
        "structure",
        "a relation joins nodes of kinds it cannot join",
        "Each relation joins fixed kinds of node (docs/FORMAT.md, \"Relations\"):
`Supports` and `Attacks` run between claims and recommendations,
`Undercuts` ends at an argument or a named conflict, `Asserts` starts at
an actor, and so on. Speakers and authors are actors; a thesis is a claim
or a recommendation.

    Supports(\"china\", \"china-fed-up\")   // an actor supports nothing

Fix: the hint names the relation that fits (here `Asserts`).";
    SelfRelation => "self-relation", Error,
        "structure",
        "a relation, argument or conflict runs from a node to itself",
        "A node cannot support, attack or undercut itself, an argument's
conclusion cannot be one of its premises, and a conflict cannot target
itself or be among its own attackers.

Fix: relate the node to the one meant.";
    DuplicateRelation => "duplicate-relation", Error,
        "structure",
        "a relation, premise or attacker is given twice",
        "The same relation between the same two nodes is stated twice, or an
argument lists a premise twice, or a conflict an attacker twice. Counted
twice, it would weigh twice in rankings and queries.

Fix: remove the repetition.";
    NoPremises => "no-premises", Error,
        "structure",
        "an argument has no premises, or a conflict no attackers",
        "An argument is an inference from premises to a conclusion; a named
conflict is an attack by its attackers. Without them there is nothing to
infer or attack from.

Fix: list the premises (attackers), or write a plain relation instead.";
    EmptyText => "empty-text", Error,
        "structure",
        "a text, name or quote is empty",
        "A claim's text, an actor's name or a quote is the empty string (or only
whitespace); it would show as nothing in every answer and map.

Fix: write it, or remove the entry.";
    BadPara => "bad-para", Error,
        "structure",
        "a paragraph number is 0",
        "Paragraphs are the source's body paragraphs, counted from 1.

Fix: count from 1.";
    ImplicitWithQuote => "implicit-with-quote", Error,
        "structure",
        "a node is marked implicit but quotes the text",
        "An implicit premise is one the text leaves unstated: it has no words of
the text to quote. A node with a quote is stated.

Fix: remove `implicit: true`, or the quote.";
    MissingQuote => "missing-quote", Error,
        "source text",
        "a quote is not in the source text (check --source)",
        "With the source's text given (`check --source FILE`, or a `text` path
in the source), every quote must occur verbatim in its paragraph,
up to whitespace, quotation marks and dashes. The message shows the
nearest passage of the paragraph. The same code names a paragraph number
past the text's last body paragraph, and a body bound (`body: Body(first:
…)`) that begins no paragraph.

Fix: copy the quote from the text.";
    MisplacedQuote => "misplaced-quote", Error,
        "source text",
        "a quote is in another paragraph than `para` says",
        "The quote occurs in the source text, but in another body paragraph than
the node's `para`.

Fix: set `para` to the paragraph the message names.";
    SparqlSyntax => "sparql-syntax", Error,
        "queries",
        "a SPARQL query does not parse",
        "The query given to `argkb sparql` is not SPARQL 1.1. The prefixes aif:,
argkb:, dcterms:, kb:, rdf:, rdfs: and xsd: are declared for you.

Fix: correct the query at the place shown (docs/QUERIES.md has examples).";
    Isolated => "isolated", Warning,
        "warnings",
        "a node takes part in no relation",
        "A node nothing relates to plays no part in the argument: no query finds
it through a relation and no map connects it.

Fix: relate it (who asserts it, what it supports), remove it, or allow
the warning on it: `allow: [\"isolated\"]`.";
    Unsupported => "unsupported", Warning,
        "warnings",
        "a recommendation has no support",
        "A recommendation the text argues for normally has reasons: a `Supports`
relation or an argument concluding it.

Fix: encode the reasons the text gives, or allow the warning.";
    Unaddressed => "unaddressed", Warning,
        "warnings",
        "a recommendation is addressed to no one",
        "A recommendation urges someone to act: `AddressedTo(rec, actor)` says
who.

Fix: add the relation, or allow the warning.";
    SupportCycle => "support-cycle", Warning,
        "warnings",
        "support runs in a circle",
        "Claims support each other in a cycle; circular support proves nothing.

Fix: break the cycle, or model the mutual dependence as linked premises
of one argument.";
    OffThesis => "off-thesis", Warning,
        "warnings",
        "a claim or recommendation does not lead to the thesis",
        "When a file names its thesis, each of its claims and recommendations
should lead to it through support, attack or inference. One that does
not is either a missing relation or beside the argument.

Fix: relate it, or allow the warning on it.";
    Unattributed => "unattributed", Warning,
        "warnings",
        "nobody holds or says a claim",
        "A claim of a source nobody asserts or says (no `Asserts`, no `speaker`)
and whose source names no author has no voice: whose words it is cannot
be told. A goal nobody holds is unattributed too.

Fix: name the source's author, a speaker, or an `Asserts`.";
    UnplacedReport => "unplaced-report", Warning,
        "warnings",
        "reported speech without the author's stance",
        "A node with a `speaker` reports what someone else says; the author may
endorse, concede, reject or merely relay it, and the queries that take the
author's side need to know which.

Fix: add `stance: Relays` (or the stance the text takes).";
    UnresolvedConflict => "unresolved-conflict", Warning,
        "warnings",
        "an attack on the author's view is left unsettled",
        "A claim or recommendation the author endorses is attacked by one the
author concedes or rejects, and nothing settles the attack: no
`Prefers(target, attacker)`, no attack or undercut on the attacker from
another node the author endorses. Evaluated, the author's own view would
then stand undecided or fall (docs/MODELING.md, \"Concession,
outweighing, rebuttal\").

Fix: encode how the text answers the attack (the hint names the
`Prefers` to write), or allow the warning on the target.";
}

impl Code {
    /// Every code, in the order of the table.
    pub fn all() -> impl Iterator<Item = Code> {
        TABLE.iter().map(|e| e.code)
    }

    fn entry(self) -> &'static Entry {
        TABLE
            .iter()
            .find(|e| e.code == self)
            .expect("every code is in the table")
    }

    /// The stable name: `unknown-id`.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    pub fn severity(self) -> Severity {
        self.entry().severity
    }

    /// The family of rules that finds it (`structure`, `warnings`, …).
    pub fn family(self) -> &'static str {
        self.entry().family
    }

    pub fn summary(self) -> &'static str {
        self.entry().summary
    }

    /// The long form: what it means, an example, the fix.
    pub fn explanation(self) -> &'static str {
        self.entry().long
    }

    /// The code a name stands for.
    pub fn from_name(name: &str) -> Option<Code> {
        TABLE.iter().find(|e| e.name == name).map(|e| e.code)
    }

    /// The warnings a node's `allow` list may name.
    pub fn warnings() -> impl Iterator<Item = Code> {
        Code::all().filter(|c| c.severity() == Severity::Warning)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// docs/CODES.md: every code with its severity, family, summary and long
/// form.
pub fn reference() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n\
         Every problem argkb reports names one of these codes (`error[unknown-id]`,\n\
         `\"code\": \"unknown-id\"` in JSON). `argkb explain CODE` prints the entry;\n\
         a warning's code is also what a node's `allow` list names to silence it.\n\
         This page is written from `src/diagnostic/code.rs`.\n\n\
         | code | severity | found by | what it means |\n|---|---|---|---|\n",
    );
    for e in TABLE {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            e.name,
            e.name,
            e.severity.name(),
            e.family,
            e.summary
        ));
    }
    for e in TABLE {
        out.push_str(&format!(
            "\n## {}\n\n{} ({}): {}.\n\n```text\n{}\n```\n",
            e.name,
            e.severity.name(),
            e.family,
            e.summary,
            e.long
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::all() {
            assert!(seen.insert(c.name()), "{} twice", c.name());
            assert_eq!(Code::from_name(c.name()), Some(c));
            assert!(!c.explanation().is_empty() && !c.summary().is_empty());
            assert!(
                c.name()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{}",
                c.name()
            );
        }
        assert_eq!(Code::from_name("no-such-code"), None);
        assert_eq!(Code::warnings().count(), 8);
    }

    #[test]
    fn the_reference_documents_every_code() {
        let doc = reference();
        for c in Code::all() {
            assert!(doc.contains(&format!("\n## {}\n", c.name())), "{c}");
            assert!(doc.contains(c.explanation()), "{c}");
        }
        assert_eq!(Code::UnknownId.to_string(), "unknown-id");
        assert_eq!(Code::OffThesis.severity(), Severity::Warning);
    }

    #[test]
    fn docs_codes_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/CODES.md");
        let want = reference();
        if std::env::var_os("ARGKB_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/CODES.md is out of date: run `ARGKB_UPDATE_DOCS=1 cargo test --lib code`"
        );
    }
}
