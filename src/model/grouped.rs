//! One table of items grouped by a dense key (compressed rows): the items
//! of key `k` sit together, in the order they were given. Built by a
//! counting sort, with no comparisons, it stands in for a vector per key: a
//! walk over 10^6 nodes reads two arrays instead of a million small
//! allocations. Validation's thesis walk and the graph's incoming edges
//! (`ArgGraph::incoming`) are both such tables.

#[derive(Debug, Clone)]
pub struct Grouped<T> {
    /// The items of key `k` are `items[start[k]..start[k + 1]]`.
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Grouped<T> {
    /// Groups `pairs` of (key, item) by key, each key below `keys`,
    /// keeping the order of the items of each key. `pairs` is walked three
    /// times.
    pub fn new<I>(keys: usize, pairs: I) -> Grouped<T>
    where
        I: Iterator<Item = (usize, T)> + Clone,
    {
        let mut start = vec![0usize; keys + 1];
        for (k, _) in pairs.clone() {
            start[k + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        // Every slot is written below; the items, in the order given, fill
        // the table first so that it needs no placeholder value (its size
        // is known: no vector grown by doubling).
        let mut items: Vec<T> = Vec::with_capacity(start[keys]);
        items.extend(pairs.clone().map(|(_, t)| t));
        // `start[k]` serves as key k's cursor and ends as the start of
        // key k + 1; shifted back by one, it is the start of each key
        // again (no second table of cursors).
        for (k, t) in pairs {
            items[start[k]] = t;
            start[k] += 1;
        }
        start.copy_within(0..keys, 1);
        start[0] = 0;
        Grouped { start, items }
    }

    /// The items of key `k`, in the order they were given.
    pub fn of(&self, k: usize) -> &[T] {
        &self.items[self.start[k]..self.start[k + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same groups, in the same order, as a vector per key; keys with
    /// no item give an empty slice.
    #[test]
    fn groups_like_a_vector_per_key() {
        let keys = 7;
        let pairs: Vec<(usize, u32)> = (0..200u32)
            .map(|i| (((i * 37) % 11 % 6) as usize, i))
            .collect();
        let table = Grouped::new(keys, pairs.iter().copied());
        let mut naive = vec![Vec::new(); keys];
        for &(k, t) in &pairs {
            naive[k].push(t);
        }
        for (k, items) in naive.iter().enumerate() {
            assert_eq!(table.of(k), items.as_slice(), "key {k}");
        }
        assert!(table.of(6).is_empty());
        assert!(Grouped::<u32>::new(0, std::iter::empty()).items.is_empty());
    }
}
