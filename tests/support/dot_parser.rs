//! A strict, in-process parser for the DOT language (Graphviz's grammar:
//! graph, stmt_list, node/edge/attr statements, subgraphs, ports), used by
//! the tests to prove that every DOT argkb emits is well-formed and that
//! attribute values read back as the text that went in.
//!
//! Quoted strings are unescaped as Graphviz reads them: `\"` → `"`, a
//! backslash before a newline joins lines; escString sequences (`\\`, `\n`)
//! are left for `esc_string` to decode.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Id(String),
    /// A double-quoted string, after `\"` and line-continuation handling.
    Quoted(String),
    Html(String),
    Punct(char),
    Arrow(&'static str),
}

#[derive(Debug, Default, Clone)]
pub struct Graph {
    pub directed: bool,
    pub strict: bool,
    pub name: Option<String>,
    /// Node statements in order: id and attributes.
    pub nodes: Vec<(String, BTreeMap<String, String>)>,
    /// Edge statements: (from, to, attributes), chains expanded.
    pub edges: Vec<(String, String, BTreeMap<String, String>)>,
    /// Subgraph ids in order.
    pub subgraphs: Vec<String>,
}

const KEYWORDS: [&str; 6] = ["node", "edge", "graph", "digraph", "subgraph", "strict"];

pub fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    let mut line_start = true;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if line_start && c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        line_start = false;
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            loop {
                if i + 1 >= chars.len() {
                    return Err("unterminated comment".into());
                }
                if chars[i] == '*' && chars[i + 1] == '/' {
                    i += 2;
                    break;
                }
                i += 1;
            }
            continue;
        }
        match c {
            '{' | '}' | '[' | ']' | '=' | ';' | ',' | ':' => {
                out.push(Tok::Punct(c));
                i += 1;
            }
            '-' if chars.get(i + 1) == Some(&'>') => {
                out.push(Tok::Arrow("->"));
                i += 2;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                out.push(Tok::Arrow("--"));
                i += 2;
            }
            '"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err("unterminated string".into());
                    };
                    match c {
                        '"' => {
                            i += 1;
                            break;
                        }
                        '\\' if chars.get(i + 1) == Some(&'"') => {
                            s.push('"');
                            i += 2;
                        }
                        '\\' if chars.get(i + 1) == Some(&'\\') => {
                            s.push_str("\\\\");
                            i += 2;
                        }
                        '\\' if chars.get(i + 1) == Some(&'\n') => i += 2,
                        '\n' => return Err("raw newline inside a quoted string".into()),
                        c => {
                            s.push(c);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Quoted(s));
            }
            '<' => {
                let mut depth = 0;
                let start = i;
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err("unterminated HTML string".into());
                    };
                    if c == '<' {
                        depth += 1;
                    } else if c == '>' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
                out.push(Tok::Html(chars[start + 1..i - 1].iter().collect()));
            }
            c if c.is_ascii_digit() || c == '.' || c == '-' => {
                let start = i;
                if c == '-' {
                    i += 1;
                }
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let num: String = chars[start..i].iter().collect();
                let body = num.trim_start_matches('-');
                if body.is_empty() || body.matches('.').count() > 1 || body == "." {
                    return Err(format!("bad numeral `{num}`"));
                }
                if chars.get(i).is_some_and(|c| c.is_alphabetic() || *c == '_') {
                    return Err(format!(
                        "identifier may not start with a digit: `{num}{}`",
                        chars[i]
                    ));
                }
                out.push(Tok::Id(num));
            }
            c if c.is_alphabetic() || c == '_' || (c as u32) >= 0x80 => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || chars[i] == '_' || (chars[i] as u32) >= 0x80)
                {
                    i += 1;
                }
                out.push(Tok::Id(chars[start..i].iter().collect()));
            }
            c => return Err(format!("unexpected character `{c}`")),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    graph: Graph,
}

fn is_kw(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Id(s) if s.eq_ignore_ascii_case(kw))
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn expect(&mut self, c: char) -> Result<(), String> {
        match self.next() {
            Some(Tok::Punct(p)) if p == c => Ok(()),
            other => Err(format!("expected `{c}`, found {other:?}")),
        }
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// An ID: a bare word that is not a keyword, a numeral, a quoted or HTML string.
    fn id(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Id(s)) if KEYWORDS.iter().any(|k| s.eq_ignore_ascii_case(k)) => {
                Err(format!("keyword `{s}` used as an ID"))
            }
            Some(Tok::Id(s)) | Some(Tok::Quoted(s)) | Some(Tok::Html(s)) => Ok(s),
            other => Err(format!("expected an ID, found {other:?}")),
        }
    }
    fn at_id(&self) -> bool {
        matches!(self.peek(), Some(Tok::Id(s)) if !KEYWORDS.iter().any(|k| s.eq_ignore_ascii_case(k)))
            || matches!(self.peek(), Some(Tok::Quoted(_) | Tok::Html(_)))
    }

    fn graph(&mut self) -> Result<(), String> {
        if self.peek().is_some_and(|t| is_kw(t, "strict")) {
            self.pos += 1;
            self.graph.strict = true;
        }
        match self.next() {
            Some(t) if is_kw(&t, "digraph") => self.graph.directed = true,
            Some(t) if is_kw(&t, "graph") => {}
            other => return Err(format!("expected `graph` or `digraph`, found {other:?}")),
        }
        if self.at_id() {
            self.graph.name = Some(self.id()?);
        }
        self.expect('{')?;
        self.stmt_list()?;
        self.expect('}')?;
        if self.pos != self.toks.len() {
            return Err("trailing tokens after the graph".into());
        }
        Ok(())
    }

    fn stmt_list(&mut self) -> Result<(), String> {
        while !matches!(self.peek(), Some(Tok::Punct('}')) | None) {
            self.stmt()?;
            self.eat(';');
        }
        Ok(())
    }

    fn attr_list(&mut self) -> Result<BTreeMap<String, String>, String> {
        let mut attrs = BTreeMap::new();
        while self.eat('[') {
            while !self.eat(']') {
                let k = self.id()?;
                self.expect('=')?;
                let v = self.id()?;
                if attrs.insert(k.clone(), v).is_some() {
                    return Err(format!("attribute `{k}` given twice"));
                }
                if !self.eat(',') {
                    self.eat(';');
                }
            }
        }
        Ok(attrs)
    }

    /// node_id or subgraph; returns the node ids it stands for.
    fn endpoint(&mut self) -> Result<Vec<String>, String> {
        if self.peek().is_some_and(|t| is_kw(t, "subgraph"))
            || self.peek() == Some(&Tok::Punct('{'))
        {
            let before = self.graph.nodes.len();
            self.subgraph()?;
            return Ok(self.graph.nodes[before..]
                .iter()
                .map(|(n, _)| n.clone())
                .collect());
        }
        let id = self.id()?;
        if self.eat(':') {
            self.id()?;
            if self.eat(':') {
                self.id()?;
            }
        }
        Ok(vec![id])
    }

    fn subgraph(&mut self) -> Result<(), String> {
        if self.peek().is_some_and(|t| is_kw(t, "subgraph")) {
            self.pos += 1;
            if self.at_id() {
                let id = self.id()?;
                self.graph.subgraphs.push(id);
            }
        }
        self.expect('{')?;
        self.stmt_list()?;
        self.expect('}')
    }

    fn stmt(&mut self) -> Result<(), String> {
        let t = self.peek().cloned().ok_or("unexpected end")?;
        if is_kw(&t, "graph") || is_kw(&t, "node") || is_kw(&t, "edge") {
            self.pos += 1;
            if !matches!(self.peek(), Some(Tok::Punct('['))) {
                return Err("attribute statement without `[`".into());
            }
            self.attr_list()?;
            return Ok(());
        }
        if self.at_id() && self.toks.get(self.pos + 1) == Some(&Tok::Punct('=')) {
            self.id()?;
            self.pos += 1;
            self.id()?;
            return Ok(());
        }
        let starts_with_subgraph = self.peek().is_some_and(|t| is_kw(t, "subgraph"))
            || self.peek() == Some(&Tok::Punct('{'));
        let mut ends = vec![self.endpoint()?];
        while let Some(Tok::Arrow(op)) = self.peek().cloned() {
            if (op == "->") != self.graph.directed {
                return Err(format!("edge operator `{op}` in the wrong kind of graph"));
            }
            self.pos += 1;
            ends.push(self.endpoint()?);
        }
        let attrs = self.attr_list()?;
        if ends.len() == 1 {
            if starts_with_subgraph {
                return Ok(());
            }
            let [id] = ends[0].as_slice() else {
                return Err("node statement without a single id".into());
            };
            self.graph.nodes.push((id.clone(), attrs));
        } else {
            for pair in ends.windows(2) {
                for a in &pair[0] {
                    for b in &pair[1] {
                        self.graph.edges.push((a.clone(), b.clone(), attrs.clone()));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Parses a whole DOT document strictly.
pub fn parse(src: &str) -> Result<Graph, String> {
    let mut p = Parser {
        toks: tokenize(src)?,
        pos: 0,
        graph: Graph::default(),
    };
    p.graph()?;
    Ok(p.graph)
}

/// Decodes the escString sequences argkb uses (`\\` and `\n`); any other
/// backslash sequence is an error, since it would be a layout escape.
/// Decodes HTML entities as Graphviz does in labels (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&apos;`, `&#N;`, `&#xN;`); an `&` that starts no
/// entity stays as it is.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text Graphviz draws for a label attribute: escapes, then entities.
pub fn label_text(s: &str) -> Result<String, String> {
    esc_string(s).map(|t| decode_entities(&t))
}

pub fn esc_string(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                other => return Err(format!("unexpected escape `\\{other:?}`")),
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[test]
fn entities_decode_like_graphviz() {
    assert_eq!(
        decode_entities("AT&amp;T &lt;b&gt; &#65;&#x42; & x;"),
        "AT&T <b> AB & x;"
    );
    assert_eq!(decode_entities("&amp;amp;"), "&amp;");
}

#[test]
fn parser_rejects_what_graphviz_rejects() {
    for bad in [
        "digraph { a -> }",
        "digraph { node -> b }",
        "digraph { \"a\" [label=\"x] }",
        "digraph { a [label=\"line\nbreak\"] }",
        "digraph { 1a -> b }",
        "graph { a -> b }",
        "digraph { a [x=1, x=2] }",
        "digraph { a } }",
    ] {
        assert!(parse(bad).is_err(), "accepted: {bad}");
    }
    let g = parse("strict digraph \"G\" { graph [a=b]; \"x\" -> y:p -> {z w} [k=\"v \\\" q\"]; subgraph cluster_1 { n } }").unwrap();
    assert_eq!(g.edges.len(), 3);
    assert_eq!(g.edges[0].2["k"], "v \" q");
    assert_eq!(g.subgraphs, ["cluster_1"]);
}
