//! The command-line interface: the clap definition (also the source of the
//! man page and shell completions) and `run`, which carries out one parsed
//! command against the library and reports what happened.
//!
//! `run` writes results to the writer it is given and never prints
//! diagnostics itself: it returns them, so `main` decides how to render
//! them and which exit code they mean.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::TypedValueParser as _;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::ColorChoice;
use thiserror::Error;

use std::collections::BTreeSet;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Loc};
use crate::export::dot::{ClusterBy, DotOptions, RankDir};
use crate::export::{Exporter, Format};
use crate::graph::ArgGraph;
use crate::graph::filter::{Filter, parse_para_range};
use crate::graph::select::{Selection, View};
use crate::load::{Checked, LoadError, Loaded, Warnings, load_all, load_all_with};
use crate::model::RelKind;
use crate::model::sources::SourceEntry;
use crate::provenance::{BodyError, SourceDoc, check_quotes};
use crate::query::neighbors::Dir;
use crate::query::rank::Measure;
use crate::query::{self, OutputFormat, QueryError};
use crate::ron::spans::Seg;
use crate::sys::graphviz::{ImageFormat, RenderError, render};
use crate::sys::input::{Input, SourceText};

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

/// What `render` writes: an image, or the explorer page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Svg,
    Png,
    Pdf,
    /// the explorer: the map beside the text, in one HTML file
    Html,
}

impl RenderFormat {
    fn from_extension(ext: &str) -> Option<RenderFormat> {
        match ext {
            "html" | "htm" => Some(RenderFormat::Html),
            other => ImageFormat::from_extension(other).map(|f| match f {
                ImageFormat::Svg => RenderFormat::Svg,
                ImageFormat::Png => RenderFormat::Png,
                ImageFormat::Pdf => RenderFormat::Pdf,
            }),
        }
    }
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
    Check {
        /// Also check every quote against its source text: FILE for a KB
        /// with one source, ID=FILE for source ID (repeatable). Sources
        /// whose `text` path the KB gives are checked too.
        #[arg(long, value_name = "[ID=]FILE")]
        source: Vec<String>,
        /// Text: the summary on stdout, diagnostics on stderr. JSON: one
        /// object on stdout with every diagnostic (file, line, column, code,
        /// message, help), for editors and CI annotations.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Print nothing but errors (no summary, no warnings).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Show, per paragraph of the source, the nodes anchored there and the
    /// sentences no quote touches.
    #[command(
        after_help = "Examples:\n  argkb coverage --source essay.txt\n  argkb --kb DIR coverage --deny-uncovered"
    )]
    Coverage {
        /// The text of a source: FILE for a KB with one source, ID=FILE for
        /// source ID (repeatable); by default the `text` paths in the KB.
        #[arg(long, value_name = "[ID=]FILE")]
        source: Vec<String>,
        /// Exit 1 when a sentence is neither covered nor deliberately omitted.
        #[arg(long)]
        deny_uncovered: bool,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Count nodes and links by kind.
    #[command(after_help = "Examples:\n  argkb stats --format json")]
    Stats {
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// List nodes, optionally filtered.
    #[command(
        after_help = "Examples:\n  argkb list --kind prediction\n  argkb list --actor china --format json"
    )]
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Show one node: all its fields and every relation that touches it.
    #[command(after_help = "Examples:\n  argkb show china-fed-up")]
    Show {
        /// The node's id.
        id: String,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// The nodes within N relations of one node.
    #[command(after_help = "Examples:\n  argkb neighbors times-changing --depth 2 --rel supports")]
    Neighbors {
        /// The node's id (from `argkb list` or `argkb search`).
        #[arg(value_name = "ID", value_hint = clap::ValueHint::Other)]
        id: String,
        /// How many relations away to go (at least 1).
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
        depth: usize,
        /// Follow only relations of this kind (repeatable).
        #[arg(long, value_name = "KIND", value_parser = RelKindParser)]
        rel: Vec<RelKind>,
        /// Which way to follow relations.
        #[arg(long, value_enum, default_value_t)]
        dir: Dir,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// How one node leads to another: the shortest chain of relations, or all.
    #[command(
        after_help = "Examples:\n  argkb path kim-not-invited us-can-influence-china\n  argkb path kim-not-invited strategic-reengagement --all --rel supports --rel premise --rel conclusion"
    )]
    Path {
        /// Where the path starts (a node id).
        from: String,
        /// Where the path ends (a node id).
        to: String,
        /// Every simple path up to --max-len, shortest first.
        #[arg(long)]
        all: bool,
        /// With --all: the longest path to consider.
        #[arg(long, value_name = "N", default_value_t = 6)]
        max_len: usize,
        /// With --all: stop after this many paths (and say so).
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: usize,
        /// Follow only relations of this kind (repeatable; default: the
        /// argument's own relations, supports, attacks, undercuts,
        /// premise, conclusion and rephrases).
        #[arg(long, value_name = "KIND", value_parser = RelKindParser)]
        rel: Vec<RelKind>,
        /// Follow actors' relations too (asserts, says, about, member_of,
        /// …); implied when an end is an actor.
        #[arg(long)]
        actors: bool,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// The support tree beneath a claim or recommendation, with its attackers.
    #[command(after_help = "Examples:\n  argkb why strategic-reengagement --depth 3")]
    Why {
        /// The node's id (from `argkb list` or `argkb search`).
        #[arg(value_name = "ID", value_hint = clap::ValueHint::Other)]
        id: String,
        /// How many levels of support to show (default: all).
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Everything that attacks a node, its support, or its inferences.
    #[command(after_help = "Examples:\n  argkb challenges strategic-reengagement --limit 10")]
    Challenges {
        /// The node's id (from `argkb list` or `argkb search`).
        #[arg(value_name = "ID", value_hint = clap::ValueHint::Other)]
        id: String,
        /// List at most N challenges, nearest first (0: all).
        #[arg(long, value_name = "N", default_value_t = query::challenges::DEFAULT_LIMIT)]
        limit: usize,
        /// Whose case: attacks on what the source's author holds (the
        /// default when a source names its author), or all.
        #[arg(long, value_enum)]
        side: Option<query::side::Side>,
        /// Only the attacks nothing answers (no preference for the target,
        /// no counter-attack on the attacker).
        #[arg(long)]
        unanswered: bool,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// What an actor asserts, opposes, is asked to do, and how it relates to others.
    #[command(after_help = "Examples:\n  argkb stance china")]
    Stance {
        /// The actor's id, e.g. `china`.
        actor: String,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Search ids, texts, quotes, names, aliases and tags: nodes with every word (case- and accent-insensitive).
    #[command(after_help = "Examples:\n  argkb search strategic patience")]
    Search {
        /// Words that must all occur.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Where the argument is weakest.
    #[command(after_help = "Examples:\n  argkb weak-points")]
    WeakPoints {
        /// Whose case: what the source's author holds (the default when a
        /// source names its author), or all.
        #[arg(long, value_enum)]
        side: Option<query::side::Side>,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Which claims and recommendations carry the most weight.
    #[command(after_help = "Examples:\n  argkb rank --by pagerank --top 5")]
    Rank {
        /// The measure.
        #[arg(long, value_enum, default_value_t)]
        by: Measure,
        /// Estimation: with --by betweenness, K sampled source nodes
        /// (default: exact up to 2,000 nodes, else 256, fewer on large
        /// graphs, at least 16); with --by
        /// support-reach, sketches of size K (default: exact while cheap,
        /// else 64). 0: exact.
        #[arg(long, value_name = "K")]
        samples: Option<usize>,
        /// How many to list (at least 1).
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
        top: usize,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the
    /// KB's RDF, in process or at an endpoint (docs/QUERIES.md).
    #[command(
        after_help = "The prefixes aif:, argkb:, dcterms:, kb:, rdf:, rdfs: and xsd: are declared.\n\nExamples:\n  argkb sparql 'SELECT ?c ?text WHERE { ?c argkb:kind \"prediction\" ; aif:claimText ?text }'\n  argkb sparql -f query.rq --format csv\n  argkb sparql --endpoint http://127.0.0.1:7878/query -f query.rq"
    )]
    Sparql {
        /// The query text.
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        query: Option<String>,
        /// Read the query from FILE (`-` for standard input).
        #[arg(short = 'f', long = "file", value_name = "FILE")]
        file: Option<PathBuf>,
        /// Results format (default: table on a terminal, else tsv;
        /// CONSTRUCT and DESCRIBE: turtle).
        #[arg(long, value_enum)]
        format: Option<crate::rdf::sparql::ResultsFormat>,
        /// Stop the query after this many seconds.
        #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        /// Send the query to this SPARQL 1.1 endpoint instead of the
        /// embedded store (the KB is not read).
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// The base IRI of the KB's ids (`kb:`; ends in / or #).
        #[arg(long, value_name = "IRI", default_value = crate::rdf::DEFAULT_BASE)]
        base: String,
    },
    /// Export the graph, or the part a view selects.
    #[command(
        after_help = "Examples:\n  argkb export -o map.json\n  argkb export --format dot --focus china-fed-up --depth 2 -o map.dot"
    )]
    Export {
        /// Output format (default: from the -o file's extension, else json).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The RDF formats' base IRI for the KB's ids (ends in / or #).
        #[arg(long, value_name = "IRI", default_value = crate::rdf::DEFAULT_BASE)]
        base: String,
        /// The text of a source, for the html page: `FILE`, or `ID=FILE`
        /// with several sources (repeatable; default: the KB's `text` paths).
        #[arg(long = "text", value_name = "[ID=]FILE")]
        sources: Vec<String>,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        dot: DotArgs,
    },
    /// Draw the map with Graphviz `dot` (SVG, PNG or PDF).
    #[command(
        after_help = "Examples:\n  argkb render -o map.svg\n  argkb render --cluster-by paragraph -o map.png"
    )]
    Render {
        /// Image format (default: from the -o file's extension, else svg);
        /// html: the explorer page (as `export --format html`).
        #[arg(long, value_enum)]
        format: Option<RenderFormat>,
        /// The text of a source, for the html page: `FILE`, or `ID=FILE`
        /// with several sources (repeatable; default: the KB's `text` paths).
        #[arg(long = "text", value_name = "[ID=]FILE")]
        sources: Vec<String>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Stop `dot` after this many seconds (at least 1).
        #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        dot: DotArgs,
    },
    /// Re-check and re-draw whenever a KB file or a source text changes;
    /// an invalid edit keeps the last good output (Ctrl-C stops).
    #[command(
        after_help = "Examples:\n  argkb --kb essay.ron watch -o map.html --text essay.txt\n  argkb --kb kb/ watch -o map.svg --focus thesis --depth 2"
    )]
    Watch {
        /// The file to keep up to date; its extension picks the format
        /// (html, svg, png, pdf, or any export format: dot, json, …).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The text of a source, shown by the html page and watched too:
        /// `FILE`, or `ID=FILE` with several sources (repeatable).
        #[arg(long = "text", value_name = "[ID=]FILE")]
        sources: Vec<String>,
        /// Stop `dot` after this many seconds (at least 1).
        #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        dot: DotArgs,
    },
    /// Write a starter KB: valid, with commented examples, and the body of
    /// a source text as comments, sentence by sentence, to encode from.
    #[command(after_help = "Examples:\n  argkb init --source essay.txt -o essay.ron")]
    Init {
        /// The text to encode: its body paragraphs are listed in the KB.
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
        /// The KB's title (default: the text's first line).
        #[arg(long)]
        title: Option<String>,
        /// Write to FILE (never over an existing file) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Which claims stand: label every claim, recommendation and argument
    /// in, out or undecided under an argumentation semantics
    /// (docs/SEMANTICS.md).
    #[command(
        after_help = "Examples:\n  argkb eval\n  argkb eval --semantics preferred --support deductive\n  argkb eval --explain china-fed-up\n  argkb eval --remove china-backs-nk"
    )]
    Eval {
        /// The semantics.
        #[arg(long, value_enum, default_value_t = crate::af::semantics::Semantics::Grounded)]
        semantics: crate::af::semantics::Semantics,
        /// How support takes part.
        #[arg(long, value_enum, default_value_t)]
        support: crate::af::from_kb::Support,
        /// Why this node is in, out or undecided (grounded labels).
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
        /// What if this node were struck: leave it out (repeatable; the
        /// same as --assume ID=out).
        #[arg(long, value_name = "ID")]
        remove: Vec<String>,
        /// What if this node were granted (`ID=in`: nothing can defeat it)
        /// or struck (`ID=out`); shows the labels that change (repeatable).
        #[arg(long, value_name = "ID=in|out")]
        assume: Vec<crate::query::eval::Assumption>,
        /// List the extensions too.
        #[arg(long)]
        all: bool,
        /// At most this many extensions are enumerated.
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: usize,
        /// Output: aligned text for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Solve an ICCMA task on an abstract argumentation framework (the
    /// ICCMA 2023 solver interface).
    #[command(
        after_help = "Examples:\n  argkb af -p SE-PR -f framework.af\n  argkb af -p DC-CO -f framework.af -a 3\n  argkb af --problems"
    )]
    Af {
        /// The task: SE, DC or DS with CO, PR, ST, SST, STG, ID or GR.
        #[arg(
            short = 'p',
            long = "problem",
            value_name = "TASK",
            required_unless_present = "problems"
        )]
        task: Option<String>,
        /// The framework file (ICCMA 2023 `p af N`, APX or TGF).
        #[arg(
            short = 'f',
            long = "file",
            value_name = "FILE",
            required_unless_present = "problems"
        )]
        file: Option<PathBuf>,
        /// The query argument of DC and DS tasks.
        #[arg(short = 'a', long = "argument", value_name = "ARG")]
        query: Option<String>,
        /// The file's format (default: from its extension, else its text).
        #[arg(long = "fo", value_enum, value_name = "FORMAT")]
        format: Option<crate::af::formats::AfFormat>,
        /// List the tasks solved, as ICCMA solvers do.
        #[arg(long)]
        problems: bool,
    },
    /// Bring argument maps in from another format, as one RON KB (each
    /// map its own source). What the format cannot hold is reported on
    /// stderr, naming the input's node or edge.
    #[command(
        after_help = "Examples:\n  argkb import aif nodeset127.json -o map.ron\n  argkb import aif corpus/ -o corpus.ron --strict"
    )]
    Import {
        /// The format of the files.
        #[arg(value_enum)]
        from: crate::import::ImportFormat,
        /// The files to read; a folder stands for its `.json` files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write the KB to FILE (never over an existing file) instead of
        /// standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Fail (exit 1, nothing written) if anything could not be carried
        /// over as it stood.
        #[arg(long)]
        strict: bool,
    },
    /// Print every node id of the KB, one a line (for shell completion).
    #[command(hide = true)]
    Ids,
    /// Print a shell completion script (bash also completes node ids from
    /// the KB in use).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or a subcommand's page (`argkb man check`).
    Man {
        /// The subcommand whose page to print (its page is argkb-SUBCOMMAND(1)).
        subcommand: Option<String>,
    },
}

#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Keep nodes of this kind: a family (actor, claim, recommendation,
    /// argument) or a finer kind (fact, prediction, state, person, …).
    #[arg(long)]
    pub kind: Option<String>,
    /// Keep nodes carrying this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Keep nodes anchored in paragraph N or in the range A-B.
    #[arg(long, value_name = "N|A-B", value_parser = parse_para_range)]
    pub para: Option<std::ops::RangeInclusive<u32>>,
    /// Keep an actor and what it asserts or opposes, is asked to do, or is
    /// the subject of.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Keep the claims and recommendations of this source (by id).
    #[arg(long = "source", value_name = "ID")]
    pub source: Option<String>,
}

/// Which part of the graph an export or rendering shows.
#[derive(Debug, Clone, Default, Args)]
pub struct ViewArgs {
    /// Show only the neighbourhood of this node.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: how many relations away from the node to go.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
    pub depth: usize,
    /// Leave out actors and the relations that touch them (the default for
    /// maps: `export --format dot` and `render`).
    #[arg(long, conflicts_with = "actors")]
    pub no_actors: bool,
    /// Show actors and the relations that touch them (the default for JSON).
    #[arg(long)]
    pub actors: bool,
    /// Show only relations of this kind (repeatable), e.g. `--rel supports --rel attacks`.
    #[arg(long, value_name = "KIND", value_parser = RelKindParser)]
    pub rel: Vec<RelKind>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// How the DOT map looks (used by `export --format dot` and `render`).
#[derive(Debug, Clone, Args)]
pub struct DotArgs {
    /// Layout direction.
    #[arg(long, value_enum, default_value_t, ignore_case = true)]
    pub rankdir: RankDir,
    /// Group nodes into boxes.
    #[arg(long, value_enum, default_value_t)]
    pub cluster_by: ClusterBy,
    /// Highlight the shortest chain of relations from one node to another.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub highlight_path: Option<Vec<String>>,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Wrap node labels near this many characters.
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub wrap: usize,
    /// Colour claims, recommendations and arguments by their label under
    /// this semantics (`eval`; support none): in green, out red,
    /// undecided yellow.
    #[arg(long, value_name = "SEMANTICS", value_enum)]
    pub label: Option<crate::af::semantics::Semantics>,
}

/// Parses a size in bytes: `1000`, `16K`, `512M`, `4G` (powers of 1024).
/// The default `--max-kb-size`: 4 GiB, or a quarter of the machine's
/// memory (`MemTotal` in /proc/meminfo) when that is less, so that a KB
/// too large to load is refused before it is read, not after.
pub fn default_max_kb_size() -> u64 {
    const CEILING: u64 = 4 << 30;
    let total = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
        m.lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kib| kib * 1024)
    });
    match total {
        Some(bytes) if bytes / 4 < CEILING => bytes / 4,
        _ => CEILING,
    }
}

pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => {
            return Err(format!(
                "`{s}` is not a size; write e.g. `4G`, `512M` or `1000`"
            ));
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("`{s}` is not a size; write e.g. `4G`, `512M` or `1000`"))
}

/// The parser of `--rel`: lenient about spelling (`addressed_to`,
/// `AddressedTo`, `addressed-to`), with a did-you-mean, and listing the
/// kinds for help and shell completion.
#[derive(Debug, Clone, Copy)]
pub struct RelKindParser;

impl clap::builder::TypedValueParser for RelKindParser {
    type Value = RelKind;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<RelKind, clap::Error> {
        let s = value.to_string_lossy();
        parse_rel_kind(&s).map_err(|msg| {
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{msg}\n")).with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            RelKind::ALL
                .iter()
                .map(|k| clap::builder::PossibleValue::new(k.name())),
        ))
    }
}

/// Parses a relation kind as written in outputs (`supports`, `addressed_to`)
/// or in the KB (`AddressedTo`).
pub fn parse_rel_kind(s: &str) -> Result<RelKind, String> {
    let norm = |x: &str| x.replace(['_', '-'], "").to_lowercase();
    RelKind::ALL
        .iter()
        .copied()
        .find(|k| norm(k.name()) == norm(s))
        .ok_or_else(|| {
            let names: Vec<&str> = RelKind::ALL.iter().map(|k| k.name()).collect();
            match crate::diagnostic::did_you_mean(s, names.iter().copied()) {
                Some(best) => format!("unknown relation kind `{s}`; did you mean `{best}`?"),
                None => format!("unknown relation kind `{s}`; known: {}", names.join(", ")),
            }
        })
}

impl From<FilterArgs> for Filter {
    fn from(a: FilterArgs) -> Filter {
        Filter {
            kind: a.kind,
            tag: a.tag,
            para: a.para,
            actor: a.actor,
            source: a.source,
        }
    }
}

/// Why a command did not succeed.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Warnings under `--deny-warnings`.
    #[error(
        "{}: {} denied by --deny-warnings",
        crate::load::names(files),
        crate::diagnostic::count_with(diagnostics, *more)
    )]
    Denied {
        files: Vec<SourceText>,
        /// The first warnings, in report order.
        diagnostics: Vec<Diagnostic>,
        /// Warnings found but not kept.
        more: usize,
    },
    #[error(
        "{0} sentence{s} of the source {verb} neither covered nor omitted",
        s = if *.0 == 1 { "" } else { "s" },
        verb = if *.0 == 1 { "is" } else { "are" }
    )]
    Uncovered(usize),
    #[error(
        "refusing to write to `{0}`: argkb never overwrites a KB file (the one being read, or any .ron file)"
    )]
    WouldOverwriteKb(PathBuf),
    #[error(
        "refusing to run: standard output is `{0}`, a file this command reads; the answer would be written into it (redirect to another file)"
    )]
    StdoutIsInput(PathBuf),
    #[error("cannot write `{path}`: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Problems already written to standard output (as JSON) (exit 1).
    #[error("{0} (listed on standard output)")]
    Reported(String),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Sparql(#[from] crate::rdf::sparql::SparqlError),
    /// Problems of an import under --strict (exit 1).
    #[error("{} problem{} under --strict; nothing written:\n  {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.join("\n  "))]
    Strict(Vec<String>),
    /// Arguments that make no sense together (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Error {
    /// The exit code this error stands for.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Load(LoadError::Invalid { .. })
            | Error::Denied { .. }
            | Error::Uncovered(_)
            | Error::Reported(_)
            | Error::Strict(_)
            | Error::Import(_) => 1,
            Error::Query(QueryError::UnknownId { .. } | QueryError::NothingFound(_)) => 1,
            _ => 2,
        }
    }

    /// Writing to a closed pipe: the reader has all it wanted.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// What to tell the user on stderr after a successful command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Option<(Vec<SourceText>, Vec<Diagnostic>)>,
    /// Warnings found but not kept (`Warnings::First`).
    pub more_warnings: usize,
    /// One-line notes, e.g. how many relations a view hid.
    pub notes: Vec<String>,
}

/// Carries out `cli`, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, Error> {
    match cli.command {
        Command::Completions { shell } => {
            // Generated into memory first: the generator panics on a
            // closed pipe (`argkb completions bash | head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut public_command(), "argkb", &mut script);
            if shell == clap_complete::Shell::Bash {
                script.extend_from_slice(BASH_IDS.as_bytes());
            }
            out.write_all(&script)?;
            out.flush()?;
            return Ok(Outcome::default());
        }
        Command::Init {
            source,
            title,
            output,
        } => {
            init(source.as_deref(), title, output.as_deref(), out)?;
            return Ok(Outcome::default());
        }
        Command::Import {
            from,
            files,
            output,
            strict,
        } => {
            let notes = import(
                from,
                &files,
                output.as_deref(),
                strict,
                cli.max_kb_size,
                out,
            )?;
            return Ok(Outcome {
                notes,
                ..Outcome::default()
            });
        }
        Command::Af {
            task,
            file,
            query,
            format,
            problems,
        } => {
            solve_af(task, file, query, format, problems, cli.max_kb_size, out)?;
            return Ok(Outcome::default());
        }
        Command::Sparql {
            query,
            file,
            format,
            timeout,
            endpoint: Some(url),
            base,
        } => {
            let base = crate::rdf::Base::new(&base).map_err(Error::Usage)?;
            let (name, text) = query_text(query, file.as_deref(), cli.max_kb_size)?;
            let answer = crate::rdf::sparql::run_remote(
                &url,
                &name,
                &text,
                &base,
                Duration::from_secs(timeout),
            )?;
            write_answer(&answer, format, &base, out)?;
            return Ok(Outcome::default());
        }
        Command::Watch {
            output,
            sources,
            timeout,
            view,
            dot,
        } => {
            let made = MapOptions {
                view,
                dot,
                texts: sources,
                timeout,
                base: crate::rdf::Base::default(),
            };
            watch(
                &cli.kb,
                cli.max_kb_size,
                &output,
                &made,
                cli.color,
                cli.max_errors,
            )?;
            return Ok(Outcome::default());
        }
        Command::Man { subcommand } => {
            let cmd = Cli::command();
            let page = match subcommand.as_deref() {
                None => cmd,
                Some(name) => {
                    let names: Vec<String> = cmd
                        .get_subcommands()
                        .map(|c| c.get_name().to_string())
                        .collect();
                    let Some(sub) = cmd.find_subcommand(name) else {
                        return Err(Error::Usage(format!(
                            "no subcommand `{name}`; the pages are: {}",
                            names.join(", ")
                        )));
                    };
                    // The page's name, as the main page's SEE ALSO gives it.
                    sub.clone().name(format!("argkb-{name}"))
                }
            };
            clap_mangen::Man::new(page).render(out)?;
            return Ok(Outcome::default());
        }
        _ => {}
    }
    let inputs = kb_inputs(&cli.kb)?;
    refuse_stdout_into(&kb_files(&inputs))?;
    if let Command::Check {
        source,
        format: OutputFormat::Json,
        ..
    } = &cli.command
    {
        return check_json(&inputs, cli.max_kb_size, cli.deny_warnings, source, out);
    }
    // Only `check` shows warnings, and `--deny-warnings` fails on them:
    // no other command needs them looked for. Both show the first
    // `--max-errors` of them: only those are kept.
    let warnings = if matches!(cli.command, Command::Check { .. }) || cli.deny_warnings {
        match cli.max_errors {
            0 => Warnings::Report,
            n => Warnings::First(n),
        }
    } else {
        Warnings::Skip
    };
    let mut loaded = match &cli.command {
        // Without texts to check quotes against, `check` needs no graph.
        Command::Check { source, quiet, .. } if source.is_empty() => {
            match crate::load::check_all(&inputs, cli.max_kb_size, warnings)? {
                Checked::Loaded(loaded) => *loaded,
                Checked::Sized {
                    files,
                    warnings,
                    more_warnings,
                    sizes,
                    kbs,
                } => {
                    release(kbs);
                    if cli.deny_warnings && !warnings.is_empty() {
                        return Err(Error::Denied {
                            files,
                            diagnostics: warnings,
                            more: more_warnings,
                        });
                    }
                    if *quiet {
                        return Ok(Outcome::default());
                    }
                    let total = warnings.len() + more_warnings;
                    let line = summary_of(&crate::load::names(&files), &sizes, total);
                    writeln!(out, "{line}")?;
                    out.flush()?;
                    return Ok(Outcome {
                        warnings: (!warnings.is_empty()).then_some((files, warnings)),
                        more_warnings,
                        notes: Vec::new(),
                    });
                }
            }
        }
        _ => load_all_with(&inputs, cli.max_kb_size, warnings)?,
    };
    if cli.deny_warnings && !loaded.warnings.is_empty() {
        return Err(Error::Denied {
            files: loaded.files,
            diagnostics: loaded.warnings,
            more: loaded.more_warnings,
        });
    }
    let graph = &loaded.graph;
    let mut show_warnings = false;
    let mut notes = Vec::new();
    match cli.command {
        Command::Check { source, quiet, .. } => {
            let texts = source_texts(&loaded, &source)?;
            if !source.is_empty() && texts.is_empty() {
                notes.push(no_source_note(&loaded));
            }
            let mut diagnostics = Vec::new();
            for (id, doc) in &texts {
                diagnostics.extend(check_quotes(graph, loaded.spans(), doc, id));
            }
            if !diagnostics.is_empty() {
                crate::diagnostic::sort(&mut diagnostics);
                return Err(LoadError::Invalid {
                    files: loaded.files,
                    diagnostics,
                }
                .into());
            }
            if !quiet {
                writeln!(out, "{}", summary(&loaded))?;
                show_warnings = true;
            }
        }
        Command::Coverage {
            source,
            deny_uncovered,
            format,
        } => {
            let texts = source_texts(&loaded, &source)?;
            if texts.is_empty() {
                // Nothing was compared: not a success. A KB without a
                // source has nothing to cover (exit 1); one whose text was
                // not given needs it (exit 2).
                let note = no_source_note(&loaded);
                let why = note.trim_start_matches("note: ").to_string();
                return Err(if loaded.graph.sources.is_empty() {
                    Error::Query(QueryError::NothingFound(why))
                } else {
                    Error::Usage(format!("coverage compares the KB with its text: {why}"))
                });
            }
            let reports: Vec<_> = texts
                .iter()
                .map(|(id, doc)| query::coverage::coverage(graph, doc, id))
                .collect();
            query::coverage::write_all(&reports, format, out)?;
            let uncovered: usize = reports.iter().map(|r| r.uncovered()).sum();
            if deny_uncovered && uncovered > 0 {
                out.flush()?;
                return Err(Error::Uncovered(uncovered));
            }
        }
        Command::Stats { format } => query::stats::stats(graph).write(format, out)?,
        Command::Ids => {
            for id in graph.ids() {
                writeln!(out, "{id}")?;
            }
        }
        Command::List { filter, format } => {
            let nodes = query::list::list(graph, &filter.into())?;
            query::list::write(graph, &nodes, format, out)?;
        }
        Command::Show { id, format } => query::show::show(graph, &id)?.write(format, out)?,
        Command::Neighbors {
            id,
            depth,
            rel,
            dir,
            format,
        } => {
            let found = query::neighbors::neighbors(graph, &id, depth, &rel, dir)?;
            let center = graph.node(&id).map_or(id.as_str(), |n| n.id());
            query::neighbors::write(center, &found, format, out)?;
        }
        Command::Path {
            from,
            to,
            all,
            max_len,
            limit,
            rel,
            actors,
            format,
        } => {
            // By default a path runs along the argument: a chain through
            // an actor (claim → China → claim) says nothing about how one
            // claim bears on another.
            let is_actor =
                |id: &str| graph.node(id).map(|n| n.kind()) == Some(crate::model::NodeKind::Actor);
            let narrowed = rel.is_empty() && !actors && !is_actor(&from) && !is_actor(&to);
            let rel = if narrowed {
                RelKind::ARGUMENT.to_vec()
            } else {
                rel
            };
            let find = |rel: &[RelKind]| {
                if all {
                    query::path::all(graph, &from, &to, rel, max_len, limit)
                } else {
                    query::path::shortest(graph, &from, &to, rel).map(|p| (vec![p], true))
                }
            };
            let (paths, complete) = match find(&rel) {
                // The same search over every relation would find one.
                Err(QueryError::NothingFound(m)) if narrowed && find(&[]).is_ok() => {
                    return Err(QueryError::NothingFound(format!(
                        "{m}; a chain through actors' relations exists: add --actors"
                    ))
                    .into());
                }
                other => other?,
            };
            query::path::write(&paths, complete, format, out)?;
            if !complete && paths.len() == limit {
                notes.push(format!(
                    "note: stopped after {limit} path{}; more exist (raise --limit)",
                    if limit == 1 { "" } else { "s" }
                ));
            } else if !complete {
                notes.push(
                    "note: the search reached its step budget; more paths may exist (lower --max-len or add --rel)"
                        .to_string(),
                );
            }
        }
        Command::Why { id, depth, format } => {
            query::why::why(graph, &id, depth)?.write(format, out)?
        }
        Command::Challenges {
            id,
            limit,
            side,
            unanswered,
            format,
        } => {
            let side = query::side::Side::or_default(side, graph);
            let found = query::challenges::challenges(graph, &id, limit, side, unanswered)?;
            query::challenges::write(graph, &found.found, format, out)?;
            let more = found.total - found.found.len();
            if more > 0 {
                notes.push(format!(
                    "note: {more} more challenge{} not shown (raise --limit, or 0 for all)",
                    if more == 1 { "" } else { "s" }
                ));
            }
            if found.other_side > 0 {
                notes.push(format!(
                    "note: {} attack{} on views the author does not hold not shown (--side all)",
                    found.other_side,
                    if found.other_side == 1 { "" } else { "s" }
                ));
            }
            if found.answered > 0 {
                notes.push(format!(
                    "note: {} answered attack{} not shown (drop --unanswered)",
                    found.answered,
                    if found.answered == 1 { "" } else { "s" }
                ));
            }
        }
        Command::Stance { actor, format } => {
            query::stance::stance(graph, &actor)?.write(graph, format, out)?
        }
        Command::Search { text, format } => {
            let hits = query::search::search(graph, &text.join(" "))?;
            let colour = match cli.color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let marks = if colour {
                query::search::Marks::ANSI
            } else {
                query::search::Marks::PLAIN
            };
            query::search::write_marked(&hits, format, marks, out)?;
        }
        Command::WeakPoints { side, format } => {
            let side = query::side::Side::or_default(side, graph);
            let w = query::weak::weak_points(graph, side)?;
            w.write(graph, format, out)?;
            if w.other_side > 0 {
                notes.push(format!(
                    "note: {} node{} the author does not hold not examined (--side all)",
                    w.other_side,
                    if w.other_side == 1 { "" } else { "s" }
                ));
            }
        }
        Command::Rank {
            by,
            samples,
            top,
            format,
        } => {
            let (ranked, approximation) = query::rank::rank_with(graph, by, top, samples)?;
            match approximation {
                Some(query::rank::Approximation::SampledSources(k)) => notes.push(format!(
                    "note: betweenness estimated from {k} of {} source nodes (seeded; --samples 0 computes it exactly)",
                    graph.node_count()
                )),
                Some(query::rank::Approximation::Sketches(k)) => notes.push(format!(
                    "note: support-reach estimated from bottom-{k} sketches (about {:.0}% error above {k}; exact below; seeded; --samples 0 computes it exactly)",
                    100.0 / ((k.max(3) - 2) as f64).sqrt()
                )),
                None => {}
            }
            query::rank::write(&ranked, by, format, out)?;
            if format == OutputFormat::Text {
                notes.push(format!("note: {}", query::rank::explain(by)));
            }
        }
        Command::Sparql {
            query,
            file,
            format,
            timeout,
            endpoint: None,
            base,
        } => {
            let base = crate::rdf::Base::new(&base).map_err(Error::Usage)?;
            let (name, text) = query_text(query, file.as_deref(), cli.max_kb_size)?;
            let store = crate::rdf::sparql::store(graph, &base)?;
            let answer =
                crate::rdf::sparql::run(&store, &name, &text, &base, Duration::from_secs(timeout))?;
            write_answer(&answer, format, &base, out)?;
        }
        Command::Export {
            format,
            output,
            base,
            sources,
            view,
            dot,
        } => {
            let base = crate::rdf::Base::new(&base).map_err(Error::Usage)?;
            let format = pick_format(
                "export",
                format,
                output.as_deref(),
                Format::Json,
                Format::from_extension,
                Format::fits_extension,
            )?;
            let target = Target {
                output: output.as_deref(),
                inputs: &inputs,
            };
            let made = MapOptions {
                view,
                dot,
                texts: sources,
                timeout: 60,
                base,
            };
            notes.extend(write_map(
                &loaded,
                Made::Export(format),
                &made,
                &target,
                out,
            )?);
        }
        Command::Render {
            format,
            output,
            sources,
            timeout,
            view,
            dot,
        } => {
            let format = pick_format(
                "render",
                format,
                output.as_deref(),
                RenderFormat::Svg,
                RenderFormat::from_extension,
                |f, ext| RenderFormat::from_extension(ext) == Some(f),
            )?;
            let to_stdout = output.as_deref().is_none_or(|p| p == Path::new("-"));
            let binary = match format {
                RenderFormat::Png => Some(ImageFormat::Png),
                RenderFormat::Pdf => Some(ImageFormat::Pdf),
                _ => None,
            };
            if let Some(binary) = binary.filter(|_| to_stdout && io::stdout().is_terminal()) {
                return Err(Error::Usage(format!(
                    "refusing to write {} bytes to a terminal; give -o FILE or pipe the output",
                    binary.name()
                )));
            }
            let target = Target {
                output: output.as_deref(),
                inputs: &inputs,
            };
            let made = MapOptions {
                view,
                dot,
                texts: sources,
                timeout,
                base: crate::rdf::Base::default(),
            };
            notes.extend(write_map(
                &loaded,
                Made::Render(format),
                &made,
                &target,
                out,
            )?);
        }
        Command::Eval {
            semantics,
            support,
            explain,
            remove,
            assume,
            all,
            limit,
            format,
        } => {
            let mut assume = assume;
            assume.extend(
                remove
                    .into_iter()
                    .map(|id| query::eval::Assumption { id, granted: false }),
            );
            let ev = query::eval::evaluate_assuming(graph, semantics, support, &assume, limit)?;
            match explain {
                Some(id) => {
                    query::find(graph, &id)?;
                    ev.explanation(graph, &id, 6)?.write(format, out)?;
                }
                None => ev.write(graph, all, format, out)?,
            }
        }
        Command::Completions { .. }
        | Command::Man { .. }
        | Command::Init { .. }
        | Command::Import { .. }
        | Command::Af { .. }
        | Command::Watch { .. }
        | Command::Sparql {
            endpoint: Some(_), ..
        } => {
            unreachable!("handled above")
        }
    }
    out.flush()?;
    let (files, warnings, more_warnings) = (
        std::mem::take(&mut loaded.files),
        std::mem::take(&mut loaded.warnings),
        loaded.more_warnings,
    );
    release(loaded);
    Ok(Outcome {
        warnings: (show_warnings && !warnings.is_empty()).then_some((files, warnings)),
        more_warnings,
        notes,
    })
}

/// Set by the binary: the process ends right after `run`.
static EXITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells `run` that the process ends when it returns, so that a large
/// graph need not be freed piece by piece (a second at 10^6 nodes): the
/// operating system takes the memory back at once.
pub fn exit_after_run() {
    EXITING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Drops `value`, or, when the process is about to end, leaves it to the
/// operating system.
fn release<T>(value: T) {
    if EXITING.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}

/// The command line as users see it: without hidden subcommands (`ids`,
/// which the bash completion script calls but nobody types), for
/// completion scripts.
fn public_command() -> clap::Command {
    let full = Cli::command();
    let mut cmd = clap::Command::new(full.get_name().to_string())
        .version(full.get_version().map(str::to_string).unwrap_or_default());
    for a in full.get_arguments() {
        cmd = cmd.arg(a.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        cmd = cmd.subcommand(sub.clone());
    }
    cmd
}

/// The format to write: the one given, or the one the output file's
/// extension names, or `default` when the file has no extension (or is
/// stdout); a format that contradicts the extension is refused (`render -o
/// map.png --format svg` would write SVG into a .png file), and so is an
/// extension that names no format `command` writes (`export -o map.svg`
/// would write JSON into a .svg file): the error names the formats, and the
/// other command when it writes that one.
fn pick_format<F: Copy + PartialEq + ValueEnum>(
    command: &str,
    given: Option<F>,
    output: Option<&Path>,
    default: F,
    from_extension: fn(&str) -> Option<F>,
    fits: fn(F, &str) -> bool,
) -> Result<F, Error> {
    let ext = output
        .filter(|p| *p != Path::new("-"))
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let implied = ext.as_deref().and_then(from_extension);
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    match (given, implied) {
        (Some(g), Some(i)) if g != i && !fits(g, ext.as_deref().unwrap_or_default()) => {
            Err(Error::Usage(format!(
                "--format {} does not match the output file's extension `.{}` (which means {}); change one of them",
                name(g),
                ext.unwrap_or_default(),
                name(i)
            )))
        }
        (Some(g), _) => Ok(g),
        (None, Some(i)) => Ok(i),
        (None, None) => match ext {
            // A .ron file is a KB: writing it is refused later, with the
            // reason that matters.
            None => Ok(default),
            Some(ext) if ext == "ron" => Ok(default),
            Some(ext) => {
                let formats: Vec<String> = F::value_variants().iter().map(|&f| name(f)).collect();
                let elsewhere = match command {
                    "export" if RenderFormat::from_extension(&ext).is_some() => {
                        format!("; to draw the map as an image, run `argkb render -o FILE.{ext}`")
                    }
                    "render" if Format::from_extension(&ext).is_some() => {
                        format!("; `argkb export -o FILE.{ext}` writes that format")
                    }
                    _ => String::new(),
                };
                Err(Error::Usage(format!(
                    "`{command}` does not write `.{}` files: it writes {} (give --format, or an output file named for one){elsewhere}",
                    crate::diagnostic::clip(&ext, 40),
                    formats.join(", ")
                )))
            }
        },
    }
}

/// Turns the view and DOT arguments into a selection and DOT options.
/// Maps leave actors out unless asked: two dozen actors with their stance
/// edges swamp the argument (the note on stderr says how to add them).
fn prepare<'g>(
    graph: &'g ArgGraph,
    view: ViewArgs,
    dot: DotArgs,
    is_map: bool,
) -> Result<(Selection<'g>, DotOptions, Option<String>), Error> {
    // A map focused on an actor shows actors: the focus itself is one.
    let focus_is_actor = view
        .focus
        .as_deref()
        .and_then(|id| graph.node(id))
        .is_some_and(|n| n.kind() == crate::model::NodeKind::Actor);
    let actors_by_default = is_map && !view.actors && !view.no_actors && !focus_is_actor;
    let view = View {
        focus: view.focus.map(|id| (id, view.depth)),
        no_actors: view.no_actors || actors_by_default,
        rels: view.rel,
        filter: view.filter.into(),
    };
    let sel = view.select(graph)?;
    let mut highlight = BTreeSet::new();
    if let Some([from, to]) = dot.highlight_path.as_deref() {
        for e in query::path::shortest(graph, from, to, &[])? {
            highlight.insert((e.source.to_string(), e.kind, e.target.to_string()));
        }
    }
    let acceptability = match dot.label {
        None => None,
        Some(semantics) => {
            let ev = query::eval::evaluate(
                graph,
                semantics,
                crate::af::from_kb::Support::None,
                &[],
                100,
            )?;
            Some(crate::export::dot::Acceptability {
                semantics: semantics.name(),
                labels: ev.af.names.iter().cloned().zip(ev.labels).collect(),
            })
        }
    };
    let options = DotOptions {
        rankdir: dot.rankdir,
        cluster_by: dot.cluster_by,
        highlight,
        legend: !dot.no_legend,
        wrap: dot.wrap.max(8),
        acceptability,
    };
    let mut note = hidden_note(&sel);
    if let Some(n) = note.as_mut().filter(|_| actors_by_default) {
        n.push_str("; maps leave actors out unless given --actors");
    }
    Ok((sel, options, note))
}

/// Says how many relations a view left out, by kind.
fn hidden_note(sel: &Selection<'_>) -> Option<String> {
    let total = sel.hidden_total();
    (total > 0).then(|| {
        let parts: Vec<String> = sel
            .hidden
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        format!(
            "note: {total} relation{} not shown by this view ({})",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    })
}

/// Writes to FILE, or to `out` when there is none (or `-`); never to a KB.
///
/// argkb never rewrites a KB: not the one being read (compared by device
/// and inode, so a hard link, a symlink or the file redirected to standard
/// input is recognised), and not any other `.ron` file, whether named or
/// reached through a link (no export is RON, and the built-in KB's source
/// is one). The output goes to a temporary file beside the target, renamed
/// into place once complete, so a failed export leaves no half-written file.
fn write_output(
    path: Option<&Path>,
    inputs: &[Input],
    out: &mut dyn Write,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let Some(path) = path.filter(|p| *p != Path::new("-")) else {
        return Ok(write(out)?);
    };
    let refuse = || Error::WouldOverwriteKb(path.to_path_buf());
    // Where the bytes would really land: through any symlinks.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if is_ron(path) || is_ron(&target) {
        return Err(refuse());
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let expanded = crate::load::expand(inputs).unwrap_or_default();
        let is_kb = |input: &Input| {
            let kb = match input {
                Input::File(kb) => std::fs::metadata(kb).ok(),
                Input::Stdin => std::fs::metadata("/dev/stdin").ok(),
                Input::Builtin => None,
            };
            kb.is_some_and(|kb| same_inode(&kb, &meta))
        };
        if expanded.iter().any(is_kb) {
            return Err(refuse());
        }
    }
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    // A device or FIFO (`-o /dev/stdout`) is written as it is.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(err)?;
        let mut w = io::BufWriter::new(file);
        write(&mut w).map_err(err)?;
        return w.flush().map_err(err);
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.argkb-{}.tmp", std::process::id()));
    // Ctrl-C, SIGTERM or SIGHUP while writing removes the temporary.
    let _cleanup = crate::sys::interrupt::guard(&tmp);
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut w = io::BufWriter::new(file);
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

fn is_ron(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The KB files `inputs` name, folders expanded (standard input and the
/// built-in KB are no files).
fn kb_files(inputs: &[Input]) -> Vec<PathBuf> {
    crate::load::expand(inputs)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// Refuses to run when standard output is one of `files` (`argkb --kb
/// kb.ron export >> kb.ron`, `1<> kb.ron`): the answer would be written
/// into the file it is read from, and the KB lost.
fn refuse_stdout_into(files: &[PathBuf]) -> Result<(), Error> {
    let Ok(stdout) = std::fs::metadata("/dev/stdout") else {
        return Ok(());
    };
    if !stdout.is_file() {
        return Ok(());
    }
    for f in files {
        if std::fs::metadata(f).is_ok_and(|m| same_inode(&m, &stdout)) {
            return Err(Error::StdoutIsInput(f.clone()));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// `check --format json`: every diagnostic as one JSON object on stdout,
/// valid KB or not; exit 1 when there are errors (or warnings under
/// `--deny-warnings`).
fn check_json(
    inputs: &[Input],
    max_kb_size: u64,
    deny_warnings: bool,
    source: &[String],
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (files, diagnostics, loaded) = match load_all(inputs, max_kb_size) {
        Ok(loaded) => {
            let mut diags = loaded.warnings.clone();
            for (id, doc) in &source_texts(&loaded, source)? {
                diags.extend(check_quotes(&loaded.graph, loaded.spans(), doc, id));
            }
            crate::diagnostic::sort(&mut diags);
            (loaded.files.clone(), diags, Some(loaded))
        }
        Err(LoadError::Invalid { files, diagnostics }) => (files, diagnostics, None),
        Err(e) => return Err(e.into()),
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || deny_warnings && warnings > 0;
    let summary = loaded.as_ref().map(|l| {
        let s = query::stats::stats(&l.graph);
        serde_json::json!({
            "nodes": s.nodes_by_kind,
            "links": s.links,
            "sources": l.graph.sources.len(),
        })
    });
    let doc = serde_json::json!({
        "kb": crate::load::names(&files),
        "ok": !failed,
        "errors": errors,
        "warnings": warnings,
        "summary": summary,
        "diagnostics": diagnostics
            .iter()
            .map(|d| crate::diagnostic::to_json(&files, d))
            .collect::<Vec<_>>(),
    });
    query::write_json(out, &doc)?;
    out.flush()?;
    if failed {
        return Err(Error::Reported(crate::diagnostic::count(&diagnostics)));
    }
    Ok(Outcome::default())
}

/// `argkb init`: a starter KB on `out` or in a new file.
fn init(
    source: Option<&Path>,
    title: Option<String>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let output = output.filter(|p| *p != Path::new("-"));
    let text = source
        .map(|p| SourceText::read(&Input::File(p.to_path_buf())).map_err(LoadError::from))
        .transpose()?;
    let doc = text
        .as_ref()
        .map(|t| SourceDoc::parse(t, None).expect("a text with no body bounds always splits"));
    let first_line = text.as_ref().and_then(|t| {
        t.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    });
    let title = title
        .or(first_line)
        .unwrap_or_else(|| "My argument".to_string());
    // The text's path as the KB will name it: relative to the KB file.
    let text_path = source.map(|src| match output {
        Some(kb) => relative_path(src, kb.parent().unwrap_or(Path::new("."))),
        None => src.display().to_string(),
    });
    let starter = crate::import::starter::starter(&crate::import::starter::Starter {
        title,
        source: doc.as_ref().zip(text_path),
    });
    match output {
        None => Ok(out.write_all(starter.as_bytes())?),
        Some(path) => write_new_file(path, starter.as_bytes(), "init"),
    }
}

/// Writes `bytes` to a new file at `path`; an existing file is never
/// written over (`command` names who refuses, in the message).
fn write_new_file(path: &Path, bytes: &[u8], command: &str) -> Result<(), Error> {
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "`{}` exists; argkb {command} never writes over a file",
                    path.display()
                ))
            } else {
                err(e)
            }
        })?;
    file.write_all(bytes).map_err(err)
}

/// `argkb af`: one ICCMA task on one framework file; any bad input is a
/// one-line error (exit 2).
fn solve_af(
    task: Option<String>,
    file: Option<PathBuf>,
    query: Option<String>,
    format: Option<crate::af::formats::AfFormat>,
    problems: bool,
    max_kb_size: u64,
    out: &mut dyn Write,
) -> Result<(), Error> {
    use crate::af::iccma::Task;
    if problems {
        let names: Vec<String> = Task::all().into_iter().map(Task::name).collect();
        writeln!(out, "[{}]", names.join(","))?;
        return Ok(());
    }
    let (Some(task_name), Some(file)) = (task, file) else {
        return Err(Error::Usage(
            "give -p TASK and -f FILE (or --problems)".into(),
        ));
    };
    let task = Task::parse(&task_name).ok_or_else(|| {
        Error::Usage(format!(
            "unknown task `{task_name}`; `argkb af --problems` lists them"
        ))
    })?;
    let text = SourceText::read_limited(&Input::File(file.clone()), max_kb_size)
        .map_err(LoadError::from)?;
    let name = file.display().to_string();
    let format = format.unwrap_or_else(|| crate::af::formats::AfFormat::detect(&name, &text.text));
    let af = crate::af::formats::parse(&text.text, format)
        .map_err(|e| Error::Usage(format!("{name}: {e}")))?;
    let answer = crate::af::iccma::answer(&af, task, query.as_deref())
        .map_err(|e| Error::Usage(e.to_string()))?;
    writeln!(out, "{answer}")?;
    Ok(())
}

/// `argkb import`: reads the files (folders: their `.json` files, sorted),
/// converts them, checks that the result loads, and writes it. Returns
/// the notes for stderr: each problem, and a summary.
fn import(
    from: crate::import::ImportFormat,
    files: &[PathBuf],
    output: Option<&Path>,
    strict: bool,
    max_kb_size: u64,
    out: &mut dyn Write,
) -> Result<Vec<String>, Error> {
    let output = output.filter(|p| *p != Path::new("-"));
    let mut paths = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|e| Error::Output {
                    path: f.clone(),
                    source: e,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(Error::Usage(format!(
                    "`{}` holds no .json file",
                    f.display()
                )));
            }
            paths.extend(inside);
        } else {
            paths.push(f.clone());
        }
    }
    if output.is_none() {
        refuse_stdout_into(&paths)?;
    }
    let mut inputs = Vec::new();
    for p in &paths {
        let text = SourceText::read_limited(&Input::File(p.clone()), max_kb_size)
            .map_err(LoadError::from)?;
        inputs.push(crate::import::Input {
            name: p.display().to_string(),
            text: text.text,
        });
    }
    let (draft, problems) = crate::import::import(from, &inputs)?;
    let ron = draft.to_ron();
    // What we write must load: anything else is a bug of the importer.
    if let Err(e) = crate::load::load_text(SourceText::new("<import>", ron.clone())) {
        return Err(Error::Usage(format!(
            "the imported KB does not load ({e}); please report this with the input"
        )));
    }
    if strict && !problems.is_empty() {
        return Err(Error::Strict(
            problems.iter().map(ToString::to_string).collect(),
        ));
    }
    let mut notes: Vec<String> = problems.iter().map(|p| format!("warning: {p}")).collect();
    match output {
        None => out.write_all(ron.as_bytes())?,
        Some(path) => write_new_file(path, ron.as_bytes(), "import")?,
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let conflicts = match draft.conflicts.len() {
        0 => String::new(),
        n => format!("{}, ", count(n, "named conflict", "named conflicts")),
    };
    notes.push(format!(
        "note: imported {}, {}, {conflicts}{} and {} from {}{}",
        count(draft.claims.len(), "claim", "claims"),
        count(draft.arguments.len(), "argument", "arguments"),
        count(draft.relations.len(), "relation", "relations"),
        count(draft.actors.len(), "actor", "actors"),
        count(inputs.len(), "file", "files"),
        match problems.len() {
            0 => String::new(),
            n => format!("; {} above", count(n, "problem", "problems")),
        }
    ));
    Ok(notes)
}

/// `target` as a path relative to the folder `base` (both resolved), or
/// as given when they share no root.
fn relative_path(target: &Path, base: &Path) -> String {
    let (Ok(t), Ok(b)) = (
        std::fs::canonicalize(target),
        std::fs::canonicalize(if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        }),
    ) else {
        return target.display().to_string();
    };
    let common = t
        .components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count();
    let mut rel = PathBuf::new();
    for _ in b.components().skip(common) {
        rel.push("..");
    }
    for c in t.components().skip(common) {
        rel.push(c);
    }
    rel.display().to_string()
}

/// The inputs `--kb` names, or else `$ARGKB_KB` (a list of paths, as in
/// PATH), or else none (the built-in essay).
/// How diagnostics are coloured on stderr.
pub fn color_choice(when: ColorWhen) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if io::stderr().is_terminal() => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    }
}

/// `argkb watch`: builds `output` from the KB, then again on every change
/// to a KB file or source text, printing diagnostics as `check` does; an
/// invalid KB leaves the last good output in place.
fn watch(
    kb: &[PathBuf],
    max_size: u64,
    output: &Path,
    made: &MapOptions,
    color: ColorWhen,
    max_errors: usize,
) -> Result<(), Error> {
    if kb.is_empty() {
        return Err(Error::Usage(
            "watch needs the KB to watch: give --kb FILE (or a folder)".into(),
        ));
    }
    if output == Path::new("-") {
        return Err(Error::Usage(
            "watch keeps a file up to date: give -o FILE, not standard output".into(),
        ));
    }
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let what = match (
        RenderFormat::from_extension(&ext),
        Format::from_extension(&ext),
    ) {
        (Some(f), _) => Made::Render(f),
        (None, Some(f)) => Made::Export(f),
        (None, None) => {
            return Err(Error::Usage(format!(
                "watch: cannot tell the format of `{}` from its extension (html, svg, png, pdf, dot, json, …)",
                output.display()
            )));
        }
    };
    let inputs = kb_inputs(kb)?;
    let color = color_choice(color);
    let shown = output.display().to_string();
    let mut wrote = false;
    let mut rebuild = || -> Vec<PathBuf> {
        let mut files = kb_files(&inputs);
        for t in &made.texts {
            files.push(PathBuf::from(
                t.split_once('=').map_or(t.as_str(), |(_, p)| p),
            ));
        }
        let kept = if wrote {
            format!("the last good {shown} is kept")
        } else {
            format!("{shown} is not written yet")
        };
        let loaded = match load_all(&inputs, max_size) {
            Ok(l) => l,
            Err(LoadError::Invalid {
                files: f,
                diagnostics,
            }) => {
                crate::diagnostic::emit_stderr(&f, &diagnostics, 0, color, max_errors);
                eprintln!(
                    "watch: {} invalid: {}; {kept}",
                    crate::load::names(&f),
                    crate::diagnostic::count(&diagnostics)
                );
                return files;
            }
            Err(e) => {
                eprintln!("watch: error: {e}; {kept}");
                return files;
            }
        };
        if !loaded.warnings.is_empty() {
            crate::diagnostic::emit_stderr(
                &loaded.files,
                &loaded.warnings,
                loaded.more_warnings,
                color,
                max_errors,
            );
        }
        files.extend(source_text_paths(&loaded));
        let target = Target {
            output: Some(output),
            inputs: &inputs,
        };
        match write_map(&loaded, what, made, &target, &mut io::sink()) {
            Ok(_) => {
                wrote = true;
                eprintln!(
                    "watch: wrote {shown} ({}); waiting for changes (Ctrl-C stops)",
                    loaded.name()
                );
            }
            Err(e) => eprintln!("watch: error: {e}; {kept}"),
        }
        files
    };
    crate::sys::watch::watch(&mut rebuild).map_err(|e| Error::Usage(e.to_string()))?;
    eprintln!("watch: stopped");
    Ok(())
}

/// The source texts a KB names (`text` paths, relative to its file).
fn source_text_paths(loaded: &Loaded) -> Vec<PathBuf> {
    if crate::load::is_builtin(&loaded.files) {
        return Vec::new();
    }
    loaded
        .graph
        .sources
        .iter()
        .filter_map(|e| {
            let text = e.source.text.as_ref()?;
            let dir = Path::new(&loaded.files[e.file].name).parent()?;
            Some(dir.join(text))
        })
        .collect()
}

/// What `export`, `render` and `watch` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Export(Format),
    Render(RenderFormat),
}

/// How a map or export is made: the view, the DOT options, the texts for
/// the html page, Graphviz's time limit and the RDF base.
#[derive(Debug, Clone)]
struct MapOptions {
    view: ViewArgs,
    dot: DotArgs,
    texts: Vec<String>,
    timeout: u64,
    base: crate::rdf::Base,
}

/// Where it goes: a file (or standard output), never over the KB.
struct Target<'a> {
    output: Option<&'a Path>,
    inputs: &'a [Input],
}

/// Writes the export or map `what` of `loaded`; returns the notes for
/// stderr (hidden relations, what a format could not hold).
fn write_map(
    loaded: &Loaded,
    what: Made,
    made: &MapOptions,
    target: &Target<'_>,
    out: &mut dyn Write,
) -> Result<Vec<String>, Error> {
    let graph = &loaded.graph;
    let is_map = matches!(
        what,
        Made::Render(_) | Made::Export(Format::Dot | Format::Html)
    );
    let (sel, options, note) = prepare(graph, made.view.clone(), made.dot.clone(), is_map)?;
    let mut notes: Vec<String> = note.into_iter().collect();
    let image = match what {
        Made::Render(RenderFormat::Svg) => Some(ImageFormat::Svg),
        Made::Render(RenderFormat::Png) => Some(ImageFormat::Png),
        Made::Render(RenderFormat::Pdf) => Some(ImageFormat::Pdf),
        _ => None,
    };
    if let Some(format) = image {
        let mut source = Vec::new();
        Format::Dot
            .exporter(&options)
            .export(graph, &sel, &mut source)?;
        let bytes = render(&source, format, Duration::from_secs(made.timeout))?;
        write_output(target.output, target.inputs, out, &mut |w| {
            w.write_all(&bytes)
        })?;
        return Ok(notes);
    }
    let exporter: Box<dyn Exporter> = match what {
        Made::Export(Format::Html) | Made::Render(RenderFormat::Html) => {
            Box::new(explorer(loaded, &options, &made.texts, made.timeout)?)
        }
        Made::Export(format) => format.exporter_with_base(&options, &made.base),
        Made::Render(_) => unreachable!("images are drawn above"),
    };
    write_output(target.output, target.inputs, out, &mut |w| {
        exporter.export(graph, &sel, w)
    })?;
    notes.extend(
        exporter
            .unwritten(graph, &sel)
            .into_iter()
            .map(|n| format!("note: {n}")),
    );
    Ok(notes)
}

/// The explorer page's exporter: the source texts (given, or the KB's
/// `text` paths) and the grounded labels for its colouring toggle (or the
/// `--label` ones).
fn explorer(
    loaded: &Loaded,
    options: &DotOptions,
    sources: &[String],
    timeout: u64,
) -> Result<crate::export::html::Html, Error> {
    let texts = source_texts(loaded, sources)?;
    let labels = match &options.acceptability {
        Some(a) => Some(a.clone()),
        None => query::eval::evaluate(
            &loaded.graph,
            crate::af::semantics::Semantics::Grounded,
            crate::af::from_kb::Support::None,
            &[],
            1,
        )
        .ok()
        .map(|ev| crate::export::dot::Acceptability {
            semantics: "grounded",
            labels: ev.af.names.iter().cloned().zip(ev.labels).collect(),
        }),
    };
    Ok(crate::export::html::Html {
        dot: options.clone(),
        texts,
        labels,
        timeout: Duration::from_secs(timeout),
    })
}

/// The query of `argkb sparql`, from the command line or a file, with the
/// name messages give it.
fn query_text(
    query: Option<String>,
    file: Option<&Path>,
    max_size: u64,
) -> Result<(String, String), Error> {
    match (query, file) {
        (Some(q), _) => Ok(("<query>".into(), q)),
        (None, Some(path)) => {
            let text = SourceText::read_limited(&Input::from_arg(Some(path)), max_size)
                .map_err(LoadError::from)?;
            Ok((text.name.clone(), text.text.clone()))
        }
        (None, None) => Err(Error::Usage("give a query, or -f FILE".into())),
    }
}

/// Writes a SPARQL answer (by default a table on a terminal, TSV to a
/// pipe, Turtle for triples);
/// an empty one is "nothing found" (exit 1), after its header is written.
fn write_answer(
    answer: &crate::rdf::sparql::Answer,
    format: Option<crate::rdf::sparql::ResultsFormat>,
    base: &crate::rdf::Base,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let format = format.unwrap_or_else(|| {
        crate::rdf::sparql::ResultsFormat::default_for(answer, io::stdout().is_terminal())
    });
    crate::rdf::sparql::write(answer, format, base, out)?;
    out.flush()?;
    if answer.is_empty() {
        return Err(Error::Query(QueryError::NothingFound(
            match answer {
                crate::rdf::sparql::Answer::Boolean(_) => "the answer is no",
                crate::rdf::sparql::Answer::Graph(_) => "the query built no triple",
                crate::rdf::sparql::Answer::Solutions { .. } => "no solution",
            }
            .into(),
        )));
    }
    Ok(())
}

fn kb_inputs(kb: &[PathBuf]) -> Result<Vec<Input>, Error> {
    if !kb.is_empty() {
        return Ok(kb.iter().map(|p| Input::from_arg(Some(p))).collect());
    }
    match std::env::var_os("ARGKB_KB") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| {
                // Name the variable: the user may not know it is set.
                if p != Path::new("-")
                    && let Err(e) = std::fs::metadata(&p)
                {
                    return Err(Error::Usage(format!(
                        "the environment variable ARGKB_KB names `{}`, which cannot be read ({e}); fix or unset ARGKB_KB, or give --kb",
                        p.display()
                    )));
                }
                Ok(Input::from_arg(Some(&p)))
            })
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// Says why nothing was checked against a text.
fn no_source_note(loaded: &Loaded) -> String {
    if loaded.graph.sources.is_empty() {
        format!(
            "note: {} names no source text; nothing to check (a KB of your own argument needs none)",
            loaded.name()
        )
    } else {
        "note: no source text available; give --source FILE (or ID=FILE), or a `text:` path in the Source".to_string()
    }
}

/// The source texts to check: those named on the command line (`FILE` for
/// the only source, `ID=FILE` for any) and those whose `text` path the KB
/// gives (relative to the file that names it), each cut to its body.
fn source_texts(loaded: &Loaded, args: &[String]) -> Result<Vec<(String, SourceDoc)>, Error> {
    let graph = &loaded.graph;
    let ids: Vec<&str> = graph.sources.iter().map(|s| s.id.as_str()).collect();
    let mut chosen: Vec<(String, PathBuf)> = Vec::new();
    for arg in args {
        let (id, path) = match arg.split_once('=') {
            Some((id, path)) if ids.contains(&id) => (id.to_string(), PathBuf::from(path)),
            Some((id, _)) if !Path::new(arg).exists() => {
                return Err(Error::Usage(format!(
                    "--source {arg}: no source has the id `{id}`; the KB's sources are {}",
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                )));
            }
            _ => match ids.as_slice() {
                [] => continue,
                [only] => (only.to_string(), PathBuf::from(arg)),
                _ => {
                    return Err(Error::Usage(format!(
                        "--source {arg}: the KB has {} sources; say which: --source ID={arg} (one of {})",
                        ids.len(),
                        ids.join(", ")
                    )));
                }
            },
        };
        chosen.retain(|(i, _)| *i != id);
        chosen.push((id, path));
    }
    for entry in &graph.sources {
        let Some(text) = &entry.source.text else {
            continue;
        };
        if chosen.iter().any(|(i, _)| *i == entry.id) {
            continue;
        }
        let kb_file = &loaded.files[entry.file];
        let base = Path::new(&kb_file.name)
            .parent()
            .filter(|_| !crate::load::is_builtin(&loaded.files))
            .unwrap_or(Path::new("."));
        chosen.push((entry.id.clone(), base.join(text)));
    }
    let mut out = Vec::new();
    for (id, path) in chosen {
        let entry = graph.source(&id).expect("ids come from the graph");
        out.push((id.clone(), source_doc(loaded, entry, &path)?));
    }
    Ok(out)
}

/// Reads one source's text and cuts out its body paragraphs.
fn source_doc(loaded: &Loaded, entry: &SourceEntry, path: &Path) -> Result<SourceDoc, Error> {
    let text = SourceText::read(&Input::File(path.to_path_buf())).map_err(LoadError::from)?;
    let body = entry.source.body.as_ref();
    SourceDoc::parse(&text, body.map(|b| (b.first.as_str(), b.last.as_str()))).map_err(|e| {
        let base: Vec<Seg<'static>> = match entry.index {
            None => vec![Seg::Field("meta"), Seg::Field("source")],
            Some(i) => vec![Seg::Field("sources"), Seg::Index(i)],
        };
        let at = |field| {
            let mut p = base.clone();
            p.extend([Seg::Field("body"), Seg::Field(field)]);
            loaded
                .spans()
                .get(entry.file)
                .and_then(|s| s.nearest(&p))
                .map(|r| Loc::new(entry.file, r))
        };
        let d = match e {
            BodyError::NotFound { which, words } => Diagnostic::error(
                "missing-quote",
                format!("no paragraph of {} begins with `{words}`", text.name),
            )
            .at(
                at(which),
                format!("opening words of the {which} body paragraph"),
            )
            .help("copy the first words of the paragraph from the source text"),
            BodyError::Reversed => Diagnostic::error(
                "missing-quote",
                format!(
                    "in {}, the last body paragraph comes before the first",
                    text.name
                ),
            )
            .at(at("last"), "comes before `first`"),
        };
        Error::Load(LoadError::Invalid {
            files: loaded.files.clone(),
            diagnostics: vec![d],
        })
    })
}

/// The one line `check` prints for a valid KB.
pub fn summary(loaded: &Loaded) -> String {
    summary_of(
        &loaded.name(),
        &crate::graph::Sizes::of(&loaded.graph),
        loaded.warnings.len() + loaded.more_warnings,
    )
}

/// `check`'s line for a KB named `name` of these sizes.
pub fn summary_of(name: &str, s: &crate::graph::Sizes, warnings: usize) -> String {
    let n = |k: usize, word: &str| format!("{k} {word}{}", if k == 1 { "" } else { "s" });
    format!(
        "ok: {name}: {}, {}, {}, {}{}, {}{}; {}",
        n(s.actors, "actor"),
        n(s.claims, "claim"),
        n(s.recommendations, "recommendation"),
        n(s.arguments, "argument"),
        match s.conflicts {
            0 => String::new(),
            k => format!(", {}", n(k, "named conflict")),
        },
        n(s.links, "link"),
        if s.sources > 1 {
            format!(", {} sources", s.sources)
        } else {
            String::new()
        },
        n(warnings, "warning"),
    )
}
