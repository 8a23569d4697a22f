//! `argkb push`: the KB into a SPARQL server's Graph Store, then
//! `sparql --endpoint` against the in-process answers, on a real server
//! (Virtuoso Open Source, started by the test from Debian's package) and
//! on the pyoxigraph test endpoint; replace and merge; and a server that
//! is down, refuses, stops half-way, is slow, or wants credentials.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use super::sparql::endpoint_answers_cookbook;
use super::*;

/// The IRI of the graph a push gives the KB's own triples.
const KB_GRAPH: &str = "https://w3id.org/argkb/kb/";

/// Pushes (`kb`, or the essay) with `extra` options; the report's lines
/// (triples per graph) and the total.
fn push(kb: Option<&Path>, store: &str, extra: &[&str]) -> (BTreeMap<String, usize>, usize) {
    let mut cmd = argkb();
    if let Some(kb) = kb {
        cmd.arg("--kb").arg(kb);
    }
    let out = cmd
        .args(["push", "--endpoint", store])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "push {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: BTreeMap<String, usize> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (n, iri) = l.split_once('\t').expect("count<TAB>graph");
            (iri.to_string(), n.parse().unwrap())
        })
        .collect();
    let total = report.values().sum();
    let note = String::from_utf8(out.stderr).unwrap();
    assert!(
        note.contains(&format!(
            "pushed {total} triples in {} graphs",
            report.len()
        )),
        "{note}"
    );
    (report, total)
}

/// The number of triples the endpoint holds in graph `graph`, or in all
/// the graphs under the KB's IRI.
fn count(query_url: &str, graph: Option<&str>) -> usize {
    let query = match graph {
        Some(g) => format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"),
        None => format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{KB_GRAPH}\")) }}"
        ),
    };
    let out = stdout_of(&["sparql", "--endpoint", query_url, "--format", "csv", &query]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("n"), "{out}");
    lines.next().unwrap().trim().parse().unwrap()
}

/// Push, count, compare with the in-process answers, push again: what
/// every Graph Store must do alike. `except` names the cookbook queries
/// the server is known to answer differently.
fn round_trip(store: &str, query: &str, except: &dyn Fn(&str) -> bool) {
    let (report, total) = push(None, store, &[]);
    assert_eq!(
        report.keys().collect::<Vec<_>>(),
        [KB_GRAPH, "https://w3id.org/argkb/kb/source/essay"],
        "a graph for the KB and one per source"
    );
    // Every triple the export holds, and no more.
    let exported = stdout_of(&["export", "--format", "nquads"]).lines().count();
    assert_eq!(total, exported);
    assert_eq!(count(query, None), total);
    for (iri, n) in &report {
        assert_eq!(count(query, Some(iri)), *n, "{iri}");
    }
    let compared = endpoint_answers_cookbook(query, except);
    assert!(compared >= 12, "only {compared} cookbook queries compared");
    // Again, replacing, in small chunks: the same triples.
    let (_, again) = push(None, store, &["--chunk", "100"]);
    assert_eq!(again, total);
    assert_eq!(count(query, None), total);
    // A smaller KB with the same graphs replaces each of them.
    let dir = tmpdir("push-small");
    let small = dir.join("small.ron");
    let text = std::fs::read_to_string(fixture("good/minimal.ron"))
        .unwrap()
        .replace("Source(author:", "Source(id: \"essay\", author:");
    std::fs::write(&small, text).unwrap();
    let (small_report, small_total) = push(Some(&small), store, &[]);
    assert_eq!(
        small_report.keys().collect::<Vec<_>>(),
        report.keys().collect::<Vec<_>>()
    );
    assert_eq!(count(query, None), small_total);
    // Merging the essay back adds its triples to the small KB's, graph by
    // graph (the triples both hold once).
    push(None, store, &["--mode", "merge"]);
    for (iri, n) in &report {
        let merged = count(query, Some(iri));
        assert!(
            merged > *n && merged > small_report[iri] && merged <= n + small_report[iri],
            "{iri}: {merged} after merging {n} into {}",
            small_report[iri]
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // And replacing restores the essay exactly.
    push(None, store, &[]);
    assert_eq!(count(query, None), total);
    assert_eq!(endpoint_answers_cookbook(query, except), compared);
}

#[test]
fn push_then_the_endpoint_answers_as_in_process() {
    let Some(server) = python_endpoint(None) else {
        return;
    };
    assert_eq!(
        count(&server.url("query"), None),
        0,
        "the store starts empty"
    );
    round_trip(&server.url("store"), &server.url("query"), &|_| false);
}

/// A private Virtuoso server, stopped when dropped.
struct Virtuoso {
    pid: String,
    http: u16,
    dir: PathBuf,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(&self.pid).status();
        // Wait for it to go before its database is removed.
        for _ in 0..100 {
            let gone = Command::new("kill")
                .args(["-0", &self.pid])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| !s.success());
            if gone {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn virtuoso() -> Option<Virtuoso> {
    // Run at all (the exit status of `-?` varies between versions).
    let present = Command::new("virtuoso-t").arg("-?").output().is_ok()
        && Command::new("isql-vt").arg("-?").output().is_ok();
    if !needs(
        "Virtuoso Open Source is not installed (apt-get install virtuoso-opensource)",
        present,
    ) {
        return None;
    }
    let dir = tmpdir("virtuoso");
    let (http, sql) = (free_port(), free_port());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/servers/virtuoso.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(&dir)
        .arg(http.to_string())
        .arg(sql.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Virtuoso did not start: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pid = String::from_utf8(out.stdout).unwrap().trim().to_string();
    Some(Virtuoso { pid, http, dir })
}

#[test]
fn push_to_virtuoso_then_it_answers_as_in_process() {
    let Some(server) = virtuoso() else {
        return;
    };
    let store = format!("http://127.0.0.1:{}/sparql-graph-crud", server.http);
    let query = format!("http://127.0.0.1:{}/sparql", server.http);
    // Virtuoso 7.2 cannot start a transitive path from a VALUES binding
    // ("transitive start not given", or no rows); docs/SERVER.md says so.
    // Every other cookbook query must give the in-process answer.
    round_trip(&store, &query, &|q| {
        q.contains("VALUES ?side") && q.contains(")*")
    });
}

/// A one-shot HTTP server: answers the requests it gets with `replies`
/// in turn and hands back what it was sent (the head, lower-cased, and
/// the body's length).
fn scripted(replies: Vec<&'static str>) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for reply in replies {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line.trim().is_empty() {
                    break;
                }
                head.push_str(&lower);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            seen.push(format!("{head}body: {length}\n"));
            let mut stream = reader.into_inner();
            stream.write_all(reply.as_bytes()).unwrap();
        }
        seen
    });
    (port, handle)
}

const NO_CONTENT: &str = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

#[test]
fn push_and_sparql_send_credentials_from_the_environment_only() {
    let (port, seen) = scripted(vec![NO_CONTENT, NO_CONTENT]);
    let store = format!("http://127.0.0.1:{port}/store");
    let out = argkb()
        .env("ARGKB_AUTH", "ann:s3cret")
        .args(["push", "--endpoint", &store, "--auth", "basic"])
        .assert()
        .success();
    let seen = seen.join().unwrap();
    assert_eq!(seen.len(), 2, "one request per graph: {seen:?}");
    for request in &seen {
        // base64("ann:s3cret")
        assert!(
            request.contains("authorization: basic yw5uonmzy3jlda=="),
            "{request}"
        );
        assert!(request.contains("content-type: application/n-triples"));
    }
    assert!(seen[0].starts_with("put /store?graph=https%3a%2f%2fw3id.org%2fargkb%2fkb%2f "));
    let output = out.get_output();
    for stream in [&output.stdout, &output.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains("s3cret"));
    }
    // A bearer token from a variable the user names, for a query.
    let (port, seen) = scripted(vec![
        "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 26\r\nConnection: close\r\n\r\n{\"head\":{},\"boolean\":true}",
    ]);
    argkb()
        .env("TEAM_TOKEN", "tok-123")
        .args([
            "sparql",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/sparql"),
            "--auth",
            "bearer",
            "--auth-env",
            "TEAM_TOKEN",
            "ASK {}",
        ])
        .assert()
        .success()
        .stdout("true\n");
    let seen = seen.join().unwrap();
    assert!(
        seen[0].contains("authorization: bearer tok-123"),
        "{seen:?}"
    );
    assert!(seen[0].contains("content-type: application/x-www-form-urlencoded"));
    // No credential set, or a malformed one: a usage error before any
    // request.
    argkb()
        .env_remove("ARGKB_AUTH")
        .args(["push", "--endpoint", &store, "--auth", "basic"])
        .assert()
        .code(2)
        .stderr(contains("ARGKB_AUTH, which is not set"));
    argkb()
        .env("ARGKB_AUTH", "no-colon")
        .args(["push", "--endpoint", &store, "--auth", "basic"])
        .assert()
        .code(2)
        .stderr(contains("must hold `user:password`"))
        .stderr(contains("no-colon").not());
}

#[test]
fn a_push_that_fails_says_so_and_exits_2() {
    // Nobody listening.
    let port = free_port();
    argkb()
        .args([
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("cannot connect (is the server running?)"))
        .stderr(contains("nothing was written"));
    // Not a URL, or not HTTP.
    argkb()
        .args(["push", "--endpoint", "localhost:7878/store"])
        .assert()
        .code(2)
        .stderr(contains("is not a Graph Store URL"));
    argkb()
        .args(["push", "--endpoint", "ftp://example.org/store"])
        .assert()
        .code(2)
        .stderr(contains("only http and https"));
    // The server takes the first graph and rejects the second: the
    // error says what it now holds, and no report is printed.
    let (port, seen) = scripted(vec![
        NO_CONTENT,
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 22\r\nConnection: close\r\n\r\nbad triple on line 3\r\n",
    ]);
    argkb()
        .args([
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "refused graph <https://w3id.org/argkb/kb/source/essay>",
        ))
        .stderr(contains("HTTP 400 Bad Request: bad triple on line 3"))
        .stderr(contains(
            "it took 149 triples first, and 1 of 2 graphs in full",
        ))
        .stderr(contains("push again"));
    assert_eq!(seen.join().unwrap().len(), 2);
    // Credentials wanted: the hint says how to give them.
    let (port, _seen) = scripted(vec![
        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    ]);
    argkb()
        .args([
            "push",
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
        ])
        .assert()
        .code(2)
        .stderr(contains("HTTP 401 Unauthorized"))
        .stderr(contains("--auth basic|bearer"));
    // A server that does not answer in time.
    let Some(server) = python_endpoint(None) else {
        return;
    };
    argkb()
        .args(["push", "--endpoint", &server.url("slow"), "--timeout", "1"])
        .assert()
        .code(2)
        .stderr(contains("no answer within 1 s (raise --timeout)"));
}
