//! The memory allocator of the `argkb` binary: mimalloc for the millions
//! of small blocks a large KB makes (every id and text), and, on Linux,
//! pages mapped straight from the kernel for blocks of 32 MiB and more,
//! which then grow and shrink by remapping (`mremap`) instead of copying.
//!
//! Reading a KB of 10^6 nodes grows a handful of vectors (the claims, the
//! relations, the outline of the file) to hundreds of megabytes by
//! doubling. With mimalloc alone, each doubling allocated fresh pages
//! (which the kernel zeroes) and copied the old contents over: a third of
//! `check`'s time on such a KB (docs/BENCHMARKS.md, "Fifth run"). A
//! remapped block keeps its pages; only the new part is fresh.

use std::alloc::{GlobalAlloc, Layout};

/// mimalloc, with large blocks mapped and remapped (Linux).
pub struct Allocator;

/// From this size on, a block is mapped on its own (Linux). Below it,
/// mimalloc serves blocks from memory it has already faulted in and
/// reuses (at 100k nodes, a 2 MiB line cost 44,000 page faults against
/// 350 and a tenth more time for `export dot`); above it are the few
/// vectors of a 10^6-node KB that grow by doubling.
pub const LARGE: usize = 32 << 20;

#[cfg(target_os = "linux")]
mod pages {
    //! Blocks of whole pages, mapped, remapped and unmapped.

    const PAGE: usize = 4096;

    /// `size` rounded up to whole pages (`None` on overflow).
    pub fn round(size: usize) -> Option<usize> {
        size.checked_add(PAGE - 1).map(|s| s & !(PAGE - 1))
    }

    /// Whether a block of `layout` is mapped on its own.
    pub fn mapped(size: usize, align: usize) -> bool {
        size >= super::LARGE && align <= PAGE
    }

    /// A fresh mapping of `size` bytes (zeroed by the kernel), or null.
    pub unsafe fn map(size: usize) -> *mut u8 {
        let Some(len) = round(size) else {
            return std::ptr::null_mut();
        };
        // SAFETY: an anonymous private mapping at an address the kernel
        // chooses touches no existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            unsafe { huge(p, len) };
            p.cast()
        }
    }

    /// Asks for the block at `p` of `len` bytes to be backed by huge
    /// pages where the kernel has them (transparent huge pages, in
    /// `madvise` mode on most systems): a 2 MiB page is one fault where
    /// 4 KiB pages are 512 (a 10^6-node `check` took 163,000 page
    /// faults, a fifth of its time in the kernel; 1,400 with the advice).
    /// Only advice: where it is refused the block is as before.
    unsafe fn huge(p: *mut libc::c_void, len: usize) {
        // SAFETY: `p` is a mapping of `len` bytes this module made; the
        // advice changes how it is backed, not what it holds.
        unsafe { libc::madvise(p, len, libc::MADV_HUGEPAGE) };
    }

    /// Moves the mapping at `ptr` of `old` bytes to `new` bytes, keeping
    /// its contents (the kernel moves page tables, not bytes); null if
    /// the kernel refuses (the old one stays).
    pub unsafe fn remap(ptr: *mut u8, old: usize, new: usize) -> *mut u8 {
        let (Some(old), Some(new)) = (round(old), round(new)) else {
            return std::ptr::null_mut();
        };
        // SAFETY: `ptr` is a mapping of `old` bytes made by `map` or
        // `remap`, and the caller gives up `ptr` if this succeeds.
        let p = unsafe { libc::mremap(ptr.cast(), old, new, libc::MREMAP_MAYMOVE) };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            unsafe { huge(p, new) };
            p.cast()
        }
    }

    /// Unmaps a block made by `map` or `remap`.
    pub unsafe fn unmap(ptr: *mut u8, size: usize) {
        if let Some(len) = round(size) {
            // SAFETY: as for `remap`; nothing refers to the block any more.
            unsafe { libc::munmap(ptr.cast(), len) };
        }
    }
}

// SAFETY: every block is served and released by one allocator, chosen by
// its layout alone (which `dealloc` and `realloc` are given back): mapped
// pages for `pages::mapped` layouts, mimalloc for the rest.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if pages::mapped(layout.size(), layout.align()) {
            return unsafe { pages::map(layout.size()) };
        }
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if pages::mapped(layout.size(), layout.align()) {
            // Fresh anonymous pages are zero.
            return unsafe { pages::map(layout.size()) };
        }
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        #[cfg(target_os = "linux")]
        if pages::mapped(layout.size(), layout.align()) {
            return unsafe { pages::unmap(ptr, layout.size()) };
        }
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        #[cfg(target_os = "linux")]
        {
            let was = pages::mapped(layout.size(), layout.align());
            let will = pages::mapped(new_size, layout.align());
            if was && will {
                return unsafe { pages::remap(ptr, layout.size(), new_size) };
            }
            if was || will {
                // Across the line: a new block of the other kind, the
                // contents copied over.
                let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                    return std::ptr::null_mut();
                };
                let new = unsafe { self.alloc(new_layout) };
                if !new.is_null() {
                    let n = layout.size().min(new_size);
                    // SAFETY: both blocks hold at least `n` bytes and are
                    // distinct allocations.
                    unsafe { std::ptr::copy_nonoverlapping(ptr, new, n) };
                    unsafe { self.dealloc(ptr, layout) };
                }
                return new;
            }
        }
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `n` bytes at `p` with a pattern that depends on the offset.
    unsafe fn fill(p: *mut u8, n: usize) {
        for i in (0..n).step_by(65521) {
            unsafe { *p.add(i) = (i % 251) as u8 };
        }
    }

    /// Whether the first `n` bytes at `p` still hold the pattern.
    unsafe fn holds(p: *const u8, n: usize) -> bool {
        (0..n)
            .step_by(65521)
            .all(|i| unsafe { *p.add(i) } == (i % 251) as u8)
    }

    /// A block keeps its contents as it grows and shrinks, within small
    /// blocks, within large ones, and across the line both ways; large
    /// zeroed blocks are zero; an alignment past a page goes to mimalloc.
    #[test]
    fn blocks_keep_their_contents_through_every_resize() {
        let a = Allocator;
        let sizes = [
            64,
            LARGE - 1,
            LARGE,
            3 * LARGE + 17,
            8 * LARGE,
            LARGE + 1,
            1000,
            2 * LARGE,
        ];
        unsafe {
            let layout = Layout::from_size_align(sizes[0], 8).unwrap();
            let mut p = a.alloc(layout);
            assert!(!p.is_null());
            fill(p, sizes[0]);
            let mut old = layout;
            for w in sizes.windows(2) {
                let (from, to) = (w[0], w[1]);
                p = a.realloc(p, old, to);
                assert!(!p.is_null(), "{from} -> {to}");
                assert!(holds(p, from.min(to)), "{from} -> {to}");
                fill(p, to);
                old = Layout::from_size_align(to, 8).unwrap();
            }
            a.dealloc(p, old);

            let z = Layout::from_size_align(3 * LARGE, 64).unwrap();
            let p = a.alloc_zeroed(z);
            assert!((0..z.size()).step_by(4096).all(|i| *p.add(i) == 0));
            assert_eq!(p as usize % 64, 0);
            a.dealloc(p, z);

            let big_align = Layout::from_size_align(LARGE, 1 << 16).unwrap();
            let p = a.alloc(big_align);
            assert_eq!(p as usize % (1 << 16), 0);
            fill(p, LARGE);
            let p = a.realloc(p, big_align, 2 * LARGE);
            assert!(holds(p, LARGE));
            a.dealloc(p, Layout::from_size_align(2 * LARGE, 1 << 16).unwrap());
        }
    }

    /// Growing a vector by doubling keeps every element, across the line
    /// and then by a remap: what the reader does with the claims of a KB
    /// of 10^6 nodes.
    #[test]
    fn a_vector_grown_past_the_line_through_this_allocator_keeps_its_items() {
        let a = Allocator;
        let mut layout = Layout::array::<u64>(1).unwrap();
        let mut cap = 1usize;
        let mut p = unsafe { a.alloc(layout) }.cast::<u64>();
        let n = LARGE / 8 + 5;
        for i in 0..n {
            if i == cap {
                let new = Layout::array::<u64>(cap * 2).unwrap();
                p = unsafe { a.realloc(p.cast(), layout, new.size()) }.cast();
                assert!(!p.is_null());
                layout = new;
                cap *= 2;
            }
            unsafe { p.add(i).write(i as u64 * 7) };
        }
        assert!((0..n).all(|i| unsafe { p.add(i).read() } == i as u64 * 7));
        unsafe { a.dealloc(p.cast(), layout) };
    }
}
