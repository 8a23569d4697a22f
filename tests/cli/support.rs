//! Shared helpers: running `argkb`, fixtures and temporary folders, the
//! probes for outside tools (Graphviz, Python modules, the Argdown CLI,
//! Chromium), which say loudly when one is missing and fail under CI.

use super::*;

pub fn argkb() -> Cmd {
    let mut cmd = assert_cmd::cargo_bin_cmd!("argkb");
    cmd.env("NO_COLOR", "1").arg("--color").arg("never");
    cmd
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A fresh directory for one test. A directory of the same name can only
/// be left over from an earlier run whose process had the same id (ids
/// are reused): it is removed first, or its files would be found as this
/// run's (`import` refuses to write over them).
pub fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argkb-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn stdout_of(args: &[&str]) -> String {
    let out = argkb().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `cmd` with `input` on its standard input; its output.
pub fn piped(cmd: &mut Command, input: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// The `id` of each object in a JSON array, in order.
pub fn ids_of(array: &serde_json::Value) -> Vec<String> {
    array
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|n| n["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Runs `check` on a fixture that must fail, and returns stderr.
pub fn check_fails(rel: &str) -> String {
    let out = argkb()
        .arg("--kb")
        .arg(fixture(rel))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{rel}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn assert_all_in(err: &str, needles: &[&str]) {
    for needle in needles {
        assert!(err.contains(needle), "missing `{needle}`\n{err}");
    }
}

pub fn source_fixture(kb: &str) -> (PathBuf, PathBuf) {
    (
        fixture(&format!("source/{kb}.ron")),
        fixture("source/text.txt"),
    )
}

/// Whether Graphviz is installed. Tests that only partly need it run the
/// rest without it (and say so on stderr); tests that wholly need it are
/// marked ignored by build.rs instead. Under CI a missing `dot` fails.
/// Whether an outside tool a test needs is here. When it is not, the
/// test says so loudly on stderr and stops (outside CI), or fails (under
/// CI, where .ci/run installs every tool): a missing validator never passes
/// in silence. The probe runs when the test does, not in a build script,
/// so installing a tool changes no build.
pub fn needs(what: &str, present: bool) -> bool {
    use std::io::Write as _;
    if present {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none_or(|v| v.is_empty()),
        "{what}: CI must install it (.ci/run does)"
    );
    // Written to the stderr handle, not through `eprintln!`, so that the
    // test harness does not capture it: the skip shows in every run.
    let _ = writeln!(
        std::io::Write::by_ref(&mut std::io::stderr()),
        "SKIPPED (not run, not passed): {what}"
    );
    false
}

/// Whether python3 can import `module`.
pub fn python_module(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the Argdown CLI is where `argdown_cli` looks for it.
pub fn argdown_present() -> bool {
    Command::new(argdown_cli())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether headless Chromium and playwright-core (which drives it) are here.
pub fn chromium_present() -> bool {
    let chromium = std::env::var("ARGKB_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    Path::new(&chromium).exists() && playwright().is_some()
}

pub fn have_dot() -> bool {
    use std::io::Write as _;
    let ok = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI must install Graphviz"
    );
    if !ok {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED (not run, not passed): Graphviz `dot` is not installed"
        );
    }
    ok
}

pub fn q(args: &[&str]) -> String {
    let kb = fixture("good/queries.ron");
    let mut all = vec!["--kb", kb.to_str().unwrap()];
    all.extend_from_slice(args);
    stdout_of(&all)
}

pub fn qjson(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&q(&all)).unwrap()
}

pub fn q_fails(args: &[&str], code: i32, message: &str) {
    argkb()
        .arg("--kb")
        .arg(fixture("good/queries.ron"))
        .args(args)
        .assert()
        .code(code)
        .stdout("")
        .stderr(contains(message));
}

/// The Argdown CLI: installed by .ci/run under target/argdown, named by
/// $ARGKB_ARGDOWN, or on PATH.
pub fn argdown_cli() -> PathBuf {
    let local =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/argdown/node_modules/.bin/argdown");
    if let Some(p) = std::env::var_os("ARGKB_ARGDOWN") {
        return PathBuf::from(p);
    }
    if local.exists() {
        return local;
    }
    PathBuf::from("argdown")
}

/// Where the browser tests find playwright-core: `target/browser` (where
/// .ci/run installs it) or `$ARGKB_PLAYWRIGHT` (a package.json beside its
/// node_modules).
pub fn playwright() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARGKB_PLAYWRIGHT") {
        return Some(PathBuf::from(p));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser/package.json");
    local
        .parent()
        .unwrap()
        .join("node_modules/playwright-core")
        .exists()
        .then_some(local)
}

/// The grounded label of each node, from `eval --format json`.
pub fn grounded_labels(args: &[&str]) -> BTreeMap<String, String> {
    eval_labels(args, &[])
}

/// The label of each node from `eval --format json`, with `args` before
/// the command and `options` after it.
pub fn eval_labels(args: &[&str], options: &[&str]) -> BTreeMap<String, String> {
    let mut all = args.to_vec();
    all.push("eval");
    all.extend(options);
    all.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&all)).unwrap();
    json["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A test SPARQL endpoint and Graph Store (tests/support/sparql_endpoint.py,
/// pyoxigraph behind Python's HTTP server) on a free loopback port,
/// stopped when dropped.
pub struct PythonEndpoint {
    child: std::process::Child,
    port: u16,
}

impl PythonEndpoint {
    /// The URL of `path` (`query`, `store`, `slow`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

impl Drop for PythonEndpoint {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the test endpoint, holding `data` (N-Quads) or nothing; `None`
/// (said loudly; a failure under CI) when pyoxigraph is missing.
pub fn python_endpoint(data: Option<&Path>) -> Option<PythonEndpoint> {
    use std::io::BufRead;
    if !needs(
        "python3 with pyoxigraph is not installed (pip install pyoxigraph)",
        python_module("pyoxigraph"),
    ) {
        return None;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/sparql_endpoint.py");
    let mut cmd = Command::new("python3");
    cmd.arg(&script);
    if let Some(data) = data {
        cmd.arg(data);
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("the endpoint printed `{line}`, not its port"));
    Some(PythonEndpoint { child, port })
}
