// The compact graph encoding: ids kept, plumbing collapsed, repeats aggregated, within budget for large estates,
// degrading in the documented order; and the redaction rules it relies on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTokens, encodeGraph, Redactor, validateChangeSet } from '../../src/llm/index.js';
import { isHighEntropy, looksSecret } from '../../src/llm/redact.js';
import { ArchGraph, edgeId } from '../../src/model/graph.js';
import { parseGraph } from '../../src/model/io.js';
import type { ArchNode } from '../../src/model/schema.js';
import { shopGraphPath } from './support.js';

const shop = () => parseGraph(readFileSync(shopGraphPath, 'utf8'), shopGraphPath);

function node(id: string, kind: ArchNode['kind'], parent?: string, extra: Partial<ArchNode> = {}): ArchNode {
  return {
    id,
    kind,
    name: id.split('.').pop()!,
    provider: 'aws',
    service: id.includes('.') ? id.replace(/^module\.[^.]+\./, '').split('.')[0]! : undefined,
    ...(parent ? { parent } : {}),
    props: {},
    tags: {},
    sources: [],
    ...extra,
  } as ArchNode;
}

/** An estate of `services` services, each with a Lambda, a queue, a table and plumbing, in two subnets. */
function estate(services: number): ArchGraph {
  const g = new ArchGraph();
  g.addNode(node('region:eu-west-1', 'region'));
  g.addNode(node('aws_vpc.main', 'vpc', 'region:eu-west-1'));
  g.addNode(node('aws_subnet.a', 'subnet', 'aws_vpc.main', { zone: 'eu-west-1a' }));
  g.addNode(node('aws_subnet.b', 'subnet', 'aws_vpc.main', { zone: 'eu-west-1b' }));
  for (let i = 0; i < services; i++) {
    const subnet = i % 2 ? 'aws_subnet.b' : 'aws_subnet.a';
    const props = { memory_size: 512, runtime: 'nodejs20.x', handler: `svc${i}.handler`, timeout: 30 };
    g.addNode(node(`module.team${i}.aws_lambda_function.svc`, 'function', subnet, { props }));
    g.addNode(node(`module.team${i}.aws_sqs_queue.svc`, 'queue', 'region:eu-west-1'));
    g.addNode(node(`module.team${i}.aws_dynamodb_table.svc`, 'database', 'region:eu-west-1'));
    g.addNode(node(`module.team${i}.aws_iam_role.svc`, 'identity', 'region:eu-west-1', { plumbing: true }));
    const q = `module.team${i}.aws_sqs_queue.svc`;
    const f = `module.team${i}.aws_lambda_function.svc`;
    const t = `module.team${i}.aws_dynamodb_table.svc`;
    g.addEdge({ id: edgeId(q, f, 'consumes'), from: q, to: f, kind: 'consumes', sources: [] });
    g.addEdge({ id: edgeId(f, t, 'writes'), from: f, to: t, kind: 'writes', sources: [] });
  }
  return g;
}

describe('encodeGraph', () => {
  it('keeps every component id of the shop, collapses plumbing and drops env values', () => {
    const g = shop();
    const { text, level } = encodeGraph(g, 12_000, new Redactor());
    expect(level).toBe('full');
    for (const n of g.nodes().filter((x) => !x.plumbing && !x.id.includes('['))) expect(text).toContain(n.id);
    expect(text).not.toContain('aws_security_group.db ');
    expect(text).toMatch(/plumbing collapsed \(\d+\): .*aws_security_group ×5/);
    expect(text).toContain('env=ORDERS_TABLE→aws_dynamodb_table.orders');
    expect(text).not.toContain('shop-prod-orders.c7x2kq9vbrmh'); // a DB endpoint address is not sent
  });

  it('aggregates expanded instances into one line with ×N', () => {
    const g = new ArchGraph();
    g.addNode(node('region:eu-west-1', 'region'));
    for (let i = 0; i < 3; i++)
      g.addNode(node(`aws_instance.web[${i}]`, 'service', 'region:eu-west-1', { count: 3 }));
    const { text } = encodeGraph(g, 12_000, new Redactor());
    expect(text).toContain('aws_instance.web[0..2] ×3 service aws_instance <region:eu-west-1>');
    expect(text).not.toContain('aws_instance.web[1]');
  });

  it('fits a 1,000-resource estate into the default budget, degrading past full detail', () => {
    const g = estate(250);
    expect(g.order).toBeGreaterThan(1000);
    const { tokens, level, truncated } = encodeGraph(g, 12_000, new Redactor());
    expect(tokens).toBeLessThanOrEqual(12_000);
    expect(level).not.toBe('full');
    expect(truncated).toBe(false);
  });

  it('degrades in order: props, then subnets, then by service type, as the budget shrinks', () => {
    const g = estate(40);
    const full = encodeGraph(g, 100_000, new Redactor());
    const noProps = encodeGraph(g, full.tokens - 1, new Redactor());
    const collapsed = encodeGraph(g, noProps.tokens - 1, new Redactor());
    const byService = encodeGraph(g, collapsed.tokens - 1, new Redactor());
    expect([full.level, noProps.level, collapsed.level, byService.level]).toEqual([
      'full',
      'no-props',
      'collapsed-subnets',
      'by-service',
    ]);
    expect(full.text).toContain('memory_size=512');
    expect(noProps.text).not.toContain('memory_size=512');
    expect(collapsed.text).toMatch(
      /aws_vpc\.main vpc <region:eu-west-1> subnets ×2 \(eu-west-1a,eu-west-1b\)/,
    );
    expect(byService.text).toMatch(/aws_lambda_function function ×40/);
    expect(byService.text).toContain('module.team7.aws_lambda_function.svc');
    expect(byService.text).toContain(
      '[aws_lambda_function function] -writes-> [aws_dynamodb_table database] ×40',
    );
  });

  it('cuts with a note rather than exceed a tiny budget', () => {
    const { tokens, truncated, text } = encodeGraph(estate(300), 60, new Redactor());
    expect(truncated).toBe(true);
    expect(tokens).toBeLessThanOrEqual(60);
    expect(text).toMatch(/more lines cut to fit the token budget$/);
    expect(countTokens(text)).toBe(tokens);
  });
});

describe('redaction rules', () => {
  it('recognises AWS keys, PEM blocks, tokens and random strings, but not ids and names', () => {
    for (const secret of [
      'AKIAIOSFODNN7EXAMPLE',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nabc',
      'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'postgres://app:hunter2@db.example.com/orders',
    ])
      expect(looksSecret(secret), secret).toBe(true);
    for (const plain of [
      'module.cache.aws_elasticache_replication_group.this',
      'arn:aws:lambda:eu-west-1:123456789012:function:shop-prod-order-worker',
      'shop-prod-receipts',
      'PAY_PER_REQUEST',
      'ami-0abcdef1234567890',
    ])
      expect(looksSecret(plain), plain).toBe(false);
    expect(isHighEntropy('aaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });

  it('replaces account ids with stable placeholders and maps them back', () => {
    const r = new Redactor();
    const text = r.scrub(
      'arn:aws:sqs:eu-west-1:123456789012:a and arn:aws:iam::210987654321:role/x and 123456789012',
    );
    expect(text).toBe('arn:aws:sqs:eu-west-1:<acct-1>:a and arn:aws:iam::<acct-2>:role/x and <acct-1>');
    expect(r.restore({ id: 'arn:aws:sqs:eu-west-1:<acct-1>:a' })).toEqual({
      id: 'arn:aws:sqs:eu-west-1:123456789012:a',
    });
    expect(new Redactor(true).scrub('123456789012')).toBe('123456789012');
  });

  it('drops sensitive keys and secret values from structured values', () => {
    const r = new Redactor();
    expect(
      r.clean({
        db_password: 'x',
        name: 'orders',
        partner: 'AKIAIOSFODNN7EXAMPLE',
        nested: { api_key: 'y' },
      }),
    ).toEqual({
      name: 'orders',
      partner: '[redacted]',
      nested: {},
    });
  });
});

describe('validateChangeSet', () => {
  it('lists every unknown id, orphan edge and unexplained data-store removal', () => {
    const problems = validateChangeSet(shop(), {
      title: 't',
      summary: '',
      goals: [],
      tradeoffs: [],
      alternatives: [],
      risks: [],
      openQuestions: [],
      capacity: [],
      costNotes: [],
      rollout: [],
      ops: [
        { op: 'remove_node', id: 'aws_db_instance.ghost', rationale: 'x' },
        { op: 'remove_node', id: 'aws_sqs_queue.orders', rationale: 'not needed' },
        {
          op: 'remove_node',
          id: 'aws_s3_bucket.receipts',
          rationale: 'data migrated to the assets bucket first',
        },
        {
          op: 'add_edge',
          edge: {
            id: 'a -> b (calls)',
            from: 'aws_ecs_service.api',
            to: 'aws_lambda_function.ghost',
            kind: 'calls',
            sources: [],
          },
          rationale: 'x',
        },
      ],
    });
    expect(problems).toEqual([
      'ops[0] remove_node: no node "aws_db_instance.ghost"',
      'ops[1] remove_node: "aws_sqs_queue.orders" is a queue; removing a data store needs a rationale that says how its data is migrated',
      'ops[3] add_edge: edge "a -> b (calls)" joins "aws_lambda_function.ghost", which is not a node',
    ]);
  });
});
