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
pub const CHUNK: usize = 4096;

/// Formats one chunk of items, given the index of its first item, into
/// the buffer (empty when given).
pub type FormatChunk<'f, T> = dyn Fn(usize, &[T], &mut Vec<u8>) -> io::Result<()> + Sync + 'f;

/// Buffers each formatting thread works with: one being filled while the
/// other waits to be written or is being written.
const BUFFERS_PER_WORKER: usize = 2;

/// Writes what `format` makes of each chunk of `items` (given the index
/// of the chunk's first item), in order: the same bytes as one pass.
///
/// Two scoped threads format the chunks, alternately (a map of 10^6
/// nodes has 10^6 lines: on two cores, about half the time), while this
/// thread writes each chunk as it comes, in order, so that writing (for a
/// file, the kernel copying hundreds of megabytes) overlaps formatting
/// instead of following it. Each thread has `BUFFERS_PER_WORKER`
/// buffers, passed back once written and used again: megabytes each,
/// fresh memory for every chunk would be paid for in page faults, and
/// the buffers bound what is held. A failed write stops the threads at
/// their next chunk; a failed format is returned in order, after the
/// chunks before it are written.
pub fn write_chunked<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    format: &FormatChunk<'_, T>,
) -> io::Result<()> {
    use std::sync::mpsc::{channel, sync_channel};

    let chunks = items.len().div_ceil(CHUNK);
    if chunks <= 1 {
        let mut buf = Vec::new();
        format(0, items, &mut buf)?;
        return out.write_all(&buf);
    }
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|w| {
                let (full_tx, full) = sync_channel::<io::Result<Vec<u8>>>(BUFFERS_PER_WORKER);
                let (empty, empty_rx) = channel::<Vec<u8>>();
                for _ in 0..BUFFERS_PER_WORKER {
                    // Cannot fail: the receiver is in scope.
                    let _ = empty.send(Vec::new());
                }
                s.spawn(move || {
                    for k in (w..chunks).step_by(2) {
                        // The writer gone (it failed): stop.
                        let Ok(mut buf) = empty_rx.recv() else { return };
                        buf.clear();
                        let start = k * CHUNK;
                        let chunk = &items[start..items.len().min(start + CHUNK)];
                        let made = format(start, chunk, &mut buf).map(|()| buf);
                        let failed = made.is_err();
                        if full_tx.send(made).is_err() || failed {
                            return;
                        }
                    }
                });
                (full, empty)
            })
            .collect();
        for k in 0..chunks {
            let (full, empty) = &workers[k % 2];
            // A worker that hung up early panicked: the scope re-raises
            // its panic once every thread is joined.
            let Ok(made) = full.recv() else { break };
            let buf = made?;
            out.write_all(&buf)?;
            // The worker may be done with its chunks: nothing to return.
            let _ = empty.send(buf);
        }
        Ok(())
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Formats each item as its number and a newline.
    fn numbers(start: usize, chunk: &[usize], buf: &mut Vec<u8>) -> io::Result<()> {
        for (i, x) in chunk.iter().enumerate() {
            assert_eq!(
                start + i,
                *x,
                "a chunk is given the index of its first item"
            );
            buf.extend_from_slice(format!("{x}\n").as_bytes());
        }
        Ok(())
    }

    fn serial(n: usize) -> String {
        (0..n).map(|i| format!("{i}\n")).collect()
    }

    #[test]
    fn chunks_are_written_in_order_whatever_their_number() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 7 * CHUNK + 3] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            write_chunked(&mut out, &items, &numbers).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), serial(n), "{n} items");
        }
    }

    /// A writer that fails once it has taken `room` bytes.
    struct Full {
        taken: Vec<u8>,
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_stops_the_formatting_and_is_returned() {
        let items: Vec<usize> = (0..20 * CHUNK).collect();
        let whole = serial(items.len());
        // Fails in the third chunk: the two before are written whole.
        let room = serial(2 * CHUNK).len() + 10;
        let mut out = Full {
            taken: Vec::new(),
            room,
        };
        let err = write_chunked(&mut out, &items, &numbers).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(out.taken, whole.as_bytes()[..serial(2 * CHUNK).len()]);
    }

    #[test]
    fn a_failed_chunk_is_returned_after_the_chunks_before_it() {
        let items: Vec<usize> = (0..9 * CHUNK).collect();
        for bad in [0, 1, 4, 8] {
            let mut out = Vec::new();
            let err = write_chunked(&mut out, &items, &|start, chunk, buf| {
                if start == bad * CHUNK {
                    return Err(io::Error::other(format!("chunk {bad}")));
                }
                numbers(start, chunk, buf)
            })
            .unwrap_err();
            assert_eq!(err.to_string(), format!("chunk {bad}"));
            assert_eq!(String::from_utf8(out).unwrap(), serial(bad * CHUNK));
        }
    }
}
