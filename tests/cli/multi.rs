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

/// The overlap corpus imported into a fresh folder, with or without
/// `--link-identical`; returns the KB's path. `test` names the folder:
/// tests run in parallel.
fn overlap_kb(test: &str, link: bool) -> PathBuf {
    let dir = tmpdir(&format!("{test}-{}", if link { "linked" } else { "plain" }));
    let kb = dir.join("corpus.ron");
    let _ = std::fs::remove_file(&kb);
    let mut cmd = argkb();
    cmd.args(["import", "aif"])
        .arg(fixture("aif/overlap"))
        .arg("-o")
        .arg(&kb);
    if link {
        cmd.arg("--link-identical");
        // As the README says it.
        cmd.assert().success().stderr(contains(
            "note: linked 3 propositions across maps: 4 SameAs relations",
        ));
    } else {
        cmd.assert().success();
    }
    kb
}

/// The groups of claims the KB's `SameAs` relations join, each sorted.
fn same_as_groups(kb: &Path) -> BTreeSet<Vec<String>> {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        kb.to_str().unwrap(),
        "export",
        "--format",
        "json",
    ]))
    .unwrap();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for l in json["links"].as_array().unwrap() {
        if l["kind"] != "same_as" {
            continue;
        }
        let (a, b) = (
            l["source"].as_str().unwrap().to_string(),
            l["target"].as_str().unwrap().to_string(),
        );
        let mut joined: BTreeSet<String> = [a.clone(), b.clone()].into();
        groups.retain(|g| {
            if g.contains(&a) || g.contains(&b) {
                joined.extend(g.iter().cloned());
                false
            } else {
                true
            }
        });
        groups.push(joined);
    }
    groups
        .into_iter()
        .map(|g| g.into_iter().collect())
        .collect()
}

#[test]
fn link_identical_joins_one_proposition_across_maps_and_never_merges() {
    let kb = overlap_kb("joins", true);
    let text = std::fs::read_to_string(&kb).unwrap();
    // The fixture states three propositions in more than one map: "nuclear
    // power is safe" in all three (case and end punctuation differ), the
    // reactor premise in two, and AIFdb node 500 ("Energy matters", too
    // short to link by wording) in both classic maps. The xAIF map's own
    // node 500 is another node with another text.
    let expected: BTreeSet<Vec<String>> = [
        vec!["debate1:101", "debate2:201", "panel:1"],
        vec!["debate1:102", "debate2:207"],
        vec!["debate1:500", "debate2:500"],
    ]
    .into_iter()
    .map(|g| g.into_iter().map(String::from).collect())
    .collect();
    assert_eq!(same_as_groups(&kb), expected, "{text}");
    // Every claim is still there, each with its own text.
    for id in ["debate1:101", "debate2:201", "panel:1", "panel:500"] {
        assert!(text.contains(&format!("id: \"{id}\"")), "{id}");
    }
    assert!(text.contains("text: \"Nuclear power is SAFE!\""));
    // No link stays inside one map.
    for line in text.lines().filter(|l| l.contains("SameAs(")) {
        let ids: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        let map = |id: &str| id.split(':').next().unwrap().to_string();
        assert_ne!(map(ids[0]), map(ids[1]), "{line}");
    }
    let stats = stdout_of(&["--kb", kb.to_str().unwrap(), "stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(
        stats["cross_text"],
        serde_json::json!({"links": 4, "claims": 7, "propositions": 3, "sources": 3})
    );
    let line = stdout_of(&["--kb", kb.to_str().unwrap(), "stats"]);
    assert!(
        line.ends_with("cross-text links     4: 7 claims linked as 3 propositions, in 3 sources\n"),
        "{line}"
    );
    // Without the option, nothing is linked and stats says so.
    let plain = overlap_kb("joins", false);
    assert!(same_as_groups(&plain).is_empty());
    let stats = stdout_of(&["--kb", plain.to_str().unwrap(), "stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["cross_text"]["links"], 0);
}

#[test]
fn queries_follow_an_argument_across_linked_maps() {
    let kb = overlap_kb("follow", true);
    let kb = kb.to_str().unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--kb", kb];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        serde_json::from_str(&stdout_of(&all)).unwrap()
    };
    // challenges: the attacks on the same proposition in the other maps,
    // each route ending with the identity it crossed.
    let found = json(&["challenges", "debate1:101"]);
    let attackers: BTreeSet<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["attacker"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(attackers, BTreeSet::from(["debate2:202", "panel:2"]));
    for c in found.as_array().unwrap() {
        let route = c["route"].as_array().unwrap();
        assert_eq!(route.last().unwrap()["kind"], "same_as", "{c}");
        assert_eq!(route.last().unwrap()["target"], "debate1:101", "{c}");
    }
    // As the README shows it.
    let text = stdout_of(&["--kb", kb, "challenges", "debate1:101"]);
    assert!(
        text.contains("debate2:202 —attacks→ debate2:201 —same_as→ debate1:101"),
        "{text}"
    );
    // Unlinked, the claim of debate1 has no challenger at all.
    let plain = overlap_kb("follow", false);
    argkb()
        .arg("--kb")
        .arg(&plain)
        .args(["challenges", "debate1:101"])
        .assert()
        .code(1)
        .stdout("");
    // why: the same proposition in each other map, with what attacks it
    // there.
    let why = json(&["why", "debate1:101"]);
    let same: BTreeMap<&str, &serde_json::Value> = why["supports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["via"] == "same_as")
        .map(|s| (s["tree"]["id"].as_str().unwrap(), &s["tree"]))
        .collect();
    assert_eq!(
        same.keys().copied().collect::<Vec<_>>(),
        ["debate2:201", "panel:1"]
    );
    assert_eq!(same["panel:1"]["attacked_by"][0]["id"], "panel:2");
    assert_eq!(same["debate2:201"]["attacked_by"][0]["id"], "debate2:202");
    let text = stdout_of(&["--kb", kb, "why", "debate1:101"]);
    assert!(
        text.contains("same proposition in panel: panel:1  Nuclear power is SAFE!"),
        "{text}"
    );
    // search: each hit names its identicals.
    let hits = json(&["search", "nuclear", "safe"]);
    let panel = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "panel:1")
        .unwrap();
    assert_eq!(
        panel["same_as"],
        serde_json::json!(["debate1:101", "debate2:201"])
    );
    // stance: what Bob says in debate2 is stated in debate1 and the panel.
    let bob = json(&["stance", "bob"]);
    let elsewhere = &bob["same_elsewhere"];
    assert_eq!(elsewhere[0]["id"], "debate2:201", "{bob}");
    assert_eq!(ids_of(&elsewhere[0]["same_as"]), ["debate1:101", "panel:1"]);
    assert_eq!(elsewhere[0]["same_as"][1]["source"], "panel");
}

#[test]
fn declared_identity_must_agree_and_same_as_joins_only_claims() {
    // One AIFdb nodeID with two texts: not linked, and said.
    let dir = tmpdir("declared-clash");
    let map = |text: &str| {
        format!(r#"{{"nodes": [{{"nodeID": "77", "text": "{text}", "type": "I"}}], "edges": []}}"#)
    };
    std::fs::write(dir.join("m1.json"), map("Coal is cheap today")).unwrap();
    std::fs::write(dir.join("m2.json"), map("Coal is dirty today")).unwrap();
    let kb = dir.join("out.ron");
    let _ = std::fs::remove_file(&kb);
    argkb()
        .args(["import", "aif"])
        .arg(dir.join("m1.json"))
        .arg(dir.join("m2.json"))
        .arg("--link-identical")
        .arg("-o")
        .arg(&kb)
        .assert()
        .success()
        .stderr(contains(
            "m2.json: node 77: also in m1.json with another text; not linked as one proposition",
        ));
    assert!(same_as_groups(&kb).is_empty());
    // A hand-written SameAs from an actor is refused at its place.
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        r#"KnowledgeBase(
    meta: Meta(title: "t"),
    actors: [Actor(id: "bob", name: "Bob", kind: Person)],
    claims: [Claim(id: "a", text: "A", kind: Assessment)],
    relations: [SameAs("bob", "a"), SameAs("a", "a")],
)"#,
    )
    .unwrap();
    let out = argkb().arg("--kb").arg(&bad).arg("check").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("bad.ron:5:24"), "{err}");
    assert!(err.contains("SameAs"), "{err}");
    assert!(err.contains("to itself"), "{err}");
}
