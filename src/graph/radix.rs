//! Linear-time sorting for the graph's build: a least-significant-digit
//! radix sort over 16-bit digits.
//!
//! Building the graph sorts every node by id and every edge by its ends'
//! ranks. At 10^6 nodes, comparison sorts of those were a fifth of the
//! build (~0.6 G instructions for the nodes alone); a radix sort reads
//! each item a few times whatever their number. Below `WORTH_IT` items
//! the callers compare instead: the digit counts cost a fixed amount.

/// From this many items on, a radix sort beats a comparison sort.
pub const WORTH_IT: usize = 4096;

/// A digit of an item: a number below 2^16.
pub type Digit<T> = fn(&T) -> usize;

/// Sorts `items` by their digits, the least significant first in
/// `digits`. Stable: items with the same digits keep their order. A
/// digit every item shares is skipped (the high halves of numbers below
/// 65,536).
pub fn sort<T: Copy>(items: &mut Vec<T>, digits: &[Digit<T>]) {
    let Some(&blank) = items.first() else {
        return;
    };
    let mut from = std::mem::take(items);
    let mut to: Vec<T> = Vec::new();
    let mut count = vec![0u32; 1 << 16];
    for digit in digits {
        count.fill(0);
        for item in &from {
            count[digit(item)] += 1;
        }
        if count.iter().any(|&c| c as usize == from.len()) {
            continue;
        }
        let mut at = 0u32;
        for c in count.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        to.clear();
        to.resize(from.len(), blank);
        for &item in &from {
            let slot = &mut count[digit(&item)];
            to[*slot as usize] = item;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *items = from;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Item = (u32, u8, u32, usize);

    const DIGITS: [Digit<Item>; 5] = [
        |e| (e.2 & 0xffff) as usize,
        |e| (e.2 >> 16) as usize,
        |e| usize::from(e.1),
        |e| (e.0 & 0xffff) as usize,
        |e| (e.0 >> 16) as usize,
    ];

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// The order of a stable sort by the digits, on numbers small
        /// and large, repeated or not; the fourth field (the position
        /// before sorting) shows stability.
        #[test]
        fn sorts_as_a_stable_sort_by_the_digits(
            raw in proptest::collection::vec((0u32..70_000, 0u8..18, any::<u32>()), 0..3000),
            small in any::<bool>(),
        ) {
            let mut items: Vec<Item> = raw
                .into_iter()
                .enumerate()
                .map(|(i, (a, k, b))| (a, k, if small { b % 50 } else { b }, i))
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(a, k, b, _)| (a, k, b));
            sort(&mut items, &DIGITS);
            prop_assert_eq!(items, expected);
        }
    }
}
