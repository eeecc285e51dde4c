// The one check that a diagram view draws no connection the graph does not justify. Tests of every view (and
// of the Terraform wiring behind them) run it: hiding plumbing may shorten a path, never invent one.
import type { ArchGraph } from '../../src/model/graph.js';
import { isGroupKind } from '../../src/model/kinds.js';
import { type DiagramView, TRAFFIC_KINDS, type ViewEdge } from './view.js';

/** How far through undrawn nodes a justifying path may go (the view itself stops at four hidden hops). */
const MAX_HOPS = 8;

/**
 * Drawn edges that no graph edge or traffic path explains. An edge A → B is justified by a graph edge from a
 * member of A to a member of B, or by a path of traffic edges from a member of A to a member of B whose inner
 * nodes are not drawn (hidden plumbing). A group stands for itself and for its collapsed descendants.
 * @example
 * expect(unjustifiedEdges(graph, buildView(graph))).toEqual([]);
 */
export function unjustifiedEdges(graph: ArchGraph, view: DiagramView): ViewEdge[] {
  const drawnAs = new Map<string, string>();
  for (const node of view.nodes) {
    for (const id of [...node.members, ...(node.folded ?? [])]) drawnAs.set(id, node.key);
  }
  // Collapsed groups (subnets in a `services` view…) are drawn as their nearest drawn ancestor.
  for (const node of graph.nodes()) {
    if (drawnAs.has(node.id) || !isGroupKind(node.kind)) continue;
    const seen = new Set<string>([node.id]);
    let parent = node.parent;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      const drawn = drawnAs.get(parent);
      if (drawn) {
        drawnAs.set(node.id, drawn);
        break;
      }
      parent = graph.node(parent)?.parent;
    }
  }
  const membersOf = new Map<string, string[]>();
  for (const [id, key] of drawnAs) membersOf.set(key, [...(membersOf.get(key) ?? []), id]);

  const reaches = (from: string, to: string): boolean => {
    const targets = new Set(membersOf.get(to) ?? []);
    let frontier = membersOf.get(from) ?? [];
    for (const start of frontier) {
      if (graph.outEdges(start).some((e) => targets.has(e.to))) return true;
    }
    const seen = new Set(frontier);
    for (let hop = 0; hop < MAX_HOPS && frontier.length; hop++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const e of graph.outEdges(id)) {
          if (!TRAFFIC_KINDS.has(e.kind)) continue;
          if (targets.has(e.to)) return true;
          if (seen.has(e.to) || drawnAs.has(e.to)) continue;
          seen.add(e.to);
          next.push(e.to);
        }
      }
      frontier = next;
    }
    return false;
  };
  return view.edges.filter((e) => !reaches(e.from, e.to));
}
