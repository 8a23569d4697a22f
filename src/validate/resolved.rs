//! The references of a KB that passed validation, as validation resolved
//! them: every relation's ends, every argument's premises and conclusion,
//! every conflict's attackers and target, as dense node numbers. Handed
//! to the graph's build, so that it does not hash every id a second time
//! (some 3.5 million lookups in a KB of 10^6 nodes, each a walk through
//! a table far larger than the cache).
//!
//! Dense numbers count the definitions file by file, section by section
//! (actors, claims, recommendations, arguments, conflicts), in order. In
//! a KB with no error every entry defines a node, so that order is the
//! order the graph adds its nodes in; `nodes` lets the graph check it.

use super::{Ends, Links};

/// Every reference of a valid KB, resolved (see the module doc).
#[derive(Debug)]
pub struct Resolved {
    /// How many definitions were numbered.
    pub(super) nodes: usize,
    /// Each file's relations' ends, by position.
    pub(super) ends: Vec<Vec<Ends>>,
    /// Each file's arguments' premises and conclusions.
    pub(super) arguments: Vec<Links>,
    /// Each file's conflicts' attackers and targets.
    pub(super) conflicts: Vec<Links>,
}

impl Resolved {
    /// How many nodes the numbering covers.
    pub fn nodes(&self) -> usize {
        self.nodes
    }

    /// How many files the numbering covers.
    pub fn files(&self) -> usize {
        self.ends.len()
    }

    /// The ends of relation `i` of `file`.
    pub fn relation(&self, file: usize, i: usize) -> [Option<u32>; 2] {
        self.ends[file][i].get()
    }

    /// How many relations `file` has.
    pub fn relations(&self, file: usize) -> usize {
        self.ends[file].len()
    }

    /// How many arguments `file` has.
    pub fn arguments(&self, file: usize) -> usize {
        self.arguments[file].len()
    }

    /// How many conflicts `file` has.
    pub fn conflicts(&self, file: usize) -> usize {
        self.conflicts[file].len()
    }

    /// Argument `i` of `file`: its premises, then its conclusion.
    pub fn argument(&self, file: usize, i: usize) -> (&[Option<u32>], Option<u32>) {
        self.arguments[file].of(i)
    }

    /// Conflict `i` of `file`: its attackers, then its target.
    pub fn conflict(&self, file: usize, i: usize) -> (&[Option<u32>], Option<u32>) {
        self.conflicts[file].of(i)
    }
}
