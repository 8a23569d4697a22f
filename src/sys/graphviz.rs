//! Rendering DOT to SVG, PNG or PDF with the system's Graphviz `dot`, under
//! a timeout, with a clear error when Graphviz is missing or fails.

use std::process::Command;
use std::time::Duration;

use super::child::{self, ChildError};

use thiserror::Error;

/// Output formats `dot` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

impl ImageFormat {
    /// The format a file extension names (`svg`, `png`, `pdf`).
    pub fn from_extension(ext: &str) -> Option<ImageFormat> {
        match ext {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }

    /// The format's usual name: `SVG`, `PNG`, `PDF`.
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Svg => "SVG",
            ImageFormat::Png => "PNG",
            ImageFormat::Pdf => "PDF",
        }
    }

    fn flag(self) -> &'static str {
        match self {
            ImageFormat::Svg => "-Tsvg",
            ImageFormat::Png => "-Tpng",
            ImageFormat::Pdf => "-Tpdf",
        }
    }
}

#[derive(Debug, Error)]
pub enum RenderError {
    #[error(
        "Graphviz `{program}` was not found{}; install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) or export DOT with `argkb export --format dot`",
        if program.contains('/') { " (the path $ARGKB_DOT names does not exist)" } else { " on PATH" }
    )]
    NotInstalled { program: String },
    #[error("`{program}` did not finish within {secs} s and was stopped")]
    TimedOut { program: String, secs: u64 },
    #[error("`{program}` exited successfully but wrote nothing{}", if stderr.is_empty() { String::new() } else { format!(": {stderr}") })]
    Empty { program: String, stderr: String },
    #[error("`{program}` failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
    #[error("running `{program}`: {source}")]
    Io {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

/// The Graphviz program to run: `$ARGKB_DOT` if set, else `dot`.
pub fn dot_program() -> String {
    std::env::var("ARGKB_DOT").unwrap_or_else(|_| "dot".to_string())
}

/// Runs `dot` on `dot_source` and returns the rendered bytes.
pub fn render(
    dot_source: &[u8],
    format: ImageFormat,
    timeout: Duration,
) -> Result<Vec<u8>, RenderError> {
    let program = dot_program();
    let io_err = |source| RenderError::Io {
        program: program.clone(),
        source,
    };
    let mut command = Command::new(&program);
    command.arg(format.flag());
    let done = child::run(command, dot_source.to_vec(), timeout).map_err(|e| match e {
        ChildError::Spawn(e) if e.kind() == std::io::ErrorKind::NotFound => {
            RenderError::NotInstalled {
                program: program.clone(),
            }
        }
        ChildError::Spawn(e) | ChildError::Io(e) => io_err(e),
        ChildError::TimedOut => RenderError::TimedOut {
            program: program.clone(),
            secs: timeout.as_secs(),
        },
    })?;
    let (out, stderr) = (done.stdout, done.stderr);
    if !done.status.success() {
        return Err(RenderError::Failed {
            program,
            status: done.status.to_string(),
            stderr,
        });
    }
    // Graphviz can fail without saying so (e.g. on a line it cannot read):
    // no picture is a failure, never a 0-byte file.
    if out.is_empty() {
        return Err(RenderError::Empty { program, stderr });
    }
    Ok(out)
}
