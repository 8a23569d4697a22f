//! Where a KB's text comes from: a file, standard input, or the essay KB
//! compiled into the binary. Owns reading with limits, UTF-8 checking, and
//! the mapping between byte offsets and line:column positions.

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The essay KB, compiled in so that every command works with no file.
pub const BUILTIN_KB: &str = include_str!("../../data/essay.ron");
/// The name the built-in KB goes by in diagnostics.
pub const BUILTIN_NAME: &str = "data/essay.ron (built-in)";

/// The default limit on a KB's size (4 GiB; `--max-kb-size` changes it).
/// A regular file over the limit is refused before it is read; standard
/// input is read up to the limit and refused when it goes past, so an
/// endless stream (`/dev/zero`) cannot exhaust memory.
pub const MAX_KB_BYTES: u64 = 4 << 30;

/// Where to read a KB from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Builtin,
    Stdin,
    File(PathBuf),
}

impl Input {
    /// `None` means the built-in KB; `-` means standard input.
    pub fn from_arg(arg: Option<&Path>) -> Input {
        match arg {
            None => Input::Builtin,
            Some(p) if p == Path::new("-") => Input::Stdin,
            Some(p) => Input::File(p.to_path_buf()),
        }
    }
}

/// Reading failed before there was any text to diagnose.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is a directory; give the path of a KB file (.ron)")]
    IsDir { path: String },
    #[error("the folder `{path}` holds no .ron file")]
    EmptyDir { path: String },
    #[error(
        "`{path}` is larger than {limit} bytes, the limit for a KB file (raise it with --max-kb-size)"
    )]
    TooLarge { path: String, limit: u64 },
    #[error(
        "`{path}` holds a NUL byte at byte {offset}: binary data, not a KB (a KB is UTF-8 text)"
    )]
    Binary { path: String, offset: u64 },
    #[error(
        "`{path}` is not a regular file ({what}); to read a stream, pipe it to standard input: `--kb - < {path}`"
    )]
    NotRegular { path: String, what: &'static str },
    #[error("`{path}` is not UTF-8 text: invalid byte 0x{byte:02x} at line {line}, column {col}")]
    NotUtf8 {
        path: String,
        byte: u8,
        line: usize,
        col: usize,
    },
}

/// The text of a KB together with the name it is reported under.
#[derive(Debug)]
pub struct SourceText {
    pub name: String,
    pub text: String,
    /// Where lines start, found as far into the text as positions have
    /// been asked for: a load that reports nothing never looks for them,
    /// and the twenty diagnostics a terminal shows of a 300 MB file read
    /// only the lines before them.
    lines: std::sync::Mutex<Lines>,
}

/// The line starts of a prefix of a text.
#[derive(Debug, Clone)]
struct Lines {
    /// Every line start in `text[..=scanned]` (0 first).
    starts: Vec<usize>,
    /// How many bytes have been looked through for line breaks.
    scanned: usize,
}

impl Clone for SourceText {
    fn clone(&self) -> SourceText {
        SourceText {
            name: self.name.clone(),
            text: self.text.clone(),
            lines: std::sync::Mutex::new(self.lines().clone()),
        }
    }
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
            lines: std::sync::Mutex::new(Lines {
                starts: vec![0],
                scanned: 0,
            }),
        }
    }

    fn lines(&self) -> std::sync::MutexGuard<'_, Lines> {
        // The table is whole after every step: a panic elsewhere while it
        // was held leaves nothing half-written.
        self.lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The line starts, known at least through byte `upto` (every line
    /// start at or before it) and through line `line` (0-based) or the
    /// end of the text.
    fn line_starts(&self, upto: usize, line: usize) -> std::sync::MutexGuard<'_, Lines> {
        let mut lines = self.lines();
        let len = self.text.len();
        while lines.scanned < len && (lines.scanned < upto || lines.starts.len() <= line) {
            // Doubling steps: asking line by line stays linear overall.
            let mut end = len.min(upto.max(lines.scanned * 2).max(lines.scanned + (1 << 16)));
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
            let from = lines.scanned;
            // The memchr crate's scan (vector-wide): a 10^6-node KB has
            // millions of lines.
            let found =
                memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..end]).map(|i| from + i + 1);
            lines.starts.extend(found);
            lines.scanned = end;
        }
        lines
    }

    /// Reads `input`, enforcing the default size limit and UTF-8.
    pub fn read(input: &Input) -> Result<SourceText, InputError> {
        Self::read_limited(input, MAX_KB_BYTES)
    }

    /// Reads `input`, refusing more than `limit` bytes, FIFOs and devices
    /// (which could block forever or never end), and text that is not
    /// UTF-8. A leading byte-order mark is dropped.
    pub fn read_limited(input: &Input, limit: u64) -> Result<SourceText, InputError> {
        match input {
            Input::Builtin => Ok(SourceText::new(BUILTIN_NAME, BUILTIN_KB)),
            Input::Stdin => {
                let bytes = read_stream(std::io::stdin().lock(), "<stdin>", limit)?;
                Self::from_bytes("<stdin>", bytes)
            }
            Input::File(path) => {
                let name = path.display().to_string();
                let err = |source| InputError::Read {
                    path: name.clone(),
                    source,
                };
                let meta = std::fs::metadata(path).map_err(err)?;
                if meta.is_dir() {
                    return Err(InputError::IsDir { path: name });
                }
                if !meta.is_file() {
                    return Err(InputError::NotRegular {
                        what: file_type_name(&meta.file_type()),
                        path: name,
                    });
                }
                if meta.len() > limit {
                    return Err(InputError::TooLarge { path: name, limit });
                }
                let file = std::fs::File::open(path).map_err(err)?;
                // Sized from the metadata: a 400 MB KB is read into one
                // buffer of its size, not grown by doubling.
                let bytes = read_limited(file, &name, limit, meta.len())?;
                Self::from_bytes(&name, bytes)
            }
        }
    }

    /// Checks that `bytes` are UTF-8, pointing at the first bad byte if not.
    pub fn from_bytes(name: &str, mut bytes: Vec<u8>) -> Result<SourceText, InputError> {
        if bytes.starts_with("\u{FEFF}".as_bytes()) {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceText::new(name, text)),
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let good = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                let probe = SourceText::new(name, good);
                let (line, col) = probe.line_col(at);
                Err(InputError::NotUtf8 {
                    path: name.to_string(),
                    byte: bytes[at],
                    line,
                    col,
                })
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let start = {
            let lines = self.line_starts(offset, 0);
            let line = lines.starts.partition_point(|&s| s <= offset) - 1;
            (line, lines.starts[line])
        };
        let (line, start) = start;
        let col = self.text[start..floor_char(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// How many lines the text has (a final line break starts an empty one).
    pub fn line_count(&self) -> usize {
        self.line_starts(self.text.len(), 0).starts.len()
    }

    /// The byte range of 0-based line `index`, including its line break.
    pub fn line_range(&self, index: usize) -> Option<std::ops::Range<usize>> {
        let lines = self.line_starts(0, index + 1);
        let start = *lines.starts.get(index)?;
        let end = lines
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(start..end)
    }

    /// Byte offset of a 1-based line and character column; clamps to the
    /// end of the line or text.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let (start, end) = {
            let lines = self.line_starts(0, line);
            let Some(&start) = lines.starts.get(line.saturating_sub(1)) else {
                return self.text.len();
            };
            let end = lines
                .starts
                .get(line)
                .map_or(self.text.len(), |&e| e.saturating_sub(1));
            (start, end)
        };
        self.text[start..end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What kind of non-regular file this is, in words.
fn file_type_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = t;
    "not a regular file"
}

/// Reads a stream of unknown length (standard input) with the memory a
/// file of the same size would take: the buffer grows by at most half
/// again, never past `limit` (plus one byte, to tell "too large"), and a
/// NUL byte, which no KB holds, stops the read at once (`--kb - <
/// /dev/zero` is refused in a millisecond, not after gigabytes).
pub fn read_stream(mut reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>, InputError> {
    const CHUNK: usize = 1 << 20;
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut bytes: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(InputError::Read {
                    path: name.to_string(),
                    source,
                });
            }
        };
        let got = &chunk[..n];
        if let Some(at) = got.iter().position(|&b| b == 0) {
            return Err(InputError::Binary {
                path: name.to_string(),
                offset: (bytes.len() + at) as u64,
            });
        }
        let room = cap.saturating_sub(bytes.len());
        let take = n.min(room);
        if bytes.len() + take > bytes.capacity() {
            let want = (bytes.capacity() + bytes.capacity() / 2)
                .max(bytes.len() + take)
                .max(CHUNK)
                .min(cap);
            bytes.reserve_exact(want - bytes.len());
        }
        bytes.extend_from_slice(&got[..take]);
        if bytes.len() as u64 > limit {
            return Err(InputError::TooLarge {
                path: name.to_string(),
                limit,
            });
        }
    }
    Ok(bytes)
}

/// Reads at most `limit` bytes (more is an error), into a buffer made for
/// `expected` bytes (and one more, to see the end).
fn read_limited(
    reader: impl Read,
    name: &str,
    limit: u64,
    expected: u64,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit)).unwrap_or(0) + 1);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Read {
            path: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            path: name.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_stream_is_read_whole_within_its_limit_and_refused_past_it() {
        let text = "x".repeat(3_000_000);
        let bytes = read_stream(std::io::Cursor::new(text.clone()), "s", 3_000_000).unwrap();
        assert_eq!(bytes, text.as_bytes());
        // The buffer never grows past the limit and one byte.
        assert!(bytes.capacity() <= 3_000_001, "{}", bytes.capacity());
        match read_stream(std::io::Cursor::new(text), "s", 2_999_999) {
            Err(InputError::TooLarge { limit, .. }) => assert_eq!(limit, 2_999_999),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stream_with_a_nul_byte_is_refused_where_it_is() {
        let mut data = vec![b'a'; 1_500_000];
        data[1_234_567] = 0;
        match read_stream(std::io::Cursor::new(data), "s", 1 << 30) {
            Err(InputError::Binary { offset, .. }) => assert_eq!(offset, 1_234_567),
            other => panic!("{other:?}"),
        }
    }

    use super::*;

    /// The line table is found a piece at a time, as far as positions are
    /// asked for: whatever the order of the questions, and across the
    /// pieces' edges (a text longer than the first piece, multi-byte
    /// characters at the edge), the answers are those of a table of the
    /// whole text.
    #[test]
    fn lines_found_in_pieces_answer_as_the_whole_table() {
        let mut text = String::new();
        for i in 0..9000 {
            text.push_str(&"é".repeat(i % 7));
            text.push_str(&"x".repeat(i % 13));
            text.push('\n');
        }
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let naive = |offset: usize| {
            let line = starts.partition_point(|&s| s <= offset) - 1;
            let col = text[starts[line]..offset].chars().count();
            (line + 1, col + 1)
        };
        let offsets: Vec<usize> = (0..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Far first, near first, and line by line from the start.
        for order in 0..3 {
            let s = SourceText::new("t", text.clone());
            let mut asked = offsets.clone();
            match order {
                0 => asked.reverse(),
                1 => asked.sort_by_key(|&o| (o * 7919) % offsets.len()),
                _ => {}
            }
            for &o in asked.iter().step_by(37) {
                assert_eq!(s.line_col(o), naive(o), "order {order}, offset {o}");
            }
            let copy = s.clone();
            for line in (0..starts.len()).step_by(101) {
                let end = starts.get(line + 1).copied().unwrap_or(text.len());
                assert_eq!(
                    copy.line_range(line),
                    Some(starts[line]..end),
                    "line {line}"
                );
            }
            assert_eq!(s.line_count(), starts.len());
            assert_eq!(s.line_range(starts.len()), None);
        }
    }

    #[test]
    fn line_col_round_trips() {
        let s = SourceText::new("t", "ab\ncdé\n\nx");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 3));
        assert_eq!(s.line_col(8), (3, 1));
        assert_eq!(s.offset(2, 3), 5);
        assert_eq!(s.offset(4, 1), 9);
        for off in [0, 1, 3, 4, 5, 8, 9] {
            let (l, c) = s.line_col(off);
            assert_eq!(s.offset(l, c), off, "offset {off}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let s = SourceText::from_bytes("f", b"\xEF\xBB\xBF(x)".to_vec()).unwrap();
        assert_eq!(s.text, "(x)");
    }

    #[test]
    fn fifos_and_devices_are_refused_without_blocking() {
        for path in ["/dev/zero", "/dev/null"] {
            let err = SourceText::read(&Input::File(path.into())).unwrap_err();
            assert!(matches!(err, InputError::NotRegular { .. }), "{err}");
        }
    }

    #[test]
    fn streams_past_the_limit_are_refused() {
        let err = read_limited(std::io::repeat(b'x'), "s", 1000, 0).unwrap_err();
        assert!(
            matches!(err, InputError::TooLarge { limit: 1000, .. }),
            "{err}"
        );
        assert_eq!(read_limited(&b"abc"[..], "s", 3, 3).unwrap(), b"abc");
    }

    #[test]
    fn bad_utf8_is_located() {
        let err = SourceText::from_bytes("f", b"ok\nab\xffc".to_vec()).unwrap_err();
        match err {
            InputError::NotUtf8 {
                byte, line, col, ..
            } => assert_eq!((byte, line, col), (0xff, 2, 3)),
            other => panic!("unexpected {other:?}"),
        }
    }
}
