// Failure-mode analysis: if one node fails, which entry points and flows break (synchronous dependency),
// what only degrades (asynchronous work piles up or stops), and what would mitigate it.

import { UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import type { ChangeOp } from '../model/schema.js';
import { isSingleAz, multiAzFix } from '../planners/fixes.js';
import { entryPoints, isSync, trafficView } from '../planners/query.js';
import { review } from '../review/index.js';

export interface Flow {
  entry: string;
  /** The first hop out of the entry point (a route, an alias…), which names the flow. */
  via: string;
  label?: string;
  /** The synchronous path from the entry point to the failed node. */
  path: string[];
}

export interface Degradation {
  node: string;
  how: string;
}

export interface Mitigation {
  text: string;
  ops: ChangeOp[];
}

export interface ImpactReport {
  node: string;
  kind: string;
  brokenEntryPoints: string[];
  brokenFlows: Flow[];
  intactEntryPoints: string[];
  /** Nodes that fail with it because they call it synchronously. */
  failingCallers: string[];
  degraded: Degradation[];
  mitigations: Mitigation[];
}

/** Shortest synchronous path from `from` to `to` (BFS over sync edges), or undefined. */
function syncPath(view: ArchGraph, from: string, to: string): string[] | undefined {
  const prev = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null = to; at !== null; at = prev.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const e of view
      .outEdges(id)
      .filter(isSync)
      .sort((a, b) => (a.to < b.to ? -1 : 1))) {
      if (!prev.has(e.to)) {
        prev.set(e.to, id);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}

/**
 * What happens when `nodeId` fails.
 * @example
 * impact(graph, 'aws_db_instance.orders').brokenEntryPoints // ['aws_route53_record.api']
 */
export function impact(graph: ArchGraph, nodeId: string): ImpactReport {
  const node = graph.node(nodeId);
  if (!node)
    throw new UsageError(`no node ${JSON.stringify(nodeId)} in the graph`, {
      hint: 'node ids are listed in the graph file (`archmap diagram` labels show them too)',
    });
  const view = trafficView(graph);
  const entries = entryPoints(graph).map((n) => n.id);

  const brokenFlows: Flow[] = [];
  for (const entry of entries) {
    if (entry === nodeId) {
      brokenFlows.push({ entry, via: entry, path: [entry] });
      continue;
    }
    for (const first of view.outEdges(entry).filter(isSync)) {
      const rest = first.to === nodeId ? [first.to] : syncPath(view, first.to, nodeId);
      if (!rest) continue;
      // A route that reaches the node only through a redundant sibling (another route) still breaks here.
      brokenFlows.push({
        entry,
        via: first.to,
        ...(first.label ? { label: first.label } : {}),
        path: [entry, ...rest],
      });
    }
  }
  const brokenEntryPoints = [...new Set(brokenFlows.map((f) => f.entry))].sort();
  const failingCallers = view
    .nodes()
    .filter((n) => n.id !== nodeId && syncPath(view, n.id, nodeId))
    .map((n) => n.id)
    .sort();

  const degraded: Degradation[] = [];
  for (const e of view.inEdges(nodeId)) {
    if (e.kind === 'consumes' || e.kind === 'triggers') {
      const src = graph.node(e.from)!;
      degraded.push({
        node: e.from,
        how:
          src.kind === 'queue'
            ? `messages wait in ${e.from} until ${nodeId} recovers (up to the retention period); after maxReceiveCount failures they go to the DLQ`
            : `${e.from} events for ${nodeId} are retried asynchronously, then dropped or sent to an on-failure destination`,
      });
    }
    if (e.kind === 'publishes')
      degraded.push({
        node: e.from,
        how: `${e.from} cannot enqueue: its request fails unless it buffers or retries`,
      });
  }
  for (const e of view.outEdges(nodeId)) {
    if (e.kind === 'publishes' || e.kind === 'triggers' || e.kind === 'consumes') {
      degraded.push({
        node: e.to,
        how: `${e.to} stops receiving work from ${nodeId} (no errors, just no new items)`,
      });
    }
  }
  degraded.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));

  const mitigations: Mitigation[] = [];
  if (isSingleAz(graph, node)) {
    const ops = multiAzFix(graph, node);
    if (ops.length) mitigations.push({ text: `make ${nodeId} redundant across AZs`, ops });
  }
  for (const f of review(graph).findings.filter(
    (x) => x.nodes.includes(nodeId) && x.pillar === 'reliability',
  )) {
    if (f.fix.ops.length && !mitigations.some((m) => JSON.stringify(m.ops) === JSON.stringify(f.fix.ops)))
      mitigations.push({ text: `${f.ruleId}: ${f.message}`, ops: f.fix.ops });
  }
  if (failingCallers.length) {
    mitigations.push({
      text: `give the ${failingCallers.length} synchronous caller(s) timeouts, retries with backoff and a circuit breaker, and serve a degraded answer (cached or queued) when ${nodeId} is down`,
      ops: [],
    });
  }
  if (degraded.some((d) => graph.node(d.node)?.kind === 'queue')) {
    mitigations.push({
      text: 'alarm on ApproximateAgeOfOldestMessage so a stalled consumer is noticed before messages expire',
      ops: [],
    });
  }
  return {
    node: nodeId,
    kind: node.kind,
    brokenEntryPoints,
    brokenFlows,
    intactEntryPoints: entries.filter((e) => !brokenEntryPoints.includes(e)),
    failingCallers,
    degraded,
    mitigations,
  };
}

/** The report as text for the terminal. */
export function formatImpact(r: ImpactReport): string {
  const lines = [`If ${r.node} (${r.kind}) fails:`, ''];
  lines.push(
    r.brokenFlows.length
      ? 'Breaks (synchronous dependency):'
      : 'Breaks: no entry point depends on it synchronously.',
  );
  for (const f of r.brokenFlows)
    lines.push(`  ${f.entry}${f.label ? ` [${f.label}]` : ''}: ${f.path.join(' → ')}`);
  if (r.failingCallers.length) lines.push('', `Fails with it: ${r.failingCallers.join(', ')}`);
  if (r.degraded.length) {
    lines.push('', 'Degrades (asynchronous):');
    for (const d of r.degraded) lines.push(`  ${d.node}: ${d.how}`);
  }
  if (r.intactEntryPoints.length)
    lines.push('', `Unaffected entry points: ${r.intactEntryPoints.join(', ')}`);
  if (r.mitigations.length) {
    lines.push('', 'Mitigations:');
    for (const m of r.mitigations) {
      lines.push(`  - ${m.text}`);
      for (const op of m.ops)
        lines.push(
          `      ${op.op} ${op.op === 'add_node' ? op.node.id : op.op === 'add_edge' ? op.edge.id : op.id}: ${op.rationale}`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}
