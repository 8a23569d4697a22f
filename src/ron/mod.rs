//! The RON text KB files are written in, below any meaning: `reader`
//! deserialises it in one pass, `spans` maps paths in a document
//! (`claims[3].id`) to the byte spans diagnostics point at, and `writer`
//! writes the RON literals of the text argkb produces itself.

pub mod reader;
pub mod spans;
pub mod writer;
