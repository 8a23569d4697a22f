//! A map from paths in a RON document (`claims[3].id`) to byte spans.
//!
//! serde hands the validator values without positions, so this module scans
//! the same text once more, structurally and leniently, to recover where each
//! value stands. It is only consulted for text that `ron` has already parsed
//! (or for locating list elements when it has not); when the scan meets
//! something it does not understand it gives up and callers fall back to a
//! coarser location.

use std::ops::Range;

/// Whether RON skips `c` as whitespace: the ASCII blanks, vertical tab and
/// form feed, NEL, the left-to-right and right-to-left marks, and the line
/// and paragraph separators (the set `ron` 0.12 skips; a unit test checks
/// it against `ron` itself). The scan must skip exactly these, or one such
/// character would leave every diagnostic in the file unlocated.
pub const fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

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
            src: text.as_bytes(),
            pos: 0,
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

    /// The spans of the items of the list (or fields of the struct) at `path`.
    pub fn items(&self, path: &[Seg<'_>]) -> Vec<Range<usize>> {
        self.node(path)
            .map(|n| self.children(n).iter().map(Node::span).collect())
            .unwrap_or_default()
    }
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    names: Names,
    /// The arena: finished runs of siblings.
    nodes: Vec<Node>,
    /// Children of the values still open, innermost last; a value's
    /// children move to `nodes` together when it closes.
    pending: Vec<Node>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// The length in bytes of the RON whitespace character at the cursor,
    /// or 0.
    fn whitespace_len(&self) -> usize {
        let rest = &self.src[self.pos..];
        let Some(&first) = rest.first() else {
            return 0;
        };
        let len = match first {
            // ASCII, the common case: no decoding.
            0..0x80 => return usize::from(is_ron_whitespace(first as char)),
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        std::str::from_utf8(&rest[..len.min(rest.len())])
            .ok()
            .and_then(|s| s.chars().next())
            .filter(|&c| is_ron_whitespace(c))
            .map_or(0, char::len_utf8)
    }

    fn at(&self, s: &str) -> bool {
        self.src[self.pos..].starts_with(s.as_bytes())
    }

    /// Skips whitespace and comments (`//…` and nested `/* … */`).
    fn trivia(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b'/') if self.at("//") => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.at("/*") => {
                    let mut depth = 0usize;
                    loop {
                        if self.at("/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.at("*/") {
                            depth -= 1;
                            self.pos += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.peek()?;
                            self.pos += 1;
                        }
                    }
                }
                Some(_) => match self.whitespace_len() {
                    0 => return Some(()),
                    n => self.pos += n,
                },
                None => return Some(()),
            }
        }
    }

    fn document(&mut self) -> Option<Node> {
        self.trivia()?;
        while self.at("#!") {
            while self.peek()? != b']' {
                self.pos += 1;
            }
            self.pos += 1;
            self.trivia()?;
        }
        self.value(0)
    }

    fn ident(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        if self.at("r#") {
            self.pos += 2;
        }
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
            _ => {
                self.pos = start;
                return None;
            }
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_') {
            self.pos += 1;
        }
        Some(start..self.pos)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.pos;
        let base = self.pending.len();
        match self.peek()? {
            b'"' => self.string()?,
            b'r' if self.at("r\"") || self.at("r#\"") || self.at("r##") => self.raw_string()?,
            b'b' if self.at("b\"") => {
                self.pos += 1;
                self.string()?;
            }
            b'\'' => {
                self.pos += 1;
                loop {
                    match self.peek()? {
                        b'\\' => self.pos += 2,
                        b'\'' => break,
                        _ => self.pos += 1,
                    }
                }
                self.pos += 1;
            }
            b'(' => self.parens(depth)?,
            b'[' => self.seq(depth, b']')?,
            b'{' => self.map(depth)?,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                self.ident()?;
                let after = self.pos;
                self.trivia()?;
                if self.peek() == Some(b'(') {
                    self.parens(depth)?;
                } else {
                    self.pos = after;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b')' | b']' | b'}' | b':' | b'(' | b'[' | b'{')
                ) && self.whitespace_len() == 0
                {
                    self.pos += 1;
                }
                if self.pos == start {
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
            end: self.pos as u32,
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

    fn string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            // Runs of plain text at once (a `\` may have stepped past the
            // end: then the string is unterminated).
            let run = self
                .src
                .get(self.pos..)?
                .iter()
                .position(|&b| b == b'"' || b == b'\\')?;
            self.pos += run;
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self) -> Option<()> {
        self.pos += 1;
        let mut hashes = 0;
        while self.peek()? == b'#' {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        let close: Vec<u8> = std::iter::once(b'"')
            .chain(std::iter::repeat_n(b'#', hashes))
            .collect();
        while !self.src[self.pos..].starts_with(&close) {
            self.peek()?;
            self.pos += 1;
        }
        self.pos += close.len();
        Some(())
    }

    /// `( … )`: named fields when items look like `name: value`, else a tuple.
    fn parens(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.trivia()?;
            if self.peek()? == b')' {
                self.pos += 1;
                return Some(());
            }
            let item_start = self.pos;
            let mut key = None;
            if let Some(name) = self.ident() {
                self.trivia()?;
                if self.peek() == Some(b':') && !self.at("::") {
                    self.pos += 1;
                    self.trivia()?;
                    key = Some(Key::field(self.names.intern(&self.src[name]))?);
                } else {
                    self.pos = item_start;
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
            self.trivia()?;
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }

    fn seq(&mut self, depth: usize, close: u8) -> Option<()> {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.trivia()?;
            if self.peek()? == close {
                self.pos += 1;
                return Some(());
            }
            let node = self.value(depth + 1)?;
            self.child(Key::index(index)?, node);
            index += 1;
            self.trivia()?;
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }

    fn map(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        loop {
            self.trivia()?;
            if self.peek()? == b'}' {
                self.pos += 1;
                return Some(());
            }
            let key = self.value(depth + 1)?;
            self.trivia()?;
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.trivia()?;
            let value = self.value(depth + 1)?;
            let name = self.names.intern(&self.src[key.span()]);
            self.child(Key::field(name)?, value);
            self.trivia()?;
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
