//! RON literals for the KB text argkb writes itself (`init`, `import`, the
//! synthetic KBs): strings are quoted and escaped by the `ron` serializer,
//! the one escaping function for RON output.

/// `s` as a RON string literal.
pub fn string(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Any text reads back unchanged through `ron`.
        #[test]
        fn strings_round_trip(text in "\\PC*|[\\x00-\\x7f\u{2028}\u{85}\u{FEFF}]*") {
            let lit = super::string(&text);
            prop_assert_eq!(ron::from_str::<String>(&lit).unwrap(), text);
        }
    }
}
