//! A map from paths in a RON document (`claims[3].id`) to byte spans.
//!
//! serde hands the validator values without positions, so the positions
//! are recovered from the text. Two ways build the same index. `scan`
//! reads the text once more, structurally and leniently, and records every
//! value; when it meets something it does not understand it gives up and
//! callers fall back to a coarser location. `Skeleton` is filled by the
//! fast reader as it reads a valid file: the document, its top-level
//! fields and the items of its lists, each item left unread until a path
//! leads into it, when the text of that item alone is followed. Lookups
//! therefore read the text too (`SpanIndex::on`); they answer the same
//! either way (a unit test checks it on every fixture).

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
    /// How many children; `UNREAD` for a value whose inside is not in
    /// the index (a `Skeleton`'s items), to be read from the text.
    count: u32,
}

impl Node {
    /// The `count` of a value whose children were not recorded.
    const UNREAD: u32 = u32::MAX;

    fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn unread(&self) -> bool {
        self.count == Self::UNREAD
    }
}

/// The spans of the values in a RON document, by path: every value
/// (`scan`), or the outline a reader noted (`Skeleton`).
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
    /// Every value of `text`.
    pub fn scan(text: &str) -> SpanIndex {
        // Offsets are kept in 32 bits; a text beyond 4 GiB (only possible
        // with a raised --max-kb-size) goes without positions.
        if u32::try_from(text.len()).is_err() {
            return SpanIndex::default();
        }
        let mut s = Scanner::new(text, true);
        let root = s.document();
        SpanIndex {
            nodes: if root.is_some() { s.nodes } else { Vec::new() },
            root,
            names: s.names,
        }
    }

    /// Every value inside the value at `start`, `depth` levels down in
    /// `text` (the inside of an unread node).
    fn scan_value(text: &str, start: usize, depth: usize) -> SpanIndex {
        let mut s = Scanner::new(text, true);
        s.cur.pos = start;
        let root = s.value(depth);
        SpanIndex {
            nodes: if root.is_some() { s.nodes } else { Vec::new() },
            root,
            names: s.names,
        }
    }

    /// The lookups of this index into `text`, the text it indexes.
    pub fn on<'a>(&'a self, text: &'a str) -> Spans<'a> {
        Spans { index: self, text }
    }

    fn children(&self, node: &Node) -> &[Node] {
        if node.unread() {
            return &[];
        }
        let first = node.first as usize;
        &self.nodes[first..first + node.count as usize]
    }

    /// The child of `node` that `seg` names.
    fn child(&self, node: &Node, seg: &Seg<'_>) -> Option<&Node> {
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
            return Some(child);
        }
        children.iter().find(|c| c.key == want)
    }

    /// Follows `path` as far as the index holds it: the last node reached
    /// and how many steps of `path` led there. The walk stops early where
    /// a step is missing or at an unread node.
    fn reach(&self, path: &[Seg<'_>]) -> Option<(&Node, usize)> {
        let mut node = self.root.as_ref()?;
        for (taken, seg) in path.iter().enumerate() {
            if node.unread() {
                return Some((node, taken));
            }
            match self.child(node, seg) {
                Some(child) => node = child,
                None => return Some((node, taken)),
            }
        }
        Some((node, path.len()))
    }
}

/// A `SpanIndex` with the text it indexes: the lookups.
#[derive(Debug, Clone, Copy)]
pub struct Spans<'a> {
    index: &'a SpanIndex,
    text: &'a str,
}

impl<'a> Spans<'a> {
    /// The span of the value at `path`, if the document has one.
    pub fn get(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        let (span, whole) = self.deepest(path)?;
        whole.then_some(span)
    }

    /// The span at `path`, or else at the longest prefix of it that exists.
    pub fn nearest(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        self.deepest(path).map(|(span, _)| span)
    }

    /// The span of the value at `path` when the index itself holds it, the
    /// text unread: every value of a full scan, but of an outline only
    /// the document, its fields and the entries of its lists.
    pub fn bounds(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        let (node, taken) = self.index.reach(path)?;
        (taken == path.len()).then(|| node.span())
    }

    /// The span of the longest prefix of `path` that exists, and whether
    /// that is all of it.
    fn deepest(&self, path: &[Seg<'_>]) -> Option<(Range<usize>, bool)> {
        let (node, taken) = self.index.reach(path)?;
        if taken == path.len() {
            return Some((node.span(), true));
        }
        if !node.unread() {
            return Some((node.span(), false));
        }
        let mut s = Scanner::new(self.text, false);
        s.cur.pos = node.start as usize;
        let (span, more) = s.follow(taken, &path[taken..])?;
        Some((span, taken + more == path.len()))
    }

    /// The index of the value at `path` and its node there: this index,
    /// or, past an unread node, one scanned from that node's text.
    fn resolve<T>(&self, path: &[Seg<'_>], f: impl FnOnce(&SpanIndex, &Node) -> T) -> Option<T> {
        let (node, taken) = self.index.reach(path)?;
        if taken == path.len() && !node.unread() {
            return Some(f(self.index, node));
        }
        if !node.unread() {
            return None;
        }
        let sub = SpanIndex::scan_value(self.text, node.start as usize, taken);
        let (inner, rest) = sub.reach(&path[taken..])?;
        (rest == path.len() - taken).then(|| f(&sub, inner))
    }

    /// The names of the fields of the struct at `path`, in order.
    pub fn field_names(&self, path: &[Seg<'_>]) -> Vec<String> {
        self.resolve(path, |index, node| {
            index
                .children(node)
                .iter()
                .filter_map(|c| {
                    let name = c.key.field_number()?;
                    Some(index.names.list[name as usize].to_string())
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// Every value of the document with its path and span, parents before
    /// children, in the order of the text.
    pub fn walk(&self, visit: &mut dyn FnMut(&[Seg<'_>], Range<usize>)) {
        fn go<'s>(
            text: &str,
            index: &'s SpanIndex,
            node: &Node,
            depth: usize,
            path: &mut Vec<Seg<'s>>,
            visit: &mut dyn FnMut(&[Seg<'_>], Range<usize>),
        ) {
            if node.unread() {
                let sub = SpanIndex::scan_value(text, node.start as usize, depth);
                if let Some(root) = &sub.root {
                    let mut inner: Vec<Seg<'_>> = path.clone();
                    go(text, &sub, root, depth, &mut inner, visit);
                }
                return;
            }
            visit(path, node.span());
            for child in index.children(node) {
                path.push(match child.key.field_number() {
                    Some(n) => Seg::Field(&index.names.list[n as usize]),
                    None => Seg::Index(child.key.0 as usize),
                });
                go(text, index, child, depth + 1, path, visit);
                path.pop();
            }
        }
        if let Some(root) = &self.index.root {
            go(self.text, self.index, root, 0, &mut Vec::new(), visit);
        }
    }

    /// The spans of the items of the list (or fields of the struct) at `path`.
    pub fn items(&self, path: &[Seg<'_>]) -> Vec<Range<usize>> {
        self.resolve(path, |index, node| {
            index.children(node).iter().map(Node::span).collect()
        })
        .unwrap_or_default()
    }
}

/// The outline of a document, noted by a reader as it reads it: where the
/// document is, each top-level field, and each item of the fields that
/// are lists, in the order read. Each item, and each field that is not a
/// list, is left unread: a lookup that goes inside reads its text then.
/// A KB of 10^6 nodes is outlined in 20 bytes per entry, at no cost to
/// the read, where `scan` would record some 10^7 values in a pass of its
/// own.
#[derive(Debug, Default)]
pub struct Skeleton {
    /// The items of the lists, list after list.
    nodes: Vec<Node>,
    /// The top-level fields, read so far.
    fields: Vec<Node>,
    names: Names,
    /// Where the items of the field being read begin in `nodes`.
    first: usize,
}

impl Skeleton {
    /// Offsets are kept in 32 bits: no outline of a text past 4 GiB.
    pub fn fits(text: &str) -> bool {
        u32::try_from(text.len()).is_ok()
    }

    /// A top-level field's value begins: items noted from now are its.
    pub fn begin_field(&mut self) {
        self.first = self.nodes.len();
    }

    /// An item of the list being read, at `span`.
    pub fn item(&mut self, span: Range<usize>) {
        let i = self.nodes.len() - self.first;
        self.nodes.push(Node {
            start: span.start as u32,
            end: span.end as u32,
            key: Key(i as u32),
            first: 0,
            count: Node::UNREAD,
        });
    }

    /// The top-level field `name` ended; its value was at `span`, a list
    /// whose items were noted (`list`) or a value left unread.
    pub fn end_field(&mut self, name: &str, span: Range<usize>, list: bool) {
        let n = self.names.intern(name.as_bytes());
        let (first, count) = if list {
            (self.first as u32, (self.nodes.len() - self.first) as u32)
        } else {
            (0, Node::UNREAD)
        };
        self.fields.push(Node {
            start: span.start as u32,
            end: span.end as u32,
            key: Key(n | Key::FIELD),
            first,
            count,
        });
    }

    /// The index of the document read, at `span`.
    pub fn finish(mut self, span: Range<usize>) -> SpanIndex {
        let first = self.nodes.len() as u32;
        let count = self.fields.len() as u32;
        self.nodes.append(&mut self.fields);
        SpanIndex {
            root: Some(Node {
                start: span.start as u32,
                end: span.end as u32,
                key: Key(0),
                first,
                count,
            }),
            nodes: self.nodes,
            names: self.names,
        }
    }
}

struct Scanner<'a> {
    /// Where the scan is, moved token by token by the shared lexer.
    cur: Cursor<'a>,
    /// Whether values are recorded (`scan`) or only passed over (a lookup
    /// following a path through unread text).
    record: bool,
    names: Names,
    /// The arena: finished runs of siblings.
    nodes: Vec<Node>,
    /// Children of the values still open, innermost last; a value's
    /// children move to `nodes` together when it closes.
    pending: Vec<Node>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, record: bool) -> Scanner<'a> {
        Scanner {
            cur: Cursor::new(text),
            record,
            names: Names::default(),
            nodes: Vec::new(),
            pending: Vec::new(),
        }
    }

    /// From the value at the cursor, `depth` levels down, follows `path`
    /// without recording: the span of the deepest value reached and how
    /// many steps of `path` led there. The children are told apart as
    /// `value` tells them (names before a colon, positions otherwise).
    fn follow(&mut self, depth: usize, path: &[Seg<'_>]) -> Option<(Range<usize>, usize)> {
        let start = self.cur.pos;
        let Some(seg) = path.first() else {
            return self.value(depth).map(|n| (n.span(), 0));
        };
        if self.enter(depth, seg)? {
            let (span, taken) = self.follow(depth + 1, &path[1..])?;
            return Some((span, taken + 1));
        }
        // No such child: this value is as deep as the path goes.
        self.cur.pos = start;
        self.value(depth).map(|n| (n.span(), 0))
    }

    /// Moves the cursor into the value at it, to the start of its child
    /// `seg`: whether there is one.
    fn enter(&mut self, depth: usize, seg: &Seg<'_>) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.cur.peek()? {
            b'(' => self.enter_parens(depth, seg),
            b'[' => {
                let Seg::Index(want) = *seg else {
                    return Some(false);
                };
                self.cur.pos += 1;
                for i in 0.. {
                    self.cur.skip_trivia()?;
                    if self.cur.peek()? == b']' {
                        return Some(false);
                    }
                    if i == want {
                        return Some(true);
                    }
                    self.value(depth + 1)?;
                    self.cur.skip_trivia()?;
                    if self.cur.peek()? == b',' {
                        self.cur.pos += 1;
                    }
                }
                None
            }
            b'{' => {
                let Seg::Field(want) = *seg else {
                    return Some(false);
                };
                self.cur.pos += 1;
                loop {
                    let Some(key) = self.map_key(depth)? else {
                        return Some(false);
                    };
                    if &self.cur.src[key.span()] == want.as_bytes() {
                        return Some(true);
                    }
                    self.value(depth + 1)?;
                    self.cur.skip_trivia()?;
                    if self.cur.peek()? == b',' {
                        self.cur.pos += 1;
                    }
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                self.ident()?;
                self.cur.skip_trivia()?;
                if self.cur.peek() == Some(b'(') {
                    self.enter_parens(depth, seg)
                } else {
                    Some(false)
                }
            }
            _ => Some(false),
        }
    }

    /// `enter` for `( … )`, the cursor on the parenthesis.
    fn enter_parens(&mut self, depth: usize, seg: &Seg<'_>) -> Option<bool> {
        self.cur.pos += 1;
        let mut index = 0;
        loop {
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b')' {
                return Some(false);
            }
            let item_start = self.cur.pos;
            let mut name = None;
            if let Some(ident) = self.ident() {
                self.cur.skip_trivia()?;
                if self.cur.peek() == Some(b':') && !self.cur.at("::") {
                    self.cur.pos += 1;
                    self.cur.skip_trivia()?;
                    name = Some(ident);
                } else {
                    self.cur.pos = item_start;
                }
            }
            let found = match (name, seg) {
                (Some(name), Seg::Field(want)) => &self.cur.src[name] == want.as_bytes(),
                (None, Seg::Index(want)) => {
                    index += 1;
                    index - 1 == *want
                }
                (None, Seg::Field(_)) => {
                    index += 1;
                    false
                }
                (Some(_), Seg::Index(_)) => false,
            };
            if found {
                return Some(true);
            }
            self.value(depth + 1)?;
            self.cur.skip_trivia()?;
            if self.cur.peek()? == b',' {
                self.cur.pos += 1;
            }
        }
    }

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
        if self.record {
            node.key = key;
            self.pending.push(node);
        }
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
                    key = Some(if self.record {
                        Key::field(self.names.intern(&self.cur.src[name]))?
                    } else {
                        Key(Key::FIELD)
                    });
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

    /// In `{ … }`, at the next entry: its key, the cursor moved past the
    /// colon to its value; `Some(None)` at the closing brace (left for the
    /// caller), `None` if the text is not a map entry.
    fn map_key(&mut self, depth: usize) -> Option<Option<Node>> {
        self.cur.skip_trivia()?;
        if self.cur.peek()? == b'}' {
            return Some(None);
        }
        let key = self.value(depth + 1)?;
        self.cur.skip_trivia()?;
        if self.cur.peek()? != b':' {
            return None;
        }
        self.cur.pos += 1;
        self.cur.skip_trivia()?;
        Some(Some(key))
    }

    fn map(&mut self, depth: usize) -> Option<()> {
        self.cur.pos += 1;
        loop {
            let Some(key) = self.map_key(depth)? else {
                self.cur.pos += 1;
                return Some(());
            };
            let value = self.value(depth + 1)?;
            if self.record {
                let name = self.names.intern(&self.cur.src[key.span()]);
                self.child(Key::field(name)?, value);
            }
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
            assert!(index.on(text).get(&[]).is_none(), "{text:?}");
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
        &DOC[idx.on(DOC).get(path).unwrap()]
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
        let idx = idx.on(DOC);
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
        let idx = idx.on(DOC);
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
                assert_eq!(idx.on(&text).get(&[Index(1)]).map(|r| &text[r]), Some("2"));
            }
        }
    }

    #[test]
    fn gives_up_on_garbage_without_panicking() {
        for bad in [
            "(", "(a: ", "[1, 2", "\"open", "r#\"x", "{1 2}", "/* x", ")",
        ] {
            let idx = SpanIndex::scan(bad);
            assert!(idx.on(bad).get(&[]).is_none(), "{bad}");
        }
        let deep = "[".repeat(10_000);
        assert!(SpanIndex::scan(&deep).on(&deep).get(&[]).is_none());
    }

    /// Every walk, lookup, item list and field list of the outline the
    /// fast reader notes agrees with the full scan's, on every fixture,
    /// the essay and generated KBs: paths that exist, paths that go one
    /// step too far, and paths into nothing.
    #[test]
    fn an_outline_answers_as_the_full_scan_does() {
        let mut texts = crate::ron::reader::fixture_texts();
        for seed in 0..10 {
            texts.push(crate::model::synth::essay_like(80, seed));
            texts.push(crate::model::synth::hostile(seed));
        }
        let mut outlined = 0;
        for text in &texts {
            let Ok((_, Some(outline))) =
                crate::ron::reader::from_str_outlined::<crate::model::KnowledgeBase>(text)
            else {
                continue;
            };
            outlined += 1;
            let full = SpanIndex::scan(text);
            let (full, outline) = (full.on(text), outline.on(text));
            let walk = |s: &Spans<'_>| {
                let mut seen: Vec<(Vec<String>, Range<usize>)> = Vec::new();
                s.walk(&mut |path, span| {
                    let p = path.iter().map(|s| format!("{s:?}")).collect();
                    seen.push((p, span));
                });
                seen
            };
            assert_eq!(walk(&outline), walk(&full));
            let mut paths: Vec<Vec<Seg<'_>>> = Vec::new();
            full.walk(&mut |path, _| {
                let owned: Vec<Seg<'static>> = path
                    .iter()
                    .map(|s| match s {
                        Field(f) => Field(&*Box::leak(f.to_string().into_boxed_str())),
                        Index(i) => Index(*i),
                    })
                    .collect();
                paths.push(owned);
            });
            assert!(paths.len() > 3);
            for path in &paths {
                for extra in [None, Some(Field("nope")), Some(Index(7)), Some(Field("id"))] {
                    let mut p = path.clone();
                    p.extend(extra);
                    assert_eq!(outline.get(&p), full.get(&p), "{p:?}");
                    // Without reading the text, the outline holds the
                    // document and its fields (and the entries of lists),
                    // and what it holds is exact.
                    assert_eq!(full.bounds(&p), full.get(&p), "{p:?}");
                    match outline.bounds(&p) {
                        Some(b) => assert_eq!(Some(b), full.get(&p), "{p:?}"),
                        None => assert!(p.len() > 1 || full.get(&p).is_none(), "{p:?}"),
                    }
                    if let [Field(_), Index(_)] = p[..]
                        && full.get(&p).is_some()
                    {
                        assert!(outline.bounds(&p).is_some(), "{p:?}");
                    }
                    assert_eq!(outline.nearest(&p), full.nearest(&p), "{p:?}");
                    assert_eq!(outline.items(&p), full.items(&p), "{p:?}");
                    assert_eq!(outline.field_names(&p), full.field_names(&p), "{p:?}");
                }
            }
        }
        assert!(outlined > texts.len() / 2, "{outlined} of {}", texts.len());
    }
}
