//! Every JSON output against the published JSON schemas (docs/schema).

use super::*;

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
