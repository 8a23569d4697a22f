//! AIF: import and export, round trips over the sample corpus, named
//! conflicts and preferences.

use super::*;

/// The argument structure of an AIF map, read independently of argkb:
/// I-node texts by id; each RA as (premise ids, conclusion id); each CA as
/// (attacker id, attacked I id, or the attacked RA's or CA's structure,
/// so that an attack on an attack is compared by what it attacks).
#[derive(Debug, PartialEq, Eq)]
struct AifStructure {
    texts: BTreeMap<String, String>,
    inferences: BTreeSet<(Vec<String>, String)>,
    /// Each CA-node's attackers (together) and what it attacks.
    conflicts: BTreeSet<(Vec<String>, String)>,
    /// MA-nodes by their ends, counted.
    rephrases: BTreeMap<(String, String), usize>,
}

/// The AIF map at `path` without the nodes `left_out` (and their edges):
/// what an import that reported them should give back.
fn aif_without(path: &Path, left_out: &[&str]) -> serde_json::Value {
    let mut map: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let out = |v: &serde_json::Value| left_out.contains(&v.as_str().unwrap_or(""));
    map["nodes"]
        .as_array_mut()
        .unwrap()
        .retain(|n| !out(&n["nodeID"]));
    map["edges"]
        .as_array_mut()
        .unwrap()
        .retain(|e| !out(&e["fromID"]) && !out(&e["toID"]));
    map
}

fn aif_structure(doc: &serde_json::Value) -> AifStructure {
    let doc = match doc.get("AIF") {
        Some(inner) => inner,
        None => doc,
    };
    let id = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut kind = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for n in doc["nodes"].as_array().unwrap() {
        let nid = id(&n["nodeID"]);
        let t = n["type"].as_str().unwrap().to_string();
        if t == "I" {
            texts.insert(nid.clone(), n["text"].as_str().unwrap().to_string());
        }
        kind.insert(nid, t);
    }
    let mut ins: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut outs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in doc["edges"].as_array().unwrap() {
        let (a, b) = (id(&e["fromID"]), id(&e["toID"]));
        outs.entry(a.clone()).or_default().insert(b.clone());
        ins.entry(b).or_default().insert(a);
    }
    let of = |m: &BTreeMap<String, BTreeSet<String>>, n: &str, k: &str| -> Vec<String> {
        m.get(n)
            .into_iter()
            .flatten()
            .filter(|x| kind.get(*x).map(String::as_str) == Some(k))
            .cloned()
            .collect()
    };
    let ra = |n: &str| -> Vec<(Vec<String>, String)> {
        let premises = of(&ins, n, "I");
        of(&outs, n, "I")
            .into_iter()
            .map(|c| (premises.clone(), c))
            .collect()
    };
    // What a CA-node's edge points at, described by structure (CA-nodes
    // by their attackers and targets, to a depth that stops cycles).
    fn target(
        t: &str,
        depth: usize,
        kind: &BTreeMap<String, String>,
        describe_ra: &dyn Fn(&str) -> String,
        attackers: &dyn Fn(&str) -> Vec<String>,
        outs: &BTreeMap<String, BTreeSet<String>>,
    ) -> String {
        match kind[t].as_str() {
            "I" => t.to_string(),
            "CA" if depth < 4 => {
                let targets: Vec<String> = outs
                    .get(t)
                    .into_iter()
                    .flatten()
                    .map(|u| target(u, depth + 1, kind, describe_ra, attackers, outs))
                    .collect();
                format!("CA{:?}->{targets:?}", attackers(t))
            }
            "CA" => "CA…".to_string(),
            _ => describe_ra(t),
        }
    }
    let describe_ra = |t: &str| format!("{:?}", ra(t));
    let attackers = |t: &str| of(&ins, t, "I");
    let mut inferences = BTreeSet::new();
    let mut conflicts = BTreeSet::new();
    let mut rephrases = BTreeMap::new();
    for (n, k) in &kind {
        match k.as_str() {
            "RA" => inferences.extend(ra(n)),
            // A CA-node by all its attackers together: one node with two
            // attackers is not two nodes with one each.
            "CA" => {
                let by = of(&ins, n, "I");
                for t in outs.get(n).into_iter().flatten() {
                    let t = target(t, 0, &kind, &describe_ra, &attackers, &outs);
                    conflicts.insert((by.clone(), t));
                }
            }
            // MA-nodes counted, so that a merged or dropped one shows.
            "MA" => {
                for a in of(&ins, n, "I") {
                    for b in of(&outs, n, "I") {
                        *rephrases.entry((a.clone(), b)).or_insert(0usize) += 1;
                    }
                }
            }
            _ => {}
        }
    }
    AifStructure {
        texts,
        inferences,
        conflicts,
        rephrases,
    }
}

#[test]
fn every_sample_aif_map_round_trips_through_ron_with_the_same_structure() {
    let dir = fixture("aif-araucaria");
    let mut maps: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    maps.sort();
    assert_eq!(maps.len(), 30);
    let tmp = tmpdir("aif-round-trip");
    for map in &maps {
        let name = map.file_name().unwrap().to_str().unwrap();
        let original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(map).unwrap()).unwrap();
        let ron = tmp.join(format!("{name}.ron"));
        argkb()
            .args(["import", "aif"])
            .arg(map)
            .arg("-o")
            .arg(&ron)
            .assert()
            .success();
        let kb = ron.to_str().unwrap();
        argkb().args(["--kb", kb, "check"]).assert().success();
        for format in ["aif", "xaif"] {
            let exported: serde_json::Value =
                serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format]))
                    .unwrap();
            assert_eq!(
                aif_structure(&exported),
                aif_structure(&original),
                "{name} through --format {format}"
            );
            // Imported again (under the same file name, so the same source
            // id), the export gives back the same KB.
            let again_dir = tmp.join(format!("{name}-{format}"));
            std::fs::create_dir_all(&again_dir).unwrap();
            let again = again_dir.join(name);
            std::fs::write(&again, exported.to_string()).unwrap();
            let ron2 = again_dir.join("again.ron");
            argkb()
                .args(["import", "aif"])
                .arg(&again)
                .arg("-o")
                .arg(&ron2)
                .assert()
                .success();
            let graph = |kb: &str| {
                let v: serde_json::Value =
                    serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", "json"]))
                        .unwrap();
                (v["nodes"].clone(), v["links"].clone())
            };
            assert_eq!(
                graph(ron2.to_str().unwrap()),
                graph(kb),
                "{name} re-imported"
            );
        }
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn aif_import_reports_messy_input_and_strict_refuses_it() {
    let tmp = tmpdir("aif-messy");
    let messy = tmp.join("messy.json");
    std::fs::write(
        &messy,
        r#"{"nodes": [
            {"nodeID": 1, "text": "a", "type": "I"},
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"}],
          "edges": [{"edgeID": 7, "fromID": "2", "toID": "42"}]}"#,
    )
    .unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&messy)
        .assert()
        .success()
        .stderr(contains("node 1: listed twice with the same content"))
        .stderr(contains("edge 7: from `2` to `42`"))
        .stderr(contains("node 3: an RA-node with no premise"));
    let out = tmp.join("strict.ron");
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&messy)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("3 problems under --strict"));
    assert!(!out.exists(), "nothing is written under --strict");
    // Not JSON, and not AIF: located errors, exit 1.
    let bad = tmp.join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [1,}").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("bad.json:1:"));
    std::fs::write(&bad, "{\"edges\": []}").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("not AIF"));
    // An existing file is never written over.
    std::fs::write(&out, "keep me").unwrap();
    argkb()
        .args(["import", "aif"])
        .arg(&messy)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("never writes over a file"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn a_folder_of_aif_maps_becomes_one_kb_with_a_source_each() {
    let kb = stdout_of(&["import", "aif", fixture("aif-araucaria").to_str().unwrap()]);
    let tmp = tmpdir("aif-folder");
    let file = tmp.join("corpus.ron");
    std::fs::write(&file, &kb).unwrap();
    let stats: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        file.to_str().unwrap(),
        "stats",
        "--format",
        "json",
    ]))
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        file.to_str().unwrap(),
        "export",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["graph"]["sources"].as_array().unwrap().len(), 30);
    // Ids carry their map's name, so maps cannot collide.
    assert!(
        kb.contains("Claim(id: \"nodeset127:378\""),
        "{}",
        &kb[..500]
    );
    assert!(stats["nodes"].as_u64().unwrap() > 200);
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn the_essay_exports_to_aif_that_imports_to_the_same_argument() {
    let tmp = tmpdir("essay-aif");
    let aif = tmp.join("essay.json");
    argkb()
        .args(["export", "--format", "aif", "-o"])
        .arg(&aif)
        .assert()
        .success()
        .stderr(contains("have no AIF counterpart"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&aif).unwrap()).unwrap();
    let s = aif_structure(&doc);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    let links = json["links"].as_array().unwrap();
    let count = |k: &str| links.iter().filter(|l| l["kind"] == k).count();
    // Every claim and recommendation is an I-node; every argument and
    // support an RA; every attack and undercut a CA.
    let props = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "claim" || n["kind"] == "recommendation")
        .count();
    assert_eq!(s.texts.len(), props);
    assert_eq!(s.inferences.len(), count("conclusion") + count("supports"));
    assert_eq!(s.conflicts.len(), count("attacks") + count("undercuts"));
    let ron = tmp.join("essay.ron");
    argkb()
        .args(["import", "aif"])
        .arg(&aif)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success();
    let back: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--kb",
        ron.to_str().unwrap(),
        "export",
        "--format",
        "aif",
    ]))
    .unwrap();
    assert_eq!(aif_structure(&back), s);
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn preferences_decide_attacks_and_survive_the_aif_round_trip() {
    let kb = fixture("good/preferences.ron");
    let kb = kb.to_str().unwrap();
    // a and b attack each other; a is preferred, so b's attack fails.
    let labels = grounded_labels(&["--kb", kb]);
    assert_eq!((labels["a"].as_str(), labels["b"].as_str()), ("in", "out"));
    // PA and MA nodes out, Prefers and Rephrases back in.
    let tmp = tmpdir("preferences");
    let aif = tmp.join("pref.json");
    std::fs::write(&aif, stdout_of(&["--kb", kb, "export", "--format", "aif"])).unwrap();
    let back = stdout_of(&["import", "aif", aif.to_str().unwrap()]);
    assert!(back.contains("Prefers(\"a\", \"b\")"), "{back}");
    assert!(back.contains("Rephrases(\"a\", \"c\")"), "{back}");
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn aif_attacks_on_attacks_round_trip_as_named_conflicts() {
    let map = fixture("aif/ca-on-ca.json");
    let tmp = tmpdir("ca-on-ca");
    let ron = tmp.join("ca-on-ca.ron");
    argkb()
        .args(["import", "aif"])
        .arg(&map)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success()
        .stderr(contains("node 36: a CA-node with no attacking I-node; left out"))
        .stderr(contains(
            "node 37: a CA-node attacking CA-node 36, which has no attacking I-node or no target; left out",
        ))
        .stderr(contains("4 named conflicts"));
    let text = std::fs::read_to_string(&ron).unwrap();
    assert_all_in(
        &text,
        &[
            // CA on CA on CA: each attacked CA is a named conflict.
            "Conflict(id: \"30\", attackers: [\"2\"], target: \"1\")",
            "Conflict(id: \"31\", attackers: [\"3\"], target: \"30\")",
            "Undercuts(\"4\", \"31\")",
            // CA on a CA on an RA.
            "Conflict(id: \"33\", attackers: [\"7\"], target: \"20\")",
            "Undercuts(\"8\", \"33\")",
            // A CA with a scheme keeps it, and its id.
            "Conflict(id: \"35\", attackers: [\"9\"], target: \"2\", scheme: \"Conflict From Bias\")",
        ],
    );
    let kb = ron.to_str().unwrap();
    argkb().args(["--kb", kb, "check"]).assert().success();
    // The same structure as the input, but for the two nodes reported.
    let original = aif_without(&map, &["36", "37"]);
    for format in ["aif", "xaif"] {
        let exported: serde_json::Value =
            serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format])).unwrap();
        let (got, want) = (aif_structure(&exported), aif_structure(&original));
        assert_eq!(got, want, "through --format {format}");
        assert!(
            want.conflicts
                .iter()
                .any(|(_, t)| t.starts_with("CA[\"3\"]->")),
            "the comparison sees the attack on an attack on an attack: {want:?}"
        );
        // And again through import: the same KB.
        let again = tmp.join(format!("{format}/ca-on-ca.json"));
        std::fs::create_dir_all(again.parent().unwrap()).unwrap();
        std::fs::write(&again, exported.to_string()).unwrap();
        let back = stdout_of(&["import", "aif", again.to_str().unwrap()]);
        let body = |t: &str| t[t.find("    claims: [").unwrap()..].to_string();
        assert_eq!(body(&back), body(&text), "re-imported from {format}");
    }
    // Grounded: the bias claim defeats the study's conflict; the dose
    // rebuttal's conflict is itself undercut; the inference stands.
    let labels = grounded_labels(&["--kb", kb]);
    for (id, label) in [
        ("35", "in"),
        ("2", "out"),
        ("30", "out"),
        ("1", "in"),
        ("31", "out"),
        ("33", "out"),
        ("20", "in"),
    ] {
        assert_eq!(labels[id], label, "{id}: {labels:?}");
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// A CA-node with two attacking I-nodes stays one conflict (its id, both
/// attackers together) through import and both AIF exports; an MA-node
/// from a statement to itself and a second MA-node between the same ends,
/// which the KB format cannot hold, are reported (and fail --strict), and
/// everything else round-trips.
#[test]
fn aif_linked_conflicts_and_rephrases_round_trip_or_are_reported() {
    let map = fixture("aif/linked-conflict-and-rephrases.json");
    let tmp = tmpdir("linked-ca");
    let ron = tmp.join("linked.ron");
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&map)
        .assert()
        .code(1)
        .stderr(contains(
            "error: 2 problems under --strict; nothing written:\n",
        ))
        .stderr(contains("error: error:").not());
    argkb()
        .args(["import", "aif"])
        .arg(&map)
        .arg("-o")
        .arg(&ron)
        .assert()
        .success()
        .stderr(contains(
            "node 31: repeats the rephrase of `4` and `5`; merged",
        ))
        .stderr(contains(
            "node 32: a rephrase (MA-node) of `6` with itself; left out",
        ))
        .stderr(contains(
            "1 named conflict, 2 relations and 0 actors from 1 file",
        ));
    let text = std::fs::read_to_string(&ron).unwrap();
    assert!(
        text.contains("Conflict(id: \"20\", attackers: [\"2\", \"3\"], target: \"1\")"),
        "{text}"
    );
    let kb = ron.to_str().unwrap();
    let original = aif_without(&map, &["31", "32"]);
    let want = aif_structure(&original);
    assert!(
        want.conflicts
            .contains(&(vec!["2".to_string(), "3".to_string()], "1".to_string()))
    );
    for format in ["aif", "xaif"] {
        let exported: serde_json::Value =
            serde_json::from_str(&stdout_of(&["--kb", kb, "export", "--format", format])).unwrap();
        assert_eq!(aif_structure(&exported), want, "through --format {format}");
        let doc = exported.get("AIF").unwrap_or(&exported);
        let cas = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == "CA")
            .count();
        assert_eq!(cas, 2, "one CA-node per conflict ({format})");
        assert!(
            doc["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n["nodeID"] == "20")
        );
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// A classic AIFdb export has no `participants` (an xAIF key); xAIF has
/// them inside its "AIF" object.
#[test]
fn classic_aif_has_no_participants() {
    let classic: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "aif"])).unwrap();
    assert!(classic.get("participants").is_none());
    assert!(
        classic["locutions"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    );
    let xaif: serde_json::Value =
        serde_json::from_str(&stdout_of(&["export", "--format", "xaif"])).unwrap();
    assert!(
        xaif["AIF"]["participants"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
}

/// One file a folder import cannot read is reported and skipped (--strict
/// stops); a lone bad file is an error with the right message; raw Argdown
/// text is pointed at `argdown json`.
#[test]
fn a_folder_import_reports_an_unreadable_map_and_goes_on() {
    let tmp = tmpdir("odd-folder");
    let dir = tmp.join("maps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("aif-araucaria/nodeset118.json"), dir.join("a.json")).unwrap();
    std::fs::write(dir.join("b.json"), r#"{"AIF": "{}"}"#).unwrap();
    let out = argkb().args(["import", "aif"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.json: not imported: the \"AIF\" object (OVA3/xAIF) has no \"nodes\" list"),
        "{err}"
    );
    let ron = String::from_utf8_lossy(&out.stdout);
    assert!(
        ron.contains("Source(id: \"a\", title: \"a.json\")"),
        "{ron}"
    );
    assert!(
        !ron.contains(&*tmp.to_string_lossy()),
        "titles carry no folders: {ron}"
    );
    argkb()
        .args(["import", "aif", "--strict"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(contains("1 problem under --strict"));
    argkb()
        .args(["import", "aif"])
        .arg(dir.join("b.json"))
        .assert()
        .code(1)
        .stderr(contains("has no \"nodes\" list"))
        .stderr(contains("no \"AIF\" object").not());
    let raw = tmp.join("map.argdown");
    std::fs::write(&raw, "[a]: A claim.\n  + <b>: B.\n").unwrap();
    argkb()
        .args(["import", "argdown"])
        .arg(&raw)
        .assert()
        .code(1)
        .stderr(contains("run `argdown json FILE.argdown OUT_DIR`"));
    std::fs::remove_dir_all(&tmp).unwrap();
}
