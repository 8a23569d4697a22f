//! The table of defined ids: each valid, first definition's id, found by
//! its bytes, as the definition's dense number (`Checker::order`).
//!
//! A slot is 16 bytes: the id's first eight bytes, its length and the
//! number. An id of at most eight bytes (`c123456`, `r42`) is compared in
//! the slot itself; a longer one also by the rest of the id of the
//! definition the slot numbers, read through `id_of`. A table of `&str`
//! keys (24-byte slots) compared every candidate through its pointer: at
//! 10^6 definitions, a cache miss for each lookup of a short id, and the
//! table is looked up for every reference in the KB.
//!
//! Open addressing with linear probing, at most half full: an id is
//! almost always found in the cache line of its home slot, so a lookup
//! costs one miss (a table with a separate array of control bytes costs
//! two), and `get_each` fetches the home slots of the next ids while it
//! probes for the current one.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;

use crate::sys::prefetch::prefetch;

/// Defined ids and their dense numbers.
#[derive(Debug, Default)]
pub(super) struct Defs {
    /// A power of two of slots (or none); an all-zero slot is free.
    slots: Vec<Slot>,
    /// How many slots are taken.
    taken: usize,
    hasher: RandomState,
}

/// `[head, len + 1 | n << 32]`: the id's first eight bytes, zero-padded,
/// little-endian; its length plus one (zero: a free slot); its number.
/// Plain words, so that a new table is zeroed memory the system hands
/// over without writing it.
type Slot = [u64; 2];

/// Bytes of an id held in its slot.
const HEAD: usize = 8;

/// How many lookups `get_each` has in flight, and how far ahead a loop
/// of definitions `prefetch`es: the one distance of `sys::prefetch`.
pub(super) use crate::sys::prefetch::AHEAD;

fn head(id: &str) -> u64 {
    let bytes = id.as_bytes();
    let mut head = [0u8; HEAD];
    let k = bytes.len().min(HEAD);
    head[..k].copy_from_slice(&bytes[..k]);
    u64::from_le_bytes(head)
}

/// The second word of the slot of an id of `len` bytes numbered `n`.
fn tail(len: usize, n: u32) -> u64 {
    (len as u64 + 1) | (u64::from(n) << 32)
}

/// Whether `slot` holds `id`, whose head is `h`; `id_of` gives the id a
/// number defines (read only for ids longer than `HEAD`).
fn holds<'a>(slot: Slot, id: &str, h: u64, id_of: &impl Fn(u32) -> &'a str) -> bool {
    slot[0] == h
        && (slot[1] as u32 as usize) == id.len() + 1
        && (id.len() <= HEAD || id_of(number(slot)).as_bytes()[HEAD..] == id.as_bytes()[HEAD..])
}

fn number(slot: Slot) -> u32 {
    (slot[1] >> 32) as u32
}

fn is_free(slot: Slot) -> bool {
    slot[1] == 0
}

impl Defs {
    /// Room for `n` more ids without growing.
    pub(super) fn reserve<'a>(&mut self, n: usize, id_of: impl Fn(u32) -> &'a str) {
        let need = self.taken.saturating_add(n).saturating_mul(2).max(16);
        if need > self.slots.len() {
            self.rehash(need.next_power_of_two(), id_of);
        }
    }

    /// Moves every id to a new table of `size` slots.
    fn rehash<'a>(&mut self, size: usize, id_of: impl Fn(u32) -> &'a str) {
        let old = std::mem::replace(&mut self.slots, vec![[0; 2]; size]);
        for slot in old.into_iter().filter(|s| !is_free(*s)) {
            let mut i = self.home(self.hasher.hash_one(id_of(number(slot))));
            while !is_free(self.slots[i]) {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = slot;
        }
    }

    /// The home slot of an id hashed to `hash` (the table is not empty).
    fn home(&self, hash: u64) -> usize {
        // The high bits: the well-mixed ones.
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// Where `id` is, or the free slot ending its run.
    fn probe<'a>(&self, id: &str, hash: u64, id_of: &impl Fn(u32) -> &'a str) -> (usize, bool) {
        let h = head(id);
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let slot = self.slots[i];
            if is_free(slot) {
                return (i, false);
            }
            if holds(slot, id, h, id_of) {
                return (i, true);
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of `id`'s definition, if it has one.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let (i, found) = self.probe(id, self.hasher.hash_one(id), &id_of);
        found.then(|| number(self.slots[i]))
    }

    /// `get` for each id of `ids` in turn, handing `found` each answer in
    /// the same order. The home slots of the next `AHEAD` ids are loaded
    /// while one is probed: at 10^6 ids, the lookups of a KB's relations
    /// then wait for memory together, not one after another.
    pub(super) fn get_each<'k, 'a>(
        &self,
        ids: impl IntoIterator<Item = &'k str>,
        id_of: impl Fn(u32) -> &'a str,
        mut found: impl FnMut(Option<u32>),
    ) {
        if self.slots.is_empty() {
            ids.into_iter().for_each(|_| found(None));
            return;
        }
        let mut ring: [(&str, u64); AHEAD] = [("", 0); AHEAD];
        let (mut next, mut pending) = (0, 0);
        let mut answer = |(id, hash): (&str, u64)| {
            let (i, hit) = self.probe(id, hash, &id_of);
            found(hit.then(|| number(self.slots[i])));
        };
        for id in ids {
            let hash = self.hasher.hash_one(id);
            prefetch(&self.slots[self.home(hash)]);
            if pending == AHEAD {
                answer(ring[next]);
            } else {
                pending += 1;
            }
            ring[next] = (id, hash);
            next = (next + 1) % AHEAD;
        }
        // The last ones, oldest first.
        for k in 0..pending {
            answer(ring[(next + AHEAD - pending + k) % AHEAD]);
        }
    }

    /// Defines `id` as number `n`, or, when it is defined already, gives
    /// that definition's number and changes nothing. `id` must be shorter
    /// than 4 GiB (ids are at most `MAX_ID_LEN` bytes).
    pub(super) fn define<'a>(
        &mut self,
        id: &str,
        n: u32,
        id_of: impl Fn(u32) -> &'a str,
    ) -> Result<(), u32> {
        assert!(u32::try_from(id.len() + 1).is_ok(), "ids are short");
        if (self.taken + 1) * 2 > self.slots.len() {
            self.reserve(self.taken.max(8), &id_of);
        }
        let (i, found) = self.probe(id, self.hasher.hash_one(id), &id_of);
        if found {
            return Err(number(self.slots[i]));
        }
        self.slots[i] = [head(id), tail(id.len(), n)];
        self.taken += 1;
        Ok(())
    }

    /// Starts loading the home slot of `id` (a `define` or `get` to come).
    pub(super) fn prefetch(&self, id: &str) {
        if !self.slots.is_empty() {
            prefetch(&self.slots[self.home(self.hasher.hash_one(id))]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Defines each id in turn; the numbers of those already defined.
    fn define_all(ids: &[String]) -> (Defs, Vec<Option<u32>>) {
        let mut defs = Defs::default();
        // What a definition's number reads: the id it was defined with.
        let mut defined: Vec<usize> = Vec::new();
        let mut taken = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let n = defined.len() as u32;
            match defs.define(id, n, |n| ids[defined[n as usize]].as_str()) {
                Ok(()) => {
                    defined.push(i);
                    taken.push(None);
                }
                Err(first) => taken.push(Some(first)),
            }
        }
        (defs, taken)
    }

    #[test]
    fn ids_sharing_a_head_or_a_length_are_told_apart() {
        let ids: Vec<String> = [
            "c1",
            "c1x",
            "c12345678",
            "c12345679",
            "c1234567",
            "c1234567\0",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefghi",
            "c1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (defs, taken) = define_all(&ids);
        // The repeated ones find their first definitions' numbers.
        assert_eq!(taken[9], Some(7));
        assert_eq!(taken[10], Some(0));
        assert!(taken[..9].iter().all(Option::is_none), "{taken:?}");
        let firsts: Vec<&str> = ids[..9].iter().map(String::as_str).collect();
        let id_of = |n: u32| firsts[n as usize];
        for (n, id) in firsts.iter().enumerate() {
            assert_eq!(defs.get(id, id_of), Some(n as u32), "{id:?}");
        }
        for unknown in [
            "",
            "c",
            "c2",
            "c123456789",
            "abcdefghk",
            "abcdefgh\0",
            "c1\0",
        ] {
            assert_eq!(defs.get(unknown, id_of), None, "{unknown:?}");
        }
    }

    #[test]
    fn an_empty_table_finds_nothing_and_a_full_one_grows() {
        let empty = Defs::default();
        let mut each = Vec::new();
        empty.get_each(["a", "b"], |_| "", |n| each.push(n));
        assert_eq!(each, [None, None]);
        assert_eq!(empty.get("a", |_| ""), None);
        // Defined without a reserve: the table grows as it fills.
        let ids: Vec<String> = (0..1000).map(|i| format!("id-{i}")).collect();
        let (defs, taken) = define_all(&ids);
        assert!(taken.iter().all(Option::is_none));
        assert!(defs.slots.len() >= 2 * ids.len(), "{}", defs.slots.len());
        for (n, id) in ids.iter().enumerate() {
            assert_eq!(defs.get(id, |n| ids[n as usize].as_str()), Some(n as u32));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// Agrees with a map from whole ids, on ids made to share heads.
        #[test]
        fn the_table_agrees_with_a_map(
            ids in proptest::collection::vec("[ab]{0,3}[ab0-9.:]{0,12}", 0..200),
            probes in proptest::collection::vec("[ab]{0,3}[ab0-9.:]{0,12}", 0..50),
        ) {
            let (defs, taken) = define_all(&ids);
            let mut map = std::collections::HashMap::new();
            let mut firsts = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let expected = map.get(id.as_str()).copied();
                prop_assert_eq!(taken[i], expected);
                if expected.is_none() {
                    map.insert(id.as_str(), firsts.len() as u32);
                    firsts.push(id.as_str());
                }
            }
            let id_of = |n: u32| firsts[n as usize];
            for id in ids.iter().chain(&probes) {
                prop_assert_eq!(defs.get(id, id_of), map.get(id.as_str()).copied());
            }
            // The batched lookup gives the same answers, in order, however
            // many ids it is handed (fewer or more than it has in flight).
            let mut each = Vec::new();
            defs.get_each(ids.iter().chain(&probes).map(String::as_str), id_of, |n| each.push(n));
            let expected: Vec<Option<u32>> =
                ids.iter().chain(&probes).map(|id| map.get(id.as_str()).copied()).collect();
            prop_assert_eq!(each, expected);
        }
    }
}
