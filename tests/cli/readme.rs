//! The README's examples: every command runs in a fresh clone and prints
//! what the README shows.

use super::*;

/// Every `$ argkb …` example in the README's console blocks prints what the
/// README shows (examples elided with `…` are skipped; `| head -N` and
/// `| tail -n N` are applied here; other pipes are skipped).
/// Every `$ argkb` line of the README runs as written in a fresh clone:
/// it names no file the clone does not hold (the essay's text beside it,
/// a user's own files), other than one an earlier line writes with `-o`.
/// What needs more is said in prose, not shown as a command.
/// `cmd` split as a shell splits it, for the README's examples: at
/// whitespace outside single quotes, the quotes removed.
fn shell_words(cmd: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in cmd.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn readme_commands_run_in_a_fresh_clone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let tracked = String::from_utf8(
        Command::new("git")
            .args(["ls-files"])
            .current_dir(root)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
    )
    .unwrap();
    let in_clone = |p: &str| {
        let p = p.trim_end_matches('/');
        if tracked.is_empty() {
            // Not a git checkout: the working tree stands for the clone.
            return !p.starts_with("../") && root.join(p).exists();
        }
        tracked
            .lines()
            .any(|f| f == p || f.starts_with(&format!("{p}/")))
    };
    let mut written: Vec<String> = Vec::new();
    let mut checked = 0;
    for line in readme.lines() {
        let Some(cmd) = line.strip_prefix("$ argkb") else {
            continue;
        };
        let cmd = match cmd.find("  #") {
            Some(at) => &cmd[..at],
            None => cmd,
        };
        let words: Vec<&str> = cmd.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let w = w.trim_matches(['\'', '"']);
            let is_output = i > 0 && words[i - 1] == "-o";
            if is_output {
                written.push(w.to_string());
                continue;
            }
            let looks_like_path = w.contains('/')
                || [".ron", ".json", ".txt", ".rq", ".argdown"]
                    .iter()
                    .any(|e| w.ends_with(e));
            if !looks_like_path || w.starts_with("http") || w.starts_with('-') {
                continue;
            }
            if in_clone(w) || written.iter().any(|o| o == w) {
                continue;
            }
            panic!(
                "README line `$ argkb{cmd}` names `{w}`, which a fresh clone does not hold: it fails there (exit 2)"
            );
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} README lines checked");
}

#[test]
fn readme_examples_are_current() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut checked = 0;
    let mut in_console = false;
    let mut examples: Vec<(String, String)> = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_console = true;
            continue;
        }
        if line.starts_with("```") {
            in_console = false;
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            // A trailing `# …` comment says what the line needs; it is not
            // part of the command.
            let cmd = match cmd.find("  #") {
                Some(at) => cmd[..at].trim_end(),
                None => cmd,
            };
            examples.push((cmd.to_string(), String::new()));
        } else if let Some((_, out)) = examples.last_mut() {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (cmd, expected) in examples {
        let expected = expected.trim_end_matches('\n').to_string() + "\n";
        if expected.contains('…') || expected.trim().is_empty() {
            continue;
        }
        let (cmd, filter) = match cmd.split_once(" | ") {
            None => (cmd.as_str(), None),
            Some((c, f)) => (c, Some(f.to_string())),
        };
        // Words as a shell splits them: a '…' quoted argument is one word.
        let words = shell_words(cmd);
        assert_eq!(words[0], "argkb", "{cmd}");
        // A time limit, so that an example that never ends fails instead
        // of hanging the suite.
        let out = argkb()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&words[1..])
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        let mut text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        match filter.as_deref() {
            None => {}
            Some(f) if f.starts_with("head -") => {
                let n: usize = f.trim_start_matches("head -").parse().unwrap();
                text = text.lines().take(n).map(|l| format!("{l}\n")).collect();
            }
            Some(f) if f.starts_with("tail -n ") => {
                let n: usize = f.trim_start_matches("tail -n ").parse().unwrap();
                let lines: Vec<&str> = text.lines().collect();
                text = lines[lines.len().saturating_sub(n)..]
                    .iter()
                    .map(|l| format!("{l}\n"))
                    .collect();
            }
            Some(_) => continue,
        }
        let text: String = text
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        assert_eq!(text, expected, "README example `{cmd}` is out of date");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} README examples checked");
}
