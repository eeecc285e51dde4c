// Questions the review rules, the capacity model and the scenarios all ask of a graph: which edges carry
// traffic, where traffic enters, what a node's Terraform attributes say, which zones and regions it spans.
import { ArchGraph } from '../model/graph.js';
import type { EdgeKind, NodeKind } from '../model/kinds.js';
import { isGroupKind, TRAFFIC_EDGE_KINDS } from '../model/kinds.js';
import type { ArchEdge, ArchNode } from '../model/schema.js';

export { TRAFFIC_EDGE_KINDS };

/** Edges on which the caller waits for the answer. */
export const SYNC_EDGE_KINDS: readonly EdgeKind[] = ['calls', 'routes', 'reads', 'writes'];

/** Kinds that receive traffic from outside. */
export const FRONT_DOOR_KINDS: readonly NodeKind[] = ['client', 'dns', 'cdn', 'api_gateway', 'load_balancer'];

export const COMPUTE_KINDS: readonly NodeKind[] = ['service', 'function', 'container'];

export const isTraffic = (e: ArchEdge) => TRAFFIC_EDGE_KINDS.includes(e.kind);
export const isSync = (e: ArchEdge) => SYNC_EDGE_KINDS.includes(e.kind);

/** Components only: no groups (region, VPC, subnet…) and no plumbing. */
export function components(graph: ArchGraph): ArchNode[] {
  return graph.nodes().filter((n) => !isGroupKind(n.kind) && !n.plumbing);
}

export function byService(graph: ArchGraph, ...services: string[]): ArchNode[] {
  return graph.nodes().filter((n) => n.service !== undefined && services.includes(n.service));
}

/** A Terraform attribute, tolerant of how analyzers shape nested blocks (`{enabled}`, `[{enabled}]`). */
export function prop(node: ArchNode, path: string): unknown {
  let cursor: unknown = node.props;
  for (const part of path.split('.')) {
    if (Array.isArray(cursor)) cursor = cursor[0];
    if (!cursor || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[part];
  }
  return cursor;
}

/** True/false for a boolean attribute or a block with `enabled`; undefined when the graph does not say. */
export function flag(node: ArchNode, path: string): boolean | undefined {
  const v = prop(node, path);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v && typeof v === 'object') {
    const enabled = prop(node, `${path}.enabled`);
    if (typeof enabled === 'boolean') return enabled;
    return true;
  }
  return undefined;
}

export function num(node: ArchNode, path: string): number | undefined {
  const v = prop(node, path);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function str(node: ArchNode, path: string): string | undefined {
  const v = prop(node, path);
  return typeof v === 'string' ? v : undefined;
}

/**
 * The readable part of a Terraform address, used to name the resources a plan adds:
 * `module.cache.aws_elasticache_replication_group.this` → `cache`, `aws_instance.web[0]` → `web`.
 */
export function localName(id: string): string {
  const scheme = /^(external|code|generic):(.+)$/.exec(id);
  if (scheme) return scheme[2]!.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
  const cleaned = id.replace(/\[[^\]]*\]/g, '');
  const parts = cleaned.split('.');
  let name = parts[parts.length - 1] ?? cleaned;
  if (name === 'this' || name === 'main' || name === 'default') {
    const mod = parts.lastIndexOf('module');
    if (mod >= 0 && parts[mod + 1]) name = parts[mod + 1]!;
  }
  if (id.startsWith('arn:')) name = id.split(/[:/]/).pop() ?? name;
  return name.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
}

/** The region a node belongs to: its own `region`, or the nearest `region:` ancestor. */
export function regionOf(graph: ArchGraph, node: ArchNode): string | undefined {
  if (node.region) return node.region;
  for (const a of graph.ancestors(node.id)) {
    if (a.region) return a.region;
    if (a.kind === 'region') return a.id.replace(/^region:/, '');
  }
  return undefined;
}

/** Every region the graph spans. */
export function regions(graph: ArchGraph): string[] {
  const out = new Set<string>();
  for (const n of graph.nodes()) {
    if (n.kind === 'region') out.add(n.id.replace(/^region:/, ''));
    else if (n.region) out.add(n.region);
  }
  return [...out].sort();
}

/** The availability zone of a node: its `zone`, its subnet's zone, or the zone in its attributes. */
export function zoneOf(graph: ArchGraph, node: ArchNode): string | undefined {
  if (node.zone) return node.zone;
  const az = str(node, 'availability_zone');
  if (az) return az;
  for (const a of graph.ancestors(node.id)) {
    if (a.zone) return a.zone;
    const z = str(a, 'availability_zone');
    if (z) return z;
    if (a.kind === 'vpc' || a.kind === 'region') break;
  }
  return undefined;
}

/** The VPC a node sits in, if any. */
export function vpcOf(graph: ArchGraph, node: ArchNode): ArchNode | undefined {
  if (node.kind === 'vpc') return node;
  return graph.ancestors(node.id).find((a) => a.kind === 'vpc');
}

/** Inbound traffic edges (who sends this node work). */
export function trafficIn(graph: ArchGraph, id: string): ArchEdge[] {
  return graph.inEdges(id).filter(isTraffic);
}

export function trafficOut(graph: ArchGraph, id: string): ArchEdge[] {
  return graph.outEdges(id).filter(isTraffic);
}

/**
 * Where traffic enters: front-door nodes (client, DNS, CDN, API gateway, load balancer) with outgoing traffic and
 * no inbound `calls`/`routes`. When a graph has none, any component with outgoing but no inbound traffic.
 */
export function entryPoints(graph: ArchGraph): ArchNode[] {
  graph = trafficView(graph);
  const candidates = components(graph).filter(
    (n) =>
      trafficOut(graph, n.id).length > 0 &&
      !graph.inEdges(n.id).some((e) => e.kind === 'routes' || e.kind === 'calls'),
  );
  const doors = candidates.filter(
    (n) => FRONT_DOOR_KINDS.includes(n.kind) && trafficIn(graph, n.id).length === 0,
  );
  const chosen = doors.length ? doors : candidates.filter((n) => trafficIn(graph, n.id).length === 0);
  return chosen.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Services whose edges are configuration, not requests (a hosted zone "routes" to its records). */
const NON_TRAFFIC_SOURCES = new Set(['aws_route53_zone']);
/** Pass-through resources: a request through them is the same request as the one into their upstream. */
const RELAY_SERVICES = new Set(['aws_lb_target_group', 'aws_lb_listener', 'aws_lb_listener_rule']);

/**
 * The graph as traffic sees it: the same nodes, only edges that carry requests or messages.
 * - `access` edges (IAM grants, e.g. `write`, `read-write`) stand in for reads/writes when nothing else joins
 *   the pair — a Terraform-only scan knows the permission before code analysis knows the call;
 * - a relay (target group, listener) is skipped when its upstream also reaches its downstream directly, so
 *   that the same request is not counted twice.
 */
export function trafficView(graph: ArchGraph): ArchGraph {
  const out = new ArchGraph();
  for (const n of graph.nodes()) out.addNode(n);
  for (const e of trafficEdges(graph)) out.addEdge(e);
  return out;
}

/** The edges of trafficView, without building a graph: for passes over large graphs that only need edges. */
export function trafficEdges(graph: ArchGraph): ArchEdge[] {
  const kept = graph
    .edges()
    .filter((e) => isTraffic(e) && !NON_TRAFFIC_SOURCES.has(graph.node(e.from)?.service ?? ''));
  const pairs = new Set(kept.map((e) => `${e.from}\u0000${e.to}`));
  for (const e of graph.edges()) {
    // A consumer's grant on its own queue (receive/delete) is not a second flow the other way.
    if (e.kind !== 'access' || pairs.has(`${e.from}\u0000${e.to}`) || pairs.has(`${e.to}\u0000${e.from}`))
      continue;
    const from = graph.node(e.from);
    if (!from || !COMPUTE_KINDS.includes(from.kind)) continue;
    const label = (e.label ?? '').toLowerCase();
    const kind = /write/.test(label) ? 'writes' : /read/.test(label) ? 'reads' : undefined;
    if (!kind) continue;
    const target = graph.node(e.to);
    if (!target || !isDataStore(target)) continue;
    kept.push({
      ...e,
      kind: target.kind === 'queue' && kind === 'writes' ? 'publishes' : kind,
      id: `${e.id} [as ${kind}]`,
    });
    pairs.add(`${e.from}\u0000${e.to}`);
  }
  // A port-level `calls` (from security groups or env bindings) next to reads/writes on the same pair is the
  // same traffic seen twice.
  const ops = new Set(
    kept.filter((e) => e.kind !== 'calls' && e.kind !== 'routes').map((e) => `${e.from}\u0000${e.to}`),
  );
  const into = new Map<string, ArchEdge[]>();
  for (const e of kept) {
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  const view = kept.filter((e) => {
    if (e.kind === 'calls' && ops.has(`${e.from}\u0000${e.to}`)) return false;
    const relay = graph.node(e.from);
    if (!relay?.service || !RELAY_SERVICES.has(relay.service)) return true;
    return !(into.get(e.from) ?? []).some((up) => pairs.has(`${up.from}\u0000${e.to}`));
  });
  return view;
}

/** Who talks to this node synchronously. */
export function syncCallers(graph: ArchGraph, id: string): ArchNode[] {
  return graph
    .inEdges(id)
    .filter(isSync)
    .map((e) => graph.node(e.from)!)
    .filter((n, i, all) => all.findIndex((m) => m.id === n.id) === i);
}

/** Nodes of the same logical resource (`web[0]`, `web[1]`) share a base address. */
export function baseAddress(id: string): string {
  return id.replace(/\[[^\]]*\]$/, '');
}

/** Number of copies: `count` when known, the number of expanded siblings otherwise, 1 by default. */
export function copies(graph: ArchGraph, node: ArchNode): number {
  if (typeof node.count === 'number') return node.count;
  const base = baseAddress(node.id);
  if (base === node.id) return 1;
  return graph.nodes().filter((n) => baseAddress(n.id) === base).length;
}

export function isDataStore(node: ArchNode): boolean {
  return ['database', 'cache', 'storage', 'queue', 'stream', 'search'].includes(node.kind);
}

/** A readable label: name when it adds something to the id. */
export function label(node: ArchNode): string {
  return node.id;
}

export const sortById = <T extends { id: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
