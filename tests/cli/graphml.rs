//! GraphML: read back by networkx, valid against the GraphML structure.

use super::*;

#[test]
fn graphml_export_reads_back_in_networkx_with_every_field() {
    if !needs(
        "python3 with networkx is not installed (pip install networkx)",
        python_module("networkx"),
    ) {
        return;
    }
    let hostile = argkb::model::synth::hostile(5);
    let dir = tmpdir("graphml");
    let kb_file = dir.join("hostile.ron");
    std::fs::write(&kb_file, &hostile).unwrap();
    let kb = kb_file.to_str().unwrap();
    // networkx reads the GraphML; every node's fields must equal the
    // node-link JSON export's (lists and objects as JSON text; absent
    // fields absent), every edge's kind too.
    let script = r##"
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
ref = json.load(open(sys.argv[2]))
assert g.number_of_nodes() == len(ref["nodes"]), (g.number_of_nodes(), len(ref["nodes"]))
assert g.number_of_edges() == len(ref["links"]), (g.number_of_edges(), len(ref["links"]))
for n in ref["nodes"]:
    got = dict(g.nodes[n["id"]])
    assert got.pop("label") is not None and got.pop("color").startswith("#")
    # XML 1.0 cannot hold C0 controls but tab, LF and CR: U+FFFD (said on stderr).
    fix = lambda s: "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" else c for c in s)
    want = {k: (fix(v) if isinstance(v, str) else v if isinstance(v, (bool, int)) else json.dumps(v, separators=(",", ":"), ensure_ascii=False))
            for k, v in n.items() if k != "id" and v is not None}
    assert got == want, (n["id"], got, want)
kinds = sorted((a, b, d["kind"]) for a, b, d in g.edges(data=True))
assert kinds == sorted((l["source"], l["target"], l["kind"]) for l in ref["links"])
print("ok")
"##;
    for (name, args) in [("essay", vec![]), ("hostile", vec!["--kb", kb])] {
        let run = |format: &str| {
            let mut all = args.clone();
            all.extend(["export", "--format", format]);
            stdout_of(&all)
        };
        let graphml = run("graphml");
        assert_eq!(run("graphml"), graphml, "deterministic");
        let gfile = dir.join(format!("{name}.graphml"));
        let jfile = dir.join(format!("{name}.json"));
        std::fs::write(&gfile, &graphml).unwrap();
        std::fs::write(&jfile, run("json")).unwrap();
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(&gfile)
            .arg(&jfile)
            .output()
            .expect("python3 with networkx: CI must install it (.ci/run does)");
        assert!(
            out.status.success() && out.stdout == b"ok\n",
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn graphml_export_is_valid_against_the_graphml_structure() {
    if !needs(
        "python3 with xmlschema is not installed (pip install xmlschema)",
        python_module("xmlschema"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with xmlschema is missing: CI must install it (.ci/run does)"
    );
    let xsd = fixture("graphml/graphml-structure.xsd");
    let dir = tmpdir("graphml-xsd");
    let hostile = dir.join("hostile.ron");
    std::fs::write(&hostile, argkb::model::synth::hostile(9)).unwrap();
    let validate = |file: &Path| {
        Command::new("python3")
            .args([
                "-c",
                "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('valid')",
            ])
            .arg(&xsd)
            .arg(file)
            .output()
            .unwrap()
    };
    let mut exported = Vec::new();
    for (name, kb) in [
        ("essay", None),
        ("minimal", Some(fixture("good/minimal.ron"))),
        ("hostile", Some(hostile.clone())),
    ] {
        let file = dir.join(format!("{name}.graphml"));
        let mut cmd = argkb();
        if let Some(kb) = &kb {
            cmd.arg("--kb").arg(kb);
        }
        cmd.args(["export", "--format", "graphml", "-o"])
            .arg(&file)
            .assert()
            .success();
        let out = validate(&file);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        exported.push(file);
    }
    // The schema is no rubber stamp: a data element naming no key, and an
    // edge to no node, are refused.
    let text = std::fs::read_to_string(&exported[1]).unwrap();
    for (what, broken) in [
        (
            "unknown key",
            text.replacen("<data key=\"n_kind\">", "<data key=\"n_nothing\">", 1),
        ),
        (
            "dangling edge",
            text.replacen("target=\"c3\"", "target=\"nowhere\"", 1),
        ),
        // Ids are name tokens, as the official schema types them: the
        // `/`-joined edge ids argkb once wrote are refused.
        (
            "an edge id that is no NMTOKEN",
            text.replacen("\u{b7}supports\u{b7}", "/supports/", 1),
        ),
    ] {
        assert_ne!(broken, text, "{what}: the edit applies");
        let file = dir.join("broken.graphml");
        std::fs::write(&file, broken).unwrap();
        assert!(!validate(&file).status.success(), "{what} is refused");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
