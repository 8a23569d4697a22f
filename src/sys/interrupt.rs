//! Clean-up on interruption: while argkb writes an output file through a
//! hidden temporary beside it, SIGINT, SIGTERM or SIGHUP removes the
//! temporary before the process ends, so that an interrupted `export -o`
//! leaves neither a partial output nor tens of megabytes of hidden file.
//!
//! The handler only calls `unlink` and re-raises the signal (both
//! async-signal-safe); the path it removes is published through an atomic
//! pointer for as long as a `Guard` lives, and the previous handlers (for
//! example `watch`'s Ctrl-C handler) are restored when it drops.

use std::path::Path;

/// Removes `path` if a terminating signal arrives while the guard lives.
pub struct Guard {
    /// Held for its `Drop`, which unpublishes the path and restores the
    /// previous handlers.
    #[cfg(unix)]
    _inner: unix::Guard,
}

/// Guards the temporary file `path` until the returned value is dropped.
pub fn guard(path: &Path) -> Guard {
    Guard {
        #[cfg(unix)]
        _inner: unix::Guard::new(path),
    }
}

#[cfg(unix)]
mod unix {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::ptr::null_mut;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The temporary file to remove on a signal (a leaked C string while
    /// a guard lives, else null).
    static TEMP: AtomicPtr<libc::c_char> = AtomicPtr::new(null_mut());
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    extern "C" fn on_signal(sig: libc::c_int) {
        let p = TEMP.swap(null_mut(), Ordering::SeqCst);
        // SAFETY: `p` is null or a C string leaked by `Guard::new` and not
        // freed while published; unlink, signal and raise are
        // async-signal-safe.
        unsafe {
            if !p.is_null() {
                libc::unlink(p);
            }
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }

    pub struct Guard {
        path: *mut libc::c_char,
        old: Vec<(libc::c_int, libc::sigaction)>,
    }

    impl Guard {
        pub fn new(path: &Path) -> Guard {
            let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
                return Guard {
                    path: null_mut(),
                    old: Vec::new(),
                };
            };
            let raw = c.into_raw();
            TEMP.store(raw, Ordering::SeqCst);
            let mut old = Vec::new();
            for sig in SIGNALS {
                // SAFETY: a zeroed sigaction is a valid value to fill; the
                // handler is an `extern "C" fn(c_int)`.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as *const () as usize;
                    libc::sigemptyset(&mut action.sa_mask);
                    let mut previous: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(sig, &action, &mut previous) == 0 {
                        old.push((sig, previous));
                    }
                }
            }
            Guard { path: raw, old }
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            if self.path.is_null() {
                return;
            }
            // Unpublish first: a signal from here on removes nothing.
            TEMP.store(null_mut(), Ordering::SeqCst);
            for (sig, previous) in &self.old {
                // SAFETY: restores the action saved by `new`.
                unsafe {
                    libc::sigaction(*sig, previous, null_mut());
                }
            }
            // SAFETY: the pointer came from `CString::into_raw` and is no
            // longer published.
            drop(unsafe { CString::from_raw(self.path) });
        }
    }
}
