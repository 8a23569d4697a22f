//! Positions as the Language Server Protocol counts them (zero-based line,
//! and a column in UTF-16 code units) to and from byte offsets in a
//! document's text.

use lsp_types::{Position, Range};

/// The byte offset of each line's start in one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` (clamped to the text and to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = text[start..offset].encode_utf16().count();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, range: std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, range.start),
            self.position(text, range.end),
        )
    }

    /// The byte offset of `pos`; a position past the end of its line is
    /// the line's end, and one past the last line the text's end.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        start + column(&text[start..end], pos.character)
    }
}

/// The byte offset of `pos` in `text`, without indexing the whole text
/// (for one request on a large document).
pub fn offset_of(text: &str, pos: Position) -> usize {
    let start = match pos.line {
        0 => 0,
        n => match text.match_indices('\n').nth(n as usize - 1) {
            Some((i, _)) => i + 1,
            None => return text.len(),
        },
    };
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start + column(&text[start..end], pos.character)
}

/// The byte offset in `line` of UTF-16 column `character` (the line's end
/// when it is shorter).
fn column(line: &str, character: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= character {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "ab\n\u{1F600}x\né";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3), Position::new(1, 0));
        // The emoji is four bytes and two UTF-16 units.
        assert_eq!(idx.position(text, 7), Position::new(1, 2));
        assert_eq!(idx.offset(text, Position::new(1, 2)), 7);
        assert_eq!(idx.offset(text, Position::new(1, 99)), 8);
        assert_eq!(idx.offset(text, Position::new(9, 0)), text.len());
    }

    proptest! {
        #[test]
        fn offsets_round_trip(text in "\\PC{0,40}(\n\\PC{0,20}){0,4}", at in 0usize..200) {
            let idx = LineIndex::new(&text);
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let pos = idx.position(&text, at);
            prop_assert_eq!(idx.offset(&text, pos), at);
            prop_assert_eq!(offset_of(&text, pos), at);
        }
    }
}
