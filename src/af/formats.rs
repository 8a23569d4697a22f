//! Framework files: the ICCMA 2023 numeric format (`p af N`, then `i j`
//! attack lines, `#` comments), APX (`arg(a).`, `att(a,b).`) and TGF
//! (argument lines, `#`, attack lines `a b`); read with a located error for
//! anything malformed, written deterministically.

use std::collections::HashMap;
use std::io::{self, Write};

use super::Framework;

/// The file formats of frameworks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AfFormat {
    /// ICCMA 2023: `p af N` and `i j` lines
    Iccma,
    /// APX: `arg(a).` and `att(a,b).`
    Apx,
    /// Trivial Graph Format: arguments, `#`, attacks
    Tgf,
}

impl AfFormat {
    /// The format a file's extension or, failing that, its text names.
    pub fn detect(path: &str, text: &str) -> AfFormat {
        let ext = path
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "apx" => return AfFormat::Apx,
            "tgf" => return AfFormat::Tgf,
            "af" | "i23" | "iccma" => return AfFormat::Iccma,
            _ => {}
        }
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or_default();
        if first.starts_with("p ") {
            AfFormat::Iccma
        } else if first.starts_with("arg(") || first.starts_with("att(") {
            AfFormat::Apx
        } else {
            AfFormat::Tgf
        }
    }
}

/// The most arguments a header may declare (each costs memory even
/// without attacks).
pub const MAX_ARGUMENTS: u32 = 50_000_000;

/// A malformed framework file: the line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        message: message.into(),
    }
}

/// Reads a framework in `format`. Duplicate attacks are an error (the
/// ICCMA rules forbid them), as are unknown arguments.
pub fn parse(text: &str, format: AfFormat) -> Result<Framework, ParseError> {
    match format {
        AfFormat::Iccma => parse_iccma(text),
        AfFormat::Apx => parse_apx(text),
        AfFormat::Tgf => parse_tgf(text),
    }
}

fn parse_iccma(text: &str) -> Result<Framework, ParseError> {
    let mut n: Option<u32> = None;
    let mut attacks = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        if n.is_none() {
            match words.as_slice() {
                ["p", "af", count] => {
                    let count: u32 = count.parse().map_err(|_| {
                        err(line, format!("`{count}` is not a number of arguments"))
                    })?;
                    if count > MAX_ARGUMENTS {
                        return Err(err(
                            line,
                            format!("{count} arguments: more than argkb reads ({MAX_ARGUMENTS})"),
                        ));
                    }
                    n = Some(count);
                    continue;
                }
                _ => {
                    return Err(err(
                        line,
                        format!("expected the header `p af N`, found `{}`", clip(l)),
                    ));
                }
            }
        }
        let count = n.unwrap_or(0);
        let [a, b] = words.as_slice() else {
            return Err(err(
                line,
                format!("expected an attack `i j`, found `{}`", clip(l)),
            ));
        };
        let arg = |w: &str| -> Result<u32, ParseError> {
            let k: u32 = w
                .parse()
                .map_err(|_| err(line, format!("`{}` is not an argument number", clip(w))))?;
            if k == 0 || k > count {
                return Err(err(
                    line,
                    format!("argument {k} does not exist: the header says 1..{count}"),
                ));
            }
            Ok(k - 1)
        };
        attacks.push((arg(a)?, arg(b)?, line));
    }
    let n = n.ok_or_else(|| err(1, "no header: an ICCMA file starts with `p af N`"))?;
    build((1..=n).map(|k| k.to_string()).collect(), attacks)
}

fn parse_apx(text: &str) -> Result<Framework, ParseError> {
    let mut names: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut pending = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        for stmt in raw.split_inclusive('.') {
            let s = stmt.trim();
            if s.is_empty() || s.starts_with('%') {
                continue;
            }
            let body = s
                .strip_suffix('.')
                .ok_or_else(|| err(line, format!("`{}` does not end with `.`", clip(s))))?;
            if let Some(inner) = body.strip_prefix("arg(").and_then(|r| r.strip_suffix(')')) {
                let name = inner.trim().to_string();
                if name.is_empty() || name.contains(',') {
                    return Err(err(line, format!("bad argument name in `{}`", clip(s))));
                }
                declare(&mut names, &mut index, name, line)?;
            } else if let Some(inner) = body.strip_prefix("att(").and_then(|r| r.strip_suffix(')'))
            {
                let Some((a, b)) = inner.split_once(',') else {
                    return Err(err(line, format!("`{}` is not `att(a,b).`", clip(s))));
                };
                pending.push((a.trim().to_string(), b.trim().to_string(), line));
            } else {
                return Err(err(
                    line,
                    format!("expected `arg(a).` or `att(a,b).`, found `{}`", clip(s)),
                ));
            }
        }
    }
    let mut attacks = Vec::new();
    for (a, b, line) in pending {
        let find = |x: &str| {
            index
                .get(x)
                .copied()
                .ok_or_else(|| err(line, format!("argument `{}` is not declared", clip(x))))
        };
        attacks.push((find(&a)?, find(&b)?, line));
    }
    build(names, attacks)
}

fn parse_tgf(text: &str) -> Result<Framework, ParseError> {
    let mut names: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut attacks = Vec::new();
    let mut in_edges = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if l == "#" {
            in_edges = true;
            continue;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        if !in_edges {
            declare(&mut names, &mut index, words[0].to_string(), line)?;
        } else {
            let [a, b, ..] = words.as_slice() else {
                return Err(err(
                    line,
                    format!("expected an attack `a b`, found `{}`", clip(l)),
                ));
            };
            let find = |x: &str| {
                index
                    .get(x)
                    .copied()
                    .ok_or_else(|| err(line, format!("argument `{}` is not declared", clip(x))))
            };
            attacks.push((find(a)?, find(b)?, line));
        }
    }
    build(names, attacks)
}

/// Declares an argument of an APX or TGF file (twice is an error).
fn declare(
    names: &mut Vec<String>,
    index: &mut HashMap<String, u32>,
    name: String,
    line: usize,
) -> Result<(), ParseError> {
    if index.contains_key(&name) {
        return Err(err(
            line,
            format!("argument `{}` is declared twice", clip(&name)),
        ));
    }
    index.insert(name.clone(), names.len() as u32);
    names.push(name);
    Ok(())
}

fn build(names: Vec<String>, attacks: Vec<(u32, u32, usize)>) -> Result<Framework, ParseError> {
    let mut seen: HashMap<(u32, u32), usize> = HashMap::with_capacity(attacks.len());
    for &(a, b, line) in &attacks {
        if let Some(first) = seen.insert((a, b), line) {
            return Err(err(
                line,
                format!(
                    "the attack {} → {} is listed twice (first on line {first})",
                    names[a as usize], names[b as usize]
                ),
            ));
        }
    }
    let mut pairs: Vec<(u32, u32)> = attacks.into_iter().map(|(a, b, _)| (a, b)).collect();
    Ok(Framework::with_attacks(names, &mut pairs))
}

/// At most 60 characters of `s`, for messages.
fn clip(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Writes `af` in the ICCMA 2023 format, with the argument names as
/// comment lines (`# 1 china-fed-up`) so a reader can map numbers back.
pub fn write_iccma(af: &Framework, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "p af {}", af.len())?;
    for (i, name) in af.names.iter().enumerate() {
        if name != &(i + 1).to_string() {
            writeln!(out, "# {} {}", i + 1, one_line(name))?;
        }
    }
    for (a, b) in af.attacks() {
        writeln!(out, "{} {}", a + 1, b + 1)?;
    }
    Ok(())
}

/// Writes `af` in APX. Names are KB ids or the input's names; any that
/// are not plain APX atoms are written `a<k>` with a comment.
pub fn write_apx(af: &Framework, out: &mut dyn Write) -> io::Result<()> {
    let atom = |i: usize| {
        let n = &af.names[i];
        if !n.is_empty()
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.starts_with(|c: char| c.is_ascii_lowercase())
        {
            n.clone()
        } else {
            format!("a{}", i + 1)
        }
    };
    for i in 0..af.len() {
        let a = atom(i);
        if a != af.names[i] {
            writeln!(out, "% {a} = {}", one_line(&af.names[i]))?;
        }
        writeln!(out, "arg({a}).")?;
    }
    for (a, b) in af.attacks() {
        writeln!(out, "att({},{}).", atom(a as usize), atom(b as usize))?;
    }
    Ok(())
}

/// A name on one line (comments end at the line's end).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_formats_read_the_same_framework() {
        let iccma = parse("# c\np af 3\n1 2\n2 3\n3 3\n", AfFormat::Iccma).unwrap();
        let apx = parse(
            "arg(a1). arg(a2).\narg(a3).\natt(a1,a2).\natt(a2,a3). att(a3,a3).\n",
            AfFormat::Apx,
        )
        .unwrap();
        let tgf = parse("x\ny\nz\n#\nx y\ny z\nz z\n", AfFormat::Tgf).unwrap();
        for af in [&apx, &tgf] {
            assert_eq!(af.attackers, iccma.attackers);
        }
        let mut out = Vec::new();
        write_iccma(&iccma, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "p af 3\n1 2\n2 3\n3 3\n");
        let mut out = Vec::new();
        write_apx(&apx, &mut out).unwrap();
        assert_eq!(
            parse(&String::from_utf8(out).unwrap(), AfFormat::Apx).unwrap(),
            apx
        );
    }

    #[test]
    fn malformed_files_are_located_errors() {
        let cases = [
            ("p af x\n", AfFormat::Iccma, "line 1: `x` is not a number"),
            ("1 2\n", AfFormat::Iccma, "line 1: expected the header"),
            (
                "p af 2\n1 3\n",
                AfFormat::Iccma,
                "line 2: argument 3 does not exist",
            ),
            (
                "p af 2\n1 2\n1 2\n",
                AfFormat::Iccma,
                "line 3: the attack 1 → 2 is listed twice",
            ),
            (
                "p af 2\n1 2 3\n",
                AfFormat::Iccma,
                "line 2: expected an attack",
            ),
            ("", AfFormat::Iccma, "no header"),
            (
                "arg(a).\natt(a,b).\n",
                AfFormat::Apx,
                "line 2: argument `b` is not declared",
            ),
            ("arg(a)\n", AfFormat::Apx, "does not end with `.`"),
        ];
        for (text, format, want) in cases {
            let e = parse(text, format).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }
}
