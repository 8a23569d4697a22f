//! "Did you mean …?": the closest known name to a misspelt one, at a cost
//! that stays bounded whatever the input.
//!
//! Similarity is Jaro–Winkler on lower-cased text. A hostile KB can hold
//! thousands of unknown ids and very long ones, so a `Suggester` indexes its
//! candidates by length once, compares a word only with candidates of a
//! similar length (a typo changes the length by a few characters at most),
//! skips words and candidates longer than `MAX_WORD` characters, and stops
//! after a fixed number of comparisons per word and in total.

/// Words longer than this (in characters) get no suggestion.
pub const MAX_WORD: usize = 64;
/// How far a candidate's length may differ from the word's.
const LENGTH_SLACK: usize = 3;
/// Comparisons made for one word at most.
const PER_WORD: usize = 20_000;
/// Comparisons made by one `Suggester` at most, over all words.
const TOTAL: usize = 2_000_000;
/// The lowest similarity worth suggesting.
const THRESHOLD: f64 = 0.8;

/// Candidates indexed by length, with a budget of comparisons.
#[derive(Debug, Clone)]
pub struct Suggester<'a> {
    /// `by_len[n]`: candidates of `n` characters, as (lower-cased, original).
    by_len: Vec<Vec<(String, &'a str)>>,
    spent: usize,
}

impl<'a> Suggester<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Suggester<'a> {
        let mut by_len: Vec<Vec<(String, &'a str)>> = vec![Vec::new(); MAX_WORD + LENGTH_SLACK + 1];
        for c in candidates {
            let n = c.chars().count();
            if let Some(bucket) = by_len.get_mut(n) {
                bucket.push((c.to_lowercase(), c));
            }
        }
        Suggester { by_len, spent: 0 }
    }

    /// The closest candidate to `word`, if one is close enough to be a
    /// likely misspelling (never `word` itself). Ties go to the candidate
    /// that sorts first, so the answer does not depend on input order.
    pub fn suggest(&mut self, word: &str) -> Option<&'a str> {
        let len = word.chars().count();
        if len == 0 || len > MAX_WORD || self.spent >= TOTAL {
            return None;
        }
        let word_l = word.to_lowercase();
        let mut best: Option<(f64, &'a str)> = None;
        let mut budget = PER_WORD.min(TOTAL - self.spent);
        // The same length first, then one character more or less, and so on.
        let lengths = std::iter::once(len).chain(
            (1..=LENGTH_SLACK)
                .flat_map(|d| [len.checked_sub(d), Some(len + d)].into_iter().flatten()),
        );
        'scan: for n in lengths {
            for (lower, original) in self.by_len.get(n).map(Vec::as_slice).unwrap_or_default() {
                if budget == 0 {
                    break 'scan;
                }
                budget -= 1;
                self.spent += 1;
                if *original == word {
                    continue;
                }
                let score = strsim::jaro_winkler(&word_l, lower);
                if score < THRESHOLD {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((s, b)) => score > s || score == s && *original < b,
                };
                if better {
                    best = Some((score, original));
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

/// The closest of a few candidates to `word` (for one-off lookups).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggester::new(candidates).suggest(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["china-fed-up", "china-shuns-kim", "us"];
        assert_eq!(did_you_mean("china-fedup", ids), Some("china-fed-up"));
        assert_eq!(did_you_mean("zzz", ids), None);
        assert_eq!(did_you_mean("us", ids), None, "never the word itself");
        assert_eq!(
            did_you_mean("Supprts", ["Supports", "Attacks"]),
            Some("Supports")
        );
    }

    #[test]
    fn ties_do_not_depend_on_order() {
        assert_eq!(did_you_mean("abx", ["aby", "abz"]), Some("aby"));
        assert_eq!(did_you_mean("abx", ["abz", "aby"]), Some("aby"));
    }

    #[test]
    fn long_words_and_many_lookups_stay_cheap() {
        let long = "x".repeat(1_000_000);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
        let ids: Vec<String> = (0..100_000).map(|i| format!("claim-{i:06}")).collect();
        let mut s = Suggester::new(ids.iter().map(String::as_str));
        assert_eq!(s.suggest("claim-000001x"), Some("claim-000001"));
        for i in 0..1_000 {
            s.suggest(&format!("claim-{i:06}x"));
        }
        // The budget caps the comparisons, whatever the number of words:
        // once it is spent, no more suggestions are computed.
        assert_eq!(s.spent, TOTAL);
        assert_eq!(s.suggest("claim-000002x"), None);
    }
}
