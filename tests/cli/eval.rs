//! `argkb eval` and `argkb af`: labels under every semantics, the essay as
//! its author reads it, what-if, named conflicts.

use super::*;

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
