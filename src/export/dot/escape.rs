//! DOT syntax: `quote`, the one escaping function for DOT strings (and
//! `escape_html` for the HTML-like labels), and the attribute lists built
//! only through it.

use crate::export::scan::{Table, next_marked, table};

/// The most bytes of text one DOT string carries: Graphviz 2.43 rejects a
/// string or label over 16 KB ("longer than 16384?"), so longer text is cut
/// well below that, with an ellipsis.
pub const MAX_DOT_STRING: usize = 8 * 1024;

/// Quotes `s` as a DOT double-quoted string that Graphviz reads back as
/// exactly `s` in any attribute, including escString ones such as `label`:
/// backslashes and double quotes are escaped; `&` becomes `&amp;`, since
/// Graphviz decodes HTML entities in labels (`AT&amp;T` would otherwise be
/// drawn `AT&T`, and `&#55296;` would reach the font engine); control
/// characters (newlines, tabs, …), which would break lines or be read as
/// layout escapes, become spaces. Keywords, leading digits and any other
/// text are safe inside the quotes. Text past `MAX_DOT_STRING` bytes of
/// output is cut and ends with `…`.
pub fn quote(s: &str) -> String {
    quote_lines(std::slice::from_ref(&s))
}

/// Whether `push_escaped` may replace byte `b`: C0 controls, DEL, `\`,
/// `"`, `&`, and 0xC2, which leads the C1 controls.
pub(super) const fn maybe_escaped(b: u8) -> bool {
    (b < 0x20) | (b == 0x7f) | (b == b'\\') | (b == b'"') | (b == b'&') | (b == 0xc2)
}

const MAYBE_ESCAPED: Table = table!(maybe_escaped);

/// Appends `s` escaped; false when the output reached `limit` bytes and
/// the rest of `s` was left out.
pub(super) fn push_escaped(out: &mut String, s: &str, limit: usize) -> bool {
    // Fast path: with room for the worst case (every byte becoming the
    // five of `&amp;`), copy runs of plain text whole.
    // Bytes, not chars: what is replaced is ASCII, or a C1 control
    // (U+0080–U+009F: `\xC2` and a byte in 0x80–0x9F), so every cut falls
    // on a char boundary.
    if out.len() + s.len() * 5 + 8 <= limit {
        let bytes = s.as_bytes();
        let (mut plain, mut i) = (0, 0);
        loop {
            i = next_marked(bytes, i, maybe_escaped, &MAYBE_ESCAPED);
            if i == bytes.len() {
                break;
            }
            let (replacement, width) = match bytes[i] {
                b'\\' => ("\\\\", 1),
                b'"' => ("\\\"", 1),
                b'&' => ("&amp;", 1),
                0x00..=0x1f | 0x7f => (" ", 1),
                0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => (" ", 2),
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push_str(&s[plain..i]);
            out.push_str(replacement);
            i += width;
            plain = i;
        }
        out.push_str(&s[plain..]);
        return true;
    }
    for c in s.chars() {
        if out.len() + 8 > limit {
            out.push('…');
            return false;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    true
}

/// Quotes several lines as one DOT label: each line escaped by the same
/// rule as `quote`, joined by Graphviz's `\n` line break, the whole cut at
/// `MAX_DOT_STRING` bytes.
pub fn quote_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::new();
    push_quoted_with(&mut out, |q| {
        for line in lines {
            q.line();
            q.text(line.as_ref());
        }
    });
    out
}

/// Appends one quoted DOT string that `write` gives in pieces (`Quoted`):
/// the one writer of every quoted string the exporter makes.
pub(super) fn push_quoted_with(buf: &mut String, write: impl FnOnce(&mut Quoted<'_>)) {
    let start = buf.len();
    buf.push('"');
    write(&mut Quoted {
        buf,
        limit: start + MAX_DOT_STRING,
        cut: false,
        lines: 0,
    });
    buf.push('"');
}

/// Appends the concatenation of `pieces` as one quoted string.
fn push_quoted_parts(buf: &mut String, pieces: &[&str]) {
    push_quoted_with(buf, |q| {
        for piece in pieces {
            q.text(piece);
        }
    });
}

/// An attribute list, `key="value", …`, written into one buffer after
/// whatever it already holds (a node's or an edge's ends): every value
/// goes through `push_escaped`, the rule `quote` follows.
pub(super) struct Attrs {
    pub(super) buf: String,
    pub(super) start: usize,
}

impl Attrs {
    pub(super) fn new() -> Attrs {
        Attrs::after(String::with_capacity(256))
    }
    /// A list that follows what `buf` holds.
    pub(super) fn after(buf: String) -> Attrs {
        let start = buf.len();
        Attrs { buf, start }
    }
    pub(super) fn key(&mut self, key: &str) {
        if self.buf.len() > self.start {
            self.buf.push_str(", ");
        }
        self.buf.push_str(key);
        self.buf.push('=');
    }
    /// `key=` and `value` quoted by the same rule as `quote`.
    pub(super) fn s(self, key: &str, value: &str) -> Attrs {
        self.parts(key, &[value])
    }
    /// `key=` and the concatenation of `parts`, quoted as one string.
    pub(super) fn parts(mut self, key: &str, parts: &[&str]) -> Attrs {
        self.key(key);
        push_quoted_parts(&mut self.buf, parts);
        self
    }
    /// `key=` and one quoted string that `write` gives in pieces
    /// (`Quoted`): what `quote_lines` writes for the same lines, without
    /// the lines being built first.
    pub(super) fn quoted(mut self, key: &str, write: impl FnOnce(&mut Quoted<'_>)) -> Attrs {
        self.key(key);
        push_quoted_with(&mut self.buf, write);
        self
    }
    /// `key=` and a value the exporter itself chose (a shape, a colour, a
    /// relation's name): a `&'static str` with nothing to escape, quoted
    /// as is, without the escaping walk (a map writes several per node and
    /// edge). The `style_constants_need_no_escaping` test holds every such
    /// value to that; debug builds check each one written.
    pub(super) fn fixed(mut self, key: &str, value: &'static str) -> Attrs {
        debug_assert!(
            !value.bytes().any(maybe_escaped),
            "{value:?} needs escaping"
        );
        self.key(key);
        self.buf.push('"');
        self.buf.push_str(value);
        self.buf.push('"');
        self
    }
    pub(super) fn raw(mut self, key: &str, value: impl AsRef<str>) -> Attrs {
        self.key(key);
        self.buf.push_str(value.as_ref());
        self
    }
    pub(super) fn render(&self) -> String {
        format!("[{}]", &self.buf[self.start..])
    }
    /// Closes the list of a node or edge statement: its buffer, whole.
    pub(super) fn close(mut self) -> String {
        self.buf.push_str("];");
        self.buf
    }
}

/// One quoted DOT string written piece by piece (`push_quoted_with`):
/// every piece escaped by `push_escaped`, lines joined by Graphviz's `\n`,
/// the whole cut at `MAX_DOT_STRING` bytes (nothing is written after the
/// cut). Lines begin only through `line`; pieces written before any line
/// begins make up the first.
pub(super) struct Quoted<'b> {
    buf: &'b mut String,
    limit: usize,
    cut: bool,
    /// Lines begun so far.
    lines: usize,
}

impl Quoted<'_> {
    /// Begins a line: a line break before every line but the first.
    pub(super) fn line(&mut self) {
        if self.lines > 0 && !self.cut {
            self.buf.push_str("\\n");
        }
        self.lines += 1;
    }
    /// Appends `s` to the current line, escaped.
    pub(super) fn text(&mut self, s: &str) {
        if !self.cut {
            self.cut = !push_escaped(self.buf, s, self.limit);
        }
    }
}

/// Appends `s` quoted, as `quote` gives it.
pub(super) fn push_quoted(buf: &mut String, s: &str) {
    push_quoted_parts(buf, &[s]);
}

/// Escapes text for an HTML-like DOT label: `&`, `<`, `>`, `"` and `'`
/// become entities and control characters spaces, so the text can sit in
/// element content or a quoted attribute value.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
