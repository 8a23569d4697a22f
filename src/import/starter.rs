//! The starter KB `argkb init` writes: a valid KB with the author, the
//! source (when a text is given) and commented examples of every kind of
//! entry, and the text's body paragraphs as comments, sentence by
//! sentence, so curation starts from the text.
//!
//! Every string reaches the RON through `synth::ron_string` (the `ron`
//! serializer's quoting), and every line of the text reaches a comment with
//! its line breaks removed, so the starter always parses.

use std::fmt::Write as _;

use crate::model::synth::ron_string;
use crate::provenance::SourceDoc;

/// What the starter KB is built from.
#[derive(Debug, Clone, Default)]
pub struct Starter<'a> {
    /// The KB's title (the text's first line, or a placeholder).
    pub title: String,
    /// The source text, cut into body paragraphs, and the path the KB
    /// should name for it (relative to the KB file).
    pub source: Option<(&'a SourceDoc, String)>,
}

/// Comment text on one line: line breaks and other control characters
/// become spaces, so nothing can end the comment early.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The starter KB as RON text.
pub fn starter(s: &Starter<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// A new argkb KB. Format: docs/FORMAT.md; how to encode a text: docs/MODELING.md."
    );
    let _ = writeln!(
        out,
        "// Check it with `argkb --kb THIS-FILE check` as you go."
    );
    out.push_str("KnowledgeBase(\n    meta: Meta(\n");
    let _ = writeln!(out, "        title: {},", ron_string(&s.title));
    if let Some((doc, path)) = &s.source {
        out.push_str(
            "        source: Source(\n            id: \"text\",\n            author: \"author\",\n",
        );
        let _ = writeln!(out, "            text: {},", ron_string(path));
        if let (Some(first), Some(last)) = (doc.paragraphs.first(), doc.paragraphs.last()) {
            let words = |t: &str| t.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            let _ = writeln!(
                out,
                "            // Narrow the body to the paragraphs that are the text (leave out headers, credits):\n            body: Body(first: {}, last: {}),",
                ron_string(&words(&first.text)),
                ron_string(&words(&last.text))
            );
        }
        out.push_str("        ),\n");
    }
    out.push_str(
        "        // thesis: \"<id of the claim or recommendation the text argues for>\",\n    ),\n",
    );
    if s.source.is_some() {
        out.push_str("    actors: [\n        Actor(id: \"author\", name: \"The author\", kind: Author),\n    ],\n");
    } else {
        out.push_str("    actors: [\n        // Actor(id: \"council\", name: \"City council\", kind: Organisation),\n    ],\n");
    }
    out.push_str("    claims: [\n");
    out.push_str("        // Claim(id: \"short-name\", kind: Assessment, para: 1,\n        //       text: \"The claim in your own words\", quote: \"the shortest verbatim span\"),\n");
    out.push_str("        // Reported speech: add `speaker: \"<actor>\", stance: Endorses | Concedes | Rejects | Relays`.\n");
    out.push_str("        // An unstated premise: `implicit: true` and no quote.\n");
    out.push_str("    ],\n    recommendations: [\n");
    out.push_str("        // Recommendation(id: \"do-x\", para: 1, text: \"X should be done\", quote: \"…\"),\n");
    out.push_str("    ],\n    arguments: [\n");
    out.push_str(
        "        // Argument(id: \"arg-x\", premises: [\"a\", \"b\"], conclusion: \"c\"),\n",
    );
    out.push_str("    ],\n    relations: [\n");
    out.push_str("        // Supports(\"a\", \"c\"), Attacks(\"d\", \"c\"), Undercuts(\"e\", \"arg-x\"),\n        // Asserts(\"<actor>\", \"a\"), AddressedTo(\"do-x\", \"<actor>\"),\n");
    out.push_str("    ],\n");
    if let Some((doc, _)) = &s.source {
        out.push_str(
            "    // The body of the text, paragraph by paragraph. Encode each sentence as\n",
        );
        out.push_str(
            "    // a node, or list it here with a reason (`argkb coverage` tracks which).\n",
        );
        out.push_str("    omitted: [\n");
        for p in &doc.paragraphs {
            let _ = writeln!(out, "        // ¶{}", p.number);
            for r in &p.sentences {
                let _ = writeln!(out, "        //   {}", comment(&p.text[r.clone()]));
            }
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;
    use crate::sys::input::SourceText;

    #[test]
    fn the_starter_is_a_valid_kb_with_or_without_a_text() {
        let plain = starter(&Starter {
            title: "My \"argument\" \\ here".into(),
            source: None,
        });
        let loaded = load_text(SourceText::new("new.ron", plain)).unwrap();
        assert_eq!(loaded.graph.meta.title, "My \"argument\" \\ here");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let text = SourceText::new(
            "t.txt",
            "Title\n\nFirst para. Second sentence */ ) here.\n\nLast para.\n",
        );
        let doc = SourceDoc::parse(&text, None).unwrap();
        let with = starter(&Starter {
            title: "Title".into(),
            source: Some((&doc, "t.txt".into())),
        });
        assert!(with.contains("//   Second sentence */ ) here."), "{with}");
        let loaded = load_text(SourceText::new("new.ron", with)).unwrap();
        assert_eq!(loaded.graph.sources.len(), 1);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }
}
