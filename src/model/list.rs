//! How the model reads its short lists (a claim's tags, an argument's
//! premises, an actor's aliases): into vectors no longer than they are.
//!
//! serde reads a list of unknown length into a vector that starts at
//! room for four items. A claim's one tag then takes 96 bytes where 24
//! hold it: 60 MB over the 830,000 claims of a 10^6-node KB (`check`'s
//! peak fell by 50 MB). Lists of one or two items, which most of these
//! are, are read into vectors of exactly that size; longer ones grow as
//! usual. The values read are the same either way.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Deserialize, SeqAccess, Visitor};

/// Reads a list as `Vec<T>` would, into a vector with no spare room when
/// it holds fewer than three items (`#[serde(deserialize_with = "…")]`).
pub fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_seq(Exact(PhantomData))
}

struct Exact<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
    type Value = Vec<T>;

    // The words serde's own `Vec` reader uses, so that a misplaced value
    // is reported the same way whichever reads it.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let Some(first) = seq.next_element()? else {
            return Ok(Vec::new());
        };
        let Some(second) = seq.next_element()? else {
            return Ok(vec![first]);
        };
        let mut items = Vec::with_capacity(2);
        items.push(first);
        items.push(second);
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Lists {
        #[serde(default, deserialize_with = "exact")]
        tags: Vec<String>,
    }

    fn read(ron: &str) -> Lists {
        crate::model::parse::ron_options().from_str(ron).unwrap()
    }

    /// Short lists take exactly their room; every list keeps its items
    /// in order; a missing list is empty.
    #[test]
    fn short_lists_have_no_spare_room_and_keep_their_items() {
        for n in 0..7 {
            let items: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
            let quoted: Vec<String> = items.iter().map(|t| format!("{t:?}")).collect();
            let lists = read(&format!("(tags: [{}])", quoted.join(", ")));
            assert_eq!(lists.tags, items);
            if n < 3 {
                assert_eq!(lists.tags.capacity(), n, "{n} items");
            }
            let fast: Lists =
                crate::ron::reader::from_str(&format!("(tags: [{}])", quoted.join(", "))).unwrap();
            assert_eq!(fast.tags, items);
            if n < 3 {
                assert_eq!(fast.tags.capacity(), n, "{n} items, fast reader");
            }
        }
        assert!(read("()").tags.is_empty());
    }

    /// Something other than a list is refused as serde's own reader
    /// refuses it.
    #[test]
    fn a_value_that_is_not_a_list_is_refused_in_serdes_words() {
        #[derive(Debug, serde::Deserialize)]
        struct Plain {
            #[allow(dead_code)]
            tags: Vec<String>,
        }
        let ours = crate::model::parse::ron_options()
            .from_str::<Lists>("(tags: \"t\")")
            .unwrap_err();
        let serdes = crate::model::parse::ron_options()
            .from_str::<Plain>("(tags: \"t\")")
            .unwrap_err();
        assert_eq!(ours.to_string(), serdes.to_string());
    }
}
