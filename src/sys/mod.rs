//! What argkb asks of the operating system and the processor, and nothing argument-specific:
//! memory (`alloc`, the binary's allocator), reading a KB's text from a file, standard input or the built-in essay
//! (`input`), waiting for files to change (`watch`), removing half-written
//! output files when interrupted (`interrupt`), loading a cache line ahead of a
//! lookup (`prefetch`), running a program as a
//! filter under a deadline (`child`), and Graphviz `dot` (`graphviz`). The lowest floor: it imports no other
//! module of the crate.

pub mod alloc;
pub mod child;
pub mod graphviz;
pub mod input;
pub mod interrupt;
pub mod prefetch;
pub mod watch;
