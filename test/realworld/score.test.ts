import { describe, expect, it } from 'vitest';
import { ArchGraph } from '../../src/model/index.js';
import { addUp, ExpectedSchema, ratios, scoreGraph } from './score.js';

const node = (id: string, kind: 'function' | 'queue' | 'database', aliases?: string[]) => ({
  id,
  kind,
  name: id,
  provider: 'aws',
  props: {},
  tags: {},
  sources: [],
  ...(aliases ? { aliases } : {}),
});
const edge = (from: string, to: string, kind: 'consumes' | 'writes' | 'depends_on' | 'reads') => ({
  id: `${from}->${to}:${kind}`,
  from,
  to,
  kind,
  sources: [],
});

const graph = ArchGraph.from({
  nodes: [node('fn', 'function'), node('q', 'queue'), node('t', 'database', ['orders-table'])],
  edges: [edge('q', 'fn', 'consumes'), edge('fn', 't', 'reads'), edge('fn', 'q', 'depends_on')],
});

describe('corpus scorer', () => {
  it('matches components by alias, counts directed traffic edges and ignores depends_on', () => {
    const expected = ExpectedSchema.parse({
      description: 'x',
      category: 'terraform',
      components: [
        { id: 'fn', kind: 'function' },
        { id: 'q' },
        { id: 'table', aliases: ['orders-table'] },
        { id: 'gone' },
      ],
      connections: [
        { from: 'q', to: 'fn', kind: 'consumes' },
        { from: 'fn', to: 'table', kind: 'writes' },
        { from: 'fn', to: 'q' },
      ],
      absent: [{ from: 'fn', to: 'table', kind: 'reads' }],
    });
    const s = scoreGraph(expected, graph);
    expect(s.components).toEqual({ expected: 4, found: 3, missing: ['gone'], wrongKind: [] });
    expect(s.connections.found).toBe(1);
    expect(s.connections.missing).toEqual(['fn -writes-> table', 'fn -any-> q']);
    expect(s.predicted).toEqual({ total: 2, correct: 1, extra: ['fn -reads-> table'] });
    expect(s.absentSeen).toEqual(['fn -> table']);
    expect(ratios(addUp([s]))).toEqual({ componentRecall: 0.75, connectionRecall: 1 / 3, precision: 0.5 });
  });

  it('reports a component whose kind differs from the fixture', () => {
    const expected = ExpectedSchema.parse({
      description: 'x',
      category: 'code',
      components: [{ id: 'q', kind: 'database' }],
    });
    expect(scoreGraph(expected, graph).components.wrongKind).toEqual(['q (is queue, expected database)']);
  });
});
