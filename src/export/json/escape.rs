//! JSON strings: `push_string`, the one writer of a string in the
//! node-link export, byte for byte what serde_json writes for it (a
//! property test holds it to that), with plain text passed 16 bytes at a
//! time (`scan`): serde_json's byte-at-a-time walk was a fifth of the
//! export's instructions.

use crate::export::scan::{Table, next_marked, table};

/// Whether JSON needs byte `b` escaped in a string: the C0 controls, `"`
/// and `\` (serde_json's set; DEL and non-ASCII text pass as they are).
const fn escaped(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

const ESCAPED: Table = table!(escaped);

/// Appends `s` as a JSON string, quotes included.
pub(super) fn push_string(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    let (mut plain, mut i) = (0, 0);
    loop {
        i = next_marked(bytes, i, escaped, &ESCAPED);
        let Some(&b) = bytes.get(i) else { break };
        buf.extend_from_slice(&bytes[plain..i]);
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x08 => b'b',
            0x0c => b'f',
            _ => 0,
        };
        if short == 0 {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]];
            buf.extend_from_slice(b"\\u00");
            buf.extend_from_slice(&hex);
        } else {
            buf.extend_from_slice(&[b'\\', short]);
        }
        i += 1;
        plain = i;
    }
    buf.extend_from_slice(&bytes[plain..]);
    buf.push(b'"');
}

/// Appends a string the exporter itself chose (a field's name, a kind):
/// a `&'static str` with nothing to escape, quoted as is. Debug builds
/// check each one; the exporter's test, which compares its output with
/// serde_json's over KBs of every kind of node and link, covers them all.
pub(super) fn push_fixed(buf: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!s.bytes().any(escaped), "{s:?} needs escaping");
    buf.reserve(s.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(s: &str) -> String {
        let mut buf = Vec::new();
        push_string(&mut buf, s);
        String::from_utf8(buf).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn every_char_below_0x100_is_written_as_serde_json_writes_it() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("{c}abcdefghijklmnopqrstu{c}")] {
                assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{c:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn strings_are_written_as_serde_json_writes_them(s in "\\PC{0,40}|[\\x00-\\x20\\u{7f}-\\u{a1}\\\\\"é€]{0,40}|[a-z ]{0,40}[\\x00-\\x1f\\\\\"][a-z ]{0,40}[\\\\\"\\x00-\\x1f]?[a-z]{0,20}", any in any::<String>()) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
            prop_assert_eq!(ours(&any), serde_json::to_string(&any).unwrap());
        }
    }
}
