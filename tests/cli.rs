//! CLI tests: the `argkb` binary run as users run it.

use std::collections::{BTreeMap, BTreeSet};
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

/// A fresh directory for one test. A directory of the same name can only
/// be left over from an earlier run whose process had the same id (ids
/// are reused): it is removed first, or its files would be found as this
/// run's (`import` refuses to write over them).
fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argkb-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
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

/// Runs `cmd` with `input` on its standard input; its output.
fn piped(cmd: &mut Command, input: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// The `id` of each object in a JSON array, in order.
fn ids_of(array: &serde_json::Value) -> Vec<String> {
    array
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|n| n["id"].as_str().expect("an id").to_string())
        .collect()
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_on_the_builtin_kb_with_a_summary() {
    argkb()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "ok: data/essay.ron (built-in): 25 actors,",
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
        "18:51",
        "missing field `kind` in `Claim`",
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
    (
        "duplicate-field",
        "duplicate-field",
        "10:43",
        "field `name` is given twice in `Actor`",
    ),
    (
        "wrong-name",
        "wrong-name",
        "19:9",
        "expected `Claim`, found `Clam`",
    ),
    // 200 levels of nesting where a string belongs: a located type error.
    ("deep-nesting", "wrong-type", "17:97", "expected a string"),
    (
        "implicit-with-quote",
        "implicit-with-quote",
        "7:76",
        "claim `b` is implicit but has a quote",
    ),
    (
        "unknown-source",
        "unknown-source",
        "7:55",
        "no source has the id `z`",
    ),
    (
        "ambiguous-source",
        "ambiguous-source",
        "11:9",
        "add `source: \"…\"`, one of `one`, `two`",
    ),
    (
        "missing-source-id",
        "missing-source-id",
        "6:9",
        "with several sources, each needs an `id`",
    ),
    (
        "bad-speaker",
        "bad-endpoint",
        "7:77",
        "a speaker must be an actor, not a claim",
    ),
    (
        "unknown-warning",
        "unknown-warning",
        "6:76",
        "did you mean `off-thesis`?",
    ),
    (
        "unterminated-string",
        "syntax",
        "6:27",
        "a string is probably left unterminated",
    ),
    (
        "unclosed-paren",
        "syntax",
        "6:4",
        "this `(` is never closed",
    ),
    (
        "json-file",
        "syntax",
        "1:1",
        "this looks like JSON, not a RON KB",
    ),
    (
        "relation-three-ids",
        "syntax",
        "2:67",
        "a relation joins exactly two ids",
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

/// Runs `check` on a fixture that must fail, and returns stderr.
fn check_fails(rel: &str) -> String {
    let out = argkb()
        .arg("--kb")
        .arg(fixture(rel))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{rel}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_all_in(err: &str, needles: &[&str]) {
    for needle in needles {
        assert!(err.contains(needle), "missing `{needle}`\n{err}");
    }
}

#[test]
fn three_semantic_errors_are_all_reported() {
    let err = check_fails("bad/three-errors.ron");
    assert_all_in(
        &err,
        &[
            "error[duplicate-id]",
            "three-errors.ron:19:19",
            "error[unknown-id]: no node has the id `recc`",
            "three-errors.ron:28:24",
            "error[bad-endpoint]: `AddressedTo` cannot start at an actor",
            "three-errors.ron:33:21",
        ],
    );
    assert!(
        !err.contains("warning["),
        "warnings hidden behind errors\n{err}"
    );
}

#[test]
fn three_schema_errors_in_different_elements_are_all_reported() {
    let err = check_fails("bad/three-schema-errors.ron");
    assert_all_in(
        &err,
        &[
            "three-schema-errors.ron:16:25",
            "did you mean `text`?",
            "three-schema-errors.ron:18:50",
            "unknown kind `Prophecy`",
            "three-schema-errors.ron:36:9",
            "did you mean `Leads`?",
            ": 3 errors",
        ],
    );
}

#[test]
fn warnings_are_shown_and_denied_on_request() {
    for (file, code) in [
        ("warn-isolated", "isolated"),
        ("warn-unsupported", "unsupported"),
        ("warn-cycle", "support-cycle"),
        ("warn-unaddressed", "unaddressed"),
        ("warn-unattributed", "unattributed"),
        ("warn-unplaced-report", "unplaced-report"),
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
        // Other commands do not look for warnings (they would not show
        // them)... unless asked to deny them: then they are found, at
        // their place, whatever the command.
        argkb()
            .arg("--kb")
            .arg(&path)
            .arg("stats")
            .assert()
            .success()
            .stderr(predicates::str::contains("warning").not());
        argkb()
            .arg("--kb")
            .arg(&path)
            .args(["--deny-warnings", "export", "--format", "json"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains(format!("warning[{code}]")))
            .stderr(contains(format!("{file}.ron:")))
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
    let dir = tmpdir("inputs");
    // A folder is a KB of its .ron files; one with none is an error.
    argkb()
        .arg("--kb")
        .arg(&dir)
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("holds no .ron file"));
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
    std::fs::write(&big, vec![b' '; 2 * 1024 * 1024]).unwrap();
    argkb()
        .args(["--max-kb-size", "1M", "--kb"])
        .arg(&big)
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("larger than 1048576 bytes"));
    // Past the limit on standard input: refused, not read to the end.
    argkb()
        .args(["--max-kb-size", "1K", "--kb", "-", "check"])
        .write_stdin(vec![b' '; 4096])
        .assert()
        .code(2)
        .stderr(contains("`<stdin>` is larger than 1024 bytes"));
    // A FIFO with no writer would block forever: refused at once.
    let fifo = dir.join("kb.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    argkb()
        .arg("--kb")
        .arg(&fifo)
        .arg("check")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(contains("is not a regular file (a FIFO)"));
    argkb()
        .args(["--kb", "/dev/zero", "check"])
        .assert()
        .code(2)
        .stderr(contains("is not a regular file (a device)"));
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
            "ok: <stdin>: 3 actors, 5 claims, 1 recommendation, 1 argument, 15 links",
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
        ids_of(&v)
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
    assert!(
        out.contains("voice       author (the author's own words)"),
        "{out}"
    );
    assert!(out.contains("stance      the author endorses"), "{out}");
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
    let ids = ids_of(&v["nodes"]);
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
        ["actor", "argument", "claim", "conflict", "recommendation"]
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
        .stderr(contains("argkb never overwrites a KB file"));
    assert_eq!(std::fs::read(&kb).unwrap(), before);
    // Nor any other .ron file, e.g. the source of the built-in KB.
    let other = dir.join("other.RON");
    std::fs::write(&other, "keep me").unwrap();
    argkb()
        .args(["export", "--format", "dot", "-o"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(contains("never overwrites a KB file"));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Standard output that is the KB being read (`>> kb.ron`, `1<> kb.ron`)
/// is refused before anything is written, for every command (and for
/// `import`, its input map).
/// User text echoed by a diagnostic is cut, however long: a 20,000-char
/// source id named by 100 claims, an unknown warning of 20,000 chars.
#[test]
fn diagnostics_never_echo_user_text_unabridged() {
    let dir = tmpdir("long-echo");
    let sid = "s".repeat(20_000);
    let claims: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"Claim(id: "c{i}", kind: Fact, text: "t", source: "{sid}", para: 1, quote: "q")"#
            )
        })
        .collect();
    let long = dir.join("long.ron");
    std::fs::write(
        &long,
        format!(
            r#"KnowledgeBase(meta: Meta(title: "t"), claims: [{}])"#,
            claims.join(",\n")
        ),
    )
    .unwrap();
    let warn = dir.join("warn.ron");
    std::fs::write(
        &warn,
        format!(
            r#"KnowledgeBase(meta: Meta(title: "t"), claims: [Claim(id: "a", kind: Fact, text: "t", allow: ["{}"])])"#,
            "w".repeat(20_000)
        ),
    )
    .unwrap();
    for (kb, code) in [(&long, "unknown-source"), (&warn, "unknown-warning")] {
        let out = argkb()
            .arg("--kb")
            .arg(kb)
            .args(["check", "--max-errors", "0"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("error[{code}]")), "{code}");
        assert!(
            err.lines().all(|l| l.chars().count() < 1_200),
            "{code}: a line of {} chars",
            err.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        );
        assert!(err.len() < 200_000, "{code}: {} bytes", err.len());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Standard input that is no KB at all (`< /dev/zero`) is refused at its
/// first NUL byte, not read to the size limit.
#[test]
fn binary_standard_input_is_refused_at_once() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["--kb", "-", "check"])
        .stdin(zero)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`<stdin>` holds a NUL byte at byte 0"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn standard_output_into_the_file_being_read_is_refused() {
    let dir = tmpdir("stdout-alias");
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    for args in [&["export"][..], &["list"], &["why", "x"], &["check"]] {
        let append = std::fs::OpenOptions::new().append(true).open(&kb).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("--kb")
            .arg(&kb)
            .args(args)
            .stdout(append)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("standard output is"),
            "{args:?}"
        );
        assert_eq!(std::fs::read(&kb).unwrap(), before, "{args:?}");
    }
    let map = dir.join("map.json");
    std::fs::copy(fixture("aif-araucaria/nodeset118.json"), &map).unwrap();
    let original = std::fs::read(&map).unwrap();
    let append = std::fs::OpenOptions::new().append(true).open(&map).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["import", "aif"])
        .arg(&map)
        .stdout(append)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&map).unwrap(), original);
    // Any other file is fine.
    let other = std::fs::File::create(dir.join("answer.json")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .arg("--kb")
        .arg(&kb)
        .arg("export")
        .stdout(other)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A bad `ARGKB_KB` is reported with the variable's name; the hidden `ids`
/// subcommand (which bash completion calls) is offered by no completion
/// script.
#[test]
fn the_environment_and_completions_say_what_they_are() {
    argkb()
        .env("ARGKB_KB", "/no/such/kb.ron")
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains(
            "the environment variable ARGKB_KB names `/no/such/kb.ron`",
        ));
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("weak-points"), "{shell}");
        for offered in ["'ids:", ",ids)", "-a \"ids\""] {
            assert!(
                !script.contains(offered),
                "{shell} offers `ids` ({offered})"
            );
        }
        for line in script
            .lines()
            .filter(|l| l.trim_start().starts_with("opts="))
        {
            assert!(
                !line.split_whitespace().any(|w| w == "ids"),
                "{shell}: {line}"
            );
        }
    }
    // bash still completes node ids through it.
    assert!(stdout_of(&["completions", "bash"]).contains("\"${kb[@]}\" ids"));
}

#[test]
fn exports_never_reach_a_kb_through_links_or_stdin() {
    let dir = tmpdir("links");
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    // A hard link to the KB, under a name that is not .ron.
    let hard = dir.join("hard.json");
    std::fs::hard_link(&kb, &hard).unwrap();
    // A symlink to another .ron file.
    let other = dir.join("other.ron");
    std::fs::write(&other, "keep me").unwrap();
    let soft = dir.join("soft.dot");
    std::os::unix::fs::symlink(&other, &soft).unwrap();
    for target in [&hard, &soft] {
        argkb()
            .arg("--kb")
            .arg(&kb)
            .args(["export", "-o"])
            .arg(target)
            .assert()
            .code(2)
            .stderr(contains("never overwrites a KB file"));
    }
    // The KB redirected to standard input (`< kb.ron`), -o naming it.
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["--color", "never", "--kb", "-", "export", "-o"])
        .arg(&hard)
        .stdin(std::fs::File::open(&kb).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites a KB file"));
    assert_eq!(std::fs::read(&kb).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A format taken from the output file's extension is one the command
/// writes: `export -o map.svg` does not write JSON into a .svg file, and
/// `render -o map.json` does not write SVG into a .json one. Nothing is
/// written; the error names the formats and the other command.
#[test]
fn an_extension_names_a_format_the_command_writes_or_is_refused() {
    let tmp = tmpdir("extension");
    for (cmd, file, hint) in [
        ("export", "map.svg", "argkb render -o FILE.svg"),
        ("export", "map.png", "argkb render -o FILE.png"),
        ("export", "map.pdf", "argkb render -o FILE.pdf"),
        ("export", "map.xyz", "it writes json, dot, argdown"),
        ("render", "map.jpg", "it writes svg, png, pdf, html"),
        ("render", "map.gif", "it writes svg, png, pdf, html"),
        ("render", "map.json", "argkb export -o FILE.json"),
        ("render", "map.dot", "argkb export -o FILE.dot"),
        ("render", "map.xyz", "it writes svg, png, pdf, html"),
    ] {
        let path = tmp.join(file);
        argkb()
            .args([cmd, "-o"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(format!("does not write `.{}` files", &file[4..])))
            .stderr(contains(hint));
        assert!(!path.exists(), "{cmd} -o {file} wrote a file");
    }
    // An explicit format, or a file without an extension, is written as asked.
    let data = tmp.join("graph.data");
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&data)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&data).unwrap().starts_with('{'));
    let plain = tmp.join("graph");
    argkb()
        .args(["export", "-o"])
        .arg(&plain)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('{'));
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// SIGINT, SIGTERM or SIGHUP while `export -o` writes removes the hidden
/// temporary beside the target: nothing partial is left behind, and the
/// process ends by the signal.
#[test]
#[cfg(unix)]
fn an_interrupted_export_leaves_no_temporary() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tmpdir("interrupted");
    let kb = dir.join("big.ron");
    std::fs::write(&kb, argkb::model::synth::essay_like(200_000, 7)).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("--kb")
            .arg(&kb)
            .args(["export", "--format", "dot", "-o"])
            .arg(out_dir.join("map.dot"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let temporary = || {
            std::fs::read_dir(&out_dir)
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        };
        let started = std::time::Instant::now();
        while !temporary() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the export ended before its temporary file was seen"
            );
            assert!(
                started.elapsed().as_secs() < 120,
                "no temporary file appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // SAFETY: signalling our own child process.
        unsafe {
            libc::kill(child.id() as libc::pid_t, sig);
        }
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(sig), "{status:?}");
        let left: Vec<_> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "signal {sig} left {left:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary() {
    let dir = tmpdir("atomic");
    let out = dir.join("map.svg");
    std::fs::write(&out, "old picture").unwrap();
    // `dot` that fails: render must not touch the existing output.
    argkb()
        .env("ARGKB_DOT", "false")
        .args(["render", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old picture");
    // A successful export replaces it whole; no temporary file is left.
    // (The format is named: a .svg file is not one `export` writes.)
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("map.svg")]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_export_loads_in_networkx_when_available() {
    if !needs(
        "python3 with networkx is not installed (pip install networkx)",
        python_module("networkx"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with networkx is missing: CI must install it (.ci/run does)"
    );
    let json = stdout_of(&["export", "--format", "json"]);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    let script = r#"
import json, sys, networkx as nx
g = nx.node_link_graph(json.load(sys.stdin), edges="links")
print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.is_multigraph())
"#;
    let out = piped(Command::new("python3").args(["-c", script]), &json);
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

/// The essay itself, against the shared text beside the checkout (ignored,
/// and so reported as such, when the text is missing outside CI).
#[test]
fn essay_quotes_and_coverage_hold_against_the_shared_text() {
    if !needs(
        "../shared/essay/essay.txt is not beside the checkout",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/essay/essay.txt")
            .exists(),
    ) {
        return;
    }
    let text = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essay/essay.txt");
    assert!(
        text.exists(),
        "{} is missing: CI always has ../shared",
        text.display()
    );
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

// ---------------------------------------------------------------- graphviz

/// Whether Graphviz is installed. Tests that only partly need it run the
/// rest without it (and say so on stderr); tests that wholly need it are
/// marked ignored by build.rs instead. Under CI a missing `dot` fails.
/// Whether an outside tool a test needs is here. When it is not, the
/// test says so loudly on stderr and stops (outside CI), or fails (under
/// CI, where .ci/run installs every tool): a missing validator never passes
/// in silence. The probe runs when the test does, not in a build script,
/// so installing a tool changes no build.
fn needs(what: &str, present: bool) -> bool {
    use std::io::Write as _;
    if present {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v.is_empty()),
        "{what}: CI must install it (.ci/run does)"
    );
    // Written to the stderr handle, not through `eprintln!`, so that the
    // test harness does not capture it: the skip shows in every run.
    let _ = writeln!(
        std::io::Write::by_ref(&mut std::io::stderr()),
        "SKIPPED (not run, not passed): {what}"
    );
    false
}

/// Whether python3 can import `module`.
fn python_module(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the Argdown CLI is where `argdown_cli` looks for it.
fn argdown_present() -> bool {
    Command::new(argdown_cli())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether headless Chromium and playwright-core (which drives it) are here.
fn chromium_present() -> bool {
    let chromium = std::env::var("ARGKB_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    Path::new(&chromium).exists() && playwright().is_some()
}

fn have_dot() -> bool {
    use std::io::Write as _;
    let ok = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI must install Graphviz"
    );
    if !ok {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED (not run, not passed): Graphviz `dot` is not installed"
        );
    }
    ok
}

#[test]
fn dot_export_renders_with_graphviz_without_warnings() {
    let out = argkb()
        .args(["export", "--format", "dot"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(
        note.contains("note: 65 relations not shown by this view (asserts 12,"),
        "{note}"
    );
    assert!(
        note.contains("maps leave actors out unless given --actors"),
        "{note}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("// Generated by argkb"));
    if !have_dot() {
        return;
    }
    let svg = piped(
        Command::new("dot").arg("-Tsvg"),
        &String::from_utf8_lossy(&out.stdout),
    );
    assert!(svg.status.success());
    assert_eq!(String::from_utf8_lossy(&svg.stderr), "");
    assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
}

#[test]
fn views_say_what_they_hide_and_reject_bad_arguments() {
    argkb()
        .args(["export", "--format", "dot", "--actors"])
        .assert()
        .success()
        .stderr("");
    argkb()
        .args([
            "export",
            "--format",
            "json",
            "--rel",
            "supports",
            "--no-actors",
        ])
        .assert()
        .success()
        .stderr(contains(
            "note: 89 relations not shown by this view (attacks 14, undercuts 3, asserts 12,",
        ))
        .stderr(contains("--actors").not());
    argkb()
        .args(["export", "--format", "dot", "--rel", "suports"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `supports`?"));
    argkb()
        .args(["export", "--format", "dot", "--focus", "china-fedup"])
        .assert()
        .code(1)
        .stderr(contains("did you mean `china-fed-up`?"));
    argkb()
        .args([
            "export",
            "--format",
            "dot",
            "--highlight-path",
            "strategic-reengagement",
            "kim-not-invited",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "no chain of relations leads from `strategic-reengagement` to `kim-not-invited`",
        ));
    argkb()
        .args([
            "export", "--format", "dot", "--kind", "fact", "--para", "13",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("the view selects no node"));
    let china = stdout_of(&[
        "export", "--format", "dot", "--focus", "china", "--depth", "1",
    ]);
    assert!(
        china.contains("\n  \"china\" ["),
        "a map focused on an actor shows it"
    );
    let focused = stdout_of(&[
        "export",
        "--format",
        "json",
        "--focus",
        "china-fed-up",
        "--depth",
        "1",
    ]);
    let v: serde_json::Value = serde_json::from_str(&focused).unwrap();
    let ids: BTreeSet<String> = ids_of(&v["nodes"]).into_iter().collect();
    assert!(
        ids.contains("china-fed-up") && ids.contains("times-changing") && ids.contains("china")
    );
    assert!(!ids.contains("strategic-reengagement"));
    for l in v["links"].as_array().unwrap() {
        assert!(
            ids.contains(l["source"].as_str().unwrap())
                && ids.contains(l["target"].as_str().unwrap())
        );
    }
}

#[test]
fn highlight_path_marks_the_shortest_chain() {
    let out = stdout_of(&[
        "export",
        "--format",
        "dot",
        "--highlight-path",
        "kim-not-invited",
        "us-can-influence-china",
    ]);
    let lit: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("-> ") && l.contains("#1d4ed8"))
        .collect();
    let ids: Vec<&str> = lit
        .iter()
        .map(|l| l.split("id=\"").nth(1).unwrap().split('"').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "arg-snub-signals/conclusion/china-fed-up",
            "china-fed-up/supports/times-changing",
            "kim-not-invited/premise/arg-snub-signals",
            "times-changing/supports/us-can-influence-china",
        ]
    );
}

#[test]
fn render_writes_svg_and_explains_a_missing_graphviz() {
    let dir = tmpdir("render");
    argkb()
        .env("ARGKB_DOT", dir.join("no-such-dot"))
        .args(["render", "--format", "svg", "-o"])
        .arg(dir.join("x.svg"))
        .assert()
        .code(2)
        .stderr(contains(
            "was not found (the path $ARGKB_DOT names does not exist); install Graphviz",
        ));
    assert!(!dir.join("x.svg").exists());
    // `dot` that succeeds but writes nothing: a failure, no 0-byte file.
    argkb()
        .env("ARGKB_DOT", "true")
        .args(["render", "-o"])
        .arg(dir.join("empty.svg"))
        .assert()
        .code(2)
        .stderr(contains("exited successfully but wrote nothing"));
    assert!(!dir.join("empty.svg").exists());
    argkb()
        .args(["render", "--timeout", "0"])
        .assert()
        .code(2)
        .stderr(contains("--timeout"));
    // A slow `dot` that starts a child of its own: the timeout stops both.
    let slow = dir.join("slow-dot");
    let pid_file = dir.join("child.pid");
    std::fs::write(
        &slow,
        format!(
            "#!/bin/sh\nsleep 60 &\necho $! > '{}'\nsleep 30\n",
            pid_file.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    let start = std::time::Instant::now();
    argkb()
        .env("ARGKB_DOT", &slow)
        .args(["render", "--timeout", "1"])
        .assert()
        .code(2)
        .stderr(contains("did not finish within 1 s"));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    let child: String = std::fs::read_to_string(&pid_file).unwrap();
    let alive = || {
        std::fs::read_to_string(format!("/proc/{}/stat", child.trim()))
            .is_ok_and(|stat| !stat.contains(") Z "))
    };
    let waited = std::time::Instant::now();
    while alive() && waited.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!alive(), "the child of `dot` is still running");
    let failing = dir.join("failing-dot");
    std::fs::write(
        &failing,
        "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&failing, std::fs::Permissions::from_mode(0o755)).unwrap();
    argkb()
        .env("ARGKB_DOT", &failing)
        .arg("render")
        .assert()
        .code(2)
        .stderr(contains("syntax error in line 1"));
    // PNG bytes are not for a terminal (`script` gives the command a tty).
    let bin = assert_cmd::cargo::cargo_bin!("argkb");
    if Command::new("script").arg("--version").output().is_ok() {
        for args in ["render --format png", "render --format png -o -"] {
            let out = Command::new("script")
                .args(["-qec"])
                .arg(format!("'{}' {args}", bin.display()))
                .arg("/dev/null")
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args}");
            assert!(
                String::from_utf8_lossy(&out.stdout)
                    .contains("refusing to write PNG bytes to a terminal"),
                "{args}"
            );
        }
    }
    if have_dot() {
        let svg = dir.join("map.svg");
        argkb()
            .args(["render", "--format", "svg", "-o"])
            .arg(&svg)
            .assert()
            .success();
        let text = std::fs::read_to_string(&svg).unwrap();
        // Graphviz writes `-` in ids as `&#45;`.
        assert!(text.contains("<svg") && text.contains("id=\"strategic&#45;reengagement\""));
        let png = argkb()
            .args(["render", "--format", "png"])
            .output()
            .unwrap();
        assert!(png.status.success());
        assert!(png.stdout.starts_with(b"\x89PNG"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The pictures in docs/ are what the documented commands produce. They are
/// compared when the installed Graphviz is the one that drew them (its
/// version is in the SVG); `ARGKB_UPDATE_DOCS=1` redraws them.
#[test]
fn docs_maps_are_up_to_date() {
    if !have_dot() {
        return;
    }
    assert!(have_dot(), "Graphviz `dot` is missing");
    let version =
        String::from_utf8(Command::new("dot").arg("-V").output().unwrap().stderr).unwrap();
    let version = version
        .trim()
        .trim_start_matches("dot - graphviz version ")
        .to_string();
    for (file, args) in DOC_MAPS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let out = argkb().args(*args).output().unwrap();
        assert!(out.status.success(), "{file}");
        if std::env::var_os("ARGKB_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if !committed.contains(&format!("Generated by graphviz version {version}")) {
            eprintln!("skipped {file}: drawn by another Graphviz version");
            continue;
        }
        assert!(
            committed.as_bytes() == out.stdout.as_slice(),
            "{file} is out of date: run `ARGKB_UPDATE_DOCS=1 cargo test --test cli docs_maps`"
        );
    }
}

const DOC_MAPS: &[(&str, &[&str])] = &[
    ("docs/essay-map.svg", &["render", "--format", "svg"]),
    (
        "docs/essay-paragraphs.svg",
        &["render", "--format", "svg", "--cluster-by", "paragraph"],
    ),
    (
        "docs/essay-focus.svg",
        &[
            "render",
            "--format",
            "svg",
            "--focus",
            "china-fed-up",
            "--depth",
            "2",
            "--highlight-path",
            "kim-not-invited",
            "times-changing",
        ],
    ),
    (
        "docs/essay-china.svg",
        &[
            "render", "--format", "svg", "--focus", "china", "--depth", "1", "--actors",
        ],
    ),
    (
        "docs/essay-actors.svg",
        &["render", "--format", "svg", "--actors"],
    ),
];

// ---------------------------------------------------------------- queries on a fixture with known answers

fn q(args: &[&str]) -> String {
    let kb = fixture("good/queries.ron");
    let mut all = vec!["--kb", kb.to_str().unwrap()];
    all.extend_from_slice(args);
    stdout_of(&all)
}

fn qjson(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&q(&all)).unwrap()
}

fn q_fails(args: &[&str], code: i32, message: &str) {
    argkb()
        .arg("--kb")
        .arg(fixture("good/queries.ron"))
        .args(args)
        .assert()
        .code(code)
        .stdout("")
        .stderr(contains(message));
}

#[test]
fn neighbors_lists_each_node_once_at_its_distance() {
    assert_eq!(
        q(&["neighbors", "a"]),
        "dist  reached by        text\n   1  a —premise→ arg1  linked\n   1  c —supports→ a    Reason for a\n   1  e —attacks→ a     Objection to a\n   1  gov —asserts→ a   Government\n"
    );
    let v = qjson(&["neighbors", "d", "--depth", "3", "--dir", "out"]);
    let got: Vec<(String, u64)> = v["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                n["distance"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("c".into(), 1), ("a".into(), 2), ("arg1".into(), 3)]);
    let v = qjson(&[
        "neighbors",
        "t",
        "--rel",
        "attacks",
        "--rel",
        "supports",
        "--dir",
        "in",
        "--depth",
        "2",
    ]);
    let ids = ids_of(&v["neighbors"]);
    assert_eq!(ids, ["cyc1", "h", "cyc2", "i"]);
    q_fails(
        &["neighbors", "r1", "--dir", "out", "--rel", "attacks"],
        1,
        "has no neighbours",
    );
    q_fails(&["neighbors", "zz"], 1, "no node has the id `zz`");
}

#[test]
fn path_finds_the_shortest_chain_and_all_simple_ones() {
    assert_eq!(
        q(&["path", "c", "t"]),
        "c —supports→ a —premise→ arg1 —conclusion→ t\n"
    );
    assert_eq!(
        q(&[
            "path",
            "d",
            "r1",
            "--rel",
            "supports",
            "--rel",
            "premise",
            "--rel",
            "conclusion"
        ]),
        "d —supports→ c —supports→ a —premise→ arg1 —conclusion→ t —supports→ r1\n"
    );
    assert_eq!(
        q(&["path", "cyc2", "r1", "--all"]),
        "cyc2 —supports→ cyc1 —supports→ t —supports→ r1\n"
    );
    let v = qjson(&["path", "gov", "r1", "--all", "--max-len", "4"]);
    assert_eq!(v["complete"], true);
    let paths: Vec<usize> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_array().unwrap().len())
        .collect();
    // gov→t→r1 and gov→a→arg1→t→r1; the way through e (gov opposes e) takes 5.
    assert_eq!(paths, [2, 4], "{v}");
    let out = argkb()
        .arg("--kb")
        .arg(fixture("good/queries.ron"))
        .args(["path", "gov", "r1", "--all", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "gov —asserts→ t —supports→ r1\n"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("stopped after 1 path; more exist"));
    // A chain through an actor (h is about gov, gov asserts a) says
    // nothing of how h bears on a: paths follow the argument unless asked.
    q_fails(
        &["path", "h", "a"],
        1,
        "a chain through actors' relations exists: add --actors",
    );
    assert_eq!(
        q(&["path", "h", "a", "--actors"]),
        "h —about→ gov —asserts→ a\n"
    );
    assert_eq!(
        q(&["path", "h", "a", "--rel", "about", "--rel", "asserts"]),
        "h —about→ gov —asserts→ a\n"
    );
    q_fails(
        &["path", "r1", "d"],
        1,
        "no chain of relations leads from `r1` to `d`",
    );
    q_fails(
        &["path", "t", "d", "--all", "--max-len", "3"],
        1,
        "no chain of at most 3 relations",
    );
    q_fails(&["path", "t", "t"], 2, "both ends");
    // A limit too short is no reason to send the reader to --actors.
    q_fails(
        &["path", "c", "r1", "--all", "--max-len", "1"],
        1,
        "no chain of at most 1 relation leads",
    );
    let err = String::from_utf8_lossy(
        &argkb()
            .args(["--kb", fixture("good/queries.ron").to_str().unwrap()])
            .args(["path", "c", "r1", "--all", "--max-len", "1"])
            .output()
            .unwrap()
            .stderr,
    )
    .to_string();
    assert!(!err.contains("--actors"), "{err}");
}

#[test]
fn why_shows_linked_premises_undercuts_and_attacks() {
    assert_eq!(
        q(&["why", "t"]),
        "\
t  The thesis holds  [assessment ¶3 · the author endorses]
├─ argument arg1 (linked), premises linked:
│  ├─ undercut by g  The premises do not bear on t  [assessment ¶2 · the author endorses]
│  │  ├─ the attack succeeds: g is in (grounded)
│  │  └─ unanswered
│  ├─ premise a  Première prémisse  [assessment ¶1 · the author endorses]
│  │  ├─ attacked by e  Objection to a  [assessment ¶2 · the author endorses]
│  │  │  ├─ the attack fails: e is out (grounded)
│  │  │  └─ answered by f  Reply to the objection  [assessment ¶2 · the author endorses]
│  │  └─ supported by c  Reason for a  [assessment ¶1 · the author endorses]
│  │     └─ supported by d  Evidence for c  [fact ¶1 · the author endorses]
│  └─ premise b  Second premise  [assumption ¶1 · the author endorses]
├─ supported by h  Another reason for t  [assessment ¶3 · the author endorses]
│  └─ attacked by i  Objection to h  [prediction ¶3 · the author endorses]
│     ├─ the attack succeeds: i is in (grounded)
│     └─ unanswered
└─ supported by cyc1  Circular one  [assessment ¶4 · the author endorses]
   └─ supported by cyc2  Circular two  [assessment ¶4 · the author endorses]
      ├─ attacked by x  Objection to the circle  [assessment ¶4 · the author endorses]
      │  ├─ the attack succeeds: x is in (grounded)
      │  └─ unanswered
      └─ ↻ supported by cyc1, already on this branch (a support cycle)
"
    );
    let v = qjson(&["why", "t", "--depth", "1"]);
    assert_eq!(v["supports"][2]["tree"]["id"], "cyc1");
    let full = qjson(&["why", "t"]);
    assert_eq!(
        full["supports"][2]["tree"]["supports"][0]["tree"]["cycle_to"],
        serde_json::json!(["cyc1"])
    );
    assert_eq!(v["supports"][2]["tree"]["depth_limit"], true);
    let g = &v["supports"][0]["undercut_by"][0];
    assert_eq!(g["id"], "g");
    // Voice, stance and the attack's fate, in JSON too.
    assert_eq!(g["voice"], "gov");
    assert_eq!(g["stance"], "endorses");
    assert_eq!(g["outcome"], "succeeds");
    assert_eq!(g["answered"], false);
    let e = &full["supports"][0]["premises"][0]["attacked_by"][0];
    assert_eq!(e["id"], "e");
    assert_eq!(e["outcome"], "fails: attacker out");
    assert_eq!(e["answered_by"][0]["id"], "f");
    q_fails(&["why", "d"], 1, "nothing supports or attacks `d`");
    q_fails(
        &["why", "gov"],
        2,
        "`why` explains claims and recommendations",
    );
}

#[test]
fn challenges_follow_the_support_tree() {
    assert_eq!(
        q(&["challenges", "r1"]),
        "\
g —undercuts→ arg1 —conclusion→ t —supports→ r1
    The premises do not bear on t  [the author endorses]
    unanswered
i —attacks→ h —supports→ t —supports→ r1
    Objection to h  [the author endorses]
    unanswered
e —attacks→ a —premise→ arg1 —conclusion→ t —supports→ r1
    Objection to a  [the author endorses]
    answered: countered by f
x —attacks→ cyc2 —supports→ cyc1 —supports→ t —supports→ r1
    Objection to the circle  [the author endorses]
    unanswered
"
    );
    let v = qjson(&["challenges", "a"]);
    assert_eq!(v[0]["attacker"]["id"], "e");
    assert_eq!(v[0]["direct"], true);
    q_fails(
        &["challenges", "d"],
        1,
        "nothing attacks `d` or its support",
    );
    // Only what nothing answers: e's attack on a is countered by f.
    let open = q(&["challenges", "r1", "--unanswered"]);
    assert!(!open.contains("e —attacks→ a"), "{open}");
    assert!(
        open.contains("i —attacks→ h") && open.contains("g —undercuts→ arg1"),
        "{open}"
    );
    argkb()
        .args(["--kb", fixture("good/queries.ron").to_str().unwrap()])
        .args(["challenges", "r1", "--unanswered"])
        .assert()
        .success()
        .stderr(contains(
            "note: 1 answered attack not shown (drop --unanswered)",
        ));
    // On the essay every challenge to the thesis is answered.
    argkb()
        .args(["challenges", "strategic-reengagement", "--unanswered"])
        .assert()
        .code(1)
        .stderr(contains(
            "every attack on `strategic-reengagement` and its support is answered",
        ));
}

#[test]
fn stance_sections_an_actor() {
    assert_eq!(
        q(&["stance", "gov"]),
        "\
gov  Government  (state)
says in its own voice, and endorses:
  a       ¶1  Première prémisse
  b       ¶1  Second premise
  c       ¶1  Reason for a
  d       ¶1  Evidence for c
  e       ¶2  Objection to a
  f       ¶2  Reply to the objection
  g       ¶2  The premises do not bear on t
  t       ¶3  The thesis holds
  h       ¶3  Another reason for t
  i       ¶3  Objection to h
  cyc1    ¶4  Circular one
  cyc2    ¶4  Circular two
  x       ¶4  Objection to the circle
  r1      ¶5  Act on the thesis
asserts:
  a    ¶1  Première prémisse
  t    ¶3  The thesis holds
opposes:
  e    ¶2  Objection to a
is asked to:
  r1    ¶5  Act on the thesis
is the subject of:
  h    ¶3  Another reason for t
relations:
  critic —ally_of→ gov
"
    );
    q_fails(&["stance", "t"], 2, "not an actor");
}

#[test]
fn search_is_case_and_accent_insensitive_and_ranked() {
    let v = qjson(&["search", "PREMIERE"]);
    assert_eq!(v[0]["id"], "a");
    assert_eq!(v[0]["field"], "text");
    assert_eq!(v[0]["matches"], serde_json::json!([{"start": 0, "end": 8}]));
    // A header line, then one line per hit.
    assert_eq!(q(&["search", "objection"]).lines().count(), 5);
    let ranked = ids_of(&qjson(&["search", "t"]));
    assert_eq!(
        ranked[0], "t",
        "an exact id outranks words in texts: {ranked:?}"
    );
    assert_eq!(
        q(&["search", "reason", "for"]).lines().nth(1).unwrap(),
        "   18  c   text        «Reason» «for» a"
    );
    q_fails(&["search", "nothing-like-this"], 1, "nothing matches");
}

#[test]
fn weak_points_lists_all_four_kinds() {
    let v = qjson(&["weak-points"]);
    let ids = |key: &str| ids_of(&v[key]);
    assert_eq!(ids("single_support"), ["r1"]);
    assert_eq!(
        v["single_support"][0]["supported_by"],
        serde_json::json!(["t"])
    );
    assert_eq!(ids("unsupported_premises"), ["b", "h"]);
    // e is attacked by f, and nothing answers f.
    assert_eq!(ids("undefended"), ["cyc2", "e", "h"]);
    assert_eq!(v["support_cycles"], serde_json::json!([["cyc1", "cyc2"]]));
    argkb()
        .arg("--kb")
        .arg(fixture("good/minimal.ron"))
        .arg("weak-points")
        .assert()
        .success()
        .stdout(contains("Attacked, and no attacker is answered:\n  c3"));
}

#[test]
fn rank_orders_by_each_measure() {
    let top = |by: &str| -> Vec<(String, f64)> {
        qjson(&["rank", "--by", by, "--top", "4"])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        top("support-reach"),
        [
            ("d".into(), 4.0),
            ("c".into(), 3.0),
            ("cyc1".into(), 3.0),
            ("cyc2".into(), 3.0)
        ]
    );
    // PageRank on reversed support: a support cycle keeps the weight it
    // receives, and what only attacks gets the baseline.
    let pr: BTreeMap<String, f64> = qjson(&["rank", "--by", "pagerank", "--top", "20"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    let mut order: Vec<(&String, &f64)> = pr.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(a.1));
    assert_eq!((order[0].0.as_str(), order[1].0.as_str()), ("cyc1", "cyc2"));
    assert!(pr["d"] > pr["c"] && pr["c"] > pr["e"], "{pr:?}");
    assert_eq!(pr["e"], pr["x"]);
    assert!(pr["t"] > pr["r1"], "{pr:?}");
    // Betweenness: t lies on every path from the 13 nodes below it to r1;
    // a on those from c, d, e, f to arg1, t and r1.
    assert_eq!(
        top("betweenness")[..2],
        [("t".into(), 13.0), ("a".into(), 12.0)]
    );
}

#[test]
fn list_and_export_filter_by_actor() {
    let v = qjson(&["list", "--actor", "gov"]);
    let ids = ids_of(&v);
    assert_eq!(ids, ["gov", "a", "e", "h", "t", "r1"]);
    let kb = fixture("good/queries.ron");
    let out = stdout_of(&[
        "--kb",
        kb.to_str().unwrap(),
        "export",
        "--actor",
        "gov",
        "--kind",
        "claim",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids = ids_of(&v["nodes"]);
    assert_eq!(
        ids,
        ["a", "arg1", "e", "h", "t"],
        "an argument stays with its conclusion and a premise"
    );
    let links: Vec<String> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!(
                "{} {} {}",
                l["source"].as_str().unwrap(),
                l["kind"].as_str().unwrap(),
                l["target"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            "a premise arg1",
            "arg1 conclusion t",
            "e attacks a",
            "h supports t"
        ]
    );
    q_fails(&["list", "--actor", "t"], 2, "is a claim, not an actor");
}

// ---------------------------------------------------------------- query snapshots on the essay

#[test]
fn essay_query_snapshots() {
    let cases: &[(&str, &[&str])] = &[
        ("neighbors_china_fed_up", &["neighbors", "china-fed-up"]),
        (
            "path_kim_not_invited_thesis",
            &[
                "path",
                "kim-not-invited",
                "strategic-reengagement",
                "--rel",
                "supports",
                "--rel",
                "premise",
                "--rel",
                "conclusion",
            ],
        ),
        (
            "why_us_consider_influence",
            &["why", "us-consider-influence"],
        ),
        (
            "challenges_thesis",
            &["challenges", "strategic-reengagement"],
        ),
        ("stance_china", &["stance", "china"]),
        ("search_kim", &["search", "kim"]),
        ("weak_points", &["weak-points"]),
        ("rank_support_reach", &["rank"]),
        ("rank_betweenness", &["rank", "--by", "betweenness"]),
        ("rank_pagerank", &["rank", "--by", "pagerank"]),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(format!("essay_{name}"), stdout_of(args));
    }
}

// ---------------------------------------------------------------- the README's examples

/// Every `$ argkb …` example in the README's console blocks prints what the
/// README shows (examples elided with `…` are skipped; `| head -N` and
/// `| tail -n N` are applied here; other pipes are skipped).
/// Every `$ argkb` line of the README runs as written in a fresh clone:
/// it names no file the clone does not hold (the essay's text beside it,
/// a user's own files), other than one an earlier line writes with `-o`.
/// What needs more is said in prose, not shown as a command.
/// `cmd` split as a shell splits it, for the README's examples: at
/// whitespace outside single quotes, the quotes removed.
fn shell_words(cmd: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in cmd.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn readme_commands_run_in_a_fresh_clone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tracked = String::from_utf8(
        Command::new("git")
            .args(["ls-files"])
            .current_dir(root)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
    )
    .unwrap();
    let in_clone = |p: &str| {
        let p = p.trim_end_matches('/');
        if tracked.is_empty() {
            // Not a git checkout: the working tree stands for the clone.
            return !p.starts_with("../") && root.join(p).exists();
        }
        tracked
            .lines()
            .any(|f| f == p || f.starts_with(&format!("{p}/")))
    };
    let mut written: Vec<String> = Vec::new();
    let mut checked = 0;
    for line in readme.lines() {
        let Some(cmd) = line.strip_prefix("$ argkb") else {
            continue;
        };
        let cmd = match cmd.find("  #") {
            Some(at) => &cmd[..at],
            None => cmd,
        };
        let words: Vec<&str> = cmd.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let w = w.trim_matches(['\'', '"']);
            let is_output = i > 0 && words[i - 1] == "-o";
            if is_output {
                written.push(w.to_string());
                continue;
            }
            let looks_like_path = w.contains('/')
                || [".ron", ".json", ".txt", ".rq", ".argdown"]
                    .iter()
                    .any(|e| w.ends_with(e));
            if !looks_like_path || w.starts_with("http") || w.starts_with('-') {
                continue;
            }
            if in_clone(w) || written.iter().any(|o| o == w) {
                continue;
            }
            panic!(
                "README line `$ argkb{cmd}` names `{w}`, which a fresh clone does not hold: it fails there (exit 2)"
            );
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} README lines checked");
}

#[test]
fn readme_examples_are_current() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut checked = 0;
    let mut in_console = false;
    let mut examples: Vec<(String, String)> = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_console = true;
            continue;
        }
        if line.starts_with("```") {
            in_console = false;
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            // A trailing `# …` comment says what the line needs; it is not
            // part of the command.
            let cmd = match cmd.find("  #") {
                Some(at) => cmd[..at].trim_end(),
                None => cmd,
            };
            examples.push((cmd.to_string(), String::new()));
        } else if let Some((_, out)) = examples.last_mut() {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (cmd, expected) in examples {
        let expected = expected.trim_end_matches('\n').to_string() + "\n";
        if expected.contains('…') || expected.trim().is_empty() {
            continue;
        }
        let (cmd, filter) = match cmd.split_once(" | ") {
            None => (cmd.as_str(), None),
            Some((c, f)) => (c, Some(f.to_string())),
        };
        // Words as a shell splits them: a '…' quoted argument is one word.
        let words = shell_words(cmd);
        assert_eq!(words[0], "argkb", "{cmd}");
        // A time limit, so that an example that never ends fails instead
        // of hanging the suite.
        let out = argkb()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&words[1..])
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        let mut text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        match filter.as_deref() {
            None => {}
            Some(f) if f.starts_with("head -") => {
                let n: usize = f.trim_start_matches("head -").parse().unwrap();
                text = text.lines().take(n).map(|l| format!("{l}\n")).collect();
            }
            Some(f) if f.starts_with("tail -n ") => {
                let n: usize = f.trim_start_matches("tail -n ").parse().unwrap();
                let lines: Vec<&str> = text.lines().collect();
                text = lines[lines.len().saturating_sub(n)..]
                    .iter()
                    .map(|l| format!("{l}\n"))
                    .collect();
            }
            Some(_) => continue,
        }
        let text: String = text
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        assert_eq!(text, expected, "README example `{cmd}` is out of date");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} README examples checked");
}

// ------------------------------------------------------------ robustness
//
// Regression tests for the defects the fuzzing campaign found: each failed
// before its fix. Long inputs are generated here, not stored.

/// A KB of `n` claims, each supporting the one before it, the last also
/// attacking the first (so `challenges` has a route through the chain).
fn chain_kb(n: usize) -> String {
    let mut s = String::from(
        "KnowledgeBase(meta: (title: \"chain\", source: (publication: \"p\", date: \"d\"), author: \"a\", thesis: Some(\"c0\")),\nclaims: [\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "(id: \"c{i}\", text: \"claim {i}\", kind: Assessment, quote: \"q\", para: 1),\n"
        ));
    }
    s.push_str("],\nrelations: [\n");
    for i in 1..n {
        s.push_str(&format!("Supports(\"c{i}\", \"c{}\"),\n", i - 1));
    }
    s.push_str(&format!("Attacks(\"c{}\", \"c0\"),\n])\n", n - 1));
    s
}

#[test]
fn every_command_survives_a_chain_of_200000_claims() {
    let dir = tmpdir("chain");
    let kb = dir.join("chain.ron");
    std::fs::write(&kb, chain_kb(200_000)).unwrap();
    let last = "c199999";
    let commands: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["why", "c0"],
        vec!["why", "c0", "--format", "json"],
        vec!["path", last, "c0", "--rel", "supports"],
        vec!["path", "--all", last, "c0", "--max-len", "200001"],
        vec!["challenges", "c0"],
        vec!["rank"],
        vec!["weak-points"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "dot"],
    ];
    // Two at a time: each loads the KB in a few seconds.
    let results: Vec<(Vec<&str>, std::process::Output)> = std::thread::scope(|s| {
        let handles: Vec<_> = commands
            .chunks(commands.len().div_ceil(2))
            .map(|chunk| {
                let kb = &kb;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|args| {
                            let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
                                .args(["--color", "never", "--kb"])
                                .arg(kb)
                                .args(args)
                                .output()
                                .unwrap();
                            (args.clone(), out)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (args, out) in &results {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
    let output = |cmd: &[&str]| {
        let (_, out) = results.iter().find(|(a, _)| a == cmd).unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    // The answers are the right ones, not merely produced.
    assert!(output(&["check"]).contains("200000 claims"));
    assert_eq!(
        output(&["path", last, "c0", "--rel", "supports"])
            .matches("—supports→")
            .count(),
        199_999
    );
    let all = output(&["path", "--all", last, "c0", "--max-len", "200001"]);
    assert!(all.starts_with(
        "c199999 —attacks→ c0
"
    ));
    assert_eq!(all.lines().count(), 2);
    assert!(
        output(&["rank"])
            .lines()
            .nth(1)
            .unwrap()
            .contains("199999  c199999")
    );
    let why = output(&["why", "c0"]);
    assert_eq!(
        why.lines().filter(|l| l.contains("supported by")).count(),
        199_999
    );
    // No line of the tree is indented past a few dozen levels.
    assert!(why.lines().all(|l| l.chars().count() < 200));
    let json: serde_json::Value = serde_json::from_str(&output(&["why", "c0", "--format", "json"]))
        .expect("why JSON nests within serde_json's default depth limit");
    assert!(!json["continuations"].as_array().unwrap().is_empty());
    assert!(output(&["challenges", "c0"]).contains("c199999 —attacks→ c0"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_huge_id_is_a_located_error_not_a_panic() {
    let dir = tmpdir("huge-id");
    let kb = dir.join("kb.ron");
    let id = "x".repeat(65_536);
    std::fs::write(
        &kb,
        format!(
            "KnowledgeBase(meta: (title: \"t\", source: (publication: \"p\", date: \"d\"), author: \"a\"),\n\
             claims: [(id: \"{id}\", text: \"t\", kind: Fact, quote: \"q\", para: 1)])\n"
        ),
    )
    .unwrap();
    for cmd in [
        "check",
        "list",
        "search",
        "rank",
        "show",
        "neighbors",
        "stance",
    ] {
        let mut c = argkb();
        c.arg("--kb").arg(&kb).arg(cmd);
        if matches!(cmd, "search" | "show" | "neighbors" | "stance") {
            c.arg("x");
        }
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {stderr}");
        assert!(
            stderr.contains("error[invalid-id]") && stderr.contains(":2:15"),
            "{cmd}: {stderr}"
        );
        // The message and the echoed line are cut, not 64 KiB long.
        assert!(
            stderr.len() < 4_000,
            "{cmd}: {} bytes of stderr",
            stderr.len()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diagnostics_are_capped_and_lines_cut_around_the_caret() {
    let dir = tmpdir("amplify");
    let kb = dir.join("kb.ron");
    let mut text = String::from(
        "KnowledgeBase(meta: (title: \"t\", source: (publication: \"p\", date: \"d\"), author: \"a\"), claims: [(id: \"a\", text: \"a\", kind: Fact, quote: \"q\", para: 1), (id: \"b\", text: \"b\", kind: Fact, quote: \"q\", para: 1)], relations: [",
    );
    for _ in 0..20_000 {
        text.push_str("Supports(\"a\", \"b\"), ");
    }
    text.push_str("])\n");
    std::fs::write(&kb, &text).unwrap();
    let out = argkb().arg("--kb").arg(&kb).arg("check").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("error[duplicate-relation]").count(), 100);
    assert!(stderr.contains("note: 19899 more diagnostics not shown (--max-errors 0 shows all)"));
    // One line of 420 KB was echoed by each diagnostic before.
    assert!(stderr.len() < 100_000, "{} bytes", stderr.len());
    assert!(stderr.contains("…Supports(\"a\", \"b\"), Supports"));
    let out = argkb()
        .args(["--max-errors", "3", "--kb"])
        .arg(&kb)
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("error[duplicate-relation]").count(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `check` keeps only the warnings it shows (`--max-errors`), but counts
/// and orders them as if it kept them all.
#[test]
fn warnings_beyond_max_errors_are_counted_not_kept() {
    let dir = tmpdir("many-warnings");
    let kb = dir.join("kb.ron");
    std::fs::write(&kb, argkb::model::synth::essay_like(3_000, 11)).unwrap();
    let run = |max: &str, extra: &[&str]| {
        let out = argkb()
            .args(["--max-errors", max, "--kb"])
            .arg(&kb)
            .args(extra)
            .arg("check")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, all_out, all_err) = run("0", &[]);
    assert_eq!(code, Some(0), "{all_err}");
    let total =
        all_err.matches("\nwarning[").count() + usize::from(all_err.starts_with("warning["));
    assert!(total > 100, "the generated KB draws {total} warnings");
    assert!(
        all_out.contains(&format!("; {total} warnings")),
        "{all_out}"
    );
    let blocks: Vec<&str> = all_err.split_inclusive("\n\n").collect();
    for max in [1usize, 7, 100] {
        let (code, out, err) = run(&max.to_string(), &[]);
        assert_eq!(code, Some(0));
        // The same summary, the first `max` warnings of the full report,
        // and the right count of the others.
        assert_eq!(out, all_out, "--max-errors {max}");
        let shown: String = blocks[..max].concat();
        assert!(err.starts_with(&shown), "--max-errors {max}:\n{err}");
        let note = format!("note: {} more diagnostics not shown", total - max);
        assert!(err.contains(&note), "--max-errors {max}: {err}");
    }
    let (code, _, err) = run("5", &["--deny-warnings"]);
    assert_eq!(code, Some(1));
    assert!(err.starts_with(&blocks[..5].concat()), "{err}");
    assert!(
        err.contains(&format!("{total} warnings denied by --deny-warnings")),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn many_and_long_unknown_ids_are_diagnosed_quickly() {
    let dir = tmpdir("unknown-ids");
    let kb = dir.join("kb.ron");
    let mut text = String::from(
        "KnowledgeBase(meta: (title: \"t\", source: (publication: \"p\", date: \"d\"), author: \"a\"), claims: [\n",
    );
    for i in 0..4_000 {
        text.push_str(&format!(
            "(id: \"claim-{i:05}\", text: \"t\", kind: Fact, quote: \"q\", para: 1),\n"
        ));
    }
    text.push_str("], relations: [\n");
    for i in 0..4_000 {
        text.push_str(&format!("Supports(\"claim-{i:05}x\", \"claim-{i:05}\"),\n"));
    }
    text.push_str(&format!(
        "Supports(\"{}\", \"claim-00001\"),\n])\n",
        "y".repeat(40_000)
    ));
    std::fs::write(&kb, &text).unwrap();
    let out = argkb()
        .args(["--max-errors", "0", "--kb"])
        .arg(&kb)
        .arg("check")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("error[unknown-id]").count(), 4_001);
    assert!(stderr.contains("did you mean `claim-00000`?"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn small_robustness_fixtures() {
    let fx = |name: &str| fixture(&format!("robustness/{name}"));
    // A KB with only `meta` is valid and exports as an empty graph.
    for format in ["json", "dot"] {
        argkb()
            .arg("--kb")
            .arg(fx("meta-only.ron"))
            .args(["export", "--format", format])
            .assert()
            .success();
    }
    // A file cut right after a backslash inside a string (found by the
    // fuzzer: the position scan stepped past the end) is a located
    // syntax error, in `check` and in any other command.
    for command in ["check", "stats"] {
        argkb()
            .arg("--kb")
            .arg(fx("string-ends-in-backslash.ron"))
            .arg(command)
            .assert()
            .code(1)
            .stderr(contains("error[syntax]"))
            .stderr(contains("string-ends-in-backslash.ron:1:"));
    }
    // A byte-order mark is accepted.
    argkb()
        .arg("--kb")
        .arg(fx("bom.ron"))
        .arg("check")
        .assert()
        .success()
        .stdout(contains("0 claims"));
    // RON whitespace (U+2028, U+0085) does not unlocate diagnostics.
    argkb()
        .arg("--kb")
        .arg(fx("unicode-whitespace.ron"))
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("unicode-whitespace.ron:4:32"));
    // A focus on an argument keeps the argument, even at depth 0.
    let dot = argkb()
        .arg("--kb")
        .arg(fx("edge-like-id.ron"))
        .args([
            "export", "--format", "dot", "--focus", "arg", "--depth", "0",
        ])
        .output()
        .unwrap();
    assert!(dot.status.success());
    assert!(String::from_utf8_lossy(&dot.stdout).contains("\"arg\" [id=\"arg\""));
    // No SVG id of a node equals the id of an edge.
    let dot = stdout_of(&[
        "--kb",
        fx("edge-like-id.ron").to_str().unwrap(),
        "export",
        "--format",
        "dot",
    ]);
    let ids: Vec<&str> = dot
        .lines()
        .filter_map(|l| l.split(" [id=\"").nth(1))
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.len() >= 7);
}

#[test]
fn a_huge_title_renders_to_a_picture_not_to_nothing() {
    if !have_dot() {
        return;
    }
    assert!(have_dot(), "Graphviz `dot` is missing");
    let dir = tmpdir("huge-title");
    let kb = dir.join("kb.ron");
    let title = "T&amp;".repeat(3_500);
    std::fs::write(
        &kb,
        format!(
            "KnowledgeBase(meta: (title: \"{title}\", source: (publication: \"p\", date: \"d\"), author: \"a\"),\n\
             claims: [(id: \"a\", text: \"{}\", kind: Fact, quote: \"q\", para: 1)])\n",
            "word ".repeat(5_000)
        ),
    )
    .unwrap();
    let svg = dir.join("map.svg");
    argkb()
        .arg("--kb")
        .arg(&kb)
        .args(["render", "-o"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("<svg") && text.contains("T&amp;amp;"),
        "{}",
        text.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// ------------------------------------------------------------ many files

#[test]
fn duplicate_and_unknown_ids_across_files_point_at_the_right_file() {
    let out = argkb()
        .arg("--kb")
        .arg(fixture("cross-dup"))
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[duplicate-id]: id `china` is defined twice"),
        "{err}"
    );
    assert!(err.contains("cross-dup/b.ron:6:19"), "{err}");
    assert!(err.contains("cross-dup/a.ron:3:24"), "{err}");
    assert!(err.contains("first defined here, as an actor"), "{err}");
    // Files named one by one are the same KB as their folder.
    let out = argkb()
        .arg("--kb")
        .arg(fixture("cross-unknown/actors.ron"))
        .arg("--kb")
        .arg(fixture("cross-unknown/text.ron"))
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cross-unknown/text.ron:5:28"), "{err}");
    assert!(err.contains("did you mean `china`?"), "{err}");
    // Alone, the text file misses the actor file's ids.
    argkb()
        .arg("--kb")
        .arg(fixture("cross-unknown/text.ron"))
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("no node has the id `chian`"));
}

#[test]
fn a_kb_of_two_texts_and_shared_actors_checks_queries_and_draws() {
    let kb = fixture("multi");
    let kb = kb.to_str().unwrap();
    // The texts are found through the `text` paths in the KB.
    let summary = stdout_of(&["--kb", kb, "check"]);
    assert!(
        summary.contains(
            "5 actors, 6 claims, 2 recommendations, 1 argument, 13 links, 2 sources; 0 warnings"
        ),
        "{summary}"
    );
    // A quote changed in a copy is caught in the right text.
    let dir = tmpdir("multi");
    for f in [
        "actors.ron",
        "op-ed.ron",
        "reply.ron",
        "op-ed.txt",
        "reply.txt",
    ] {
        std::fs::copy(fixture(&format!("multi/{f}")), dir.join(f)).unwrap();
    }
    let reply = std::fs::read_to_string(dir.join("reply.ron")).unwrap();
    std::fs::write(
        dir.join("reply.ron"),
        reply.replace("grew last year", "grew last month"),
    )
    .unwrap();
    argkb()
        .arg("--kb")
        .arg(&dir)
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains(
            "the quote of claim `trade-grew` does not occur in paragraph 1",
        ))
        .stderr(contains("reply.ron:"));
    std::fs::remove_dir_all(&dir).unwrap();
    // --source ID=FILE names a text on the command line.
    let op_ed = fixture("multi/op-ed.txt");
    stdout_of(&[
        "--kb",
        kb,
        "check",
        "--source",
        &format!("op-ed={}", op_ed.display()),
    ]);
    argkb()
        .args(["--kb", kb, "check", "--source"])
        .arg(&op_ed)
        .assert()
        .code(2)
        .stderr(contains("the KB has 2 sources; say which: --source ID="));
    // Coverage per source; the implicit premise is listed apart.
    let cov = stdout_of(&["--kb", kb, "coverage"]);
    assert!(
        cov.contains("source op-ed:") && cov.contains("source reply:"),
        "{cov}"
    );
    assert!(
        cov.contains("implicit premises (in no sentence): snubs-mean-displeasure"),
        "{cov}"
    );
    // The cross-text attack is a challenge to the op-ed's recommendation.
    let ch = stdout_of(&["--kb", kb, "challenges", "ask-china"]);
    assert!(
        ch.contains("china-props-up —attacks→ china-fed-up —supports→ ask-china"),
        "{ch}"
    );
    // What China says is kept apart from what it holds.
    let st = stdout_of(&["--kb", kb, "stance", "china"]);
    assert!(
        st.contains("is reported to say:") && st.contains("[the author rejects]"),
        "{st}"
    );
    assert!(!st.contains("asserts:"), "{st}");
    // Filter by source; JSON carries voice and stance.
    let list = stdout_of(&["--kb", kb, "list", "--source", "reply", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(
        ids_of(&v),
        ["china-props-up", "trade-grew", "dont-count-on-china"]
    );
    let json = stdout_of(&["--kb", kb, "show", "official-line", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["node"]["speaker"], "china");
    assert_eq!(v["node"]["stance"], "rejects");
    assert_eq!(v["node"]["reported"], true);
    assert_eq!(v["node"]["source"], "op-ed");
    // The map names the speaker, the stance, the implicit premise, and
    // boxes each source; Graphviz takes it without a word.
    let dot = stdout_of(&[
        "--kb",
        kb,
        "export",
        "--format",
        "dot",
        "--cluster-by",
        "source",
    ]);
    assert!(
        dot.contains("said by China:\\nChina says the time is not appropriate\\n(author rejects)"),
        "{dot}"
    );
    assert!(dot.contains("(implicit)"), "{dot}");
    assert!(
        dot.contains("subgraph \"cluster_source_op-ed\"")
            && dot.contains("subgraph \"cluster_source_reply\"")
    );
    if have_dot() {
        let out = piped(Command::new("dot").arg("-Tcanon"), &dot);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn argkb_kb_sets_the_default_kb_and_messages_name_it() {
    let tram = fixture("good/tram.ron");
    let out = argkb()
        .env("ARGKB_KB", &tram)
        .arg("check")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("tram.ron: 3 actors"));
    // An unknown id says which KB was searched and how to pick another.
    argkb()
        .args(["why", "build-tram"])
        .assert()
        .code(1)
        .stderr(contains(
            "no node has the id `build-tram` in data/essay.ron (built-in);",
        ))
        .stderr(contains(
            "to query another KB, give --kb FILE or set ARGKB_KB",
        ));
    // --kb wins over the variable.
    let out = argkb()
        .env("ARGKB_KB", &tram)
        .args([
            "--kb",
            fixture("good/minimal.ron").to_str().unwrap(),
            "check",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("minimal.ron: 3 actors"));
}

#[test]
fn a_kb_with_no_source_text_checks_and_renders() {
    let tram = fixture("good/tram.ron");
    let tram = tram.to_str().unwrap();
    argkb()
        .args(["--deny-warnings", "--kb", tram, "check"])
        .assert()
        .success()
        .stdout(contains(
            "3 actors, 7 claims, 1 recommendation, 1 argument, 12 links; 0 warnings",
        ));
    // Nothing to check against a text: said, and not passed off as a
    // success (exit 1: nothing found). The essay without its text needs
    // the text (exit 2).
    argkb()
        .args(["--kb", tram, "coverage"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("names no source text; nothing to check"));
    argkb()
        .arg("coverage")
        .assert()
        .code(2)
        .stderr(contains("give --source FILE"));
    let why = stdout_of(&["--kb", tram, "why", "build-tram"]);
    assert!(
        why.contains("probably: A tram would replace many car trips downtown"),
        "{why}"
    );
    assert!(why.contains("[assumption, implicit]"), "{why}");
    if have_dot() {
        let dir = tmpdir("tram");
        let svg = dir.join("tram.svg");
        argkb()
            .args(["--kb", tram, "render", "-o"])
            .arg(&svg)
            .assert()
            .success();
        assert!(
            std::fs::read_to_string(&svg)
                .unwrap()
                .contains("Riverton should build a tram line")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

// ------------------------------------------------------- newcomer fixes

#[test]
fn output_format_follows_the_file_extension_and_a_mismatch_is_refused() {
    let dir = tmpdir("ext");
    let dot = dir.join("map.dot");
    argkb().args(["export", "-o"]).arg(&dot).assert().success();
    assert!(
        std::fs::read_to_string(&dot)
            .unwrap()
            .contains("digraph \"argkb\"")
    );
    let json = dir.join("map.json");
    argkb().args(["export", "-o"]).arg(&json).assert().success();
    assert!(std::fs::read_to_string(&json).unwrap().starts_with('{'));
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&dot)
        .assert()
        .code(2)
        .stderr(contains(
            "--format json does not match the output file's extension `.dot`",
        ));
    argkb()
        .args(["render", "--format", "svg", "-o"])
        .arg(dir.join("map.png"))
        .assert()
        .code(2)
        .stderr(contains(
            "does not match the output file's extension `.png`",
        ));
    if have_dot() {
        let png = dir.join("map.png");
        argkb().args(["render", "-o"]).arg(&png).assert().success();
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "render -o x.png writes PNG");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn messages_that_used_to_mislead() {
    argkb()
        .args(["rank", "--top", "0"])
        .assert()
        .code(2)
        .stderr(contains("invalid value '0' for '--top <N>'"));
    argkb()
        .args(["neighbors", "china", "--depth", "0"])
        .assert()
        .code(2)
        .stderr(contains("invalid value '0' for '--depth <N>'"));
    argkb()
        .args(["show", "fed-up"])
        .assert()
        .code(1)
        .stderr(contains("ids containing it: `china-fed-up`"));
    argkb()
        .args(["show", "zzzq"])
        .assert()
        .code(1)
        .stderr(contains("`argkb search zzzq`"));
    argkb()
        .args(["path", "us-can-influence-china", "times-changing", "--rel", "supports"])
        .assert()
        .code(1)
        .stderr(contains(
            "relations run the other way: `argkb path times-changing us-can-influence-china` finds a chain",
        ));
}

#[test]
fn weak_points_list_unanswered_undercuts() {
    // Everything: the undercuts of the inferences to the views the author
    // rejects, and of the protection's attack on the title.
    let out = stdout_of(&["weak-points", "--side", "all"]);
    assert!(
        out.contains(
            "Inferences undercut, and no undercutter is answered:\n  arg-block-means-backing"
        ),
        "{out}"
    );
    assert!(out.contains("undercut by china-own-reasons"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "weak-points",
        "--side",
        "all",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        ids_of(&json["undercut"]),
        [
            "arg-block-means-backing",
            "arg-official-line",
            "shield-vs-influence"
        ]
    );
    assert_eq!(json["other_side"], 0);
    // The author's case (the default, the essay naming its author): the
    // author's own undercuts of rejected views are no weak points of it,
    // nor are the rejected views; the attacks the author answers are
    // listed apart.
    let author: serde_json::Value =
        serde_json::from_str(&stdout_of(&["weak-points", "--format", "json"])).unwrap();
    assert_eq!(author["undercut"], serde_json::json!([]));
    assert_eq!(author["undefended"], serde_json::json!([]));
    let answered = ids_of(&author["answered"]);
    for id in [
        "china-fed-up",
        "strategic-reengagement",
        "us-can-influence-china",
        "us-encourage-china-rok",
    ] {
        assert!(answered.iter().any(|a| a == id), "{answered:?}");
    }
    for id in ids_of(&author["unsupported_premises"])
        .into_iter()
        .chain(ids_of(&author["single_support"]))
    {
        assert!(
            ![
                "china-backs-nk",
                "snub-is-timing",
                "more-china-less-america"
            ]
            .contains(&id.as_str()),
            "{id} is a view the author rejects"
        );
    }
    assert!(author["other_side"].as_u64().unwrap() > 0);
    argkb()
        .arg("weak-points")
        .assert()
        .success()
        .stderr(contains(
            "the author does not hold not examined (--side all)",
        ));
}

#[test]
fn cluster_by_actor_groups_claims_even_when_actors_are_hidden() {
    let dot = stdout_of(&["export", "--format", "dot", "--cluster-by", "actor"]);
    assert!(dot.contains("subgraph \"cluster_actor_china\""), "{dot}");
    assert!(dot.contains("subgraph \"cluster_actor_author\""), "{dot}");
    // Actors themselves stay out of the map.
    assert!(!dot.contains("\n    \"china\" ["), "{dot}");
}

#[test]
fn check_reports_json_for_editors_and_can_be_quiet() {
    let out = argkb()
        .arg("--kb")
        .arg(fixture("bad/three-errors.ron"))
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 5);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 5);
    let d = &v["diagnostics"][0];
    for key in [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "message",
        "severity",
    ] {
        assert!(!d[key].is_null(), "{key} missing in {d}");
    }
    assert!(d["file"].as_str().unwrap().ends_with("three-errors.ron"));
    // A valid KB: ok, no diagnostics, the counts.
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["check", "--format", "json"])).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["diagnostics"], serde_json::json!([]));
    assert_eq!(v["summary"]["nodes"]["claim"], 65);
    // Warnings are diagnostics too, and fail under --deny-warnings.
    let out = argkb()
        .arg("--kb")
        .arg(fixture("bad/warn-isolated.ron"))
        .args(["--deny-warnings", "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "isolated");
    // --quiet: nothing on success, not even warnings.
    argkb()
        .arg("--kb")
        .arg(fixture("bad/warn-isolated.ron"))
        .args(["check", "--quiet"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn init_writes_a_starter_kb_from_a_text_and_never_over_a_file() {
    let dir = tmpdir("init");
    let text = dir.join("op-ed.txt");
    std::fs::write(
        &text,
        "An Op-Ed\n\nFirst point. Second point.\n\nThe end.\n",
    )
    .unwrap();
    let kb = dir.join("kb.ron");
    argkb()
        .args(["init", "--source"])
        .arg(&text)
        .arg("-o")
        .arg(&kb)
        .assert()
        .success();
    let starter = std::fs::read_to_string(&kb).unwrap();
    assert!(starter.contains("title: \"An Op-Ed\""), "{starter}");
    assert!(starter.contains("text: \"op-ed.txt\""), "{starter}");
    assert!(starter.contains("//   Second point."), "{starter}");
    // It checks, and coverage finds the text through its path.
    argkb().arg("--kb").arg(&kb).arg("check").assert().success();
    let cov = stdout_of(&["--kb", kb.to_str().unwrap(), "coverage"]);
    assert!(cov.contains("uncovered: Second point."), "{cov}");
    argkb()
        .args(["init", "-o"])
        .arg(&kb)
        .assert()
        .code(2)
        .stderr(contains("never writes over a file"));
    assert_eq!(std::fs::read_to_string(&kb).unwrap(), starter);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_man_pages_and_notes_explain_themselves() {
    let help = stdout_of(&["neighbors", "--help"]);
    assert!(help.contains("Global options:"), "{help}");
    assert!(help.contains("<ID>\n          The node's id"), "{help}");
    assert!(
        help.contains("[possible values: supports, attacks, undercuts"),
        "{help}"
    );
    let page = stdout_of(&["man", "why"]);
    assert!(page.contains(".TH argkb-why 1"), "{page}");
    argkb()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(contains("no subcommand `nope`"));
    let out = argkb().args(["rank", "--top", "2"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("rank  rest on it  id"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the thesis rest on nothing below them"));
    let neighbors = stdout_of(&["neighbors", "times-changing"]);
    assert!(neighbors.starts_with("dist  reached by"), "{neighbors}");
    // JSON nodes carry `subkind`, as the README says.
    let list: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "list",
        "--kind",
        "prediction",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|n| n["subkind"] == "prediction")
    );
}

#[test]
fn schema_and_semantic_problems_come_in_one_run() {
    let out = argkb()
        .arg("--kb")
        .arg(fixture("bad/schema-and-semantic.ron"))
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "error[unknown-variant]: unknown kind `Fakt`",
        "error[unknown-field]: unknown field `txt`",
        // Every missing field of an entry at once, not one per run.
        "error[missing-field]: missing fields `text` and `kind` in `Claim`",
        // The semantic check still runs on the entries that parsed.
        "error[unknown-id]: no node has the id `buld-tram`",
        "did you mean `build-tram`?",
        "4 errors",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // References to an entry that failed to parse are not reported again.
    assert!(!err.contains("no node has the id `a`"), "{err}");
    assert!(!err.contains("no node has the id `c`"), "{err}");
}

#[test]
fn bash_completion_offers_relation_kinds_and_node_ids() {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_argkb")).parent().unwrap();
    let script = |words: &str, cword: usize, cur: &str, prev: &str| {
        format!(
            "export PATH={}:$PATH; source <(argkb completions bash); COMP_WORDS=({words}); COMP_CWORD={cword}; _argkb_with_ids argkb '{cur}' '{prev}'; echo \"${{COMPREPLY[@]}}\"",
            bin_dir.display()
        )
    };
    let run = |s: String| {
        let out = Command::new("bash").arg("-c").arg(s).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let ids = run(script("argkb why china-f", 2, "china-f", "why"));
    assert_eq!(ids.trim(), "china-fears-collapse china-fed-up");
    let kinds = run(script("argkb export --rel su", 3, "su", "--rel"));
    assert_eq!(kinds.trim(), "supports");
    // Ids come from the KB named on the line.
    let tram = fixture("good/tram.ron");
    let ids = run(script(
        &format!("argkb --kb {} show bu", tram.display()),
        4,
        "bu",
        "show",
    ));
    assert_eq!(ids.trim(), "build-tram");
    // A closed pipe is not an error.
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' completions bash | head -1",
            env!("CARGO_BIN_EXE_argkb")
        ))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every `--format json` output, checked against docs/schema/output.schema.json.
#[test]
fn every_json_output_matches_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/output.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let essay = fixture("../../data/essay.ron");
    let multi = fixture("multi");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essay/essay.txt");
    let mut cases: Vec<(&str, Vec<String>)> = vec![
        ("export", vec!["export".into()]),
        ("list", vec!["list".into()]),
        ("show", vec!["show".into(), "official-explanation".into()]),
        ("show", vec!["show".into(), "china".into()]),
        ("show", vec!["show".into(), "arg-snub-signals".into()]),
        (
            "neighbors",
            vec![
                "neighbors".into(),
                "china-fed-up".into(),
                "--depth".into(),
                "2".into(),
            ],
        ),
        (
            "path",
            vec![
                "path".into(),
                "kim-not-invited".into(),
                "us-can-influence-china".into(),
                "--all".into(),
            ],
        ),
        ("why", vec!["why".into(), "strategic-reengagement".into()]),
        (
            "challenges",
            vec!["challenges".into(), "strategic-reengagement".into()],
        ),
        ("stance", vec!["stance".into(), "china".into()]),
        ("stance", vec!["stance".into(), "author".into()]),
        ("search", vec!["search".into(), "kim".into()]),
        ("weak-points", vec!["weak-points".into()]),
        (
            "weak-points",
            vec!["weak-points".into(), "--side".into(), "all".into()],
        ),
        (
            "challenges",
            vec![
                "challenges".into(),
                "china-backs-nk".into(),
                "--side".into(),
                "all".into(),
            ],
        ),
        ("eval", vec!["eval".into()]),
        (
            "eval",
            vec![
                "eval".into(),
                "--assume".into(),
                "china-fed-up=out".into(),
                "--all".into(),
            ],
        ),
        (
            "eval-explain",
            vec![
                "eval".into(),
                "--explain".into(),
                "us-can-influence-china".into(),
            ],
        ),
        (
            "eval-explain",
            vec![
                "eval".into(),
                "--support".into(),
                "deductive".into(),
                "--explain".into(),
                "china-backs-nk".into(),
            ],
        ),
        ("rank", vec!["rank".into()]),
        ("stats", vec!["stats".into()]),
        ("check", vec!["check".into()]),
        (
            "check",
            vec![
                "--kb".into(),
                fixture("bad/three-errors.ron").display().to_string(),
                "check".into(),
            ],
        ),
        (
            "coverage",
            vec![
                "--kb".into(),
                multi.display().to_string(),
                "coverage".into(),
            ],
        ),
        (
            "export",
            vec!["--kb".into(), multi.display().to_string(), "export".into()],
        ),
    ];
    // Named conflicts, in every answer that lists nodes.
    let conflicts = fixture("good/conflicts.ron").display().to_string();
    for (def, query) in [
        ("export", vec!["export"]),
        ("list", vec!["list"]),
        ("show", vec!["show", "study-vs-expert"]),
        ("challenges", vec!["challenges", "safe"]),
        ("weak-points", vec!["weak-points"]),
        ("search", vec!["search", "exception"]),
    ] {
        let mut args = vec!["--kb".to_string(), conflicts.clone()];
        args.extend(query.into_iter().map(String::from));
        cases.push((def, args));
    }
    if shared.exists() {
        cases.push((
            "coverage",
            vec![
                "--kb".into(),
                essay.display().to_string(),
                "coverage".into(),
                "--source".into(),
                shared.display().to_string(),
            ],
        ));
    }
    for (def, args) in cases {
        let mut root = schema.clone();
        root["$ref"] = serde_json::json!(format!("#/$defs/{def}"));
        let validator = jsonschema::validator_for(&root).expect("the schema compiles");
        let out = argkb()
            .args(&args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{args:?} does not match $defs/{def}:\n{}",
            errors.join("\n")
        );
    }
    // The schema is not vacuous: a node without its id fails.
    let mut root = schema.clone();
    root["$ref"] = serde_json::json!("#/$defs/list");
    let validator = jsonschema::validator_for(&root).unwrap();
    assert!(!validator.is_valid(&serde_json::json!([{"kind": "claim"}])));
}

#[test]
fn search_marks_matches_in_colour_when_colour_is_on() {
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["--color", "always", "search", "kim"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\u{1b}[1;4mKim\u{1b}[0m Jong-un"), "{text}");
    assert!(!text.contains('«'), "{text}");
    // Piped, with colour off: the plain markers.
    assert!(stdout_of(&["search", "kim"]).contains("«Kim» Jong-un"));
}

#[test]
fn subcommand_help_and_man_pages_carry_examples() {
    let help = stdout_of(&["why", "--help"]);
    assert!(
        help.contains("Examples:\n  argkb why strategic-reengagement"),
        "{help}"
    );
    let page = stdout_of(&["man", "export"]);
    assert!(
        page.contains(".SH EXTRA") && page.contains("argkb export \\-o map.json"),
        "{page}"
    );
}

// ---------------------------------------------------------------- argdown

/// The Argdown CLI: installed by .ci/run under target/argdown, named by
/// $ARGKB_ARGDOWN, or on PATH.
fn argdown_cli() -> PathBuf {
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/argdown/node_modules/.bin/argdown");
    if let Some(p) = std::env::var_os("ARGKB_ARGDOWN") {
        return PathBuf::from(p);
    }
    if local.exists() {
        return local;
    }
    PathBuf::from("argdown")
}

/// Runs `argdown json` on `text`; its JSON, after checking that Argdown
/// reported no error or warning.
fn argdown_json(text: &str, name: &str) -> serde_json::Value {
    let dir = tmpdir(&format!("argdown-{name}"));
    let file = dir.join(format!("{name}.argdown"));
    std::fs::write(&file, text).unwrap();
    let out = Command::new(argdown_cli())
        .arg("json")
        .arg(&file)
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("the Argdown CLI is missing ({e}): CI must install it (.ci/run does: npm install --prefix target/argdown @argdown/cli@1.7.5)")
        });
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "argdown json failed:\n{log}");
    let lower = log.to_lowercase();
    assert!(
        !lower.contains("error") && !lower.contains("warn"),
        "Argdown complained:\n{log}"
    );
    let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// Checks that Argdown read the same statements (ids and exact texts),
/// arguments (premises and conclusion) and support/attack/undercut
/// relations as the KB's node-link export holds.
fn assert_same_argument(argdown: &serde_json::Value, kb: &serde_json::Value) {
    let mut texts = BTreeMap::new();
    let mut arguments = BTreeMap::new();
    for n in kb["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap().to_string();
        match n["kind"].as_str().unwrap() {
            "claim" | "recommendation" => {
                texts.insert(id, n["text"].as_str().unwrap().to_string());
            }
            "argument" => {
                let mut ends: Vec<String> = n["premises"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect();
                ends.push(n["conclusion"].as_str().unwrap().to_string());
                arguments.insert(id, ends);
            }
            // A named conflict: an argument without a structure.
            "conflict" => {
                arguments.insert(id, vec![]);
            }
            _ => {}
        }
    }
    let conflicts: BTreeSet<&str> = kb["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "conflict")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let mut read_texts = BTreeMap::new();
    for (id, s) in argdown["statements"].as_object().unwrap() {
        let member = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["isTopLevel"] == true && m.get("text").is_some())
            .unwrap_or_else(|| panic!("statement {id} has no definition"));
        let text = match s["data"]["text"].as_str() {
            Some(exact) => exact.to_string(),
            None => {
                let t = member["text"].as_str().unwrap().trim_end();
                let tag = format!("#({})", s["data"]["subkind"].as_str().unwrap());
                t.strip_suffix(&tag).unwrap_or(t).trim().to_string()
            }
        };
        read_texts.insert(id.clone(), text);
    }
    assert_eq!(read_texts, texts, "statements and their texts");
    let mut read_arguments = BTreeMap::new();
    for (id, a) in argdown["arguments"].as_object().unwrap() {
        let ends: Vec<String> = a["pcs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect();
        read_arguments.insert(id.clone(), ends);
    }
    assert_eq!(read_arguments, arguments, "arguments and their premises");
    let kb_rels: BTreeSet<(String, String, String)> = kb["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| {
            let kind = match l["kind"].as_str().unwrap() {
                "supports" => "support",
                "attacks" => "attack",
                "undercuts" => "undercut",
                // A conflict's attackers support it.
                "premise" if conflicts.contains(l["target"].as_str().unwrap()) => "support",
                _ => return None,
            };
            Some((
                l["source"].as_str().unwrap().to_string(),
                l["target"].as_str().unwrap().to_string(),
                kind.to_string(),
            ))
        })
        .collect();
    let read_rels: Vec<(String, String, String)> = argdown["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap().to_string(),
                r["to"].as_str().unwrap().to_string(),
                r["relationType"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(read_rels.len(), kb_rels.len(), "relation count");
    assert_eq!(read_rels.into_iter().collect::<BTreeSet<_>>(), kb_rels);
}

#[test]
fn argdown_export_reads_back_in_the_argdown_cli() {
    if !needs(
        "the Argdown CLI is not installed (npm install --prefix target/argdown @argdown/cli@1.7.5)",
        argdown_present(),
    ) {
        return;
    }
    // The essay, and KBs of hostile text (quotes, brackets, markup
    // characters, line breaks, RTL marks, NUL) from several seeds: each
    // seed draws other strings, so the real parser sees varied input.
    let dir = tmpdir("argdown-hostile-kb");
    let mut cases: Vec<(String, Vec<String>)> = vec![("essay".into(), vec![])];
    for seed in [11, 23, 37, 58] {
        let kb_file = dir.join(format!("hostile{seed}.ron"));
        std::fs::write(&kb_file, argkb::model::synth::hostile(seed)).unwrap();
        cases.push((
            format!("hostile{seed}"),
            vec!["--kb".into(), kb_file.display().to_string()],
        ));
    }
    for (name, args) in &cases {
        let name = name.as_str();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = |format: &str| {
            let mut all = args.clone();
            all.extend(["export", "--format", format]);
            stdout_of(&all)
        };
        let argdown = run("argdown");
        assert_eq!(run("argdown"), argdown, "deterministic");
        let read = argdown_json(&argdown, name);
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        assert_same_argument(&read, &json);
        // Back through `import argdown`: the same claims and
        // recommendations (ids, texts, kinds), arguments and relations.
        let read_file = dir.join(format!("{name}.argdown.json"));
        std::fs::write(&read_file, read.to_string()).unwrap();
        let back_file = dir.join(format!("{name}-back.ron"));
        argkb()
            .args(["import", "argdown"])
            .arg(&read_file)
            .arg("-o")
            .arg(&back_file)
            .assert()
            .success();
        let back: serde_json::Value = serde_json::from_str(&stdout_of(&[
            "--kb",
            back_file.to_str().unwrap(),
            "export",
            "--format",
            "json",
        ]))
        .unwrap();
        let shape = |v: &serde_json::Value| {
            let nodes: BTreeSet<String> = v["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["kind"] != "actor")
                .map(|n| {
                    format!(
                        "{} {} {} {} {} {} {} {}",
                        n["id"],
                        n["kind"],
                        n["subkind"],
                        n["text"],
                        n["premises"],
                        n["conclusion"],
                        n["attackers"],
                        n["target"]
                    )
                })
                .collect();
            let links: BTreeSet<String> = v["links"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| {
                    ["supports", "attacks", "undercuts", "premise", "conclusion"]
                        .contains(&l["kind"].as_str().unwrap())
                })
                .map(|l| format!("{} {} {}", l["source"], l["kind"], l["target"]))
                .collect();
            (nodes, links)
        };
        let ((bn, bl), (jn, jl)) = (shape(&back), shape(&json));
        let diff = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
            (
                a.difference(b).cloned().collect::<Vec<_>>(),
                b.difference(a).cloned().collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            diff(&bn, &jn),
            (vec![], vec![]),
            "{name}: nodes through import argdown (back, kb)"
        );
        assert_eq!(
            diff(&bl, &jl),
            (vec![], vec![]),
            "{name}: links through import argdown (back, kb)"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- AIF

/// The argument structure of an AIF map, read independently of argkb:
/// I-node texts by id; each RA as (premise ids, conclusion id); each CA as
/// (attacker id, attacked I id, or the attacked RA's or CA's structure,
/// so that an attack on an attack is compared by what it attacks).
#[derive(Debug, PartialEq, Eq)]
struct AifStructure {
    texts: BTreeMap<String, String>,
    inferences: BTreeSet<(Vec<String>, String)>,
    /// Each CA-node's attackers (together) and what it attacks.
    conflicts: BTreeSet<(Vec<String>, String)>,
    /// MA-nodes by their ends, counted.
    rephrases: BTreeMap<(String, String), usize>,
}

/// The AIF map at `path` without the nodes `left_out` (and their edges):
/// what an import that reported them should give back.
fn aif_without(path: &Path, left_out: &[&str]) -> serde_json::Value {
    let mut map: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let out = |v: &serde_json::Value| left_out.contains(&v.as_str().unwrap_or(""));
    map["nodes"]
        .as_array_mut()
        .unwrap()
        .retain(|n| !out(&n["nodeID"]));
    map["edges"]
        .as_array_mut()
        .unwrap()
        .retain(|e| !out(&e["fromID"]) && !out(&e["toID"]));
    map
}

fn aif_structure(doc: &serde_json::Value) -> AifStructure {
    let doc = match doc.get("AIF") {
        Some(inner) => inner,
        None => doc,
    };
    let id = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut kind = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for n in doc["nodes"].as_array().unwrap() {
        let nid = id(&n["nodeID"]);
        let t = n["type"].as_str().unwrap().to_string();
        if t == "I" {
            texts.insert(nid.clone(), n["text"].as_str().unwrap().to_string());
        }
        kind.insert(nid, t);
    }
    let mut ins: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut outs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in doc["edges"].as_array().unwrap() {
        let (a, b) = (id(&e["fromID"]), id(&e["toID"]));
        outs.entry(a.clone()).or_default().insert(b.clone());
        ins.entry(b).or_default().insert(a);
    }
    let of = |m: &BTreeMap<String, BTreeSet<String>>, n: &str, k: &str| -> Vec<String> {
        m.get(n)
            .into_iter()
            .flatten()
            .filter(|x| kind.get(*x).map(String::as_str) == Some(k))
            .cloned()
            .collect()
    };
    let ra = |n: &str| -> Vec<(Vec<String>, String)> {
        let premises = of(&ins, n, "I");
        of(&outs, n, "I")
            .into_iter()
            .map(|c| (premises.clone(), c))
            .collect()
    };
    // What a CA-node's edge points at, described by structure (CA-nodes
    // by their attackers and targets, to a depth that stops cycles).
    fn target(
        t: &str,
        depth: usize,
        kind: &BTreeMap<String, String>,
        describe_ra: &dyn Fn(&str) -> String,
        attackers: &dyn Fn(&str) -> Vec<String>,
        outs: &BTreeMap<String, BTreeSet<String>>,
    ) -> String {
        match kind[t].as_str() {
            "I" => t.to_string(),
            "CA" if depth < 4 => {
                let targets: Vec<String> = outs
                    .get(t)
                    .into_iter()
                    .flatten()
                    .map(|u| target(u, depth + 1, kind, describe_ra, attackers, outs))
                    .collect();
                format!("CA{:?}->{targets:?}", attackers(t))
            }
            "CA" => "CA…".to_string(),
            _ => describe_ra(t),
        }
    }
    let describe_ra = |t: &str| format!("{:?}", ra(t));
    let attackers = |t: &str| of(&ins, t, "I");
    let mut inferences = BTreeSet::new();
    let mut conflicts = BTreeSet::new();
    let mut rephrases = BTreeMap::new();
    for (n, k) in &kind {
        match k.as_str() {
            "RA" => inferences.extend(ra(n)),
            // A CA-node by all its attackers together: one node with two
            // attackers is not two nodes with one each.
            "CA" => {
                let by = of(&ins, n, "I");
                for t in outs.get(n).into_iter().flatten() {
                    let t = target(t, 0, &kind, &describe_ra, &attackers, &outs);
                    conflicts.insert((by.clone(), t));
                }
            }
            // MA-nodes counted, so that a merged or dropped one shows.
            "MA" => {
                for a in of(&ins, n, "I") {
                    for b in of(&outs, n, "I") {
                        *rephrases.entry((a.clone(), b)).or_insert(0usize) += 1;
                    }
                }
            }
            _ => {}
        }
    }
    AifStructure {
        texts,
        inferences,
        conflicts,
        rephrases,
    }
}

#[test]
fn every_sample_aif_map_round_trips_through_ron_with_the_same_structure() {
    let dir = fixture("aif-araucaria");
    let mut maps: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    maps.sort();
    assert_eq!(maps.len(), 30);
    let tmp = tmpdir("aif-round-trip");
    for map in &maps {
        let name = map.file_name().unwrap().to_str().unwrap();
        let original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(map).unwrap()).unwrap();
        let ron = tmp.join(format!("{name}.ron"));
        argkb()
            .args(["import", "aif"])
            .arg(map)
            .arg("-o")
            .arg(&ron)
            .assert()
            .success();
        let kb = ron.to_str().unwrap();
        argkb().args(["--kb", kb, "check"]).assert().success();
        for format in ["aif", "xaif"] {
            let exported: serde_json::Value =
                serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format]))
                    .unwrap();
            assert_eq!(
                aif_structure(&exported),
                aif_structure(&original),
                "{name} through --format {format}"
            );
            // Imported again (under the same file name, so the same source
            // id), the export gives back the same KB.
            let again_dir = tmp.join(format!("{name}-{format}"));
            std::fs::create_dir_all(&again_dir).unwrap();
            let again = again_dir.join(name);
            std::fs::write(&again, exported.to_string()).unwrap();
            let ron2 = again_dir.join("again.ron");
            argkb()
                .args(["import", "aif"])
                .arg(&again)
                .arg("-o")
                .arg(&ron2)
                .assert()
                .success();
            let graph = |kb: &str| {
                let v: serde_json::Value =
                    serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", "json"]))
                        .unwrap();
                (v["nodes"].clone(), v["links"].clone())
            };
            assert_eq!(
                graph(ron2.to_str().unwrap()),
                graph(kb),
                "{name} re-imported"
            );
        }
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn aif_import_reports_messy_input_and_strict_refuses_it() {
    let tmp = tmpdir("aif-messy");
    let messy = tmp.join("messy.json");
    std::fs::write(
        &messy,
        r#"{"nodes": [
            {"nodeID": 1, "text": "a", "type": "I"},
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"}],
          "edges": [{"edgeID": 7, "fromID": "2", "toID": "42"}]}"#,
    )
    .unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&messy)
        .assert()
        .success()
        .stderr(contains("node 1: listed twice with the same content"))
        .stderr(contains("edge 7: from `2` to `42`"))
        .stderr(contains("node 3: an RA-node with no premise"));
    let out = tmp.join("strict.ron");
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&messy)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("3 problems under --strict"));
    assert!(!out.exists(), "nothing is written under --strict");
    // Not JSON, and not AIF: located errors, exit 1.
    let bad = tmp.join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [1,}").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("bad.json:1:"));
    std::fs::write(&bad, "{\"edges\": []}").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("not AIF"));
    // An existing file is never written over.
    std::fs::write(&out, "keep me").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&messy)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("never writes over a file"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn a_folder_of_aif_maps_becomes_one_kb_with_a_source_each() {
    let kb = stdout_of(&["import", "aif", fixture("aif-araucaria").to_str().unwrap()]);
    let tmp = tmpdir("aif-folder");
    let file = tmp.join("corpus.ron");
    std::fs::write(&file, &kb).unwrap();
    let stats: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        file.to_str().unwrap(),
        "stats",
        "--format",
        "json",
    ]))
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        file.to_str().unwrap(),
        "export",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["graph"]["sources"].as_array().unwrap().len(), 30);
    // Ids carry their map's name, so maps cannot collide.
    assert!(
        kb.contains("Claim(id: \"nodeset127:378\""),
        "{}",
        &kb[..500]
    );
    assert!(stats["nodes"].as_u64().unwrap() > 200);
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn the_essay_exports_to_aif_that_imports_to_the_same_argument() {
    let tmp = tmpdir("essay-aif");
    let aif = tmp.join("essay.json");
    argkb()
        .args(["export", "--format", "aif", "-o"])
        .arg(&aif)
        .assert()
        .success()
        .stderr(contains("have no AIF counterpart"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&aif).unwrap()).unwrap();
    let s = aif_structure(&doc);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    let links = json["links"].as_array().unwrap();
    let count = |k: &str| links.iter().filter(|l| l["kind"] == k).count();
    // Every claim and recommendation is an I-node; every argument and
    // support an RA; every attack and undercut a CA.
    let props = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "claim" || n["kind"] == "recommendation")
        .count();
    assert_eq!(s.texts.len(), props);
    assert_eq!(s.inferences.len(), count("conclusion") + count("supports"));
    assert_eq!(s.conflicts.len(), count("attacks") + count("undercuts"));
    let ron = tmp.join("essay.ron");
    argkb()
        .args(["import", "aif"])
        .arg(&aif)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success();
    let back: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        ron.to_str().unwrap(),
        "export",
        "--format",
        "aif",
    ]))
    .unwrap();
    assert_eq!(aif_structure(&back), s);
    std::fs::remove_dir_all(&tmp).unwrap();
}

// ---------------------------------------------------------------- GraphML

#[test]
fn graphml_export_reads_back_in_networkx_with_every_field() {
    if !needs(
        "python3 with networkx is not installed (pip install networkx)",
        python_module("networkx"),
    ) {
        return;
    }
    let hostile = argkb::model::synth::hostile(5);
    let dir = tmpdir("graphml");
    let kb_file = dir.join("hostile.ron");
    std::fs::write(&kb_file, &hostile).unwrap();
    let kb = kb_file.to_str().unwrap();
    // networkx reads the GraphML; every node's fields must equal the
    // node-link JSON export's (lists and objects as JSON text; absent
    // fields absent), every edge's kind too.
    let script = r##"
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
ref = json.load(open(sys.argv[2]))
assert g.number_of_nodes() == len(ref["nodes"]), (g.number_of_nodes(), len(ref["nodes"]))
assert g.number_of_edges() == len(ref["links"]), (g.number_of_edges(), len(ref["links"]))
for n in ref["nodes"]:
    got = dict(g.nodes[n["id"]])
    assert got.pop("label") is not None and got.pop("color").startswith("#")
    # XML 1.0 cannot hold C0 controls but tab, LF and CR: U+FFFD (said on stderr).
    fix = lambda s: "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in s)
    want = {k: (fix(v) if isinstance(v, str) else v if isinstance(v, (bool, int)) else json.dumps(v, separators=(",", ":"), ensure_ascii=False))
            for k, v in n.items() if k != "id" and v is not None}
    assert got == want, (n["id"], got, want)
kinds = sorted((a, b, d["kind"]) for a, b, d in g.edges(data=True))
assert kinds == sorted((l["source"], l["target"], l["kind"]) for l in ref["links"])
print("ok")
"##;
    for (name, args) in [("essay", vec![]), ("hostile", vec!["--kb", kb])] {
        let run = |format: &str| {
            let mut all = args.clone();
            all.extend(["export", "--format", format]);
            stdout_of(&all)
        };
        let graphml = run("graphml");
        assert_eq!(run("graphml"), graphml, "deterministic");
        let gfile = dir.join(format!("{name}.graphml"));
        let jfile = dir.join(format!("{name}.json"));
        std::fs::write(&gfile, &graphml).unwrap();
        std::fs::write(&jfile, run("json")).unwrap();
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&gfile)
            .arg(&jfile)
            .output()
            .expect("python3 with networkx: CI must install it (.ci/run does)");
        assert!(
            out.status.success() && out.stdout == b"ok\n",
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn graphml_export_is_valid_against_the_graphml_structure() {
    if !needs(
        "python3 with xmlschema is not installed (pip install xmlschema)",
        python_module("xmlschema"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with xmlschema is missing: CI must install it (.ci/run does)"
    );
    let xsd = fixture("graphml/graphml-structure.xsd");
    let dir = tmpdir("graphml-xsd");
    let hostile = dir.join("hostile.ron");
    std::fs::write(&hostile, argkb::model::synth::hostile(9)).unwrap();
    let validate = |file: &Path| {
        Command::new("python3")
            .args([
                "-c",
                "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('valid')",
            ])
            .arg(&xsd)
            .arg(file)
            .output()
            .unwrap()
    };
    let mut exported = Vec::new();
    for (name, kb) in [
        ("essay", None),
        ("minimal", Some(fixture("good/minimal.ron"))),
        ("hostile", Some(hostile.clone())),
    ] {
        let file = dir.join(format!("{name}.graphml"));
        let mut cmd = argkb();
        if let Some(kb) = &kb {
            cmd.arg("--kb").arg(kb);
        }
        cmd.args(["export", "--format", "graphml", "-o"])
            .arg(&file)
            .assert()
            .success();
        let out = validate(&file);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        exported.push(file);
    }
    // The schema is no rubber stamp: a data element naming no key, and an
    // edge to no node, are refused.
    let text = std::fs::read_to_string(&exported[1]).unwrap();
    for (what, broken) in [
        (
            "unknown key",
            text.replacen("<data key=\"n_kind\">", "<data key=\"n_nothing\">", 1),
        ),
        (
            "dangling edge",
            text.replacen("target=\"c3\"", "target=\"nowhere\"", 1),
        ),
        // Ids are name tokens, as the official schema types them: the
        // `/`-joined edge ids argkb once wrote are refused.
        (
            "an edge id that is no NMTOKEN",
            text.replacen("\u{b7}supports\u{b7}", "/supports/", 1),
        ),
    ] {
        assert_ne!(broken, text, "{what}: the edit applies");
        let file = dir.join("broken.graphml");
        std::fs::write(&file, broken).unwrap();
        assert!(!validate(&file).status.success(), "{what} is refused");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- evaluation

#[test]
fn af_follows_the_iccma_interface_and_refuses_bad_input_in_one_line() {
    let tmp = tmpdir("af");
    let file = tmp.join("f.af");
    // 1 ⇄ 2, 2 → 3, 4 → 4: preferred {1,3} and {2}; 4 never accepted.
    std::fs::write(&file, "p af 4\n# a comment\n1 2\n2 1\n2 3\n4 4\n").unwrap();
    let f = file.to_str().unwrap();
    let run = |args: &[&str]| stdout_of(&[&["af", "-f", f][..], args].concat());
    assert_eq!(run(&["-p", "SE-GR"]), "w\n");
    assert_eq!(run(&["-p", "DC-PR", "-a", "3"]), "YES\nw 1 3\n");
    assert_eq!(run(&["-p", "DS-PR", "-a", "3"]), "NO\nw 2\n");
    assert_eq!(run(&["-p", "DC-ST", "-a", "4"]), "NO\n");
    assert_eq!(run(&["-p", "SE-ST"]), "NO\n");
    assert_eq!(run(&["-p", "DS-ST", "-a", "4"]), "YES\n");
    let problems = stdout_of(&["af", "--problems"]);
    for task in ["DC-CO", "DS-PR", "SE-SST", "DS-STG", "SE-ID", "SE-GR"] {
        assert!(problems.contains(task), "{problems}");
    }
    // Bad input: one line on stderr, exit 2, never a panic.
    let bad = [
        ("p af x\n", vec!["-p", "SE-PR"], "is not a number"),
        (
            "p af 2\n1 3\n",
            vec!["-p", "SE-PR"],
            "argument 3 does not exist",
        ),
        ("p af 2\n1 2\n1 2\n", vec!["-p", "SE-PR"], "listed twice"),
        (
            "p af 2\n1 2\n",
            vec!["-p", "DC-PR"],
            "needs a query argument",
        ),
        ("p af 2\n1 2\n", vec!["-p", "XX-PR"], "unknown task"),
        (
            "p af 2\n1 2\n",
            vec!["-p", "DS-CO", "-a", "9"],
            "argument 9 does not exist",
        ),
    ];
    for (text, args, want) in bad {
        std::fs::write(&file, text).unwrap();
        let out = argkb().args(["af", "-f", f]).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text:?} {args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{text:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn eval_labels_the_essay_and_agrees_with_the_exported_framework() {
    // The grounded labels of `eval` are those of `af -p SE-GR` on the
    // framework `export --format iccma` writes.
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["eval", "--format", "json"])).unwrap();
    let tmp = tmpdir("eval");
    let af = tmp.join("essay.af");
    argkb()
        .args(["export", "--format", "iccma", "-o"])
        .arg(&af)
        .assert()
        .success();
    let text = std::fs::read_to_string(&af).unwrap();
    let mut names = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let (k, id) = rest.split_once(' ').unwrap();
            names.insert(k.to_string(), id.to_string());
        }
    }
    let grounded = stdout_of(&["af", "-p", "SE-GR", "-f", af.to_str().unwrap()]);
    let inside: BTreeSet<String> = grounded
        .trim()
        .strip_prefix('w')
        .unwrap()
        .split_whitespace()
        .map(|k| names[k].clone())
        .collect();
    let labelled_in: BTreeSet<String> = json["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["label"] == "in")
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labelled_in, inside);
    assert_eq!(json["arguments"].as_u64().unwrap() as usize, names.len());
    // China's being fed up and its standing by North Korea out of loyalty
    // attack each other; the author settles it ("whether … they are fed
    // up"): fed up stands, the loyalty view is out...
    let label = |v: &serde_json::Value, id: &str| {
        v["labels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(label(&json, "china-fed-up"), "in");
    assert_eq!(label(&json, "china-backs-nk"), "out");
    // ...until fed up is struck: then the loyalty view defeats the title.
    let what_if: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "eval",
        "--remove",
        "china-fed-up",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(label(&what_if, "china-backs-nk"), "in");
    assert_eq!(label(&what_if, "us-can-influence-china"), "out");
    // Every semantics runs on the essay, and explain names an attacker.
    for sem in [
        "complete",
        "preferred",
        "stable",
        "semi-stable",
        "stage",
        "ideal",
    ] {
        argkb()
            .args(["eval", "--semantics", sem, "--support", "deductive"])
            .assert()
            .success()
            .stdout(contains(format!("{sem} semantics, support deductive")));
    }
    argkb()
        .args(["eval", "--explain", "us-can-influence-china"])
        .assert()
        .success()
        .stdout(contains("us-can-influence-china is in"))
        .stdout(contains(
            "china-motives-complex attacks it, but the attack fails: the KB prefers us-can-influence-china",
        ))
        .stdout(contains(
            "shield-vs-influence attacks it, and is out, beaten by fear-can-be-answered",
        ));
    argkb()
        .args(["eval", "--explain", "no-such-node"])
        .assert()
        .code(1);
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// The essay's verdicts agree with the author's stances, under grounded
/// and preferred semantics, with support ignored and deductive: what the
/// author endorses or concedes in its own voice is in, what the author
/// rejects is out, the title's claim and the thesis are in. The stances
/// are read from the KB (the JSON export), not listed here.
#[test]
fn the_essay_evaluates_as_its_author_reads_it() {
    let kb: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    let mut own = Vec::new();
    let mut rejected = Vec::new();
    for n in kb["nodes"].as_array().unwrap() {
        if !matches!(n["kind"].as_str(), Some("claim" | "recommendation")) {
            continue;
        }
        let id = n["id"].as_str().unwrap().to_string();
        match n["stance"].as_str() {
            Some("rejects") => rejected.push(id),
            Some("endorses" | "concedes") if n["voice"] == "author" => own.push(id),
            _ => {}
        }
    }
    assert!(
        own.len() > 50 && rejected.len() >= 5,
        "{own:?} {rejected:?}"
    );
    for semantics in ["grounded", "preferred"] {
        for support in ["none", "deductive"] {
            let ev: serde_json::Value = serde_json::from_str(&stdout_of(&[
                "eval",
                "--semantics",
                semantics,
                "--support",
                support,
                "--format",
                "json",
            ]))
            .unwrap();
            let label = |id: &str| {
                ev["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["id"] == id)
                    .unwrap_or_else(|| panic!("{id} is labelled"))["label"]
                    .as_str()
                    .unwrap()
                    .to_string()
            };
            let case = format!("{semantics}, support {support}");
            for id in &own {
                assert_eq!(label(id), "in", "{id} ({case})");
            }
            for id in &rejected {
                assert_eq!(label(id), "out", "{id} ({case})");
            }
            for id in ["us-can-influence-china", "strategic-reengagement"] {
                assert_eq!(label(id), "in", "{id} ({case})");
            }
        }
    }
    // `why` on the thesis carries voice and stance, on every node.
    let why: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "why",
        "strategic-reengagement",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(why["voice"], "author");
    assert_eq!(why["stance"], "endorses");
    let patience = &why["attacked_by"][0];
    assert_eq!(patience["id"], "strategic-patience");
    assert_eq!(patience["voice"], "obama-admin");
    assert_eq!(patience["reported"], true);
    assert_eq!(patience["stance"], "rejects");
    assert_eq!(patience["outcome"], "fails: target preferred");
    assert_eq!(patience["answered"], true);
    // `stance author`: the author's own voice by stance, and the views
    // reported, each with the author's stance.
    let st: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stance", "author", "--format", "json"])).unwrap();
    let group = |stance: &str| -> Vec<String> {
        st["own_voice"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["stance"] == stance)
            .map(|g| ids_of(&g["nodes"]))
            .unwrap_or_default()
    };
    assert!(group("concedes").contains(&"china-motives-complex".to_string()));
    assert!(group("rejects").contains(&"china-backs-nk".to_string()));
    assert!(group("endorses").contains(&"strategic-reengagement".to_string()));
    let reported = st["reported"].as_array().unwrap();
    let patience = reported
        .iter()
        .find(|n| n["id"] == "strategic-patience")
        .unwrap();
    assert_eq!(patience["author_stance"], "rejects");
}

/// A node the author endorses, attacked by a view the author concedes or
/// rejects with nothing to settle it, is reported with both places; a
/// preference or a counter-attack by a third node settles it, the
/// target's own attack back does not.
#[test]
fn check_warns_of_an_unresolved_conflict() {
    let tmp = tmpdir("unresolved");
    let kb = tmp.join("kb.ron");
    let write = |relations: &str| {
        std::fs::write(
            &kb,
            format!(
                r#"(meta: (title: "t", source: (author: "me")),
actors: [(id: "me", name: "Me", kind: Author)],
claims: [
    (id: "mine", kind: Assessment, text: "Mine"),
    (id: "granted", kind: Assessment, text: "Granted", stance: Concedes),
    (id: "answer", kind: Assessment, text: "An answer"),
],
relations: [Attacks("granted", "mine"), {relations}])"#
            ),
        )
        .unwrap();
    };
    let check = |relations: &str| {
        write(relations);
        argkb()
            .arg("--kb")
            .arg(&kb)
            .args(["--deny-warnings", "check"])
            .output()
            .unwrap()
    };
    let out = check(r#"Attacks("mine", "granted"), Supports("answer", "mine")"#);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning[unresolved-conflict]: `granted` (the author concedes) attacks `mine` (the author endorses)"),
        "{err}"
    );
    assert!(err.contains("kb.ron:8:13"), "{err}");
    assert!(err.contains("the author concedes this"), "{err}");
    assert!(err.contains(r#"`Prefers("mine", "granted")`"#), "{err}");
    for settled in [
        r#"Prefers("mine", "granted"), Supports("answer", "mine")"#,
        r#"Attacks("answer", "granted"), Supports("answer", "mine")"#,
    ] {
        let out = check(settled);
        assert!(
            out.status.success(),
            "{settled}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn preferences_decide_attacks_and_survive_the_aif_round_trip() {
    let kb = fixture("good/preferences.ron");
    let kb = kb.to_str().unwrap();
    // a and b attack each other; a is preferred, so b's attack fails.
    let labels = grounded_labels(&["--kb", kb]);
    assert_eq!((labels["a"].as_str(), labels["b"].as_str()), ("in", "out"));
    // PA and MA nodes out, Prefers and Rephrases back in.
    let tmp = tmpdir("preferences");
    let aif = tmp.join("pref.json");
    std::fs::write(&aif, stdout_of(&["--kb", kb, "export", "--format", "aif"])).unwrap();
    let back = stdout_of(&["import", "aif", aif.to_str().unwrap()]);
    assert!(back.contains("Prefers(\"a\", \"b\")"), "{back}");
    assert!(back.contains("Rephrases(\"a\", \"c\")"), "{back}");
    std::fs::remove_dir_all(&tmp).unwrap();
}

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

#[test]
fn sparql_endpoint_gives_the_cookbook_answers() {
    if !needs(
        "python3 with pyoxigraph is not installed (pip install pyoxigraph)",
        python_module("pyoxigraph"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import pyoxigraph"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with pyoxigraph is missing: CI must install it (.ci/run does)"
    );
    let dir = tmpdir("endpoint");
    let data = dir.join("essay.nq");
    std::fs::write(&data, stdout_of(&["export", "--format", "nquads"])).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/sparql_endpoint.py");
    let mut server = Command::new("python3")
        .arg(&script)
        .arg(&data)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut port = String::new();
    {
        use std::io::BufRead;
        let stdout = server.stdout.take().unwrap();
        std::io::BufReader::new(stdout)
            .read_line(&mut port)
            .unwrap();
    }
    let _server = Kill(server);
    let url = format!("http://127.0.0.1:{}/query", port.trim());
    for (query, answer) in cookbook() {
        let mut cmd = argkb();
        cmd.args(["sparql", "--endpoint", &url]);
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
fn eval_what_if_grants_or_strikes_and_lists_the_changes() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut a = vec!["eval", "--format", "json"];
        a.extend_from_slice(args);
        serde_json::from_str(&stdout_of(&a)).unwrap()
    };
    let changes = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["before"].as_str().unwrap().to_string(),
                    c["after"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    // The loyalty view and China's being fed up attack each other; the
    // author settles it for fed up (a preference). Granting the loyalty
    // view makes it stand against the title's claim (fed up keeps its
    // label: the preference still stops the loyalty view's attack on it).
    let granted = json(&["--assume", "china-backs-nk=in"]);
    assert_eq!(
        changes(&granted),
        [
            s("china-backs-nk", "out", "in"),
            s("us-can-influence-china", "in", "out")
        ]
    );
    // Striking fed up lets the loyalty view stand, and the title falls.
    let struck = json(&["--assume", "china-fed-up=out"]);
    assert_eq!(
        changes(&struck),
        [
            s("china-backs-nk", "out", "in"),
            s("china-fed-up", "in", "out"),
            s("us-can-influence-china", "in", "out")
        ]
    );
    assert_eq!(struck["struck"], serde_json::json!(["china-fed-up"]));
    // --remove is the same what-if.
    assert_eq!(struck, json(&["--remove", "china-fed-up"]));
    // Striking what is out already changes nothing.
    assert_eq!(changes(&json(&["--assume", "china-backs-nk=out"])), []);
    // In text, the changes come first.
    argkb()
        .args(["eval", "--assume", "china-backs-nk=in"])
        .assert()
        .success()
        .stdout(contains(
            "what-if (granted china-backs-nk): 2 labels change\n",
        ))
        .stdout(contains("in -> out    us-can-influence-china"));
    // Bad assumptions are usage errors.
    argkb()
        .args(["eval", "--assume", "china-fed-up=maybe"])
        .assert()
        .code(2)
        .stderr(contains("an assumption is `in` or `out`"));
    argkb()
        .args(["eval", "--assume", "china=in"])
        .assert()
        .code(2)
        .stderr(contains("is an actor"));
    argkb()
        .args([
            "eval",
            "--assume",
            "china-fed-up=in",
            "--assume",
            "china-fed-up=out",
        ])
        .assert()
        .code(2)
        .stderr(contains("both in and out"));
    argkb()
        .args(["eval", "--assume", "chna-fed-up=in"])
        .assert()
        .code(1)
        .stderr(contains("china-fed-up"));
}

#[test]
fn dot_label_colours_the_map_by_acceptability() {
    let dot = stdout_of(&["export", "--format", "dot", "--label", "grounded"]);
    let labels: serde_json::Value =
        serde_json::from_str(&stdout_of(&["eval", "--format", "json"])).unwrap();
    let fills = [("in", "#bbf7d0"), ("out", "#fecaca"), ("undec", "#fef08a")];
    let mut seen = BTreeSet::new();
    for l in labels["labels"].as_array().unwrap() {
        let id = l["id"].as_str().unwrap();
        let fill = fills.iter().find(|(n, _)| *n == l["label"]).unwrap().1;
        let line = dot
            .lines()
            .find(|line| line.starts_with(&format!("  \"{id}\" [id=")))
            .unwrap_or_else(|| panic!("{id} is drawn"));
        assert!(line.contains(&format!("fillcolor=\"{fill}\"")), "{line}");
        seen.insert(l["label"].as_str().unwrap().to_string());
    }
    // The essay, read as the author reads it, has no undecided node.
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["in", "out"],
        "the essay's labels"
    );
    // The legend names the labels the map shows.
    for row in ["in: stands (grounded)", "out: defeated (grounded)"] {
        assert!(dot.contains(row), "legend: {row}");
    }
    assert!(!dot.contains("undecided (grounded)"), "legend");
    // An undecided node (a mutual attack nothing settles) is filled yellow.
    let tmp = tmpdir("label-undec");
    let kb = tmp.join("cycle.ron");
    std::fs::write(
        &kb,
        r#"(meta: (title: "t"), claims: [(id: "a", kind: Fact, text: "a"), (id: "b", kind: Fact, text: "b")], relations: [Attacks("a", "b"), Attacks("b", "a")])"#,
    )
    .unwrap();
    let kb = kb.to_str().unwrap();
    let cycle = stdout_of(&[
        "--kb", kb, "export", "--format", "dot", "--label", "grounded",
    ]);
    for id in ["a", "b"] {
        let line = cycle
            .lines()
            .find(|l| l.starts_with(&format!("  \"{id}\" [id=")))
            .unwrap();
        assert!(line.contains("fillcolor=\"#fef08a\""), "{line}");
    }
    assert!(cycle.contains("undecided (grounded)"), "legend");
    std::fs::remove_dir_all(&tmp).unwrap();
    // Without --label the fills are the kinds'.
    assert!(!stdout_of(&["export", "--format", "dot"]).contains("#fef08a"));
    if have_dot() {
        let svg = piped(Command::new("dot").arg("-Tsvg"), &dot);
        assert!(svg.status.success());
        assert_eq!(String::from_utf8_lossy(&svg.stderr), "");
    }
}

/// Where the browser tests find playwright-core: `target/browser` (where
/// .ci/run installs it) or `$ARGKB_PLAYWRIGHT` (a package.json beside its
/// node_modules).
fn playwright() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARGKB_PLAYWRIGHT") {
        return Some(PathBuf::from(p));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser/package.json");
    local
        .parent()
        .unwrap()
        .join("node_modules/playwright-core")
        .exists()
        .then_some(local)
}

#[test]
fn explorer_works_in_headless_chromium() {
    if !needs(
        "headless Chromium or playwright-core is missing (apt-get install chromium; npm install --prefix target/browser playwright-core)",
        chromium_present(),
    ) {
        return;
    }
    let chromium = std::env::var("ARGKB_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let pw = playwright();
    assert!(
        Path::new(&chromium).exists() && pw.is_some() && have_dot(),
        "Chromium ({chromium}), playwright-core (target/browser) and Graphviz are needed: CI installs them (.ci/run)"
    );
    let essay_text = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essay/essay.txt");
    assert!(essay_text.exists(), "the essay's text lives in ../shared");
    let dir = tmpdir("explorer");
    let page = |kb: Option<&Path>, extra: &[&str], name: &str| -> PathBuf {
        let file = dir.join(name);
        let mut cmd = argkb();
        if let Some(kb) = kb {
            cmd.arg("--kb").arg(kb);
        }
        cmd.args(["export", "--format", "html", "-o"])
            .arg(&file)
            .args(extra)
            .assert()
            .success();
        file
    };
    let essay = page(
        None,
        &["--text", essay_text.to_str().unwrap()],
        "essay.html",
    );
    let hostile = page(Some(&fixture("good/hostile-html.ron")), &[], "hostile.html");
    let large_kb = dir.join("large.ron");
    std::fs::write(&large_kb, argkb::model::synth::essay_like(400, 3)).unwrap();
    let large = page(Some(&large_kb), &[], "large.html");
    // The screenshot is kept as the test's artefact.
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("explorer");
    std::fs::create_dir_all(&artefacts).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/explorer.mjs");
    let out = Command::new("node")
        .arg(&script)
        .args([&essay, &hostile, &large, &artefacts])
        .env("ARGKB_PLAYWRIGHT", pw.unwrap())
        .env("ARGKB_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "browser checks failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let m: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert!(m["large_nodes"].as_u64().unwrap() >= 300, "{m}");
    assert!(artefacts.join("explorer-essay.png").exists());
    // Measurements, for docs (not asserted: timing belongs to benchmarks).
    eprintln!("explorer measurements: {m}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Polls `cond` every 50 ms for up to 15 s.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "timed out waiting: {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_edits_and_keeps_the_last_good_output() {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    let dir = tmpdir("watch");
    let kb = dir.join("kb.ron");
    let map = dir.join("map.json");
    let original = std::fs::read_to_string(fixture("good/minimal.ron")).unwrap();
    std::fs::write(&kb, &original).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("argkb"))
        .args(["--color", "never", "--kb"])
        .arg(&kb)
        .args(["watch", "-o"])
        .arg(&map)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let reader = {
        let log = Arc::clone(&log);
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let text = || std::fs::read_to_string(&map).unwrap_or_default();
    let logged = |s: &str| log.lock().unwrap().matches(s).count();
    eventually("the first build", || logged("watch: wrote") == 1);
    assert!(text().contains("\"c5\"") && !text().contains("\"c6\""));
    // An edit (written the way editors save: a new file renamed over the
    // old one) is picked up.
    let edited = original.replace(
        "Claim(id: \"c5\"",
        "Claim(id: \"c6\", text: \"New\", kind: Fact, quote: \"six\", para: 3),\n        Claim(id: \"c5\"",
    );
    let tmp = dir.join("kb.ron.tmp");
    std::fs::write(&tmp, &edited).unwrap();
    std::fs::rename(&tmp, &kb).unwrap();
    eventually("the rebuild", || logged("watch: wrote") == 2);
    let good = text();
    assert!(good.contains("\"c6\""));
    assert!(
        logged("warning[isolated]: claim `c6`") >= 1,
        "warnings are shown"
    );
    // An invalid edit: the diagnostic is printed, the output kept.
    std::fs::write(&kb, edited.replace("id: \"c6\"", "id: \"c1\"")).unwrap();
    eventually("the diagnostic", || logged("the last good") == 1);
    assert!(logged("error[duplicate-id]: id `c1` is defined twice") >= 1);
    assert_eq!(text(), good, "the last good output stays");
    // Fixed again: rebuilt.
    std::fs::write(&kb, &original).unwrap();
    eventually("the rebuild after the fix", || logged("watch: wrote") == 3);
    assert!(!text().contains("\"c6\""));
    // Ctrl-C ends it cleanly.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(logged("watch: stopped") == 1);
    // Without --kb there is nothing to watch.
    argkb()
        .args(["watch", "-o"])
        .arg(dir.join("x.json"))
        .assert()
        .code(2)
        .stderr(contains("give --kb FILE"));
    argkb()
        .arg("--kb")
        .arg(&kb)
        .args(["watch", "-o", "-"])
        .assert()
        .code(2)
        .stderr(contains("give -o FILE"));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- named conflicts

/// The grounded label of each node, from `eval --format json`.
fn grounded_labels(args: &[&str]) -> BTreeMap<String, String> {
    eval_labels(args, &[])
}

/// The label of each node from `eval --format json`, with `args` before
/// the command and `options` after it.
fn eval_labels(args: &[&str], options: &[&str]) -> BTreeMap<String, String> {
    let mut all = args.to_vec();
    all.push("eval");
    all.extend(options);
    all.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&all)).unwrap();
    json["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_mistake_in_a_named_conflict_is_located_at_once() {
    let err = check_fails("bad/bad-conflict.ron");
    assert_all_in(
        &err,
        &[
            "error[no-premises]: conflict `no-attackers` has no attackers",
            "bad-conflict.ron:12:49",
            "error[bad-endpoint]: a conflict cannot target an actor",
            "bad-conflict.ron:13:67",
            "error[self-relation]: `safe` is both an attacker and the target",
            "bad-conflict.ron:14:49",
            "error[unknown-id]: no node has the id `studdy`",
            "did you mean `study`?",
            "error[duplicate-relation]: attacker `study` is listed twice",
            "bad-conflict.ron:16:52",
            "error[self-relation]: conflict `loop` targets itself",
            "error[bad-endpoint]: a conflict's attacker must be a claim or a recommendation, not an actor",
            "bad-conflict.ron:18:49",
            "error[bad-endpoint]: `Attacks` cannot end at a conflict",
            "dispute it with `Undercuts(claim, conflict)`",
            "8 errors",
        ],
    );
}

#[test]
fn an_undercut_conflict_no_longer_defeats_its_target() {
    let kb = fixture("good/conflicts.ron");
    let kb = kb.to_str().unwrap();
    argkb()
        .args(["--kb", kb, "check"])
        .assert()
        .success()
        .stdout(contains("1 argument, 2 named conflicts, 11 links"));
    // `other-dose` undercuts the conflict of the study with the expert:
    // the conflict is out, so the expert's claim stands.
    let labels = grounded_labels(&["--kb", kb]);
    assert_eq!(labels["study-vs-expert"], "out");
    assert_eq!(labels["safe"], "in");
    assert_eq!(labels["study"], "in", "the study itself is not attacked");
    // A conflict may undercut an argument: `budget-cut` defeats it.
    assert_eq!(labels["safe-cheap"], "out");
    // Without the undercut, the conflict defeats `safe`.
    let what_if = eval_labels(&["--kb", kb], &["--assume", "other-dose=out"]);
    assert_eq!(what_if["study-vs-expert"], "in");
    assert_eq!(what_if["safe"], "out");
    // An attack on the conflict's attacker defeats the conflict too, and
    // a preference for the target over an attacker makes it fail.
    let tmp = tmpdir("conflict-eval");
    let text = std::fs::read_to_string(fixture("good/conflicts.ron")).unwrap();
    for (extra, safe) in [
        (
            "Attacks(\"rebuttal\", \"study\"),",
            "in", // the conflict rests on `study`, which is out
        ),
        ("Prefers(\"safe\", \"study\"),", "in"),
    ] {
        let edited = text
            .replace("Undercuts(\"other-dose\", \"study-vs-expert\"),", extra)
            .replace(
                "claims: [",
                "claims: [\n        Claim(id: \"rebuttal\", text: \"The study was retracted\", kind: Fact),",
            );
        let file = tmp.join("edited.ron");
        std::fs::write(&file, edited).unwrap();
        let labels = grounded_labels(&["--kb", file.to_str().unwrap()]);
        assert_eq!(labels["safe"], safe, "{extra}");
        assert_eq!(
            labels["study-vs-expert"],
            if extra.starts_with("Attacks") {
                "out"
            } else {
                "in"
            },
            "{extra}"
        );
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn aif_attacks_on_attacks_round_trip_as_named_conflicts() {
    let map = fixture("aif/ca-on-ca.json");
    let tmp = tmpdir("ca-on-ca");
    let ron = tmp.join("ca-on-ca.ron");
    argkb()
        .args(["import", "aif"])
        .arg(&map)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success()
        .stderr(contains("node 36: a CA-node with no attacking I-node; left out"))
        .stderr(contains(
            "node 37: a CA-node attacking CA-node 36, which has no attacking I-node or no target; left out",
        ))
        .stderr(contains("4 named conflicts"));
    let text = std::fs::read_to_string(&ron).unwrap();
    assert_all_in(
        &text,
        &[
            // CA on CA on CA: each attacked CA is a named conflict.
            "Conflict(id: \"30\", attackers: [\"2\"], target: \"1\")",
            "Conflict(id: \"31\", attackers: [\"3\"], target: \"30\")",
            "Undercuts(\"4\", \"31\")",
            // CA on a CA on an RA.
            "Conflict(id: \"33\", attackers: [\"7\"], target: \"20\")",
            "Undercuts(\"8\", \"33\")",
            // A CA with a scheme keeps it, and its id.
            "Conflict(id: \"35\", attackers: [\"9\"], target: \"2\", scheme: \"Conflict From Bias\")",
        ],
    );
    let kb = ron.to_str().unwrap();
    argkb().args(["--kb", kb, "check"]).assert().success();
    // The same structure as the input, but for the two nodes reported.
    let original = aif_without(&map, &["36", "37"]);
    for format in ["aif", "xaif"] {
        let exported: serde_json::Value =
            serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format])).unwrap();
        let (got, want) = (aif_structure(&exported), aif_structure(&original));
        assert_eq!(got, want, "through --format {format}");
        assert!(
            want.conflicts
                .iter()
                .any(|(_, t)| t.starts_with("CA[\"3\"]->")),
            "the comparison sees the attack on an attack on an attack: {want:?}"
        );
        // And again through import: the same KB.
        let again = tmp.join(format!("{format}/ca-on-ca.json"));
        std::fs::create_dir_all(again.parent().unwrap()).unwrap();
        std::fs::write(&again, exported.to_string()).unwrap();
        let back = stdout_of(&["import", "aif", again.to_str().unwrap()]);
        let body = |t: &str| t[t.find("    claims: [").unwrap()..].to_string();
        assert_eq!(body(&back), body(&text), "re-imported from {format}");
    }
    // Grounded: the bias claim defeats the study's conflict; the dose
    // rebuttal's conflict is itself undercut; the inference stands.
    let labels = grounded_labels(&["--kb", kb]);
    for (id, label) in [
        ("35", "in"),
        ("2", "out"),
        ("30", "out"),
        ("1", "in"),
        ("31", "out"),
        ("33", "out"),
        ("20", "in"),
    ] {
        assert_eq!(labels[id], label, "{id}: {labels:?}");
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// A CA-node with two attacking I-nodes stays one conflict (its id, both
/// attackers together) through import and both AIF exports; an MA-node
/// from a statement to itself and a second MA-node between the same ends,
/// which the KB format cannot hold, are reported (and fail --strict), and
/// everything else round-trips.
#[test]
fn aif_linked_conflicts_and_rephrases_round_trip_or_are_reported() {
    let map = fixture("aif/linked-conflict-and-rephrases.json");
    let tmp = tmpdir("linked-ca");
    let ron = tmp.join("linked.ron");
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&map)
        .assert()
        .code(1)
        .stderr(contains(
            "error: 2 problems under --strict; nothing written:\n",
        ))
        .stderr(contains("error: error:").not());
    argkb()
        .args(["import", "aif"])
        .arg(&map)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success()
        .stderr(contains(
            "node 31: repeats the rephrase of `4` and `5`; merged",
        ))
        .stderr(contains(
            "node 32: a rephrase (MA-node) of `6` with itself; left out",
        ))
        .stderr(contains(
            "1 named conflict, 2 relations and 0 actors from 1 file",
        ));
    let text = std::fs::read_to_string(&ron).unwrap();
    assert!(
        text.contains("Conflict(id: \"20\", attackers: [\"2\", \"3\"], target: \"1\")"),
        "{text}"
    );
    let kb = ron.to_str().unwrap();
    let original = aif_without(&map, &["31", "32"]);
    let want = aif_structure(&original);
    assert!(
        want.conflicts
            .contains(&(vec!["2".to_string(), "3".to_string()], "1".to_string()))
    );
    for format in ["aif", "xaif"] {
        let exported: serde_json::Value =
            serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format])).unwrap();
        assert_eq!(aif_structure(&exported), want, "through --format {format}");
        let doc = exported.get("AIF").unwrap_or(&exported);
        let cas = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == "CA")
            .count();
        assert_eq!(cas, 2, "one CA-node per conflict ({format})");
        assert!(
            doc["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n["nodeID"] == "20")
        );
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// A classic AIFdb export has no `participants` (an xAIF key); xAIF has
/// them inside its "AIF" object.
#[test]
fn classic_aif_has_no_participants() {
    let classic: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "aif"])).unwrap();
    assert!(classic.get("participants").is_none());
    assert!(
        classic["locutions"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    );
    let xaif: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "xaif"])).unwrap();
    assert!(
        xaif["AIF"]["participants"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
}

/// One file a folder import cannot read is reported and skipped (--strict
/// stops); a lone bad file is an error with the right message; raw Argdown
/// text is pointed at `argdown json`.
#[test]
fn a_folder_import_reports_an_unreadable_map_and_goes_on() {
    let tmp = tmpdir("odd-folder");
    let dir = tmp.join("maps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("aif-araucaria/nodeset118.json"), dir.join("a.json")).unwrap();
    std::fs::write(dir.join("b.json"), r#"{"AIF": "{}"}"#).unwrap();
    let out = argkb().args(["import", "aif"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.json: not imported: the \"AIF\" object (OVA3/xAIF) has no \"nodes\" list"),
        "{err}"
    );
    let ron = String::from_utf8_lossy(&out.stdout);
    assert!(
        ron.contains("Source(id: \"a\", title: \"a.json\")"),
        "{ron}"
    );
    assert!(
        !ron.contains(&*tmp.to_string_lossy()),
        "titles carry no folders: {ron}"
    );
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(contains("1 problem under --strict"));
    argkb()
        .args(["import", "aif"])
        .arg(dir.join("b.json"))
        .assert()
        .code(1)
        .stderr(contains("has no \"nodes\" list"))
        .stderr(contains("no \"AIF\" object").not());
    let raw = tmp.join("map.argdown");
    std::fs::write(&raw, "[a]: A claim.\n  + <b>: B.\n").unwrap();
    argkb()
        .args(["import", "argdown"])
        .arg(&raw)
        .assert()
        .code(1)
        .stderr(contains("run `argdown json FILE.argdown OUT_DIR`"));
    std::fs::remove_dir_all(&tmp).unwrap();
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
