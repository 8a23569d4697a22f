//! CLI tests: the `argkb` binary run as users run it.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cmd;
use predicates::prelude::*;
use predicates::str::contains;

fn argkb() -> Cmd {
    let mut cmd = assert_cmd::cargo_bin_cmd!("argkb");
    cmd.env("NO_COLOR", "1").arg("--color").arg("never");
    cmd
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argkb-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout_of(args: &[&str]) -> String {
    let out = argkb().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_on_the_builtin_kb_with_a_summary() {
    argkb()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "ok: data/essay.ron (built-in): 22 actors,",
        ))
        .stderr("");
}

#[test]
fn builtin_kb_has_no_warnings() {
    argkb()
        .args(["--deny-warnings", "check"])
        .assert()
        .success();
}

/// One fixture per diagnostic class: (file, code, line:col, message, exit).
const BAD: &[(&str, &str, &str, &str)] = &[
    ("syntax", "syntax", "12:40", "expected a comma"),
    (
        "unknown-field",
        "unknown-field",
        "16:25",
        "did you mean `text`?",
    ),
    (
        "unknown-variant",
        "unknown-variant",
        "29:9",
        "did you mean `Attacks`?",
    ),
    (
        "missing-field",
        "missing-field",
        "18:69",
        "missing field `quote` in `Claim`",
    ),
    (
        "wrong-type",
        "wrong-type",
        "17:86",
        "expected a whole number",
    ),
    ("empty", "empty-file", "1:1", "the KB file is empty"),
    (
        "duplicate-id",
        "duplicate-id",
        "19:19",
        "id `c4` is defined twice",
    ),
    ("unknown-id", "unknown-id", "28:24", "did you mean `rec`?"),
    (
        "bad-endpoint",
        "bad-endpoint",
        "30:25",
        "`Undercuts` cannot end at a claim",
    ),
    (
        "self-relation",
        "self-relation",
        "29:9",
        "`c4` is related to itself",
    ),
    (
        "duplicate-relation",
        "duplicate-relation",
        "32:9",
        "is stated twice",
    ),
    ("empty-text", "empty-text", "15:31", "`text` is empty"),
    (
        "bad-para",
        "bad-para",
        "19:85",
        "paragraph numbers start at 1",
    ),
    (
        "invalid-id",
        "invalid-id",
        "12:19",
        "`la nd` is not a valid id",
    ),
    (
        "no-premises",
        "no-premises",
        "25:38",
        "argument `a1` has no premises",
    ),
];

#[test]
fn each_bad_fixture_gives_its_located_error_and_exit_1() {
    for (file, code, at, message) in BAD {
        let path = fixture(&format!("bad/{file}.ron"));
        let out = argkb()
            .arg("--kb")
            .arg(&path)
            .arg("check")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(out.stdout.is_empty(), "{file}: stdout must stay empty");
        assert!(
            err.contains(&format!("error[{code}]")),
            "{file}: no {code}\n{err}"
        );
        assert!(
            err.contains(&format!("{file}.ron:{at}")),
            "{file}: not at {at}\n{err}"
        );
        assert!(err.contains(message), "{file}: no `{message}`\n{err}");
        assert!(err.contains('^'), "{file}: no caret\n{err}");
    }
}

#[test]
fn three_semantic_errors_are_all_reported() {
    let out = argkb()
        .arg("--kb")
        .arg(fixture("bad/three-errors.ron"))
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for needle in [
        "error[duplicate-id]",
        "three-errors.ron:19:19",
        "error[unknown-id]: no node has the id `recc`",
        "three-errors.ron:28:24",
        "error[bad-endpoint]: `AddressedTo` cannot start at an actor",
        "three-errors.ron:33:21",
    ] {
        assert!(err.contains(needle), "missing `{needle}`\n{err}");
    }
    assert!(
        !err.contains("warning["),
        "warnings hidden behind errors\n{err}"
    );
}

#[test]
fn three_schema_errors_in_different_elements_are_all_reported() {
    let out = argkb()
        .arg("--kb")
        .arg(fixture("bad/three-schema-errors.ron"))
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for needle in [
        "three-schema-errors.ron:16:25",
        "did you mean `text`?",
        "three-schema-errors.ron:18:50",
        "unknown kind `Prophecy`",
        "three-schema-errors.ron:36:9",
        "did you mean `Leads`?",
        ": 3 errors",
    ] {
        assert!(err.contains(needle), "missing `{needle}`\n{err}");
    }
}

#[test]
fn warnings_are_shown_and_denied_on_request() {
    for (file, code) in [
        ("warn-isolated", "isolated"),
        ("warn-unsupported", "unsupported"),
        ("warn-cycle", "support-cycle"),
        ("warn-unaddressed", "unaddressed"),
    ] {
        let path = fixture(&format!("bad/{file}.ron"));
        argkb()
            .arg("--kb")
            .arg(&path)
            .arg("check")
            .assert()
            .success()
            .stdout(contains("ok: "))
            .stderr(contains(format!("warning[{code}]")));
        argkb()
            .arg("--kb")
            .arg(&path)
            .args(["--deny-warnings", "check"])
            .assert()
            .code(1)
            .stderr(contains(format!("warning[{code}]")))
            .stderr(contains("denied by --deny-warnings"));
    }
}

#[test]
fn unreadable_inputs_exit_2_with_a_message() {
    argkb()
        .args(["--kb", "no/such/file.ron", "check"])
        .assert()
        .code(2)
        .stderr(contains("cannot read `no/such/file.ron`"));
    argkb()
        .arg("--kb")
        .arg(fixture("bad"))
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("is a directory"));
    let dir = tmpdir("inputs");
    let bad_utf8 = dir.join("latin1.ron");
    std::fs::write(&bad_utf8, b"KnowledgeBase(\n  meta: \"caf\xe9\")").unwrap();
    argkb()
        .arg("--kb")
        .arg(&bad_utf8)
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains(
            "not UTF-8 text: invalid byte 0xe9 at line 2, column 13",
        ));
    let big = dir.join("big.ron");
    std::fs::write(&big, vec![b' '; 50 * 1024 * 1024]).unwrap();
    argkb()
        .arg("--kb")
        .arg(&big)
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("larger than"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = tmpdir("deep");
    for depth in [100, 100_000] {
        let path = dir.join(format!("deep{depth}.ron"));
        let text = format!(
            "KnowledgeBase(meta: Meta(title: {}{}))",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        std::fs::write(&path, text).unwrap();
        argkb()
            .arg("--kb")
            .arg(&path)
            .arg("check")
            .assert()
            .code(1)
            .stderr(contains(format!("deep{depth}.ron:1:")))
            .stderr(contains("panicked").not());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_is_read_with_dash() {
    argkb()
        .args(["--kb", "-", "check"])
        .pipe_stdin(fixture("good/minimal.ron"))
        .unwrap()
        .assert()
        .success()
        .stdout(contains(
            "ok: <stdin>: 3 actors, 5 claims, 1 recommendations, 1 arguments, 15 links",
        ));
}

// ---------------------------------------------------------------- queries

#[test]
fn stats_counts_the_minimal_fixture() {
    let kb = fixture("good/minimal.ron");
    let out = stdout_of(&["--kb", kb.to_str().unwrap(), "stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nodes"], 10);
    assert_eq!(v["links"], 15);
    assert_eq!(v["nodes_by_kind"]["claim"], 5);
    assert_eq!(v["links_by_kind"]["premise"], 2);
    assert_eq!(v["links_by_kind"]["undercuts"], 1);
    let text = stdout_of(&["--kb", kb.to_str().unwrap(), "stats"]);
    assert!(text.starts_with("nodes    10\n"), "{text}");
    assert!(text.contains("\nlinks    15\n"), "{text}");
}

#[test]
fn list_filters_by_kind_tag_and_paragraph() {
    let kb = fixture("good/minimal.ron");
    let kb = kb.to_str().unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--kb", kb, "list", "--format", "json"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&stdout_of(&all)).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--kind", "claim", "--para", "2"]), ["c3", "c4"]);
    assert_eq!(ids(&["--kind", "prediction"]), ["c4"]);
    assert_eq!(ids(&["--tag", "mid"]), ["c3"]);
    assert_eq!(ids(&["--para", "3-3"]), ["c5", "rec"]);
    assert_eq!(ids(&["--kind", "person"]), ["alice"]);
    argkb()
        .args(["--kb", kb, "list", "--tag", "nothing"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("no node matches"));
    argkb()
        .args(["list", "--kind", "predction"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `prediction`?"));
    argkb()
        .args(["list", "--para", "0"])
        .assert()
        .code(2)
        .stderr(contains("not a paragraph number"));
}

#[test]
fn show_prints_fields_and_relations_both_ways() {
    let out = stdout_of(&["show", "china-fed-up"]);
    assert!(
        out.starts_with("china-fed-up  (claim, assessment)\n"),
        "{out}"
    );
    assert!(
        out.contains("quote       “they are fed up with their client state's behavior”"),
        "{out}"
    );
    assert!(out.contains("paragraph   5"), "{out}");
    assert!(out.contains("supports   → times-changing"), "{out}");
    assert!(out.contains("conclusion ← arg-snub-signals"), "{out}");
    assert!(out.contains("asserts    ← author"), "{out}");
    let json = stdout_of(&["show", "china-fed-up", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["node"]["para"], 5);
    assert!(
        v["incoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "attacks" && r["id"] == "china-backs-nk")
    );
    argkb()
        .args(["show", "china-fedup"])
        .assert()
        .code(1)
        .stderr(contains("did you mean `china-fed-up`?"));
}

// ---------------------------------------------------------------- export

#[test]
fn json_export_is_node_link_and_byte_identical_across_runs() {
    let a = stdout_of(&["export", "--format", "json"]);
    let b = stdout_of(&["export", "--format", "json"]);
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    assert_eq!(
        v["nodes"].as_array().unwrap().len() as u64,
        stats["nodes"].as_u64().unwrap()
    );
    assert_eq!(
        v["links"].as_array().unwrap().len() as u64,
        stats["links"].as_u64().unwrap()
    );
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "nodes sorted by id");
    let kinds: std::collections::BTreeSet<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["actor", "argument", "claim", "recommendation"]
    );
}

#[test]
fn json_export_writes_a_file_and_never_the_kb() {
    let dir = tmpdir("export");
    let out = dir.join("kb.json");
    argkb()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["export"])
    );
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    argkb()
        .arg("--kb")
        .arg(&kb)
        .args(["export", "-o"])
        .arg(&kb)
        .assert()
        .code(2)
        .stderr(contains("it is the KB being read"));
    assert_eq!(std::fs::read(&kb).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_export_loads_in_networkx_when_available() {
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    if !matches!(probe, Ok(ref o) if o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install networkx (.ci/run does)"
        );
        eprintln!("skipped: python3 with networkx not available");
        return;
    }
    let json = stdout_of(&["export", "--format", "json"]);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    let script = r#"
import json, sys, networkx as nx
g = nx.node_link_graph(json.load(sys.stdin), edges="links")
print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.is_multigraph())
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{} {} True True", stats["nodes"], stats["links"])
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("argkb");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' export --format json | head -c 10; exit ${{PIPESTATUS:-0}}",
            bin.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"{\n  \"direc");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "stderr: {err}");
    // The writer side itself must exit 0 on EPIPE.
    let mut child = Command::new(bin)
        .args(["export", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------- generated

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    argkb()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("deny-warnings"))
        .stdout(contains("export"));
    argkb()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH argkb 1"))
        .stdout(contains("\\-\\-kb"));
}

#[test]
fn usage_errors_exit_2() {
    argkb().arg("frobnicate").assert().code(2);
    argkb().args(["export", "--format", "xml"]).assert().code(2);
}

// ---------------------------------------------------------------- provenance

fn source_fixture(kb: &str) -> (PathBuf, PathBuf) {
    (
        fixture(&format!("source/{kb}.ron")),
        fixture("source/text.txt"),
    )
}

#[test]
fn check_source_accepts_verbatim_quotes_modulo_typography() {
    let (kb, text) = source_fixture("kb");
    argkb()
        .arg("--kb")
        .arg(&kb)
        .arg("check")
        .arg("--source")
        .arg(&text)
        .assert()
        .success()
        .stdout(contains("ok: "));
}

#[test]
fn check_source_locates_misplaced_and_missing_quotes() {
    let (kb, text) = source_fixture("misplaced");
    argkb()
        .arg("--kb")
        .arg(&kb)
        .arg("check")
        .arg("--source")
        .arg(&text)
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains(
            "error[misplaced-quote]: the quote of claim `c4` is in paragraph 2, not 1",
        ))
        .stderr(contains("misplaced.ron:16:76"))
        .stderr(contains("help: set `para: 2`"));
    let (kb, text) = source_fixture("missing");
    let out = argkb()
        .arg("--kb")
        .arg(&kb)
        .arg("check")
        .arg("--source")
        .arg(&text)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let first = err.find("missing.ron:13:75").expect("c1 located");
    let second = err.find("missing.ron:29:34").expect("omission located");
    assert!(first < second, "sorted by position\n{err}");
    assert!(
        err.contains("the quote matches up to `Alpha one beg`; then the source reads `ins."),
        "{err}"
    );
    assert!(
        err.contains("the quote of omission #1 is in paragraph 3, not 7"),
        "{err}"
    );
    let (kb, text) = source_fixture("no-body");
    argkb()
        .arg("--kb")
        .arg(&kb)
        .arg("check")
        .arg("--source")
        .arg(&text)
        .assert()
        .code(1)
        .stderr(contains("begins with `Delta closes`"))
        .stderr(contains("no-body.ron:7:61"));
    argkb()
        .arg("--kb")
        .arg(fixture("source/kb.ron"))
        .args(["check", "--source", "no/such.txt"])
        .assert()
        .code(2)
        .stderr(contains("cannot read `no/such.txt`"));
}

#[test]
fn coverage_lists_uncovered_and_omitted_sentences() {
    let (kb, text) = source_fixture("kb");
    let run = |extra: &[&str]| {
        let mut cmd = argkb();
        cmd.arg("--kb")
            .arg(&kb)
            .arg("coverage")
            .arg("--source")
            .arg(&text)
            .args(extra);
        cmd.output().unwrap()
    };
    let out = run(&[]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(
            "¶2   2/3 sentences covered; nodes: c3, c4\n      uncovered: A third beta sentence?\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("omitted (rhetorical aside): A rhetorical aside here."),
        "{stdout}"
    );
    assert!(
        stdout.contains("7 sentences, 5 covered by nodes, 1 deliberately omitted, 1 uncovered"),
        "{stdout}"
    );
    let out = run(&["--deny-uncovered"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("1 sentence of the source is neither covered nor omitted")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--format", "json"]).stdout).unwrap();
    assert_eq!(json["sentences"], 7);
    assert_eq!(json["uncovered"], 1);
    assert_eq!(
        json["paragraphs"][0]["sentences"][1]["text"],
        "It has a second sentence about the U.S. Army."
    );
    assert_eq!(
        json["paragraphs"][0]["sentences"][1]["nodes"],
        serde_json::json!(["c2"])
    );
}

/// The essay itself, when the shared text is beside the checkout.
#[test]
fn essay_quotes_and_coverage_hold_against_the_shared_text() {
    let text = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essay/essay.txt");
    if !text.exists() {
        eprintln!("skipped: {} not present", text.display());
        return;
    }
    argkb()
        .arg("--deny-warnings")
        .arg("check")
        .arg("--source")
        .arg(&text)
        .assert()
        .success();
    let out = argkb()
        .arg("coverage")
        .arg("--source")
        .arg(&text)
        .args(["--deny-uncovered", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["paragraphs"].as_array().unwrap().len(), 13);
    assert_eq!(json["uncovered"], 0);
}
