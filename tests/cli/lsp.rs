//! `argkb lsp`, driven over standard input and output as an editor drives
//! it: initialize, open, a typo's diagnostic and its fix, definition
//! across files, references, hover, completion, rename, symbols, bad
//! messages, shutdown and exit.

use super::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Value>,
    /// Notifications read while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Client {
    fn start(kb: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("--kb")
            .arg(kb)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                let mut line = String::new();
                loop {
                    line.clear();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(n) = l.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let v = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.raw(&frame(&serde_json::to_vec(&v).unwrap()));
    }

    fn next(&mut self) -> Value {
        self.incoming
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// Sends a request; its response (result or error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let v = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.raw(&frame(&serde_json::to_vec(&v).unwrap()));
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_some() {
                self.backlog.push(m);
            } else if m["id"] == id {
                return m;
            }
        }
    }

    /// Waits for diagnostics of `uri` that satisfy `want`; the last ones.
    fn diagnostics(&mut self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut pending = std::mem::take(&mut self.backlog);
        loop {
            for m in pending.drain(..) {
                if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                    let d = m["params"]["diagnostics"].as_array().unwrap().clone();
                    if want(&d) {
                        return d;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "no diagnostics as wanted for {uri}"
            );
            pending.push(self.next());
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The line and UTF-16 column of the first `needle` in `text` (ASCII).
fn pos(text: &str, needle: &str) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the text"));
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn at(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

#[test]
fn an_editor_session_checks_navigates_completes_and_renames() {
    let dir = tmpdir("lsp");
    for f in [
        "actors.ron",
        "op-ed.ron",
        "op-ed.txt",
        "reply.ron",
        "reply.txt",
    ] {
        std::fs::copy(fixture("multi").join(f), dir.join(f)).unwrap();
    }
    let dir = dir.canonicalize().unwrap();
    let reply = dir.join("reply.ron");
    let op_ed = dir.join("op-ed.ron");
    let reply_uri = uri(&reply);
    let text = std::fs::read_to_string(&reply).unwrap();
    let mut c = Client::start(&dir);

    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["result"]["capabilities"];
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "completionProvider",
        "renameProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "codeActionProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap}: {init}");
    }
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": reply_uri, "languageId": "ron", "version": 1, "text": text}}),
    );
    // The fixture is a valid KB whose quotes match its texts.
    c.diagnostics(&reply_uri, |d| d.is_empty());

    // A typo in a reference: an unknown-id error on exactly that string,
    // with the closest id as its fix.
    let typo = text.replacen(
        "Attacks(\"china-props-up\", \"china-fed-up\")",
        "Attacks(\"china-props-up\", \"china-fed-uq\")",
        1,
    );
    assert_ne!(typo, text);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reply_uri, "version": 2}, "contentChanges": [{"text": typo}]}),
    );
    let diags = c.diagnostics(&reply_uri, |d| !d.is_empty());
    let d = diags
        .iter()
        .find(|d| d["code"] == "unknown-id")
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(d["severity"], 1);
    let start = pos(&typo, "\"china-fed-uq\"");
    assert_eq!(d["range"]["start"], start, "{d}");
    assert_eq!(d["range"]["end"]["line"], start["line"]);
    assert_eq!(
        d["range"]["end"]["character"].as_u64().unwrap() - start["character"].as_u64().unwrap(),
        "\"china-fed-uq\"".len() as u64,
        "{d}"
    );
    let fix = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": reply_uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let edit = &fix["result"][0]["edit"]["changes"][&reply_uri][0];
    assert_eq!(edit["newText"], "\"china-fed-up\"", "{fix}");

    // Back to the valid text: the diagnostic goes.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reply_uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics(&reply_uri, |d| d.is_empty());

    // Definition across files: the id is defined in op-ed.ron.
    let reference = pos(&text, "\"china-fed-up\")");
    let mut inside = reference.clone();
    inside["character"] = json!(inside["character"].as_u64().unwrap() + 3);
    let def = c.request("textDocument/definition", at(&reply_uri, inside.clone()));
    let op_text = std::fs::read_to_string(&op_ed).unwrap();
    assert_eq!(def["result"]["uri"], uri(&op_ed), "{def}");
    let mut id_pos = pos(&op_text, "id: \"china-fed-up\"");
    id_pos["character"] = json!(id_pos["character"].as_u64().unwrap() + 5);
    assert_eq!(def["result"]["range"]["start"], id_pos, "{def}");

    // References: every place the id is written, in both files.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": reply_uri}, "position": inside, "context": {"includeDeclaration": true}}),
    );
    let written =
        op_text.matches("\"china-fed-up\"").count() + text.matches("\"china-fed-up\"").count();
    assert_eq!(refs["result"].as_array().unwrap().len(), written, "{refs}");

    // Hover: the node's card with its label and why.
    let hover = c.request("textDocument/hover", at(&reply_uri, inside.clone()));
    let card = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        card.contains("claim") && card.contains("China is fed up with North Korea"),
        "{card}"
    );
    assert!(card.contains("grounded: **"), "{card}");
    assert!(
        card.contains("> China is fed up with its client (¶1)"),
        "{card}"
    );

    // Completion of an id being typed.
    let typing = text.replacen(
        "AddressedTo(\"dont-count-on-china\", \"us\")",
        "AddressedTo(\"dont-count-on-china\", \"chi",
        1,
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reply_uri, "version": 4}, "contentChanges": [{"text": typing}]}),
    );
    let mut cursor = pos(&typing, "\"chi,");
    cursor["character"] = json!(cursor["character"].as_u64().unwrap() + 4);
    let done = c.request("textDocument/completion", at(&reply_uri, cursor));
    let labels: Vec<&str> = done["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"china"), "{labels:?}");
    assert!(
        labels.contains(&"china-fed-up") && !labels.contains(&"us"),
        "{labels:?}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reply_uri, "version": 5}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics(&reply_uri, |d| d.is_empty());

    // Rename across files; refused onto an existing id.
    let renamed = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": reply_uri}, "position": inside, "newName": "china-weary"}),
    );
    let changes = renamed["result"]["changes"]
        .as_object()
        .unwrap_or_else(|| panic!("{renamed}"));
    assert!(
        changes.contains_key(&reply_uri) && changes.contains_key(&uri(&op_ed)),
        "{renamed}"
    );
    let edits: usize = changes.values().map(|e| e.as_array().unwrap().len()).sum();
    assert_eq!(edits, written);
    let refused = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": reply_uri}, "position": inside, "newName": "ask-china"}),
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already an id"),
        "{refused}"
    );

    // Outline and workspace search.
    let outline = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": reply_uri}}),
    );
    let sections: Vec<&str> = outline["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        ["sources", "claims", "recommendations"],
        "{outline}"
    );
    let claims = &outline["result"][1]["children"];
    assert_eq!(claims[0]["name"], "china-props-up");
    let found = c.request("workspace/symbol", json!({"query": "props up"}));
    assert_eq!(found["result"][0]["name"], "china-props-up", "{found}");

    // Bad messages get the protocol's errors, and the session goes on.
    c.raw(&frame(b"{this is not json"));
    let e = c.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700, "{e}");
    let unknown = c.request("textDocument/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = c.request("textDocument/hover", json!({"nonsense": 1}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    // Text that is not a KB at all: a located error, no crash.
    let junk = "x".repeat(4 << 20);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reply_uri, "version": 6}, "contentChanges": [{"text": junk}]}),
    );
    let d = c.diagnostics(&reply_uri, |d| d.iter().any(|x| x["severity"] == 1));
    assert_eq!(
        d[0]["range"]["start"],
        json!({"line": 0, "character": 0}),
        "{d:?}"
    );

    let bye = c.request("shutdown", Value::Null);
    assert!(
        bye["result"].is_null() && bye.get("error").is_none(),
        "{bye}"
    );
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1_and_no_request_before_initialize() {
    let dir = tmpdir("lsp-early");
    let mut c = Client::start(&dir);
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}
