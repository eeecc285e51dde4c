// The capacity model: puts a request rate on the entry points, propagates it along traffic edges in topological
// order, and compares each component's load now and at ×N with the capacity figures from the catalog.

import { MultiDirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import { topologicalSort } from 'graphology-dag';
import { z } from 'zod';
import { defaultMaxConnections, INSTANCE_CLASS_SOURCE, lookupTerraformType } from '../catalog/index.js';
import type { CapacityFigure } from '../catalog/types.js';
import {
  components,
  copies,
  entryPoints,
  isTraffic,
  num,
  regionOf,
  str,
  trafficView,
} from '../graph/query.js';
import type { ArchGraph } from '../model/graph.js';
import { isGroupKind } from '../model/kinds.js';
import type { ArchNode, CapacityRow } from '../model/schema.js';

/** The `capacity` section of archmap.config.json. Every field is optional. */
export const CapacityConfigSchema = z
  .object({
    /** Requests per second at each entry point (overrides --rps for that node). */
    entryRps: z.record(z.string(), z.number().nonnegative()).default({}),
    /** Fixed load now for a node, in its own unit (requests or messages per second); overrides propagation. */
    loads: z.record(z.string(), z.number().nonnegative()).default({}),
    /** Calls per incoming request along an edge, keyed by edge id or `from -> to`. Default 1. */
    fanout: z.record(z.string(), z.number().nonnegative()).default({}),
    /** Mean duration of one invocation of a function (ms), for Lambda concurrency (Little's law). */
    durationMs: z.record(z.string(), z.number().positive()).default({}),
    defaultDurationMs: z.number().positive().default(200),
    /** Requests per second one task or instance of a service sustains (measured by the team). */
    perCopyRps: z.record(z.string(), z.number().positive()).default({}),
    /** Database connections each copy of a service keeps open (its pool size). */
    poolSize: z.number().int().positive().default(10),
  })
  .strict();
export type CapacityConfig = z.infer<typeof CapacityConfigSchema>;

export interface CapacityOptions {
  /** Requests per second arriving at each entry point. */
  rps: number;
  /** The growth factor to evaluate (×N). */
  factor: number;
  config?: Partial<CapacityConfig>;
}

export interface CapacityReport {
  entryPoints: string[];
  /** Load now per node, in requests or messages per second. */
  loads: Record<string, number>;
  rows: CapacityRow[];
  /** Assumptions and caveats (cycles cut, unknown figures…). */
  notes: string[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A catalog figure for a Terraform type, by metric name (and variant, when the type has several). */
export function catalogFigure(
  tfType: string | undefined,
  metric: string,
  variant?: string,
): CapacityFigure | undefined {
  if (!tfType) return undefined;
  const figures = lookupTerraformType(tfType)?.capacity?.filter((f) => f.metric === metric) ?? [];
  return (
    (variant ? figures.find((f) => f.variant === variant) : undefined) ??
    figures.find((f) => !f.variant) ??
    figures[0]
  );
}

/** A redrive edge only carries failures: 0 by default (set a fan-out to model a failure rate). */
const isRedrive = (label: string | undefined) => /\bDLQ\b|dead.?letter/i.test(label ?? '');

function fanoutOf(config: CapacityConfig, id: string, from: string, to: string, label?: string): number {
  return config.fanout[id] ?? config.fanout[`${from} -> ${to}`] ?? (isRedrive(label) ? 0 : 1);
}

/**
 * Propagates `rps` from the entry points along traffic edges. `routes` edges split a node's load between their
 * targets (a router sends each request to one target); every other traffic edge carries the full load times
 * its fan-out. Cycles are cut at their back edges (noted).
 */
export function propagateLoad(
  graph: ArchGraph,
  rps: number,
  config: CapacityConfig,
): { loads: Map<string, number>; entries: string[]; notes: string[] } {
  const notes: string[] = [];
  graph = trafficView(graph);
  // Plumbing relays (listeners, target groups) carry traffic even though diagrams hide them.
  const ids = new Set(
    graph
      .nodes()
      .filter((n) => !isGroupKind(n.kind))
      .map((n) => n.id),
  );
  const traffic = new MultiDirectedGraph();
  for (const id of ids) traffic.addNode(id);
  for (const e of graph.edges()) {
    if (isTraffic(e) && ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
      traffic.addEdgeWithKey(e.id, e.from, e.to);
  }
  // Cut cycles where the traffic turns back: a depth-first walk from the entry points drops each edge that
  // returns to a node still on the walk (a back edge), so the first call of a loop keeps its load.
  const entries = entryPoints(graph).map((n) => n.id);
  if (stronglyConnectedComponents(traffic).some((scc) => scc.length > 1)) {
    const state = new Map<string, 'open' | 'done'>();
    const roots = [...entries, ...traffic.nodes().sort()];
    for (const root of roots) {
      if (state.has(root)) continue;
      state.set(root, 'open');
      const stack = [{ id: root, out: traffic.outEdges(root).sort() }];
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const edge = top.out.shift();
        if (edge === undefined) {
          state.set(top.id, 'done');
          stack.pop();
          continue;
        }
        const to = traffic.target(edge);
        if (state.get(to) === 'open') {
          traffic.dropEdge(edge);
          notes.push(`cycle cut at ${edge}: load is not sent round the loop`);
        } else if (!state.has(to)) {
          state.set(to, 'open');
          stack.push({ id: to, out: traffic.outEdges(to).sort() });
        }
      }
    }
  }
  const loads = new Map<string, number>();
  for (const id of entries) loads.set(id, config.entryRps[id] ?? rps);
  for (const id of topologicalSort(traffic)) {
    const fixed = config.loads[id];
    if (fixed !== undefined) loads.set(id, fixed);
    const load = loads.get(id) ?? 0;
    if (load === 0) continue;
    const out = traffic.outEdges(id).map((e) => graph.edge(e)!);
    const routes = out.filter((e) => e.kind === 'routes');
    for (const e of out) {
      const share = e.kind === 'routes' ? 1 / routes.length : 1;
      const add = load * share * fanoutOf(config, e.id, e.from, e.to, e.label);
      loads.set(e.to, (loads.get(e.to) ?? 0) + add);
    }
  }
  return { loads, entries, notes };
}

interface RowInput {
  node: ArchNode;
  metric: string;
  unit: string;
  now: number;
  factor: number;
  capacity: number | null;
  source?: string;
  action?: string;
}

function row(r: RowInput): CapacityRow {
  const atFactor = r.now * r.factor;
  const out: CapacityRow = {
    node: r.node.id,
    metric: r.metric,
    unit: r.unit,
    loadNow: round(r.now),
    loadAtFactor: round(atFactor),
    capacity: r.capacity,
    headroom: r.capacity ? round(1 - atFactor / r.capacity, 3) : null,
  };
  if (r.source) out.source = r.source;
  if (r.action) out.action = r.action;
  return out;
}

/** A figure's source as shown in the table; planning assumptions say so. */
const figureSource = (f: CapacityFigure) =>
  `${f.source}${f.scope ? ` (per ${f.scope})` : ''}${/^https?:/.test(f.source) ? '' : f.note ? `: ${f.note.split(/[;:]/)[0]}` : ''}`;

/** Calls per second made to `target` over edges of the given kinds, given the propagated loads. */
export function loadOn(
  graph: ArchGraph,
  loads: Map<string, number>,
  target: string,
  kinds: string[],
): number {
  let total = 0;
  for (const e of graph.inEdges(target)) {
    if (!kinds.includes(e.kind)) continue;
    const from = loads.get(e.from) ?? 0;
    const routes = graph.outEdges(e.from).filter((x) => x.kind === 'routes').length;
    total += e.kind === 'routes' ? from / Math.max(1, routes) : from;
  }
  return total;
}

/** Concurrent executions of a function: invocations/s × mean duration (Little's law). Also read by the cost model. */
export function lambdaConcurrency(
  graph: ArchGraph,
  fn: ArchNode,
  loads: Map<string, number>,
  config: CapacityConfig,
  full: ArchGraph = graph,
) {
  const durationS = (config.durationMs[fn.id] ?? config.defaultDurationMs) / 1000;
  let invocations = 0;
  for (const e of graph.inEdges(fn.id).filter(isTraffic)) {
    const from = graph.node(e.from)!;
    const l = loads.get(e.from) ?? 0;
    const routes = graph.outEdges(e.from).filter((x) => x.kind === 'routes').length;
    const share = e.kind === 'routes' ? l / Math.max(1, routes) : l;
    // SQS event source mappings deliver batches: one invocation per batch.
    const batch = from.kind === 'queue' ? batchSize(full, from, fn) : 1;
    invocations += share / batch;
  }
  return { invocations, concurrency: invocations * durationS, durationS };
}

function batchSize(graph: ArchGraph, queue: ArchNode, fn: ArchNode): number {
  const mapping = graph
    .nodes()
    .find(
      (n) =>
        n.service === 'aws_lambda_event_source_mapping' &&
        graph.outEdges(n.id).some((e) => e.to === fn.id) &&
        graph.outEdges(n.id).some((e) => e.to === queue.id),
    );
  const edge = graph.outEdges(queue.id).find((e) => e.to === fn.id);
  return (
    (mapping ? num(mapping, 'batch_size') : undefined) ??
    (typeof edge?.props?.batch_size === 'number' ? (edge.props.batch_size as number) : undefined) ??
    Number(/batch (\d+)/.exec(edge?.label ?? '')?.[1] ?? 10)
  );
}

/** Default max_connections of the instance class and engine, from the catalog's class table. */
function maxConnections(node: ArchNode): { value: number; source: string } | undefined {
  const cls = str(node, 'instance_class');
  const engine = str(node, 'engine') ?? 'postgres';
  if (!cls) return undefined;
  const value = defaultMaxConnections(cls, engine);
  return value === undefined
    ? undefined
    : { value, source: `${INSTANCE_CLASS_SOURCE} (${cls}, ${engine} default parameter group)` };
}

/** Baseline IOPS of the storage a database is on. */
function storageIops(node: ArchNode): { iops: number; source: string } | undefined {
  const type = str(node, 'storage_type') ?? 'gp2';
  const gb = num(node, 'allocated_storage') ?? 20;
  const explicit = num(node, 'iops');
  const fig = catalogFigure(node.service, `iops_baseline:${type}`);
  if (explicit && (type === 'io1' || type === 'io2' || type === 'gp3')) {
    return { iops: explicit, source: `terraform: iops = ${explicit}` };
  }
  if (!fig) return undefined;
  // gp2 scales with size (figure is IOPS per GiB); gp3 has a flat baseline.
  const iops = type === 'gp2' ? Math.min(16000, Math.max(100, fig.value * gb)) : fig.value;
  return { iops, source: `${figureSource(fig)}${type === 'gp2' ? ` × ${gb} GiB` : ''}` };
}

/**
 * Builds the bottleneck table for growth ×factor: one row per component and limiting metric, sorted with the
 * most saturated first. Figures come from the catalog (with their source) or from the graph's own Terraform
 * attributes (throttling limits, reserved concurrency, desired counts).
 * @example
 * const { rows } = capacityReport(graph, { rps: 500, factor: 10 });
 * rows.filter((r) => (r.headroom ?? 1) < 0).map((r) => r.node)
 */
export function capacityReport(input: ArchGraph, options: CapacityOptions): CapacityReport {
  const config = CapacityConfigSchema.parse(options.config ?? {});
  const { loads, entries, notes } = propagateLoad(input, options.rps, config);
  const graph = trafficView(input);
  const factor = options.factor;
  const rows: CapacityRow[] = [];
  const lambdaByRegion = new Map<string, { now: number; nodes: ArchNode[] }>();

  for (const node of components(graph)) {
    const load = loads.get(node.id) ?? 0;
    if (load === 0 && !(node.id in config.loads)) continue;
    switch (node.service) {
      case 'aws_lambda_function': {
        const { concurrency, durationS } = lambdaConcurrency(graph, node, loads, config, input);
        const reserved = num(node, 'reserved_concurrent_executions');
        const account = catalogFigure(node.service, 'concurrency');
        const region = regionOf(graph, node) ?? '(region)';
        const pool = lambdaByRegion.get(region) ?? { now: 0, nodes: [] };
        pool.now += concurrency;
        pool.nodes.push(node);
        lambdaByRegion.set(region, pool);
        if (reserved !== undefined && reserved >= 0) {
          rows.push(
            row({
              node,
              metric: 'concurrency',
              unit: 'concurrent executions',
              now: concurrency,
              factor,
              capacity: reserved,
              source: `terraform: reserved_concurrent_executions = ${reserved}; ${durationS * 1000} ms mean duration assumed`,
              action: 'raise reserved_concurrent_executions (within the account pool) or shorten the handler',
            }),
          );
        } else {
          rows.push(
            row({
              node,
              metric: 'concurrency',
              unit: 'concurrent executions',
              now: concurrency,
              factor,
              capacity: account?.value ?? null,
              ...(account
                ? {
                    source: `${figureSource(account)}; shared by every function in ${region}; ${durationS * 1000} ms mean duration assumed`,
                  }
                : {}),
              action:
                'request a Lambda concurrency quota increase; set reserved concurrency on critical functions',
            }),
          );
        }
        break;
      }
      case 'aws_apigatewayv2_api':
      case 'aws_api_gateway_rest_api': {
        const throttle = num(node, 'throttling_rate_limit');
        const quota = catalogFigure(node.service, 'rps');
        const limit = throttle ?? quota?.value ?? null;
        rows.push(
          row({
            node,
            metric: 'rps',
            unit: 'requests/s',
            now: load,
            factor,
            capacity: limit,
            ...(throttle !== undefined
              ? {
                  source: `terraform: throttling_rate_limit = ${throttle}${quota ? `; account quota ${quota.value} (${quota.source})` : ''}`,
                }
              : quota
                ? { source: figureSource(quota) }
                : {}),
            action:
              throttle !== undefined && quota && throttle * factor > quota.value
                ? `raise the stage throttle and request an account-level quota increase (${quota.value} rps)`
                : 'raise the stage throttling_rate_limit (and the account quota if needed)',
          }),
        );
        break;
      }
      case 'aws_db_instance':
      case 'aws_rds_cluster': {
        const ops = loadOn(graph, loads, node.id, ['reads', 'writes', 'calls']);
        const iops = storageIops(node);
        rows.push(
          row({
            node,
            metric: 'iops',
            unit: 'I/O per second',
            now: ops,
            factor,
            capacity: iops?.iops ?? null,
            ...(iops ? { source: `${iops.source}; one I/O per statement assumed` } : {}),
            action:
              'add a read replica or cache for reads; move to gp3 with provisioned IOPS or Aurora for writes',
          }),
        );
        // Connections: each Lambda execution holds one; each service copy holds a pool.
        let conns = 0;
        const callers = [...new Set(graph.inEdges(node.id).map((e) => e.from))].map((id) => graph.node(id)!);
        for (const caller of callers) {
          if (caller.service === 'aws_lambda_function')
            conns += lambdaConcurrency(graph, caller, loads, config, input).concurrency;
          else if (caller.kind === 'database') conns += 0;
          else conns += copiesOf(graph, caller) * config.poolSize;
        }
        const maxConn = maxConnections(node);
        if (conns > 0) {
          rows.push(
            row({
              node,
              metric: 'connections',
              unit: 'connections',
              now: conns,
              factor,
              capacity: maxConn?.value ?? null,
              ...(maxConn ? { source: maxConn.source } : {}),
              action: 'put RDS Proxy in front, or move to a larger instance class',
            }),
          );
        }
        break;
      }
      case 'aws_dynamodb_table': {
        const writes = loadOn(graph, loads, node.id, ['writes']);
        const reads = loadOn(graph, loads, node.id, ['reads']);
        const onDemand = (str(node, 'billing_mode') ?? 'PROVISIONED') === 'PAY_PER_REQUEST';
        const wcu = onDemand
          ? catalogFigure(node.service, 'initial_write_request_units', 'on-demand')
          : undefined;
        const provisioned = num(node, 'write_capacity');
        if (writes > 0)
          rows.push(
            row({
              node,
              metric: 'writes',
              unit: 'writes/s (1 KB)',
              now: writes,
              factor,
              capacity: onDemand ? (wcu?.value ?? null) : (provisioned ?? null),
              ...(onDemand && wcu
                ? { source: figureSource(wcu) }
                : provisioned
                  ? { source: `terraform: write_capacity = ${provisioned}` }
                  : {}),
              action: onDemand
                ? 'pre-warm the on-demand table (warm throughput) before the launch; spread the partition key'
                : 'raise write_capacity or enable autoscaling',
            }),
          );
        const rcu = onDemand ? catalogFigure(node.service, 'read_request_units', 'on-demand') : undefined;
        if (reads > 0)
          rows.push(
            row({
              node,
              metric: 'reads',
              unit: 'reads/s (4 KB, strongly consistent)',
              now: reads,
              factor,
              capacity: onDemand ? (rcu?.value ?? null) : (num(node, 'read_capacity') ?? null),
              ...(onDemand && rcu ? { source: figureSource(rcu) } : {}),
              action: 'add DAX or a cache for hot keys; pre-warm the table',
            }),
          );
        break;
      }
      case 'aws_s3_bucket': {
        const puts = loadOn(graph, loads, node.id, ['writes']);
        const gets = loadOn(graph, loads, node.id, ['reads']);
        const putFig = catalogFigure(node.service, 'put_rps_per_prefix');
        const getFig = catalogFigure(node.service, 'get_rps_per_prefix');
        if (puts > 0)
          rows.push(
            row({
              node,
              metric: 'put_rps',
              unit: 'PUT/s per prefix',
              now: puts,
              factor,
              capacity: putFig?.value ?? null,
              ...(putFig ? { source: figureSource(putFig) } : {}),
              action: 'spread keys over several prefixes (e.g. a hash or date prefix)',
            }),
          );
        if (gets > 0)
          rows.push(
            row({
              node,
              metric: 'get_rps',
              unit: 'GET/s per prefix',
              now: gets,
              factor,
              capacity: getFig?.value ?? null,
              ...(getFig ? { source: figureSource(getFig) } : {}),
              action: 'serve through CloudFront; spread keys over prefixes',
            }),
          );
        break;
      }
      case 'aws_sqs_queue': {
        const fifo = node.id.endsWith('.fifo') || node.props.fifo_queue === true;
        const fig = catalogFigure(node.service, 'messages_per_second', fifo ? 'fifo' : 'standard');
        if (fig?.unbounded) break;
        rows.push(
          row({
            node,
            metric: 'messages',
            unit: 'messages/s',
            now: load,
            factor,
            capacity: fig?.value ?? null,
            ...(fig ? { source: figureSource(fig) } : {}),
            action: fifo
              ? 'enable high-throughput FIFO or batch sends'
              : 'none: standard queues scale horizontally',
          }),
        );
        break;
      }
      case 'aws_cloudfront_distribution': {
        const fig = catalogFigure(node.service, 'rps');
        if (fig?.unbounded) break;
        rows.push(
          row({
            node,
            metric: 'rps',
            unit: 'requests/s',
            now: load,
            factor,
            capacity: fig?.value ?? null,
            ...(fig ? { source: figureSource(fig) } : {}),
            action: 'request a quota increase',
          }),
        );
        break;
      }
      default: {
        if (!['service', 'container'].includes(node.kind) && node.service !== 'aws_ecs_service') break;
        const planning = catalogFigure(node.service, 'rps');
        const perCopy = config.perCopyRps[node.id] ?? planning?.value;
        const n = copiesOf(graph, node);
        rows.push(
          row({
            node,
            metric: 'rps',
            unit: 'requests/s',
            now: load,
            factor,
            capacity: perCopy ? perCopy * n : null,
            ...(config.perCopyRps[node.id]
              ? { source: `archmap.config.json: ${perCopy} rps per copy × ${n}` }
              : planning
                ? { source: `${figureSource(planning)} × ${n} copies` }
                : {}),
            action: perCopy
              ? `scale out to ${Math.ceil((load * factor) / (perCopy * 0.7))} copies (70% target)`
              : 'measure rps per copy (load test) and set capacity.perCopyRps in archmap.config.json',
          }),
        );
      }
    }
  }
  const account = catalogFigure('aws_lambda_function', 'concurrency');
  for (const [region, pool] of [...lambdaByRegion.entries()].sort()) {
    if (pool.nodes.length < 2) continue;
    rows.push({
      ...row({
        node: { ...pool.nodes[0]!, id: `lambda:${region}` },
        metric: 'account_concurrency',
        unit: 'concurrent executions',
        now: pool.now,
        factor,
        capacity: account?.value ?? null,
        ...(account ? { source: `${figureSource(account)}; ${pool.nodes.length} functions share it` } : {}),
        action: 'request a regional concurrency quota increase before the launch',
      }),
      node: `lambda:${region}`,
    });
  }
  rows.sort(
    (a, b) =>
      (a.headroom ?? Number.POSITIVE_INFINITY) - (b.headroom ?? Number.POSITIVE_INFINITY) ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) ||
      (a.metric < b.metric ? -1 : 1),
  );
  if (entries.length === 0) notes.push('no entry point found: give loads per node in archmap.config.json');
  const fixedLoads: Record<string, number> = {};
  for (const [id, l] of [...loads.entries()].sort()) fixedLoads[id] = round(l);
  return { entryPoints: entries, loads: fixedLoads, rows, notes };
}

function copiesOf(graph: ArchGraph, node: ArchNode): number {
  // An expanded instance (`web[0]`) is one copy; its `count` is the size of the whole set.
  if (/\[[^\]]*\]$/.test(node.id)) return 1;
  return num(node, 'desired_count') ?? num(node, 'desired_capacity') ?? copies(graph, node);
}

/** The rows whose load at ×N exceeds the capacity (headroom < 0), most saturated first. */
export function bottlenecks(report: CapacityReport): CapacityRow[] {
  return report.rows.filter((r) => r.headroom !== null && r.headroom < 0);
}

/**
 * Headroom a person can read: the share left free (`30% free`), or how far over the limit the load is
 * (`5.0× the limit`) instead of a large negative percentage.
 * @example
 * formatHeadroom({ loadAtFactor: 1000, capacity: 40, headroom: -24 }) // '25× the limit'
 */
export function formatHeadroom(r: Pick<CapacityRow, 'loadAtFactor' | 'capacity' | 'headroom'>): string {
  if (r.headroom === null || !r.capacity) return '?';
  if (r.headroom >= 0) return `${Math.round(r.headroom * 100)}% free`;
  const times = r.loadAtFactor / r.capacity;
  return `${times >= 10 ? Math.round(times) : times.toFixed(1)}× the limit`;
}

/** Renders the bottleneck table as aligned text. */
export function formatCapacityTable(rows: CapacityRow[], factor: number): string {
  const header = [
    'component',
    'metric',
    'now',
    `×${factor}`,
    'capacity',
    'headroom',
    'what to change',
    'source',
  ];
  const body = rows.map((r) => [
    r.node,
    r.metric,
    String(r.loadNow),
    String(r.loadAtFactor),
    r.capacity === null ? '?' : String(r.capacity),
    formatHeadroom(r),
    r.action ?? '',
    r.source ?? '',
  ]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 6 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
