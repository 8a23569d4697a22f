//! How the map looks: the shape and colours of each kind of node, the
//! colour and line of each relation, the acceptability colours.

use super::*;

/// The fill and border of a node labelled `l`.
pub(super) fn label_colours(l: Label) -> (&'static str, &'static str) {
    match l {
        Label::In => ("#bbf7d0", "#15803d"),
        Label::Out => ("#fecaca", "#b91c1c"),
        Label::Undec => ("#fef08a", "#a16207"),
    }
}

pub(super) const FONT: &str = "Helvetica";

pub(super) const HIGHLIGHT: &str = "#1d4ed8";

/// Fill colour, shape and extra style of a node.
pub(super) struct NodeStyle {
    pub(super) shape: &'static str,
    pub(super) style: &'static str,
    pub(super) fill: &'static str,
    pub(super) border: &'static str,
}

pub(super) fn node_style_key(node: &Node) -> &'static str {
    match node {
        Node::Actor(_) => "actor",
        Node::Proposition(p) => p.subkind(),
        Node::Argument(_) => "argument",
        Node::Conflict(_) => "conflict",
    }
}

/// The fill colour a node has in the map (for other formats' viewers).
pub fn fill_of(node: &Node) -> &'static str {
    node_style(node_style_key(node)).fill
}

pub(super) fn node_style(key: &str) -> NodeStyle {
    let s = |shape, style, fill, border| NodeStyle {
        shape,
        style,
        fill,
        border,
    };
    match key {
        "actor" => s("ellipse", "filled", "#e5e7eb", "#4b5563"),
        "fact" => s("box", "rounded,filled", "#dbeafe", "#1e40af"),
        "event" => s("box", "rounded,filled", "#e0e7ff", "#3730a3"),
        "assessment" => s("box", "rounded,filled", "#fef9c3", "#854d0e"),
        "prediction" => s("box", "rounded,filled", "#fce7f3", "#9d174d"),
        "assumption" => s("box", "rounded,filled,dashed", "#f3f4f6", "#374151"),
        "goal" => s("box", "rounded,filled", "#dcfce7", "#166534"),
        "proposition" => s("box", "rounded,filled", "#ffffff", "#374151"),
        "recommendation" => s("box", "filled,bold", "#fed7aa", "#9a3412"),
        "conflict" => s("diamond", "filled", "#fecaca", "#991b1b"),
        _ => s("ellipse", "filled", "#bbf7d0", "#166534"),
    }
}

/// Colour, line style and arrowhead of an edge; `quiet` edges (stances and
/// actor relations) are thin, dotted and labelled.
pub(super) struct EdgeStyle {
    pub(super) color: &'static str,
    pub(super) style: &'static str,
    pub(super) arrowhead: &'static str,
    pub(super) quiet: bool,
}

pub(super) fn edge_style(kind: RelKind) -> EdgeStyle {
    let s = |color, style, arrowhead, quiet| EdgeStyle {
        color,
        style,
        arrowhead,
        quiet,
    };
    match kind {
        RelKind::Supports | RelKind::Conclusion => s("#15803d", "solid", "normal", false),
        RelKind::Premise => s("#15803d", "solid", "none", false),
        RelKind::Attacks => s("#b91c1c", "solid", "normal", false),
        RelKind::Undercuts => s("#b91c1c", "dashed", "tee", false),
        RelKind::Asserts => s("#6b7280", "dotted", "normal", true),
        RelKind::Opposes => s("#b91c1c", "dotted", "tee", true),
        RelKind::AddressedTo => s("#9a3412", "dotted", "normal", true),
        RelKind::Says => s("#4b5563", "dotted", "normal", true),
        RelKind::Rephrases => s("#6b7280", "dashed", "empty", true),
        RelKind::Prefers => s("#7c3aed", "dashed", "normal", true),
        // One proposition in two texts: no direction to show.
        RelKind::SameAs => s("#0e7490", "dashed", "none", true),
        _ => s("#9ca3af", "dotted", "normal", true),
    }
}
