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

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

/// Defined ids and their dense numbers.
#[derive(Debug, Default)]
pub(super) struct Defs {
    table: HashTable<Slot>,
    hasher: RandomState,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The id's first eight bytes, zero-padded, little-endian.
    head: u64,
    len: u32,
    n: u32,
}

/// Bytes of an id held in its slot.
const HEAD: usize = 8;

fn head(id: &str) -> u64 {
    let bytes = id.as_bytes();
    let mut head = [0u8; HEAD];
    let k = bytes.len().min(HEAD);
    head[..k].copy_from_slice(&bytes[..k]);
    u64::from_le_bytes(head)
}

impl Slot {
    /// Whether this slot holds `id`, whose head is `h`; `id_of` gives the
    /// id a number defines (read only for ids longer than `HEAD`).
    fn holds<'a>(self, id: &str, h: u64, id_of: &impl Fn(u32) -> &'a str) -> bool {
        self.head == h
            && self.len as usize == id.len()
            && (id.len() <= HEAD || id_of(self.n).as_bytes()[HEAD..] == id.as_bytes()[HEAD..])
    }
}

impl Defs {
    /// Room for `n` more ids without growing.
    pub(super) fn reserve<'a>(&mut self, n: usize, id_of: impl Fn(u32) -> &'a str) {
        let hasher = &self.hasher;
        self.table.reserve(n, |slot| hasher.hash_one(id_of(slot.n)));
    }

    /// The number of `id`'s definition, if it has one.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let h = head(id);
        self.table
            .find(self.hasher.hash_one(id), |slot| slot.holds(id, h, &id_of))
            .map(|slot| slot.n)
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
        let hasher = &self.hasher;
        let h = head(id);
        match self.table.entry(
            hasher.hash_one(id),
            |slot| slot.holds(id, h, &id_of),
            |slot| hasher.hash_one(id_of(slot.n)),
        ) {
            Entry::Occupied(slot) => Err(slot.get().n),
            Entry::Vacant(slot) => {
                slot.insert(Slot {
                    head: h,
                    len: u32::try_from(id.len()).expect("ids are short"),
                    n,
                });
                Ok(())
            }
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
        }
    }
}
