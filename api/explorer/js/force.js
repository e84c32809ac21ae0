// A small force layout: pairwise repulsion, springs along edges, a pull to the centre. O(n²) per tick, which
// stays well under a frame for a few hundred nodes; alpha cools so the picture settles instead of jittering.

const REPULSION = 2600;
const SPRING = 0.06;
const LENGTH = 65;
const GRAVITY = 0.012;
const FRICTION = 0.55;
export const COOLING = 0.975;
export const ALPHA_MIN = 0.02;

export function tick(nodes, edges, alpha) {
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i];
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j];
      let dx = b.x - a.x;
      let dy = b.y - a.y;
      if (dx === 0 && dy === 0) dx = (i - j) * 0.01;
      const d2 = Math.max(dx * dx + dy * dy, 30);
      const f = (REPULSION * alpha) / d2;
      const d = Math.sqrt(d2);
      dx = (dx / d) * f;
      dy = (dy / d) * f;
      a.vx -= dx; a.vy -= dy;
      b.vx += dx; b.vy += dy;
    }
  }
  for (const e of edges) {
    const dx = e.t.x - e.s.x;
    const dy = e.t.y - e.s.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const f = ((d - LENGTH) * SPRING * alpha) / d;
    e.s.vx += dx * f; e.s.vy += dy * f;
    e.t.vx -= dx * f; e.t.vy -= dy * f;
  }
  for (const n of nodes) {
    n.vx = (n.vx - n.x * GRAVITY * alpha) * FRICTION;
    n.vy = (n.vy - n.y * GRAVITY * alpha) * FRICTION;
    if (n.fixed) { n.vx = n.vy = 0; continue; }
    n.x += n.vx;
    n.y += n.vy;
  }
}

/** Where a new neighbour starts: on a ring around the node it came from (golden angle, so no two coincide). */
export function placeAround(parent, index) {
  const angle = index * 2.39996;
  const radius = 30 + 6 * Math.sqrt(index);
  return { x: (parent?.x ?? 0) + radius * Math.cos(angle), y: (parent?.y ?? 0) + radius * Math.sin(angle) };
}
