//! What several commands take alike: the filter, view and map-style
//! argument groups, a server's credentials, and the parsers of sizes and
//! relation kinds.

use std::time::Duration;

use clap::Args;

use crate::af::semantics::Semantics;
use crate::export::dot::{ClusterBy, RankDir};
use crate::graph::filter::{Filter, parse_para_range};
use crate::model::RelKind;
use crate::rdf::remote::{Auth, AuthKind, DEFAULT_AUTH_ENV, Server};

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
    pub label: Option<Semantics>,
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

/// Credentials for a server, read from the environment (never given on
/// the command line, where logs and process lists would keep them).
#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// Authenticate: basic (the variable holds user:password) or bearer
    /// (it holds the token).
    #[arg(long, value_enum, value_name = "KIND")]
    pub auth: Option<AuthKind>,
    /// The environment variable holding the credential.
    #[arg(long, value_name = "VAR", default_value = DEFAULT_AUTH_ENV, requires = "auth")]
    pub auth_env: String,
}

impl AuthArgs {
    pub fn server(&self, timeout: Duration) -> Result<Server, super::Error> {
        let auth = match self.auth {
            Some(kind) => Some(Auth::from_env(kind, &self.auth_env).map_err(super::Error::Usage)?),
            None => None,
        };
        Ok(Server { auth, timeout })
    }
}
