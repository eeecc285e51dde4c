// Articulation points (cut vertices) of an undirected view of the graph, by Tarjan's low-link DFS.
// No graphology package provides them (graphology-components has connected/strongly-connected components,
// graphology-metrics has none); pulling in cytoscape for one algorithm would add a second graph model.
import type { ArchGraph } from '../model/graph.js';

/**
 * The nodes whose removal disconnects the undirected graph made of `include`d nodes and `edge`-accepted edges.
 * Iterative, so deep graphs cannot overflow the stack. Results are sorted.
 * @example
 * articulationPoints(graph, (id) => graph.node(id)?.kind !== 'region', (e) => e.kind !== 'depends_on')
 */
export function articulationPoints(
  graph: ArchGraph,
  include: (id: string) => boolean,
  edge: (e: { from: string; to: string; kind: string }) => boolean,
): string[] {
  const adj = new Map<string, Set<string>>();
  for (const n of graph.nodes()) if (include(n.id)) adj.set(n.id, new Set());
  for (const e of graph.edges()) {
    if (e.from === e.to || !adj.has(e.from) || !adj.has(e.to) || !edge(e)) continue;
    adj.get(e.from)!.add(e.to);
    adj.get(e.to)!.add(e.from);
  }
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const cut = new Set<string>();
  let time = 0;
  for (const root of [...adj.keys()].sort()) {
    if (order.has(root)) continue;
    order.set(root, time);
    low.set(root, time++);
    let rootChildren = 0;
    const stack: Array<{ node: string; parent: string | undefined; it: Iterator<string> }> = [
      { node: root, parent: undefined, it: [...adj.get(root)!].sort()[Symbol.iterator]() },
    ];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top.it.next();
      if (!next.done) {
        const w = next.value;
        if (!order.has(w)) {
          order.set(w, time);
          low.set(w, time++);
          if (top.node === root) rootChildren++;
          stack.push({ node: w, parent: top.node, it: [...adj.get(w)!].sort()[Symbol.iterator]() });
        } else if (w !== top.parent) {
          low.set(top.node, Math.min(low.get(top.node)!, order.get(w)!));
        }
        continue;
      }
      stack.pop();
      const parent = top.parent;
      if (parent !== undefined) {
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
        if (parent !== root && low.get(top.node)! >= order.get(parent)!) cut.add(parent);
      }
    }
    if (rootChildren > 1) cut.add(root);
  }
  return [...cut].sort();
}
