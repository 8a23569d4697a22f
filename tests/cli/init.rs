//! `argkb init`: the starter KB.

use super::*;

#[test]
fn init_writes_a_starter_kb_from_a_text_and_never_over_a_file() {
    let dir = tmpdir("init");
    let text = dir.join("op-ed.txt");
    std::fs::write(
        &text,
        "An Op-Ed\n\nFirst point. Second point.\n\nThe end.\n",
    )
    .unwrap();
    let kb = dir.join("kb.ron");
    argkb()
        .args(["init", "--source"])
        .arg(&text)
        .arg("-o")
        .arg(&kb)
        .assert()
        .success();
    let starter = std::fs::read_to_string(&kb).unwrap();
    assert!(starter.contains("title: \"An Op-Ed\""), "{starter}");
    assert!(starter.contains("text: \"op-ed.txt\""), "{starter}");
    assert!(starter.contains("//   Second point."), "{starter}");
    // It checks, and coverage finds the text through its path.
    argkb().arg("--kb").arg(&kb).arg("check").assert().success();
    let cov = stdout_of(&["--kb", kb.to_str().unwrap(), "coverage"]);
    assert!(cov.contains("uncovered: Second point."), "{cov}");
    argkb()
        .args(["init", "-o"])
        .arg(&kb)
        .assert()
        .code(2)
        .stderr(contains("never writes over a file"));
    assert_eq!(std::fs::read_to_string(&kb).unwrap(), starter);
    std::fs::remove_dir_all(&dir).unwrap();
}
