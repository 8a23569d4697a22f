//! The scan every escaper of the exporters runs: where, in a piece of
//! text, the next byte it may have to replace is. Plain text is passed 16
//! bytes at a time by a branch-free test the compiler turns into vector
//! compares, then byte by byte: most of a map's text has nothing to
//! escape, and a byte-at-a-time walk was the exporters' hottest loop.

/// A byte test as a table, for the byte-wise part of the scan (one load
/// beats a chain of comparisons there).
pub(super) type Table = [bool; 256];

/// The position of the first byte at or after `i` for which `marked`
/// holds, or `bytes.len()`. `marked` must be a pure test of the byte (a
/// few comparisons), so that the 16-byte test vectorises; `table` must
/// hold `marked` of every byte (`table!` builds it).
#[inline]
pub(super) fn next_marked(
    bytes: &[u8],
    mut i: usize,
    marked: impl Fn(u8) -> bool + Copy,
    table: &Table,
) -> usize {
    while let Some(block) = bytes[i..].first_chunk::<16>()
        && !block.iter().fold(false, |hit, &b| hit | marked(b))
    {
        i += 16;
    }
    while i < bytes.len() && !table[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The `Table` of a `const fn(u8) -> bool`.
macro_rules! table {
    ($marked:path) => {{
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = $marked(b as u8);
            b += 1;
        }
        t
    }};
}
pub(super) use table;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const fn rare(b: u8) -> bool {
        (b < 0x20) | (b == b'"') | (b == 0xc2)
    }
    const RARE: Table = table!(rare);

    #[test]
    fn every_byte_at_every_place_of_a_block_is_found() {
        for b in 0..=255u8 {
            for at in 0..40 {
                let mut text = [b'a'; 40];
                text[at] = b;
                let expected = if rare(b) { at } else { text.len() };
                assert_eq!(
                    next_marked(&text, 0, rare, &RARE),
                    expected,
                    "{b:#04x} at {at}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_scan_finds_the_first_marked_byte(text in proptest::collection::vec(prop_oneof![9 => 0x61u8..0x7b, 1 => any::<u8>()], 0..100), from in 0usize..100) {
            let from = from.min(text.len());
            let expected = text[from..].iter().position(|&b| rare(b)).map_or(text.len(), |p| from + p);
            prop_assert_eq!(next_marked(&text, from, rare, &RARE), expected);
        }
    }
}
