//! `argkb export`: node-link JSON and the output files' safety (never over a
//! KB, never half-written, a closed pipe is no error).

use super::*;

#[test]
fn json_export_is_node_link_and_byte_identical_across_runs() {
    let a = stdout_of(&["export", "--format", "json"]);
    let b = stdout_of(&["export", "--format", "json"]);
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    assert_eq!(
        v["nodes"].as_array().unwrap().len() as u64,
        stats["nodes"].as_u64().unwrap()
    );
    assert_eq!(
        v["links"].as_array().unwrap().len() as u64,
        stats["links"].as_u64().unwrap()
    );
    let ids = ids_of(&v["nodes"]);
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "nodes sorted by id");
    let kinds: std::collections::BTreeSet<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["actor", "argument", "claim", "conflict", "recommendation"]
    );
}

#[test]
fn json_export_writes_a_file_and_never_the_kb() {
    let dir = tmpdir("export");
    let out = dir.join("kb.json");
    argkb()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["export"])
    );
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    argkb()
        .arg("--kb")
        .arg(&kb)
        .args(["export", "-o"])
        .arg(&kb)
        .assert()
        .code(2)
        .stderr(contains("argkb never overwrites a KB file"));
    assert_eq!(std::fs::read(&kb).unwrap(), before);
    // Nor any other .ron file, e.g. the source of the built-in KB.
    let other = dir.join("other.RON");
    std::fs::write(&other, "keep me").unwrap();
    argkb()
        .args(["export", "--format", "dot", "-o"])
        .arg(&other)
        .assert()
        .code(2)
        .stderr(contains("never overwrites a KB file"));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Standard output that is the KB being read (`>> kb.ron`, `1<> kb.ron`)
/// is refused before anything is written, for every command (and for
/// `import`, its input map).
/// User text echoed by a diagnostic is cut, however long: a 20,000-char
/// source id named by 100 claims, an unknown warning of 20,000 chars.
#[test]
fn diagnostics_never_echo_user_text_unabridged() {
    let dir = tmpdir("long-echo");
    let sid = "s".repeat(20_000);
    let claims: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"Claim(id: "c{i}", kind: Fact, text: "t", source: "{sid}", para: 1, quote: "q")"#
            )
        })
        .collect();
    let long = dir.join("long.ron");
    std::fs::write(
        &long,
        format!(
            r#"KnowledgeBase(meta: Meta(title: "t"), claims: [{}])"#,
            claims.join(",\n")
        ),
    )
    .unwrap();
    let warn = dir.join("warn.ron");
    std::fs::write(
        &warn,
        format!(
            r#"KnowledgeBase(meta: Meta(title: "t"), claims: [Claim(id: "a", kind: Fact, text: "t", allow: ["{}"])])"#,
            "w".repeat(20_000)
        ),
    )
    .unwrap();
    for (kb, code) in [(&long, "unknown-source"), (&warn, "unknown-warning")] {
        let out = argkb()
            .arg("--kb")
            .arg(kb)
            .args(["check", "--max-errors", "0"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("error[{code}]")), "{code}");
        assert!(
            err.lines().all(|l| l.chars().count() < 1_200),
            "{code}: a line of {} chars",
            err.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        );
        assert!(err.len() < 200_000, "{code}: {} bytes", err.len());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Standard input that is no KB at all (`< /dev/zero`) is refused at its
/// first NUL byte, not read to the size limit.
#[test]
fn binary_standard_input_is_refused_at_once() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["--kb", "-", "check"])
        .stdin(zero)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`<stdin>` holds a NUL byte at byte 0"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn standard_output_into_the_file_being_read_is_refused() {
    let dir = tmpdir("stdout-alias");
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    for args in [&["export"][..], &["list"], &["why", "x"], &["check"]] {
        let append = std::fs::OpenOptions::new().append(true).open(&kb).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("--kb")
            .arg(&kb)
            .args(args)
            .stdout(append)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("standard output is"),
            "{args:?}"
        );
        assert_eq!(std::fs::read(&kb).unwrap(), before, "{args:?}");
    }
    let map = dir.join("map.json");
    std::fs::copy(fixture("aif-araucaria/nodeset118.json"), &map).unwrap();
    let original = std::fs::read(&map).unwrap();
    let append = std::fs::OpenOptions::new().append(true).open(&map).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["import", "aif"])
        .arg(&map)
        .stdout(append)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&map).unwrap(), original);
    // Any other file is fine.
    let other = std::fs::File::create(dir.join("answer.json")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .arg("--kb")
        .arg(&kb)
        .arg("export")
        .stdout(other)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exports_never_reach_a_kb_through_links_or_stdin() {
    let dir = tmpdir("links");
    let kb = dir.join("kb.ron");
    std::fs::copy(fixture("good/minimal.ron"), &kb).unwrap();
    let before = std::fs::read(&kb).unwrap();
    // A hard link to the KB, under a name that is not .ron.
    let hard = dir.join("hard.json");
    std::fs::hard_link(&kb, &hard).unwrap();
    // A symlink to another .ron file.
    let other = dir.join("other.ron");
    std::fs::write(&other, "keep me").unwrap();
    let soft = dir.join("soft.dot");
    std::os::unix::fs::symlink(&other, &soft).unwrap();
    for target in [&hard, &soft] {
        argkb()
            .arg("--kb")
            .arg(&kb)
            .args(["export", "-o"])
            .arg(target)
            .assert()
            .code(2)
            .stderr(contains("never overwrites a KB file"));
    }
    // The KB redirected to standard input (`< kb.ron`), -o naming it.
    let out = Command::new(env!("CARGO_BIN_EXE_argkb"))
        .args(["--color", "never", "--kb", "-", "export", "-o"])
        .arg(&hard)
        .stdin(std::fs::File::open(&kb).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites a KB file"));
    assert_eq!(std::fs::read(&kb).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A format taken from the output file's extension is one the command
/// writes: `export -o map.svg` does not write JSON into a .svg file, and
/// `render -o map.json` does not write SVG into a .json one. Nothing is
/// written; the error names the formats and the other command.
#[test]
fn an_extension_names_a_format_the_command_writes_or_is_refused() {
    let tmp = tmpdir("extension");
    for (cmd, file, hint) in [
        ("export", "map.svg", "argkb render -o FILE.svg"),
        ("export", "map.png", "argkb render -o FILE.png"),
        ("export", "map.pdf", "argkb render -o FILE.pdf"),
        ("export", "map.xyz", "it writes json, dot, argdown"),
        ("render", "map.jpg", "it writes svg, png, pdf, html"),
        ("render", "map.gif", "it writes svg, png, pdf, html"),
        ("render", "map.json", "argkb export -o FILE.json"),
        ("render", "map.dot", "argkb export -o FILE.dot"),
        ("render", "map.xyz", "it writes svg, png, pdf, html"),
    ] {
        let path = tmp.join(file);
        argkb()
            .args([cmd, "-o"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(format!("does not write `.{}` files", &file[4..])))
            .stderr(contains(hint));
        assert!(!path.exists(), "{cmd} -o {file} wrote a file");
    }
    // An explicit format, or a file without an extension, is written as asked.
    let data = tmp.join("graph.data");
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&data)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&data).unwrap().starts_with('{'));
    let plain = tmp.join("graph");
    argkb()
        .args(["export", "-o"])
        .arg(&plain)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('{'));
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// SIGINT, SIGTERM or SIGHUP while `export -o` writes removes the hidden
/// temporary beside the target: nothing partial is left behind, and the
/// process ends by the signal.
#[test]
#[cfg(unix)]
fn an_interrupted_export_leaves_no_temporary() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tmpdir("interrupted");
    let kb = dir.join("big.ron");
    std::fs::write(&kb, argkb::model::synth::essay_like(200_000, 7)).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argkb"))
            .arg("--kb")
            .arg(&kb)
            .args(["export", "--format", "dot", "-o"])
            .arg(out_dir.join("map.dot"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let temporary = || {
            std::fs::read_dir(&out_dir)
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        };
        let started = std::time::Instant::now();
        while !temporary() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the export ended before its temporary file was seen"
            );
            assert!(
                started.elapsed().as_secs() < 120,
                "no temporary file appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // SAFETY: signalling our own child process.
        unsafe {
            libc::kill(child.id() as libc::pid_t, sig);
        }
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(sig), "{status:?}");
        let left: Vec<_> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "signal {sig} left {left:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary() {
    let dir = tmpdir("atomic");
    let out = dir.join("map.svg");
    std::fs::write(&out, "old picture").unwrap();
    // `dot` that fails: render must not touch the existing output.
    argkb()
        .env("ARGKB_DOT", "false")
        .args(["render", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old picture");
    // A successful export replaces it whole; no temporary file is left.
    // (The format is named: a .svg file is not one `export` writes.)
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("map.svg")]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_export_loads_in_networkx_when_available() {
    if !needs(
        "python3 with networkx is not installed (pip install networkx)",
        python_module("networkx"),
    ) {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    assert!(
        matches!(probe, Ok(ref o) if o.status.success()),
        "python3 with networkx is missing: CI must install it (.ci/run does)"
    );
    let json = stdout_of(&["export", "--format", "json"]);
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).unwrap();
    let script = r#"
import json, sys, networkx as nx
g = nx.node_link_graph(json.load(sys.stdin), edges="links")
print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.is_multigraph())
"#;
    let out = piped(Command::new("python3").args(["-c", script]), &json);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{} {} True True", stats["nodes"], stats["links"])
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("argkb");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' export --format json | head -c 10; exit ${{PIPESTATUS:-0}}",
            bin.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"{\n  \"direc");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "stderr: {err}");
    // The writer side itself must exit 0 on EPIPE.
    let mut child = Command::new(bin)
        .args(["export", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_format_follows_the_file_extension_and_a_mismatch_is_refused() {
    let dir = tmpdir("ext");
    let dot = dir.join("map.dot");
    argkb().args(["export", "-o"]).arg(&dot).assert().success();
    assert!(
        std::fs::read_to_string(&dot)
            .unwrap()
            .contains("digraph \"argkb\"")
    );
    let json = dir.join("map.json");
    argkb().args(["export", "-o"]).arg(&json).assert().success();
    assert!(std::fs::read_to_string(&json).unwrap().starts_with('{'));
    argkb()
        .args(["export", "--format", "json", "-o"])
        .arg(&dot)
        .assert()
        .code(2)
        .stderr(contains(
            "--format json does not match the output file's extension `.dot`",
        ));
    argkb()
        .args(["render", "--format", "svg", "-o"])
        .arg(dir.join("map.png"))
        .assert()
        .code(2)
        .stderr(contains(
            "does not match the output file's extension `.png`",
        ));
    if have_dot() {
        let png = dir.join("map.png");
        argkb().args(["render", "-o"]).arg(&png).assert().success();
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "render -o x.png writes PNG");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
