//! `argkb render`: the map drawn by Graphviz (SVG, PNG, PDF), or the
//! explorer page.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::error::Error;
use super::map::{Made, MapOptions, Target, write_map};
use super::options::{DotArgs, ViewArgs};
use super::output::pick_format;
use super::session::{Outcome, Session};
use crate::sys::graphviz::ImageFormat;

// The arguments; the subcommand's help text is on its `Command` variant.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Image format (default: from the -o file's extension, else svg);
    /// html: the explorer page (as `export --format html`).
    #[arg(long, value_enum)]
    pub format: Option<RenderFormat>,
    /// The text of a source, for the html page: `FILE`, or `ID=FILE`
    /// with several sources (repeatable; default: the KB's `text` paths).
    #[arg(long = "text", value_name = "[ID=]FILE")]
    pub sources: Vec<String>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Stop `dot` after this many seconds (at least 1).
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub dot: DotArgs,
}

/// What `render` writes: an image, or the explorer page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Svg,
    Png,
    Pdf,
    /// the explorer: the map beside the text, in one HTML file
    Html,
}

impl RenderFormat {
    pub fn from_extension(ext: &str) -> Option<RenderFormat> {
        match ext {
            "html" | "htm" => Some(RenderFormat::Html),
            other => ImageFormat::from_extension(other).map(|f| match f {
                ImageFormat::Svg => RenderFormat::Svg,
                ImageFormat::Png => RenderFormat::Png,
                ImageFormat::Pdf => RenderFormat::Pdf,
            }),
        }
    }
}

pub fn run(args: Args, session: &Session, out: &mut dyn Write) -> Result<Outcome, Error> {
    let kb = session.load()?;
    let format = pick_format(
        "render",
        args.format,
        args.output.as_deref(),
        RenderFormat::Svg,
        RenderFormat::from_extension,
        |f, ext| RenderFormat::from_extension(ext) == Some(f),
    )?;
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let binary = match format {
        RenderFormat::Png => Some(ImageFormat::Png),
        RenderFormat::Pdf => Some(ImageFormat::Pdf),
        _ => None,
    };
    if let Some(binary) = binary.filter(|_| to_stdout && io::stdout().is_terminal()) {
        return Err(Error::Usage(format!(
            "refusing to write {} bytes to a terminal; give -o FILE or pipe the output",
            binary.name()
        )));
    }
    let target = Target {
        output: args.output.as_deref(),
        inputs: &kb.inputs,
    };
    let made = MapOptions {
        view: args.view,
        dot: args.dot,
        texts: args.sources,
        timeout: args.timeout,
        base: crate::rdf::Base::default(),
    };
    let notes = write_map(&kb.loaded, Made::Render(format), &made, &target, out)?;
    kb.finish(out, notes)
}
