//! Argdown: the export read back by the Argdown CLI.

use super::*;

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

/// Argdown's own identity: one statement title in two files is one
/// statement, whatever text each gives it; `--link-identical` links the
/// two claims (and nothing else).
#[test]
fn one_title_in_two_argdown_files_is_linked_as_one_statement() {
    let a = argdown_json(
        "[Safe]: Nuclear power is safe.\n  <+ [Modern]: Modern reactors shut themselves down.\n",
        "corpus-a",
    );
    let b = argdown_json(
        "[Safe]: Nuclear energy poses little risk.\n  <- [Waste]: Waste stays dangerous for millennia.\n",
        "corpus-b",
    );
    let dir = tmpdir("argdown-identity");
    std::fs::write(dir.join("a.json"), a.to_string()).unwrap();
    std::fs::write(dir.join("b.json"), b.to_string()).unwrap();
    let kb = dir.join("out.ron");
    argkb()
        .args(["import", "argdown"])
        .arg(dir.join("a.json"))
        .arg(dir.join("b.json"))
        .arg("--link-identical")
        .arg("-o")
        .arg(&kb)
        .assert()
        .success()
        .stderr(contains(
            "linked 1 proposition across maps: 1 SameAs relation",
        ));
    let text = std::fs::read_to_string(&kb).unwrap();
    let links: Vec<&str> = text.lines().filter(|l| l.contains("SameAs(")).collect();
    assert_eq!(links, [r#"        SameAs("a:Safe", "b:Safe"),"#], "{text}");
    // Followed across the files: the attack in b challenges a's claim.
    let found = stdout_of(&["--kb", kb.to_str().unwrap(), "challenges", "a:Safe"]);
    assert!(
        found.contains("b:Waste —attacks→ b:Safe —same_as→ a:Safe"),
        "{found}"
    );
}
