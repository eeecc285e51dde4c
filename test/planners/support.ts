// Shared by the planner and review tests: the three fixture graphs every scenario runs on, and golden files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArchGraph, type ArchNode, type ChangeOp, edgeId, parseGraph } from '../../src/model/index.js';
import { expectGolden as expectGoldenAt } from '../support/golden.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** test/planners/__golden__: every file in it is written by one case (see expectGoldenFolder). */
export const goldenDir = join(repoRoot, 'test', 'planners', '__golden__');

/** The scanned shop fixture and the two hand-written graphs. */
export const GRAPHS = ['shop', 'serverless-api', 'three-tier'] as const;
export type GraphName = (typeof GRAPHS)[number];

export function loadGraph(name: GraphName | string): ArchGraph {
  const file = join(repoRoot, 'fixtures', 'graphs', `${name}.json`);
  return parseGraph(readFileSync(file, 'utf8'), `fixtures/graphs/${name}.json`);
}

/** `add_node aws_sqs_queue.x`, `update_node aws_db_instance.y`…: a readable key per op. */
export function opKey(op: ChangeOp): string {
  switch (op.op) {
    case 'add_node':
      return `add_node ${op.node.id}`;
    case 'add_edge':
      return `add_edge ${op.edge.id}`;
    default:
      return `${op.op} ${op.id}`;
  }
}

export function expectGolden(relative: string, actual: string): void {
  expectGoldenAt(join(goldenDir, relative), actual);
}

/** A tiny graph builder for rule tests: `n('aws_db_instance.x', 'database', { multi_az: false })`. */
export function n(
  id: string,
  kind: ArchNode['kind'],
  props: Record<string, unknown> = {},
  extra: Partial<ArchNode> = {},
): ArchNode {
  const service = id.startsWith('aws_') ? id.split('.')[0] : undefined;
  return {
    id,
    kind,
    name: id.split('.').pop()!,
    provider: 'aws',
    props,
    tags: {},
    sources: [{ analyzer: 'test' }],
    ...(service ? { service } : {}),
    ...extra,
  };
}

export function e(from: string, to: string, kind: Parameters<typeof edgeId>[2], label?: string) {
  return {
    id: edgeId(from, to, kind),
    from,
    to,
    kind: kind as never,
    sources: [],
    ...(label ? { label } : {}),
  };
}

export function build(nodes: ArchNode[], edges: ReturnType<typeof e>[]): ArchGraph {
  return ArchGraph.from({ nodes, edges });
}
