//! The ICCMA 2023 solver interface: `-p TASK -f FILE [-a ARG]`, tasks
//! `SE-σ`, `DC-σ`, `DS-σ` for σ in CO, PR, ST, SST, STG, ID and GR, and
//! answers exactly as the rules print them: `w 1 4 5` for an extension
//! (`NO` when there is none), `YES` or `NO` for acceptance, with the
//! witness extension after a credulous `YES` and a sceptical `NO`.

use std::fmt::Write as _;

use super::Framework;
use super::semantics::{Semantics, Set, Solver, SolverError};

/// What the solver is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Some extension.
    Se,
    /// Credulous acceptance of the query argument.
    Dc,
    /// Sceptical acceptance of the query argument.
    Ds,
}

/// A task: a problem under a semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    pub problem: Problem,
    pub semantics: Semantics,
}

impl Task {
    /// Reads `SE-PR`, `DC-CO`, … (case-insensitive).
    pub fn parse(s: &str) -> Option<Task> {
        let (p, sem) = s.split_once('-')?;
        let problem = match p.to_ascii_uppercase().as_str() {
            "SE" => Problem::Se,
            "DC" => Problem::Dc,
            "DS" => Problem::Ds,
            _ => return None,
        };
        let sem = sem.to_ascii_uppercase();
        let semantics = Semantics::ALL.into_iter().find(|x| x.code() == sem)?;
        Some(Task { problem, semantics })
    }

    pub fn name(self) -> String {
        let p = match self.problem {
            Problem::Se => "SE",
            Problem::Dc => "DC",
            Problem::Ds => "DS",
        };
        format!("{p}-{}", self.semantics.code())
    }

    /// Every task argkb solves, in order.
    pub fn all() -> Vec<Task> {
        let mut out = Vec::new();
        for problem in [Problem::Dc, Problem::Ds, Problem::Se] {
            for semantics in Semantics::ALL {
                out.push(Task { problem, semantics });
            }
        }
        out
    }
}

/// Why a task could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    #[error("{0} needs a query argument: -a ARG")]
    MissingQuery(String),
    #[error("argument {query} does not exist: the framework has arguments 1..{len}")]
    UnknownQuery { query: String, len: usize },
    #[error(transparent)]
    Solver(#[from] SolverError),
}

/// The `w …` line of an extension (1-based argument numbers, or names for
/// a framework read from APX or TGF).
pub fn witness(af: &Framework, set: &Set) -> String {
    let mut line = String::from("w");
    for (a, inside) in set.iter().enumerate() {
        if *inside {
            let _ = write!(line, " {}", af.names[a]);
        }
    }
    line
}

/// Answers `task` on `af`; `query` is the argument's name (its number in
/// the ICCMA format). Returns the lines to print.
pub fn answer(af: &Framework, task: Task, query: Option<&str>) -> Result<String, TaskError> {
    let solver = Solver::new(af);
    let q =
        match task.problem {
            Problem::Se => None,
            _ => {
                let name = query.ok_or_else(|| TaskError::MissingQuery(task.name()))?;
                let index = af.names.iter().position(|n| n == name).ok_or_else(|| {
                    TaskError::UnknownQuery {
                        query: name.to_string(),
                        len: af.len(),
                    }
                })?;
                Some(index)
            }
        };
    Ok(match (task.problem, q) {
        (Problem::Se, _) => match solver.some_extension(task.semantics)? {
            Some(set) => witness(af, &set),
            None => "NO".into(),
        },
        (Problem::Dc, Some(q)) => match solver.credulous(task.semantics, q)? {
            Some(set) => format!("YES\n{}", witness(af, &set)),
            None => "NO".into(),
        },
        (Problem::Ds, Some(q)) => match solver.sceptical(task.semantics, q)? {
            Some(set) => format!("NO\n{}", witness(af, &set)),
            None => "YES".into(),
        },
        _ => unreachable!("a query was required above"),
    })
}
