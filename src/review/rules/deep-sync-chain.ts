import { MultiDirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import { decoupleFix } from '../../graph/fixes.js';
import { isSync, trafficView } from '../../graph/query.js';
import type { ArchGraph } from '../../model/graph.js';
import { isGroupKind } from '../../model/kinds.js';
import type { ArchEdge } from '../../model/schema.js';
import { defineRule } from '../types.js';

/** The longest synchronous call path, by dynamic programming over a topological order (graphology-dag). */
/** Listeners and target groups pass the same request on: entering one is not a hop. */
const RELAYS = new Set(['aws_lb_listener', 'aws_lb_listener_rule', 'aws_lb_target_group']);

/**
 * The longest synchronous call path and its length in hops (relays weigh nothing), by dynamic programming over
 * a topological order (graphology-dag). Cyclic graphs have no longest path: it returns none.
 */
export function longestSyncPath(input: ArchGraph): { path: ArchEdge[]; hops: number } {
  const graph = trafficView(input);
  const sync = new MultiDirectedGraph();
  // Relays (listeners, target groups) are on the path too, even though diagrams hide them as plumbing.
  const ids = new Set(
    graph
      .nodes()
      .filter((n) => !isGroupKind(n.kind))
      .map((n) => n.id),
  );
  for (const id of ids) sync.addNode(id);
  for (const e of graph.edges()) {
    if (isSync(e) && ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
      sync.addEdgeWithKey(e.id, e.from, e.to);
  }
  if (hasCycle(sync)) return { path: [], hops: 0 };
  const weight = (e: ArchEdge) => (RELAYS.has(graph.node(e.to)?.service ?? '') ? 0 : 1);
  const best = new Map<string, { path: ArchEdge[]; hops: number }>();
  for (const id of topologicalSort(sync)) {
    const here = best.get(id) ?? { path: [], hops: 0 };
    for (const e of graph.outEdges(id).filter((x) => sync.hasEdge(x.id))) {
      const next = { path: [...here.path, e], hops: here.hops + weight(e) };
      const prev = best.get(e.to);
      if (!prev || next.hops > prev.hops) best.set(e.to, next);
    }
  }
  let longest = { path: [] as ArchEdge[], hops: 0 };
  for (const candidate of best.values()) if (candidate.hops > longest.hops) longest = candidate;
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
    const { path, hops } = longestSyncPath(graph);
    if (hops <= options.maxSyncDepth) return [];
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
        message: `${hops} synchronous hops (max ${options.maxSyncDepth}): ${nodes.join(' → ')}`,
        fix: hop ? decoupleFix(graph, hop) : [],
      },
    ];
  },
});
