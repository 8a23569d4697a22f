//! Loading a KB into a SPARQL 1.1 server through the Graph Store HTTP
//! Protocol (`argkb push`), so that a team can query one shared copy.
//!
//! The KB's RDF (`rdf::quads`, the same triples `sparql` queries in
//! process) goes to the server one named graph per source: a claim's
//! triples in its source's graph (`src:ID`), as in the embedded store. The
//! triples the embedded store keeps in its default graph (the KB's own
//! description, actors, sources) go to a named graph of the KB's IRI
//! (`kb:`), so that a push never touches the server's default graph,
//! which other KBs and users may share. With a server that reads the
//! default graph as the union of all graphs (Oxigraph's
//! `--union-default-graph`; Virtuoso does by default), a query gives the
//! answers it gives in process.
//!
//! Each graph is sent as N-Triples (serialised by oxigraph) in chunks of
//! at most `chunk` triples: with `Mode::Replace` the first chunk of a
//! graph is a `PUT` (the graph is replaced) and the rest are `POST`s
//! (merged); with `Mode::Merge` every chunk is a `POST`. The first
//! request the server refuses stops the push, and the error says how much
//! the server now holds: a push is never half-done and called done.

use std::collections::{BTreeMap, BTreeSet};

use oxhttp::model::Method;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Triple};

use super::remote::Server;
use super::{Base, Graphs, quads};
use crate::graph::ArgGraph;
use crate::graph::select::View;

/// What a push does to graphs the server already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Mode {
    /// each of the KB's graphs replaces the server's graph of that name
    #[default]
    Replace,
    /// the KB's triples are added to what the server holds
    Merge,
}

/// How many triples go in one request unless asked otherwise.
pub const DEFAULT_CHUNK: usize = 50_000;

/// What a push sent: each graph with its triple count, in IRI order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub graphs: Vec<(String, usize)>,
    pub triples: usize,
    pub requests: usize,
}

/// Why a push stopped.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("`{url}` is not a Graph Store URL: {message}")]
    BadUrl { url: String, message: String },
    #[error("the server at {url} {message}; {}", written(*.sent, *.done, *.total))]
    Stopped {
        url: String,
        message: String,
        /// Triples the server took before it stopped.
        sent: usize,
        /// Graphs written in full.
        done: usize,
        total: usize,
    },
}

/// What the server holds after a push stopped, in words.
fn written(sent: usize, done: usize, total: usize) -> String {
    if sent == 0 {
        "it took none of the KB's triples (nothing was written)".to_string()
    } else {
        format!(
            "it took {sent} triples first, and {done} of {total} graphs in full, so it holds part of the KB: push again"
        )
    }
}

/// Sends every triple of `graph` to the Graph Store at `store`, calling
/// `progress(sent, total)` after each request.
pub fn push(
    graph: &ArgGraph,
    base: &Base,
    server: &Server,
    store: &str,
    mode: Mode,
    chunk: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Report, PushError> {
    let store_url = url::Url::parse(store).map_err(|e| PushError::BadUrl {
        url: store.to_string(),
        message: e.to_string(),
    })?;
    if !matches!(store_url.scheme(), "http" | "https") {
        return Err(PushError::BadUrl {
            url: store.to_string(),
            message: "only http and https are spoken".into(),
        });
    }
    let chunk = chunk.max(1);
    let sel = View::default()
        .select(graph)
        .expect("the default view selects the whole KB");
    let kb_graph = GraphName::NamedNode(base.kb());
    let home = |g: GraphName| match g {
        GraphName::DefaultGraph => kb_graph.clone(),
        g => g,
    };
    // First pass: how many triples each graph has (for the progress and
    // the report).
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    quads(graph, &sel, base, Graphs::PerSource, &mut |q| {
        *counts.entry(graph_iri(&home(q.graph_name))).or_default() += 1;
        Ok::<(), ()>(())
    })
    .expect("counting cannot fail");
    let total: usize = counts.values().sum();
    let mut sender = Sender {
        server,
        store_url,
        mode,
        started: BTreeSet::new(),
        sent: 0,
        requests: 0,
        total,
        graphs_total: counts.len(),
        remaining: counts.clone(),
        progress,
    };
    // Second pass: N-Triples per graph, sent a chunk at a time.
    let mut buffers: BTreeMap<String, Chunk> = BTreeMap::new();
    quads(graph, &sel, base, Graphs::PerSource, &mut |q| {
        let iri = graph_iri(&home(q.graph_name.clone()));
        let buffer = buffers.entry(iri.clone()).or_insert_with(Chunk::new);
        buffer.add(&Triple::from(q));
        if buffer.count >= chunk {
            let full = std::mem::replace(buffer, Chunk::new());
            sender.send(&iri, full)?;
        }
        Ok(())
    })?;
    for (iri, buffer) in buffers {
        if buffer.count > 0 {
            sender.send(&iri, buffer)?;
        }
    }
    Ok(Report {
        graphs: counts.into_iter().collect(),
        triples: total,
        requests: sender.requests,
    })
}

/// The IRI naming a graph (every graph sent is a named one).
fn graph_iri(g: &GraphName) -> String {
    match g {
        GraphName::NamedNode(n) => n.as_str().to_string(),
        GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
        GraphName::DefaultGraph => String::new(),
    }
}

/// N-Triples for one request.
struct Chunk {
    text: Vec<u8>,
    count: usize,
}

impl Chunk {
    fn new() -> Chunk {
        Chunk {
            text: Vec::new(),
            count: 0,
        }
    }

    fn add(&mut self, t: &Triple) {
        let mut s = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut self.text);
        s.serialize_triple(t)
            .expect("writing N-Triples into memory cannot fail");
        s.finish()
            .expect("writing N-Triples into memory cannot fail");
        self.count += 1;
    }
}

struct Sender<'a> {
    server: &'a Server,
    store_url: url::Url,
    mode: Mode,
    /// Graphs that have had a first request.
    started: BTreeSet<String>,
    sent: usize,
    requests: usize,
    total: usize,
    graphs_total: usize,
    /// Triples still to send, per graph (a graph at 0 is written).
    remaining: BTreeMap<String, usize>,
    progress: &'a mut dyn FnMut(usize, usize),
}

impl Sender<'_> {
    fn send(&mut self, iri: &str, chunk: Chunk) -> Result<(), PushError> {
        let first = self.started.insert(iri.to_string());
        let method = if first && self.mode == Mode::Replace {
            Method::PUT
        } else {
            Method::POST
        };
        let mut url = self.store_url.clone();
        url.query_pairs_mut().append_pair("graph", iri);
        let stop = |message: String, this: &Self| PushError::Stopped {
            url: this.store_url.to_string(),
            message,
            sent: this.sent,
            done: this.remaining.values().filter(|&&n| n == 0).count(),
            total: this.graphs_total,
        };
        let reply = self
            .server
            .send(
                method.clone(),
                url.as_str(),
                Some("application/n-triples"),
                "*/*",
                chunk.text,
            )
            .map_err(|m| stop(format!("did not take graph <{iri}>: {m}"), self))?;
        if !reply.status.is_success() {
            return Err(stop(
                format!(
                    "refused graph <{iri}> ({method} answered {})",
                    reply.refusal()
                ),
                self,
            ));
        }
        self.requests += 1;
        self.sent += chunk.count;
        if let Some(n) = self.remaining.get_mut(iri) {
            *n = n.saturating_sub(chunk.count);
        }
        (self.progress)(self.sent, self.total);
        Ok(())
    }
}
