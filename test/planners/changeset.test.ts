import { describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  compareGraphs,
  composeChangeSets,
  diffGraphs,
  diffToChangeSet,
  emptyChangeSet,
  invertChangeSet,
  serializeGraph,
  stripMarks,
  UsageError,
} from '../../src/model/index.js';
import { proposeOffline, SCENARIO_NAMES } from '../../src/planners/index.js';
import { GRAPHS, loadGraph } from './support.js';

const plain = (g: Parameters<typeof serializeGraph>[0]) => serializeGraph(stripMarks(g as never));

describe('ChangeSet apply / invert / compose', () => {
  for (const name of GRAPHS) {
    for (const scenario of SCENARIO_NAMES) {
      it(`applying then inverting the ${scenario} plan gives back the ${name} graph`, () => {
        const base = loadGraph(name);
        const cs = proposeOffline(base, scenario, { rps: 500, factor: 10 });
        const revised = applyChangeSet(base, cs);
        const back = applyChangeSet(revised, invertChangeSet(base, cs), { marks: false });
        expect(plain(back)).toBe(plain(base));
      });
    }
  }

  it('marks added and modified elements and leaves the input graph untouched', () => {
    const base = loadGraph('shop');
    const before = serializeGraph(base);
    const cs = proposeOffline(base, 'ha', {});
    const revised = applyChangeSet(base, cs);
    expect(revised.node('aws_db_instance.orders')?.change).toBe('modified');
    expect(revised.node('aws_db_instance.orders')?.props.multi_az).toBe(true);
    expect(revised.node('aws_nat_gateway.main_b')?.change).toBe('added');
    expect(revised.node('aws_vpc.main')?.change).toBeUndefined();
    expect(serializeGraph(base)).toBe(before);
  });

  it('removing a node drops its edges and moves its children to its parent; inverting restores both', () => {
    const base = loadGraph('three-tier');
    const cs = {
      ...emptyChangeSet('drop subnet'),
      ops: [{ op: 'remove_node' as const, id: 'aws_subnet.private_a', rationale: 'test' }],
    };
    const revised = applyChangeSet(base, cs);
    expect(revised.node('aws_instance.web[0]')?.parent).toBe('aws_vpc.main');
    const back = applyChangeSet(revised, invertChangeSet(base, cs), { marks: false });
    expect(plain(back)).toBe(plain(base));
  });

  it('compose(a, b) applies like a then b', () => {
    const base = loadGraph('three-tier');
    const a = proposeOffline(base, 'ha', {});
    const b = proposeOffline(applyChangeSet(base, a, { marks: false }), 'decouple', {});
    const both = composeChangeSets(a, b);
    expect(both.ops).toHaveLength(a.ops.length + b.ops.length);
    expect(both.title).toBe(`${a.title} + ${b.title}`);
    expect(plain(applyChangeSet(base, both))).toBe(plain(applyChangeSet(applyChangeSet(base, a), b)));
  });

  it('rejects an op that names a node the graph does not have, naming the op', () => {
    const base = loadGraph('three-tier');
    const cs = {
      ...emptyChangeSet('bad'),
      ops: [{ op: 'update_node' as const, id: 'aws_db_instance.nope', set: {}, rationale: 'x' }],
    };
    expect(() => applyChangeSet(base, cs)).toThrow(UsageError);
    expect(() => applyChangeSet(base, cs)).toThrow(/ops\[0\] \(update_node\): no node aws_db_instance\.nope/);
  });

  it('unset removes a field and inverting it restores the value', () => {
    const base = loadGraph('three-tier');
    const cs = {
      ...emptyChangeSet('unset'),
      ops: [
        {
          op: 'update_node' as const,
          id: 'aws_db_instance.main',
          set: {},
          unset: ['props.engine_version', 'zone'],
          rationale: 'x',
        },
      ],
    };
    const revised = applyChangeSet(base, cs);
    expect(revised.node('aws_db_instance.main')?.props.engine_version).toBeUndefined();
    expect(revised.node('aws_db_instance.main')?.zone).toBeUndefined();
    const back = applyChangeSet(revised, invertChangeSet(base, cs), { marks: false });
    expect(plain(back)).toBe(plain(base));
  });
});

describe('diff', () => {
  it('diffGraphs returns the new graph plus removed elements, each marked', () => {
    const base = loadGraph('three-tier');
    const revised = applyChangeSet(base, proposeOffline(base, 'ha', {}));
    const marked = diffGraphs(base, revised);
    expect(marked.node('aws_elasticache_cluster.sessions')?.change).toBe('removed');
    expect(marked.node('aws_elasticache_replication_group.sessions')?.change).toBe('added');
    expect(marked.node('aws_db_instance.main')?.change).toBe('modified');
    expect(marked.edge('aws_instance.web[0] -> aws_elasticache_cluster.sessions (reads)')?.change).toBe(
      'removed',
    );
    expect(marked.node('aws_vpc.main')?.change).toBeUndefined();
    expect(marked.order).toBe(revised.order + 1);
  });

  it('compareGraphs reports field-level changes and counts', () => {
    const base = loadGraph('shop');
    const revised = applyChangeSet(base, proposeOffline(base, 'ha', {}));
    const diff = compareGraphs(base, revised);
    expect(diff.counts).toEqual({
      added: { nodes: 2, edges: 1 },
      removed: { nodes: 0, edges: 0 },
      modified: { nodes: 2, edges: 0 },
    });
    const db = diff.changes.find((c) => c.id === 'aws_db_instance.orders');
    expect(db?.fields).toEqual([{ path: 'props.multi_az', before: false, after: true }]);
  });

  it('diffToChangeSet turns one graph into the other', () => {
    const base = loadGraph('serverless-api');
    const next = applyChangeSet(base, proposeOffline(base, 'cache', {}), { marks: false });
    const cs = diffToChangeSet(base, next);
    expect(plain(applyChangeSet(base, cs))).toBe(plain(next));
    expect(plain(applyChangeSet(next, diffToChangeSet(next, base)))).toBe(plain(base));
  });
});
