//! The LSP base protocol: JSON-RPC 2.0 messages, each a `Content-Length`
//! header, a blank line and a JSON body. Reading never panics and never
//! loses the stream on bad input: a body that is not JSON or not a
//! JSON-RPC message is answered with the protocol's error (parse error,
//! invalid request) and the next message is read.

use std::io::{self, BufRead, Read, Write};

use serde_json::{Value, json};

/// The largest message body read (a paste of a whole large KB fits).
pub const MAX_BODY: usize = 1 << 30;

/// A message from the client.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Request {
        id: Value,
        method: String,
        params: Value,
    },
    Notification {
        method: String,
        params: Value,
    },
    /// A reply to a request of ours (none are sent that need one).
    Response,
    /// Something that is not a JSON-RPC message: answered with this error
    /// (code, message), with the request's id when one could be read.
    Invalid {
        id: Value,
        code: i64,
        message: String,
    },
}

/// JSON-RPC's error codes.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;
pub const REQUEST_FAILED: i64 = -32803;

/// Reads the next message; `None` at the end of the stream.
pub fn read(input: &mut dyn BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    let mut bad_header = None;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() || bad_header.is_some() {
                break;
            }
            continue;
        }
        match header.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some("a header line without `:`".to_string()),
        }
    }
    let Some(length) = length.filter(|_| bad_header.is_none()) else {
        return Ok(Some(Incoming::Invalid {
            id: Value::Null,
            code: PARSE_ERROR,
            message: bad_header.unwrap_or_else(|| "no Content-Length header".into()),
        }));
    };
    if length > MAX_BODY {
        io::copy(&mut (&mut *input).take(length as u64), &mut io::sink())?;
        return Ok(Some(Incoming::Invalid {
            id: Value::Null,
            code: INVALID_REQUEST,
            message: format!("a message of {length} bytes is over the limit of {MAX_BODY}"),
        }));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(classify(&body)))
}

/// What a message body is.
fn classify(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid {
                id: Value::Null,
                code: PARSE_ERROR,
                message: format!("the message is not JSON: {e}"),
            };
        }
    };
    let Value::Object(mut m) = value else {
        return Incoming::Invalid {
            id: Value::Null,
            code: INVALID_REQUEST,
            message: "a message is a JSON object".into(),
        };
    };
    let id = m.remove("id");
    let params = m.remove("params").unwrap_or(Value::Null);
    match (m.remove("method"), id) {
        (Some(Value::String(method)), Some(id)) if id.is_string() || id.is_number() => {
            Incoming::Request { id, method, params }
        }
        (Some(Value::String(method)), None) => Incoming::Notification { method, params },
        (None, Some(_)) if m.contains_key("result") || m.contains_key("error") => {
            Incoming::Response
        }
        (_, id) => Incoming::Invalid {
            id: id
                .filter(|i| i.is_string() || i.is_number())
                .unwrap_or(Value::Null),
            code: INVALID_REQUEST,
            message: "not a JSON-RPC request or notification".into(),
        },
    }
}

/// Writes one message.
pub fn write(out: &mut dyn Write, message: &Value) -> io::Result<()> {
    let body = serde_json::to_vec(message)?;
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(&body)?;
    out.flush()
}

pub fn response(id: Value, result: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "result": result})
}

pub fn error(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

pub fn notification(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_requests_notifications_and_errors_in_a_row() {
        let stream = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            frame(r#"[1,2]"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized"}"#),
            "X-Nonsense\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":"a","result":null}"#),
            frame(r#"{"jsonrpc":"2.0","id":2,"params":{}}"#),
        ]
        .concat();
        let mut input = stream.as_bytes();
        let mut got = Vec::new();
        while let Some(m) = read(&mut input).unwrap() {
            got.push(m);
        }
        assert!(matches!(&got[0], Incoming::Request { method, .. } if method == "initialize"));
        assert!(matches!(
            &got[1],
            Incoming::Invalid {
                code: PARSE_ERROR,
                ..
            }
        ));
        assert!(matches!(
            &got[2],
            Incoming::Invalid {
                code: INVALID_REQUEST,
                ..
            }
        ));
        assert!(
            matches!(&got[3], Incoming::Notification { method, .. } if method == "initialized")
        );
        assert!(matches!(
            &got[4],
            Incoming::Invalid {
                code: PARSE_ERROR,
                ..
            }
        ));
        assert_eq!(got[5], Incoming::Response);
        assert!(
            matches!(&got[6], Incoming::Invalid { code: INVALID_REQUEST, id, .. } if *id == json!(2))
        );
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn a_truncated_body_is_an_error_not_a_hang() {
        let mut input = "Content-Length: 50\r\n\r\n{}".as_bytes();
        assert!(read(&mut input).is_err());
    }

    #[test]
    fn writes_what_it_reads() {
        let mut out = Vec::new();
        write(&mut out, &response(json!(3), json!({"a": "é"}))).unwrap();
        let mut input = out.as_slice();
        assert_eq!(read(&mut input).unwrap(), Some(Incoming::Response));
    }
}
