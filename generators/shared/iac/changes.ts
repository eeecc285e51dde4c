// What the ChangeSet asks of each resource, and the check that all of it reached the output: a scaffold that
// announces a change it does not emit is worse than no scaffold, so a missing operation is an error.
import type { ArchGraph } from '../../../src/model/graph.js';
import type { ChangeOp } from '../../../src/model/schema.js';
import { attr, type BodyItem, blank, block, type Expr, printBody } from './hcl.js';
import { TEMPLATES } from './templates/index.js';
import type { PlannedResource, ScaffoldPlan } from './types.js';

/** node id → the properties the ChangeSet's update operations set on it (later ops win). */
export function changedProps(graph: ArchGraph): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const op of graph.changeset?.ops ?? []) {
    if (op.op !== 'update_node' || !op.set.props) continue;
    out.set(op.id, { ...(out.get(op.id) ?? {}), ...op.set.props });
  }
  return out;
}

/** Names of every attribute and block at any depth of a body. */
export function bodyNames(items: BodyItem[], into = new Set<string>()): Set<string> {
  for (const i of items) {
    if (i.t === 'attr') {
      into.add(i.name);
      collectMapKeys(i.value, into);
    } else if (i.t === 'block') {
      into.add(i.type);
      bodyNames(i.body, into);
    }
  }
  return into;
}

function collectMapKeys(e: Expr, into: Set<string>) {
  if (e.t === 'map') for (const [k, v] of e.entries) into.add(k), collectMapKeys(v, into);
  else if (e.t === 'list') for (const v of e.items) collectMapKeys(v, into);
  else if (e.t === 'call') for (const v of e.args) collectMapKeys(v, into);
}

/**
 * Appends the changed properties the template did not write, in HCL's own convention: an object is a nested
 * block, a list of objects repeated blocks, anything else an argument.
 */
export function emitChangedProps(
  body: BodyItem[],
  set: Record<string, unknown>,
  toExpr: (value: unknown, argName: string) => Expr | undefined,
  handled: readonly string[] = [],
): BodyItem[] {
  const present = bodyNames(body);
  const extra: BodyItem[] = [];
  for (const [key, value] of Object.entries(set).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (present.has(key) || handled.includes(key) || !/^[a-z][a-z0-9_]*$/.test(key)) continue;
    const items = propItems(key, value, toExpr);
    if (items.length) extra.push(...items);
  }
  if (!extra.length) return body;
  const blocksFirst = extra.filter((i) => i.t === 'attr');
  const blocks = extra.filter((i) => i.t === 'block').flatMap((b) => [blank, b]);
  // Arguments join the leading run of arguments; blocks go at the end, each after a blank line.
  const firstBlock = body.findIndex((i) => i.t === 'block' || i.t === 'blank');
  const head = firstBlock < 0 ? body : body.slice(0, firstBlock);
  const tail = firstBlock < 0 ? [] : body.slice(firstBlock);
  return [...head, ...blocksFirst, ...tail, ...blocks];
}

function propItems(
  key: string,
  value: unknown,
  toExpr: (value: unknown, argName: string) => Expr | undefined,
): BodyItem[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return [block(key, objectBody(value as Record<string, unknown>, toExpr))];
  }
  if (
    Array.isArray(value) &&
    value.length &&
    value.every((v) => v && typeof v === 'object' && !Array.isArray(v))
  )
    return value.map((v) => block(key, objectBody(v as Record<string, unknown>, toExpr), { repeated: true }));
  const e = toExpr(value, key);
  return e ? [attr(key, e)] : [];
}

function objectBody(
  value: Record<string, unknown>,
  toExpr: (value: unknown, argName: string) => Expr | undefined,
): BodyItem[] {
  const attrs: BodyItem[] = [];
  const blocks: BodyItem[] = [];
  for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const item of propItems(k, v, toExpr)) (item.t === 'block' ? blocks : attrs).push(item);
  }
  return [...attrs, ...blocks.flatMap((b, i) => (i === 0 && !attrs.length ? [b] : [blank, b]))];
}

/** One operation of the ChangeSet that the plan does not carry, in words a reviewer can act on. */
export interface MissingOperation {
  op: ChangeOp['op'];
  target: string;
  what: string;
  /** Traffic the application sends (reads, writes, calls…): wired by its configuration, reported, not fatal. */
  traffic?: boolean;
}

const TRAFFIC = new Set(['calls', 'reads', 'writes', 'publishes']);

/**
 * Every operation of the ChangeSet, checked against the plan: added nodes have a templated resource, set
 * properties appear in their resource (or its companions), removed nodes are listed for deletion, and an added
 * edge between two generated resources shows as a reference from one to the other.
 */
export function missingOperations(graph: ArchGraph, plan: ScaffoldPlan): MissingOperation[] {
  const missing: MissingOperation[] = [];
  const byNode = new Map<string, PlannedResource[]>();
  for (const r of plan.resources) byNode.set(r.nodeId, [...(byNode.get(r.nodeId) ?? []), r]);
  const text = new Map<string, string>();
  const textOf = (r: PlannedResource) => {
    let t = text.get(r.address);
    if (t === undefined) {
      t = printBody(r.body);
      text.set(r.address, t);
    }
    return t;
  };
  const namesOf = (nodeId: string) => {
    const names = new Set<string>();
    for (const r of byNode.get(nodeId) ?? []) if (r.known) bodyNames(r.body, names);
    // A resource that points at this one can carry the change too (an API's throttle lives on its stage).
    const own = byNode.get(nodeId)?.find((r) => r.nodeId === nodeId)?.address;
    if (own)
      for (const r of plan.resources)
        if (r.known && r.nodeId !== nodeId && textOf(r).includes(`${own}.`)) bodyNames(r.body, names);
    return names;
  };
  const removed = new Set(plan.removed.map((r) => r.nodeId));
  const links = referenceLinks(graph, plan, textOf);
  for (const op of graph.changeset?.ops ?? []) {
    if (op.op === 'add_node') {
      const n = graph.node(op.node.id);
      if (!n?.service?.startsWith('aws_') || n.change === 'removed') continue;
      if (!(byNode.get(n.id) ?? []).some((r) => r.known && r.type === n.service))
        missing.push({ op: op.op, target: n.id, what: `no template for ${n.service}` });
    } else if (op.op === 'update_node') {
      const n = graph.node(op.id);
      if (!n?.service?.startsWith('aws_') || n.change === 'removed' || !byNode.has(n.id)) continue;
      const names = namesOf(n.id);
      const handled = TEMPLATES[n.service]?.handles ?? [];
      for (const key of Object.keys(op.set.props ?? {}))
        if (!names.has(key) && !handled.includes(key))
          missing.push({ op: op.op, target: n.id, what: `${key} is not emitted` });
    } else if (op.op === 'remove_node') {
      const n = graph.node(op.id);
      if (n?.service?.startsWith('aws_') && !removed.has(op.id))
        missing.push({ op: op.op, target: op.id, what: 'not listed for deletion' });
    } else if (op.op === 'add_edge') {
      const e = op.edge;
      if (!links.has(e.from) || !links.has(e.to)) continue;
      if (!joinedWithin(links, e.from, e.to, 3))
        missing.push({
          op: op.op,
          target: e.id,
          what: 'the two resources do not reference each other',
          ...(TRAFFIC.has(e.kind) || polledByCode(graph, e) ? { traffic: true } : {}),
        });
    }
  }
  return missing;
}

/**
 * A container or instance that consumes a queue or stream polls it from its own code (an SDK call with the queue
 * URL from its environment): no Terraform argument joins them, so it is application wiring, like traffic.
 */
function polledByCode(graph: ArchGraph, e: { kind: string; to: string }): boolean {
  const consumer = graph.node(e.to);
  return e.kind === 'consumes' && ['container', 'service'].includes(consumer?.kind ?? '');
}

/** Kinds that many resources reference (a VPC, a subnet, a shared role): a path through them joins nothing. */
const HUB_KINDS = new Set(['vpc', 'subnet', 'region', 'zone', 'account']);
const HUB_TYPES = new Set(['aws_iam_role', 'aws_security_group', 'aws_route_table', 'aws_kms_key']);

/** node id → node ids its resources (with companions) reference or are referenced by, in the plan. */
function referenceLinks(
  graph: ArchGraph,
  plan: ScaffoldPlan,
  textOf: (r: PlannedResource) => string,
): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>();
  const known = plan.resources.filter((r) => r.known);
  const ownerOf = new Map(known.map((r) => [r.address, r.nodeId]));
  for (const r of known) if (!links.has(r.nodeId)) links.set(r.nodeId, new Set());
  for (const r of known) {
    // `depends_on` joins too: a mapping that waits for a replica whose stream ARN is read after apply.
    const t = `${textOf(r)}\n${(r.dependsOn ?? []).map((d) => `${d}.`).join('\n')}`;
    for (const m of t.matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g)) {
      const other = ownerOf.get(m[1]!);
      if (!other || other === r.nodeId) continue;
      links.get(r.nodeId)!.add(other);
      links.get(other)!.add(r.nodeId);
    }
  }
  // Paths may end at a hub but never pass through one.
  const pruned = new Map<string, Set<string>>();
  for (const [id, set] of links) {
    const n = graph.node(id);
    const hub = (n && HUB_KINDS.has(n.kind)) || HUB_TYPES.has(n?.service ?? '');
    pruned.set(id, hub ? new Set() : set);
  }
  for (const [id, set] of links)
    for (const other of set) if (pruned.get(other)?.size === 0) pruned.get(id)?.add(other);
  return pruned;
}

function joinedWithin(links: Map<string, Set<string>>, from: string, to: string, hops: number): boolean {
  let frontier = new Set([from]);
  const seen = new Set([from]);
  for (let i = 0; i < hops; i++) {
    const next = new Set<string>();
    for (const n of frontier)
      for (const m of links.get(n) ?? []) {
        if (m === to) return true;
        if (!seen.has(m)) seen.add(m), next.add(m);
      }
    frontier = next;
  }
  return false;
}
