//! The RON text KB files are written in, below any meaning: `lexer`
//! defines its tokens once (whitespace, comments, identifiers, strings and
//! their escapes); `reader` deserialises a file in one pass over them,
//! `spans` maps paths in a document (`claims[3].id`) to the byte spans
//! diagnostics point at, built once per file, and `writer` writes the RON
//! literals of the text argkb produces itself.

pub mod lexer;
pub mod reader;
pub mod spans;
pub mod writer;
