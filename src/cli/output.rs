//! Where answers go: standard output, or a file written whole through a
//! temporary beside it and never over a KB; new files that are never
//! written over; the format an output file's extension names; and the
//! small words of notes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::error::Error;
use super::render::RenderFormat;
use crate::export::Format;
use crate::sys::input::Input;

/// Whether answers on standard output are coloured: `--color always`,
/// or `auto` on a terminal without `NO_COLOR`.
pub fn colour_stdout(when: super::ColorWhen) -> bool {
    use std::io::IsTerminal;
    match when {
        super::ColorWhen::Always => true,
        super::ColorWhen::Never => false,
        super::ColorWhen::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// The plural ending for `n` things: "" for one, "s" for any other number.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The format to write: the one given, or the one the output file's
/// extension names, or `default` when the file has no extension (or is
/// stdout); a format that contradicts the extension is refused (`render -o
/// map.png --format svg` would write SVG into a .png file), and so is an
/// extension that names no format `command` writes (`export -o map.svg`
/// would write JSON into a .svg file): the error names the formats, and the
/// other command when it writes that one.
pub fn pick_format<F: Copy + PartialEq + ValueEnum>(
    command: &str,
    given: Option<F>,
    output: Option<&Path>,
    default: F,
    from_extension: fn(&str) -> Option<F>,
    fits: fn(F, &str) -> bool,
) -> Result<F, Error> {
    let ext = output
        .filter(|p| *p != Path::new("-"))
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let implied = ext.as_deref().and_then(from_extension);
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    match (given, implied) {
        (Some(g), Some(i)) if g != i && !fits(g, ext.as_deref().unwrap_or_default()) => {
            Err(Error::Usage(format!(
                "--format {} does not match the output file's extension `.{}` (which means {}); change one of them",
                name(g),
                ext.unwrap_or_default(),
                name(i)
            )))
        }
        (Some(g), _) => Ok(g),
        (None, Some(i)) => Ok(i),
        (None, None) => match ext {
            // A .ron file is a KB: writing it is refused later, with the
            // reason that matters.
            None => Ok(default),
            Some(ext) if ext == "ron" => Ok(default),
            Some(ext) => {
                let formats: Vec<String> = F::value_variants().iter().map(|&f| name(f)).collect();
                let elsewhere = match command {
                    "export" if RenderFormat::from_extension(&ext).is_some() => {
                        format!("; to draw the map as an image, run `argkb render -o FILE.{ext}`")
                    }
                    "render" if Format::from_extension(&ext).is_some() => {
                        format!("; `argkb export -o FILE.{ext}` writes that format")
                    }
                    _ => String::new(),
                };
                Err(Error::Usage(format!(
                    "`{command}` does not write `.{}` files: it writes {} (give --format, or an output file named for one){elsewhere}",
                    crate::diagnostic::clip(&ext, 40),
                    formats.join(", ")
                )))
            }
        },
    }
}

/// Writes to FILE, or to `out` when there is none (or `-`); never to a KB.
///
/// argkb never rewrites a KB: not the one being read (compared by device
/// and inode, so a hard link, a symlink or the file redirected to standard
/// input is recognised), and not any other `.ron` file, whether named or
/// reached through a link (no export is RON, and the built-in KB's source
/// is one). The output goes to a temporary file beside the target, renamed
/// into place once complete, so a failed export leaves no half-written file.
/// It is not synced to disk before the rename: an export is derived data,
/// made again by running the command, and, as with a compiler's output or
/// `dot -o`, writing it back is left to the system (syncing the map of a
/// KB of 10^6 nodes, 600 MB, took 0.3 s, an eighth of the export).
pub fn write_output(
    path: Option<&Path>,
    inputs: &[Input],
    out: &mut dyn Write,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let Some(path) = path.filter(|p| *p != Path::new("-")) else {
        return Ok(write(out)?);
    };
    let refuse = || Error::WouldOverwriteKb(path.to_path_buf());
    // Where the bytes would really land: through any symlinks.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if is_ron(path) || is_ron(&target) {
        return Err(refuse());
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let expanded = crate::load::expand(inputs).unwrap_or_default();
        let is_kb = |input: &Input| {
            let kb = match input {
                Input::File(kb) => std::fs::metadata(kb).ok(),
                Input::Stdin => std::fs::metadata("/dev/stdin").ok(),
                Input::Builtin => None,
            };
            kb.is_some_and(|kb| same_inode(&kb, &meta))
        };
        if expanded.iter().any(is_kb) {
            return Err(refuse());
        }
    }
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    // A device or FIFO (`-o /dev/stdout`) is written as it is.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(err)?;
        let mut w = io::BufWriter::new(file);
        write(&mut w).map_err(err)?;
        return w.flush().map_err(err);
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.argkb-{}.tmp", std::process::id()));
    // Ctrl-C, SIGTERM or SIGHUP while writing removes the temporary.
    let _cleanup = crate::sys::interrupt::guard(&tmp);
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut w = io::BufWriter::new(file);
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

fn is_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

#[cfg(unix)]
pub fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
pub fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Writes `bytes` to a new file at `path`; an existing file is never
/// written over (`command` names who refuses, in the message).
pub fn write_new_file(path: &Path, bytes: &[u8], command: &str) -> Result<(), Error> {
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "`{}` exists; argkb {command} never writes over a file",
                    path.display()
                ))
            } else {
                err(e)
            }
        })?;
    file.write_all(bytes).map_err(err)
}

/// `target` as a path relative to the folder `base` (both resolved), or
/// as given when they share no root.
pub fn relative_path(target: &Path, base: &Path) -> String {
    let (Ok(t), Ok(b)) = (
        std::fs::canonicalize(target),
        std::fs::canonicalize(if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        }),
    ) else {
        return target.display().to_string();
    };
    let common = t
        .components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count();
    let mut rel = PathBuf::new();
    for _ in b.components().skip(common) {
        rel.push("..");
    }
    for c in t.components().skip(common) {
        rel.push(c);
    }
    rel.display().to_string()
}
