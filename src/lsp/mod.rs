//! `argkb lsp`: a Language Server Protocol server over standard input and
//! output, so that any LSP editor checks, navigates and completes a KB as
//! it is typed. It runs the library's own pipeline (parse, span index,
//! validate, graph, evaluation) on the editor's texts: the diagnostics are
//! `check`'s, with the same codes, ranges and related places.
//!
//! The KB of a document: the files `--kb` (or the client's
//! `initializationOptions.kb`) names, when the document is one of them,
//! else the document alone. Edits are analysed after a short quiet spell
//! on a worker thread, so that a large KB never blocks typing: requests
//! are answered from the last analysis while the next one runs.
//!
//! `transport` frames messages; `analysis` is one KB analysed; `navigate`
//! (definition, references, rename), `hover`, `complete`, `outline`
//! (document and workspace symbols) and `actions` (quick fixes) answer
//! the requests; `position` converts between byte offsets and the
//! protocol's UTF-16 positions.

pub mod actions;
pub mod analysis;
pub mod complete;
pub mod hover;
pub mod navigate;
pub mod outline;
pub mod position;
pub mod transport;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lsp_types::Url;
use serde_json::{Value, json};

use analysis::{Analysis, analyse, path_uri};
use transport::Incoming;

/// How long the text must stay unchanged before it is analysed.
pub const QUIET: Duration = Duration::from_millis(150);

/// What the server is told at start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The files of the KB (folders stand for their `.ron` files).
    pub kb: Vec<PathBuf>,
}

enum Event {
    Message(Incoming),
    Closed(Option<io::Error>),
    Analysed(Vec<PathBuf>, u64, Arc<Analysis>),
}

/// One KB's state: its files, the latest analysis, and what is pending.
#[derive(Default)]
struct Kb {
    analysis: Option<Arc<Analysis>>,
    /// The number of the latest analysis asked for.
    generation: u64,
    /// When an edit last touched it, if it waits to be analysed.
    dirty: Option<Instant>,
    running: bool,
}

struct Server {
    out: Box<dyn Write>,
    events: mpsc::Sender<Event>,
    /// The files the KB is made of (expanded), if `--kb` named some.
    kb_files: Vec<PathBuf>,
    /// Open documents: their text, by path.
    open: HashMap<PathBuf, String>,
    /// KBs by their files.
    kbs: BTreeMap<Vec<PathBuf>, Kb>,
    initialized: bool,
    shutdown: bool,
}

/// Serves one client on `input` and `output` until it exits; the exit
/// code the protocol asks for (0 after `shutdown`, else 1).
pub fn serve(
    input: Box<dyn BufRead + Send>,
    output: Box<dyn Write>,
    options: Options,
) -> io::Result<i32> {
    let (tx, rx) = mpsc::channel();
    let reader = tx.clone();
    std::thread::spawn(move || {
        let mut input = input;
        loop {
            match transport::read(&mut *input) {
                Ok(Some(m)) => {
                    if reader.send(Event::Message(m)).is_err() {
                        return;
                    }
                }
                Ok(None) => {
                    let _ = reader.send(Event::Closed(None));
                    return;
                }
                Err(e) => {
                    let _ = reader.send(Event::Closed(Some(e)));
                    return;
                }
            }
        }
    });
    let mut server = Server {
        out: output,
        events: tx,
        kb_files: expand(&options.kb),
        open: HashMap::new(),
        kbs: BTreeMap::new(),
        initialized: false,
        shutdown: false,
    };
    loop {
        let timeout = server.next_deadline();
        let event = match timeout {
            Some(t) => match rx.recv_timeout(t) {
                Ok(e) => Some(e),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(1),
            },
            None => match rx.recv() {
                Ok(e) => Some(e),
                Err(_) => return Ok(1),
            },
        };
        match event {
            None => server.start_due()?,
            // The client went away without `exit`; a broken stream is an
            // error of its own.
            Some(Event::Closed(None)) => return Ok(1),
            Some(Event::Closed(Some(e))) => return Err(e),
            Some(Event::Analysed(files, generation, analysis)) => {
                server.analysed(files, generation, analysis)?
            }
            Some(Event::Message(m)) => {
                if let Some(code) = server.message(m)? {
                    return Ok(code);
                }
            }
        }
    }
}

/// The `.ron` files `paths` name, folders expanded, made absolute.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let inputs: Vec<crate::sys::input::Input> = paths
        .iter()
        .map(|p| crate::sys::input::Input::File(p.clone()))
        .collect();
    crate::load::expand(&inputs)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i {
            crate::sys::input::Input::File(p) => Some(std::path::absolute(&p).unwrap_or(p)),
            _ => None,
        })
        .collect()
}

fn uri_path(uri: &Url) -> Option<PathBuf> {
    uri.to_file_path().ok()
}

impl Server {
    fn send(&mut self, message: &Value) -> io::Result<()> {
        transport::write(&mut *self.out, message)
    }

    /// The files of the KB `path` belongs to.
    fn kb_of(&self, path: &PathBuf) -> Vec<PathBuf> {
        if self.kb_files.contains(path) {
            self.kb_files.clone()
        } else {
            vec![path.clone()]
        }
    }

    fn next_deadline(&self) -> Option<Duration> {
        self.kbs
            .values()
            .filter(|k| !k.running)
            .filter_map(|k| k.dirty)
            .map(|t| (t + QUIET).saturating_duration_since(Instant::now()))
            .min()
    }

    /// Starts the analyses whose quiet spell is over.
    fn start_due(&mut self) -> io::Result<()> {
        let now = Instant::now();
        let due: Vec<Vec<PathBuf>> = self
            .kbs
            .iter()
            .filter(|(_, k)| !k.running && k.dirty.is_some_and(|t| now >= t + QUIET))
            .map(|(f, _)| f.clone())
            .collect();
        for files in due {
            let texts: Vec<(PathBuf, String)> = files
                .iter()
                .map(|p| {
                    let text = self
                        .open
                        .get(p)
                        .cloned()
                        .or_else(|| std::fs::read_to_string(p).ok())
                        .unwrap_or_default();
                    (p.clone(), text)
                })
                .collect();
            let kb = self.kbs.entry(files.clone()).or_default();
            kb.dirty = None;
            kb.running = true;
            kb.generation += 1;
            let generation = kb.generation;
            let events = self.events.clone();
            std::thread::spawn(move || {
                let analysis = analyse(texts);
                let _ = events.send(Event::Analysed(files, generation, Arc::new(analysis)));
            });
        }
        Ok(())
    }

    fn analysed(
        &mut self,
        files: Vec<PathBuf>,
        generation: u64,
        analysis: Arc<Analysis>,
    ) -> io::Result<()> {
        let kb = self.kbs.entry(files).or_default();
        kb.running = false;
        if generation != kb.generation {
            // Edited since: the next analysis is due.
            kb.dirty.get_or_insert_with(Instant::now);
            return Ok(());
        }
        kb.analysis = Some(analysis.clone());
        for (file, diags) in analysis.files.iter().zip(&analysis.diagnostics) {
            let params = json!({"uri": file.uri, "diagnostics": diags});
            self.send(&transport::notification(
                "textDocument/publishDiagnostics",
                params,
            ))?;
        }
        Ok(())
    }

    /// Marks the KB of `path` for analysis; an analysis already running
    /// is of an older text, and its result is dropped.
    fn touch(&mut self, path: &PathBuf) {
        let files = self.kb_of(path);
        let kb = self.kbs.entry(files).or_default();
        kb.dirty = Some(Instant::now());
        kb.generation += 1;
    }

    /// Handles one message; `Some(code)` when the server is to exit.
    fn message(&mut self, m: Incoming) -> io::Result<Option<i32>> {
        match m {
            Incoming::Invalid { id, code, message } => {
                self.send(&transport::error(id, code, &message))?;
            }
            Incoming::Response => {}
            Incoming::Notification { method, params } => return self.notification(&method, params),
            Incoming::Request { id, method, params } => {
                let reply = if method == "initialize" {
                    self.initialize(params)
                } else if !self.initialized {
                    Err((-32002, "the server is not initialized".to_string()))
                } else if self.shutdown {
                    Err((
                        transport::INVALID_REQUEST,
                        "the server is shutting down".into(),
                    ))
                } else if method == "shutdown" {
                    self.shutdown = true;
                    Ok(Value::Null)
                } else {
                    self.request(&method, params)
                };
                let message = match reply {
                    Ok(result) => transport::response(id, result),
                    Err((code, text)) => transport::error(id, code, &text),
                };
                self.send(&message)?;
            }
        }
        Ok(None)
    }

    fn initialize(&mut self, params: Value) -> Result<Value, (i64, String)> {
        if let Some(kb) = params
            .pointer("/initializationOptions/kb")
            .and_then(Value::as_array)
        {
            let paths: Vec<PathBuf> = kb
                .iter()
                .filter_map(Value::as_str)
                .map(PathBuf::from)
                .collect();
            self.kb_files.extend(expand(&paths));
        }
        self.initialized = true;
        Ok(json!({
            "capabilities": {
                "textDocumentSync": {"openClose": true, "change": 1},
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": {"prepareProvider": true},
                "completionProvider": {"triggerCharacters": ["\""]},
                "documentSymbolProvider": true,
                "workspaceSymbolProvider": true,
                "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            },
            "serverInfo": {"name": "argkb", "version": env!("CARGO_PKG_VERSION")},
        }))
    }

    fn notification(&mut self, method: &str, params: Value) -> io::Result<Option<i32>> {
        match method {
            "exit" => return Ok(Some(if self.shutdown { 0 } else { 1 })),
            "textDocument/didOpen" => {
                let doc = &params["textDocument"];
                if let (Some(path), Some(text)) = (
                    doc["uri"]
                        .as_str()
                        .and_then(|u| Url::parse(u).ok())
                        .as_ref()
                        .and_then(uri_path),
                    doc["text"].as_str(),
                ) {
                    self.open.insert(path.clone(), text.to_string());
                    self.touch(&path);
                }
            }
            "textDocument/didChange" => {
                let uri = params["textDocument"]["uri"]
                    .as_str()
                    .and_then(|u| Url::parse(u).ok());
                // Full sync: the last change holds the whole text.
                let text = params["contentChanges"]
                    .as_array()
                    .and_then(|c| c.last())
                    .and_then(|c| c["text"].as_str());
                if let (Some(path), Some(text)) = (uri.as_ref().and_then(uri_path), text) {
                    self.open.insert(path.clone(), text.to_string());
                    self.touch(&path);
                }
            }
            "textDocument/didClose" => {
                if let Some(path) = params["textDocument"]["uri"]
                    .as_str()
                    .and_then(|u| Url::parse(u).ok())
                    .as_ref()
                    .and_then(uri_path)
                {
                    self.open.remove(&path);
                    self.touch(&path);
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                let files: Vec<Vec<PathBuf>> = self.kbs.keys().cloned().collect();
                for f in files {
                    self.kbs.entry(f).or_default().dirty = Some(Instant::now());
                }
            }
            _ => {}
        }
        Ok(None)
    }

    /// The latest analysis of the KB `uri` belongs to, and its file.
    fn analysis_of(&self, uri: &Url) -> Option<Arc<Analysis>> {
        let path = uri_path(uri)?;
        self.kbs.get(&self.kb_of(&path))?.analysis.clone()
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, (i64, String)> {
        let bad = |e: serde_json::Error| (transport::INVALID_PARAMS, e.to_string());
        let to_value = |v: serde_json::Result<Value>| {
            v.map_err(|e| (transport::REQUEST_FAILED, e.to_string()))
        };
        macro_rules! with_file {
            ($params:ty, |$p:ident, $a:ident, $f:ident| $body:expr) => {{
                let $p: $params = serde_json::from_value(params).map_err(bad)?;
                let uri = $p.text_document_position_params_uri();
                let Some($a) = self.analysis_of(&uri) else {
                    return Ok(Value::Null);
                };
                let Some($f) = $a.file(&uri) else {
                    return Ok(Value::Null);
                };
                to_value(serde_json::to_value($body))
            }};
        }
        match method {
            "textDocument/definition" => with_file!(lsp_types::GotoDefinitionParams, |p, a, f| {
                navigate::definition(&a, f, p.text_document_position_params.position)
            }),
            "textDocument/references" => with_file!(lsp_types::ReferenceParams, |p, a, f| {
                navigate::references(
                    &a,
                    f,
                    p.text_document_position.position,
                    p.context.include_declaration,
                )
            }),
            "textDocument/hover" => with_file!(lsp_types::HoverParams, |p, a, f| {
                hover::hover(&a, f, p.text_document_position_params.position)
            }),
            "textDocument/prepareRename" => {
                with_file!(lsp_types::TextDocumentPositionParams, |p, a, f| {
                    navigate::prepare_rename(f, p.position)
                })
            }
            "textDocument/rename" => {
                let p: lsp_types::RenameParams = serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document_position.text_document.uri.clone();
                let Some(a) = self.analysis_of(&uri) else {
                    return Err((
                        transport::REQUEST_FAILED,
                        "the KB is not analysed yet".into(),
                    ));
                };
                let Some(f) = a.file(&uri) else {
                    return Err((
                        transport::REQUEST_FAILED,
                        "the file is not analysed yet".into(),
                    ));
                };
                let edit = navigate::rename(&a, f, p.text_document_position.position, &p.new_name)
                    .map_err(|e| (transport::REQUEST_FAILED, e))?;
                to_value(serde_json::to_value(edit))
            }
            "textDocument/completion" => {
                let p: lsp_types::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document_position.text_document.uri;
                let path = uri_path(&uri);
                let Some(text) = path.as_ref().and_then(|p| self.open.get(p)) else {
                    return Ok(Value::Null);
                };
                let a = self.analysis_of(&uri);
                to_value(serde_json::to_value(complete::complete(
                    a.as_deref(),
                    text,
                    p.text_document_position.position,
                )))
            }
            "textDocument/documentSymbol" => {
                let p: lsp_types::DocumentSymbolParams =
                    serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document.uri;
                let Some(a) = self.analysis_of(&uri) else {
                    return Ok(Value::Null);
                };
                let Some(f) = a.file(&uri) else {
                    return Ok(Value::Null);
                };
                to_value(serde_json::to_value(outline::document_symbols(&a, f)))
            }
            "workspace/symbol" => {
                let p: lsp_types::WorkspaceSymbolParams =
                    serde_json::from_value(params).map_err(bad)?;
                let all: Vec<Arc<Analysis>> = self
                    .kbs
                    .values()
                    .filter_map(|k| k.analysis.clone())
                    .collect();
                let refs: Vec<&Analysis> = all.iter().map(|a| &**a).collect();
                to_value(serde_json::to_value(outline::workspace_symbols(
                    &refs, &p.query, 500,
                )))
            }
            "textDocument/codeAction" => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                let uri = p.text_document.uri;
                let path = uri_path(&uri);
                let Some(text) = path.as_ref().and_then(|p| self.open.get(p)) else {
                    return Ok(json!([]));
                };
                to_value(serde_json::to_value(actions::actions(
                    &uri,
                    text,
                    &p.context.diagnostics,
                )))
            }
            _ => Err((
                transport::METHOD_NOT_FOUND,
                format!("argkb lsp does not handle `{method}`"),
            )),
        }
    }
}

/// The document a positional request is about.
trait PositionUri {
    fn text_document_position_params_uri(&self) -> Url;
}

impl PositionUri for lsp_types::GotoDefinitionParams {
    fn text_document_position_params_uri(&self) -> Url {
        self.text_document_position_params.text_document.uri.clone()
    }
}

impl PositionUri for lsp_types::ReferenceParams {
    fn text_document_position_params_uri(&self) -> Url {
        self.text_document_position.text_document.uri.clone()
    }
}

impl PositionUri for lsp_types::HoverParams {
    fn text_document_position_params_uri(&self) -> Url {
        self.text_document_position_params.text_document.uri.clone()
    }
}

impl PositionUri for lsp_types::TextDocumentPositionParams {
    fn text_document_position_params_uri(&self) -> Url {
        self.text_document.uri.clone()
    }
}

/// The URI the server gives a path (for tests and clients).
pub fn uri_of(path: &std::path::Path) -> Url {
    path_uri(path)
}
