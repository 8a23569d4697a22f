//! `argkb sparql` and the RDF exports: the cookbook's answers, results
//! formats, syntax errors, rdflib and a real SPARQL endpoint.

use super::*;

/// The queries of docs/QUERIES.md with the answers the page prints.
fn cookbook() -> Vec<(String, String)> {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/QUERIES.md"))
            .unwrap();
    let mut out = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("```sparql\n") {
        let after = &rest[start + "```sparql\n".len()..];
        let end = after.find("\n```\n").unwrap();
        let query = after[..end].to_string();
        let after = &after[end + 5..];
        let t = after
            .find("```text\n")
            .expect("every query shows its answer");
        assert!(
            after[..t].trim().is_empty(),
            "the answer follows its query directly"
        );
        let after = &after[t + "```text\n".len()..];
        let end = after.find("```\n").unwrap();
        out.push((query, after[..end].to_string()));
        rest = &after[end..];
    }
    out
}

/// Whether a cookbook query builds triples (its answer is Turtle).
fn constructs(query: &str) -> bool {
    query.trim_start().starts_with("CONSTRUCT") || query.trim_start().starts_with("DESCRIBE")
}

#[test]
fn sparql_cookbook_answers_match() {
    let queries = cookbook();
    assert!(
        queries.len() >= 12,
        "the cookbook has {} queries",
        queries.len()
    );
    for (query, answer) in &queries {
        let mut cmd = argkb();
        cmd.arg("sparql");
        if !constructs(query) {
            cmd.args(["--format", "table"]);
        }
        let got = cmd
            .arg(query)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(String::from_utf8(got).unwrap(), *answer, "query:\n{query}");
    }
}

#[test]
fn sparql_results_formats_and_exit_codes() {
    let q = "SELECT ?c ?para WHERE { ?c argkb:attacks kb:strategic-patience ; argkb:para ?para } ORDER BY ?c";
    // SPARQL 1.1 JSON, with the bindings typed.
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["sparql", "--format", "json", q])).unwrap();
    assert_eq!(json["head"]["vars"], serde_json::json!(["c", "para"]));
    let rows = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["c"]["value"],
        "https://w3id.org/argkb/kb/nk-wont-solve-itself"
    );
    assert_eq!(
        rows[0]["para"]["datatype"],
        "http://www.w3.org/2001/XMLSchema#integer"
    );
    // CSV and TSV per the SPARQL 1.1 results formats; TSV is the default
    // into a pipe.
    assert_eq!(
        stdout_of(&["sparql", "--format", "csv", q]),
        "c,para\r\nhttps://w3id.org/argkb/kb/nk-wont-solve-itself,13\r\nhttps://w3id.org/argkb/kb/too-much-patience,13\r\n"
    );
    assert_eq!(
        stdout_of(&["sparql", q]),
        "?c\t?para\n<https://w3id.org/argkb/kb/nk-wont-solve-itself>\t13\n<https://w3id.org/argkb/kb/too-much-patience>\t13\n"
    );
    // Every answer ends its last line (the results serialisers do not).
    assert_eq!(
        stdout_of(&["sparql", "ASK { ?a argkb:attacks ?b }"]),
        "true\n"
    );
    assert!(stdout_of(&["sparql", "--format", "json", q]).ends_with("}\n"));
    assert!(stdout_of(&["sparql", "--format", "xml", q]).ends_with("</sparql>\n"));
    // An empty answer and a `false` exit 1; the header is still written.
    argkb()
        .args([
            "sparql",
            "--format",
            "table",
            "SELECT ?x WHERE { ?x argkb:attacks kb:nothing }",
        ])
        .assert()
        .code(1)
        .stdout("x\n-\n")
        .stderr(contains("no solution"));
    argkb()
        .args(["sparql", "ASK { kb:thesis-x argkb:attacks ?y }"])
        .assert()
        .code(1);
    // A SELECT cannot be Turtle.
    argkb()
        .args(["sparql", "--format", "turtle", q])
        .assert()
        .code(2)
        .stderr(contains("use table, json, csv, tsv or xml"));
    // A query from a file, and from standard input.
    let dir = tmpdir("sparql-file");
    let file = dir.join("q.rq");
    std::fs::write(&file, q).unwrap();
    assert_eq!(
        stdout_of(&["sparql", "--format", "csv", "-f", file.to_str().unwrap()]),
        stdout_of(&["sparql", "--format", "csv", q])
    );
    argkb()
        .args(["sparql", "--format", "csv", "-f", "-"])
        .write_stdin(q)
        .assert()
        .success()
        .stdout(contains("too-much-patience,13"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sparql_syntax_errors_point_at_the_query_and_timeouts_stop_it() {
    let dir = tmpdir("sparql-bad");
    let file = dir.join("bad.rq");
    std::fs::write(&file, "SELECT ?x\n  WHER { ?x argkb:attacks ?y }\n").unwrap();
    argkb()
        .args(["sparql", "-f", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("bad.rq:2:8"))
        .stderr(contains("expected WHERE"))
        .stderr(contains("expected"))
        .stderr(contains("the SPARQL query does not parse"));
    argkb()
        .args(["sparql", "SELECT ?x WHER { ?x ?p ?o }"])
        .assert()
        .code(2)
        .stderr(contains("<query>:1:16"));
    // Four copies of every triple joined: far more than a second's work.
    argkb()
        .args([
            "sparql",
            "--timeout",
            "1",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        ])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(contains("ran past its timeout of 1 s"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rdf_exports_are_deterministic_and_nquads_has_a_graph_per_source() {
    let ttl = stdout_of(&["export", "--format", "turtle"]);
    assert_eq!(ttl, stdout_of(&["export", "--format", "turtle"]));
    assert!(ttl.contains("kb:china-fed-up a aif:I-node , argkb:Claim ;"));
    let nt = stdout_of(&["export", "--format", "ntriples"]);
    let nq = stdout_of(&["export", "--format", "nquads"]);
    assert_eq!(nt.lines().count(), nq.lines().count());
    let in_essay = nq
        .lines()
        .filter(|l| l.ends_with(" <https://w3id.org/argkb/kb/source/essay> ."))
        .count();
    // Claims, recommendations, arguments and their relations are the
    // essay's; actors and the KB's description are in the default graph.
    assert!(in_essay > nq.lines().count() / 2, "{in_essay}");
    assert!(nq.contains(
        "<https://w3id.org/argkb/kb/kim> <https://w3id.org/argkb/ns#leads> <https://w3id.org/argkb/kb/north-korea> .\n"
    ));
    // --base moves every data IRI; a base that cannot take ids is refused.
    let based = stdout_of(&[
        "export",
        "--format",
        "ntriples",
        "--base",
        "https://example.org/kb#",
    ]);
    assert!(based.contains("<https://example.org/kb#china-fed-up>"));
    assert!(!based.contains("w3id.org/argkb/kb/"));
    argkb()
        .args([
            "export",
            "--format",
            "turtle",
            "--base",
            "https://example.org/kb",
        ])
        .assert()
        .code(2)
        .stderr(contains("must end in `/` or `#`"));
}

#[test]
fn turtle_export_loads_in_rdflib_with_the_same_triples() {
    if !needs(
        "python3 with rdflib is not installed (pip install rdflib)",
        python_module("rdflib"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import rdflib"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with rdflib is missing: CI must install it (.ci/run does)"
    );
    let dir = tmpdir("rdflib");
    let hostile = dir.join("hostile.ron");
    std::fs::write(&hostile, argkb::model::synth::hostile(7)).unwrap();
    for (kb, name) in [
        (None, "essay"),
        (Some(fixture("good/minimal.ron")), "minimal"),
        (Some(hostile.clone()), "hostile"),
    ] {
        let mut args = vec![];
        if let Some(kb) = &kb {
            args.extend(["--kb".to_string(), kb.display().to_string()]);
        }
        let run = |format: &str| {
            let mut a = args.clone();
            a.extend(["export".into(), "--format".into(), format.into()]);
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            stdout_of(&a)
        };
        let ttl = dir.join(format!("{name}.ttl"));
        let nt = dir.join(format!("{name}.nt"));
        std::fs::write(&ttl, run("turtle")).unwrap();
        std::fs::write(&nt, run("ntriples")).unwrap();
        // rdflib, a second implementation, parses both; the graphs are
        // isomorphic and have as many triples as argkb wrote N-Triples lines.
        let script = r#"
import sys, rdflib
from rdflib.compare import isomorphic
a = rdflib.Graph().parse(sys.argv[1], format="turtle")
b = rdflib.Graph().parse(sys.argv[2], format="nt")
print(len(a), len(b), isomorphic(a, b))
"#;
        let out = Command::new("python3")
            .args(["-c", script, ttl.to_str().unwrap(), nt.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = std::fs::read_to_string(&nt).unwrap().lines().count();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().trim(),
            format!("{lines} {lines} True"),
            "{name}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Asserts that the SPARQL endpoint at `url` gives the cookbook's answers
/// (graphs compared as sets of triples), but for the queries `except`
/// names; how many it compared.
pub fn endpoint_answers_cookbook(url: &str, except: &dyn Fn(&str) -> bool) -> usize {
    let mut compared = 0;
    for (query, answer) in cookbook() {
        if except(&query) {
            continue;
        }
        compared += 1;
        let mut cmd = argkb();
        cmd.args(["sparql", "--endpoint", url]);
        if constructs(&query) {
            // Triples come back in the server's order: compare them as sets.
            let got = cmd
                .args(["--format", "ntriples", &query])
                .assert()
                .success();
            let mut remote: Vec<String> = String::from_utf8(got.get_output().stdout.clone())
                .unwrap()
                .lines()
                .map(String::from)
                .collect();
            let local = stdout_of(&["sparql", "--format", "ntriples", &query]);
            let mut local: Vec<String> = local.lines().map(String::from).collect();
            remote.sort();
            local.sort();
            assert_eq!(remote, local, "query:\n{query}");
            assert!(!local.is_empty());
        } else {
            let got = cmd.args(["--format", "table", &query]).assert().success();
            assert_eq!(
                String::from_utf8(got.get_output().stdout.clone()).unwrap(),
                answer,
                "query:\n{query}"
            );
        }
    }
    compared
}

#[test]
fn sparql_endpoint_gives_the_cookbook_answers() {
    let dir = tmpdir("endpoint");
    let data = dir.join("essay.nq");
    std::fs::write(&data, stdout_of(&["export", "--format", "nquads"])).unwrap();
    let Some(server) = python_endpoint(Some(&data)) else {
        return;
    };
    let url = server.url("query");
    assert_eq!(
        endpoint_answers_cookbook(&url, &|_| false),
        cookbook().len()
    );
    // The server's own error comes through, and a query that does not
    // parse never leaves argkb.
    argkb()
        .args([
            "sparql",
            "--endpoint",
            &url,
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ])
        .assert()
        .code(2)
        .stderr(contains("the SPARQL endpoint"));
    argkb()
        .args(["sparql", "--endpoint", &url, "SELEC ?x"])
        .assert()
        .code(2)
        .stderr(contains("<query>:1:9"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn named_conflicts_reach_rdf_sparql_and_json() {
    let kb = fixture("good/conflicts.ron");
    let kb = kb.to_str().unwrap();
    // N-Triples: a CA-node with its attacker and target.
    let nt = stdout_of(&["--kb", kb, "export", "--format", "ntriples"]);
    let base = "https://w3id.org/argkb/kb/";
    let aif = "http://www.arg.dundee.ac.uk/aif#";
    for triple in [
        format!(
            "<{base}study-vs-expert> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{aif}CA-node> ."
        ),
        format!("<{base}study-vs-expert> <{aif}Conflicting> <{base}study> ."),
        format!("<{base}study-vs-expert> <{aif}Conflicted> <{base}safe> ."),
        format!(
            "<{base}other-dose> <https://w3id.org/argkb/ns#undercuts> <{base}study-vs-expert> ."
        ),
    ] {
        assert!(nt.lines().any(|l| l == triple), "missing {triple}\n{nt}");
    }
    // SPARQL sees attacks on attacks.
    let answer = stdout_of(&[
        "--kb",
        kb,
        "sparql",
        "--format",
        "csv",
        "SELECT ?who ?conflict WHERE { ?who argkb:undercuts ?conflict . ?conflict a aif:CA-node } ORDER BY ?who",
    ]);
    assert_eq!(
        answer.replace("\r\n", "\n"),
        format!("who,conflict\n{base}other-dose,{base}study-vs-expert\n")
    );
    // The JSON export lists the conflict's attackers and target.
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", "json"])).unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "study-vs-expert")
        .unwrap();
    assert_eq!(node["kind"], "conflict");
    assert_eq!(node["attackers"], serde_json::json!(["study"]));
    assert_eq!(node["target"], "safe");
}

/// Whether the Oxigraph CLI runs (`$ARGKB_OXIGRAPH`, else on the PATH).
fn oxigraph_present() -> bool {
    let program = std::env::var_os("ARGKB_OXIGRAPH")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "oxigraph".into());
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_disk_store_is_built_once_per_kb_content_and_gives_the_cookbook_answers() {
    if !needs(
        "the Oxigraph CLI is not installed (pip install oxigraph)",
        oxigraph_present(),
    ) {
        return;
    }
    let dir = tmpdir("disk-store");
    let kb = dir.join("essay.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/essay.ron"),
        &kb,
    )
    .unwrap();
    let stores = dir.join("stores");
    let kb_arg = kb.to_str().unwrap();
    let store_arg = stores.to_str().unwrap();
    let stores_now = || std::fs::read_dir(&stores).map_or(0, |d| d.count());
    // `sparql` on the disk store of `kb`.
    let disk = |kb: &str| {
        let mut cmd = argkb();
        cmd.args([
            "--kb",
            kb,
            "sparql",
            "--store",
            "disk",
            "--store-dir",
            store_arg,
        ]);
        cmd
    };
    let run = |query: &str, format: &str| {
        disk(kb_arg)
            .args(["--format", format, query])
            .output()
            .unwrap()
    };
    // The first query builds the store and says so; the answers are the
    // cookbook's, then from the same store without a rebuild.
    let queries = cookbook();
    let first = run(&queries[0].0, "table");
    assert!(first.status.success());
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("built the query store"),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(stores_now(), 1);
    for (query, answer) in &queries {
        let got = run(
            query,
            if constructs(query) {
                "ntriples"
            } else {
                "table"
            },
        );
        assert!(
            got.status.success(),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&got.stderr).contains("built the query store"),
            "an unchanged KB reuses its store"
        );
        let got = String::from_utf8(got.stdout).unwrap();
        if constructs(query) {
            let mut remote: Vec<&str> = got.lines().collect();
            let local = stdout_of(&["sparql", "--format", "ntriples", query]);
            let mut local: Vec<&str> = local.lines().collect();
            remote.sort_unstable();
            local.sort_unstable();
            assert_eq!(remote, local, "query:\n{query}");
        } else {
            assert_eq!(&got, answer, "query:\n{query}");
        }
    }
    assert_eq!(stores_now(), 1, "no temporary folder is left");
    // An edit makes a new store, which holds the edit.
    let text = std::fs::read_to_string(&kb).unwrap();
    std::fs::write(
        &kb,
        text.replacen(
            "text: \"The U.S. can influence China",
            "text: \"EDITED The U.S. can influence China",
            1,
        ),
    )
    .unwrap();
    let ask = "ASK { ?c ?p ?t FILTER(isLiteral(?t) && STRSTARTS(STR(?t), \"EDITED\")) }";
    let edited = run(ask, "tsv");
    assert!(String::from_utf8_lossy(&edited.stderr).contains("built the query store"));
    assert_eq!(String::from_utf8(edited.stdout).unwrap(), "true\n");
    assert_eq!(stores_now(), 2);
    // --deny-warnings still fails on a KB with warnings when its store
    // exists: the KB is checked before the store answers.
    let warned = dir.join("warned.ron");
    std::fs::write(
        &warned,
        std::fs::read_to_string(&kb).unwrap().replacen(
            "actors: [",
            "actors: [ Actor(id: \"lonely\", name: \"Lonely\", kind: Person),",
            1,
        ),
    )
    .unwrap();
    let warned_arg = warned.to_str().unwrap();
    let with_store = |deny: bool| {
        let mut cmd = disk(warned_arg);
        if deny {
            // A global option: clap takes it after the subcommand too.
            cmd.arg("--deny-warnings");
        }
        cmd.arg("ASK {}").output().unwrap()
    };
    assert!(with_store(false).status.success());
    let denied = with_store(true);
    assert_eq!(
        denied.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&denied.stderr)
    );
    // A query error is the embedded store's, before any store is touched.
    disk(kb_arg)
        .arg("SELEC ?x")
        .assert()
        .code(2)
        .stderr(contains("<query>:1:9"));
    // Auto keeps a small KB in memory: no store is built, in the cache
    // folder or anywhere.
    let cache = dir.join("cache");
    argkb()
        .env("ARGKB_CACHE_DIR", &cache)
        .args(["--kb", kb_arg, "sparql", "ASK {}"])
        .assert()
        .success();
    assert!(!cache.exists());
    // Disk without files to key a store, or without the CLI: usage errors.
    argkb()
        .args(["sparql", "--store", "disk", "ASK {}"])
        .assert()
        .code(2)
        .stderr(contains("needs KB files"));
    argkb()
        .env("ARGKB_OXIGRAPH", dir.join("no-such-oxigraph"))
        .args(["--kb", kb_arg, "sparql", "--store", "disk", "ASK {}"])
        .assert()
        .code(2)
        .stderr(contains("pip install oxigraph"));
    std::fs::remove_dir_all(&dir).unwrap();
}
