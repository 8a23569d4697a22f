//! Where each claim and recommendation comes from: its source (named when
//! the KB has several), its paragraph (counted from 1), its quote (none on
//! an implicit premise), its speaker (an actor); no empty texts; sources
//! with ids and actors as authors.

use super::*;

impl<'a> Checker<'a> {
    pub(super) fn texts(&mut self) {
        // Only the empty ones are listed, with their paths: a KB of 10^6
        // claims has some 2 * 10^6 texts to look at.
        let mut empty: Vec<(FileId, Vec<Seg<'static>>, bool)> = Vec::new();
        for (file, kb) in self.kbs.iter().enumerate() {
            if let Some(meta) = &kb.meta
                && meta.title.trim().is_empty()
            {
                let path = vec![Seg::Field("meta"), Seg::Field("title")];
                empty.push((file, path, false));
            }
            for (i, o) in kb.omitted.iter().enumerate() {
                if o.para == 0 {
                    let path = vec![Seg::Field("omitted"), Seg::Index(i), Seg::Field("para")];
                    empty.push((file, path, true));
                }
            }
            let mut text = |path: [Seg<'static>; 3], text: &str| {
                if text.trim().is_empty() {
                    empty.push((file, path.to_vec(), false));
                }
            };
            let field = |section, i, name| [Seg::Field(section), Seg::Index(i), Seg::Field(name)];
            for (i, a) in kb.actors.iter().enumerate() {
                text(field("actors", i, "name"), &a.name);
            }
            for (i, c) in kb.claims.iter().enumerate() {
                text(field("claims", i, "text"), &c.text);
                if let Some(q) = &c.quote {
                    text(field("claims", i, "quote"), q);
                }
            }
            for (i, r) in kb.recommendations.iter().enumerate() {
                text(field("recommendations", i, "text"), &r.text);
                if let Some(q) = &r.quote {
                    text(field("recommendations", i, "quote"), q);
                }
            }
            for (i, o) in kb.omitted.iter().enumerate() {
                text(field("omitted", i, "quote"), &o.quote);
                text(field("omitted", i, "reason"), &o.reason);
            }
        }
        for (file, path, is_para) in empty {
            if is_para {
                let d = Diagnostic::error(Code::BadPara, "paragraph numbers start at 1")
                    .at(self.span(file, &path), "paragraph 0")
                    .help("count the body paragraphs of the source from 1");
                self.diags.push(d);
                continue;
            }
            let Some(Seg::Field(name)) = path.last().copied() else {
                continue;
            };
            let d = Diagnostic::error(Code::EmptyText, format!("`{name}` is empty"))
                .at(self.span(file, &path), "empty")
                .help(format!("write the {name}, or remove the entry"));
            self.diags.push(d);
        }
    }

    /// Source ids unique and present where needed; authors are actors.
    pub(super) fn sources(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        let several = entries.len() > 1;
        let mut seen: HashMap<String, Option<Loc>> = HashMap::new();
        for e in &entries {
            let base: Vec<Seg<'static>> = match e.index {
                None => vec![Seg::Field("meta"), Seg::Field("source")],
                Some(i) => vec![Seg::Field("sources"), Seg::Index(i)],
            };
            let field = |f: &'static str| {
                let mut p = base.clone();
                p.push(Seg::Field(f));
                p
            };
            if several && e.source.id.is_none() {
                let d = Diagnostic::error(
                    Code::MissingSourceId,
                    "with several sources, each needs an `id`",
                )
                .at(self.span(e.file, &base), "this source has none")
                .help(
                    "add `id: \"…\"` and name it in the nodes that come from it: `source: \"…\"`",
                );
                self.diags.push(d);
            } else if let Some(id) = &e.source.id {
                let at = self.span(e.file, &field("id"));
                if !is_valid_id(id) || id.len() > MAX_ID_LEN {
                    let d = Diagnostic::error(Code::InvalidId, format!("`{}` is not a valid id", shown_id(id)))
                        .at(at.clone(), "invalid source id")
                        .help("ids start with a letter or digit and use only letters, digits, `-`, `_`, `.` and `:`");
                    self.diags.push(d);
                }
                if let Some(first) = seen.get(id) {
                    let d = Diagnostic::error(
                        Code::DuplicateId,
                        format!("source id `{}` is defined twice", shown_id(id)),
                    )
                    .at(at, "defined again here")
                    .related(first.clone(), "first defined here");
                    self.diags.push(d);
                } else {
                    seen.insert(id.clone(), at);
                }
            }
            if let Some(author) = &e.source.author {
                let path = field("author");
                if let Some(kind) = self.resolve(author, e.file, &path)
                    && kind != NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        format!(
                            "a source's author must be an actor, not {} {}",
                            article(kind),
                            kind.name()
                        ),
                    )
                    .at(self.span(e.file, &path), "not an actor")
                    .help(
                        "add the author to `actors` (kind `Author` or `Person`) and name it here",
                    );
                    self.diags.push(d);
                }
            }
        }
        self.entries = entries;
    }

    /// Every claim and recommendation of `kbs`, with the fields the rules
    /// read, made as they are walked (not a list of 10^6 entries).
    pub(super) fn prop_list(kbs: &'a [KnowledgeBase]) -> impl Iterator<Item = Prop<'a>> + 'a {
        kbs.iter().enumerate().flat_map(|(file, kb)| {
            let def = move |kind, index| Def { kind, file, index };
            let claims = kb.claims.iter().enumerate().map(move |(i, c)| Prop {
                def: def(NodeKind::Claim, i),
                node: PropNode::Claim(c),
            });
            let recs = kb.recommendations.iter().enumerate();
            claims.chain(recs.map(move |(i, r)| Prop {
                def: def(NodeKind::Recommendation, i),
                node: PropNode::Recommendation(r),
            }))
        })
    }

    /// Provenance and voice of each claim and recommendation, and the
    /// source of each omission.
    pub(super) fn props(&mut self) {
        let source_ids: Vec<String> = self.entries.iter().map(|e| e.id.clone()).collect();
        // Looked up once per claim: a corpus has a source per map, and a
        // scan of the list per claim made `check` quadratic in maps.
        let known: foldhash::HashSet<&str> = source_ids.iter().map(String::as_str).collect();
        let source_ids = (source_ids.as_slice(), &known);
        for p in Self::prop_list(self.kbs) {
            let at = |c: &Self, f: &'static str| c.def_span(p.def, f);
            if p.para() == Some(0) {
                let d = Diagnostic::error(Code::BadPara, "paragraph numbers start at 1")
                    .at(at(self, "para"), "paragraph 0")
                    .help("count the body paragraphs of the source from 1");
                self.diags.push(d);
            }
            if p.implicit() && p.quote().is_some() {
                let d = Diagnostic::error(
                    Code::ImplicitWithQuote,
                    format!(
                        "{} `{}` is implicit but has a quote",
                        p.def.kind.name(),
                        p.id()
                    ),
                )
                .at(at(self, "quote"), "an implicit premise is not in the text")
                .related(at(self, "implicit"), "marked implicit here")
                .help("remove the quote, or remove `implicit: true` if the text states it");
                self.diags.push(d);
            }
            let anchored = p.quote().is_some() || p.para().is_some();
            self.check_source_ref(
                p.source(),
                anchored,
                p.def.file,
                &[
                    Seg::Field(p.def.section()),
                    Seg::Index(p.def.index),
                    Seg::Field("source"),
                ],
                source_ids,
            );
            if let Some(speaker) = p.speaker() {
                let path = [
                    Seg::Field(p.def.section()),
                    Seg::Index(p.def.index),
                    Seg::Field("speaker"),
                ];
                if let Some(kind) = self.resolve(speaker, p.def.file, &path)
                    && kind != NodeKind::Actor
                {
                    let d = Diagnostic::error(
                        Code::BadEndpoint,
                        format!("a speaker must be an actor, not {} {}", article(kind), kind.name()),
                    )
                    .at(self.span(p.def.file, &path), format!("`{}` is {} {}", shown_id(speaker), article(kind), kind.name()))
                    .help("`speaker` names the actor the text reports as saying this; a claim it rests on goes in `Supports`");
                    self.diags.push(d);
                }
            }
        }
        for (file, kb) in self.kbs.iter().enumerate() {
            for (i, o) in kb.omitted.iter().enumerate() {
                self.check_source_ref(
                    o.source.as_deref(),
                    true,
                    file,
                    &[Seg::Field("omitted"), Seg::Index(i), Seg::Field("source")],
                    source_ids,
                );
            }
        }
    }

    /// A node's `source`: it must name a source; with several sources an
    /// anchored node must name one.
    pub(super) fn check_source_ref(
        &mut self,
        source: Option<&str>,
        anchored: bool,
        file: FileId,
        path: &[Seg<'_>],
        (ids, known): (&[String], &foldhash::HashSet<&str>),
    ) {
        match source {
            Some(s) if !known.contains(s) => {
                let hint =
                    crate::diagnostic::suggest::did_you_mean(s, ids.iter().map(String::as_str))
                        .map(|b| format!("did you mean `{b}`?"))
                        .unwrap_or_else(|| {
                            if ids.is_empty() {
                                "the KB names no source; add one under `sources` (or `meta.source`)"
                                    .to_string()
                            } else {
                                format!(
                                    "the KB's sources are {}",
                                    ids.iter()
                                        .map(|i| format!("`{i}`"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }
                        });
                let d = Diagnostic::error(
                    Code::UnknownSource,
                    format!("no source has the id `{}`", shown_id(s)),
                )
                .at(self.span(file, path), "unknown source")
                .help(hint);
                self.diags.push(d);
            }
            None if anchored && ids.len() > 1 => {
                let d = Diagnostic::error(
                    Code::AmbiguousSource,
                    "this quote could come from any of the KB's sources",
                )
                .at(self.span(file, &path[..path.len() - 1]), "which source?")
                .help(format!(
                    "add `source: \"…\"`, one of {}",
                    ids.iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                self.diags.push(d);
            }
            _ => {}
        }
    }
}
