//! Talking to an RDF server over HTTP: one request with the user's
//! credentials and a deadline, and the server's answer or a clear reason
//! why there is none (unreachable, timed out, refused with a status).
//!
//! Credentials come from an environment variable, never from the command
//! line (where shell history and process listings would keep them):
//! `Auth::from_env` reads `user:password` for HTTP Basic or a token for
//! Bearer. `sparql --endpoint` and `push` share this module.

use std::time::Duration;

use base64::Engine as _;
use oxhttp::model::{Method, Request, StatusCode, header};

/// How the server is told who we are.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// HTTP Basic: `user:password`.
    Basic(String),
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

// Never print a credential, even in a debug dump.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Basic(_) => f.write_str("Auth::Basic(…)"),
            Auth::Bearer(_) => f.write_str("Auth::Bearer(…)"),
        }
    }
}

/// Which kind of credential `--auth` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthKind {
    /// HTTP Basic; the variable holds `user:password`
    Basic,
    /// a bearer token; the variable holds the token
    Bearer,
}

/// The variable credentials are read from unless `--auth-env` names
/// another.
pub const DEFAULT_AUTH_ENV: &str = "ARGKB_AUTH";

impl Auth {
    /// The credential of `kind` from the environment variable `var`.
    pub fn from_env(kind: AuthKind, var: &str) -> Result<Auth, String> {
        let value = std::env::var(var).map_err(|_| {
            format!(
                "--auth {} reads the credential from the environment variable {var}, which is not set",
                kind_name(kind)
            )
        })?;
        Auth::new(kind, value, var)
    }

    fn new(kind: AuthKind, value: String, var: &str) -> Result<Auth, String> {
        match kind {
            AuthKind::Basic if !value.contains(':') => {
                Err(format!("{var} must hold `user:password` for --auth basic"))
            }
            AuthKind::Basic => Ok(Auth::Basic(value)),
            AuthKind::Bearer if value.trim().is_empty() => {
                Err(format!("{var} is empty: it must hold the bearer token"))
            }
            AuthKind::Bearer => Ok(Auth::Bearer(value.trim().to_string())),
        }
    }

    /// The `Authorization` header's value.
    fn header(&self) -> String {
        match self {
            Auth::Basic(pair) => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ),
            Auth::Bearer(token) => format!("Bearer {token}"),
        }
    }
}

fn kind_name(kind: AuthKind) -> &'static str {
    match kind {
        AuthKind::Basic => "basic",
        AuthKind::Bearer => "bearer",
    }
}

/// A server and how to reach it.
#[derive(Debug, Clone)]
pub struct Server {
    pub auth: Option<Auth>,
    /// The deadline of each request.
    pub timeout: Duration,
}

/// A server's answer: status, media type (lower case, no parameters) and
/// body.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub media_type: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// The first line of the body, for a message about a refusal.
    pub fn first_line(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let line = text.lines().map(str::trim).find(|l| !l.is_empty());
        crate::diagnostic::clip(line.unwrap_or(""), 200)
    }

    /// A refusal in words: the status, the server's first line and, for
    /// 401 and 403, what to do.
    pub fn refusal(&self) -> String {
        let mut text = format!("HTTP {}", self.status);
        let line = self.first_line();
        if !line.is_empty() {
            text.push_str(": ");
            text.push_str(&line);
        }
        if matches!(self.status.as_u16(), 401 | 403) {
            text.push_str(&format!(
                " (hint: the server wants credentials; give them with --auth basic|bearer and the variable {DEFAULT_AUTH_ENV} or --auth-env)"
            ));
        }
        text
    }
}

impl Server {
    /// Sends one request; a reply with any status is `Ok` (the caller
    /// decides what a status means); no reply is `Err` with the reason.
    pub fn send(
        &self,
        method: Method,
        url: &str,
        content_type: Option<&str>,
        accept: &str,
        body: Vec<u8>,
    ) -> Result<Reply, String> {
        let mut request = Request::builder()
            .method(method)
            .uri(url)
            .header(header::ACCEPT, accept);
        if let Some(ct) = content_type {
            request = request.header(header::CONTENT_TYPE, ct);
        }
        if let Some(auth) = &self.auth {
            request = request.header(header::AUTHORIZATION, auth.header());
        }
        let request = request.body(body).map_err(|e| e.to_string())?;
        let client = oxhttp::Client::new()
            .with_global_timeout(self.timeout)
            .with_redirection_limit(3);
        let response = client
            .request(request)
            .map_err(|e| reason(&e, self.timeout))?;
        let status = response.status();
        let media_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let body = response
            .into_body()
            .to_vec()
            .map_err(|e| reason(&e, self.timeout))?;
        Ok(Reply {
            status,
            media_type,
            body,
        })
    }
}

/// Why a request got no answer, in words: a timeout says which.
fn reason(e: &std::io::Error, timeout: Duration) -> String {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => format!(
            "no answer within {} s (raise --timeout): {e}",
            timeout.as_secs()
        ),
        std::io::ErrorKind::ConnectionRefused => {
            format!("cannot connect (is the server running?): {e}")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_base64_of_user_colon_password() {
        let auth = Auth::new(AuthKind::Basic, "Aladdin:open sesame".into(), "V").unwrap();
        assert_eq!(auth.header(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let auth = Auth::new(AuthKind::Bearer, " t0k3n\n".into(), "V").unwrap();
        assert_eq!(auth.header(), "Bearer t0k3n");
    }

    #[test]
    fn malformed_credentials_are_refused_and_never_printed() {
        let e = Auth::new(AuthKind::Basic, "secretwithoutcolon".into(), "V").unwrap_err();
        assert!(e.contains("user:password") && !e.contains("secret"), "{e}");
        assert!(Auth::new(AuthKind::Bearer, "  ".into(), "V").is_err());
        let auth = Auth::new(AuthKind::Bearer, "hunter2".into(), "V").unwrap();
        assert!(!format!("{auth:?}").contains("hunter2"));
    }

    #[test]
    fn a_closed_port_is_reported_as_unreachable() {
        // Bind a port, then free it: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Server {
            auth: None,
            timeout: Duration::from_secs(5),
        };
        let e = server
            .send(
                Method::GET,
                &format!("http://127.0.0.1:{port}/"),
                None,
                "*/*",
                Vec::new(),
            )
            .unwrap_err();
        assert!(e.contains("cannot connect"), "{e}");
    }
}
