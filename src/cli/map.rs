//! Maps and exports, as `export`, `render` and `watch` make them: the
//! view and map-style arguments turned into a selection and DOT options,
//! the exporter or Graphviz run, the explorer page, and the notes on what
//! a view hid or a format could not hold.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use super::error::Error;
use super::options::{DotArgs, ViewArgs};
use super::output::write_output;
use super::render::RenderFormat;
use super::texts::source_texts;
use crate::export::dot::DotOptions;
use crate::export::{Exporter, Format};
use crate::graph::ArgGraph;
use crate::graph::select::{Selection, View};
use crate::load::Loaded;
use crate::query;
use crate::sys::graphviz::{ImageFormat, render};
use crate::sys::input::Input;

/// What `export`, `render` and `watch` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Export(Format),
    Render(RenderFormat),
}

/// How a map or export is made: the view, the DOT options, the texts for
/// the html page, Graphviz's time limit and the RDF base.
#[derive(Debug, Clone)]
pub struct MapOptions {
    pub view: ViewArgs,
    pub dot: DotArgs,
    pub texts: Vec<String>,
    pub timeout: u64,
    pub base: crate::rdf::Base,
}

/// Where it goes: a file (or standard output), never over the KB.
pub struct Target<'a> {
    pub output: Option<&'a Path>,
    pub inputs: &'a [Input],
}

/// Writes the export or map `what` of `loaded`; returns the notes for
/// stderr (hidden relations, what a format could not hold).
pub fn write_map(
    loaded: &Loaded,
    what: Made,
    made: &MapOptions,
    target: &Target<'_>,
    out: &mut dyn Write,
) -> Result<Vec<String>, Error> {
    let graph = &loaded.graph;
    let is_map = matches!(
        what,
        Made::Render(_) | Made::Export(Format::Dot | Format::Html)
    );
    let (sel, options, note) = prepare(graph, made.view.clone(), made.dot.clone(), is_map)?;
    let mut notes: Vec<String> = note.into_iter().collect();
    let image = match what {
        Made::Render(RenderFormat::Svg) => Some(ImageFormat::Svg),
        Made::Render(RenderFormat::Png) => Some(ImageFormat::Png),
        Made::Render(RenderFormat::Pdf) => Some(ImageFormat::Pdf),
        _ => None,
    };
    if let Some(format) = image {
        let mut source = Vec::new();
        Format::Dot
            .exporter(&options)
            .export(graph, &sel, &mut source)?;
        let bytes = render(&source, format, Duration::from_secs(made.timeout))?;
        write_output(target.output, target.inputs, out, &mut |w| {
            w.write_all(&bytes)
        })?;
        return Ok(notes);
    }
    let exporter: Box<dyn Exporter> = match what {
        Made::Export(Format::Html) | Made::Render(RenderFormat::Html) => {
            Box::new(explorer(loaded, &options, &made.texts, made.timeout)?)
        }
        Made::Export(format) => format.exporter_with_base(&options, &made.base),
        Made::Render(_) => unreachable!("images are drawn above"),
    };
    write_output(target.output, target.inputs, out, &mut |w| {
        exporter.export(graph, &sel, w)
    })?;
    notes.extend(
        exporter
            .unwritten(graph, &sel)
            .into_iter()
            .map(|n| format!("note: {n}")),
    );
    Ok(notes)
}

/// The explorer page's exporter: the source texts (given, or the KB's
/// `text` paths) and the grounded labels for its colouring toggle (or the
/// `--label` ones).
pub fn explorer(
    loaded: &Loaded,
    options: &DotOptions,
    sources: &[String],
    timeout: u64,
) -> Result<crate::export::html::Html, Error> {
    let texts = source_texts(loaded, sources)?;
    let labels = match &options.acceptability {
        Some(a) => Some(a.clone()),
        None => query::eval::evaluate(
            &loaded.graph,
            crate::af::semantics::Semantics::Grounded,
            crate::af::from_kb::Support::None,
            &[],
            1,
        )
        .ok()
        .map(|ev| crate::export::dot::Acceptability {
            semantics: "grounded",
            labels: ev.af.names.iter().cloned().zip(ev.labels).collect(),
        }),
    };
    Ok(crate::export::html::Html {
        dot: options.clone(),
        texts,
        labels,
        timeout: Duration::from_secs(timeout),
    })
}

/// Turns the view and DOT arguments into a selection and DOT options.
/// Maps leave actors out unless asked: two dozen actors with their stance
/// edges swamp the argument (the note on stderr says how to add them).
pub fn prepare<'g>(
    graph: &'g ArgGraph,
    view: ViewArgs,
    dot: DotArgs,
    is_map: bool,
) -> Result<(Selection<'g>, DotOptions, Option<String>), Error> {
    // A map focused on an actor shows actors: the focus itself is one.
    let focus_is_actor = view
        .focus
        .as_deref()
        .and_then(|id| graph.node(id))
        .is_some_and(|n| n.kind() == crate::model::NodeKind::Actor);
    let actors_by_default = is_map && !view.actors && !view.no_actors && !focus_is_actor;
    let view = View {
        focus: view.focus.map(|id| (id, view.depth)),
        no_actors: view.no_actors || actors_by_default,
        rels: view.rel,
        filter: view.filter.into(),
    };
    let sel = view.select(graph)?;
    let mut highlight = BTreeSet::new();
    if let Some([from, to]) = dot.highlight_path.as_deref() {
        for e in query::path::shortest(graph, from, to, &[])? {
            highlight.insert((e.source.to_string(), e.kind, e.target.to_string()));
        }
    }
    let acceptability = match dot.label {
        None => None,
        Some(semantics) => {
            let ev = query::eval::evaluate(
                graph,
                semantics,
                crate::af::from_kb::Support::None,
                &[],
                100,
            )?;
            Some(crate::export::dot::Acceptability {
                semantics: semantics.name(),
                labels: ev.af.names.iter().cloned().zip(ev.labels).collect(),
            })
        }
    };
    let options = DotOptions {
        rankdir: dot.rankdir,
        cluster_by: dot.cluster_by,
        highlight,
        legend: !dot.no_legend,
        wrap: dot.wrap.max(8),
        acceptability,
    };
    let mut note = hidden_note(&sel);
    if let Some(n) = note.as_mut().filter(|_| actors_by_default) {
        n.push_str("; maps leave actors out unless given --actors");
    }
    Ok((sel, options, note))
}

/// Says how many relations a view left out, by kind.
fn hidden_note(sel: &Selection<'_>) -> Option<String> {
    let total = sel.hidden_total();
    (total > 0).then(|| {
        let parts: Vec<String> = sel
            .hidden
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        format!(
            "note: {total} relation{} not shown by this view ({})",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    })
}
