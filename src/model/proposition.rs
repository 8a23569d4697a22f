//! The one type claims and recommendations become once parsed: a
//! proposition the text states, reports, concedes, rejects or urges.
//! The file keeps them in two sections (a recommendation has no claim
//! kind); everything after parsing treats them alike, and asks `kind`
//! where the difference matters.

use super::{Claim, ClaimKind, NodeKind, Recommendation, Stance};

/// What a proposition is: a claim of some kind, or a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropKind {
    Claim(ClaimKind),
    Recommendation,
}

/// A claim or a recommendation, with the fields both have.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposition {
    pub id: String,
    pub text: String,
    pub kind: PropKind,
    pub quote: Option<String>,
    pub para: Option<u32>,
    pub source: Option<String>,
    pub implicit: bool,
    pub qualifier: Option<String>,
    pub time: Option<String>,
    pub speaker: Option<String>,
    pub stance: Option<Stance>,
    pub allow: Vec<String>,
    pub tags: Vec<String>,
}

impl Proposition {
    /// `Claim` or `Recommendation`: the node family.
    pub fn family(&self) -> NodeKind {
        match self.kind {
            PropKind::Claim(_) => NodeKind::Claim,
            PropKind::Recommendation => NodeKind::Recommendation,
        }
    }

    /// The claim kind; `None` for a recommendation.
    pub fn claim_kind(&self) -> Option<ClaimKind> {
        match self.kind {
            PropKind::Claim(k) => Some(k),
            PropKind::Recommendation => None,
        }
    }

    /// The finer kind's name: the claim kind, or `recommendation`.
    pub fn subkind(&self) -> &'static str {
        match self.kind {
            PropKind::Claim(k) => k.name(),
            PropKind::Recommendation => "recommendation",
        }
    }
}

impl From<Claim> for Proposition {
    fn from(c: Claim) -> Proposition {
        Proposition {
            id: c.id,
            text: c.text,
            kind: PropKind::Claim(c.kind),
            quote: c.quote,
            para: c.para,
            source: c.source,
            implicit: c.implicit,
            qualifier: c.qualifier,
            time: c.time,
            speaker: c.speaker,
            stance: c.stance,
            allow: c.allow,
            tags: c.tags,
        }
    }
}

impl From<Recommendation> for Proposition {
    fn from(r: Recommendation) -> Proposition {
        Proposition {
            id: r.id,
            text: r.text,
            kind: PropKind::Recommendation,
            quote: r.quote,
            para: r.para,
            source: r.source,
            implicit: r.implicit,
            qualifier: r.qualifier,
            time: r.time,
            speaker: r.speaker,
            stance: r.stance,
            allow: r.allow,
            tags: r.tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_families_keep_every_field() {
        let mut c = Claim::new("c", "C", ClaimKind::Prediction);
        c.quote = Some("q".into());
        c.para = Some(3);
        c.speaker = Some("s".into());
        c.stance = Some(Stance::Rejects);
        c.tags = vec!["t".into()];
        let p = Proposition::from(c);
        assert_eq!(p.family(), NodeKind::Claim);
        assert_eq!(p.claim_kind(), Some(ClaimKind::Prediction));
        assert_eq!(p.subkind(), "prediction");
        assert_eq!((p.quote.as_deref(), p.para), (Some("q"), Some(3)));
        assert_eq!(p.stance, Some(Stance::Rejects));
        let mut r = Recommendation::new("r", "R");
        r.implicit = true;
        r.time = Some("now".into());
        let p = Proposition::from(r);
        assert_eq!(p.family(), NodeKind::Recommendation);
        assert_eq!((p.claim_kind(), p.subkind()), (None, "recommendation"));
        assert!(p.implicit);
        assert_eq!(p.time.as_deref(), Some("now"));
    }
}
