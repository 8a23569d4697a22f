//! Exporters: one module per output format, all behind the `Exporter` trait.
//!
//! Exporters read the validated `ArgGraph`, never the raw KB, and emit nodes
//! and edges in id order so that the same KB gives byte-identical output.
//! User text reaches an output syntax only through that format's one
//! escaping function.

use std::io::{self, Write};

use crate::graph::ArgGraph;
use crate::graph::select::Selection;

pub mod aif;
pub mod argdown;
pub mod dot;
pub mod framework;
pub mod graphml;
pub mod html;
pub mod json;
pub mod rdf;
mod scan;

/// Items an exporter formats per chunk.
pub const CHUNK: usize = 8192;

/// Formats one chunk of items, given the index of its first item, into
/// the buffer (empty when given).
pub type FormatChunk<'f, T> = dyn Fn(usize, &[T], &mut Vec<u8>) -> io::Result<()> + Sync + 'f;

/// Writes what `format` makes of each chunk of `items` (given the index
/// of the chunk's first item), in order. Chunks are formatted two at a
/// time, the second on a scoped thread: the same bytes as one pass, in
/// about half the time on two cores (a map of 10^6 nodes has 10^6 lines).
/// The two buffers are used again for every pair of chunks: megabytes
/// each, fresh memory for every chunk would be paid for in page faults.
pub fn write_chunked<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    format: &FormatChunk<'_, T>,
) -> io::Result<()> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut chunks = items.chunks(CHUNK).enumerate();
    while let Some((i, first)) = chunks.next() {
        let second = chunks.next();
        a.clear();
        b.clear();
        let (ra, rb) = std::thread::scope(|s| {
            let b = &mut b;
            let other = second.map(|(j, c)| s.spawn(move || format(j * CHUNK, c, b)));
            let ra = format(i * CHUNK, first, &mut a);
            let rb = other.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            (ra, rb)
        });
        ra?;
        out.write_all(&a)?;
        if let Some(rb) = rb {
            rb?;
            out.write_all(&b)?;
        }
    }
    Ok(())
}

/// Writes the selected part of a graph in one format.
pub trait Exporter {
    /// Writes the nodes and edges of `selection` (taken from `graph`) to
    /// `out`.
    fn export(
        &self,
        graph: &ArgGraph,
        selection: &Selection<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()>;

    /// What of `selection` the format cannot hold and `export` leaves out,
    /// one line each, for the user (nothing is dropped unsaid).
    fn unwritten(&self, _graph: &ArgGraph, _selection: &Selection<'_>) -> Vec<String> {
        Vec::new()
    }
}

/// The formats `argkb export` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// node-link JSON, as read by networkx and D3
    Json,
    /// Graphviz DOT, styled
    Dot,
    /// Argdown, for the Argdown tools
    Argdown,
    /// AIF JSON, as AIFdb reads it
    Aif,
    /// AIF JSON wrapped the OVA3 way (xAIF)
    Xaif,
    /// GraphML, for networkx, yEd, Gephi and Cytoscape
    Graphml,
    /// the abstract framework, ICCMA 2023 format (`p af N`)
    Iccma,
    /// the abstract framework, APX (`arg(a).` `att(a,b).`)
    Apx,
    /// RDF Turtle (AIF and argkb vocabularies; docs/RDF.md)
    Turtle,
    /// RDF N-Triples
    Ntriples,
    /// RDF N-Quads, one named graph per source
    Nquads,
    /// a self-contained HTML explorer: the map beside the text (needs Graphviz)
    Html,
}

impl Format {
    /// The format a file extension names (`json`, `dot`, `gv`, `argdown`, `ad`, `graphml`, `af`, `apx`,
    /// `ttl`, `nt`, `nq`, `html`).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "json" => Some(Format::Json),
            "dot" | "gv" => Some(Format::Dot),
            "argdown" | "ad" => Some(Format::Argdown),
            "graphml" => Some(Format::Graphml),
            "af" | "i23" => Some(Format::Iccma),
            "apx" => Some(Format::Apx),
            "ttl" => Some(Format::Turtle),
            "nt" => Some(Format::Ntriples),
            "nq" => Some(Format::Nquads),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Whether a file with extension `ext` may hold this format (AIF is
    /// JSON too).
    pub fn fits_extension(self, ext: &str) -> bool {
        Format::from_extension(ext) == Some(self)
            || matches!((self, ext), (Format::Aif | Format::Xaif, "json"))
    }

    /// The exporter for this format; `dot` carries the DOT-only options.
    /// RDF IRIs go under the default base.
    pub fn exporter(self, dot: &dot::DotOptions) -> Box<dyn Exporter> {
        self.exporter_with_base(dot, &crate::rdf::Base::default())
    }

    /// `exporter`, with RDF IRIs under `base`.
    pub fn exporter_with_base(
        self,
        dot: &dot::DotOptions,
        base: &crate::rdf::Base,
    ) -> Box<dyn Exporter> {
        use oxigraph::io::RdfFormat;
        let rdf = |format| -> Box<dyn Exporter> {
            Box::new(rdf::Rdf {
                format,
                base: base.clone(),
            })
        };
        match self {
            Format::Json => Box::new(json::NodeLinkJson),
            Format::Dot => Box::new(dot::Dot {
                options: dot.clone(),
            }),
            Format::Argdown => Box::new(argdown::Argdown),
            Format::Aif => Box::new(aif::Aif { xaif: false }),
            Format::Xaif => Box::new(aif::Aif { xaif: true }),
            Format::Graphml => Box::new(graphml::GraphMl::default()),
            Format::Iccma => Box::new(framework::FrameworkExport { apx: false }),
            Format::Apx => Box::new(framework::FrameworkExport { apx: true }),
            Format::Turtle => rdf(RdfFormat::Turtle),
            Format::Ntriples => rdf(RdfFormat::NTriples),
            Format::Nquads => rdf(RdfFormat::NQuads),
            Format::Html => Box::new(html::Html {
                dot: dot.clone(),
                texts: Vec::new(),
                labels: None,
                timeout: std::time::Duration::from_secs(60),
            }),
        }
    }
}
