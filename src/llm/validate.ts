// Checks an LLM answer against the graph it is about: every id exists (or is added first), every edge joins two
// nodes, kinds are valid (zod did that), and no data store is removed without a data-migration rationale.
import { applyChangeSet } from '../model/changeset.js';
import type { ArchGraph } from '../model/graph.js';
import { DATA_STORE_KINDS } from '../model/kinds.js';
import type { ChangeSet } from '../model/schema.js';

const MIGRATION = /migrat|snapshot|backup|export|replicat|copy (the )?data|drain/i;

/**
 * Every problem with `changeset` against `graph`, one line each (empty when it applies cleanly).
 * @example
 * validateChangeSet(graph, { ...cs, ops: [{ op: 'remove_node', id: 'nope', rationale: '' }] }) // ['ops[0] remove_node: no node "nope"']
 */
export function validateChangeSet(graph: ArchGraph, changeset: ChangeSet): string[] {
  const errors: string[] = [];
  const nodes = new Map(graph.nodes().map((n) => [n.id, n.kind]));
  const edges = new Set(graph.edges().map((e) => e.id));
  changeset.ops.forEach((op, i) => {
    const at = `ops[${i}] ${op.op}`;
    switch (op.op) {
      case 'add_node':
        if (nodes.has(op.node.id)) errors.push(`${at}: node "${op.node.id}" already exists`);
        if (op.node.parent && !nodes.has(op.node.parent))
          errors.push(`${at}: parent "${op.node.parent}" of "${op.node.id}" does not exist`);
        nodes.set(op.node.id, op.node.kind);
        break;
      case 'remove_node': {
        const kind = nodes.get(op.id);
        if (!kind) errors.push(`${at}: no node "${op.id}"`);
        else if (DATA_STORE_KINDS.includes(kind) && !MIGRATION.test(op.rationale))
          errors.push(
            `${at}: "${op.id}" is a ${kind}; removing a data store needs a rationale that says how its data is migrated`,
          );
        nodes.delete(op.id);
        break;
      }
      case 'update_node':
        if (!nodes.has(op.id)) errors.push(`${at}: no node "${op.id}"`);
        if (op.set.parent && !nodes.has(op.set.parent))
          errors.push(`${at}: parent "${op.set.parent}" does not exist`);
        if (op.set.kind) nodes.set(op.id, op.set.kind);
        break;
      case 'add_edge':
        if (edges.has(op.edge.id)) errors.push(`${at}: edge "${op.edge.id}" already exists`);
        for (const end of [op.edge.from, op.edge.to])
          if (!nodes.has(end)) errors.push(`${at}: edge "${op.edge.id}" joins "${end}", which is not a node`);
        edges.add(op.edge.id);
        break;
      case 'remove_edge':
      case 'update_edge':
        if (!edges.has(op.id)) errors.push(`${at}: no edge "${op.id}"`);
        if (op.op === 'remove_edge') edges.delete(op.id);
        break;
    }
  });
  if (errors.length === 0) {
    try {
      applyChangeSet(graph, changeset);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return errors;
}

/** Ids cited in an answer that are not nodes of the graph. */
export function unknownIds(graph: ArchGraph, ids: string[]): string[] {
  return [...new Set(ids.filter((id) => !graph.hasNode(id)))].sort();
}
