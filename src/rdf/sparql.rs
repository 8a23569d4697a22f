//! SPARQL 1.1 over a KB: the KB's RDF (`rdf`) in an in-memory Oxigraph
//! store, or any SPARQL endpoint over HTTP; results as an aligned table or
//! in the SPARQL 1.1 results formats.
//!
//! In the embedded store each source's triples are in a named graph of
//! the source's IRI, and the default graph is their union, so a query
//! needs no `GRAPH` unless it asks about sources. The argkb, AIF, Dublin
//! Core, RDF, RDFS and XSD prefixes and `kb:` (the data base) are declared
//! for every query. A query that does not parse is reported at its line
//! and column; one that runs past its timeout is cancelled.

use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, QueryResultsSerializer, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, Variable,
};
use oxigraph::store::Store;

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Loc};
use crate::graph::ArgGraph;
use crate::graph::select::View;
use crate::rdf::remote::Server;
use crate::rdf::{Base, Graphs, prefixes, quads};
use crate::sys::input::SourceText;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultsFormat {
    /// aligned columns, prefixed names (CONSTRUCT: Turtle)
    Table,
    /// SPARQL 1.1 Query Results JSON
    Json,
    /// SPARQL 1.1 Query Results CSV
    Csv,
    /// SPARQL 1.1 Query Results TSV
    Tsv,
    /// SPARQL Query Results XML
    Xml,
    /// Turtle (CONSTRUCT and DESCRIBE)
    Turtle,
    /// N-Triples (CONSTRUCT and DESCRIBE)
    Ntriples,
}

impl ResultsFormat {
    /// The format for `answer` when none is asked for: solutions and
    /// booleans as a table on a terminal and as TSV to a pipe, triples as
    /// Turtle.
    pub fn default_for(answer: &Answer, terminal: bool) -> ResultsFormat {
        match answer {
            Answer::Graph(_) => ResultsFormat::Turtle,
            _ if terminal => ResultsFormat::Table,
            _ => ResultsFormat::Tsv,
        }
    }
}

/// Why a query gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum SparqlError {
    /// The query does not parse; the diagnostic points into `query`.
    #[error("the SPARQL query does not parse")]
    Syntax {
        query: Box<SourceText>,
        diagnostic: Box<Diagnostic>,
    },
    #[error("the query failed: {0}")]
    Evaluation(String),
    #[error("the query ran past its timeout of {0} s and was stopped (raise it with --timeout)")]
    Timeout(u64),
    #[error("the SPARQL endpoint {url}: {message}")]
    Endpoint { url: String, message: String },
    #[error("{0}")]
    Format(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The answer to a query, held whole (a table needs every row to align).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

impl Answer {
    /// Whether the answer is empty: no row, `false`, or no triple.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Solutions { rows, .. } => rows.is_empty(),
            Answer::Boolean(b) => !b,
            Answer::Graph(t) => t.is_empty(),
        }
    }
}

/// The KB's triples in an in-memory store, one named graph per source.
pub fn store(graph: &ArgGraph, base: &Base) -> Result<Store, SparqlError> {
    let store = Store::new().map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    let sel = View::default()
        .select(graph)
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    // One transaction, fed quad by quad: no list of every quad is built.
    let mut tx = store
        .start_transaction()
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    quads(graph, &sel, base, Graphs::PerSource, &mut |q| {
        tx.insert(&q);
        Ok::<(), ()>(())
    })
    .expect("inserting into a transaction cannot fail");
    tx.commit()
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    Ok(store)
}

/// A SPARQL evaluator with the argkb, AIF, Dublin Core, RDF, RDFS and XSD
/// prefixes and `kb:`/`src:` (under `base`) declared.
fn evaluator(base: &Base) -> SparqlEvaluator {
    let mut ev = SparqlEvaluator::new();
    for (name, iri) in prefixes(base) {
        ev = ev
            .with_prefix(name, iri)
            .expect("the prefixes are valid IRIs");
    }
    ev
}

/// Runs `text` on `store`, stopping it after `timeout`.
pub fn run(
    store: &Store,
    name: &str,
    text: &str,
    base: &Base,
    timeout: Duration,
) -> Result<Answer, SparqlError> {
    let token = CancellationToken::new();
    let mut prepared = evaluator(base)
        .with_cancellation_token(token.clone())
        .parse_query(text)
        .map_err(|e| syntax_error(name, text, &e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    // The query runs on its own thread; at the deadline it is cancelled
    // and the caller gets its answer (an error) at once, even where the
    // engine checks for cancellation only between solutions (a COUNT over
    // a huge join): the thread ends when the engine next looks.
    let (send, receive) = mpsc::channel();
    let store = store.clone();
    thread::spawn(move || {
        let _ = send.send(collect(prepared.on_store(&store).execute()));
    });
    let answer = match receive.recv_timeout(timeout) {
        Ok(answer) => answer,
        Err(_) => {
            token.cancel();
            Err(QueryEvaluationError::Cancelled)
        }
    };
    answer.map_err(|e| match e {
        QueryEvaluationError::Cancelled => SparqlError::Timeout(timeout.as_secs()),
        e => SparqlError::Evaluation(e.to_string()),
    })
}

fn collect(
    results: Result<QueryResults<'_>, QueryEvaluationError>,
) -> Result<Answer, QueryEvaluationError> {
    Ok(match results? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s?;
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Answer::Solutions { variables, rows }
        }
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Graph(triples) => Answer::Graph(triples.collect::<Result<_, _>>()?),
    })
}

/// A located syntax error from the parser's message (`error at L:C:
/// expected …`).
fn syntax_error(name: &str, text: &str, message: &str) -> SparqlError {
    let query = SourceText::new(name, text);
    let located = message
        .strip_prefix("error at ")
        .and_then(|rest| rest.split_once(": "))
        .and_then(|(at, what)| {
            let (l, c) = at.split_once(':')?;
            Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?, what))
        });
    let mut d = Diagnostic::error(Code::SparqlSyntax, "the SPARQL query does not parse");
    match located {
        Some((line, col, what)) => {
            let at = query.offset(line, col);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            d.span = Some(Loc::new(0, at..end));
            d.label = readable(what);
        }
        None => d.message = format!("the SPARQL query does not parse: {message}"),
    }
    d.help = Some(
        "the prefixes aif:, argkb:, dcterms:, kb:, rdf:, rdfs: and xsd: are declared; docs/QUERIES.md has examples"
            .into(),
    );
    SparqlError::Syntax {
        query: Box::new(query),
        diagnostic: Box::new(d),
    }
}

/// The parser's `expected one of …` list made readable: character
/// classes are dropped (they list every letter a name may hold), a
/// sentence among the items (a semantic check) becomes the message, and
/// long lists are cut.
fn readable(what: &str) -> String {
    let Some(list) = what.strip_prefix("expected one of ") else {
        return what.to_string();
    };
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let bytes = list.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b',' if depth == 0 && bytes.get(i + 1) == Some(&b' ') => {
                items.push(&list[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    if let Some(sentence) = items
        .iter()
        .find(|i| !i.starts_with('"') && i.trim().contains(' ') && !i.starts_with('['))
    {
        return sentence.trim().to_string();
    }
    let names = items.iter().any(|i| i.starts_with('['));
    let mut kept: Vec<&str> = items
        .into_iter()
        .filter(|i| !i.starts_with('[') && !i.is_empty())
        .collect();
    let more = kept.len().saturating_sub(12);
    kept.truncate(12);
    let mut out = format!("expected {}", kept.join(", "));
    if more > 0 {
        out.push_str(&format!(" or {more} more"));
    }
    if names {
        out.push_str(if kept.is_empty() {
            "a name"
        } else {
            ", or a name"
        });
    }
    out
}

/// A query checked as the embedded store checks it (a bad one gets the
/// same located error, not a server's), with the prefixes declared in its
/// text, for a store in another process.
pub struct Outgoing {
    /// The query with a `PREFIX` line for each predeclared prefix.
    pub text: String,
    /// Whether it builds triples (CONSTRUCT, DESCRIBE) rather than
    /// solutions or a boolean.
    pub graph_form: bool,
}

impl Outgoing {
    pub fn new(name: &str, text: &str, base: &Base) -> Result<Outgoing, SparqlError> {
        let _parsed = evaluator(base)
            .parse_query(text)
            .map_err(|e| syntax_error(name, text, &e.to_string()))?;
        let mut parser = spargebra::SparqlParser::new();
        for (p, iri) in prefixes(base) {
            parser = parser
                .with_prefix(p, iri)
                .expect("the prefixes are valid IRIs");
        }
        let graph_form = matches!(
            parser.parse_query(text),
            Ok(spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. })
        );
        let mut full = String::new();
        for (p, iri) in prefixes(base) {
            full.push_str(&format!("PREFIX {p}: <{iri}>\n"));
        }
        full.push_str(text);
        Ok(Outgoing {
            text: full,
            graph_form,
        })
    }
}

/// Reads an answer another process wrote as `media_type` (SPARQL results
/// or RDF); `fail` words what went wrong.
pub fn read_answer(
    media_type: &str,
    body: &[u8],
    fail: &dyn Fn(String) -> SparqlError,
) -> Result<Answer, SparqlError> {
    if let Some(f) = QueryResultsFormat::from_media_type(media_type) {
        let parsed = QueryResultsParser::from_format(f)
            .for_reader(body)
            .map_err(|e| fail(e.to_string()))?;
        Ok(match parsed {
            ReaderQueryResultsParserOutput::Boolean(b) => Answer::Boolean(b),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s.map_err(|e| fail(e.to_string()))?;
                    rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
                }
                Answer::Solutions { variables, rows }
            }
        })
    } else if let Some(f) = RdfFormat::from_media_type(media_type) {
        let mut triples = Vec::new();
        for q in RdfParser::from_format(f).for_slice(body) {
            let q = q.map_err(|e| fail(e.to_string()))?;
            triples.push(Triple::from(q));
        }
        Ok(Answer::Graph(triples))
    } else {
        Err(fail(format!(
            "answered with an unknown media type `{media_type}`"
        )))
    }
}

/// Sends `text` to the SPARQL endpoint at `url` (SPARQL 1.1 Protocol),
/// with the prefixes declared.
pub fn run_remote(
    url: &str,
    name: &str,
    text: &str,
    base: &Base,
    server: &Server,
) -> Result<Answer, SparqlError> {
    let outgoing = Outgoing::new(name, text, base)?;
    let endpoint = |message: String| SparqlError::Endpoint {
        url: url.to_string(),
        message,
    };
    // A CONSTRUCT or DESCRIBE asks for triples: a server that may send
    // either kind of answer (Virtuoso sends triples as bindings when asked
    // for SPARQL JSON) is asked for the one the query makes.
    let accept = if outgoing.graph_form {
        "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
    } else {
        "application/sparql-results+json, application/sparql-results+xml;q=0.9"
    };
    // The form-encoded POST of the SPARQL 1.1 Protocol (§2.1.2): every
    // server takes it (Virtuoso 7.2 never answers a direct
    // `application/sparql-query` POST), and unlike GET it has no URL length
    // limit for long queries.
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &outgoing.text)
        .finish();
    let reply = server
        .send(
            oxhttp::model::Method::POST,
            url,
            Some("application/x-www-form-urlencoded"),
            accept,
            form.into_bytes(),
        )
        .map_err(endpoint)?;
    if !reply.status.is_success() {
        return Err(endpoint(reply.refusal()));
    }
    read_answer(&reply.media_type, &reply.body, &endpoint)
}

/// Writes `answer` in `format`; `base` gives the prefixes a table and
/// Turtle shorten IRIs with.
pub fn write(
    answer: &Answer,
    format: ResultsFormat,
    base: &Base,
    out: &mut dyn Write,
) -> Result<(), SparqlError> {
    // The results serialisers end JSON, XML and booleans without a line
    // break; a command's output ends with one.
    let mut buffer = Vec::new();
    write_unterminated(answer, format, base, &mut buffer)?;
    if !buffer.is_empty() && !buffer.ends_with(b"\n") {
        buffer.push(b'\n');
    }
    out.write_all(&buffer)?;
    Ok(())
}

fn write_unterminated(
    answer: &Answer,
    format: ResultsFormat,
    base: &Base,
    out: &mut dyn Write,
) -> Result<(), SparqlError> {
    let results_format = |f| match f {
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match (answer, format) {
        (Answer::Solutions { variables, rows }, ResultsFormat::Table) => {
            table(variables, rows, base, out)?
        }
        (Answer::Solutions { variables, rows }, f) => {
            let Some(rf) = results_format(f) else {
                return Err(SparqlError::Format(format!(
                    "a SELECT query's results cannot be written as {}; use table, json, csv, tsv or xml",
                    format_name(f)
                )));
            };
            let mut s = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(&mut *out, variables.clone())?;
            for row in rows {
                s.serialize(
                    variables
                        .iter()
                        .zip(row)
                        .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
                )?;
            }
            s.finish()?;
        }
        (Answer::Boolean(b), ResultsFormat::Table) => writeln!(out, "{b}")?,
        (Answer::Boolean(b), f) => match results_format(f) {
            Some(rf) => {
                QueryResultsSerializer::from_format(rf)
                    .serialize_boolean_to_writer(&mut *out, *b)?;
            }
            None => {
                return Err(SparqlError::Format(format!(
                    "an ASK query's answer cannot be written as {}; use table, json, csv, tsv or xml",
                    format_name(f)
                )));
            }
        },
        (Answer::Graph(triples), f) => {
            let rdf = match f {
                ResultsFormat::Table | ResultsFormat::Turtle => RdfFormat::Turtle,
                ResultsFormat::Ntriples => RdfFormat::NTriples,
                f => {
                    return Err(SparqlError::Format(format!(
                        "a CONSTRUCT query's triples cannot be written as {}; use turtle (the default) or ntriples",
                        format_name(f)
                    )));
                }
            };
            let mut ser = RdfSerializer::from_format(rdf);
            if rdf == RdfFormat::Turtle {
                for (p, iri) in prefixes(base) {
                    ser = ser
                        .with_prefix(p, iri)
                        .expect("the prefixes are valid IRIs");
                }
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(t)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

fn format_name(f: ResultsFormat) -> &'static str {
    match f {
        ResultsFormat::Table => "table",
        ResultsFormat::Json => "json",
        ResultsFormat::Csv => "csv",
        ResultsFormat::Tsv => "tsv",
        ResultsFormat::Xml => "xml",
        ResultsFormat::Turtle => "turtle",
        ResultsFormat::Ntriples => "ntriples",
    }
}

/// A term as a table shows it: an IRI under a known prefix as a prefixed
/// name, a string literal as its text, other literals as their value, a
/// blank node as `_:id`; line breaks and tabs shown as `\n`/`\t` so that
/// every row stays one line.
pub fn cell(term: &Term, base: &Base) -> String {
    let shown = match term {
        Term::NamedNode(n) => short(n, base),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => literal(l),
        // RDF 1.2 quoted triples, when a dependency enables them.
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    shown
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

fn literal(l: &Literal) -> String {
    l.value().to_string()
}

fn short(n: &NamedNode, base: &Base) -> String {
    let iri = n.as_str();
    // The longest namespace that matches (kb: may lie under another).
    prefixes(base)
        .into_iter()
        .filter(|(_, ns)| iri.len() > ns.len() && iri.starts_with(ns.as_str()))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// An aligned table: a header of variable names, a rule, then one row per
/// solution; unbound cells are empty. Width counts characters.
fn table(
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    base: &Base,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| t.as_ref().map(|t| cell(t, base)).unwrap_or_default())
                .collect()
        })
        .collect();
    let heads: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, items: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in items.iter().zip(&widths).enumerate() {
            if i + 1 == items.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &heads)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;
    use crate::sys::input::Input;

    fn load_essay() -> ArgGraph {
        load(&Input::Builtin).unwrap().graph
    }

    fn essay_answer(q: &str) -> Answer {
        let g = load_essay();
        let base = Base::default();
        let store = store(&g, &base).unwrap();
        run(&store, "<query>", q, &base, Duration::from_secs(30)).unwrap()
    }

    #[test]
    fn prefixes_are_declared_and_the_default_graph_is_the_union() {
        let a = essay_answer("SELECT ?c WHERE { ?c a argkb:Claim ; argkb:id \"china-fed-up\" }");
        let Answer::Solutions { rows, .. } = a else {
            panic!("not solutions")
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(
            cell(rows[0][0].as_ref().unwrap(), &Base::default()),
            "kb:china-fed-up"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_query() {
        let g = load_essay();
        let base = Base::default();
        let store = store(&g, &base).unwrap();
        let err = run(
            &store,
            "q.rq",
            "SELECT ?x\nWHER { ?x ?p ?o }",
            &base,
            Duration::from_secs(5),
        )
        .unwrap_err();
        let SparqlError::Syntax { query, diagnostic } = err else {
            panic!("{err}")
        };
        let span = diagnostic.span.unwrap().range;
        assert_eq!(query.line_col(span.start), (2, 6));
        assert!(
            diagnostic.label.contains("expected"),
            "{}",
            diagnostic.label
        );
    }

    #[test]
    fn parser_expectations_are_made_readable() {
        assert_eq!(
            readable("expected one of \"(\", IF, ['0' ..= '9' | 'a', 'b'], [_]"),
            "expected \"(\", IF, or a name"
        );
        assert_eq!(
            readable("expected one of \"$\", The SELECT contains a variable that is unbound, [_]"),
            "The SELECT contains a variable that is unbound"
        );
        assert_eq!(readable("something else"), "something else");
    }

    #[test]
    fn a_long_query_is_cancelled() {
        let g = load_essay();
        let base = Base::default();
        let store = store(&g, &base).unwrap();
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        let err = run(&store, "<query>", q, &base, Duration::from_millis(300)).unwrap_err();
        assert!(matches!(err, SparqlError::Timeout(_)), "{err}");
    }

    #[test]
    fn tables_align_and_keep_rows_on_one_line() {
        let v = vec![
            Variable::new_unchecked("a"),
            Variable::new_unchecked("long"),
        ];
        let rows = vec![
            vec![Some(Term::from(Literal::from("x\ny"))), None],
            vec![None, Some(Term::from(Literal::from(12)))],
        ];
        let mut out = Vec::new();
        table(&v, &rows, &Base::default(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a     long\n----  ----\nx\\ny\n      12\n"
        );
    }
}
