// Building blocks for ChangeSets: new nodes with real Terraform types and addresses, and the common fixes
// (Multi-AZ, DLQ, replica, proxy, CDN…) shared by review rules and scenarios.
import { lookupTerraformType } from '../catalog/index.js';
import { edgeId } from '../model/graph.js';
import type { EdgeKind, NodeKind } from '../model/kinds.js';
import type { ArchEdge, ArchNode, ChangeOp } from '../model/schema.js';

export const PLANNER_SOURCE = { analyzer: 'planner' } as const;

/** A new AWS node for a plan: kind and display name come from the catalog when it knows the type. */
export function newNode(
  tfType: string,
  name: string,
  init: {
    like?: ArchNode;
    parent?: string;
    region?: string;
    zone?: string;
    props?: Record<string, unknown>;
    tags?: Record<string, string>;
    kind?: NodeKind;
    displayName?: string;
    prefix?: string;
  } = {},
): ArchNode {
  const entry = lookupTerraformType(tfType);
  const id = `${init.prefix ?? ''}${tfType}.${name}`;
  const node: ArchNode = {
    id,
    kind: init.kind ?? entry?.kind ?? 'generic',
    name: init.displayName ?? name,
    provider: 'aws',
    service: tfType,
    props: init.props ?? {},
    tags: init.tags ?? { ...(init.like?.tags ?? {}) },
    sources: [{ ...PLANNER_SOURCE, note: 'proposed' }],
  };
  const parent = init.parent ?? init.like?.parent;
  if (parent) node.parent = parent;
  const region = init.region ?? init.like?.region;
  if (region) node.region = region;
  if (init.zone) node.zone = init.zone;
  if (entry?.plumbing) node.plumbing = true;
  return node;
}

export function newEdge(
  from: string,
  to: string,
  kind: EdgeKind,
  extra: { label?: string; protocol?: string; discriminator?: string; props?: Record<string, unknown> } = {},
): ArchEdge {
  const edge: ArchEdge = {
    id: edgeId(from, to, kind, extra.discriminator),
    from,
    to,
    kind,
    sources: [{ ...PLANNER_SOURCE, note: 'proposed' }],
  };
  if (extra.label) edge.label = extra.label;
  if (extra.protocol) edge.protocol = extra.protocol;
  if (extra.props) edge.props = extra.props;
  return edge;
}

export const addNode = (node: ArchNode, rationale: string): ChangeOp => ({ op: 'add_node', node, rationale });
export const addEdge = (edge: ArchEdge, rationale: string): ChangeOp => ({ op: 'add_edge', edge, rationale });
export const setProps = (id: string, props: Record<string, unknown>, rationale: string): ChangeOp => ({
  op: 'update_node',
  id,
  set: { props },
  rationale,
});
export const setTags = (id: string, tags: Record<string, string>, rationale: string): ChangeOp => ({
  op: 'update_node',
  id,
  set: { tags },
  rationale,
});

/** Drops ops that add an id twice (two findings proposing the same DLQ) while keeping the first. */
export function dedupeOps(ops: ChangeOp[]): ChangeOp[] {
  const seen = new Set<string>();
  return ops.filter((op) => {
    const key =
      op.op === 'add_node'
        ? `n:${op.node.id}`
        : op.op === 'add_edge'
          ? `e:${op.edge.id}`
          : op.op === 'remove_node' || op.op === 'remove_edge'
            ? `${op.op}:${op.id}`
            : `${op.op}:${op.id}:${JSON.stringify(op.set)}:${JSON.stringify(op.unset ?? [])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
