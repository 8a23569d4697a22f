//! The whole path from inputs to a graph: read (files, folders of `.ron`
//! files, standard input, or the built-in essay), parse each file, validate
//! them together, build one graph.
//!
//! This is the only way commands obtain an `ArgGraph`, so every command sees
//! the same errors and none can run on an invalid KB. Warnings are looked
//! for only when asked (`Warnings`), and `check_all` gives `check` what it
//! reports without building the graph when no quotes need checking.

use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::graph::ArgGraph;
use crate::model::KnowledgeBase;
use crate::model::parse::parse_outlined;
use crate::ron::spans::{SpanIndex, Spans};
use crate::sys::input::{BUILTIN_NAME, Input, InputError, MAX_KB_BYTES, SourceText};
use crate::validate::{Findings, Resolved, validate, validate_resolved, validate_with};

/// A KB that loaded: its files, its graph and any warnings.
#[derive(Debug)]
pub struct Loaded {
    /// The text of each file, in the order they were read (`FileId` order).
    pub files: Vec<SourceText>,
    /// Positions of values in each file, scanned when first asked for.
    spans: std::sync::OnceLock<Vec<SpanIndex>>,
    pub graph: ArgGraph,
    /// The warnings, each at its place in the files (none when the load
    /// was asked to skip them: `Warnings::Skip`), in report order.
    pub warnings: Vec<Diagnostic>,
    /// Warnings found but not kept (`Warnings::First`).
    pub more_warnings: usize,
}

/// Whether a load looks for warnings. Errors are always found, and placed
/// in the files. Warnings need passes of their own and, to be placed, an
/// index of every value's position: on a large KB a third of the load,
/// wasted on a command that does not show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Warnings {
    /// Look for them, keep and place them all (`check --format json`,
    /// `--max-errors 0`).
    #[default]
    Report,
    /// Look for them all, but keep (and place) only the first `n` in
    /// report order and count the others (`check` and `--deny-warnings`,
    /// which show `--max-errors n` of them).
    First(usize),
    /// Errors only; `Loaded::warnings` stays empty.
    Skip,
}

impl Loaded {
    /// The span index of each file, for diagnostics after loading: the
    /// outline the parse noted, or (for a file the fast reader did not
    /// read) scanned on first use.
    pub fn indexes(&self) -> &[SpanIndex] {
        self.spans.get_or_init(|| {
            self.files
                .iter()
                .map(|f| SpanIndex::scan(&f.text))
                .collect()
        })
    }

    /// Positions of values in each file, for diagnostics after loading.
    pub fn spans(&self) -> Vec<Spans<'_>> {
        located(&self.files, self.indexes())
    }

    /// How messages name this KB: the built-in essay, a file, or files.
    pub fn name(&self) -> String {
        names(&self.files)
    }
}

/// `a.ron`, `a.ron + b.ron`, or `a.ron + 4 more files`.
pub fn names(files: &[SourceText]) -> String {
    match files {
        [] => "no KB file".to_string(),
        [one] => one.name.clone(),
        [a, b] => format!("{} + {}", a.name, b.name),
        [a, rest @ ..] => format!("{} + {} more files", a.name, rest.len()),
    }
}

#[derive(Debug, Error)]
pub enum LoadError {
    /// The text could not be read at all (exit code 2).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The text was read but is not a valid KB (exit code 1).
    #[error("{}: {}", names(files), crate::diagnostic::count(diagnostics))]
    Invalid {
        files: Vec<SourceText>,
        /// Errors and warnings, sorted by file and position.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads and loads a KB from one input.
pub fn load(input: &Input) -> Result<Loaded, LoadError> {
    load_all(std::slice::from_ref(input), MAX_KB_BYTES)
}

/// Reads and loads a KB of at most `max_bytes` per file.
pub fn load_limited(input: &Input, max_bytes: u64) -> Result<Loaded, LoadError> {
    load_all(std::slice::from_ref(input), max_bytes)
}

/// The files `inputs` name: a folder stands for its `*.ron` files, sorted
/// by name; a file named twice is read once.
pub fn expand(inputs: &[Input]) -> Result<Vec<Input>, InputError> {
    let mut out: Vec<Input> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut push = |input: Input, out: &mut Vec<Input>| {
        if let Input::File(p) = &input {
            let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            if seen.contains(&key) {
                return;
            }
            seen.push(key);
        }
        out.push(input);
    };
    for input in inputs {
        match input {
            Input::File(dir) if dir.is_dir() => {
                let err = |source| InputError::Read {
                    path: dir.display().to_string(),
                    source,
                };
                let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map_err(err)?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                    })
                    .collect();
                if files.is_empty() {
                    return Err(InputError::EmptyDir {
                        path: dir.display().to_string(),
                    });
                }
                files.sort();
                for f in files {
                    push(Input::File(f), &mut out);
                }
            }
            other => push(other.clone(), &mut out),
        }
    }
    Ok(out)
}

/// Reads and loads a KB made of every file `inputs` name (none: the
/// built-in essay), each of at most `max_bytes`.
pub fn load_all(inputs: &[Input], max_bytes: u64) -> Result<Loaded, LoadError> {
    load_all_with(inputs, max_bytes, Warnings::Report)
}

/// `load_all`, with or without the warnings.
pub fn load_all_with(
    inputs: &[Input],
    max_bytes: u64,
    warnings: Warnings,
) -> Result<Loaded, LoadError> {
    load_texts_with(read_all(inputs, max_bytes)?, warnings)
}

/// The text of every file `inputs` name (none: the built-in essay).
fn read_all(inputs: &[Input], max_bytes: u64) -> Result<Vec<SourceText>, LoadError> {
    let inputs = if inputs.is_empty() {
        vec![Input::Builtin]
    } else {
        expand(inputs)?
    };
    Ok(inputs
        .iter()
        .map(|i| SourceText::read_limited(i, max_bytes))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Loads a one-file KB from text already in memory.
pub fn load_text(source: SourceText) -> Result<Loaded, LoadError> {
    load_texts(vec![source])
}

/// Checks that a one-file KB in memory parses and validates (errors only:
/// warnings are not looked for, and no graph is built), and hands its
/// text back: what `import` does to what it is about to write.
pub fn validate_text(source: SourceText) -> Result<SourceText, LoadError> {
    let mut valid = validated(vec![source], Warnings::Skip)?;
    Ok(valid.files.remove(0))
}

/// Loads a KB from the texts of its files, already in memory.
pub fn load_texts(files: Vec<SourceText>) -> Result<Loaded, LoadError> {
    load_texts_with(files, Warnings::Report)
}

/// `load_texts`, with or without the warnings.
pub fn load_texts_with(files: Vec<SourceText>, warnings: Warnings) -> Result<Loaded, LoadError> {
    let valid = validated(files, warnings)?;
    Ok(build(valid))
}

/// What `check` needs of a KB: its files, warnings and sizes. The graph is
/// built only when a source names its text (`check` then verifies the
/// quotes against it): the counts come from the files, which saves a
/// quarter of the time on a large KB.
#[derive(Debug)]
pub enum Checked {
    Sized {
        files: Vec<SourceText>,
        warnings: Vec<Diagnostic>,
        /// Warnings found but not kept (`Warnings::First`).
        more_warnings: usize,
        sizes: crate::graph::Sizes,
        /// The parsed files, handed back so that a caller about to exit
        /// can leave them to the operating system (freeing the model of
        /// 10^6 nodes takes a tenth of a second).
        kbs: Vec<KnowledgeBase>,
    },
    Loaded(Box<Loaded>),
}

/// Reads and validates a KB for `check`, with its warnings (`Report` or
/// `First`): see `Checked`.
pub fn check_all(
    inputs: &[Input],
    max_bytes: u64,
    warnings: Warnings,
) -> Result<Checked, LoadError> {
    let files = read_all(inputs, max_bytes)?;
    let valid = validated(files, warnings)?;
    let texts = crate::model::sources::source_entries(&valid.kbs)
        .iter()
        .any(|e| e.source.text.is_some());
    if texts {
        return Ok(Checked::Loaded(Box::new(build(valid))));
    }
    Ok(Checked::Sized {
        sizes: crate::graph::Sizes::of_files(&valid.kbs),
        files: valid.files,
        warnings: valid.warnings,
        more_warnings: valid.more_warnings,
        kbs: valid.kbs,
    })
}

/// The graph of files that validated.
fn build(valid: Valid) -> Loaded {
    let mut graph = match valid.resolved {
        Some(resolved) => ArgGraph::from_resolved(valid.kbs, resolved),
        None => ArgGraph::from_files(valid.kbs),
    };
    graph.name = names(&valid.files);
    let spans = std::sync::OnceLock::new();
    if let Some(index) = valid.spans {
        let _ = spans.set(index);
    }
    Loaded {
        files: valid.files,
        spans,
        graph,
        warnings: valid.warnings,
        more_warnings: valid.more_warnings,
    }
}

/// Files that parsed and validated: their KBs and warnings.
struct Valid {
    files: Vec<SourceText>,
    kbs: Vec<KnowledgeBase>,
    /// The span index, when validation built one.
    spans: Option<Vec<SpanIndex>>,
    warnings: Vec<Diagnostic>,
    more_warnings: usize,
    /// The references as validation resolved them, for the graph's build.
    resolved: Option<Resolved>,
}

/// Each file's index with its text: the lookups.
fn located<'a>(files: &'a [SourceText], indexes: &'a [SpanIndex]) -> Vec<Spans<'a>> {
    files
        .iter()
        .zip(indexes)
        .map(|(f, index)| index.on(&f.text))
        .collect()
}

/// An index for every file: the one its parse left, else scanned now.
fn complete(files: &[SourceText], indexes: Vec<Option<SpanIndex>>) -> Vec<SpanIndex> {
    files
        .iter()
        .zip(indexes)
        .map(|(f, index)| index.unwrap_or_else(|| SpanIndex::scan(&f.text)))
        .collect()
}

/// Parses and validates `files`: the KBs and their warnings (none under
/// `Warnings::Skip`), or every error.
fn validated(files: Vec<SourceText>, warnings: Warnings) -> Result<Valid, LoadError> {
    let Parsed {
        kbs,
        spans,
        mut diagnostics,
        failed,
        partial,
    } = parse_all(&files, warnings != Warnings::Skip);
    if !diagnostics.is_empty() {
        let spans = complete(&files, spans);
        if partial {
            let inside_failed = |d: &Diagnostic| {
                d.span.as_ref().is_some_and(|l| {
                    failed[l.file]
                        .iter()
                        .any(|r| r.start <= l.range.start && l.range.end <= r.end)
                })
            };
            diagnostics.extend(
                validate(&kbs, &located(&files, &spans))
                    .into_iter()
                    .filter(|d| d.is_error() && !inside_failed(d)),
            );
        }
        crate::diagnostic::sort(&mut diagnostics);
        return Err(LoadError::Invalid { files, diagnostics });
    }
    let findings = match warnings {
        Warnings::Report => Findings::All,
        Warnings::First(n) => Findings::First(n),
        Warnings::Skip => Findings::Errors,
    };
    // Every file the fast reader read has its outline already; another
    // is scanned only to place warnings, or errors once there are some.
    let spans = if findings == Findings::Errors && spans.iter().any(Option::is_none) {
        Err(spans)
    } else {
        Ok(complete(&files, spans))
    };
    let (mut diagnostics, more_warnings, resolved) = match &spans {
        Ok(indexes) => validate_resolved(&kbs, &located(&files, indexes), findings),
        Err(_) => validate_resolved(&kbs, &[], findings),
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        if let Err(some) = spans {
            let indexes = complete(&files, some);
            diagnostics = validate_with(&kbs, &located(&files, &indexes), findings);
        }
        // Warnings on a broken KB are mostly echoes of its errors.
        diagnostics.retain(Diagnostic::is_error);
        return Err(LoadError::Invalid { files, diagnostics });
    }
    // The index that placed the warnings stays with the KB, for the
    // commands that place more (`check --source`).
    Ok(Valid {
        files,
        kbs,
        spans: spans.ok(),
        warnings: diagnostics,
        more_warnings,
        resolved,
    })
}

/// The files parsed: a KB each (a stand-in for each malformed entry), the
/// syntax and schema problems, the byte ranges of the malformed entries,
/// and whether every file's structure could be followed.
struct Parsed {
    kbs: Vec<KnowledgeBase>,
    /// The span index of each file whose parse left one: the outline the
    /// fast reader noted, or the index a failed parse scanned.
    spans: Vec<Option<SpanIndex>>,
    diagnostics: Vec<Diagnostic>,
    failed: Vec<Vec<std::ops::Range<usize>>>,
    partial: bool,
}

/// Parses `files`, noting their outlines when `outline` (to place the
/// warnings a valid KB may have).
fn parse_all(files: &[SourceText], outline: bool) -> Parsed {
    let mut kbs = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    // Malformed entries, by file: with stand-ins in `kbs`, the semantic
    // checks still run on everything that parsed.
    let mut failed: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); files.len()];
    let mut partial = true;
    let mut spans: Vec<Option<SpanIndex>> = Vec::with_capacity(files.len());
    for (file, text) in files.iter().enumerate() {
        match parse_outlined(text, file, outline) {
            Ok((kb, outline)) => {
                kbs.push(kb);
                spans.push(outline);
            }
            Err(f) => {
                diagnostics.extend(f.diagnostics);
                spans.push(f.spans.map(|s| *s));
                match f.partial {
                    Some(p) => {
                        let p = *p;
                        kbs.push(p.kb);
                        failed[file] = p.failed;
                    }
                    None => partial = false,
                }
            }
        }
    }
    Parsed {
        kbs,
        spans,
        diagnostics,
        failed,
        partial,
    }
}

/// Whether the KB loaded is the built-in essay.
pub fn is_builtin(files: &[SourceText]) -> bool {
    matches!(files, [one] if one.name == BUILTIN_NAME)
}
