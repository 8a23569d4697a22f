//! KBs of several files and texts, and `ARGKB_KB`.

use super::*;

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
