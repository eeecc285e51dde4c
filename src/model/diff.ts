// Compares two designs: which nodes and edges were added, removed or modified. Generators draw the marks;
// `archmap diff` prints the field-level changes; `diffToChangeSet` turns the difference into a ChangeSet.
import { emptyChangeSet, stripMarks } from './changeset.js';
import type { ArchGraph } from './graph.js';
import { sortKeys } from './io.js';
import type { ChangeMark } from './kinds.js';
import type { ArchEdge, ArchNode, ChangeOp, ChangeSet } from './schema.js';

/** Fields that are bookkeeping, not design: a rescan that only moves line numbers changes nothing. */
const IGNORED = new Set(['change', 'sources', 'aliases', 'id']);

export interface FieldChange {
  /** `props.multi_az`, `zone`, `tags.Env`… */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ElementChange {
  type: 'node' | 'edge';
  id: string;
  change: ChangeMark;
  /** Node kind or edge kind, for readable output. */
  kind: string;
  fields: FieldChange[];
}

export interface GraphDiff {
  changes: ElementChange[];
  counts: Record<ChangeMark, { nodes: number; edges: number }>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !IGNORED.has(k));
  for (const key of keys.sort()) {
    const b = before[key];
    const a = after[key];
    if (same(b, a)) continue;
    const nested =
      (key === 'props' || key === 'tags') &&
      (b === undefined || typeof b === 'object') &&
      (a === undefined || typeof a === 'object');
    if (nested) {
      const bo = (b ?? {}) as Record<string, unknown>;
      const ao = (a ?? {}) as Record<string, unknown>;
      for (const inner of [...new Set([...Object.keys(bo), ...Object.keys(ao)])].sort()) {
        if (same(bo[inner], ao[inner])) continue;
        out.push(change(`${key}.${inner}`, bo[inner], ao[inner]));
      }
    } else out.push(change(key, b, a));
  }
  return out;
}

function change(path: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { path };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

const asRecord = (x: ArchNode | ArchEdge) => x as unknown as Record<string, unknown>;

/**
 * The field-level difference between two graphs, sorted by element type and id.
 * @example
 * compareGraphs(v1, v2).counts.added.nodes // 3
 */
export function compareGraphs(base: ArchGraph, next: ArchGraph): GraphDiff {
  const changes: ElementChange[] = [];
  for (const n of next.nodes()) {
    const b = base.node(n.id);
    if (!b) changes.push({ type: 'node', id: n.id, change: 'added', kind: n.kind, fields: [] });
    else {
      const fields = fieldChanges(asRecord(b), asRecord(n));
      if (fields.length) changes.push({ type: 'node', id: n.id, change: 'modified', kind: n.kind, fields });
    }
  }
  for (const b of base.nodes()) {
    if (!next.hasNode(b.id))
      changes.push({ type: 'node', id: b.id, change: 'removed', kind: b.kind, fields: [] });
  }
  for (const e of next.edges()) {
    const b = base.edge(e.id);
    if (!b) changes.push({ type: 'edge', id: e.id, change: 'added', kind: e.kind, fields: [] });
    else {
      const fields = fieldChanges(asRecord(b), asRecord(e));
      if (fields.length) changes.push({ type: 'edge', id: e.id, change: 'modified', kind: e.kind, fields });
    }
  }
  for (const b of base.edges()) {
    if (!next.hasEdge(b.id))
      changes.push({ type: 'edge', id: b.id, change: 'removed', kind: b.kind, fields: [] });
  }
  const order = { node: 0, edge: 1 } as const;
  changes.sort((a, b) => order[a.type] - order[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counts = {
    added: { nodes: 0, edges: 0 },
    removed: { nodes: 0, edges: 0 },
    modified: { nodes: 0, edges: 0 },
  };
  for (const c of changes) counts[c.change][c.type === 'node' ? 'nodes' : 'edges'] += 1;
  return { changes, counts };
}

/**
 * `next` plus the elements that `base` had and `next` lost, every difference marked
 * `change: added | removed | modified`. Marks already on either input are ignored. Generators render the result.
 * @example
 * const marked = diffGraphs(v1, v2);
 * await generate('d2', marked, { formats: ['svg'] });
 */
export function diffGraphs(base: ArchGraph, next: ArchGraph): ArchGraph {
  const b = stripMarks(base);
  const n = stripMarks(next);
  const diff = compareGraphs(b, n);
  const out = n.clone();
  const removedNodes: ArchNode[] = [];
  for (const c of diff.changes) {
    if (c.type === 'node') {
      if (c.change === 'removed') removedNodes.push({ ...b.node(c.id)!, change: 'removed' });
      else out.setNode({ ...out.node(c.id)!, change: c.change });
    }
  }
  for (const node of removedNodes) out.addNode(node);
  // A removed node whose parent went too keeps that parent (also drawn, as removed); never a dangling parent.
  for (const node of removedNodes) {
    if (node.parent && !out.hasNode(node.parent)) {
      const { parent: _, ...rest } = node;
      out.setNode(rest);
    }
  }
  for (const c of diff.changes) {
    if (c.type !== 'edge') continue;
    if (c.change === 'removed') out.addEdge({ ...b.edge(c.id)!, change: 'removed' });
    else out.graph.replaceEdgeAttributes(c.id, { ...out.edge(c.id)!, change: c.change });
  }
  out.changeset = next.changeset;
  out.name = next.name;
  return out;
}

/**
 * The ChangeSet that turns `base` into `next` (ignoring provenance): nodes first, parents before children,
 * removals last, so that it applies cleanly.
 * @example
 * applyChangeSet(v1, diffToChangeSet(v1, v2), { marks: false }) // same design as v2
 */
export function diffToChangeSet(base: ArchGraph, next: ArchGraph): ChangeSet {
  const b = stripMarks(base);
  const n = stripMarks(next);
  const diff = compareGraphs(b, n);
  const adds: ArchNode[] = [];
  const ops: ChangeOp[] = [];
  const tail: ChangeOp[] = [];
  for (const c of diff.changes) {
    if (c.type === 'node' && c.change === 'added') adds.push(n.node(c.id)!);
  }
  // Parents before children.
  const depth = (node: ArchNode) => n.ancestors(node.id).length;
  adds.sort((x, y) => depth(x) - depth(y) || (x.id < y.id ? -1 : 1));
  for (const node of adds) ops.push({ op: 'add_node', node, rationale: 'present in the new design' });
  for (const c of diff.changes) {
    const rationale = 'changed in the new design';
    if (c.type === 'node' && c.change === 'modified') {
      const { set, unset } = setAndUnset(c.fields);
      ops.push({
        op: 'update_node',
        id: c.id,
        set: set as Extract<ChangeOp, { op: 'update_node' }>['set'],
        ...(unset.length ? { unset } : {}),
        rationale,
      });
    }
    if (c.type === 'edge' && c.change === 'added')
      ops.push({ op: 'add_edge', edge: n.edge(c.id)!, rationale: 'present in the new design' });
    if (c.type === 'edge' && c.change === 'modified') {
      const { set, unset } = setAndUnset(c.fields);
      ops.push({
        op: 'update_edge',
        id: c.id,
        set: set as Extract<ChangeOp, { op: 'update_edge' }>['set'],
        ...(unset.length ? { unset } : {}),
        rationale,
      });
    }
    if (c.type === 'edge' && c.change === 'removed')
      tail.unshift({ op: 'remove_edge', id: c.id, rationale: 'absent from the new design' });
  }
  // Children before parents when removing.
  const removed = diff.changes
    .filter((c) => c.type === 'node' && c.change === 'removed')
    .map((c) => b.node(c.id)!);
  removed.sort((x, y) => b.ancestors(y.id).length - b.ancestors(x.id).length || (x.id < y.id ? -1 : 1));
  const removedIds = new Set(removed.map((r) => r.id));
  const edgeOps = tail.filter((op) => {
    const e = op.op === 'remove_edge' ? b.edge(op.id) : undefined;
    return !(e && (removedIds.has(e.from) || removedIds.has(e.to)));
  });
  for (const node of removed) {
    ops.push({ op: 'remove_node', id: node.id, rationale: 'absent from the new design' });
  }
  return { ...emptyChangeSet('diff'), summary: describeCounts(diff), ops: [...edgeOps, ...ops] };
}

/** Field changes as an update op's `set` (`props.x` nests under `props`) and `unset` (fields that went away). */
function setAndUnset(fields: FieldChange[]): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const f of fields) {
    const [field, key] = f.path.split(/\.(.*)/s) as [string, string | undefined];
    if (f.after === undefined) unset.push(f.path);
    else if (key !== undefined)
      set[field] = { ...((set[field] as Record<string, unknown>) ?? {}), [key]: f.after };
    else set[field] = f.after;
  }
  return { set, unset };
}

function describeCounts(diff: GraphDiff): string {
  const c = diff.counts;
  return `${c.added.nodes} nodes and ${c.added.edges} edges added, ${c.modified.nodes} nodes and ${c.modified.edges} edges modified, ${c.removed.nodes} nodes and ${c.removed.edges} edges removed`;
}
