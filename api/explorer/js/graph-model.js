// What the graph view shows, without drawing it: the nodes and edges fetched so far, which are roots, expanded,
// dismissed, and the groups that keep a large neighbourhood legible. A node's neighbours of one kind through one
// relationship are a group; past GROUP_PAGE of them only the first page is shown and the rest is one "+K more"
// node, which shows the next page when activated. Filters (relationship types, topic, year) apply first, so
// "+K" counts what the filters let through.

export const GROUP_PAGE = 15;

export class GraphModel {
  constructor(filters = {}) {
    this.nodes = new Map();
    this.edges = new Map();
    this.roots = new Set();
    this.expanded = new Set();
    this.dismissed = new Set();
    this.groups = new Map(); // key → {key, center, rel, kind, members (ids, in order), shown (how many)}
    this.filters = { rels: filters.rels || null, topic: filters.topic || "", year: filters.year || "" };
  }

  addNode(node) {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, { topics: [], ...node });
    return this.nodes.get(node.id);
  }

  addEdge({ rel, source, target }) {
    const key = `${source}|${rel}|${target}`;
    if (!this.edges.has(key) && this.nodes.has(source) && this.nodes.has(target)) this.edges.set(key, { rel, source, target });
  }

  /** A neighbourhood from GET /graph/{kind}/{id} (or built by a view): its nodes, edges and groups. Group members
   * are put newest first unless `sort` is false (then they keep the order given). */
  addNeighbourhood(centerId, nodes, edges, { sort = true } = {}) {
    for (const n of nodes) this.addNode(n);
    for (const e of edges) this.addEdge(e);
    const byGroup = new Map();
    for (const e of edges) {
      const other = e.source === centerId ? e.target : e.target === centerId ? e.source : null;
      if (!other || other === centerId) continue;
      const key = `${centerId}|${e.rel}|${this.nodes.get(other)?.kind}`;
      if (!byGroup.has(key)) byGroup.set(key, { key, center: centerId, rel: e.rel, kind: this.nodes.get(other)?.kind, members: [] });
      if (!byGroup.get(key).members.includes(other)) byGroup.get(key).members.push(other);
    }
    for (const group of byGroup.values()) {
      if (group.members.length <= GROUP_PAGE) continue;
      if (sort) group.members.sort(byYearThenName(this.nodes));
      this.groups.set(group.key, { ...group, shown: GROUP_PAGE });
    }
  }

  /** One more page of a group ("+K more" activated). */
  showMore(groupKey) {
    const group = this.groups.get(groupKey);
    if (group) group.shown += GROUP_PAGE;
  }

  passes(n) {
    if (this.roots.has(n.id)) return true;
    if (this.dismissed.has(n.id)) return false;
    const { topic, year } = this.filters;
    if (topic && (n.kind === "Award" || n.kind === "Measure") && !(n.topics || []).includes(topic)) return false;
    if (year && n.year !== null && n.year !== undefined && String(n.year) !== year) return false;
    return true;
  }

  relShown(rel) {
    return !this.filters.rels || this.filters.rels.includes(rel);
  }

  /** The nodes and edges to draw, "+K more" nodes (kind "More", with group and count) and their edges included. */
  visible() {
    const candidates = new Set([...this.nodes.values()].filter((n) => this.passes(n)).map((n) => n.id));
    const keep = new Set([...this.roots, ...this.expanded].filter((id) => candidates.has(id)));
    const cut = new Set();
    const more = [];
    for (const group of this.groups.values()) {
      if (!candidates.has(group.center) || !this.relShown(group.rel)) continue;
      const passing = group.members.filter((id) => candidates.has(id));
      passing.slice(0, group.shown).forEach((id) => keep.add(id));
      const rest = passing.slice(group.shown);
      rest.forEach((id) => cut.add(id));
      if (rest.length) more.push({ id: `more|${group.key}`, kind: "More", group: group.key, count: rest.length, of: group.kind, center: group.center, rel: group.rel });
    }
    for (const id of cut) if (!keep.has(id)) candidates.delete(id);
    const edges = [...this.edges.values()].filter((e) => this.relShown(e.rel) && candidates.has(e.source) && candidates.has(e.target));
    const linked = new Set(this.roots);
    for (const e of edges) linked.add(e.source).add(e.target);
    const nodes = [...this.nodes.values()].filter((n) => candidates.has(n.id) && linked.has(n.id));
    return {
      nodes: [...nodes, ...more],
      edges: [...edges, ...more.map((m) => ({ rel: m.rel, source: m.center, target: m.id }))],
      more: more.length,
    };
  }

  state() {
    return { expanded: [...this.expanded], ...this.filters };
  }
}

/** Newest first (awards, notices), then by name: the first page of a group is the latest. */
const byYearThenName = (nodes) => (a, b) => {
  const x = nodes.get(a);
  const y = nodes.get(b);
  return (y.year ?? -1) - (x.year ?? -1) || String(x.name ?? x.id).localeCompare(String(y.name ?? y.id), "zh");
};
