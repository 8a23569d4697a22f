//! Robustness: the defects fuzzing found, each a regression test; long
//! inputs are generated here, not stored.

use super::*;

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
        vec!["why", "c0", "--limit", "0"],
        vec!["why", "c0", "--format", "json", "--limit", "0"],
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
    let why = output(&["why", "c0", "--limit", "0"]);
    assert_eq!(
        why.lines().filter(|l| l.contains("supported by")).count(),
        199_999
    );
    // No line of the tree is indented past a few dozen levels.
    assert!(why.lines().all(|l| l.chars().count() < 200));
    let json: serde_json::Value =
        serde_json::from_str(&output(&["why", "c0", "--format", "json", "--limit", "0"]))
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
