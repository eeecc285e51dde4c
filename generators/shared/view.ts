// Level of detail: turns an ArchGraph into the view a diagram draws. It hides plumbing (keeping the edges that
// pass through it), keeps a focus neighbourhood, collapses groups, aggregates repeated resources (`web ×3`) and,
// for large estates, draws an overview of roots or service groups. Shared by every diagram generator.
import { DirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import { lookupTerraformType } from '../../src/catalog/index.js';
import { UsageError } from '../../src/model/errors.js';
import type { ArchGraph } from '../../src/model/graph.js';
import type { ChangeMark, EdgeKind, NodeKind } from '../../src/model/kinds.js';
import { isGroupKind, RUNTIME_EDGE_KINDS } from '../../src/model/kinds.js';
import type { ArchEdge, ArchNode } from '../../src/model/schema.js';

/**
 * From most to least detailed: `full`; `services` (single subnets folded into their tier box); `types` (one node
 * per service type per region); `overview` (one node per root, account, module or service group, with its size).
 */
export const DETAIL_LEVELS = ['full', 'services', 'types', 'overview'] as const;
export type Detail = (typeof DETAIL_LEVELS)[number];

/** No view chosen by size draws more nodes than this (groups included): `auto` takes the first level that fits. */
export const MAX_VIEW_NODES = 60;
/** How many hidden plumbing nodes an edge may pass through and still be drawn. */
const MAX_HIDDEN_HOPS = 4;

export interface ViewOptions {
  /** Show plumbing (IAM, security groups, attachments…). */
  all?: boolean;
  /** Only this node (or group) and its neighbourhood. */
  focus?: string;
  /** Neighbourhood depth for `focus` (default 1). */
  depth?: number;
  /** full | services | overview; chosen by size when absent or `auto`. */
  detail?: Detail | 'auto';
  /** Keep plumbing that carries a change mark visible (a diff then shows every change it makes). */
  showChanges?: boolean;
  /** Draw only what changed and one hop around it (diff diagrams); nothing is cropped when nothing changed. */
  cropToChanges?: boolean;
  /** Only this overview group (its key, from `overviewGroups`) and what its members talk to directly. */
  within?: string;
}

export interface ViewNode {
  /** Unique, stable key: the node id, or `<stem>[*]` / `<service>[*]` for an aggregate. */
  key: string;
  parent?: string;
  kind: NodeKind;
  service?: string;
  /** Shown name, e.g. `orders`, `web`, `Lambda`. */
  name: string;
  /** Short product name from the catalog, e.g. `SQS`; empty when it would repeat the name. */
  typeLabel: string;
  /** Multiplier shown as `×N` (or `×?`); absent for one resource. */
  count?: number | '?';
  /** Original node ids drawn by this view node, sorted. */
  members: string[];
  /**
   * Supporting resources folded into this node (a task definition, its ECR repository, a cluster): they carry
   * no traffic and only this node refers to them. Sorted; absent when none.
   */
  folded?: string[];
  change?: ChangeMark;
  /** Drawn as a container (a group kind, or any node with visible children). */
  container: boolean;
  /** For subnets: public or private, from props or name. */
  tier?: 'public' | 'private';
  /** A subnet tier box ("private subnets") drawn around every subnet of one tier in a VPC. */
  tierGroup?: boolean;
  /** One line of detail for containers, e.g. a CIDR block or an availability zone. */
  note?: string;
  /** Overview nodes: how many resources (plumbing included) the root or group holds. */
  size?: number;
}

export interface ViewEdge {
  key: string;
  from: string;
  to: string;
  /** The kind that styles the edge: the first of `kinds`. */
  kind: EdgeKind;
  /** Every data-flow kind between the two ends, most telling first (e.g. writes, reads). */
  kinds: EdgeKind[];
  label?: string;
  change?: ChangeMark;
  /** How many graph edges this view edge stands for. */
  count: number;
  /** True when the edge was drawn through hidden plumbing nodes. */
  viaHidden: boolean;
}

export interface DiagramView {
  detail: Detail;
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Plumbing nodes left out (0 with `all`). */
  hiddenPlumbing: number;
  /** Components at full detail, before any collapsing. */
  fullDetailComponents: number;
  /** Overview only: what the groups are (`root`, `module`, `tag`, `region`, `type`). */
  groupedBy?: GroupingKind;
}

/** Edges that explain a relation rather than carry traffic. */
const STRUCTURAL_KINDS = new Set<EdgeKind>(['depends_on', 'access']);
/**
 * Edges along which a request, a message or data travels. A path through hidden plumbing becomes a drawn edge
 * only when every step is one of these: a reference chain (A uses security group X, X names group Y…) says
 * nothing about who talks to whom, and collapsing it invented links such as load balancer → database.
 */
export const TRAFFIC_KINDS: ReadonlySet<EdgeKind> = new Set(RUNTIME_EDGE_KINDS);
/** Most telling first: which kind styles an edge that stands for several. */
const KIND_ORDER: EdgeKind[] = [
  'writes',
  'reads',
  'publishes',
  'consumes',
  'triggers',
  'replicates',
  'routes',
  'calls',
  'access',
  'depends_on',
];

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const INDEX_SUFFIX = /\[[^[\]]*\]$/;

/** Whether a node is plumbing: its own flag, else the catalog's flag for its service. */
export function isPlumbing(node: ArchNode): boolean {
  if (node.plumbing !== undefined) return node.plumbing;
  return (node.service ? lookupTerraformType(node.service)?.plumbing : undefined) ?? false;
}

/** Short product name: the catalog display name, else a readable form of the service or kind. */
export function displayName(node: Pick<ArchNode, 'kind' | 'service'>): string {
  const entry = node.service ? lookupTerraformType(node.service) : undefined;
  if (entry) return entry.displayName;
  if (node.service) {
    const words = node.service.replace(/^aws_/, '').split('_');
    return words.map((w) => (w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ');
  }
  return node.kind.replace('_', ' ');
}

function subnetTier(node: ArchNode): 'public' | 'private' | undefined {
  if (node.kind !== 'subnet') return undefined;
  const tier = node.props.tier;
  if (tier === 'public' || tier === 'private') return tier;
  if (node.props.map_public_ip_on_launch === true) return 'public';
  return /public/i.test(`${node.id} ${node.name}`) ? 'public' : 'private';
}

function groupNote(node: ArchNode): string | undefined {
  if (node.props[TIER_GROUP] === true)
    return typeof node.props.zones === 'string' ? node.props.zones : undefined;
  const cidr = node.props.cidr_block;
  const parts: string[] = [];
  if (typeof cidr === 'string') parts.push(cidr);
  if (node.kind === 'subnet' && node.zone) parts.push(node.zone);
  return parts.length ? parts.join(' · ') : undefined;
}

/** Prop set on the synthetic "private subnets" / "public subnets" groups. */
const TIER_GROUP = 'archmapTierGroup';
const SUBNET_KEY = /subnet/i;

/** Subnet ids a resource names (props.subnets from the analyzer, subnet_ids, network_configuration…), resolved. */
function subnetsOf(node: ArchNode, resolve: (ref: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  const visit = (value: unknown, underSubnetKey: boolean, depth: number) => {
    if (depth > 6 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (underSubnetKey) {
        const id = resolve(value);
        if (id) out.add(id);
      }
    } else if (Array.isArray(value)) {
      for (const v of value.slice(0, 64)) visit(v, underSubnetKey, depth + 1);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        visit(v, underSubnetKey || SUBNET_KEY.test(k), depth + 1);
      }
    }
  };
  visit(node.props, false, 0);
  return out;
}

/**
 * Draws subnet tiers: inside each VPC, one "private subnets" and one "public subnets" box holding that tier's
 * subnets, and every resource placed in several subnets of one tier (RDS, ElastiCache, an ECS service over two
 * zones) instead of leaving it loose in the VPC. Returns a copy of the node map; the graph is not changed.
 */
function placeSubnetTiers(all: Map<string, ArchNode>): { nodes: Map<string, ArchNode>; added: string[] } {
  const subnets = [...all.values()].filter((n) => n.kind === 'subnet' && n.parent);
  if (subnets.length === 0) return { nodes: all, added: [] };
  const byRef = new Map<string, string>();
  for (const s of subnets) {
    byRef.set(s.id, s.id);
    const raw = s.props.id;
    if (typeof raw === 'string') byRef.set(raw, s.id);
    const arn = s.props.arn;
    if (typeof arn === 'string') byRef.set(arn.replace(/^.*\//, ''), s.id);
  }
  const resolve = (ref: string) => byRef.get(ref) ?? byRef.get(ref.replace(/^.*\//, ''));
  const nodes = new Map(all);
  const added: string[] = [];
  const tierGroup = (vpc: string, tier: 'public' | 'private'): string => {
    const id = `${vpc}/${tier} subnets`;
    if (!nodes.has(id)) {
      const zones = [
        ...new Set(
          subnets
            .filter((s) => s.parent === vpc && subnetTier(s) === tier)
            .flatMap((s) => (s.zone ? [s.zone] : [])),
        ),
      ].sort(byString);
      nodes.set(id, {
        id,
        kind: 'subnet',
        name: `${tier} subnets`,
        provider: all.get(vpc)?.provider ?? 'aws',
        parent: vpc,
        props: { tier, [TIER_GROUP]: true, ...(zones.length ? { zones: zones.join(', ') } : {}) },
        tags: {},
        sources: [],
      } as ArchNode);
      added.push(id);
    }
    return id;
  };
  for (const s of subnets) {
    const tier = subnetTier(s);
    if (tier) nodes.set(s.id, { ...s, parent: tierGroup(s.parent!, tier) });
  }
  for (const n of all.values()) {
    if (isGroupKind(n.kind) || !n.parent || all.get(n.parent)?.kind !== 'vpc') continue;
    const named = [...subnetsOf(n, resolve)].map((id) => all.get(id)!);
    if (named.length < 2) continue;
    const tiers = new Set(named.map(subnetTier));
    const vpcs = new Set(named.map((s) => s.parent));
    if (tiers.size !== 1 || vpcs.size !== 1 || !vpcs.has(n.parent)) continue;
    nodes.set(n.id, { ...n, parent: tierGroup(n.parent, [...tiers][0]!) });
  }
  return { nodes, added: added.filter((id) => [...nodes.values()].some((n) => n.parent === id)) };
}

interface Working {
  nodes: Map<string, ArchNode>;
  edges: ArchEdge[];
  derived: Array<ArchEdge & { viaHidden: boolean }>;
}

/** The edge drawn for a path of traffic edges through hidden nodes: the first kind, the last label. */
function collapsePath(path: ArchEdge[], from: string, to: string): ArchEdge & { viaHidden: boolean } {
  const kind = path[0]!.kind;
  const labelled = [...path].reverse().find((e) => e.label);
  const marks = path.map((e) => e.change).filter((c): c is ChangeMark => Boolean(c));
  const change = marks.includes('removed')
    ? 'removed'
    : marks.includes('added')
      ? 'added'
      : marks.includes('modified')
        ? 'modified'
        : undefined;
  const edge: ArchEdge & { viaHidden: boolean } = {
    id: `${from} ~> ${to} (${kind})`,
    from,
    to,
    kind,
    sources: [],
    viaHidden: true,
  };
  if (labelled?.label) edge.label = labelled.label;
  if (change) edge.change = change;
  return edge;
}

/**
 * Hides plumbing: a visible → hidden… → visible path of traffic edges becomes one edge; every other edge into
 * hidden nodes is dropped.
 */
function hidePlumbing(graph: ArchGraph, keep: (n: ArchNode) => boolean): Working {
  const nodes = new Map<string, ArchNode>();
  for (const n of graph.nodes()) if (keep(n)) nodes.set(n.id, n);
  const edges = graph.edges().filter((e) => nodes.has(e.from) && nodes.has(e.to));
  const derived: Working['derived'] = [];
  const direct = new Set(edges.map((e) => `${e.from}\u0000${e.to}\u0000${e.kind}`));
  const seenDerived = new Set<string>();
  const outOf = (id: string) =>
    graph
      .outEdges(id)
      .filter((e) => TRAFFIC_KINDS.has(e.kind))
      .sort((a, b) => byString(a.id, b.id));
  for (const start of [...nodes.keys()].sort(byString)) {
    // Breadth-first through hidden nodes only, each visited once, so the shortest path names the edge.
    const seen = new Set<string>([start]);
    let frontier: ArchEdge[][] = outOf(start)
      .filter((e) => !nodes.has(e.to))
      .map((e) => [e]);
    for (const path of frontier) seen.add(path[0]!.to);
    while (frontier.length) {
      const next: ArchEdge[][] = [];
      for (const path of frontier) {
        for (const e of outOf(path[path.length - 1]!.to)) {
          if (seen.has(e.to)) continue;
          seen.add(e.to);
          const longer = [...path, e];
          if (nodes.has(e.to)) {
            const d = collapsePath(longer, start, e.to);
            const key = `${d.from}\u0000${d.to}\u0000${d.kind}`;
            if (direct.has(key) || seenDerived.has(key)) continue;
            seenDerived.add(key);
            derived.push(d);
          } else if (longer.length < MAX_HIDDEN_HOPS + 1) {
            next.push(longer);
          }
        }
      }
      frontier = next;
    }
  }
  return { nodes, edges, derived };
}

function descendantsOf(id: string, nodes: Map<string, ArchNode>): string[] {
  const children = new Map<string, string[]>();
  for (const n of nodes.values()) {
    if (!n.parent) continue;
    const list = children.get(n.parent) ?? [];
    list.push(n.id);
    children.set(n.parent, list);
  }
  const out: string[] = [];
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const c of children.get(cur) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** Keeps the focus node (or the members of a focus group) and everything within `depth` hops of it. */
function applyFocus(w: Working, focus: string, depth: number): Set<string> {
  const g = new DirectedGraph();
  for (const id of w.nodes.keys()) g.addNode(id);
  for (const e of [...w.edges, ...w.derived]) if (e.from !== e.to) g.mergeEdge(e.from, e.to);
  const focusNode = w.nodes.get(focus);
  const seeds =
    focusNode && isGroupKind(focusNode.kind) ? [focus, ...descendantsOf(focus, w.nodes)] : [focus];
  const keep = new Set<string>();
  for (const seed of seeds) {
    bfsFromNode(
      g,
      seed,
      (key, _attrs, d) => {
        keep.add(key);
        return d >= depth;
      },
      { mode: 'directed' },
    );
  }
  return keep;
}

/** The seeds and every node within `depth` drawn edges of one of them, in either direction. */
function applyFocusSet(w: Working, seeds: string[], depth: number): Set<string> {
  const near = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = near.get(a) ?? new Set<string>();
    set.add(b);
    near.set(a, set);
  };
  for (const e of [...w.edges, ...w.derived]) {
    if (e.from === e.to) continue;
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const keep = new Set(seeds);
  let frontier = seeds;
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of near.get(id) ?? []) {
        if (keep.has(other)) continue;
        keep.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return keep;
}

/** The set plus every ancestor (through `parent`) of its members, so kept nodes are drawn in their groups. */
function withAncestors(keep: Set<string>, all: Map<string, ArchNode>): Set<string> {
  for (const id of [...keep]) {
    let p = all.get(id)?.parent;
    while (p && !keep.has(p) && all.has(p)) {
      keep.add(p);
      p = all.get(p)?.parent;
    }
  }
  return keep;
}

/** Changed nodes, the ends of changed edges, and every node one edge away from them (either direction). */
function changeNeighbourhood(w: Working): Set<string> {
  const seeds = new Set<string>();
  for (const n of w.nodes.values()) if (n.change && !isGroupKind(n.kind)) seeds.add(n.id);
  const edges = [...w.edges, ...w.derived];
  for (const e of edges) {
    if (!e.change) continue;
    seeds.add(e.from);
    seeds.add(e.to);
  }
  const keep = new Set(seeds);
  for (const e of edges) {
    if (STRUCTURAL_KINDS.has(e.kind)) continue;
    if (seeds.has(e.from)) keep.add(e.to);
    if (seeds.has(e.to)) keep.add(e.from);
  }
  return keep;
}

/** Nearest ancestor (through `parent`) that passes the test, or undefined. */
function nearestAncestor(
  id: string,
  all: Map<string, ArchNode>,
  test: (n: ArchNode) => boolean,
): string | undefined {
  const seen = new Set([id]);
  let cur = all.get(id)?.parent;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const n = all.get(cur);
    if (!n) return undefined;
    if (test(n)) return cur;
    cur = n.parent;
  }
  return undefined;
}

function collapsedKinds(detail: Detail): Set<NodeKind> {
  if (detail === 'services') return new Set<NodeKind>(['subnet', 'zone']);
  if (detail === 'types') return new Set<NodeKind>(['subnet', 'zone', 'vpc']);
  return new Set();
}

function stemOf(id: string): string | undefined {
  return INDEX_SUFFIX.test(id) ? id.replace(INDEX_SUFFIX, '') : undefined;
}

function mergeLabels(labels: string[]): string | undefined {
  const unique = [...new Set(labels)].sort(byString);
  if (unique.length === 0) return undefined;
  if (unique.length <= 3) return unique.join(', ');
  return `${unique.slice(0, 2).join(', ')} +${unique.length - 2}`;
}

/** Services that support a component rather than being one: folded into their only user when idle. */
const SUPPORT_SERVICES = new Set([
  'aws_ecs_task_definition',
  'aws_ecs_cluster',
  'aws_ecr_repository',
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_cloudwatch_log_group',
  'aws_kms_key',
  'aws_ssm_parameter',
  'aws_secretsmanager_secret',
]);
const SUPPORT_KINDS = new Set<NodeKind>(['secret', 'identity']);
/** Hops on a traffic path that add no information once drawn: folded into the one node that sends to them. */
const PASS_THROUGH_SERVICES = new Set(['aws_lb_target_group', 'aws_lb_listener', 'aws_alb_target_group']);

/**
 * Folds supporting nodes into their owner: a node of a support service or kind that carries no traffic and that
 * exactly one other view node refers to (through depends_on or access) is drawn as part of that node. Repeats
 * until nothing changes, so a task definition folds into its service and the repository it names follows.
 */
function foldSupport(
  viewNodes: ViewNode[],
  keyOf: Map<string, string>,
  edges: Array<Pick<ArchEdge, 'from' | 'to' | 'kind' | 'change'>>,
): void {
  const byKey = new Map(viewNodes.map((n) => [n.key, n]));
  const ownerOf = new Map<string, string>();
  const resolve = (key: string | undefined): string | undefined => {
    let cur = key;
    const seen = new Set<string>();
    while (cur && ownerOf.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = ownerOf.get(cur);
    }
    return cur;
  };
  for (let changed = true, round = 0; changed && round < 8; round++) {
    changed = false;
    const traffic = new Set<string>();
    const referrers = new Map<string, Set<string>>();
    const sendersTo = new Map<string, Set<string>>();
    for (const e of edges) {
      const from = resolve(keyOf.get(e.from));
      const to = resolve(keyOf.get(e.to));
      if (!from || !to || from === to) continue;
      if (TRAFFIC_KINDS.has(e.kind) || e.change) {
        traffic.add(from);
        traffic.add(to);
        const set = sendersTo.get(to) ?? new Set<string>();
        set.add(from);
        sendersTo.set(to, set);
      } else {
        const set = referrers.get(to) ?? new Set<string>();
        set.add(from);
        referrers.set(to, set);
      }
    }
    for (const node of viewNodes) {
      if (ownerOf.has(node.key) || node.container || isGroupKind(node.kind) || node.change) continue;
      if (PASS_THROUGH_SERVICES.has(node.service ?? '') && node.count === undefined) {
        const senders = [...(sendersTo.get(node.key) ?? [])].filter((r) => !ownerOf.has(r));
        if (senders.length === 1 && !byKey.get(senders[0]!)?.container) {
          ownerOf.set(node.key, senders[0]!);
          changed = true;
        }
        continue;
      }
      if (traffic.has(node.key)) continue;
      if (!SUPPORT_KINDS.has(node.kind) && !SUPPORT_SERVICES.has(node.service ?? '')) continue;
      const refs = [...(referrers.get(node.key) ?? [])].filter((r) => !ownerOf.has(r));
      if (refs.length !== 1 || byKey.get(refs[0]!)?.container) continue;
      ownerOf.set(node.key, refs[0]!);
      changed = true;
    }
  }
  if (ownerOf.size === 0) return;
  for (const [folded, direct] of ownerOf) {
    const owner = byKey.get(resolve(direct)!)!;
    const node = byKey.get(folded)!;
    owner.folded = [...(owner.folded ?? []), ...node.members].sort(byString);
  }
  for (const [id, key] of keyOf) {
    const owner = resolve(key);
    if (owner !== key) keyOf.set(id, owner!);
  }
  const keep = viewNodes.filter((n) => !ownerOf.has(n.key));
  viewNodes.splice(0, viewNodes.length, ...keep);
}

/**
 * One drawn edge per pair of view nodes and change mark: ends mapped through `keyOf`, edges folded into one node
 * dropped, structural edges (depends_on, access) drawn only where nothing else connects an end (unless `showAll`).
 */
function drawnEdges(
  edges: Array<ArchEdge & { viaHidden?: boolean }>,
  keyOf: Map<string, string>,
  showAll: boolean,
): ViewEdge[] {
  // Edges: map ends to view keys and drop edges folded into one node; then one drawn edge per pair and mark.
  const pairs = new Map<
    string,
    { edges: Array<ArchEdge & { viaHidden?: boolean }>; from: string; to: string }
  >();
  for (const e of edges) {
    const from = keyOf.get(e.from);
    const to = keyOf.get(e.to);
    if (!from || !to) continue;
    if (from === to && e.from !== e.to) continue;
    const k = `${from}\u0000${to}\u0000${e.change ?? ''}`;
    const entry = pairs.get(k) ?? { edges: [], from, to };
    entry.edges.push(e);
    pairs.set(k, entry);
  }
  const viewEdges: ViewEdge[] = [];
  for (const [k, { edges: group, from, to }] of [...pairs.entries()].sort(([a], [b]) => byString(a, b))) {
    // Structural edges (depends_on, access) only say why a data-flow edge exists: drop them beside one.
    const flow = group.filter((e) => !STRUCTURAL_KINDS.has(e.kind));
    const drawn = flow.length ? flow : group;
    let kinds = [...new Set(drawn.map((e) => e.kind))].sort(
      (a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b),
    );
    // `calls` says less than reads/writes/publishes to the same target; keep its label (the port) only.
    if (kinds.length > 1) kinds = kinds.filter((kind) => kind !== 'calls');
    // Structural-only pairs (access + depends_on) are named by their first kind; the labels say the rest.
    if (!flow.length) kinds = kinds.slice(0, 1);
    const first = drawn[0]!;
    const edge: ViewEdge = {
      key: k.replaceAll('\u0000', ' '),
      from,
      to,
      kind: kinds[0]!,
      kinds,
      count: group.length,
      viaHidden: drawn.every((e) => e.viaHidden === true),
    };
    const label = mergeLabels(
      drawn.map((e) => e.label).filter((l): l is string => Boolean(l) && !kinds.includes(l as EdgeKind)),
    );
    if (label) edge.label = label;
    if (first.change) edge.change = first.change;
    viewEdges.push(edge);
  }
  // Traffic edges only by default: depends_on and access are drawn when nothing else connects one of their
  // ends (or they are part of a diff).
  const connected = new Set<string>();
  for (const e of viewEdges) {
    if (STRUCTURAL_KINDS.has(e.kind)) continue;
    connected.add(e.from);
    connected.add(e.to);
  }
  return showAll
    ? viewEdges
    : viewEdges.filter(
        (e) =>
          !STRUCTURAL_KINDS.has(e.kind) ||
          e.change !== undefined ||
          !connected.has(e.from) ||
          !connected.has(e.to),
      );
}

/** Builds the view at one detail level from the working set (plumbing already hidden, focus applied). */
function buildAtDetail(
  w: Working,
  all: Map<string, ArchNode>,
  visibleIds: Set<string>,
  detail: Detail,
  hiddenPlumbing: number,
  fullDetailComponents: number,
  showAll: boolean,
): DiagramView {
  const collapsedKindSet = collapsedKinds(detail);
  // Subnet tier boxes outlive single subnets at `services` detail: they are what that level draws.
  const isCollapsed = (n: ArchNode) =>
    collapsedKindSet.has(n.kind) && !(detail === 'services' && n.props[TIER_GROUP] === true);
  const isShownGroup = (n: ArchNode) => visibleIds.has(n.id) && isGroupKind(n.kind) && !isCollapsed(n);
  // Containers: shown group nodes, plus any visible component (not a group) that has a visible child.
  const hasChild = new Set<string>();
  for (const id of visibleIds) {
    const p = all.get(id)?.parent;
    const parentNode = p ? all.get(p) : undefined;
    if (parentNode && visibleIds.has(parentNode.id) && !isGroupKind(parentNode.kind))
      hasChild.add(parentNode.id);
  }
  const viewParentOf = (id: string) =>
    nearestAncestor(id, all, (a) => isShownGroup(a) || (visibleIds.has(a.id) && hasChild.has(a.id)));

  // Which view key each visible original node maps to.
  const keyOf = new Map<string, string>();
  const stemCount = new Map<string, number>();
  for (const n of all.values()) {
    const stem = stemOf(n.id);
    if (stem) stemCount.set(stem, (stemCount.get(stem) ?? 0) + 1);
  }

  // Groups that are collapsed map to their nearest shown ancestor (for edges that touch them).
  const components: ArchNode[] = [];
  const groups: ArchNode[] = [];
  for (const id of [...visibleIds].sort(byString)) {
    const n = all.get(id)!;
    if (isGroupKind(n.kind)) {
      if (isCollapsed(n)) {
        const up = viewParentOf(id);
        if (up) keyOf.set(id, up);
      } else groups.push(n);
    } else components.push(n);
  }

  // Aggregation buckets.
  const buckets = new Map<string, ArchNode[]>();
  const bucketParent = new Map<string, string | undefined>();
  for (const n of components) {
    const parent = hasChild.has(n.id) ? nearestAncestor(n.id, all, isShownGroup) : viewParentOf(n.id);
    const type = n.service ?? `kind:${n.kind}`;
    let bucket: string;
    if (hasChild.has(n.id)) bucket = `id\u0000${n.id}`;
    else if (detail === 'types') bucket = `svc\u0000${parent ?? ''}\u0000${type}\u0000${n.change ?? ''}`;
    else {
      const stem = stemOf(n.id);
      bucket = stem
        ? `stem\u0000${parent ?? ''}\u0000${type}\u0000${stem}\u0000${n.change ?? ''}`
        : `id\u0000${n.id}`;
    }
    const list = buckets.get(bucket) ?? [];
    list.push(n);
    buckets.set(bucket, list);
    bucketParent.set(bucket, parent);
  }

  const viewNodes: ViewNode[] = [];
  const usedKeys = new Set<string>();
  const uniqueKey = (base: string, parent: string | undefined) => {
    let key = base;
    if (usedKeys.has(key)) key = `${base}@${parent ?? 'root'}`;
    for (let i = 2; usedKeys.has(key); i++) key = `${base}@${parent ?? 'root'}#${i}`;
    usedKeys.add(key);
    return key;
  };
  for (const g of groups) usedKeys.add(g.id);

  for (const bucket of [...buckets.keys()].sort(byString)) {
    const members = buckets.get(bucket)!.sort((a, b) => byString(a.id, b.id));
    const first = members[0]!;
    const parent = bucketParent.get(bucket);
    const typeLabel = displayName(first);
    const anyUnknown = members.some((m) => m.count === '?');
    let key: string;
    let name: string;
    let count: number | '?' | undefined;
    if (members.length === 1) {
      key = uniqueKey(first.id, parent);
      name = first.name;
      const stem = stemOf(first.id);
      if (anyUnknown) count = '?';
      else if (typeof first.count === 'number' && first.count > 1 && (!stem || stemCount.get(stem) === 1)) {
        count = first.count;
      }
    } else if (bucket.startsWith('svc\u0000')) {
      key = uniqueKey(`${first.service ?? first.kind}[*]`, parent);
      name = typeLabel;
      count = anyUnknown ? '?' : members.length;
    } else {
      key = uniqueKey(`${stemOf(first.id)}[*]`, parent);
      // Same name once the index is gone (`web[0]`, `web[1]`), else the resource name of the address.
      const names = new Set(members.map((m) => m.name.replace(INDEX_SUFFIX, '')));
      name = names.size === 1 ? [...names][0]! : stemOf(first.id)!.replace(/^.*\./, '');
      count = anyUnknown ? '?' : members.length;
    }
    for (const m of members) keyOf.set(m.id, key);
    const node: ViewNode = {
      key,
      kind: first.kind,
      name,
      typeLabel: name === typeLabel ? '' : typeLabel,
      members: members.map((m) => m.id),
      container: hasChild.has(first.id),
    };
    if (parent) node.parent = parent;
    if (first.service) node.service = first.service;
    if (count !== undefined) node.count = count;
    if (first.change) node.change = first.change;
    viewNodes.push(node);
  }

  for (const g of groups) {
    keyOf.set(g.id, g.id);
    const node: ViewNode = {
      key: g.id,
      kind: g.kind,
      name: g.name,
      typeLabel: displayName(g),
      members: [g.id],
      container: true,
    };
    const parent = nearestAncestor(g.id, all, isShownGroup);
    if (parent) node.parent = parent;
    if (g.service) node.service = g.service;
    if (g.change) node.change = g.change;
    const tier = subnetTier(g);
    if (tier) node.tier = tier;
    if (g.props[TIER_GROUP] === true) node.tierGroup = true;
    const note = groupNote(g);
    if (note) node.note = note;
    viewNodes.push(node);
  }

  if (!showAll) foldSupport(viewNodes, keyOf, [...w.edges, ...w.derived]);

  const shownEdges = drawnEdges([...w.edges, ...w.derived], keyOf, showAll);

  // Drop groups with nothing in them.
  const byKey = new Map(viewNodes.map((n) => [n.key, n]));
  const nonEmpty = new Set<string>();
  for (const n of viewNodes) {
    if (isGroupKind(n.kind)) continue;
    let p = n.parent;
    while (p && !nonEmpty.has(p)) {
      nonEmpty.add(p);
      p = byKey.get(p)?.parent;
    }
  }
  const keptNodes = viewNodes.filter((n) => !isGroupKind(n.kind) || nonEmpty.has(n.key));
  const keptKeys = new Set(keptNodes.map((n) => n.key));
  return {
    detail,
    nodes: keptNodes.sort((a, b) => byString(a.key, b.key)),
    edges: shownEdges.filter((e) => keptKeys.has(e.from) && keptKeys.has(e.to)),
    hiddenPlumbing,
    fullDetailComponents,
  };
}

/** How overview groups are chosen, most telling first: the first that splits the estate in two or more wins. */
export type GroupingKind = 'root' | 'module' | 'tag' | 'region' | 'type';
const GROUPINGS: GroupingKind[] = ['root', 'module', 'tag', 'region', 'type'];
/** Tags that name a bounded context or service group, most common first. */
const CONTEXT_TAGS = [
  'Service',
  'service',
  'App',
  'app',
  'Application',
  'application',
  'Component',
  'component',
  'Domain',
  'domain',
];
const MODULE_PATH = /(?:^|[:.])module\.([^.[\]]+)/;
const OTHER_GROUP = '(other)';

interface Partition {
  by: GroupingKind;
  /** Group key → member ids (every non-group node of the group, plumbing included), sorted. */
  members: Map<string, string[]>;
  names: Map<string, string>;
}

/** Resources per group key of a partition, counted over the whole estate (not only what a view keeps). */
function groupSizes(partition: Partition, all: Map<string, ArchNode>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const n of all.values()) {
    if (isGroupKind(n.kind)) continue;
    let key = groupKeyOf(n, partition.by, all)?.[0] ?? OTHER_GROUP;
    if (!partition.members.has(key)) key = OTHER_GROUP;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** The group key and name of a node under one grouping, or undefined when it says nothing about the node. */
function groupKeyOf(
  node: ArchNode,
  by: GroupingKind,
  all: Map<string, ArchNode>,
): [key: string, name: string] | undefined {
  if (by === 'root') {
    // The outermost root (a Terraform root in a multi-root scan, a stack) or account above the node.
    let found: ArchNode | undefined;
    const seen = new Set<string>();
    for (let p = node.parent; p && !seen.has(p); p = all.get(p)?.parent) {
      seen.add(p);
      const parent = all.get(p);
      if (parent && (parent.kind === 'group' || parent.kind === 'account')) found = parent;
    }
    return found ? [found.id, found.name] : undefined;
  }
  if (by === 'module') {
    const m = MODULE_PATH.exec(node.id);
    if (m) return [`module.${m[1]}`, m[1]!];
    return node.id.startsWith('code:') ? [node.id, node.name] : undefined;
  }
  if (by === 'tag') {
    for (const tag of CONTEXT_TAGS) {
      const value = node.tags[tag];
      if (value) return [`tag:${tag}=${value}`, value];
    }
    return undefined;
  }
  if (by === 'region') return node.region ? [`region:${node.region}`, node.region] : undefined;
  const type = node.service ?? `kind:${node.kind}`;
  return [`type:${type}`, displayName(node)];
}

/**
 * Splits the estate's resources into overview groups: by root (or account), else Terraform module or code
 * package, else a service tag, else region, else service type; the first grouping that gives two or more groups
 * and places at least half the resources wins. More than MAX_VIEW_NODES groups: the smallest share one node.
 */
function partitionGroups(all: Map<string, ArchNode>, within: Set<string>, skip?: GroupingKind): Partition {
  const resources = [...all.values()]
    .filter((n) => !isGroupKind(n.kind) && within.has(n.id))
    .sort((a, b) => byString(a.id, b.id));
  let chosen: Partition | undefined;
  for (const by of GROUPINGS) {
    if (by === skip) continue;
    const members = new Map<string, string[]>();
    const names = new Map<string, string>();
    let unplaced = 0;
    for (const n of resources) {
      const found = groupKeyOf(n, by, all);
      if (!found) unplaced++;
      const [key, name] = found ?? [OTHER_GROUP, 'other resources'];
      members.set(key, [...(members.get(key) ?? []), n.id]);
      names.set(key, name);
    }
    const placed = members.size - (members.has(OTHER_GROUP) ? 1 : 0);
    if (by === 'type' || (placed >= 2 && unplaced * 2 <= resources.length)) {
      chosen = { by, members, names };
      break;
    }
  }
  const partition = chosen!;
  if (partition.members.size <= MAX_VIEW_NODES) return partition;
  // Keep the largest groups; the rest are drawn as one node.
  const bySize = [...partition.members.entries()].sort(
    ([ka, a], [kb, b]) => b.length - a.length || byString(ka, kb),
  );
  const members = new Map(bySize.slice(0, MAX_VIEW_NODES - 1));
  const rest = bySize.slice(MAX_VIEW_NODES - 1).flatMap(([, ids]) => ids);
  members.set(OTHER_GROUP, [...(members.get(OTHER_GROUP) ?? []), ...rest].sort(byString));
  const names = new Map(partition.names);
  names.set(OTHER_GROUP, `${bySize.length - MAX_VIEW_NODES + 1} more groups`);
  return { by: partition.by, members, names };
}

/**
 * The overview groups of a graph (what `overview` draws and what `within` takes): key, name, size and members.
 * @example
 * for (const g of overviewGroups(graph)) files.push(...draw({ within: g.key }));
 */
export function overviewGroups(
  graph: ArchGraph,
): Array<{ key: string; name: string; size: number; by: GroupingKind }> {
  const all = placeSubnetTiers(new Map(graph.nodes().map((n) => [n.id, n]))).nodes;
  const partition = partitionGroups(all, new Set(all.keys()));
  const sizes = groupSizes(partition, all);
  return [...partition.members.keys()]
    .map((key) => ({ key, name: partition.names.get(key)!, size: sizes.get(key) ?? 0, by: partition.by }))
    .sort((a, b) => byString(a.key, b.key));
}

/** One node per group, sized, with the traffic between groups. */
function buildOverview(
  w: Working,
  all: Map<string, ArchNode>,
  visibleIds: Set<string>,
  partition: Partition,
  hiddenPlumbing: number,
  fullDetailComponents: number,
  showAll: boolean,
): DiagramView {
  const keyOf = new Map<string, string>();
  const nodes: ViewNode[] = [];
  const sizes = groupSizes(partition, all);
  for (const [key, ids] of [...partition.members.entries()].sort(([a], [b]) => byString(a, b))) {
    const shown = ids.filter((id) => visibleIds.has(id) && w.nodes.has(id));
    if (shown.length === 0) continue;
    const size = Math.max(sizes.get(key) ?? 0, ids.length);
    for (const id of shown) keyOf.set(id, key);
    const marks = new Set(shown.map((id) => w.nodes.get(id)!.change).filter(Boolean));
    const node: ViewNode = {
      key,
      kind: 'module',
      name: partition.names.get(key)!,
      typeLabel: `${size} resource${size === 1 ? '' : 's'}`,
      members: shown,
      container: false,
      size,
    };
    if (marks.size) node.change = marks.size === 1 ? ([...marks][0] as ChangeMark) : 'modified';
    nodes.push(node);
  }
  return {
    detail: 'overview',
    nodes,
    edges: drawnEdges([...w.edges, ...w.derived], keyOf, showAll),
    hiddenPlumbing,
    fullDetailComponents,
    groupedBy: partition.by,
  };
}

/**
 * The diagram view of a graph: plumbing hidden (unless `all`), the focus neighbourhood, groups collapsed and
 * repeated resources aggregated according to `detail` (chosen by size when absent).
 * @example
 * const view = buildView(graph, { detail: 'services' });
 */
export function buildView(graph: ArchGraph, options: ViewOptions = {}): DiagramView {
  const detailOption = options.detail ?? 'auto';
  if (detailOption !== 'auto' && !(DETAIL_LEVELS as readonly string[]).includes(detailOption)) {
    throw new UsageError(`unknown detail level ${JSON.stringify(detailOption)}`, {
      hint: `use one of ${DETAIL_LEVELS.join(', ')} (or leave it out to choose by size)`,
    });
  }
  const depth = options.depth ?? 1;
  if (options.focus !== undefined && !graph.hasNode(options.focus)) {
    throw new UsageError(`focus node ${JSON.stringify(options.focus)} is not in the graph`, {
      hint: 'node ids are listed in the graph file',
    });
  }
  const tiers = placeSubnetTiers(new Map(graph.nodes().map((n) => [n.id, n])));
  const all = tiers.nodes;
  let hiddenPlumbing = 0;
  const w = hidePlumbing(graph, (n) => {
    if (options.all || n.id === options.focus || !isPlumbing(n)) return true;
    if (options.showChanges && n.change) return true;
    hiddenPlumbing++;
    return false;
  });
  let visible = new Set([...w.nodes.keys(), ...tiers.added]);
  if (options.focus !== undefined) {
    // Keep the groups that contain what is kept, so the neighbourhood is still drawn in its VPC/subnet.
    const keep = withAncestors(applyFocus(w, options.focus, depth), all);
    visible = new Set([...visible].filter((id) => keep.has(id)));
  }
  let scope: Partition | undefined;
  if (options.within !== undefined) {
    scope = partitionGroups(all, new Set(all.keys()));
    const members = scope.members.get(options.within);
    if (!members) {
      throw new UsageError(`no overview group ${JSON.stringify(options.within)}`, {
        hint: `groups: ${[...scope.members.keys()].slice(0, 8).join(', ')}${scope.members.size > 8 ? ', …' : ''}`,
      });
    }
    const keep = withAncestors(
      applyFocusSet(
        w,
        members.filter((id) => w.nodes.has(id)),
        1,
      ),
      all,
    );
    visible = new Set([...visible].filter((id) => keep.has(id)));
  }
  if (options.cropToChanges) {
    const keep = withAncestors(changeNeighbourhood(w), all);
    if (keep.size) {
      visible = new Set([...visible].filter((id) => keep.has(id)));
    }
  }
  const showAll = options.all === true;
  const full = buildAtDetail(w, all, visible, 'full', hiddenPlumbing, 0, showAll);
  const components = full.nodes.filter((n) => !isGroupKind(n.kind)).length;
  full.fullDetailComponents = components;
  const atDetail = (detail: Detail): DiagramView => {
    if (detail === 'full') return full;
    if (detail === 'overview') {
      const partition = partitionGroups(all, visible, scope?.by);
      return buildOverview(w, all, visible, partition, hiddenPlumbing, components, showAll);
    }
    return buildAtDetail(w, all, visible, detail, hiddenPlumbing, components, showAll);
  };
  if (detailOption !== 'auto') return atDetail(detailOption);
  // The most detailed level that fits; the overview always fits (it keeps at most MAX_VIEW_NODES groups).
  for (const detail of DETAIL_LEVELS) {
    const view = atDetail(detail);
    if (view.nodes.length <= MAX_VIEW_NODES || detail === 'overview') return view;
  }
  return full;
}

/** A file-name-safe form of an overview group key: `root:services/orders` → `services-orders`. */
function fileStem(key: string): string {
  const stem = key
    .replace(/^root:/, '')
    .replace(/[^A-Za-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem || 'group';
}

/**
 * The views one diagram command draws: the view asked for, or with `split` the overview and then one view per
 * overview group (`within`), each named for its file.
 * @example
 * for (const { name, view } of diagramViews(graph, { split: true })) write(`${name}.svg`, draw(view));
 */
export function diagramViews(
  graph: ArchGraph,
  options: ViewOptions & { split?: boolean },
): Array<{ name?: string; view: DiagramView }> {
  const { split, ...viewOptions } = options;
  if (!split) return [{ view: buildView(graph, viewOptions) }];
  const out: Array<{ name?: string; view: DiagramView }> = [
    { name: 'overview', view: buildView(graph, { ...viewOptions, detail: 'overview' }) },
  ];
  const taken = new Set(['overview']);
  for (const group of overviewGroups(graph)) {
    let name = fileStem(group.key);
    for (let i = 2; taken.has(name); i++) name = `${fileStem(group.key)}-${i}`;
    taken.add(name);
    out.push({ name, view: buildView(graph, { ...viewOptions, within: group.key }) });
  }
  return out;
}
