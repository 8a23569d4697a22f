//! A map from paths in a RON document (`claims[3].id`) to byte spans.
//!
//! serde hands the validator values without positions, so this module scans
//! the same text once more, structurally and leniently, to recover where each
//! value stands. It is only consulted for text that `ron` has already parsed
//! (or for locating list elements when it has not); when the scan meets
//! something it does not understand it gives up and callers fall back to a
//! coarser location.

use std::ops::Range;

use super::lexer::Cursor;

/// How deep the scan follows nesting before giving up (ron stops earlier).
const MAX_DEPTH: usize = 256;

/// One step of a path into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Field(&'a str),
    Index(usize),
}

/// How a parent names a child: a field name or a position. A field name
/// is stored once per document (`SpanIndex::names`) and referred to by
/// number: a KB of 10^6 claims has some 10^7 fields but a few dozen
/// distinct names. Packed in 32 bits (the top bit marks a field), so that
/// a `Node` takes 20 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u32);

impl Key {
    const FIELD: u32 = 1 << 31;

    /// Field number `n`; `None` past 2^31 names (the scan gives up).
    fn field(n: u32) -> Option<Key> {
        (n < Self::FIELD).then_some(Key(n | Self::FIELD))
    }

    /// Position `i`; `None` past 2^31 items (a text of 4 GiB holds fewer).
    fn index(i: usize) -> Option<Key> {
        u32::try_from(i).ok().filter(|&i| i < Self::FIELD).map(Key)
    }

    /// The field number, if this names a field.
    fn field_number(self) -> Option<u32> {
        (self.0 & Self::FIELD != 0).then_some(self.0 & !Self::FIELD)
    }
}

/// One value of the document. Nodes live in one arena (`SpanIndex::nodes`)
/// and a node's children sit next to each other in it
/// (`first..first + count`), so the index of a KB of 10^6 claims is a
/// single allocation of 20 bytes per value, not a tree of small vectors.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    /// How the parent names this node.
    key: Key,
    first: u32,
    count: u32,
}

impl Node {
    fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The spans of every value in a RON document, by path.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    root: Option<Node>,
    nodes: Vec<Node>,
    names: Names,
}

/// The distinct field names of a document, numbered.
#[derive(Debug, Clone, Default)]
struct Names {
    list: Vec<Box<str>>,
    number: foldhash::HashMap<Box<str>, u32>,
}

impl Names {
    fn intern(&mut self, name: &[u8]) -> u32 {
        let name = String::from_utf8_lossy(name);
        if let Some(&n) = self.number.get(name.as_ref()) {
            return n;
        }
        let n = self.list.len() as u32;
        let name: Box<str> = name.into();
        self.list.push(name.clone());
        self.number.insert(name, n);
        n
    }
}

impl SpanIndex {
    pub fn scan(text: &str) -> SpanIndex {
        // Offsets are kept in 32 bits; a text beyond 4 GiB (only possible
        // with a raised --max-kb-size) goes without positions.
        if u32::try_from(text.len()).is_err() {
            return SpanIndex::default();
        }
        let mut s = Scanner {
            cur: Cursor::new(text),
            names: Names::default(),
            nodes: Vec::new(),
            pending: Vec::new(),
        };
        let root = s.document();
        SpanIndex {
            nodes: if root.is_some() { s.nodes } else { Vec::new() },
            root,
            names: s.names,
        }
    }

    fn children(&self, node: &Node) -> &[Node] {
        let first = node.first as usize;
        &self.nodes[first..first + node.count as usize]
    }

    fn node(&self, path: &[Seg<'_>]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            let children = self.children(node);
            let want = match seg {
                Seg::Field(name) => Key::field(*self.names.number.get(*name)?)?,
                Seg::Index(i) => Key::index(*i)?,
            };
            // A list's items are stored in order: index them directly, so a
            // lookup never scans a long list (10^6 relations on one line).
            if let Seg::Index(i) = seg
                && let Some(child) = children.get(*i)
                && child.key == want
            {
                node = child;
                continue;
            }
            node = children.iter().find(|c| c.key == want)?;
        }
        Some(node)
    }

    /// The span of the value at `path`, if the scan found it.
    pub fn get(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        self.node(path).map(Node::span)
    }

    /// The span at `path`, or else at the longest prefix of it that exists.
    pub fn nearest(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        (0..=path.len()).rev().find_map(|n| self.get(&path[..n]))
    }

    /// The names of the fields of the struct at `path`, in order.
    pub fn field_names(&self, path: &[Seg<'_>]) -> Vec<&str> {
        self.node(path)
            .map(|n| {
                self.children(n)
                    .iter()
                    .filter_map(|c| {
                        let name = c.key.field_number()?;
                        Some(&*self.names.list[name as usize])
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every value of the document with its path and span, parents before
    /// children, in the order of the text.
    pub fn walk(&self, visit: &mut dyn FnMut(&[Seg<'_>], Range<usize>)) {
        fn go<'s>(
            index: &'s SpanIndex,
            node: &Node,
            path: &mut Vec<Seg<'s>>,
            visit: &mut dyn FnMut(&[Seg<'_>], Range<usize>),
        ) {
            visit(path, node.span());
            for child in index.children(node) {
                path.push(match child.key.field_number() {
                    Some(n) => Seg::Field(&index.names.list[n as usize]),
                    None => Seg::Index(child.key.0 as usize),
                });
                go(index, child, path, visit);
                path.pop();
            }
        }
        if let Some(root) = &self.root {
            go(self, root, &mut Vec::new(), visit);
        }
    }

    /// The spans of the items of the list (or fields of the struct) at `path`.
    pub fn items(&self, path: &[Seg<'_>]) -> Vec<Range<usize>> {
        self.node(path)
            .map(|n| self.children(n).iter().map(Node::span).collect())
            .unwrap_or_default()
    }
}

struct Scanner<'a> {
    /// Where the scan is, moved token by token by the shared lexer.
    cur: Cursor<'a>,
    names: Names,
    /// The arena: finished runs of siblings.
    nodes: Vec<Node>,
    /// Children of the values still open, innermost last; a value's
    /// children move to `nodes` together when it closes.
    pending: Vec<Node>,
}

impl Scanner<'_> {
    fn document(&mut self) -> Option<Node> {
        self.cur.skip_trivia()?;
        while self.cur.at("#!") {
            while self.cur.peek()? != b']' {
                self.cur.pos += 1;
            }
            self.cur.pos += 1;
            self.cur.skip_trivia()?;
        }
        self.value(0)
    }

    /// An identifier, raw (`r#…`) or not.
    fn ident(&mut self) -> Option<Range<usize>> {
        let start = self.cur.pos;
        if self.cur.at("r#") {
            self.cur.pos += 2;
        }
        if self.cur.ident().is_none() {
            self.cur.pos = start;
            return None;
        }
        Some(start..self.cur.pos)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.cur.pos;
        let base = self.pending.len();
        match self.cur.peek()? {
            b'"' => self.cur.string().map(drop)?,
            b'r' if self.cur.at("r\"") || self.cur.at("r#\"") || self.cur.at("r##") => {
                self.raw_string()?
            }
            b'b' if self.cur.at("b\"") => {
                self.cur.pos += 1;
                self.cur.string().map(drop)?;
            }
            b'\'' => {
                self.cur.pos += 1;
                loop {
                    match self.cur.peek()? {
                        b'\\' => self.cur.pos += 2,
                        b'\'' => break,
                        _ => self.cur.pos += 1,
                    }
                }
                self.cur.pos += 1;
            }
            b'(' => self.parens(depth)?,
            b'[' => self.seq(depth, b']')?,
            b'{' => self.map(depth)?,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                self.ident()?;
                let after = self.cur.pos;
                self.cur.skip_trivia()?;
                if self.cur.peek() == Some(b'(') {
                    self.parens(depth)?;
                } else {
                    self.cur.pos = after;
                }
            }
            _ => {
                while !matches!(
                    self.cur.peek(),
                    None | Some(b',' | b')' | b']' | b'}' | b':' | b'(' | b'[' | b'{')
                ) && self.cur.whitespace_len() == 0
                {
                    self.cur.pos += 1;
                }
                if self.cur.pos == start {
                    return None;
                }
            }
        }
        // This value's children are the pending nodes pushed since `base`.
        let first = self.nodes.len() as u32;
        let count = (self.pending.len() - base) as u32;
        self.nodes.extend(self.pending.drain(base..));
        Some(Node {
            start: start as u32,
            end: self.cur.pos as u32,
            key: Key(0),
            first,
            count,
        })
    }

    /// Records a finished child of the innermost open value.
    fn child(&mut self, key: Key, mut node: Node) {
        node.key = key;
        self.pending.push(node);
    }

    fn raw_string(&mut self) -> Option<()> {
        self.cur.pos += 1;
        let mut hashes = 0;
        while self.cur.peek()? == b'#' {
            hashes += 1;
            self.cur.pos += 1;
        }
        if self.cur.peek()? != b'"' {
            return None;
        }
        self.cur.pos += 1;
        let close: Vec<u8> = std::iter::once(b'"')
            .chain(std::iter::repeat_n(b'#', hashes))
            .collect();
        while !self.cur.src[self.cur.pos..].starts_with(&close) {
            self.cur.peek()?;
            self.cur.pos += 1;
        }
        self.cur.pos += close.len();
        Some(())
    }

    /// `( … )`: named fields when items look like `name: value`, else a tuple.
    fn parens(&mut self, depth: usize) -> Option<()> {
        self.cur.pos += 1;
        let mut index = 0;
        loop {
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b')' {
                self.cur.pos += 1;
                return Some(());
            }
            let item_start = self.cur.pos;
            let mut key = None;
            if let Some(name) = self.ident() {
                self.cur.skip_trivia()?;
                if self.cur.peek() == Some(b':') && !self.cur.at("::") {
                    self.cur.pos += 1;
                    self.cur.skip_trivia()?;
                    key = Some(Key::field(self.names.intern(&self.cur.src[name]))?);
                } else {
                    self.cur.pos = item_start;
                }
            }
            let node = self.value(depth + 1)?;
            let key = match key {
                Some(key) => key,
                None => {
                    index += 1;
                    Key::index(index - 1)?
                }
            };
            self.child(key, node);
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b',' {
                self.cur.pos += 1;
            }
        }
    }

    fn seq(&mut self, depth: usize, close: u8) -> Option<()> {
        self.cur.pos += 1;
        let mut index = 0;
        loop {
            self.cur.skip_trivia()?;
            if self.cur.peek()? == close {
                self.cur.pos += 1;
                return Some(());
            }
            let node = self.value(depth + 1)?;
            self.child(Key::index(index)?, node);
            index += 1;
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b',' {
                self.cur.pos += 1;
            }
        }
    }

    fn map(&mut self, depth: usize) -> Option<()> {
        self.cur.pos += 1;
        loop {
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b'}' {
                self.cur.pos += 1;
                return Some(());
            }
            let key = self.value(depth + 1)?;
            self.cur.skip_trivia()?;
            if self.cur.peek()? != b':' {
                return None;
            }
            self.cur.pos += 1;
            self.cur.skip_trivia()?;
            let value = self.value(depth + 1)?;
            let name = self.names.intern(&self.cur.src[key.span()]);
            self.child(Key::field(name)?, value);
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b',' {
                self.cur.pos += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ron::lexer::is_ron_whitespace;
    use Seg::*;

    /// The index of a KB of 10^6 nodes holds some 10^7 of these.
    #[test]
    fn a_node_takes_twenty_bytes_and_keys_round_trip() {
        assert_eq!(std::mem::size_of::<Node>(), 20);
        assert_eq!(Key::field(7).and_then(Key::field_number), Some(7));
        assert_eq!(Key::index(7).and_then(Key::field_number), None);
        assert_ne!(Key::field(7), Key::index(7));
        assert_eq!(Key::index(1 << 31), None);
        assert_eq!(Key::field(1 << 31), None);
    }

    /// A text cut inside a string right after a backslash (found by the
    /// fuzzer): no index, no panic.
    #[test]
    fn a_text_ending_in_an_escape_is_scanned_without_panic() {
        for text in ["KnowledgeBase(meta: (title: \"a\\", "(\"\\", "\"\\"] {
            let index = SpanIndex::scan(text);
            assert!(index.get(&[]).is_none(), "{text:?}");
        }
    }

    const DOC: &str = r##"#![enable(implicit_some)]
// comment with ( unbalanced
KnowledgeBase(
    meta: (title: "a \"q\" (", n: -1.5e3),
    claims: [
        Claim(id: "x", tags: ["t1", r#"raw ) "#]),
        /* nested /* comment */ ] */
        Claim(id: "y", para: 3,),
    ],
    relations: [Supports("x", "y"), About('c', Some("z"))],
    map: {"k": [1, 2]},
)"##;

    fn text(path: &[Seg<'_>]) -> &'static str {
        let idx = SpanIndex::scan(DOC);
        &DOC[idx.get(path).unwrap()]
    }

    #[test]
    fn finds_fields_items_and_tuple_elements() {
        assert_eq!(text(&[Field("meta"), Field("title")]), r#""a \"q\" (""#);
        assert_eq!(text(&[Field("meta"), Field("n")]), "-1.5e3");
        assert_eq!(text(&[Field("claims"), Index(1), Field("id")]), "\"y\"");
        assert_eq!(
            text(&[Field("claims"), Index(0), Field("tags"), Index(1)]),
            "r#\"raw ) \"#"
        );
        assert_eq!(text(&[Field("relations"), Index(0), Index(1)]), "\"y\"");
        assert_eq!(
            text(&[Field("relations"), Index(1), Index(1)]),
            "Some(\"z\")"
        );
        assert_eq!(text(&[Field("map"), Field("\"k\""), Index(1)]), "2");
    }

    #[test]
    fn walk_visits_every_value_with_its_path() {
        let idx = SpanIndex::scan(DOC);
        let mut seen = Vec::new();
        idx.walk(&mut |path, span| {
            let named: Vec<String> = path
                .iter()
                .map(|s| match s {
                    Seg::Field(f) => f.to_string(),
                    Seg::Index(i) => i.to_string(),
                })
                .collect();
            seen.push((named.join("."), span));
        });
        assert_eq!(seen[0].0, "");
        for (path, span) in &seen[1..] {
            let segs: Vec<Seg<'_>> = path
                .split('.')
                .map(|p| p.parse().map_or(Seg::Field(p), Seg::Index))
                .collect();
            assert_eq!(idx.get(&segs).as_ref(), Some(span), "{path}");
        }
        assert!(seen.len() > 5);
    }

    #[test]
    fn nearest_falls_back_to_the_parent() {
        let idx = SpanIndex::scan(DOC);
        let p = [Field("claims"), Index(1), Field("missing")];
        assert_eq!(
            &DOC[idx.nearest(&p).unwrap()],
            r#"Claim(id: "y", para: 3,)"#
        );
        assert_eq!(idx.items(&[Field("claims")]).len(), 2);
    }

    #[test]
    fn skips_exactly_what_ron_skips() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("[{c}1,{c}2{c}]");
            let ron_skips = ron::from_str::<Vec<u8>>(&text).is_ok_and(|v| v == [1, 2]);
            assert_eq!(is_ron_whitespace(c), ron_skips, "U+{:04X}", c as u32);
            if ron_skips {
                let idx = SpanIndex::scan(&text);
                assert_eq!(idx.get(&[Index(1)]).map(|r| &text[r]), Some("2"));
            }
        }
    }

    #[test]
    fn gives_up_on_garbage_without_panicking() {
        for bad in [
            "(", "(a: ", "[1, 2", "\"open", "r#\"x", "{1 2}", "/* x", ")",
        ] {
            let idx = SpanIndex::scan(bad);
            assert!(idx.get(&[]).is_none(), "{bad}");
        }
        let deep = "[".repeat(10_000);
        assert!(SpanIndex::scan(&deep).get(&[]).is_none());
    }
}
