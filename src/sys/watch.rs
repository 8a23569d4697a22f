//! The loop behind `argkb watch`: wait for a change to any of a set of
//! files, let a burst of events settle, call the rebuild, and go on until
//! Ctrl-C.
//!
//! Each file's directory is watched, not the file itself: editors save by
//! writing a new file and renaming it over the old one, which ends a watch
//! on the file. The rebuild returns the files to watch next (a KB can name
//! new source texts), so the set follows the KB.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long a burst of file events may last before the rebuild runs.
pub const SETTLE: Duration = Duration::from_millis(150);

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch files: {0}")]
    Notify(#[from] notify::Error),
    #[error("cannot catch Ctrl-C: {0}")]
    Signal(#[from] ctrlc::Error),
}

enum Message {
    Changed(Vec<PathBuf>),
    Stop,
}

/// An absolute form of `p`, for comparing with the paths events carry
/// (through symlinked directories too).
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs),
        _ => abs,
    }
}

/// Calls `rebuild` once, then again after every change to one of the
/// files it returned, until Ctrl-C (then returns `Ok`).
pub fn watch(rebuild: &mut dyn FnMut() -> Vec<PathBuf>) -> Result<(), WatchError> {
    let (send, receive) = mpsc::channel::<Message>();
    let stop = send.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event
            && matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        {
            let _ = send.send(Message::Changed(e.paths));
        }
    })?;
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut follow = |list: Vec<PathBuf>,
                      dirs: &mut BTreeSet<PathBuf>,
                      files: &mut BTreeSet<PathBuf>|
     -> Result<(), WatchError> {
        *files = list.iter().map(|p| absolute(p)).collect();
        let wanted: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for d in dirs.difference(&wanted) {
            let _ = watcher.unwatch(d);
        }
        for d in wanted.difference(dirs) {
            watcher.watch(d, RecursiveMode::NonRecursive)?;
        }
        *dirs = wanted;
        Ok(())
    };
    follow(rebuild(), &mut dirs, &mut files)?;
    loop {
        let paths = match receive.recv() {
            Ok(Message::Changed(paths)) => paths,
            Ok(Message::Stop) | Err(_) => return Ok(()),
        };
        let mut relevant = paths.iter().any(|p| files.contains(&absolute(p)));
        // Let the burst settle (an editor's save is several events).
        loop {
            match receive.recv_timeout(SETTLE) {
                Ok(Message::Changed(more)) => {
                    relevant |= more.iter().any(|p| files.contains(&absolute(p)));
                }
                Ok(Message::Stop) => return Ok(()),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        if relevant {
            follow(rebuild(), &mut dirs, &mut files)?;
        }
    }
}
