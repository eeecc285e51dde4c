import { MultiDirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import type { ArchGraph } from '../../model/graph.js';
import type { ArchEdge } from '../../model/schema.js';
import { decoupleFix } from '../../planners/fixes.js';
import { components, isSync, trafficView } from '../../planners/query.js';
import { defineRule } from '../types.js';

/** The longest synchronous call path, by dynamic programming over a topological order (graphology-dag). */
export function longestSyncPath(input: ArchGraph): ArchEdge[] {
  const graph = trafficView(input);
  const sync = new MultiDirectedGraph();
  const ids = new Set(components(graph).map((n) => n.id));
  for (const id of ids) sync.addNode(id);
  for (const e of graph.edges()) {
    if (isSync(e) && ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
      sync.addEdgeWithKey(e.id, e.from, e.to);
  }
  if (hasCycle(sync)) return [];
  const best = new Map<string, ArchEdge[]>();
  for (const id of topologicalSort(sync)) {
    const here = best.get(id) ?? [];
    for (const e of graph.outEdges(id).filter((x) => sync.hasEdge(x.id))) {
      const path = [...here, e];
      const prev = best.get(e.to);
      if (!prev || path.length > prev.length) best.set(e.to, path);
    }
  }
  let longest: ArchEdge[] = [];
  for (const path of best.values()) if (path.length > longest.length) longest = path;
  return longest;
}

export default defineRule({
  id: 'deep-sync-chain',
  title: 'Synchronous call chain is too deep',
  severity: 'medium',
  pillar: 'reliability',
  why: 'Every synchronous hop multiplies failure probability and adds its latency and timeout to the caller’s; past a few hops one slow dependency stalls the whole chain. Break it with a queue where the caller does not need the answer.',
  helpUri:
    'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_prevent_interaction_failure_loosely_coupled_system.html',
  check: ({ graph, options }) => {
    const path = longestSyncPath(graph);
    if (path.length <= options.maxSyncDepth) return [];
    const nodes = [path[0]!.from, ...path.map((e) => e.to)];
    // Decouple the deepest compute → compute hop: the tail of the chain is the least likely to be needed inline.
    const hop = [...path]
      .reverse()
      .find(
        (e) => ['service', 'function', 'container'].includes(graph.node(e.to)!.kind) && e.kind === 'calls',
      );
    return [
      {
        nodes,
        message: `${path.length} synchronous hops (max ${options.maxSyncDepth}): ${nodes.join(' → ')}`,
        fix: hop ? decoupleFix(graph, hop) : [],
      },
    ];
  },
});
