// The microservices fixture (docker-compose, no Terraform) gives exactly the expected services and edges, each
// edge with the file:line of the code that makes it.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import typescript from '../../../analyzers/typescript/index.js';
import { type PartialGraph, silentProgress } from '../../../src/model/index.js';

const ROOT = join(import.meta.dirname, '../../../fixtures/projects/microservices');
let graph: PartialGraph;

beforeAll(async () => {
  graph = await typescript.analyze({ dir: ROOT }, { root: ROOT, progress: silentProgress });
});

const node = (id: string) => graph.nodes.find((n) => n.id === id);

describe('microservices fixture', () => {
  test('finds the four deployable services and the compose containers, and no library package', () => {
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.service}`).sort()).toEqual([
      'code:@acme/gateway service fastify',
      'code:@acme/inventory service express',
      'code:@acme/orders service nestjs',
      'code:@acme/payments service hono',
      'compose:postgres database postgres',
      'compose:rabbitmq queue rabbitmq',
      'external:api.stripe.com external http',
    ]);
  });

  test('gives exactly the expected edges, each with file:line provenance from the typescript analyzer', () => {
    const edges = Object.fromEntries(
      graph.edges.map((e) => [e.id, e.sources.map((s) => `${s.analyzer} ${s.file}:${s.line}`)]),
    );
    const ts = (...where: string[]) => where.map((w) => `typescript services/${w}`);
    expect(edges).toEqual({
      'code:@acme/gateway -> code:@acme/orders (calls)': ts(
        'gateway/src/clients/orders.ts:10',
        'gateway/src/clients/orders.ts:19',
      ),
      'code:@acme/gateway -> code:@acme/inventory (calls)': ts('gateway/src/clients/inventory.ts:13'),
      'code:@acme/orders -> code:@acme/inventory (calls)': ts('orders/src/orders/orders.service.ts:36'),
      'code:@acme/orders -> code:@acme/payments (calls)': ts('orders/src/orders/orders.service.ts:38'),
      'code:@acme/orders -> compose:postgres (reads)': ts('orders/src/orders/orders.repository.ts:16'),
      'code:@acme/orders -> compose:postgres (writes)': ts(
        'orders/src/orders/orders.repository.ts:21',
        'orders/src/orders/orders.repository.ts:28',
      ),
      'code:@acme/orders -> compose:rabbitmq (publishes:order.created)': ts(
        'orders/src/messaging/events.ts:29',
      ),
      'compose:rabbitmq -> code:@acme/orders (consumes:orders.payment-completed)': ts(
        'orders/src/messaging/events.ts:20',
      ),
      'code:@acme/inventory -> compose:postgres (reads)': ts('inventory/src/db.ts:13'),
      'code:@acme/inventory -> compose:postgres (writes)': ts(
        'inventory/src/db.ts:22',
        'inventory/src/db.ts:23',
      ),
      'compose:rabbitmq -> code:@acme/inventory (consumes:inventory.order-created)': ts(
        'inventory/src/consumer.ts:12',
      ),
      'code:@acme/payments -> compose:postgres (reads)': ts('payments/src/main.ts:27'),
      'code:@acme/payments -> compose:postgres (writes)': ts('payments/src/main.ts:20'),
      'code:@acme/payments -> compose:rabbitmq (publishes:payment.completed)': ts('payments/src/main.ts:22'),
      'code:@acme/payments -> external:api.stripe.com (calls)': ts('payments/src/stripe.ts:4'),
    });
  });

  test('records HTTP operations with the path, dynamic segments as *', () => {
    const e = graph.edges.find((x) => x.id === 'code:@acme/gateway -> code:@acme/orders (calls)');
    expect(e?.protocol).toBe('http');
    expect(e?.props?.operations).toEqual(['GET /orders/*', 'POST /orders']);
  });

  test('lists inbound routes of Fastify, NestJS, Express and Hono apps', () => {
    expect(node('code:@acme/gateway')?.props.routes).toEqual([
      'GET /api/orders/:id',
      'GET /api/products',
      'GET /healthz',
      'POST /api/orders',
    ]);
    expect(node('code:@acme/orders')?.props.routes).toEqual(['GET /orders/:id', 'POST /orders']);
    expect(node('code:@acme/inventory')?.props.routes).toEqual([
      'GET /healthz',
      'GET /products',
      'POST /reservations',
    ]);
    expect(node('code:@acme/payments')?.props.routes).toEqual([
      'GET /charges/:id',
      'GET /healthz',
      'POST /charges',
    ]);
  });

  test('lists env vars read through process.env, NestJS ConfigService and the Prisma datasource', () => {
    expect(node('code:@acme/orders')?.props.envReads).toEqual([
      'AMQP_URL',
      'DATABASE_URL',
      'INVENTORY_URL',
      'PAYMENTS_URL',
      'PORT',
    ]);
    expect(node('code:@acme/payments')?.props.envReads).toEqual([
      'AMQP_URL',
      'DATABASE_URL',
      'PORT',
      'STRIPE_API_KEY',
    ]);
  });

  test('maps compose services to packages, with published ports, and never copies env values', () => {
    expect(node('code:@acme/inventory')?.aliases).toEqual(['compose:inventory']);
    expect(node('code:@acme/inventory')?.props.compose).toEqual({
      service: 'inventory',
      ports: ['3344:3002'],
    });
    expect(JSON.stringify(graph)).not.toContain('local-dev-only-password');
  });
});
