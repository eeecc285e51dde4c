// Declared Lambda functions joined to their TypeScript entries: one node per function, code edges from that
// function's entry (and what it imports) only.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanDirectory } from '../../../src/index.js';
import type { ArchGraph } from '../../../src/model/graph.js';

const repo = join(import.meta.dirname, '../../..');

/** Traffic edges of a node that the code analyzer saw, as `kind target (file)`. */
function codeEdges(graph: ArchGraph, id: string): string[] {
  return graph
    .edges()
    .filter((e) => e.from === id && e.kind !== 'depends_on')
    .flatMap((e) =>
      e.sources.filter((s) => s.analyzer === 'typescript').map((s) => `${e.kind} ${e.to} (${s.file})`),
    )
    .sort();
}

describe('SAM functions and their TypeScript handlers', () => {
  let graph: ArchGraph;
  beforeAll(async () => {
    ({ graph } = await scanDirectory(join(repo, 'fixtures/realworld/sam-orders-events')));
  }, 120_000);

  it('folds each handler into its function node, named by the logical id', () => {
    const fn = graph.node('orders-api/CreateOrderFunction');
    expect(fn?.aliases).toContain('code:orders-backend/create-order');
    expect(fn?.sources.map((s) => s.analyzer).sort()).toEqual(['cloudformation', 'typescript']);
    expect(graph.nodes().filter((n) => n.id.startsWith('code:'))).toEqual([]);
  });

  it('takes the code edges of a function from its own entry only', () => {
    expect(codeEdges(graph, 'orders-api/CreateOrderFunction')).toContain(
      'publishes orders-api/FulfilmentQueue (src/handlers/create-order.ts)',
    );
    expect(codeEdges(graph, 'orders-api/GetOrderFunction').some((e) => e.includes('FulfilmentQueue'))).toBe(
      false,
    );
    expect(codeEdges(graph, 'orders-api/OrderStreamFunction')).toEqual([
      'publishes orders-api/OrderEventsTopic (src/handlers/order-stream.ts)',
    ]);
    expect(codeEdges(graph, 'orders-api/ReceiptIndexerFunction')).toEqual([]);
  });

  it('keeps only what the policy allows and the code does when both speak about a pair', () => {
    const kinds = (from: string, to: string) =>
      graph
        .edges()
        .filter((e) => e.from === from && e.to === to)
        .map((e) => e.kind)
        .sort();
    // DynamoDBReadPolicy, and a shared module that also writes: the function can only read. The permission
    // itself is an `access` edge, as the Terraform analyzer draws it.
    expect(kinds('orders-api/GetOrderFunction', 'orders-api/OrdersTable')).toEqual(['access', 'reads']);
    const access = graph
      .edges()
      .find(
        (e) =>
          e.from === 'orders-api/GetOrderFunction' &&
          e.to === 'orders-api/OrdersTable' &&
          e.kind === 'access',
      );
    expect(access?.label).toBe('read');
    expect(access?.props).toEqual({ access: 'read' });
  });
});
