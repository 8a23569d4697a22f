//! One table of items grouped by a dense key (compressed rows): the items
//! of key `k` sit together, in the order they were given. Built by a
//! counting sort, with no comparisons, it stands in for a vector per key: a
//! walk over 10^6 nodes reads two arrays instead of a million small
//! allocations. Validation's thesis walk and the graph's incoming edges
//! (`ArgGraph::incoming`) are both such tables. Its walks over every key
//! (what a key reaches, whether the keys form a cycle) go breadth first,
//! loading the keys queued next ahead of reading them.

use crate::sys::prefetch::{AHEAD, prefetch};

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

    /// Starts loading key `k`'s place in the table of starts (a hint; a
    /// key out of range is ignored).
    fn prefetch_start(&self, k: usize) {
        if let Some(s) = self.start.get(k) {
            prefetch(s);
        }
    }

    /// Starts loading key `k`'s first items (a hint; it reads `k`'s
    /// start, so it pays off once that is cached).
    fn prefetch_items(&self, k: usize) {
        if let Some(t) = self.start.get(k).and_then(|&s| self.items.get(s)) {
            prefetch(t);
        }
    }
}

impl Grouped<u32> {
    /// Which keys can be reached from `from` by following items as keys
    /// (`from` itself included). A table of 10^6 keys is far larger than
    /// the cache, so the walk goes breadth first: the keys waiting in the
    /// queue are known well before they are read, and their starts, then
    /// their items, are loaded ahead (a depth-first stack reads each key
    /// just after finding it, waiting for memory at every step).
    pub fn reachable(&self, from: usize) -> Vec<bool> {
        let keys = self.start.len() - 1;
        let mut reached = vec![false; keys];
        let Some(r) = reached.get_mut(from) else {
            return reached;
        };
        *r = true;
        // Every key enters once: the queue is read from the front and
        // never shrinks.
        let mut queue = vec![from as u32];
        let mut head = 0;
        while let Some(&n) = queue.get(head) {
            if let Some(&ahead) = queue.get(head + AHEAD) {
                self.prefetch_items(ahead as usize);
            }
            head += 1;
            for &m in self.of(n as usize) {
                let m = m as usize;
                if !reached[m] {
                    reached[m] = true;
                    queue.push(m as u32);
                    self.prefetch_start(m);
                }
            }
        }
        reached
    }

    /// Whether the keys, with an edge from each key to each of its items,
    /// form no cycle (a key among its own items is one): every key can be
    /// taken once no key left points to it (Kahn). Keys are taken in the
    /// order they become free, first in first out, so that the keys to be
    /// read next are known and loaded ahead: their starts, their items,
    /// and then their items' counts.
    pub fn acyclic(&self) -> bool {
        let keys = self.start.len() - 1;
        let mut into = vec![0u32; keys];
        for &m in &self.items {
            into[m as usize] += 1;
        }
        let mut queue: Vec<u32> = (0..keys as u32)
            .filter(|&n| into[n as usize] == 0)
            .collect();
        let mut head = 0;
        while let Some(&n) = queue.get(head) {
            if let Some(&far) = queue.get(head + 2 * AHEAD) {
                self.prefetch_items(far as usize);
            }
            if let Some(&near) = queue.get(head + AHEAD) {
                for &m in self.of(near as usize) {
                    prefetch(&into[m as usize]);
                }
            }
            head += 1;
            for &m in self.of(n as usize) {
                let left = &mut into[m as usize];
                *left -= 1;
                if *left == 0 {
                    queue.push(m);
                    self.prefetch_start(m as usize);
                }
            }
        }
        queue.len() == keys
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

    /// Random graphs of up to 60 keys, sparse and dense, with self-loops:
    /// `reachable` finds what a depth-first search over the pairs finds,
    /// from every key, and a key out of range reaches nothing.
    #[test]
    fn reachable_agrees_with_a_depth_first_search() {
        let mut rng = crate::model::synth::Rng::new(11);
        for round in 0..200 {
            let keys = 1 + rng.below(60);
            let count = rng.below(keys * (1 + round % 4));
            let pairs: Vec<(usize, u32)> = (0..count)
                .map(|_| (rng.below(keys), rng.below(keys) as u32))
                .collect();
            let table = Grouped::new(keys, pairs.iter().copied());
            for from in 0..keys {
                let mut seen = vec![false; keys];
                let mut stack = vec![from];
                seen[from] = true;
                while let Some(k) = stack.pop() {
                    for &(a, b) in &pairs {
                        if a == k && !seen[b as usize] {
                            seen[b as usize] = true;
                            stack.push(b as usize);
                        }
                    }
                }
                assert_eq!(table.reachable(from), seen, "from {from} in {pairs:?}");
            }
            assert_eq!(table.reachable(keys), vec![false; keys]);
        }
    }
}
