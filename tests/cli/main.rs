//! CLI tests: the `argkb` binary run as users run it, one module per
//! command or family of commands, with the helpers they share in
//! `support`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cmd;
use predicates::prelude::*;
use predicates::str::contains;

mod support;
use support::*;

mod aif;
mod argdown;
mod check;
mod diff;
mod eval;
mod export;
mod graphml;
mod help;
mod init;
mod lsp;
mod multi;
mod provenance;
mod push;
mod queries;
mod readme;
mod render;
mod robustness;
mod schema;
mod sparql;
mod watch;
