// Failure-mode analysis: if one node fails, which entry points and flows break (synchronous dependency),
// what only degrades (asynchronous work piles up or stops), and what would mitigate it.

import { isSingleAz, multiAzFix } from '../graph/fixes.js';
import { entryPoints, isSync, trafficView } from '../graph/query.js';
import { UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import type { ArchEdge, ChangeOp } from '../model/schema.js';
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

/** The caller waits on these: sync calls, and publishing (SendMessage/Publish is a synchronous API call). */
const waits = (e: ArchEdge) => isSync(e) || e.kind === 'publishes';

/** Shortest waiting path from `from` to `to` (BFS over sync and publish edges), or undefined. */
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
      .filter(waits)
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
 * The flows of an entry point: one per labelled route on its request path (`POST /orders`), or the entry
 * itself when nothing names routes.
 */
function flowsOf(view: ArchGraph, entry: string): Array<{ path: string[]; label?: string; via: string }> {
  const routes: Array<{ path: string[]; label?: string; via: string }> = [];
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length) {
    const path = queue.shift()!;
    const id = path[path.length - 1]!;
    for (const e of view.outEdges(id).filter(waits)) {
      if (
        e.kind === 'routes' &&
        e.label &&
        /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\b|^\//.test(e.label)
      ) {
        routes.push({ path: [...path, e.to], label: e.label, via: e.to });
        continue;
      }
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push([...path, e.to]);
    }
  }
  return routes.length ? routes : [{ path: [entry], via: entry }];
}

/** Regional services AWS runs across AZs: they fail as a region, not as a node. */
const REGIONAL = new Set([
  'aws_dynamodb_table',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_s3_bucket',
  'aws_lambda_function',
  'aws_apigatewayv2_api',
  'aws_api_gateway_rest_api',
]);

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
    for (const flow of flowsOf(view, entry)) {
      const at = flow.path.indexOf(nodeId);
      const rest = at >= 0 ? [] : syncPath(view, flow.via, nodeId)?.slice(1);
      if (at < 0 && !rest) continue;
      brokenFlows.push({
        entry,
        via: flow.via,
        ...(flow.label ? { label: flow.label } : {}),
        path: at >= 0 ? flow.path.slice(0, at + 1) : [...flow.path, ...rest!],
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
  }
  for (const e of view.outEdges(nodeId)) {
    if (
      (e.kind === 'publishes' || e.kind === 'triggers' || e.kind === 'consumes') &&
      !/\bDLQ\b/.test(e.label ?? '')
    ) {
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
  if (node.service && REGIONAL.has(node.service)) {
    mitigations.push({
      text: `${nodeId} is already spread over the AZs of its region; only a regional failure takes it down, which needs a copy in a second region (archmap propose --scenario multi-region)`,
      ops: [],
    });
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
