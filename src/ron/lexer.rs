//! The tokens of RON that every reader of KB text agrees on: what counts
//! as whitespace, comments (`//` to the end of the line, nested `/* */`),
//! identifiers, and where a string literal ends and which escapes it
//! holds. The fast reader (`reader`) and the span index (`spans`) both
//! walk the text with this `Cursor`, and the escapes the fast reader
//! decodes are the ones listed here; the writer's literals are checked to
//! read back through it. One definition, so that the readers cannot
//! disagree on where a value starts or ends.

use std::ops::Range;

/// Whether RON skips `c` as whitespace: the ASCII blanks, vertical tab and
/// form feed, NEL, the left-to-right and right-to-left marks, and the line
/// and paragraph separators (the set `ron` 0.12 skips; a unit test checks
/// it against `ron` itself). A reader must skip exactly these, or one such
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

/// The escapes a string literal may hold that `unescape` decodes: the
/// letter after the backslash, and the character it stands for. Any other
/// escape (`\u{…}`, `\x..`) is left to the `ron` crate.
pub const ESCAPES: [(u8, char); 5] = [
    (b'\\', '\\'),
    (b'"', '"'),
    (b'n', '\n'),
    (b'r', '\r'),
    (b't', '\t'),
];

/// The bytes that may continue an ASCII identifier (letters, digits,
/// `_`), as a table: one load a byte in `Cursor::ident`, which reads
/// every field name and variant of a file.
const IDENT_CONTINUE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// A position in RON text, moved forward token by token.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    pub src: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            src: text.as_bytes(),
            pos: 0,
        }
    }

    #[inline]
    pub fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Whether the text at the cursor starts with `s`.
    pub fn at(&self, s: &str) -> bool {
        self.src[self.pos..].starts_with(s.as_bytes())
    }

    /// The length in bytes of the RON whitespace character at the cursor,
    /// or 0.
    pub fn whitespace_len(&self) -> usize {
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

    /// Skips whitespace and comments (`//…` and nested `/* … */`); `None`
    /// on a block comment left open.
    #[inline(always)]
    pub fn skip_trivia(&mut self) -> Option<()> {
        // Most tokens follow another with nothing between (`(id:`, `",`)
        // or after one space (`id: "…"`, `"a", "b"`): those cases cost a
        // byte's look or two, not a call.
        if self.peek() == Some(b' ') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C' | b'/' | 0x80..) => {
                self.skip_trivia_from_here()
            }
            _ => Some(()),
        }
    }

    /// `skip_trivia`'s loop, from a byte that may start trivia.
    #[inline(never)]
    fn skip_trivia_from_here(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                // The common bytes first: every token of a file passes here.
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C') => self.pos += 1,
                Some(b'/') => match self.src.get(self.pos + 1) {
                    Some(b'/') => {
                        let rest = &self.src[self.pos..];
                        self.pos += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    }
                    Some(b'*') => self.block_comment()?,
                    _ => return Some(()),
                },
                Some(0x80..) => match self.whitespace_len() {
                    0 => return Some(()),
                    n => self.pos += n,
                },
                _ => return Some(()),
            }
        }
    }

    /// Skips a `/* … */` comment, nested ones inside it too.
    fn block_comment(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            if self.at("/*") {
                depth += 1;
                self.pos += 2;
            } else if self.at("*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return Some(());
                }
            } else {
                self.peek()?;
                self.pos += 1;
            }
        }
    }

    /// An ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`) at the cursor, if
    /// one is there.
    #[inline]
    pub fn ident(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
            _ => return None,
        }
        let rest = &self.src[start + 1..];
        let len = rest
            .iter()
            .position(|&c| !IDENT_CONTINUE[usize::from(c)])
            .unwrap_or(rest.len());
        self.pos = start + 1 + len;
        Some(start..self.pos)
    }

    /// A string literal, the cursor on its opening `"`: moves past the
    /// closing one and gives the range of the contents and whether they
    /// hold an escape; `None` when the string is left open.
    #[inline]
    pub fn string(&mut self) -> Option<(Range<usize>, bool)> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Runs of plain text at once (a `\` may have stepped past the
            // end: then the string is unterminated).
            let run = memchr::memchr2(b'"', b'\\', self.src.get(self.pos..)?)?;
            self.pos += run;
            if self.src[self.pos] == b'\\' {
                escaped = true;
                self.pos += 2;
            } else {
                self.pos += 1;
                return Some((start..self.pos - 1, escaped));
            }
        }
    }
}

/// The text a string literal's contents stand for, decoding the
/// `ESCAPES`; `None` on any other escape.
pub fn unescape(contents: &str) -> Option<String> {
    let mut out = String::with_capacity(contents.len());
    let mut rest = contents;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let letter = *rest.as_bytes().get(i + 1)?;
        let (_, c) = ESCAPES.iter().find(|(l, _)| *l == letter)?;
        out.push(*c);
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trivia_skips_comments_nested_and_unicode_blanks() {
        let text = " // line\n /* a /* nested */ b */\u{2028}\u{200E}x";
        let mut c = Cursor::new(text);
        c.skip_trivia().unwrap();
        assert_eq!(&text[c.pos..], "x");
        let mut open = Cursor::new("/* never closed");
        assert_eq!(open.skip_trivia(), None);
    }

    /// The one-space shortcut leaves nothing behind: whatever trivia
    /// follows the space is skipped too, and a lone space is.
    #[test]
    fn one_space_then_any_trivia_is_skipped_whole() {
        for text in [
            " x",
            "  x",
            " // c\nx",
            " /* c */x",
            " \u{2028}x",
            " \n\tx",
            "x",
        ] {
            let mut c = Cursor::new(text);
            c.skip_trivia().unwrap();
            assert_eq!(&text[c.pos..], "x", "{text:?}");
        }
        assert_eq!(Cursor::new(" /* open").skip_trivia(), None);
    }

    #[test]
    fn strings_end_where_their_quote_does() {
        let text = r#""plain" "a \"quoted\" word" "open"#;
        let mut c = Cursor::new(text);
        let (r, escaped) = c.string().unwrap();
        assert_eq!((&text[r], escaped), ("plain", false));
        c.skip_trivia();
        let (r, escaped) = c.string().unwrap();
        assert_eq!(&text[r.clone()], r#"a \"quoted\" word"#);
        assert!(escaped);
        assert_eq!(unescape(&text[r]).as_deref(), Some(r#"a "quoted" word"#));
        c.skip_trivia();
        assert_eq!(c.string(), None);
        assert_eq!(unescape(r"\u{41}"), None);
        assert_eq!(unescape("ends in \\"), None);
    }

    #[test]
    fn identifiers_are_ascii() {
        let mut c = Cursor::new("Claim_2(");
        assert_eq!(c.ident(), Some(0..7));
        let mut c = Cursor::new("2x");
        assert_eq!(c.ident(), None);
        assert_eq!(c.pos, 0);
    }

    proptest! {
        /// What the writer writes is one string token to the lexer, and
        /// decodes back to the text whenever it holds only the escapes
        /// listed here.
        #[test]
        fn the_writers_literals_read_back(text in "\\PC*|[\\x00-\\x7f\u{2028}\u{85}]*") {
            let lit = super::super::writer::string(&text);
            let mut c = Cursor::new(&lit);
            let (r, _) = c.string().expect("a closed literal");
            prop_assert_eq!(c.pos, lit.len());
            if let Some(decoded) = unescape(&lit[r]) {
                prop_assert_eq!(decoded, text);
            }
        }
    }
}
