//! Rendering DOT to SVG, PNG or PDF with the system's Graphviz `dot`, under
//! a timeout, with a clear error when Graphviz is missing or fails.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    command
        .arg(format.flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so a timeout stops whatever `dot` started too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => RenderError::NotInstalled {
            program: program.clone(),
        },
        _ => io_err(e),
    })?;
    // Feed stdin and drain stdout/stderr on threads so a large graph cannot
    // deadlock on full pipes.
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot_source.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = stderr.read_to_string(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(io_err)? {
            break status;
        }
        if start.elapsed() > timeout {
            kill_group(&mut child);
            let _ = child.wait();
            return Err(RenderError::TimedOut {
                program,
                secs: timeout.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    let out = reader
        .join()
        .unwrap_or_else(|_| Ok(Vec::new()))
        .map_err(io_err)?;
    let stderr = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(RenderError::Failed {
            program,
            status: status.to_string(),
            stderr: stderr.trim().to_string(),
        });
    }
    // Graphviz can fail without saying so (e.g. on a line it cannot read):
    // no picture is a failure, never a 0-byte file.
    if out.is_empty() {
        return Err(RenderError::Empty {
            program,
            stderr: stderr.trim().to_string(),
        });
    }
    Ok(out)
}

/// Stops `child` and every process in its group.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the
        // child leads (it was spawned with process_group(0)); it touches no
        // memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}
