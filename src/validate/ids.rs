//! Ids and references: every id well-formed and defined once across the
//! KB's files (sources too), and every reference resolved to a definition,
//! with the closest id as a hint when it is not.

use super::*;

/// The longest id accepted, in bytes: ids are names people type, and every
/// text output can then align them in columns without unbounded padding.
pub const MAX_ID_LEN: usize = 128;

/// An id as messages quote it: cut with an ellipsis past `MAX_ID_LEN`.
pub fn shown_id(id: &str) -> String {
    crate::diagnostic::clip(id, MAX_ID_LEN)
}

/// Whether `id` is a well-formed id: a letter or digit, then letters,
/// digits, `-`, `_`, `.` or `:`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Each section's ids, by position, with the kind of node it defines.
pub(super) fn entry_ids(kb: &KnowledgeBase) -> [(NodeKind, Vec<&str>); 5] {
    fn ids<'k>(entries: impl Iterator<Item = &'k String>) -> Vec<&'k str> {
        entries.map(String::as_str).collect()
    }
    [
        (NodeKind::Actor, ids(kb.actors.iter().map(|x| &x.id))),
        (NodeKind::Claim, ids(kb.claims.iter().map(|x| &x.id))),
        (
            NodeKind::Recommendation,
            ids(kb.recommendations.iter().map(|x| &x.id)),
        ),
        (NodeKind::Argument, ids(kb.arguments.iter().map(|x| &x.id))),
        (NodeKind::Conflict, ids(kb.conflicts.iter().map(|x| &x.id))),
    ]
}

impl<'a> Checker<'a> {
    pub(super) fn ids(&mut self) {
        let total: usize = self.kbs.iter().map(KnowledgeBase::node_count).sum();
        // Empty: no id is read to make room.
        self.defs.reserve(total, |_| "");
        self.order.reserve(total);
        self.kinds.reserve(total);
        for (file, kb) in self.kbs.iter().enumerate() {
            let mut dense: [Vec<u32>; 5] = Default::default();
            let families = entry_ids(kb);
            for (kind, ids) in families {
                let slot = &mut dense[Def::slot(kind)];
                slot.resize(ids.len(), UNDEFINED);
                for (index, &id) in ids.iter().enumerate() {
                    // The slot of an id a few entries on, loaded meanwhile.
                    if let Some(ahead) = ids.get(index + defs::AHEAD) {
                        self.defs.prefetch(ahead);
                    }
                    let def = Def { kind, file, index };
                    // Placed only when there is something to say: placing
                    // reads the text of the entry.
                    if id.len() > MAX_ID_LEN {
                        let d = Diagnostic::error(
                            Code::InvalidId,
                            format!("id `{}` is {} bytes long", shown_id(id), id.len()),
                        )
                        .at(self.def_span(def, "id"), "too long")
                        .help(format!("ids are at most {MAX_ID_LEN} bytes; use a short name and put the words in `text`"));
                        self.diags.push(d);
                        continue;
                    }
                    if !is_valid_id(id) {
                        let d = Diagnostic::error(Code::InvalidId, format!("`{}` is not a valid id", shown_id(id)))
                            .at(self.def_span(def, "id"), "invalid id")
                            .help("ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`, e.g. `china-fed-up`");
                        self.diags.push(d);
                        continue;
                    }
                    // One probe: taken, or taken now.
                    let next = self.order.len() as u32;
                    let (kbs, order, kinds) = (self.kbs, &self.order, &self.kinds);
                    let first = self
                        .defs
                        .define(id, next, |n| id_in(kbs, order, kinds, n as usize))
                        .err();
                    if let Some(first) = first {
                        let first = self.def_n(first as usize);
                        let d = Diagnostic::error(
                            Code::DuplicateId,
                            format!("id `{id}` is defined twice"),
                        )
                        .at(self.def_span(def, "id"), "defined again here")
                        .related(
                            self.def_span(first, "id"),
                            format!(
                                "first defined here, as {} {}",
                                article(first.kind),
                                first.kind.name()
                            ),
                        )
                        .help("ids are unique across actors, claims, recommendations and arguments, in every file of the KB");
                        self.diags.push(d);
                        continue;
                    }
                    self.order.push(Place::of(def));
                    self.kinds.push(kind);
                    dense[Def::slot(kind)][index] = next;
                }
            }
            self.dense.push(dense);
        }
    }

    /// Resolves a reference, reporting an unknown id; returns its kind.
    pub(super) fn resolve(&mut self, id: &str, file: FileId, path: &[Seg<'_>]) -> Option<NodeKind> {
        self.resolve_n(id, file, path)
            .map(|n| self.kinds[n as usize])
    }

    /// `resolve`, giving the definition's dense index.
    pub(super) fn resolve_n(&mut self, id: &str, file: FileId, path: &[Seg<'_>]) -> Option<u32> {
        if let Some(n) = self.lookup(id) {
            return Some(n);
        }
        if self.suggester.is_none() {
            let mut ids: Vec<&'a str> = (0..self.order.len()).map(|n| self.id(n)).collect();
            ids.sort_unstable();
            self.suggester = Some(Suggester::new(ids));
        }
        let hint = self
            .suggester
            .as_mut()
            .expect("made above")
            .suggest(id)
            .map(|s| format!("did you mean `{s}`?"));
        let d = Diagnostic::error(
            Code::UnknownId,
            format!("no node has the id `{}`", shown_id(id)),
        )
        .at(self.span(file, path), "unknown id")
        .help_opt(hint);
        self.diags.push(d);
        None
    }
}
