//! argkb: an argument-graph knowledge base.
//!
//! A KB written in RON (`model`) is read (`source`), parsed (`parse`),
//! checked (`validate`) with located diagnostics (`diagnostic`, `spans`),
//! and built into a typed graph (`graph`) that queries (`query`) and
//! exporters (`export`) read. `load` runs that pipeline; `cli` is the
//! command-line front end.

pub mod af;
pub mod cli;
pub mod diagnostic;
pub mod excerpt;
pub mod export;
pub mod graph;
pub mod grouped;
pub mod import;
pub mod init;
pub mod interrupt;
pub mod load;
pub mod model;
pub mod parse;
pub mod provenance;
pub mod query;
pub mod rdf;
pub mod render;
pub mod ron_fast;
pub mod ron_text;
pub mod source;
pub mod spans;
pub mod sparql;
pub mod suggest;
pub mod synth;
pub mod validate;
pub mod watch;
