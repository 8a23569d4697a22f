//! `argkb watch` and the explorer page in headless Chromium.

use super::*;

#[test]
fn explorer_works_in_headless_chromium() {
    if !needs(
        "headless Chromium or playwright-core is missing (apt-get install chromium; npm install --prefix target/browser playwright-core)",
        chromium_present(),
    ) {
        return;
    }
    let chromium = std::env::var("ARGKB_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let pw = playwright();
    assert!(
        Path::new(&chromium).exists() && pw.is_some() && have_dot(),
        "Chromium ({chromium}), playwright-core (target/browser) and Graphviz are needed: CI installs them (.ci/run)"
    );
    let essay_text = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essay/essay.txt");
    assert!(essay_text.exists(), "the essay's text lives in ../shared");
    let dir = tmpdir("explorer");
    let page = |kb: Option<&Path>, extra: &[&str], name: &str| -> PathBuf {
        let file = dir.join(name);
        let mut cmd = argkb();
        if let Some(kb) = kb {
            cmd.arg("--kb").arg(kb);
        }
        cmd.args(["export", "--format", "html", "-o"])
            .arg(&file)
            .args(extra)
            .assert()
            .success();
        file
    };
    let essay = page(
        None,
        &["--text", essay_text.to_str().unwrap()],
        "essay.html",
    );
    let hostile = page(Some(&fixture("good/hostile-html.ron")), &[], "hostile.html");
    let large_kb = dir.join("large.ron");
    std::fs::write(&large_kb, argkb::model::synth::essay_like(400, 3)).unwrap();
    let large = page(Some(&large_kb), &[], "large.html");
    // The screenshot is kept as the test's artefact.
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("explorer");
    std::fs::create_dir_all(&artefacts).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/explorer.mjs");
    let out = Command::new("node")
        .arg(&script)
        .args([&essay, &hostile, &large, &artefacts])
        .env("ARGKB_PLAYWRIGHT", pw.unwrap())
        .env("ARGKB_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "browser checks failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let m: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert!(m["large_nodes"].as_u64().unwrap() >= 300, "{m}");
    assert!(artefacts.join("explorer-essay.png").exists());
    // Measurements, for docs (not asserted: timing belongs to benchmarks).
    eprintln!("explorer measurements: {m}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Polls `cond` every 50 ms for up to 15 s.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "timed out waiting: {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_edits_and_keeps_the_last_good_output() {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    let dir = tmpdir("watch");
    let kb = dir.join("kb.ron");
    let map = dir.join("map.json");
    let original = std::fs::read_to_string(fixture("good/minimal.ron")).unwrap();
    std::fs::write(&kb, &original).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("argkb"))
        .args(["--color", "never", "--kb"])
        .arg(&kb)
        .args(["watch", "-o"])
        .arg(&map)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let reader = {
        let log = Arc::clone(&log);
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let text = || std::fs::read_to_string(&map).unwrap_or_default();
    let logged = |s: &str| log.lock().unwrap().matches(s).count();
    eventually("the first build", || logged("watch: wrote") == 1);
    assert!(text().contains("\"c5\"") && !text().contains("\"c6\""));
    // An edit (written the way editors save: a new file renamed over the
    // old one) is picked up.
    let edited = original.replace(
        "Claim(id: \"c5\"",
        "Claim(id: \"c6\", text: \"New\", kind: Fact, quote: \"six\", para: 3),\n        Claim(id: \"c5\"",
    );
    let tmp = dir.join("kb.ron.tmp");
    std::fs::write(&tmp, &edited).unwrap();
    std::fs::rename(&tmp, &kb).unwrap();
    eventually("the rebuild", || logged("watch: wrote") == 2);
    let good = text();
    assert!(good.contains("\"c6\""));
    assert!(
        logged("warning[isolated]: claim `c6`") >= 1,
        "warnings are shown"
    );
    // An invalid edit: the diagnostic is printed, the output kept.
    std::fs::write(&kb, edited.replace("id: \"c6\"", "id: \"c1\"")).unwrap();
    eventually("the diagnostic", || logged("the last good") == 1);
    assert!(logged("error[duplicate-id]: id `c1` is defined twice") >= 1);
    assert_eq!(text(), good, "the last good output stays");
    // Fixed again: rebuilt.
    std::fs::write(&kb, &original).unwrap();
    eventually("the rebuild after the fix", || logged("watch: wrote") == 3);
    assert!(!text().contains("\"c6\""));
    // Ctrl-C ends it cleanly.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(logged("watch: stopped") == 1);
    // Without --kb there is nothing to watch.
    argkb()
        .args(["watch", "-o"])
        .arg(dir.join("x.json"))
        .assert()
        .code(2)
        .stderr(contains("give --kb FILE"));
    argkb()
        .arg("--kb")
        .arg(&kb)
        .args(["watch", "-o", "-"])
        .assert()
        .code(2)
        .stderr(contains("give -o FILE"));
    std::fs::remove_dir_all(&dir).unwrap();
}
