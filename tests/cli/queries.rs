//! The questions: `stats`, `list`, `show`, `neighbors`, `path`, `why`,
//! `challenges`, `stance`, `search`, `weak-points`, `rank`, on fixtures
//! with known answers and as snapshots of the essay.

use super::*;

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

/// A thesis with 700 direct supporters, one of which has a supporter of
/// its own: 702 nodes of support.
fn wide_support_kb(dir: &Path) -> PathBuf {
    let mut claims = String::from("Claim(id: \"t\", kind: Assessment, text: \"thesis\"),\n");
    let mut rels = String::new();
    for i in 1..=700 {
        claims.push_str(&format!(
            "Claim(id: \"s{i:03}\", kind: Assessment, text: \"reason {i}\"),\n"
        ));
        rels.push_str(&format!("Supports(\"s{i:03}\", \"t\"),\n"));
    }
    claims.push_str("Claim(id: \"deep\", kind: Fact, text: \"under s001\"),\n");
    rels.push_str("Supports(\"deep\", \"s001\"),\n");
    let kb = dir.join("wide.ron");
    std::fs::write(
        &kb,
        format!("KnowledgeBase(meta: (title: \"w\"), claims: [{claims}], relations: [{rels}])"),
    )
    .unwrap();
    kb
}

#[test]
fn why_shows_at_most_limit_nodes_and_counts_the_rest() {
    let dir = tmpdir("why-limit");
    let kb = wide_support_kb(&dir);
    let kb = kb.to_str().unwrap();
    let run = |extra: &[&str]| {
        let out = argkb()
            .args(["--kb", kb, "why", "t"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // The default: 500 nodes (the thesis and 499 supporters, the first in
    // id order being s001 with its own supporter), the rest counted.
    let (text, err) = run(&[]);
    assert_eq!(
        text.lines().filter(|l| l.contains("supported by")).count(),
        499
    );
    assert!(text.contains("supported by deep"), "{text}");
    assert!(
        text.ends_with("└─ (… 202 more supporters not shown: raise --limit, or 0 for all)\n"),
        "{text}"
    );
    assert!(
        err.contains("note: 202 more nodes of the support not shown (raise --limit, or 0 for all)"),
        "{err}"
    );
    // A small limit; the JSON says the same.
    let (text, err) = run(&["--limit", "3"]);
    assert_eq!(
        text.lines().filter(|l| l.contains("supported by")).count(),
        2
    );
    assert!(err.contains("note: 699 more nodes"), "{err}");
    let (json, _) = run(&["--limit", "3", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["nodes_not_shown"], 699);
    assert_eq!(v["not_shown"], 699);
    assert_eq!(v["supports"].as_array().unwrap().len(), 1);
    // 0: everything, and no note.
    let (text, err) = run(&["--limit", "0"]);
    assert_eq!(
        text.lines().filter(|l| l.contains("supported by")).count(),
        701
    );
    assert!(
        !text.contains("not shown") && !err.contains("not shown"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
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
    // The snapshots stay where the one-file test binary kept them.
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        for (name, args) in cases {
            insta::assert_snapshot!(format!("cli__essay_{name}"), stdout_of(args));
        }
    });
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
