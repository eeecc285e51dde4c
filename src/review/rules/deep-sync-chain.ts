import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import { decoupleFix } from '../../graph/fixes.js';
import { isSync, trafficEdges } from '../../graph/query.js';
import type { ArchGraph } from '../../model/graph.js';
import { isGroupKind } from '../../model/kinds.js';
import type { ArchEdge } from '../../model/schema.js';
import { defineRule } from '../types.js';

/** Listeners and target groups pass the same request on: entering one is not a hop. */
const RELAYS = new Set(['aws_lb_listener', 'aws_lb_listener_rule', 'aws_lb_target_group']);

/**
 * The longest synchronous call path and its length in hops (relays weigh nothing), by dynamic programming over
 * a topological order (graphology-dag). Cyclic graphs have no longest path: it returns none.
 */
export function longestSyncPath(graph: ArchGraph): { path: ArchEdge[]; hops: number } {
  // Only ids and edges go into the graph the algorithms run on: copying 100,000 nodes' attributes into a second
  // graph was most of this rule's time.
  const sync = new DirectedGraph();
  const out = new Map<string, ArchEdge[]>();
  graph.graph.forEachNode((id, n) => {
    if (!isGroupKind(n.kind)) sync.addNode(id);
  });
  for (const e of trafficEdges(graph)) {
    if (!isSync(e) || e.from === e.to) continue;
    const from = graph.node(e.from);
    const to = graph.node(e.to);
    // Relays (listeners, target groups) are on the path too, even though diagrams hide them as plumbing.
    if (!from || !to || isGroupKind(from.kind) || isGroupKind(to.kind)) continue;
    sync.mergeEdge(e.from, e.to);
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  if (hasCycle(sync)) return { path: [], hops: 0 };
  const weight = (e: ArchEdge) => (RELAYS.has(graph.node(e.to)?.service ?? '') ? 0 : 1);
  // Each node keeps its best hop count and the edge that reached it; the path is read back once at the end, so
  // the pass stays linear in nodes + edges even on long chains.
  const best = new Map<string, { via: ArchEdge; hops: number }>();
  for (const id of topologicalSort(sync)) {
    const hops = best.get(id)?.hops ?? 0;
    for (const e of out.get(id) ?? []) {
      const next = hops + weight(e);
      const prev = best.get(e.to);
      if (!prev || next > prev.hops) best.set(e.to, { via: e, hops: next });
    }
  }
  let end: { id: string; hops: number } | undefined;
  for (const [id, candidate] of best)
    if (candidate.hops > (end?.hops ?? 0)) end = { id, hops: candidate.hops };
  if (!end) return { path: [], hops: 0 };
  const path: ArchEdge[] = [];
  for (let at = best.get(end.id); at; at = best.get(at.via.from)) path.push(at.via);
  return { path: path.reverse(), hops: end.hops };
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
