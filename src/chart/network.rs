//! The reuse network's geometry: the [`MAX_NODES`] nodes with the most uses on a circle (the
//! most used at the top, then clockwise), each sized by its uses; an arrow from the first
//! user of formulations to each later user, curved to its right so that the arrows of a pair
//! that repeat each other do not overlap, and as wide as its count allows.

pub use super::Anchor;
use concord_core::compare::formulas::reuse::Network;

/// The chart's size (its `viewBox`).
pub const W: f64 = 640.0;
pub const H: f64 = 400.0;
/// The circle the nodes stand on.
const CX: f64 = W / 2.0;
const CY: f64 = H / 2.0;
const R: f64 = 140.0;
/// Most nodes drawn (the table lists every one).
pub const MAX_NODES: usize = 12;
/// Radius of the least and the most used node.
const NODE_MIN: f64 = 6.0;
const NODE_MAX: f64 = 18.0;
/// Width of the lightest and the heaviest arrow.
const ARROW_MIN: f64 = 1.0;
const ARROW_MAX: f64 = 7.0;

/// A node drawn: where, how big, where its label goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    /// Index into [`Network::nodes`].
    pub node: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub label_x: f64,
    pub label_y: f64,
    pub anchor: Anchor,
}

/// An arrow drawn: its path (`d`) and width.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Index into [`Network::edges`].
    pub edge: usize,
    /// A quadratic curve, from the edge of one node to the edge of the other.
    pub path: String,
    pub width: f64,
}

/// Everything the chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub dots: Vec<Dot>,
    pub arrows: Vec<Arrow>,
    /// Nodes not drawn (beyond [`MAX_NODES`]), and the arrows to or from them.
    pub hidden_nodes: usize,
    pub hidden_arrows: usize,
}

/// The chart of a network, or `None` when it has no arrow to draw.
pub fn chart(net: &Network) -> Option<Chart> {
    let shown = net.nodes.len().min(MAX_NODES);
    let drawn = |e: &concord_core::compare::formulas::reuse::Edge| e.from < shown && e.to < shown;
    if !net.edges.iter().any(drawn) {
        return None;
    }
    let most_uses = net.nodes.iter().map(|n| n.uses).max().unwrap_or(1).max(1) as f64;
    let dots: Vec<Dot> = (0..shown)
        .map(|i| {
            // From the top, clockwise.
            let (cos, sin) = unit(std::f64::consts::TAU * i as f64 / shown as f64);
            let (cos, sin) = (sin, -cos);
            let r =
                NODE_MIN + (NODE_MAX - NODE_MIN) * (net.nodes[i].uses as f64 / most_uses).sqrt();
            let out = R + r + 8.0;
            Dot {
                node: i,
                x: CX + R * cos,
                y: CY + R * sin,
                r,
                label_x: CX + out * cos,
                label_y: CY + out * sin + 4.0,
                anchor: if cos > 0.2 {
                    Anchor::Start
                } else if cos < -0.2 {
                    Anchor::End
                } else {
                    Anchor::Middle
                },
            }
        })
        .collect();
    let heaviest = net.edges.iter().map(|e| e.count).max().unwrap_or(1).max(1) as f64;
    let arrows = net
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| drawn(e))
        .map(|(k, e)| {
            let (a, b) = (&dots[e.from], &dots[e.to]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            // The control point: off the middle, to the right of the direction of travel.
            let bend = len * 0.15;
            let (mx, my) = ((a.x + b.x) / 2.0 - uy * bend, (a.y + b.y) / 2.0 + ux * bend);
            // Start and end on the nodes' edges, toward the control point.
            let toward = |from: (f64, f64), r: f64| {
                let (vx, vy) = (mx - from.0, my - from.1);
                let l = (vx * vx + vy * vy).sqrt().max(1.0);
                (from.0 + vx / l * r, from.1 + vy / l * r)
            };
            let (sx, sy) = toward((a.x, a.y), a.r + 2.0);
            // The arrowhead's length is outside the path: end short of the node.
            let width = ARROW_MIN + (ARROW_MAX - ARROW_MIN) * (e.count as f64 / heaviest).sqrt();
            let (ex, ey) = toward((b.x, b.y), b.r + 2.0 + width * 2.0);
            let n = crate::format::num;
            Arrow {
                edge: k,
                path: format!(
                    "M{} {} Q{} {} {} {}",
                    n(sx),
                    n(sy),
                    n(mx),
                    n(my),
                    n(ex),
                    n(ey)
                ),
                width,
            }
        })
        .collect::<Vec<_>>();
    Some(Chart {
        hidden_nodes: net.nodes.len() - shown,
        hidden_arrows: net.edges.len() - arrows.len(),
        dots,
        arrows,
    })
}

/// `(cos a, sin a)` for `a` from 0 to 2π, by Taylor series after folding `a` into
/// [−π, π]; within 1e-6, and without the libm code (4 kB of argument reduction) that
/// `f64::sin_cos` brings into the app.
fn unit(a: f64) -> (f64, f64) {
    use std::f64::consts::{PI, TAU};
    let a = if a > PI { a - TAU } else { a };
    let (mut cos, mut sin) = (0.0, 0.0);
    let mut term = 1.0; // a^k / k!
    for k in 0..24 {
        match k % 4 {
            0 => cos += term,
            1 => sin += term,
            2 => cos -= term,
            _ => sin -= term,
        }
        term *= a / f64::from(k + 1);
    }
    (cos, sin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::compare::formulas::reuse::{Edge, Key, Node};

    fn net(nodes: usize, edges: &[(usize, usize, usize)]) -> Network {
        Network {
            nodes: (0..nodes)
                .map(|i| Node {
                    key: Key::Person(i as u32),
                    first: 1,
                    uses: nodes - i,
                    own: 0,
                })
                .collect(),
            edges: edges
                .iter()
                .map(|&(from, to, count)| Edge { from, to, count })
                .collect(),
        }
    }

    #[test]
    fn the_unit_circle_without_libm() {
        for i in 0..=64 {
            let a = std::f64::consts::TAU * f64::from(i) / 64.0;
            let (c, s) = unit(a);
            assert!(
                (c - a.cos()).abs() < 1e-6 && (s - a.sin()).abs() < 1e-6,
                "{a}"
            );
        }
    }

    #[test]
    fn nodes_stand_on_a_circle_from_the_top() {
        let c = chart(&net(4, &[(0, 1, 3), (1, 0, 1)])).unwrap();
        assert_eq!(c.dots.len(), 4);
        let top = &c.dots[0];
        assert!((top.x - CX).abs() < 1e-9 && (top.y - (CY - R)).abs() < 1e-9);
        assert_eq!(top.anchor, Anchor::Middle);
        // Clockwise: the second is on the right, the fourth on the left.
        assert_eq!(c.dots[1].anchor, Anchor::Start);
        assert_eq!(c.dots[3].anchor, Anchor::End);
        // The most used is the biggest.
        assert!(c.dots[0].r > c.dots[3].r);
        assert_eq!(c.dots[0].r, NODE_MAX);
    }

    #[test]
    fn arrows_are_weighted_and_a_pair_does_not_overlap() {
        let c = chart(&net(2, &[(0, 1, 4), (1, 0, 1)])).unwrap();
        assert_eq!(c.arrows.len(), 2);
        assert_eq!(c.arrows[0].width, ARROW_MAX);
        assert!(c.arrows[1].width < c.arrows[0].width);
        // Each bends to its own right: the two control points differ.
        let control = |a: &Arrow| a.path.split('Q').nth(1).unwrap().to_string();
        assert_ne!(control(&c.arrows[0]), control(&c.arrows[1]));
        assert!(c.arrows[0].path.starts_with('M'));
    }

    #[test]
    fn beyond_the_drawn_nodes_arrows_are_counted_not_drawn() {
        let n = MAX_NODES + 3;
        let c = chart(&net(n, &[(0, 1, 2), (0, n - 1, 1)])).unwrap();
        assert_eq!((c.dots.len(), c.hidden_nodes), (MAX_NODES, 3));
        assert_eq!((c.arrows.len(), c.hidden_arrows), (1, 1));
        // Nothing to draw: no chart.
        assert!(chart(&net(3, &[])).is_none());
        assert!(chart(&net(n, &[(0, n - 1, 1)])).is_none());
    }
}
