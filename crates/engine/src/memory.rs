//! A memory limit for a process that runs programs (the browser's worker, `sandpiper run
//! --memory`). Made the global allocator, `MeteredAllocator` counts the bytes in use: near
//! the limit the host's check-in gives the program a `MemoryError` (`nearly_exhausted`); at
//! the limit allocations fail: in the browser the wasm traps and the loader reports
//! `out_of_memory`, so the page can say why the worker was replaced; natively the handler
//! set with `on_exhausted` ends the process with a message.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// Used when a run does not name a limit.
pub const DEFAULT_LIMIT: usize = 512 << 20;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_LIMIT);
static EXHAUSTED: AtomicBool = AtomicBool::new(false);
/// Set while the worker's build snapshot is made (`zero_freed_blocks`).
static ZEROING: AtomicBool = AtomicBool::new(false);
static ON_EXHAUSTED: OnceLock<fn(usize)> = OnceLock::new();

pub struct MeteredAllocator;

// SAFETY: every call is forwarded to `System`; only the counters are extra, and while the
// worker's build snapshot is made (`zero_freed_blocks`), freed blocks are zeroed first and `realloc`
// always moves (so what building the interpreter threw away costs nothing in the module's data).
unsafe impl GlobalAlloc for MeteredAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        metered(layout.size(), || unsafe { System.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        metered(layout.size(), || unsafe { System.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        if ZEROING.load(Relaxed) {
            unsafe { pointer.write_bytes(0, layout.size()) };
        }
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let grows_by = new_size.saturating_sub(layout.size());
        if !reserve(grows_by) {
            return std::ptr::null_mut();
        }
        let moved = if ZEROING.load(Relaxed) {
            unsafe { moved_and_zeroed(pointer, layout, new_size) }
        } else {
            unsafe { System.realloc(pointer, layout, new_size) }
        };
        if moved.is_null() {
            IN_USE.fetch_sub(grows_by, Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size().saturating_sub(new_size), Relaxed);
        }
        moved
    }
}

/// `realloc` that always moves, zeroing the old block before freeing it.
unsafe fn moved_and_zeroed(pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
    // SAFETY: the caller's contract is `GlobalAlloc::realloc`'s, so `new_size` rounded up
    // to the alignment does not overflow.
    let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
    let moved = unsafe { System.alloc(new_layout) };
    if !moved.is_null() {
        unsafe {
            std::ptr::copy_nonoverlapping(pointer, moved, layout.size().min(new_size));
            pointer.write_bytes(0, layout.size());
            System.dealloc(pointer, layout);
        }
    }
    moved
}

/// Allocates `bytes` with `allocate` if the limit allows, counting them while they live.
fn metered(bytes: usize, allocate: impl FnOnce() -> *mut u8) -> *mut u8 {
    if !reserve(bytes) {
        return std::ptr::null_mut();
    }
    let pointer = allocate();
    if pointer.is_null() {
        IN_USE.fetch_sub(bytes, Relaxed);
    }
    pointer
}

/// Counts `bytes` as in use unless that would pass the limit. Once the limit has been
/// hit the worker is about to be replaced, so the rest of its life (the crash report)
/// is not limited.
fn reserve(bytes: usize) -> bool {
    let before = IN_USE.fetch_add(bytes, Relaxed);
    if before.saturating_add(bytes) <= LIMIT.load(Relaxed) || EXHAUSTED.load(Relaxed) {
        return true;
    }
    IN_USE.fetch_sub(bytes, Relaxed);
    EXHAUSTED.store(true, Relaxed);
    if let Some(handler) = ON_EXHAUSTED.get() {
        handler(LIMIT.load(Relaxed));
    }
    false
}

pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes, Relaxed);
}

/// Called with the limit when an allocation is first refused, instead of letting the
/// allocation fail (which aborts a native process without saying why). Allocations it makes
/// are not limited.
pub fn on_exhausted(handler: fn(usize)) {
    let _ = ON_EXHAUSTED.set(handler);
}

/// While on, freed blocks are zeroed and `realloc` always moves: what the worker's build
/// throws away while its snapshot is made then costs nothing in the module's data.
pub fn zero_freed_blocks(on: bool) {
    ZEROING.store(on, Relaxed);
}

/// True when the program should get `MemoryError` at its next check-in: past 7/8 of the
/// limit, leaving room for the exception, its traceback and the end of the run.
pub fn nearly_exhausted() -> bool {
    IN_USE.load(Relaxed) > LIMIT.load(Relaxed) / 8 * 7
}

/// Whether an allocation was refused: the trap that followed was the memory limit.
pub fn exhausted() -> bool {
    EXHAUSTED.load(Relaxed)
}
