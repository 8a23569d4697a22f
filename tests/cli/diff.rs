//! `argkb diff`: what changed in the argument, on the essay; renames,
//! the exit statuses, JSON, and git's external diff driver.

use super::*;

/// The essay with a claim reworded, an attack removed, a support added
/// and two lines swapped.
fn edited_essay() -> (String, String) {
    let old = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/essay.ron"))
        .unwrap();
    let swapped_from = "        Supports(\"debate-shines-light\", \"scrutiny-deserved\"),\n        Supports(\"debate-shines-light\", \"nk-pursues-all\"),\n";
    let swapped_to = "        Supports(\"debate-shines-light\", \"nk-pursues-all\"),\n        Supports(\"debate-shines-light\", \"scrutiny-deserved\"),\n        Supports(\"china-fed-up\", \"scrutiny-deserved\"),\n";
    let removed = "        Attacks(\"room-for-everyone\", \"more-china-less-america\"),\n";
    let reworded = "text: \"China is fed up with North Korea's behaviour\"";
    for needle in [swapped_from, removed, reworded] {
        assert!(old.contains(needle), "the essay changed: {needle}");
    }
    let new = old
        .replacen(
            reworded,
            "text: \"China has had enough of North Korea's behaviour\"",
            1,
        )
        .replacen(removed, "", 1)
        .replacen(swapped_from, swapped_to, 1);
    (old, new)
}

#[test]
fn the_essay_edited_gives_three_changes_and_the_label_that_flips() {
    let dir = tmpdir("diff");
    let (old, new) = edited_essay();
    std::fs::write(dir.join("old.ron"), &old).unwrap();
    std::fs::write(dir.join("new.ron"), &new).unwrap();
    let out = argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("new.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "changed  claim `china-fed-up`",
            "    text: \"China is fed up with North Korea's behaviour\" → \"China has had enough of North Korea's behaviour\"",
            "- attacks `room-for-everyone` → `more-china-less-america` (There is plenty of room for everyone → More China in South Korea's future means less Ame…)",
            "+ supports `china-fed-up` → `scrutiny-deserved` (China has had enough of North Korea's behaviour → The scrutiny of North Korea's human-rights record…)",
            "labels (grounded, support none):",
            "  `more-china-less-america` out → in: nothing attacks it",
        ],
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &argkb()
            .arg("diff")
            .arg(dir.join("old.ron"))
            .arg(dir.join("new.ron"))
            .args(["--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // The shape docs/schema/output.schema.json ($defs/diff) publishes.
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/output.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    schema["$ref"] = serde_json::json!("#/$defs/diff");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!validator.is_valid(&serde_json::json!({"equal": true})));
    assert_eq!(json["equal"], false);
    assert_eq!(json["changed"][0]["fields"][0]["field"], "text");
    assert_eq!(json["relations"]["added"].as_array().unwrap().len(), 1);
    assert_eq!(json["relations"]["removed"][0]["kind"], "attacks");
    assert_eq!(json["labels"]["changed"][0]["new"], "in");
    let stat = argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("new.ron"))
        .arg("--stat")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(stat.stdout).unwrap(),
        "nodes: 0 added, 0 removed, 0 renamed, 1 changed; relations: 1 added, 1 removed; sources: 0 changed; labels: 1 flipped\n"
    );
    let quick = argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("new.ron"))
        .args(["--stat", "--no-labels"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(quick.stdout)
            .unwrap()
            .ends_with("labels: 0 flipped\n")
    );
    // Identical KBs, only reordered and recommented: no output, exit 0.
    let reordered = old.replacen("// ", "//  ", 3);
    std::fs::write(dir.join("same.ron"), reordered).unwrap();
    argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("same.ron"))
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_renamed_id_is_one_rename_and_an_invalid_side_is_trouble() {
    let dir = tmpdir("diff-rename");
    let (old, _) = edited_essay();
    std::fs::write(dir.join("old.ron"), &old).unwrap();
    std::fs::write(
        dir.join("new.ron"),
        old.replace("\"china-fed-up\"", "\"china-weary\""),
    )
    .unwrap();
    argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("new.ron"))
        .assert()
        .code(1)
        .stdout("renamed  `china-fed-up` → claim `china-weary`: China is fed up with North Korea's behaviour\n");
    std::fs::write(dir.join("bad.ron"), "KnowledgeBase(claims: [").unwrap();
    argkb()
        .arg("diff")
        .arg(dir.join("old.ron"))
        .arg(dir.join("bad.ron"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("error[syntax]").and(contains("cannot compare")));
}

#[test]
fn git_shows_argument_changes_through_the_diff_driver() {
    let dir = tmpdir("diff-git");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(&dir)
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.org"]);
    git(&["config", "user.name", "t"]);
    let driver = format!("{} diff --git", env!("CARGO_BIN_EXE_argkb"));
    git(&["config", "diff.argkb.command", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.ron diff=argkb\n").unwrap();
    let (old, new) = edited_essay();
    std::fs::write(dir.join("essay.ron"), &old).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "essay"]);
    std::fs::write(dir.join("essay.ron"), &new).unwrap();
    let shown = git(&["diff"]);
    assert!(
        shown.starts_with("argkb diff a/essay.ron b/essay.ron\n"),
        "{shown}"
    );
    assert!(shown.contains("changed  claim `china-fed-up`"), "{shown}");
    assert!(
        shown.contains("`more-china-less-america` out → in"),
        "{shown}"
    );
    // A new file: git's /dev/null is the empty KB.
    std::fs::write(
        dir.join("tiny.ron"),
        "KnowledgeBase(actors: [Actor(id: \"a\", name: \"A\", kind: Person)])",
    )
    .unwrap();
    git(&["add", "tiny.ron"]);
    let added = git(&["diff", "--cached", "tiny.ron"]);
    assert!(added.contains("added    actor `a`: A"), "{added}");
}
