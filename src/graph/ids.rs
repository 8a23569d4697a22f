//! The index from KB ids to graph nodes: a hash table of node indices
//! that reads each id from its node, so that no id is held twice.
//!
//! A map from owned ids held a copy of every id and a 32-byte slot per
//! entry: about 85 MB for a 10^6-node KB, against 10 MB for four bytes a
//! slot here. A lookup hashes the id asked for and compares it with the
//! ids of the nodes whose hashes agree, read through `id_of`.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use petgraph::stable_graph::NodeIndex;
use std::hash::BuildHasher;

/// Node indices, found by their nodes' ids.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<NodeIndex>,
    hasher: RandomState,
}

impl IdIndex {
    /// An empty index with room for `n` ids.
    pub fn with_capacity(n: usize) -> IdIndex {
        IdIndex {
            table: HashTable::with_capacity(n),
            hasher: RandomState::default(),
        }
    }

    /// Indexes `ix` under `id`, the id `id_of` gives for it: a node
    /// indexed under the same id before is no longer found by it (the
    /// last one added wins, as in a map).
    pub fn insert<'g>(&mut self, id: &str, ix: NodeIndex, id_of: impl Fn(NodeIndex) -> &'g str) {
        let hasher = &self.hasher;
        let hash = hasher.hash_one(id);
        match self.table.entry(
            hash,
            |&other| id_of(other) == id,
            |&other| hasher.hash_one(id_of(other)),
        ) {
            Entry::Occupied(mut slot) => *slot.get_mut() = ix,
            Entry::Vacant(slot) => {
                slot.insert(ix);
            }
        }
    }

    /// The node indexed under `id`.
    pub fn get<'g>(&self, id: &str, id_of: impl Fn(NodeIndex) -> &'g str) -> Option<NodeIndex> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&ix| id_of(ix) == id).copied()
    }

    /// How many ids are indexed.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by each id, whatever the hashes; a repeated id finds the last
    /// node added under it; an unknown id finds nothing.
    #[test]
    fn ids_find_their_nodes_and_the_last_of_a_repeated_id_wins() {
        let ids: Vec<String> = (0..5000).map(|i| format!("c{}", i % 4000)).collect();
        let id_of = |ix: NodeIndex| ids[ix.index()].as_str();
        let mut index = IdIndex::with_capacity(4);
        for (i, id) in ids.iter().enumerate() {
            index.insert(id, NodeIndex::new(i), id_of);
        }
        assert_eq!(index.len(), 4000);
        for i in 0..4000 {
            let last = if i < 1000 { 4000 + i } else { i };
            assert_eq!(
                index.get(&format!("c{i}"), id_of),
                Some(NodeIndex::new(last))
            );
        }
        assert_eq!(index.get("c4000", id_of), None);
        assert_eq!(index.get("", id_of), None);
    }
}
