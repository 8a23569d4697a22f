//! `argkb check`: located errors and warnings, all at once, in text and JSON.

use super::*;

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
