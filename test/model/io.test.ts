import { describe, expect, it } from 'vitest';
import { ArchGraph, parseGraph, serializeGraph, UsageError } from '../../src/model/index.js';

const sample = {
  version: 1,
  nodes: [
    {
      id: 'aws_sqs_queue.orders',
      kind: 'queue',
      name: 'orders',
      provider: 'aws',
      props: {},
      tags: {},
      sources: [],
    },
    {
      id: 'aws_lambda_function.worker',
      kind: 'function',
      name: 'worker',
      provider: 'aws',
      props: { runtime: 'nodejs20.x', memory_size: 512 },
      tags: { team: 'checkout' },
      sources: [
        { analyzer: 'terraform', file: 'infra/worker.tf', line: 3 },
        { analyzer: 'terraform', file: 'infra/main.tf', line: 9 },
      ],
    },
  ],
  edges: [
    {
      id: 'aws_sqs_queue.orders -> aws_lambda_function.worker (consumes)',
      from: 'aws_sqs_queue.orders',
      to: 'aws_lambda_function.worker',
      kind: 'consumes',
      sources: [],
    },
  ],
  diagnostics: [],
};

describe('archmap.json', () => {
  it('serialises deterministically whatever the insertion order', () => {
    const a = ArchGraph.from(sample as never);
    const b = ArchGraph.from({ ...sample, nodes: [...sample.nodes].reverse() } as never);
    expect(serializeGraph(a)).toBe(serializeGraph(b));
    const text = serializeGraph(a);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text).nodes.map((n: { id: string }) => n.id)).toEqual([
      'aws_lambda_function.worker',
      'aws_sqs_queue.orders',
    ]);
    // keys are sorted within objects, sources sorted by file
    expect(text.indexOf('infra/main.tf')).toBeLessThan(text.indexOf('infra/worker.tf'));
  });

  it('round-trips through parse and serialise', () => {
    const text = serializeGraph(ArchGraph.from(sample as never));
    expect(serializeGraph(parseGraph(text))).toBe(text);
  });

  it('names the exact path and node id of a bad field', () => {
    const bad = structuredClone(sample);
    (bad.nodes[1] as { kind: string }).kind = 'lambda';
    expect(() => parseGraph(JSON.stringify(bad), 'G.json')).toThrow(UsageError);
    expect(() => parseGraph(JSON.stringify(bad), 'G.json')).toThrow(
      /G\.json: nodes\[1\]\(id="aws_lambda_function\.worker"\)\.kind: Invalid option/,
    );
  });

  it('rejects an edge to a node that does not exist', () => {
    const bad = structuredClone(sample);
    bad.edges[0]!.to = 'aws_lambda_function.missing';
    expect(() => parseGraph(JSON.stringify(bad), 'G.json')).toThrow(
      /edges\[0\].*\.to: to "aws_lambda_function\.missing" is not a node/,
    );
  });

  it('rejects invalid JSON with a line number', () => {
    expect(() => parseGraph('{\n  "version": 1,\n  nodes: []\n}', 'G.json')).toThrow(
      /G\.json: not valid JSON/,
    );
  });

  it('rejects an unknown format version', () => {
    expect(() => parseGraph(JSON.stringify({ ...sample, version: 2 }), 'G.json')).toThrow(
      /unsupported archmap.json version 2/,
    );
  });
});
