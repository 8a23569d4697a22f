//! Exporter tests: snapshots per format and option set, and proof that every
//! DOT we emit is well-formed, both to an in-process parser and to Graphviz.

#[path = "support/dot_parser.rs"]
mod dot_parser;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use argkb::export::Format;
use argkb::export::dot::{ClusterBy, DotOptions, RankDir, wrap};
use argkb::graph::ArgGraph;
use argkb::graph::select::View;
use argkb::load::load;
use argkb::model::*;
use argkb::sys::input::Input;
use proptest::prelude::*;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn minimal() -> ArgGraph {
    load(&Input::File(fixture("good/minimal.ron")))
        .unwrap()
        .graph
}

fn conflicts() -> ArgGraph {
    load(&Input::File(fixture("good/conflicts.ron")))
        .unwrap()
        .graph
}

fn essay() -> ArgGraph {
    load(&Input::Builtin).unwrap().graph
}

fn export(graph: &ArgGraph, format: Format, view: &View, options: &DotOptions) -> String {
    let sel = view.select(graph).unwrap();
    let mut out = Vec::new();
    format
        .exporter(options)
        .export(graph, &sel, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn dot(graph: &ArgGraph, view: &View, options: &DotOptions) -> String {
    let text = export(graph, Format::Dot, view, options);
    check_dot(&text);
    text
}

/// Parses DOT in-process and, where Graphviz is installed, runs `dot -Tcanon`
/// and `dot -Tsvg` on it (exit 0, nothing on stderr). CI must have Graphviz.
fn check_dot(text: &str) {
    let g = dot_parser::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(g.directed);
    let mut seen = BTreeSet::new();
    let dups: Vec<&String> = g
        .nodes
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !seen.insert(*id))
        .collect();
    assert!(dups.is_empty(), "declared twice: {dups:?}");
    graphviz_accepts(text);
    graphviz_lays_out(text);
}

fn graphviz_accepts(text: &str) {
    graphviz_runs(text, "-Tcanon");
}

/// Lays the graph out for real (`-Tsvg`): catches layout failures that
/// `-Tcanon` does not reach.
fn graphviz_lays_out(text: &str) {
    graphviz_runs(text, "-Tsvg");
}

fn graphviz_runs(text: &str, flag: &str) {
    let Ok(mut child) = Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    else {
        assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz");
        eprintln!("SKIPPED the Graphviz check: `dot` is not installed");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.is_empty(),
        "dot {flag}: {err}\n{text}"
    );
}

fn everything() -> View {
    View::default()
}

// ---------------------------------------------------------------- snapshots

#[test]
fn json_minimal_snapshot() {
    insta::assert_snapshot!(export(
        &minimal(),
        Format::Json,
        &everything(),
        &DotOptions::default()
    ));
}

/// Named conflicts (an attack that is attacked) in every format that
/// draws or exchanges them: DOT (valid to Graphviz), AIF (CA-nodes, one
/// pointing at another), Argdown, GraphML and Turtle.
#[test]
fn conflicts_snapshots() {
    let g = conflicts();
    let options = DotOptions::default();
    insta::assert_snapshot!("conflicts_dot", dot(&g, &everything(), &options));
    for (name, format) in [
        ("conflicts_aif", Format::Aif),
        ("conflicts_argdown", Format::Argdown),
        ("conflicts_graphml", Format::Graphml),
        ("conflicts_turtle", Format::Turtle),
    ] {
        insta::assert_snapshot!(name, export(&g, format, &everything(), &options));
    }
}

#[test]
fn argdown_minimal_snapshot() {
    insta::assert_snapshot!(export(
        &minimal(),
        Format::Argdown,
        &everything(),
        &DotOptions::default()
    ));
}

#[test]
fn graphml_minimal_snapshot() {
    insta::assert_snapshot!(export(
        &minimal(),
        Format::Graphml,
        &everything(),
        &DotOptions::default()
    ));
}

#[test]
fn aif_minimal_snapshot() {
    insta::assert_snapshot!(export(
        &minimal(),
        Format::Aif,
        &everything(),
        &DotOptions::default()
    ));
}

#[test]
fn dot_minimal_default_snapshot() {
    insta::assert_snapshot!(dot(&minimal(), &everything(), &DotOptions::default()));
}

#[test]
fn dot_minimal_option_snapshots() {
    let g = minimal();
    let cases: Vec<(&str, View, DotOptions)> = vec![
        (
            "bt_no_legend",
            everything(),
            DotOptions {
                rankdir: RankDir::BT,
                legend: false,
                ..DotOptions::default()
            },
        ),
        (
            "cluster_paragraph",
            everything(),
            DotOptions {
                cluster_by: ClusterBy::Paragraph,
                ..DotOptions::default()
            },
        ),
        (
            "cluster_actor",
            everything(),
            DotOptions {
                cluster_by: ClusterBy::Actor,
                ..DotOptions::default()
            },
        ),
        (
            "cluster_kind",
            everything(),
            DotOptions {
                cluster_by: ClusterBy::Kind,
                ..DotOptions::default()
            },
        ),
        (
            "focus_c3_depth1",
            View {
                focus: Some(("c3".into(), 1)),
                ..View::default()
            },
            DotOptions::default(),
        ),
        (
            "no_actors_supports_only",
            View {
                no_actors: true,
                rels: vec![RelKind::Supports],
                ..View::default()
            },
            DotOptions::default(),
        ),
        (
            "highlight_c1_rec",
            everything(),
            DotOptions {
                highlight: [
                    ("c1", RelKind::Premise, "a1"),
                    ("a1", RelKind::Conclusion, "c3"),
                    ("c3", RelKind::Supports, "rec"),
                ]
                .into_iter()
                .map(|(a, k, b)| (a.to_string(), k, b.to_string()))
                .collect(),
                ..DotOptions::default()
            },
        ),
        (
            "wrap_12",
            everything(),
            DotOptions {
                wrap: 12,
                ..DotOptions::default()
            },
        ),
        (
            "label_grounded",
            everything(),
            DotOptions {
                acceptability: Some(acceptability(&g)),
                ..DotOptions::default()
            },
        ),
    ];
    for (name, view, options) in cases {
        insta::assert_snapshot!(format!("dot_minimal_{name}"), dot(&g, &view, &options));
    }
}

/// The grounded labels of `g`, as `export --label grounded` gives them.
fn acceptability(g: &ArgGraph) -> argkb::export::dot::Acceptability {
    let ev = argkb::query::eval::evaluate(
        g,
        argkb::af::semantics::Semantics::Grounded,
        argkb::af::from_kb::Support::None,
        &[],
        10,
    )
    .unwrap();
    argkb::export::dot::Acceptability {
        semantics: "grounded",
        labels: ev.af.names.iter().cloned().zip(ev.labels).collect(),
    }
}

#[test]
fn dot_essay_map_snapshot() {
    let view = View {
        no_actors: true,
        ..View::default()
    };
    insta::assert_snapshot!(dot(&essay(), &view, &DotOptions::default()));
}

#[test]
fn every_essay_view_is_valid_dot() {
    let g = essay();
    for cluster_by in [
        ClusterBy::None,
        ClusterBy::Paragraph,
        ClusterBy::Actor,
        ClusterBy::Kind,
    ] {
        for no_actors in [false, true] {
            let view = View {
                no_actors,
                ..View::default()
            };
            dot(
                &g,
                &view,
                &DotOptions {
                    cluster_by,
                    ..DotOptions::default()
                },
            );
        }
    }
}

#[test]
fn dot_is_byte_identical_across_runs_and_edits_stay_local() {
    let g = essay();
    let a = dot(&g, &everything(), &DotOptions::default());
    assert_eq!(a, dot(&essay(), &everything(), &DotOptions::default()));
    // Renaming one claim's text changes only the lines that mention it.
    let text = argkb::sys::input::BUILTIN_KB.replace(
        "text: \"China is fed up with North Korea's behaviour\"",
        "text: \"China has had enough of North Korea\"",
    );
    let edited = argkb::load::load_text(argkb::sys::input::SourceText::new("edited", text))
        .unwrap()
        .graph;
    let b = dot(&edited, &everything(), &DotOptions::default());
    let changed: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(a.lines().count(), b.lines().count());
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(changed[0].0.starts_with("  \"china-fed-up\" ["));
}

// ---------------------------------------------------------------- hostile input

/// Ids that are valid in a KB but would break DOT if written bare.
fn hostile_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("node".to_string()),
        Just("Graph".to_string()),
        Just("EDGE".to_string()),
        Just("strict".to_string()),
        Just("subgraph".to_string()),
        Just("1a".to_string()),
        Just("2.5".to_string()),
        Just("a:b".to_string()),
        Just("x-y".to_string()),
        "[a-zA-Z0-9][a-zA-Z0-9._:-]{0,8}",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ends with a backslash \\".to_string()),
        Just("\\N \\G \\L \\n \\l".to_string()),
        Just("quote \" in \"the\" middle".to_string()),
        Just("line\nbreak\r\ttab".to_string()),
        Just("<b>html</b> & ampersand".to_string()),
        Just("digraph { node -> edge }".to_string()),
        Just("AT&amp;T &#55296; &lt;x&gt; &#x41; &".to_string()),
        any::<String>(),
    ]
}

fn hostile_kb(ids: Vec<String>, texts: Vec<String>) -> KnowledgeBase {
    let ids: Vec<String> = ids
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let claims: Vec<Claim> = ids
        .iter()
        .zip(texts.iter().cycle())
        .map(|(id, text)| Claim {
            quote: Some(text.clone()),
            para: Some(1),
            tags: vec![text.clone()],
            ..Claim::new(id.clone(), text.clone(), ClaimKind::Assessment)
        })
        .collect();
    let relations = ids
        .windows(2)
        .map(|w| Relation::Supports(w[0].clone(), w[1].clone()))
        .collect();
    KnowledgeBase {
        meta: Some(Meta {
            title: texts.first().cloned().unwrap_or_default(),
            source: Some(Source {
                publication: texts.last().cloned(),
                date: Some("\\".into()),
                ..Source::default()
            }),
            author: Some("a".into()),
            thesis: None,
            notes: None,
        }),
        sources: vec![],
        actors: vec![Actor {
            id: "actor".into(),
            name: texts.first().cloned().unwrap_or_default(),
            kind: ActorKind::Person,
            aliases: texts.clone(),
            description: None,
        }],
        claims,
        recommendations: vec![],
        arguments: vec![],
        conflicts: vec![],
        relations,
        omitted: vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_labels_and_ids_cannot_break_the_dot(
        ids in proptest::collection::vec(hostile_id(), 1..8),
        texts in proptest::collection::vec(hostile_text(), 1..4),
    ) {
        let kb = hostile_kb(ids, texts);
        let graph = ArgGraph::from_validated(kb.clone());
        let text = export(&graph, Format::Dot, &everything(), &DotOptions::default());
        let parsed = dot_parser::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let nodes: BTreeMap<&str, &BTreeMap<String, String>> =
            parsed.nodes.iter().map(|(id, a)| (id.as_str(), a)).collect();
        for claim in &kb.claims {
            let attrs = nodes.get(claim.id.as_str()).ok_or_else(|| TestCaseError::fail(format!("{} missing", claim.id)))?;
            let label = dot_parser::label_text(&attrs["label"]).map_err(TestCaseError::fail)?;
            let expected = wrap(&claim.text, 40).join("\n");
            let expected: String = expected.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
            prop_assert_eq!(label, expected);
            prop_assert_eq!(dot_parser::esc_string(&attrs["id"]).unwrap(), claim.id.clone());
        }
        prop_assert_eq!(parsed.edges.len(), graph.edge_count());
        graphviz_accepts(&text);
    }
}

/// Runs `dot FLAG` on `text`, returning stdout, or the failure.
fn run_dot(text: &str, flag: &str) -> Option<Result<String, String>> {
    let mut child = Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    Some(if out.status.success() && err.is_empty() {
        Ok(String::from_utf8_lossy(&out.stdout).to_string())
    } else {
        Err(format!("{}: {err}", out.status))
    })
}

/// Decodes the XML entities Graphviz writes in SVG text.
fn xml_text(s: &str) -> String {
    dot_parser::decode_entities(s).replace('\u{a0}', " ")
}

/// The lines of text Graphviz drew in the SVG group of node `id`.
fn svg_label(svg: &str, id: &str) -> Option<Vec<String>> {
    let start = svg.find(&format!(
        "<g id=\"{}\" class=\"node\">",
        id.replace('-', "&#45;")
    ))?;
    let group = &svg[start..];
    let group = &group[..group.find("</g>")?];
    Some(
        group
            .split("<text ")
            .skip(1)
            .map(|t| {
                let body = &t[t.find('>').unwrap() + 1..];
                xml_text(&body[..body.find("</text>").unwrap()])
            })
            .collect(),
    )
}

/// 1,000 generated KBs whose every text is hostile (entities, quotes,
/// backslashes, line breaks, direction marks, emoji, keywords, 20 KB
/// texts): every DOT parses in-process and passes `dot -Tcanon` and
/// `dot -Tsvg` with exit 0 and nothing on stderr, and every claim's label
/// is drawn exactly as the KB wrote it.
#[test]
fn a_thousand_hostile_kbs_pass_graphviz_and_draw_their_text_unchanged() {
    use argkb::load::load_text;
    use argkb::sys::input::SourceText;
    const KBS: u64 = 1_000;
    const BATCH: usize = 50;
    let mut graphs = Vec::new();
    for seed in 0..KBS {
        let kb = argkb::model::synth::hostile(seed);
        let graph = load_text(SourceText::new("hostile.ron", kb))
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"))
            .graph;
        let text = export(
            &graph,
            Format::Dot,
            &View::default(),
            &DotOptions::default(),
        );
        dot_parser::parse(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        graphs.push((seed, graph, text));
    }
    if run_dot("digraph {}", "-Tcanon").is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz");
        eprintln!("SKIPPED the Graphviz half of the hostile-KB test: `dot` is not installed");
        return;
    }
    let mut drawn = 0;
    for chunk in graphs.chunks(BATCH) {
        // `dot` reads one graph after another from the same input.
        let batch: String = chunk.iter().map(|(_, _, t)| t.as_str()).collect();
        if run_dot(&batch, "-Tcanon").unwrap().is_err() {
            for (seed, _, text) in chunk {
                if let Err(e) = run_dot(text, "-Tcanon").unwrap() {
                    panic!("seed {seed}: dot -Tcanon: {e}\n{text}");
                }
            }
        }
        // One SVG per graph, so each can be read back on its own.
        for (seed, graph, text) in chunk {
            let svg = run_dot(text, "-Tsvg")
                .unwrap()
                .unwrap_or_else(|e| panic!("seed {seed}: dot -Tsvg: {e}\n{text}"));
            for node in graph
                .nodes()
                .into_iter()
                .filter(|n| n.kind() == NodeKind::Claim)
            {
                let expected: Vec<String> = wrap(node.text(), 40)
                    .into_iter()
                    .map(|l| {
                        l.chars()
                            .map(|c| {
                                if c.is_control() || c == '\u{a0}' {
                                    ' '
                                } else {
                                    c
                                }
                            })
                            .collect()
                    })
                    .collect();
                let got = svg_label(&svg, node.id())
                    .unwrap_or_else(|| panic!("seed {seed}: no SVG group for {}", node.id()));
                let joined_expected = expected.join("\n");
                let joined_got = got.join("\n");
                if joined_expected.len() < argkb::export::dot::MAX_DOT_STRING - 64 {
                    assert_eq!(
                        joined_got,
                        joined_expected,
                        "seed {seed}, node {}",
                        node.id()
                    );
                } else {
                    // Cut with an ellipsis below Graphviz's limit.
                    let kept = joined_got.trim_end_matches('…');
                    assert!(
                        joined_expected.starts_with(kept),
                        "seed {seed}, node {}",
                        node.id()
                    );
                    assert!(joined_got.ends_with('…'));
                }
                drawn += 1;
            }
        }
    }
    assert!(drawn > 3_000, "only {drawn} labels compared");
}

/// A KB of one source, claims with these texts (and quotes), each
/// supporting the next, the last attacked by the first.
fn kb_of_texts(texts: &[String]) -> ArgGraph {
    let q = |s: &str| ron::to_string(s).unwrap();
    let mut claims = String::new();
    let mut relations = String::new();
    for (i, t) in texts.iter().enumerate() {
        claims.push_str(&format!(
            "Claim(id: \"c{i}\", text: {}, kind: Assessment, quote: {}, para: 1, tags: [{}]),\n",
            q(t),
            q(t),
            q(t)
        ));
        if i > 0 {
            relations.push_str(&format!("Supports(\"c{}\", \"c{i}\"),\n", i - 1));
        }
    }
    if texts.len() > 1 {
        relations.push_str(&format!("Attacks(\"c0\", \"c{}\"),\n", texts.len() - 1));
    }
    let text = format!(
        "KnowledgeBase(meta: Meta(title: {}), claims: [{claims}], relations: [{relations}])",
        q(&texts[0])
    );
    argkb::load::load_text(argkb::sys::input::SourceText::new("p.ron", text))
        .unwrap()
        .graph
}

/// What XML 1.0 can hold of `s`: the characters it cannot carry become
/// U+FFFD (as the GraphML export says on stderr).
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The texts of a GraphML document's `n_text` data, by node id, read with
/// quick-xml (a real XML parser; `unescape` decodes entities and character
/// references).
fn graphml_texts(xml: &str) -> BTreeMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut node, mut in_text, mut out) = (None::<String>, false, BTreeMap::new());
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"node" => {
                let id = e.try_get_attribute("id").unwrap().unwrap();
                node = Some(id.unescape_value().unwrap().into_owned());
            }
            Event::Start(e) if e.name().as_ref() == b"data" => {
                let key = e.try_get_attribute("key").unwrap().unwrap();
                in_text = key.value.as_ref() == b"n_text";
                text.clear();
            }
            Event::Text(t) if in_text => text.push_str(&t.unescape().unwrap()),
            Event::End(e) if e.name().as_ref() == b"data" => {
                if in_text {
                    out.insert(node.clone().unwrap(), text.clone());
                }
                in_text = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Any text, through each text format, comes back through that
    /// format's real parser: serde_json for JSON, quick-xml for GraphML,
    /// oxttl (a Turtle parser) for RDF, and argkb's AIF importer (which
    /// reads with serde_json) for AIF.
    #[test]
    fn any_text_survives_every_export_and_its_parser(
        texts in proptest::collection::vec("[^\\x00]{1,20}|[<>&\"'\\\\\\n\\r\\t\u{202E}\u{2028}\u{FEFF}a-z ]{1,12}", 1..5)
    ) {
        // Texts the KB format trims or refuses (blank) are not KB texts.
        let texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
        prop_assume!(!texts.is_empty());
        let g = kb_of_texts(&texts);
        let texts: Vec<String> = (0..texts.len())
            .map(|i| g.node(&format!("c{i}")).unwrap().text().to_string())
            .collect();
        let all = everything();
        let opts = DotOptions::default();
        // JSON.
        let json: serde_json::Value =
            serde_json::from_str(&export(&g, Format::Json, &all, &opts)).unwrap();
        for (i, t) in texts.iter().enumerate() {
            let n = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == format!("c{i}")).unwrap();
            prop_assert_eq!(n["text"].as_str().unwrap(), t.as_str());
            prop_assert_eq!(n["quote"].as_str().unwrap(), t.as_str());
        }
        // GraphML.
        let got = graphml_texts(&export(&g, Format::Graphml, &all, &opts));
        for (i, t) in texts.iter().enumerate() {
            prop_assert_eq!(got.get(&format!("c{i}")).unwrap(), &xml_safe(t));
        }
        // Turtle.
        let ttl = export(&g, Format::Turtle, &all, &opts);
        let mut claim_texts = BTreeMap::new();
        let turtle = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle);
        for q in turtle.for_slice(ttl.as_bytes()) {
            let q = q.unwrap();
            if q.predicate.as_str() == "http://www.arg.dundee.ac.uk/aif#claimText"
                && let oxigraph::model::Term::Literal(l) = &q.object
            {
                claim_texts.insert(q.subject.to_string(), l.value().to_string());
            }
        }
        for (i, t) in texts.iter().enumerate() {
            let key = format!("<https://w3id.org/argkb/kb/c{i}>");
            prop_assert_eq!(claim_texts.get(&key).unwrap(), t);
        }
        // AIF, back through the importer.
        let aif = export(&g, Format::Aif, &all, &opts);
        let (draft, _) = argkb::import::import(
            argkb::import::ImportFormat::Aif,
            &[argkb::import::Input { name: "p.json".into(), text: aif }],
        )
        .unwrap();
        let mut imported: Vec<&str> = draft.claims.iter().map(|c| c.text.as_str()).collect();
        let mut want: Vec<&str> = texts.iter().map(String::as_str).collect();
        imported.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(imported, want);
    }
}
