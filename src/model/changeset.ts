// ChangeSets: apply one to a graph (with change marks), invert it against its base, compose two of them.
// Planners produce ChangeSets; generators read the marks that applying one leaves behind.
import { UsageError } from './errors.js';
import type { ArchGraph } from './graph.js';
import type { ArchEdge, ArchNode, ChangeOp, ChangeSet } from './schema.js';

type UpdateNodeOp = Extract<ChangeOp, { op: 'update_node' }>;
type UpdateEdgeOp = Extract<ChangeOp, { op: 'update_edge' }>;
type Patchable = Record<string, unknown>;

/** Fields whose objects merge key by key in `set` (the rest replace). */
const MERGED_FIELDS = new Set(['props', 'tags']);

export interface ApplyOptions {
  /** Leave `change` marks on added and modified elements (default true). */
  marks?: boolean;
}

function invalid(op: ChangeOp, index: number, message: string): UsageError {
  return new UsageError(`changeset ops[${index}] (${op.op}): ${message}`, {
    hint: 'every id a ChangeSet names must exist in the graph it is applied to (or be added earlier in the set)',
  });
}

function patch<T extends Patchable>(target: T, set: Patchable, unset: string[] = []): T {
  const out: Patchable = { ...target };
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) continue;
    if (MERGED_FIELDS.has(key) && value && typeof value === 'object') {
      out[key] = { ...((out[key] as Patchable | undefined) ?? {}), ...(value as Patchable) };
    } else out[key] = value;
  }
  for (const path of unset) {
    const dot = path.indexOf('.');
    if (dot < 0) delete out[path];
    else {
      const field = path.slice(0, dot);
      const inner = out[field] as Patchable | undefined;
      if (inner && typeof inner === 'object') {
        const copy = { ...inner };
        delete copy[path.slice(dot + 1)];
        out[field] = copy;
      }
    }
  }
  return out as T;
}

/** The inverse patch of `set`/`unset` against `before`: restores every touched field. */
function inversePatch(before: Patchable, set: Patchable, unset: string[] = []) {
  const back: Patchable = {};
  const backUnset: string[] = [];
  const restore = (field: string, key?: string) => {
    if (key === undefined) {
      if (field in before && before[field] !== undefined) back[field] = structuredClone(before[field]);
      else backUnset.push(field);
      return;
    }
    const inner = (before[field] as Patchable | undefined) ?? {};
    if (key in inner) {
      back[field] = { ...((back[field] as Patchable | undefined) ?? {}), [key]: structuredClone(inner[key]) };
    } else backUnset.push(`${field}.${key}`);
  };
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) continue;
    if (MERGED_FIELDS.has(key) && value && typeof value === 'object') {
      for (const inner of Object.keys(value)) restore(key, inner);
    } else restore(key);
  }
  for (const path of unset) {
    const dot = path.indexOf('.');
    if (dot < 0) restore(path);
    else restore(path.slice(0, dot), path.slice(dot + 1));
  }
  return { set: back, unset: [...new Set(backUnset)].sort() };
}

function markNode(g: ArchGraph, id: string, mark: 'added' | 'modified') {
  const n = g.node(id)!;
  if (n.change === 'added') return;
  g.setNode({ ...n, change: mark });
}

function markEdge(g: ArchGraph, id: string, mark: 'added' | 'modified') {
  const e = g.edge(id)!;
  if (e.change === 'added') return;
  g.graph.replaceEdgeAttributes(id, { ...e, change: mark });
}

/**
 * Applies one operation in place. Removing a node also removes its edges and moves its children up to
 * its parent, so the result is always a valid graph.
 */
function applyOp(g: ArchGraph, op: ChangeOp, index: number, marks: boolean): void {
  switch (op.op) {
    case 'add_node': {
      if (g.hasNode(op.node.id)) throw invalid(op, index, `node ${op.node.id} already exists`);
      if (op.node.parent && !g.hasNode(op.node.parent))
        throw invalid(op, index, `parent ${op.node.parent} of ${op.node.id} does not exist`);
      g.addNode(marks ? { ...structuredClone(op.node), change: 'added' } : structuredClone(op.node));
      return;
    }
    case 'remove_node': {
      const n = g.node(op.id);
      if (!n) throw invalid(op, index, `no node ${op.id}`);
      for (const child of g.children(op.id)) {
        const moved = { ...child };
        if (n.parent) moved.parent = n.parent;
        else delete moved.parent;
        g.setNode(moved);
        if (marks) markNode(g, child.id, 'modified');
      }
      g.removeNode(op.id);
      return;
    }
    case 'update_node': {
      const n = g.node(op.id);
      if (!n) throw invalid(op, index, `no node ${op.id}`);
      const next = patch(n as unknown as Patchable, op.set, op.unset) as unknown as ArchNode;
      if (next.parent && !g.hasNode(next.parent))
        throw invalid(op, index, `parent ${next.parent} of ${op.id} does not exist`);
      g.setNode(next);
      if (marks) markNode(g, op.id, 'modified');
      return;
    }
    case 'add_edge': {
      const e = op.edge;
      if (g.hasEdge(e.id)) throw invalid(op, index, `edge ${e.id} already exists`);
      if (!g.hasNode(e.from) || !g.hasNode(e.to))
        throw invalid(op, index, `edge ${e.id} joins a node that does not exist`);
      g.addEdge(marks ? { ...structuredClone(e), change: 'added' } : structuredClone(e));
      return;
    }
    case 'remove_edge': {
      if (!g.hasEdge(op.id)) throw invalid(op, index, `no edge ${op.id}`);
      g.removeEdge(op.id);
      return;
    }
    case 'update_edge': {
      const e = g.edge(op.id);
      if (!e) throw invalid(op, index, `no edge ${op.id}`);
      g.graph.replaceEdgeAttributes(
        op.id,
        patch(e as unknown as Patchable, op.set, op.unset) as unknown as ArchEdge,
      );
      if (marks) markEdge(g, op.id, 'modified');
      return;
    }
  }
}

/** Removes every `change` mark (a revised graph compared as a plain design). */
export function stripMarks(graph: ArchGraph): ArchGraph {
  const out = graph.clone();
  for (const n of out.nodes()) {
    if (n.change) {
      const { change: _, ...rest } = n;
      out.setNode(rest);
    }
  }
  for (const e of out.edges()) {
    if (e.change) {
      const { change: _, ...rest } = e;
      out.graph.replaceEdgeAttributes(e.id, rest);
    }
  }
  return out;
}

/**
 * Applies a ChangeSet to a copy of `graph`. Added and modified elements get `change` marks; removed ones are
 * gone (use `diffGraphs(base, revised)` to see them again). The input graph is not touched.
 * Throws a UsageError naming the first op that does not fit the graph.
 * @example
 * const v2 = applyChangeSet(graph, changeset);
 * v2.node('aws_sqs_queue.orders_buffer')?.change // 'added'
 */
export function applyChangeSet(
  graph: ArchGraph,
  changeset: ChangeSet,
  options: ApplyOptions = {},
): ArchGraph {
  const marks = options.marks ?? true;
  const g = graph.clone();
  for (const [i, op] of changeset.ops.entries()) applyOp(g, op, i, marks);
  return g;
}

/**
 * The ChangeSet that undoes `changeset` when applied to `applyChangeSet(base, changeset)`. It needs the base
 * graph because a removal must remember what it removed (the node, its edges, its children's parent).
 * @example
 * const back = invertChangeSet(base, changeset);
 * applyChangeSet(applyChangeSet(base, changeset), back) // same design as base
 */
export function invertChangeSet(base: ArchGraph, changeset: ChangeSet): ChangeSet {
  const g = base.clone();
  const inverse: ChangeOp[][] = [];
  changeset.ops.forEach((op, i) => {
    const undo: ChangeOp[] = [];
    const why = `undo: ${op.rationale}`;
    switch (op.op) {
      case 'add_node':
        undo.push({ op: 'remove_node', id: op.node.id, rationale: why });
        break;
      case 'remove_node': {
        const n = g.node(op.id);
        if (!n) throw invalid(op, i, `no node ${op.id}`);
        undo.push({ op: 'add_node', node: structuredClone(n), rationale: why });
        for (const child of g.children(op.id)) {
          undo.push({ op: 'update_node', id: child.id, set: { parent: op.id }, rationale: why });
        }
        for (const e of [...g.outEdges(op.id), ...g.inEdges(op.id)]) {
          if (!undo.some((u) => u.op === 'add_edge' && u.edge.id === e.id))
            undo.push({ op: 'add_edge', edge: structuredClone(e), rationale: why });
        }
        break;
      }
      case 'update_node': {
        const n = g.node(op.id);
        if (!n) throw invalid(op, i, `no node ${op.id}`);
        const back = inversePatch(n as unknown as Patchable, op.set, op.unset);
        undo.push({
          op: 'update_node',
          id: op.id,
          set: back.set as UpdateNodeOp['set'],
          ...(back.unset.length ? { unset: back.unset } : {}),
          rationale: why,
        });
        break;
      }
      case 'add_edge':
        undo.push({ op: 'remove_edge', id: op.edge.id, rationale: why });
        break;
      case 'remove_edge': {
        const e = g.edge(op.id);
        if (!e) throw invalid(op, i, `no edge ${op.id}`);
        undo.push({ op: 'add_edge', edge: structuredClone(e), rationale: why });
        break;
      }
      case 'update_edge': {
        const e = g.edge(op.id);
        if (!e) throw invalid(op, i, `no edge ${op.id}`);
        const back = inversePatch(e as unknown as Patchable, op.set, op.unset);
        undo.push({
          op: 'update_edge',
          id: op.id,
          set: back.set as UpdateEdgeOp['set'],
          ...(back.unset.length ? { unset: back.unset } : {}),
          rationale: why,
        });
        break;
      }
    }
    applyOp(g, op, i, false);
    inverse.push(undo);
  });
  return {
    ...emptyChangeSet(`undo ${changeset.title}`),
    summary: `Reverts "${changeset.title}".`,
    ops: inverse.reverse().flat(),
  };
}

/** A ChangeSet with no operations and every list empty. */
export function emptyChangeSet(title: string): ChangeSet {
  return {
    title,
    summary: '',
    goals: [],
    ops: [],
    tradeoffs: [],
    alternatives: [],
    risks: [],
    openQuestions: [],
    capacity: [],
    costNotes: [],
    rollout: [],
  };
}

const unique = <T>(items: T[], key: (t: T) => string = (t) => JSON.stringify(t)): T[] => {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/**
 * One ChangeSet that does `first` then `second`: `apply(g, compose(a, b))` equals `apply(apply(g, a), b)`.
 * Notes, trade-offs and capacity rows are concatenated without duplicates (a later row for the same node and
 * metric wins).
 * @example
 * const both = composeChangeSets(ha, cache);
 */
export function composeChangeSets(first: ChangeSet, second: ChangeSet): ChangeSet {
  const capacity = new Map<string, ChangeSet['capacity'][number]>();
  for (const row of [...first.capacity, ...second.capacity])
    capacity.set(`${row.node}\u0000${row.metric}`, row);
  const out: ChangeSet = {
    title: `${first.title} + ${second.title}`,
    summary: [first.summary, second.summary].filter(Boolean).join('\n\n'),
    goals: unique([...first.goals, ...second.goals]),
    ops: [...first.ops, ...second.ops],
    tradeoffs: unique([...first.tradeoffs, ...second.tradeoffs]),
    alternatives: unique([...first.alternatives, ...second.alternatives], (a) => a.option),
    risks: unique([...first.risks, ...second.risks]),
    openQuestions: unique([...first.openQuestions, ...second.openQuestions]),
    capacity: [...capacity.values()],
    costNotes: unique([...first.costNotes, ...second.costNotes]),
    rollout: [...first.rollout, ...second.rollout],
  };
  const planner = first.planner ?? second.planner;
  if (planner) out.planner = planner;
  return out;
}

/** Builds a graph from a base and ops without marks; convenience for tests and planners. */
export function withOps(graph: ArchGraph, ops: ChangeOp[]): ArchGraph {
  return applyChangeSet(graph, { ...emptyChangeSet('ops'), ops }, { marks: false });
}
