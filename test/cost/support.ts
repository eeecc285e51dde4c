import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ArchGraph,
  type ArchNode,
  type ArchNodeInput,
  type EdgeKind,
  edgeId,
} from '../../src/model/index.js';
import { expectGolden as expectGoldenAt } from '../support/golden.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** test/cost/__golden__: every file in it is written by one case (see expectGoldenFolder). */
export const goldenDir = join(repoRoot, 'test', 'cost', '__golden__');

export function expectGolden(name: string, actual: string): void {
  expectGoldenAt(join(goldenDir, name), actual);
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
