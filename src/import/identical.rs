//! `import --link-identical`: the same proposition in several maps of a
//! corpus, linked by `SameAs` relations, never merged.
//!
//! Two claims of different sources are one proposition when
//! - their texts are the same once normalised (`text_key`: Unicode
//!   compatibility forms, case, quote and dash styles, runs of spaces and
//!   punctuation at either end are ignored) and hold at least
//!   `MIN_WORDS` words: "Yes" in two dialogues is not one proposition; or
//! - the input declares it (`DraftClaim::identity`): an AIFdb nodeID met in
//!   two maps (one node of the database, so its texts must agree: when they
//!   do not, nothing is linked and a problem says so), or an Argdown
//!   statement title used in two files (one statement, whatever text each
//!   file gives it).
//!
//! Identity is transitive: the claims that some chain of the above joins
//! form one group. Each group spanning two sources or more gets one
//! `SameAs` from its first claim (in the draft's order) to each other claim
//! in another source, and from the first claim of another source to each
//! other claim of the first one's source, so that no link stays inside one
//! text and every claim of the group is reached. Claims within one map are
//! linked only through another map: a map that states a text twice keeps
//! two claims, and a text no other map states gets no link.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::{Draft, Problem};
use crate::model::RelKind;

/// The fewest words a text needs to be linked by its wording alone.
pub const MIN_WORDS: usize = 3;

/// How the format's own node names declare identity across maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclaredIds {
    /// The name is one node (AIFdb): the texts must agree.
    SameNode,
    /// The name is one statement (Argdown), whatever each map's text.
    SameStatement,
}

/// What linking did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Linked {
    /// `SameAs` relations added.
    pub links: usize,
    /// Groups of identical claims that span more than one source.
    pub propositions: usize,
}

/// `text` normalised for comparison: compatibility-decomposed and
/// recomposed (NFKC), lower-cased, typographic quotes and dashes made
/// plain, runs of white space made one space, and anything but letters and
/// digits trimmed from both ends.
pub fn text_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // ASCII is its own NFKC form: most corpora skip the normaliser.
    let chars: Box<dyn Iterator<Item = char>> = if text.is_ascii() {
        Box::new(text.chars().map(|c| c.to_ascii_lowercase()))
    } else {
        Box::new(text.nfkc().flat_map(char::to_lowercase))
    };
    for c in chars {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// How many words a normalised text holds (runs with a letter or digit).
fn words(key: &str) -> usize {
    key.split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Union-find over claim positions.
struct Groups(Vec<usize>);

impl Groups {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        // The smaller position stays the root: the group's first claim.
        self.0[ra.max(rb)] = ra.min(rb);
    }
}

/// Links the draft's identical claims across sources (see the module
/// documentation); reports declared identities it could not honour.
pub fn link_identical(
    draft: &mut Draft,
    declared: DeclaredIds,
    problems: &mut Vec<Problem>,
) -> Linked {
    let claims = &draft.claims;
    let mut groups = Groups((0..claims.len()).collect());
    let keys: Vec<String> = claims.iter().map(|c| text_key(&c.text)).collect();
    let source = |i: usize| claims[i].source.as_deref();
    let title = |s: Option<&str>| -> String {
        let s = s.unwrap_or_default();
        draft
            .sources
            .iter()
            .find(|d| d.id == s)
            .and_then(|d| d.title.clone())
            .unwrap_or_else(|| s.to_string())
    };

    // By wording: every claim joins the first with its key (claims of
    // one map too: they are linked only if the group reaches another map).
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if words(key) >= MIN_WORDS {
            let first = *by_key.entry(key).or_insert(i);
            groups.join(first, i);
        }
    }

    // By declared identity.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut refused: Vec<Problem> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(name) = c.identity.as_deref() else {
            continue;
        };
        let Some(&first) = by_name.get(name) else {
            by_name.insert(name, i);
            continue;
        };
        if declared == DeclaredIds::SameNode && keys[first] != keys[i] {
            refused.push(Problem {
                file: title(source(i)),
                item: Some(format!("node {name}")),
                message: format!(
                    "also in {} with another text; not linked as one proposition",
                    title(source(first))
                ),
            });
            continue;
        }
        groups.join(first, i);
    }

    // Members of each group, in draft order.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for i in 0..claims.len() {
        let r = groups.root(i);
        if r == i {
            roots.push(i);
        }
        members.entry(r).or_default().push(i);
    }
    let mut linked = Linked::default();
    let mut links = Vec::new();
    for r in roots {
        let Some(group) = members.get(&r) else {
            continue;
        };
        let Some(&other) = group.iter().find(|&&m| source(m) != source(r)) else {
            continue;
        };
        linked.propositions += 1;
        for &m in &group[1..] {
            let from = if source(m) != source(r) { r } else { other };
            links.push((
                RelKind::SameAs,
                claims[from].id.clone(),
                claims[m].id.clone(),
            ));
        }
    }
    linked.links = links.len();
    draft.relations.extend(links);
    problems.extend(refused);
    linked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{DraftClaim, DraftSource};

    fn claim(id: &str, source: &str, text: &str, identity: Option<&str>) -> DraftClaim {
        DraftClaim {
            id: id.into(),
            text: text.into(),
            source: Some(source.into()),
            speaker: None,
            stance: None,
            tags: Vec::new(),
            kind: Some("Proposition"),
            identity: identity.map(str::to_string),
        }
    }

    fn draft(claims: Vec<DraftClaim>) -> Draft {
        let mut sources: Vec<String> = claims.iter().filter_map(|c| c.source.clone()).collect();
        sources.sort();
        sources.dedup();
        Draft {
            sources: sources
                .into_iter()
                .map(|id| DraftSource {
                    title: Some(format!("{id}.json")),
                    id,
                    url: None,
                })
                .collect(),
            claims,
            ..Draft::default()
        }
    }

    fn links(d: &Draft) -> Vec<(String, String)> {
        d.relations
            .iter()
            .filter(|r| r.0 == RelKind::SameAs)
            .map(|r| (r.1.clone(), r.2.clone()))
            .collect()
    }

    #[test]
    fn keys_ignore_case_typography_spacing_and_end_punctuation() {
        assert_eq!(
            text_key("  “Taxes  are\u{a0}theft.”  "),
            text_key("\"taxes are theft\"")
        );
        assert_eq!(
            text_key("It’s a well–known fact!"),
            "it's a well-known fact"
        );
        assert_eq!(text_key("ﬁne words here"), "fine words here");
        // The ASCII path and the Unicode one agree.
        assert_eq!(text_key("MIXED Case é"), "mixed case é");
        assert_eq!(text_key("  A  b. "), text_key("a\u{3000}B"));
        // Inner punctuation and accents are kept: they can change what is
        // said.
        assert_ne!(
            text_key("Let's eat, grandma"),
            text_key("Let's eat grandma")
        );
        assert_ne!(text_key("résumé is long"), text_key("resume is long"));
        assert_eq!(words(&text_key("Yes!")), 1);
    }

    #[test]
    fn same_text_in_two_sources_is_linked_never_within_one() {
        let mut d = draft(vec![
            claim("a:1", "a", "Taxes are theft.", None),
            claim("a:2", "a", "taxes are theft", None),
            claim("b:1", "b", "TAXES ARE THEFT", None),
            claim("b:2", "b", "Yes", None),
            claim("c:9", "c", "yes", None),
            claim("c:5", "c", "Only in one map here", None),
        ]);
        let mut problems = Vec::new();
        let n = link_identical(&mut d, DeclaredIds::SameNode, &mut problems);
        assert_eq!(
            n,
            Linked {
                links: 2,
                propositions: 1
            }
        );
        // a:2 (same map as the first) is reached through b:1.
        assert_eq!(
            links(&d),
            [("b:1".into(), "a:2".into()), ("a:1".into(), "b:1".into())]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn declared_ids_link_short_texts_but_not_different_ones() {
        let mut d = draft(vec![
            claim("a:378", "a", "Yes", Some("378")),
            claim("b:378", "b", "yes.", Some("378")),
            claim("a:5", "a", "one text", Some("5")),
            claim("b:5", "b", "another text", Some("5")),
        ]);
        let mut problems = Vec::new();
        let n = link_identical(&mut d, DeclaredIds::SameNode, &mut problems);
        assert_eq!(n.links, 1);
        assert_eq!(links(&d), [("a:378".into(), "b:378".into())]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "b.json: node 5: also in a.json with another text; not linked as one proposition"
        );
        // An Argdown title is one statement whatever the text.
        let mut d = draft(vec![
            claim("a:t", "a", "one text", Some("t")),
            claim("b:t", "b", "another text", Some("t")),
        ]);
        let n = link_identical(&mut d, DeclaredIds::SameStatement, &mut Vec::new());
        assert_eq!(n.links, 1);
    }

    #[test]
    fn identity_is_transitive_and_every_link_crosses_sources() {
        // b:1 shares its id with a:1 and its text with c:1.
        let mut d = draft(vec![
            claim("a:1", "a", "first wording of it", Some("1")),
            claim("b:1", "b", "first wording of it", Some("1")),
            claim("c:1", "c", "First wording of it.", None),
            claim("c:2", "c", "first wording of it", None),
        ]);
        let n = link_identical(&mut d, DeclaredIds::SameNode, &mut Vec::new());
        assert_eq!(
            n,
            Linked {
                links: 3,
                propositions: 1
            }
        );
        let by_source = |id: &str| d.claims.iter().find(|c| c.id == id).unwrap().source.clone();
        for (a, b) in links(&d) {
            assert_ne!(by_source(&a), by_source(&b), "{a} {b}");
        }
    }
}
