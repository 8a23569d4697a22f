//! Asking the processor to start loading a cache line before it is read.
//! Lookups in a table far larger than the cache (validation's ids at 10^6
//! nodes) miss on almost every probe; starting the next few loads while
//! one probe waits overlaps the misses instead of paying for them in turn.
//! A hint only: it never faults, whatever the address, and does nothing
//! on targets without one.

/// How far ahead of the item being read a loop loads (lookups in flight,
/// keys of a walk): far enough that a load from memory lands before it
/// is needed, near enough that the lines are still cached. Every loop that
/// prefetches uses this one distance.
pub const AHEAD: usize = 8;

/// Starts loading the cache line holding `*p` into every cache level.
#[inline(always)]
pub fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault,
    // whatever the address (Intel SDM, PREFETCHh); `p` is not dereferenced.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
