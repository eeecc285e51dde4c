// An AWS endpoint whose pagination never ends (a token that loops, or a new token every time) must not make
// `scan aws` call the account forever: the chain stops, one warning names the region and what was listed, and
// the pages already read are kept.
import { afterEach, describe, expect, it } from 'vitest';
import type { PartialGraph } from '../../src/model/index.js';
import { scanShop, shopServerOptions } from '../analyzers/aws/helpers.js';
import { type AwsServer, startAwsServer } from '../support/aws-server.js';

const R = 'eu-west-1';
const served = (s: AwsServer, operation: string, typeName?: string) =>
  s.calls.filter(
    (c) => c.operation === operation && c.region === R && (!typeName || c.typeName === typeName),
  );
const stopped = (g: PartialGraph) => g.diagnostics.filter((d) => d.code === 'aws-pagination-stopped');

describe('aws pagination on hostile tokens', () => {
  let server: AwsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('stops a Tagging chain whose last page hands back a token already seen, warns once and keeps every page', async () => {
    server = await startAwsServer(shopServerOptions({ taggingPageSize: 10 }));
    const clean = await scanShop(server, { regions: [R], details: false, types: [] });
    const cleanCalls = served(server, 'GetResources').length;
    expect(cleanCalls).toBe(5); // 43 tagged resources, 10 a page
    server.calls.length = 0;
    server.inject({ kind: 'repeat-token', region: R, operation: 'GetResources' });
    const g = await scanShop(server, { regions: [R], details: false, types: [] });
    // No call more than a clean scan: the looping token is known before it is sent.
    expect(served(server, 'GetResources').length).toBe(cleanCalls);
    const warnings = stopped(g);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.message).toMatch(
      /^eu-west-1: tag:GetResources stopped after 5 page\(s\) because the service returned a pagination token it had already returned; kept the 43 item\(s\) read$/,
    );
    expect(warnings[0]!.message).not.toContain('\n');
    expect(g.nodes.map((n) => n.id).sort()).toEqual(clean.nodes.map((n) => n.id).sort());
  });

  it('stops a Cloud Control chain that returns a new token forever at the page cap, naming the type', async () => {
    server = await startAwsServer(shopServerOptions({ cloudControlPageSize: 2 }));
    server.inject({
      kind: 'endless-token',
      region: R,
      operation: 'ListResources',
      typeName: 'AWS::SQS::Queue',
    });
    const g = await scanShop(server, {
      regions: [R],
      details: false,
      types: ['AWS::SQS::Queue'],
      maxPages: 40,
    });
    expect(served(server, 'ListResources', 'AWS::SQS::Queue')).toHaveLength(40);
    const warnings = stopped(g);
    expect(warnings.map((w) => w.message)).toEqual([
      'eu-west-1: cloudformation:ListResources AWS::SQS::Queue stopped after 40 page(s) because it reached the cap of 40 pages; kept the 3 item(s) read',
    ]);
    expect(warnings[0]!.hint).toMatch(/--max-pages/);
    // The three queues listed on the real pages are in the graph.
    expect(g.nodes.filter((n) => n.id.startsWith('arn:aws:sqs:eu-west-1:'))).toHaveLength(3);
  });

  it('the default cap also ends an endless chain (bounded without any flag)', async () => {
    server = await startAwsServer(shopServerOptions());
    server.inject({ kind: 'endless-token', region: R, operation: 'GetResources' });
    const g = await scanShop(server, { regions: [R], details: false, types: [], maxPages: 200 });
    expect(served(server, 'GetResources')).toHaveLength(200);
    expect(stopped(g)).toHaveLength(1);
    expect(g.nodes.length).toBeGreaterThan(40);
  }, 60_000);
});
