//! Running another program as a filter: its input written to its standard
//! input, its standard output and error collected, stopped (with every
//! process it started) at a deadline. Graphviz `dot` and the Oxigraph CLI
//! are run this way.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What a program that ended left behind.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// Its standard error, trimmed.
    pub stderr: String,
}

/// Why a program gave no `Finished`.
#[derive(Debug)]
pub enum ChildError {
    /// It could not be started (`NotFound`: no such program).
    Spawn(std::io::Error),
    /// It ran past the deadline and was stopped.
    TimedOut,
    /// Waiting for it or reading its output failed.
    Io(std::io::Error),
}

/// Runs `command` with `input` on its standard input until it ends or
/// `timeout` passes.
pub fn run(
    mut command: Command,
    input: Vec<u8>,
    timeout: Duration,
) -> Result<Finished, ChildError> {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so a timeout stops whatever it started too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(ChildError::Spawn)?;
    // Feed stdin and drain stdout and stderr on threads, so that a large
    // input or answer cannot deadlock on full pipes.
    let mut stdin = child.stdin.take().expect("piped");
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
        if let Some(status) = child.try_wait().map_err(ChildError::Io)? {
            break status;
        }
        if start.elapsed() > timeout {
            kill_group(&mut child);
            let _ = child.wait();
            return Err(ChildError::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    let stdout = reader
        .join()
        .unwrap_or_else(|_| Ok(Vec::new()))
        .map_err(ChildError::Io)?;
    let stderr = err_reader.join().unwrap_or_default().trim().to_string();
    Ok(Finished {
        status,
        stdout,
        stderr,
    })
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_filter_gets_its_input_and_gives_its_output() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "tr a-z A-Z; echo oops >&2; exit 3"]);
        let done = run(cmd, b"hello".to_vec(), Duration::from_secs(20)).unwrap();
        assert_eq!(done.stdout, b"HELLO");
        assert_eq!(done.stderr, "oops");
        assert_eq!(done.status.code(), Some(3));
    }

    #[test]
    fn a_program_past_its_deadline_is_stopped_with_its_children() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 30 & sleep 30"]);
        let start = Instant::now();
        let e = run(cmd, Vec::new(), Duration::from_millis(200)).unwrap_err();
        assert!(matches!(e, ChildError::TimedOut));
        assert!(start.elapsed() < Duration::from_secs(10));
        let missing = run(
            Command::new("/no/such/program"),
            Vec::new(),
            Duration::from_secs(1),
        );
        assert!(
            matches!(missing, Err(ChildError::Spawn(e)) if e.kind() == std::io::ErrorKind::NotFound)
        );
    }
}
