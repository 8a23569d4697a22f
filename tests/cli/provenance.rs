//! `check --source` and `coverage`: the KB's quotes against its source text.

use super::*;

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
