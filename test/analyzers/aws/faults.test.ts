import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AWS_OPERATIONS } from '../../../analyzers/aws/operations.js';
import { ExternalError } from '../../../src/model/errors.js';
import type { PartialGraph } from '../../../src/model/index.js';
import { type AwsServer, startAwsServer } from '../../support/aws-server.js';
import { scanShop, shopServerOptions } from './helpers.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:shop-prod-order-worker';
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:shop-prod-orders';
const LEGACY_QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:shop-prod-legacy-events';
const DISTRIBUTION = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL';
const ESM = 'arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const codes = (g: PartialGraph) => g.diagnostics.map((d) => d.code);
const node = (g: PartialGraph, id: string) => g.nodes.find((n) => n.id === id);
const served = (s: AwsServer, operation: string, region?: string, typeName?: string) =>
  s.calls.filter(
    (c) =>
      c.operation === operation && (!region || c.region === region) && (!typeName || c.typeName === typeName),
  );

describe('aws analyzer under faults', () => {
  let server: AwsServer;
  let baseline: PartialGraph;

  beforeAll(async () => {
    const clean = await startAwsServer(shopServerOptions());
    baseline = await scanShop(clean);
    await clean.close();
  });
  beforeEach(async () => {
    server = await startAwsServer(shopServerOptions());
  });
  afterEach(async () => {
    // Retries and faults never make the analyzer reach for anything but its declared operations.
    expect(server.actions().filter((a) => !(AWS_OPERATIONS as readonly string[]).includes(a))).toEqual([]);
    await server.close();
  });

  test('retries Tagging throttling (ThrottledException) and loses nothing', async () => {
    server.inject({ kind: 'throttle', region: 'eu-west-1', operation: 'GetResources', times: 2 });
    const g = await scanShop(server);
    expect(g.diagnostics).toEqual([]);
    expect(g.nodes.length).toBe(baseline.nodes.length);
    expect(served(server, 'GetResources', 'eu-west-1').map((c) => c.status)).toEqual([400, 400, 200]);
  });

  test('retries Cloud Control throttling (ThrottlingException) on GetResource', async () => {
    server.inject({
      kind: 'throttle',
      operation: 'GetResource',
      typeName: 'AWS::Lambda::Function',
      times: 2,
    });
    const g = await scanShop(server);
    expect(g.diagnostics).toEqual([]);
    expect(node(g, LAMBDA)?.props.Runtime).toBe('nodejs20.x');
  });

  test('warns when throttling outlasts every retry, and scans the rest', async () => {
    server.inject({
      kind: 'throttle',
      region: 'eu-west-1',
      operation: 'ListResources',
      typeName: 'AWS::Lambda::EventSourceMapping',
    });
    const g = await scanShop(server, { maxAttempts: 2 });
    expect(codes(g)).toEqual(['aws-throttled']);
    expect(g.diagnostics[0]?.message).toMatch(
      /^eu-west-1: cloudformation:ListResources AWS::Lambda::EventSourceMapping/,
    );
    expect(served(server, 'ListResources', 'eu-west-1', 'AWS::Lambda::EventSourceMapping')).toHaveLength(2);
    expect(node(g, ESM)).toBeUndefined();
    expect(node(g, LAMBDA)).toBeDefined();
  });

  test('turns AccessDenied on a region’s Tagging API into one warning; Cloud Control still finds its resources', async () => {
    server.inject({ kind: 'access-denied', region: 'us-east-1', operation: 'GetResources' });
    const g = await scanShop(server);
    expect(codes(g)).toEqual(['aws-access-denied']);
    expect(g.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/^us-east-1: tag:GetResources failed \(AccessDeniedException/),
      hint: expect.stringContaining('archmap aws policy'),
    });
    expect(node(g, DISTRIBUTION)?.kind).toBe('cdn');
    expect(node(g, 'arn:aws:s3:::shop-prod-assets-replica')).toBeUndefined();
    expect(g.nodes.filter((n) => n.region === 'eu-west-1')).toHaveLength(
      baseline.nodes.filter((n) => n.region === 'eu-west-1').length,
    );
  });

  test('keeps a resource whose details are denied, and names it in the warning', async () => {
    server.inject({ kind: 'access-denied', operation: 'GetResource', typeName: 'AWS::Lambda::Function' });
    const g = await scanShop(server);
    expect(codes(g)).toEqual(['aws-access-denied']);
    expect(g.diagnostics[0]?.message).toContain(LAMBDA);
    expect(node(g, LAMBDA)).toMatchObject({ kind: 'function', tags: { Project: 'shop' } });
    expect(node(g, LAMBDA)?.props.Runtime).toBeUndefined();
    // The event source mapping still links the queue to the function.
    expect(g.edges.some((e) => e.from === QUEUE && e.to === LAMBDA && e.kind === 'consumes')).toBe(true);
  });

  test('retries a 500 and gets the full account', async () => {
    server.inject({ kind: 'internal-error', region: 'eu-west-1', operation: 'GetResources', times: 1 });
    server.inject({
      kind: 'internal-error',
      operation: 'ListResources',
      typeName: 'AWS::SQS::Queue',
      times: 1,
    });
    const g = await scanShop(server);
    expect(g.diagnostics).toEqual([]);
    expect(g.nodes.length).toBe(baseline.nodes.length);
  });

  test('warns about a lasting 500 and goes on', async () => {
    server.inject({ kind: 'internal-error', operation: 'GetResource', typeName: 'AWS::SQS::Queue' });
    const g = await scanShop(server, { maxAttempts: 2 });
    expect(codes(g)).toEqual(['aws-error']);
    expect(g.diagnostics[0]?.message).toContain(
      `for 3 resource(s), kept with their tags only: ${LEGACY_QUEUE}, ${QUEUE}, ${QUEUE}-dlq`,
    );
    expect(node(g, QUEUE)?.kind).toBe('queue');
  });

  test('waits for a slow answer within the timeout', async () => {
    server.inject({ kind: 'delay', operation: 'GetResources', region: 'eu-west-1', delayMs: 400 });
    const g = await scanShop(server);
    expect(g.diagnostics).toEqual([]);
    expect(g.nodes.length).toBe(baseline.nodes.length);
  });

  test('gives up on an answer slower than the timeout, after bounded retries', async () => {
    // No wall-clock bound: a client that waited for the 30 s answer would get it, and report no timeout.
    server.inject({ kind: 'delay', operation: 'GetResources', region: 'us-east-1', delayMs: 30_000 });
    const g = await scanShop(server, { requestTimeoutMs: 1_500, maxAttempts: 2 });
    expect(g.diagnostics.map((d) => `${d.code} ${d.message.slice(0, 27)}`)).toEqual([
      'aws-timeout us-east-1: tag:GetResources',
    ]);
    expect(served(server, 'GetResources', 'us-east-1')).toHaveLength(2);
    expect(node(g, LAMBDA)).toBeDefined();
  });

  test('warns about a malformed JSON body without losing the other sources', async () => {
    server.inject({ kind: 'malformed-json', region: 'eu-west-1', operation: 'GetResources' });
    const g = await scanShop(server);
    expect(codes(g)).toEqual(['aws-bad-response']);
    // Untagged discovery still works: Cloud Control lists the significant types.
    expect(node(g, LAMBDA)?.props.Runtime).toBe('nodejs20.x');
    expect(node(g, 'arn:aws:s3:::shop-prod-receipts')).toBeUndefined();
  });

  test('skips an opt-in region that is not enabled with one warning', async () => {
    const g = await scanShop(server, { regions: ['ap-east-1', 'eu-west-1'] });
    expect(codes(g)).toEqual(['aws-region-not-enabled']);
    expect(g.diagnostics[0]?.message).toMatch(/^ap-east-1: region is not enabled for account 123456789012/);
    expect(g.nodes.some((n) => n.region === 'ap-east-1')).toBe(false);
    expect(node(g, LAMBDA)).toBeDefined();
  });

  test('warns about a type Cloud Control cannot list, and still reads the tagged ones', async () => {
    server.inject({
      kind: 'unsupported-action',
      operation: 'ListResources',
      typeName: 'AWS::Lambda::Function',
    });
    server.inject({ kind: 'type-not-found', operation: 'ListResources', typeName: 'AWS::ApiGatewayV2::Api' });
    const g = await scanShop(server);
    expect(codes(g).sort()).toEqual(Array(4).fill('aws-unsupported-type'));
    expect(g.diagnostics.map((d) => d.message).join('\n')).toMatch(/UnsupportedActionException/);
    expect(g.diagnostics.map((d) => d.message).join('\n')).toMatch(/TypeNotFoundException/);
    expect(node(g, LAMBDA)?.props.Runtime).toBe('nodejs20.x');
  });

  test('stops at once when aborted, with an interruption error', async () => {
    // The answers would take 10 minutes: a scan that waited for them before stopping would run into the test's
    // timeout. "At once" is that bound, not a wall-clock assertion that a loaded machine can break.
    server.inject({ kind: 'delay', delayMs: 600_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(scanShop(server, {}, controller.signal)).rejects.toThrow(ExternalError);
  });
});
