//! argkb: an argument-graph knowledge base.
//!
//! The crate is a house of floors, each importing only from the floors
//! below it (docs/ARCHITECTURE.md draws them; a test keeps them so):
//!
//! 1. `sys`: what argkb asks of the operating system (reading input,
//!    watching files, cleaning up on interrupt, running Graphviz).
//! 2. `diagnostic`: located problems and their rendering.
//! 3. `ron`: the RON text of KB files (the fast reader, the span index,
//!    the writer).
//! 4. `model`: the serde types that mirror a KB file, and the parse from
//!    text into them.
//! 5. `validate`: the format's semantic rules, one file per family.
//! 6. `graph`: the validated petgraph with its id index and views.
//! 7. `load`: the whole path from inputs to a graph.
//! 8. The readers of the graph: `provenance` (the KB against its source
//!    text), `af` (abstract frameworks and their semantics), `query`,
//!    `rdf` (triples and SPARQL), `export`; `import`, which writes KB
//!    text from other formats; and `diff`, which compares two graphs.
//! 9. `lsp`: the language server, on the same layers.
//! 10. `cli`: one file per command; `main.rs` only wires it to the process.

pub mod sys;

pub mod diagnostic;

pub mod ron;

pub mod model;

pub mod validate;

pub mod graph;

pub mod load;

pub mod provenance;

pub mod af;

pub mod query;

pub mod rdf;

pub mod export;

pub mod import;

pub mod diff;

pub mod lsp;

pub mod cli;

#[cfg(test)]
mod floors;
