//! A fast reader for the RON that KB files are written in: one pass over
//! the bytes, straight into the serde types of `model`, for the common
//! case of a file that is valid.
//!
//! It reads a strict subset of RON: structs (named or not), lists, unit
//! and tuple enum variants, strings with the escapes `\\ \" \n \r \t`,
//! decimal integers, `true`/`false`, `None`, `Some(…)` and implicit
//! `Some`, whitespace and comments as `lexer` defines them for every
//! reader. On
//! anything else, and on any error at all, it gives up without saying
//! why: `parse` then reads the file with the `ron` crate, which accepts
//! all of RON and locates every problem. So the fast path never decides
//! what a file means on its own: whatever it accepts, the `ron` crate
//! reads to the same value (checked on every fixture and by the fuzzer).

use std::fmt;
use std::ops::Range;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

use super::lexer::{Cursor, unescape};
use super::spans::{Skeleton, SpanIndex};

/// The fast reader gave up: the `ron` crate must read the file.
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not read by the fast path")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

/// Reads `text` as a `T`, or gives up.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    read(text, None).map(|(value, _, _)| value)
}

/// Reads `text` as a `T` (a KB), or gives up; with the outline of the
/// file noted on the way (none for a text past 4 GiB).
pub fn from_str_outlined<T: DeserializeOwned>(text: &str) -> Result<(T, Option<SpanIndex>)> {
    let outline = Skeleton::fits(text).then(Skeleton::default);
    let (kb, span, outline) = read(text, outline)?;
    Ok((kb, outline.map(|o| o.finish(span))))
}

/// Reads `text` as a `T`: the value, where it stands, and the outline.
fn read<T: DeserializeOwned>(
    text: &str,
    outline: Option<Skeleton>,
) -> Result<(T, Range<usize>, Option<Skeleton>)> {
    let mut r = Reader {
        text,
        cur: Cursor::new(text),
        level: 0,
        outline,
        field: "",
        list: false,
    };
    r.ws()?;
    let start = r.cur.pos;
    let value = T::deserialize(&mut r)?;
    let end = r.cur.pos;
    r.ws()?;
    if r.cur.pos == r.cur.src.len() {
        Ok((value, start..end, r.outline))
    } else {
        Err(GiveUp)
    }
}

struct Reader<'de> {
    text: &'de str,
    cur: Cursor<'de>,
    /// How many structs, lists and tuples are open around the cursor: 1
    /// inside the document, 2 inside a list that is one of its fields.
    level: u32,
    /// Where the entries are noted, if they are (`from_str_outlined`).
    outline: Option<Skeleton>,
    /// The top-level field being read, and whether it is a list.
    field: &'de str,
    list: bool,
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.cur.peek()
    }

    /// Skips whitespace and comments, as every reader of RON does
    /// (`lexer`).
    fn ws(&mut self) -> Result<()> {
        self.cur.skip_trivia().ok_or(GiveUp)
    }

    /// Skips whitespace, then consumes `b` or gives up.
    fn expect(&mut self, b: u8) -> Result<()> {
        self.ws()?;
        if self.peek() == Some(b) {
            self.cur.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Skips whitespace; consumes `b` if it comes next.
    fn eat(&mut self, b: u8) -> Result<bool> {
        self.ws()?;
        if self.peek() == Some(b) {
            self.cur.pos += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// An ASCII identifier, if one comes next (after whitespace).
    fn ident(&mut self) -> Result<Option<&'de str>> {
        self.ws()?;
        let Some(range) = self.cur.ident() else {
            return Ok(None);
        };
        // A raw identifier (`r#…`) or one with non-ASCII letters.
        if matches!(self.peek(), Some(b'#' | 0x80..=0xff)) {
            return Err(GiveUp);
        }
        Ok(Some(&self.text[range]))
    }

    /// A double-quoted string: borrowed when it has no escape; given up
    /// on an escape the lexer does not decode.
    fn string(&mut self) -> Result<Str<'de>> {
        self.ws()?;
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let (range, escaped) = self.cur.string().ok_or(GiveUp)?;
        let contents = &self.text[range];
        if escaped {
            unescape(contents).map(Str::Owned).ok_or(GiveUp)
        } else {
            Ok(Str::Borrowed(contents))
        }
    }

    /// A plain decimal integer (no sign, no leading zero, no `_`).
    fn unsigned(&mut self) -> Result<u64> {
        self.ws()?;
        let start = self.cur.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.cur.pos += 1;
        }
        let digits = &self.text[start..self.cur.pos];
        let clean = !digits.is_empty() && (digits == "0" || !digits.starts_with('0'));
        // Whatever follows a number must not continue it (`1.5`, `1e3`,
        // `1_000`, `0x1`, `1u8`).
        let ends = !matches!(
            self.peek(),
            Some(b'.' | b'_' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9')
        );
        if clean && ends {
            digits.parse().map_err(|_| GiveUp)
        } else {
            Err(GiveUp)
        }
    }

    /// The elements of `( … )` or `[ … ]` up to `close`, comma-separated
    /// with an optional trailing comma.
    fn separated(&mut self, close: u8) -> Separated<'_, 'de> {
        Separated {
            r: self,
            close,
            first: true,
        }
    }
}

enum Str<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Str<'de> {
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Owned(s) => visitor.visit_string(s),
        }
    }
}

/// Walks a comma-separated sequence: `next` says whether an element
/// follows (and consumes the separator before it).
struct Separated<'r, 'de> {
    r: &'r mut Reader<'de>,
    close: u8,
    first: bool,
}

impl Separated<'_, '_> {
    fn next(&mut self) -> Result<bool> {
        // Whitespace skipped once for the closer and the comma alike.
        self.r.ws()?;
        if self.r.peek() == Some(self.close) {
            self.r.cur.pos += 1;
            return Ok(false);
        }
        if !self.first {
            if self.r.peek() != Some(b',') {
                return Err(GiveUp);
            }
            self.r.cur.pos += 1;
            if self.r.eat(self.close)? {
                return Ok(false);
            }
        }
        self.first = false;
        Ok(true)
    }
}

impl<'de> SeqAccess<'de> for Separated<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.next()? {
            return Ok(None);
        }
        let r = &mut *self.r;
        if r.level != 2 || r.outline.is_none() {
            return seed.deserialize(r).map(Some);
        }
        // An entry of a top-level list: noted in the outline.
        r.ws()?;
        let start = r.cur.pos;
        let value = seed.deserialize(&mut *r)?;
        if let Some(outline) = &mut r.outline {
            outline.item(start..r.cur.pos);
        }
        Ok(Some(value))
    }
}

impl<'de> MapAccess<'de> for Separated<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.next()? {
            return Ok(None);
        }
        let key = self.r.ident()?.ok_or(GiveUp)?;
        self.r.expect(b':')?;
        self.r.field = key;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let r = &mut *self.r;
        if r.level != 1 || r.outline.is_none() {
            return seed.deserialize(r);
        }
        // A top-level field: noted in the outline, with its entries if it
        // is a list.
        r.ws()?;
        let (name, start) = (r.field, r.cur.pos);
        r.list = false;
        if let Some(outline) = &mut r.outline {
            outline.begin_field();
        }
        let value = seed.deserialize(&mut *r)?;
        let list = r.list;
        if let Some(outline) = &mut r.outline {
            outline.end_field(name, start..r.cur.pos, list);
        }
        Ok(value)
    }
}

impl<'de> EnumAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.ident()?.ok_or(GiveUp)?;
        let value = seed.deserialize(de::value::BorrowedStrDeserializer::new(name))?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<()> {
        // `Fact(…)` where a unit variant belongs is RON's to reject.
        if self.eat(b'(')? { Err(GiveUp) } else { Ok(()) }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.expect(b'(')?;
        let value = seed.deserialize(&mut *self)?;
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.level += 1;
        let mut seq = self.separated(b')');
        let value = visitor.visit_seq(&mut seq)?;
        // Every element must have been taken.
        if seq.next()? {
            return Err(GiveUp);
        }
        self.level -= 1;
        Ok(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }
}

macro_rules! give_up {
    ($($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    give_up! {
        deserialize_any deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_map deserialize_ignored_any
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            Some("true") => visitor.visit_bool(true),
            Some("false") => visitor.visit_bool(false),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.unsigned()?;
        visitor.visit_u8(u8::try_from(n).map_err(|_| GiveUp)?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.unsigned()?;
        visitor.visit_u16(u16::try_from(n).map_err(|_| GiveUp)?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.unsigned()?;
        visitor.visit_u32(u32::try_from(n).map_err(|_| GiveUp)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.unsigned()?;
        visitor.visit_u64(n)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.ws()?;
        let save = self.cur.pos;
        match self.ident()? {
            Some("None") => visitor.visit_none(),
            Some("Some") => {
                self.expect(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.expect(b')')?;
                Ok(value)
            }
            // Implicit `Some`: the value itself.
            _ => {
                self.cur.pos = save;
                visitor.visit_some(self)
            }
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        if self.level == 1 {
            self.list = true;
        }
        self.level += 1;
        let value = visitor.visit_seq(self.separated(b']'))?;
        self.level -= 1;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // `Name(…)` or `(…)`; another name is RON's to report.
        if let Some(found) = self.ident()?
            && found != name
        {
            return Err(GiveUp);
        }
        self.expect(b'(')?;
        self.level += 1;
        let value = visitor.visit_map(self.separated(b')'))?;
        self.level -= 1;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            Some(name) => visitor.visit_borrowed_str(name),
            None => Err(GiveUp),
        }
    }
}

#[cfg(test)]
/// The essay and every `.ron` fixture: the texts both readers of
/// positions and values are checked on.
pub(crate) fn fixture_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = vec![crate::sys::input::BUILTIN_KB.to_string()];
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "ron") {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KnowledgeBase;

    /// What the `ron` crate reads, with the options every KB is read with.
    fn by_ron(text: &str) -> Option<KnowledgeBase> {
        crate::model::parse::ron_options().from_str(text).ok()
    }

    fn agree(text: &str) {
        if let Ok(fast) = from_str::<KnowledgeBase>(text) {
            assert_eq!(Some(fast), by_ron(text), "{text}");
        }
    }

    #[test]
    fn reads_what_ron_reads() {
        let text = r#"// a comment
            KnowledgeBase(
                meta: Meta(title: "T \"q\" \\ a\nb", thesis: Some("c1"), notes: None), /* block */
                claims: [
                    Claim(id: "c1", text: "é ✓", kind: Fact, para: 3, implicit: false, tags: ["x",],),
                    (id: "c2", text: "", kind: Goal, stance: Concedes),
                ],
                relations: [Supports("c2", "c1"), About ("c1","a")],
            )"#;
        let fast: KnowledgeBase = from_str(text).expect("the fast path reads it");
        assert_eq!(Some(fast.clone()), by_ron(text));
        assert_eq!(fast.meta.unwrap().title, "T \"q\" \\ a\nb");
        assert_eq!(fast.claims[0].para, Some(3));
    }

    #[test]
    fn skips_what_every_ron_reader_skips() {
        // Nested comments and RON's non-ASCII whitespace: the lexer's
        // trivia, the same as the `ron` crate's.
        for text in [
            "KnowledgeBase(/* /* nested */ */)",
            "KnowledgeBase(\u{2028}meta:\u{200E} Meta(title: \"t\") // c\n)",
        ] {
            assert!(from_str::<KnowledgeBase>(text).is_ok(), "{text}");
            agree(text);
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        for text in [
            "KnowledgeBase(meta: Meta(title: r\"raw\"))",
            "KnowledgeBase(meta: Meta(title: \"\\u{41}\"))",
            "KnowledgeBase(claims: [Claim(id: \"c\", text: \"t\", kind: Fact, para: 1_0)])",
            "KnowledgeBase(claims: [Claim(id: \"c\", text: \"t\", kind: Fact, para: 01)])",
            "KnowledgeBase(claims: [Claim(id: \"c\", text: \"t\", kind: Fact, para: 0x1)])",
            "KnowledgeBase(claims: [Claim(id: \"c\", text: \"t\", kind: Fact, para: -1)])",
            "#![enable(implicit_some)] KnowledgeBase()",
            "Knowledgebase()",
            "KnowledgeBase(claims: [Clam(id: \"c\", text: \"t\", kind: Fact)])",
            "KnowledgeBase(claims: [Claim(id: \"c\", text: \"t\", kind: Fact(1))])",
            "KnowledgeBase(relations: [Supports(\"a\")])",
            "KnowledgeBase(relations: [Supports(\"a\", \"b\", \"c\")])",
            "KnowledgeBase(meta: Meta(title: \"t\", title: \"u\"))",
            "KnowledgeBase(meta: Meta(titel: \"t\"))",
            "KnowledgeBase() trailing",
            "KnowledgeBase(meta: Meta(title: \"unterminated))",
            "KnowledgeBase(claims: [Claim(id:\u{a0}\"c\", text: \"t\", kind: Fact)])",
        ] {
            assert!(from_str::<KnowledgeBase>(text).is_err(), "{text}");
            agree(text);
        }
    }

    #[test]
    fn every_fixture_and_the_essay_read_the_same_both_ways() {
        let mut texts = fixture_texts();
        for seed in 0..20 {
            texts.push(crate::model::synth::hostile(seed));
            texts.push(crate::model::synth::essay_like(200, seed));
        }
        let mut fast_read = 0;
        for text in &texts {
            agree(text);
            fast_read += usize::from(from_str::<KnowledgeBase>(text).is_ok());
        }
        // The fast path is not vacuous: it reads the valid files.
        assert!(
            fast_read > texts.len() / 2,
            "{fast_read} of {}",
            texts.len()
        );
        assert!(from_str::<KnowledgeBase>(crate::sys::input::BUILTIN_KB).is_ok());
    }

    proptest::proptest! {
        /// Cut or altered anywhere, a KB is read the same way by both, or
        /// the fast path gives up.
        #[test]
        fn a_mangled_kb_reads_the_same_or_falls_back(
            seed in 0u64..50,
            hostile in proptest::bool::ANY,
            at in 0usize..40_000,
            len in 0usize..4,
            with in "[\"()\\[\\],:\\\\ a-zA-Z0-9_/*\\n\\t\\x00\\x7f\u{85}\u{a0}\u{2028}é]{0,3}",
        ) {
            let text = if hostile {
                crate::model::synth::hostile(seed)
            } else {
                crate::model::synth::essay_like(60, seed)
            };
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mangled = format!("{}{with}{}", &text[..at], &text[end..]);
            agree(&mangled);
        }
    }
}
