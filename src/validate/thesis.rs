//! The thesis: a claim or recommendation, and every claim and
//! recommendation of its file leads to it (`off-thesis`), found over the
//! relations indexed by target once.

use super::*;

impl<'a> Checker<'a> {
    /// Argumentative edges into each defined node (supports, attacks,
    /// undercuts, and an argument's premises and conclusion), over every
    /// file, by dense index. Edges with an unknown end are left out (they
    /// are errors already).
    pub(super) fn incoming(&self) -> Grouped<u32> {
        // (to, from) pairs, grouped by target: one table instead of 10^6
        // small vectors.
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let mut add = |a: Option<u32>, b: Option<u32>| {
            if let (Some(a), Some(b)) = (a, b) {
                edges.push((b, a));
            }
        };
        for (file, (kb, ends)) in self.kbs.iter().zip(&self.ends).enumerate() {
            for (rel, ends) in kb.relations.iter().zip(ends) {
                let [a, b] = ends.get();
                if matches!(
                    rel.parts().0,
                    RelKind::Supports | RelKind::Attacks | RelKind::Undercuts
                ) {
                    add(a, b);
                }
            }
            let sections = [
                (
                    NodeKind::Argument,
                    &self.arg_links[file],
                    kb.arguments.len(),
                ),
                (
                    NodeKind::Conflict,
                    &self.conflict_links[file],
                    kb.conflicts.len(),
                ),
            ];
            for (kind, links, len) in sections {
                for index in 0..len {
                    let id = self.dense_of(Def { kind, file, index }).map(|n| n as u32);
                    let (members, end) = links.of(index);
                    add(id, end);
                    for &m in members {
                        add(m, id);
                    }
                }
            }
        }
        let pairs = edges.iter().map(|&(to, from)| (to as usize, from));
        Grouped::new(self.order.len(), pairs)
    }

    /// Each file's thesis: a claim or recommendation that the file's other
    /// claims and recommendations lead to.
    pub(super) fn thesis(&mut self, findings: Findings) {
        let mut into = None;
        for (file, kb) in self.kbs.iter().enumerate() {
            let Some(thesis) = kb.meta.as_ref().and_then(|m| m.thesis.as_deref()) else {
                continue;
            };
            let path = [Seg::Field("meta"), Seg::Field("thesis")];
            let Some(kind) = self.resolve(thesis, file, &path) else {
                continue;
            };
            if !matches!(kind, NodeKind::Claim | NodeKind::Recommendation) {
                let d = Diagnostic::error(
                    Code::BadEndpoint,
                    format!(
                        "the thesis must be a claim or a recommendation, not {} {}",
                        article(kind),
                        kind.name()
                    ),
                )
                .at(self.span(file, &path), "not a claim or recommendation");
                self.diags.push(d);
                continue;
            }
            let Some(start) = self.n(thesis) else {
                continue;
            };
            if findings == Findings::Errors {
                continue;
            }
            // Walk argumentative edges backwards from the thesis: whatever
            // is reached leads to it.
            let into = into.get_or_insert_with(|| self.incoming());
            let reached = into.reachable(start);
            let mut off: Vec<(&str, Def)> = (0..self.order.len())
                .filter(|&n| !reached[n])
                .map(|n| self.def_n(n))
                .filter(|def| {
                    def.file == file
                        && matches!(def.kind, NodeKind::Claim | NodeKind::Recommendation)
                })
                .map(|def| (self.id_at(def), def))
                .collect();
            off.sort_by_key(|(_, d)| (d.section(), d.index));
            for (id, def) in off {
                let Some(at) = self.warn_at(self.allowed_of(def), Code::OffThesis, def, "id")
                else {
                    continue;
                };
                let d = Diagnostic::warning(
                    Code::OffThesis,
                    format!(
                        "{} `{id}` does not lead to the thesis `{thesis}`",
                        def.kind.name()
                    ),
                )
                .at(
                    at,
                    "no chain of support, attack or undercut from here to the thesis",
                )
                .help("connect it to the argument, or allow it on the node: `allow: [\"off-thesis\"]`");
                self.diags.push(d);
            }
        }
    }
}
