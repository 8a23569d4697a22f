//! The command-line interface: the clap definition (also the source of the
//! man page and shell completions) and `run`, which hands one parsed
//! command to its file.
//!
//! Each command has one file here: its arguments, then `run`, which calls
//! the library and writes the answer. What several commands share lives
//! beside them: the global options and loading (`session`), argument
//! groups and parsers (`options`), output files and formats (`output`),
//! maps and exports (`map`), source texts (`texts`) and the error type
//! (`error`). `run` writes results to the writer it is given and never
//! prints diagnostics itself: it returns them, so `main` decides how to
//! render them and which exit code they mean.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::ColorChoice;

mod af;
mod challenges;
mod check;
mod completions;
mod coverage;
mod diff;
mod eval;
mod explain;
mod export;
mod ids;
mod import;
mod init;
mod list;
mod lsp;
mod man;
mod neighbors;
mod path;
mod push;
mod rank;
mod render;
mod search;
mod show;
mod sparql;
mod stance;
mod stats;
mod watch;
mod weak_points;
mod why;

mod error;
mod map;
mod options;
mod output;
mod session;
mod texts;

pub use error::Error;
pub use session::{Outcome, exit_after_run};

use options::{default_max_kb_size, parse_size};

const ABOUT: &str = "Check, query and draw a hand-curated argument map";

/// Added to the bash completion script: node ids (from the KB in use, as
/// `--kb` or `ARGKB_KB` name it) where a command takes one.
const BASH_IDS: &str = r#"
# Node ids of the KB in use, for the commands and options that take one.
_argkb_ids() {
    local i kb=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --kb ]]; then kb+=(--kb "${COMP_WORDS[i + 1]}"); fi
    done
    argkb "${kb[@]}" ids 2>/dev/null
}
_argkb_with_ids() {
    _argkb "$@"
    local i sub="" cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            show | neighbors | path | why | challenges | stance) sub=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [[ $prev == --focus || $prev == --actor || ( -n $sub && $cur != -* && $prev != --* ) ]]; then
        COMPREPLY=($(compgen -W "$(_argkb_ids)" -- "$cur"))
    fi
}
complete -F _argkb_with_ids -o nosort -o bashdefault -o default argkb
"#;
const LONG_ABOUT: &str = "\
argkb loads an argument knowledge base written in RON (actors, claims, \
recommendations, arguments and the relations between them), validates it \
with located diagnostics, and answers questions about it. Without --kb it \
works on the built-in KB of the essay \"How the U.S. Can Influence China to \
Abandon North Korea\" (2015).

Exit status: 0 success; 1 the KB is invalid or the answer is empty; 2 usage \
or I/O error.";

#[derive(Debug, Parser)]
#[command(name = "argkb", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    /// KB file or folder of .ron files to read (repeatable: the files form
    /// one KB); `-` reads standard input. Default: $ARGKB_KB, else the
    /// built-in essay KB.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE|DIR"
    )]
    pub kb: Vec<PathBuf>,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long, global = true, help_heading = "Global options")]
    pub deny_warnings: bool,
    /// When to colour diagnostics.
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Print at most N diagnostics, then how many more there are (0: all).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "N",
        default_value_t = 100
    )]
    pub max_errors: usize,
    /// Refuse a KB larger than this many bytes (suffixes K, M, G; default
    /// 4G, or a quarter of the machine's memory if that is less: a KB
    /// takes about three times its size in memory once read).
    #[arg(long, global = true, help_heading = "Global options", value_name = "BYTES", value_parser = parse_size, default_value_t = default_max_kb_size(), hide_default_value = true)]
    pub max_kb_size: u64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the KB; print a one-line summary when it is valid.
    #[command(
        after_help = "Examples:\n  argkb check\n  argkb --kb my.ron check --source text.txt\n  argkb --kb my.ron check --format json"
    )]
    Check(check::Args),
    /// Show, per paragraph of the source, the nodes anchored there and the
    /// sentences no quote touches.
    #[command(
        after_help = "Examples:\n  argkb coverage --source essay.txt\n  argkb --kb DIR coverage --deny-uncovered"
    )]
    Coverage(coverage::Args),
    /// Count nodes and links by kind.
    #[command(after_help = "Examples:\n  argkb stats --format json")]
    Stats(stats::Args),
    /// List nodes, optionally filtered.
    #[command(
        after_help = "Examples:\n  argkb list --kind prediction\n  argkb list --actor china --format json"
    )]
    List(list::Args),
    /// Show one node: all its fields and every relation that touches it.
    #[command(after_help = "Examples:\n  argkb show china-fed-up")]
    Show(show::Args),
    /// The nodes within N relations of one node.
    #[command(after_help = "Examples:\n  argkb neighbors times-changing --depth 2 --rel supports")]
    Neighbors(neighbors::Args),
    /// How one node leads to another: the shortest chain of relations, or all.
    #[command(
        after_help = "Examples:\n  argkb path kim-not-invited us-can-influence-china\n  argkb path kim-not-invited strategic-reengagement --all --rel supports --rel premise --rel conclusion"
    )]
    Path(path::Args),
    /// The support tree beneath a claim or recommendation, with its attackers.
    #[command(after_help = "Examples:\n  argkb why strategic-reengagement --depth 3")]
    Why(why::Args),
    /// Everything that attacks a node, its support, or its inferences.
    #[command(after_help = "Examples:\n  argkb challenges strategic-reengagement --limit 10")]
    Challenges(challenges::Args),
    /// What an actor asserts, opposes, is asked to do, and how it relates to others.
    #[command(after_help = "Examples:\n  argkb stance china")]
    Stance(stance::Args),
    /// Search ids, texts, quotes, names, aliases and tags: nodes with every word (case- and accent-insensitive).
    #[command(after_help = "Examples:\n  argkb search strategic patience")]
    Search(search::Args),
    /// Where the argument is weakest.
    #[command(after_help = "Examples:\n  argkb weak-points")]
    WeakPoints(weak_points::Args),
    /// Which claims and recommendations carry the most weight.
    #[command(after_help = "Examples:\n  argkb rank --by pagerank --top 5")]
    Rank(rank::Args),
    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the
    /// KB's RDF, in process or at an endpoint (docs/QUERIES.md).
    #[command(
        after_help = "The prefixes aif:, argkb:, dcterms:, kb:, rdf:, rdfs: and xsd: are declared.\n\nExamples:\n  argkb sparql 'SELECT ?c ?text WHERE { ?c argkb:kind \"prediction\" ; aif:claimText ?text }'\n  argkb sparql -f query.rq --format csv\n  argkb sparql --endpoint http://127.0.0.1:7878/query -f query.rq"
    )]
    Sparql(sparql::Args),
    /// Load the KB into a SPARQL server through the Graph Store HTTP
    /// Protocol, one named graph per source (docs/SERVER.md).
    #[command(
        after_help = "Credentials come from an environment variable (--auth basic|bearer, --auth-env VAR; default ARGKB_AUTH), never from the command line.\n\nExamples:\n  argkb push --endpoint http://127.0.0.1:7878/store\n  ARGKB_AUTH=me:secret argkb --kb corpus/ push --endpoint https://kb.example.org/store --auth basic\n  argkb sparql --endpoint http://127.0.0.1:7878/query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'"
    )]
    Push(push::Args),
    /// Export the graph, or the part a view selects.
    #[command(
        after_help = "Examples:\n  argkb export -o map.json\n  argkb export --format dot --focus china-fed-up --depth 2 -o map.dot"
    )]
    Export(export::Args),
    /// Draw the map with Graphviz `dot` (SVG, PNG or PDF).
    #[command(
        after_help = "Examples:\n  argkb render -o map.svg\n  argkb render --cluster-by paragraph -o map.png"
    )]
    Render(render::Args),
    /// Re-check and re-draw whenever a KB file or a source text changes;
    /// an invalid edit keeps the last good output (Ctrl-C stops).
    #[command(
        after_help = "Examples:\n  argkb --kb essay.ron watch -o map.html --text essay.txt\n  argkb --kb kb/ watch -o map.svg --focus thesis --depth 2"
    )]
    Watch(watch::Args),
    /// Write a starter KB: valid, with commented examples, and the body of
    /// a source text as comments, sentence by sentence, to encode from.
    #[command(after_help = "Examples:\n  argkb init --source essay.txt -o essay.ron")]
    Init(init::Args),
    /// Which claims stand: label every claim, recommendation and argument
    /// in, out or undecided under an argumentation semantics
    /// (docs/SEMANTICS.md).
    #[command(
        after_help = "Examples:\n  argkb eval\n  argkb eval --semantics preferred --support deductive\n  argkb eval --explain china-fed-up\n  argkb eval --remove china-backs-nk"
    )]
    Eval(eval::Args),
    /// Solve an ICCMA task on an abstract argumentation framework (the
    /// ICCMA 2023 solver interface).
    #[command(
        after_help = "Examples:\n  argkb af -p SE-PR -f framework.af\n  argkb af -p DC-CO -f framework.af -a 3\n  argkb af --problems"
    )]
    Af(af::Args),
    /// Bring argument maps in from another format, as one RON KB (each
    /// map its own source). What the format cannot hold is reported on
    /// stderr, naming the input's node or edge.
    #[command(
        after_help = "Examples:\n  argkb import aif nodeset127.json -o map.ron\n  argkb import aif corpus/ -o corpus.ron --strict"
    )]
    Import(import::Args),
    /// What changed in the argument between two KBs: nodes added, removed,
    /// renamed or changed field by field, relations, sources, and the
    /// labels that flip (exit 0 equal, 1 different, 2 trouble).
    #[command(
        after_help = "Examples:\n  argkb diff old.ron new.ron\n  argkb diff old/ new/ --format json\n  git config diff.argkb.command 'argkb diff --git'  # with '*.ron diff=argkb' in .gitattributes"
    )]
    Diff(diff::Args),
    /// Serve the Language Server Protocol on standard input and output:
    /// diagnostics as you type, definitions, references, rename, hover,
    /// completion, symbols and quick fixes in any LSP editor
    /// (docs/EDITORS.md).
    #[command(after_help = "Examples:\n  argkb lsp\n  argkb --kb kb/ lsp")]
    Lsp(lsp::Args),
    /// Explain a diagnostic code: what it means, an example, the fix
    /// (docs/CODES.md lists them all).
    #[command(after_help = "Examples:\n  argkb explain unknown-id\n  argkb explain")]
    Explain(explain::Args),
    /// Print every node id of the KB, one a line (for shell completion).
    #[command(hide = true)]
    Ids,
    /// Print a shell completion script (bash also completes node ids from
    /// the KB in use).
    Completions(completions::Args),
    /// Print the man page (roff), or a subcommand's page (`argkb man check`).
    Man(man::Args),
}

/// Carries out `cli`, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = session::Session {
        kb: cli.kb,
        deny_warnings: cli.deny_warnings,
        color: cli.color,
        max_errors: cli.max_errors,
        max_kb_size: cli.max_kb_size,
    };
    match cli.command {
        Command::Check(args) => check::run(args, &session, out),
        Command::Coverage(args) => coverage::run(args, &session, out),
        Command::Stats(args) => stats::run(args, &session, out),
        Command::List(args) => list::run(args, &session, out),
        Command::Show(args) => show::run(args, &session, out),
        Command::Neighbors(args) => neighbors::run(args, &session, out),
        Command::Path(args) => path::run(args, &session, out),
        Command::Why(args) => why::run(args, &session, out),
        Command::Challenges(args) => challenges::run(args, &session, out),
        Command::Stance(args) => stance::run(args, &session, out),
        Command::Search(args) => search::run(args, &session, out),
        Command::WeakPoints(args) => weak_points::run(args, &session, out),
        Command::Rank(args) => rank::run(args, &session, out),
        Command::Sparql(args) => sparql::run(args, &session, out),
        Command::Push(args) => push::run(args, &session, out),
        Command::Export(args) => export::run(args, &session, out),
        Command::Render(args) => render::run(args, &session, out),
        Command::Watch(args) => watch::run(args, &session, out),
        Command::Init(args) => init::run(args, &session, out),
        Command::Eval(args) => eval::run(args, &session, out),
        Command::Af(args) => af::run(args, &session, out),
        Command::Import(args) => import::run(args, &session, out),
        Command::Diff(args) => diff::run(args, &session, out),
        Command::Lsp(args) => lsp::run(args, &session, out),
        Command::Explain(args) => explain::run(args, &session, out),
        Command::Ids => ids::run(&session, out),
        Command::Completions(args) => completions::run(args, &session, out),
        Command::Man(args) => man::run(args, &session, out),
    }
}

/// How diagnostics are coloured on stderr.
pub fn color_choice(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if io::stderr().is_terminal() => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    }
}
