//! RDF: Turtle, N-Triples and N-Quads (one named graph per source).
//!
//! The triples are `rdf::quads` (the mapping, documented in docs/RDF.md);
//! this module only hands them to oxrdfio's serialisers, which do all the
//! escaping of IRIs and literals, so no RDF syntax is written by hand.

use std::io::{self, Write};

use oxigraph::io::{RdfFormat, RdfSerializer};

use super::Exporter;
use crate::graph::ArgGraph;
use crate::graph::select::Selection;
use crate::rdf::{Base, Graphs, prefixes, quads};

/// The RDF exporter for one syntax.
pub struct Rdf {
    pub format: RdfFormat,
    pub base: Base,
}

impl Exporter for Rdf {
    fn export(&self, graph: &ArgGraph, sel: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut serializer = RdfSerializer::from_format(self.format);
        if self.format == RdfFormat::Turtle {
            for (name, iri) in prefixes(&self.base) {
                serializer = serializer
                    .with_prefix(name, iri)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            }
        }
        let mut writer = serializer.for_writer(io::BufWriter::new(out));
        let graphs = if self.format == RdfFormat::NQuads {
            Graphs::PerSource
        } else {
            Graphs::Default
        };
        quads(graph, sel, &self.base, graphs, &mut |q| {
            writer.serialize_quad(&q)
        })?;
        writer.finish()?.flush()
    }
}
