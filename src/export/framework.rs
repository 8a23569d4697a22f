//! The KB's abstract argumentation framework (`af::from_kb`, support
//! ignored) in the ICCMA 2023 format or APX, so that any ICCMA solver can
//! check argkb's `eval`. Argument numbers follow id order; the ICCMA file
//! names each number's id in a comment line.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::Exporter;
use crate::af::formats::{write_apx, write_iccma};
use crate::af::from_kb::{Support, framework};
use crate::graph::ArgGraph;
use crate::graph::select::Selection;

/// The framework exporter: ICCMA (`apx` false) or APX.
pub struct FrameworkExport {
    pub apx: bool,
}

impl Exporter for FrameworkExport {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Nodes the view left out are struck from the framework.
        let kept: BTreeSet<&str> = sel.nodes.iter().map(|n| n.id()).collect();
        let removed: BTreeSet<&str> = graph
            .nodes()
            .into_iter()
            .map(|n| n.id())
            .filter(|id| !kept.contains(id))
            .collect();
        let af = framework(graph, Support::None, &removed);
        if self.apx {
            write_apx(&af, out)
        } else {
            write_iccma(&af, out)
        }
    }

    fn unwritten(&self, _graph: &ArgGraph, _sel: &Selection<'_>) -> Vec<String> {
        vec!["the framework keeps claims, recommendations and arguments and their attacks and undercuts (with attacks on premises reaching the arguments); support, actors and their relations are not part of it".into()]
    }
}
