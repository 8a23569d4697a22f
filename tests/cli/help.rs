//! Help, man pages, completions, `explain` and usage errors.

use super::*;

/// A bad `ARGKB_KB` is reported with the variable's name; the hidden `ids`
/// subcommand (which bash completion calls) is offered by no completion
/// script.
#[test]
fn the_environment_and_completions_say_what_they_are() {
    argkb()
        .env("ARGKB_KB", "/no/such/kb.ron")
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains(
            "the environment variable ARGKB_KB names `/no/such/kb.ron`",
        ));
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("weak-points"), "{shell}");
        for offered in ["'ids:", ",ids)", "-a \"ids\""] {
            assert!(
                !script.contains(offered),
                "{shell} offers `ids` ({offered})"
            );
        }
        for line in script
            .lines()
            .filter(|l| l.trim_start().starts_with("opts="))
        {
            assert!(
                !line.split_whitespace().any(|w| w == "ids"),
                "{shell}: {line}"
            );
        }
    }
    // bash still completes node ids through it.
    assert!(stdout_of(&["completions", "bash"]).contains("\"${kb[@]}\" ids"));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    argkb()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("deny-warnings"))
        .stdout(contains("export"));
    argkb()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH argkb 1"))
        .stdout(contains("\\-\\-kb"));
}

#[test]
fn usage_errors_exit_2() {
    argkb().arg("frobnicate").assert().code(2);
    argkb().args(["export", "--format", "xml"]).assert().code(2);
}

#[test]
fn messages_that_used_to_mislead() {
    argkb()
        .args(["rank", "--top", "0"])
        .assert()
        .code(2)
        .stderr(contains("invalid value '0' for '--top <N>'"));
    argkb()
        .args(["neighbors", "china", "--depth", "0"])
        .assert()
        .code(2)
        .stderr(contains("invalid value '0' for '--depth <N>'"));
    argkb()
        .args(["show", "fed-up"])
        .assert()
        .code(1)
        .stderr(contains("ids containing it: `china-fed-up`"));
    argkb()
        .args(["show", "zzzq"])
        .assert()
        .code(1)
        .stderr(contains("`argkb search zzzq`"));
    argkb()
        .args(["path", "us-can-influence-china", "times-changing", "--rel", "supports"])
        .assert()
        .code(1)
        .stderr(contains(
            "relations run the other way: `argkb path times-changing us-can-influence-china` finds a chain",
        ));
}

#[test]
fn help_man_pages_and_notes_explain_themselves() {
    let help = stdout_of(&["neighbors", "--help"]);
    assert!(help.contains("Global options:"), "{help}");
    assert!(help.contains("<ID>\n          The node's id"), "{help}");
    assert!(
        help.contains("[possible values: supports, attacks, undercuts"),
        "{help}"
    );
    let page = stdout_of(&["man", "why"]);
    assert!(page.contains(".TH argkb-why 1"), "{page}");
    argkb()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(contains("no subcommand `nope`"));
    let out = argkb().args(["rank", "--top", "2"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("rank  rest on it  id"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the thesis rest on nothing below them"));
    let neighbors = stdout_of(&["neighbors", "times-changing"]);
    assert!(neighbors.starts_with("dist  reached by"), "{neighbors}");
    // JSON nodes carry `subkind`, as the README says.
    let list: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "list",
        "--kind",
        "prediction",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|n| n["subkind"] == "prediction")
    );
}

#[test]
fn bash_completion_offers_relation_kinds_and_node_ids() {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_argkb")).parent().unwrap();
    let script = |words: &str, cword: usize, cur: &str, prev: &str| {
        format!(
            "export PATH={}:$PATH; source <(argkb completions bash); COMP_WORDS=({words}); COMP_CWORD={cword}; _argkb_with_ids argkb '{cur}' '{prev}'; echo \"${{COMPREPLY[@]}}\"",
            bin_dir.display()
        )
    };
    let run = |s: String| {
        let out = Command::new("bash").arg("-c").arg(s).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let ids = run(script("argkb why china-f", 2, "china-f", "why"));
    assert_eq!(ids.trim(), "china-fears-collapse china-fed-up");
    let kinds = run(script("argkb export --rel su", 3, "su", "--rel"));
    assert_eq!(kinds.trim(), "supports");
    // Ids come from the KB named on the line.
    let tram = fixture("good/tram.ron");
    let ids = run(script(
        &format!("argkb --kb {} show bu", tram.display()),
        4,
        "bu",
        "show",
    ));
    assert_eq!(ids.trim(), "build-tram");
    // A closed pipe is not an error.
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' completions bash | head -1",
            env!("CARGO_BIN_EXE_argkb")
        ))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn subcommand_help_and_man_pages_carry_examples() {
    let help = stdout_of(&["why", "--help"]);
    assert!(
        help.contains("Examples:\n  argkb why strategic-reengagement"),
        "{help}"
    );
    let page = stdout_of(&["man", "export"]);
    assert!(
        page.contains(".SH EXTRA") && page.contains("argkb export \\-o map.json"),
        "{page}"
    );
}

#[test]
fn explain_gives_the_long_form_of_every_code_diagnostics_show() {
    let list = stdout_of(&["explain"]);
    let listed: BTreeSet<&str> = list
        .lines()
        .map(|l| l.split_whitespace().next().expect("a code"))
        .collect();
    assert!(listed.len() >= 30, "{list}");
    // Every code the bad fixtures draw is listed and explained, also when
    // given as the diagnostic shows it (`error[unknown-id]`).
    let mut drawn = BTreeSet::new();
    for entry in std::fs::read_dir(fixture("bad")).unwrap() {
        let path = entry.unwrap().path();
        let out = argkb()
            .arg("--kb")
            .arg(&path)
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for d in doc["diagnostics"].as_array().unwrap() {
            let severity = d["severity"].as_str().unwrap().to_string();
            drawn.insert((severity, d["code"].as_str().unwrap().to_string()));
        }
    }
    assert!(drawn.len() >= 15, "{drawn:?}");
    for (severity, code) in &drawn {
        assert!(listed.contains(code.as_str()), "{code} is not listed");
        let page = stdout_of(&["explain", &format!("{severity}[{code}]")]);
        assert!(page.starts_with(&format!("{severity}[{code}]: ")), "{page}");
        assert!(page.contains("Fix:"), "{page}");
    }
    argkb()
        .args(["explain", "unknwn-id"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("did you mean `unknown-id`?"));
}
