//! One KB analysed for the editor: the same load the CLI runs (parse,
//! validate, graph) on the editor's texts, its diagnostics per file in
//! protocol terms, the quote checks against the source texts the KB
//! names, every id's definition and references (from the span index,
//! so they are found even in a file that does not validate), and the
//! grounded labels for hovers.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use super::position::LineIndex;
use crate::af::from_kb::Support;
use crate::af::semantics::Semantics;
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::ArgGraph;
use crate::load::{LoadError, Warnings, load_texts_with};
use crate::provenance::{SourceDoc, check_quotes};
use crate::query::eval::{Evaluation, evaluate};
use crate::ron::lexer::unescape;
use crate::ron::spans::{Seg, SpanIndex, Spans};
use crate::sys::input::{Input, SourceText};

/// What a string in the KB is to an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The `id` of an entry of this section (`claims`, `sources`, …).
    Definition(&'static str),
    /// A reference to an id (a relation's end, a premise, a speaker, …).
    Reference,
}

/// One id as written in a file.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub id: String,
    pub role: Role,
    /// The string's contents, without the quotes.
    pub range: Range<usize>,
    /// For a definition: the whole entry.
    pub entry: Option<Range<usize>>,
}

/// One file of the KB as the analysis saw it.
#[derive(Debug)]
pub struct File {
    pub path: PathBuf,
    pub uri: Url,
    pub text: String,
    pub lines: LineIndex,
    pub symbols: Vec<Symbol>,
}

impl File {
    pub fn range(&self, r: Range<usize>) -> lsp_types::Range {
        self.lines.range(&self.text, r)
    }

    /// The symbol whose string holds byte `offset` (its quotes included).
    pub fn symbol_at(&self, offset: usize) -> Option<&Symbol> {
        self.symbols
            .iter()
            .find(|s| s.range.start <= offset + 1 && offset <= s.range.end + 1)
    }
}

/// A KB analysed.
#[derive(Debug)]
pub struct Analysis {
    pub files: Vec<File>,
    /// Per file (same order), the diagnostics to publish.
    pub diagnostics: Vec<Vec<lsp_types::Diagnostic>>,
    /// The graph, when the KB validated.
    pub graph: Option<ArgGraph>,
    /// Grounded labels (support none), found when a hover first asks.
    evaluation: std::sync::OnceLock<Option<Evaluation>>,
}

/// The sections whose entries define ids, and the kind each defines.
const DEFINING: &[&str] = &[
    "actors",
    "claims",
    "recommendations",
    "arguments",
    "conflicts",
    "sources",
];

/// What role the string at `path` plays, if it names an id.
fn role_of(path: &[Seg<'_>]) -> Option<Role> {
    use Seg::{Field as F, Index as I};
    match path {
        [F(section), I(_), F("id")] => DEFINING
            .iter()
            .find(|s| *s == section)
            .map(|s| Role::Definition(s)),
        [F("meta"), F("source"), F("id")] => Some(Role::Definition("sources")),
        [F("relations"), I(_), I(0 | 1)]
        | [F("arguments"), I(_), F("premises"), I(_)]
        | [F("arguments"), I(_), F("conclusion")]
        | [F("conflicts"), I(_), F("attackers"), I(_)]
        | [F("conflicts"), I(_), F("target")]
        | [
            F("claims" | "recommendations"),
            I(_),
            F("speaker" | "source"),
        ]
        | [F("sources"), I(_), F("author")]
        | [F("meta"), F("source"), F("author")]
        | [F("meta"), F("thesis")]
        | [F("omitted"), I(_), F("source")] => Some(Role::Reference),
        _ => None,
    }
}

/// Every id written in `text`, found through its span index.
pub fn symbols(text: &str, index: &SpanIndex) -> Vec<Symbol> {
    let index = index.on(text);
    let mut out = Vec::new();
    index.walk(&mut |path, span| {
        let Some(role) = role_of(path) else {
            return;
        };
        let literal = &text[span.clone()];
        if literal.len() < 2 || !literal.starts_with('"') || !literal.ends_with('"') {
            return;
        }
        let range = span.start + 1..span.end - 1;
        let raw = &text[range.clone()];
        let id = unescape(raw).unwrap_or_else(|| raw.to_string());
        let entry = match role {
            Role::Definition(_) => index.get(&path[..path.len() - 1]),
            Role::Reference => None,
        };
        out.push(Symbol {
            id,
            role,
            range,
            entry,
        });
    });
    out
}

/// Analyses the KB made of `files` (path, text), in that order.
pub fn analyse(files: Vec<(PathBuf, String)>) -> Analysis {
    let uris: Vec<Url> = files.iter().map(|(p, _)| path_uri(p)).collect();
    let sources: Vec<SourceText> = files
        .iter()
        .map(|(p, t)| SourceText::new(p.display().to_string(), t.clone()))
        .collect();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut graph = None;
    let mut found: Option<Vec<Vec<Symbol>>> = None;
    let mut failure = None;
    // The ids are read off the span index the load built (or one scanned
    // here when the load failed): one index per file either way.
    let read_symbols = |spans: &[SpanIndex]| -> Vec<Vec<Symbol>> {
        files
            .iter()
            .zip(spans)
            .map(|((_, text), index)| symbols(text, index))
            .collect()
    };
    match load_texts_with(sources, Warnings::Report) {
        Ok(mut loaded) => {
            diags.append(&mut loaded.warnings);
            diags.extend(quote_checks(&loaded.graph, &loaded.spans(), &files));
            found = Some(read_symbols(loaded.indexes()));
            graph = Some(loaded.graph);
        }
        Err(LoadError::Invalid { diagnostics, .. }) => diags = diagnostics,
        Err(other) => failure = Some(other.to_string()),
    }
    let found = found.unwrap_or_else(|| {
        let spans: Vec<SpanIndex> = files.iter().map(|(_, t)| SpanIndex::scan(t)).collect();
        read_symbols(&spans)
    });
    let files: Vec<File> = files
        .into_iter()
        .zip(uris)
        .zip(found)
        .map(|(((path, text), uri), symbols)| File {
            symbols,
            lines: LineIndex::new(&text),
            path,
            uri,
            text,
        })
        .collect();
    let mut per_file: Vec<Vec<lsp_types::Diagnostic>> = vec![Vec::new(); files.len()];
    for d in &diags {
        let file = d.span.as_ref().map_or(0, |l| l.file);
        if let Some(list) = per_file.get_mut(file) {
            list.push(to_lsp(&files, d));
        }
    }
    if let (Some(message), Some(first)) = (failure, per_file.first_mut()) {
        first.push(lsp_types::Diagnostic {
            range: lsp_types::Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("argkb".into()),
            message,
            ..Default::default()
        });
    }
    Analysis {
        files,
        diagnostics: per_file,
        graph,
        evaluation: std::sync::OnceLock::new(),
    }
}

/// The quote checks against each source text the KB names (`text:`,
/// relative to the file that names it), as `check` runs them.
fn quote_checks(
    graph: &ArgGraph,
    spans: &[Spans<'_>],
    files: &[(PathBuf, String)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in &graph.sources {
        let Some(text) = &entry.source.text else {
            continue;
        };
        let Some((kb_path, _)) = files.get(entry.file) else {
            continue;
        };
        let path = kb_path.parent().unwrap_or(Path::new(".")).join(text);
        let Ok(source) = SourceText::read(&Input::File(path)) else {
            continue;
        };
        let body = entry.source.body.as_ref();
        if let Ok(doc) =
            SourceDoc::parse(&source, body.map(|b| (b.first.as_str(), b.last.as_str())))
        {
            out.extend(check_quotes(graph, spans, &doc, &entry.id));
        }
    }
    out
}

/// A diagnostic of the library in protocol terms: the same code, message
/// (with its help), range and related places.
fn to_lsp(files: &[File], d: &Diagnostic) -> lsp_types::Diagnostic {
    let range = match &d.span {
        Some(loc) => files
            .get(loc.file)
            .map(|f| f.range(loc.range.clone()))
            .unwrap_or_default(),
        None => lsp_types::Range::default(),
    };
    let mut message = d.message.clone();
    if !d.label.is_empty() {
        message.push_str(&format!(" ({})", d.label));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|(loc, label)| {
            let f = files.get(loc.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(f.uri.clone(), f.range(loc.range.clone())),
                message: label.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.name().to_string())),
        source: Some("argkb".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

impl Analysis {
    /// The grounded labels (support none), when the KB validated.
    pub fn evaluation(&self) -> Option<&Evaluation> {
        self.evaluation
            .get_or_init(|| {
                let g = self.graph.as_ref()?;
                evaluate(g, Semantics::Grounded, Support::None, &[], 1).ok()
            })
            .as_ref()
    }

    /// The file with this uri.
    pub fn file(&self, uri: &Url) -> Option<&File> {
        let path = uri.to_file_path().ok();
        self.files
            .iter()
            .find(|f| &f.uri == uri || path.as_ref() == Some(&f.path))
    }

    /// Where `id` is defined: the file and the symbol.
    pub fn definition(&self, id: &str) -> Option<(&File, &Symbol)> {
        self.files.iter().find_map(|f| {
            f.symbols
                .iter()
                .find(|s| s.id == id && matches!(s.role, Role::Definition(_)))
                .map(|s| (f, s))
        })
    }

    /// Every place `id` is written (its definition and its references).
    pub fn occurrences(&self, id: &str) -> Vec<(&File, &Symbol)> {
        self.files
            .iter()
            .flat_map(|f| f.symbols.iter().filter(|s| s.id == id).map(move |s| (f, s)))
            .collect()
    }

    /// Every defined id, with the section that defines it.
    pub fn defined(&self) -> HashMap<&str, &'static str> {
        let mut out = HashMap::new();
        for f in &self.files {
            for s in &f.symbols {
                if let Role::Definition(section) = s.role {
                    out.entry(s.id.as_str()).or_insert(section);
                }
            }
        }
        out
    }
}

/// The `file:` URI of a path (made absolute).
pub fn path_uri(path: &Path) -> Url {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Url::from_file_path(&absolute)
        .unwrap_or_else(|_| Url::parse("file:///unnamed.ron").expect("a constant URI parses"))
}
