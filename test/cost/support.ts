// Shared by the cost tests: golden files (fail on missing, empty or different output) and a small graph builder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  ArchGraph,
  type ArchNode,
  type ArchNodeInput,
  type EdgeKind,
  edgeId,
} from '../../src/model/index.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function expectGolden(name: string, actual: string): void {
  const path = join(repoRoot, 'test', 'cost', '__golden__', name);
  expect(actual.trim(), `${name}: the output is empty`).not.toBe('');
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `golden ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/cost`).toBe(
    true,
  );
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

type NodeSpec = Omit<ArchNodeInput, 'name' | 'provider' | 'kind'> & { kind?: ArchNodeInput['kind'] };

/** A graph from terse specs: every node gets `service` = the Terraform type in its id unless given. */
export function graphOf(nodes: NodeSpec[], edges: Array<[string, string, EdgeKind]> = []): ArchGraph {
  const g = new ArchGraph();
  for (const n of nodes) {
    const service = n.service ?? n.id.split('.')[0];
    g.addNode({
      kind: 'generic',
      props: {},
      tags: {},
      sources: [],
      name: n.id,
      provider: 'aws',
      service,
      ...n,
    } as ArchNode);
  }
  for (const [from, to, kind] of edges)
    g.addEdge({ id: edgeId(from, to, kind), from, to, kind, sources: [] });
  return g;
}
