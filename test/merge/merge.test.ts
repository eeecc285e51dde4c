// Merge rules on small hand-built partial graphs: env-var binding, aliases, live ↔ Terraform, regions, conflicts.
import { describe, expect, test } from 'vitest';
import { driftReport, mergePartials } from '../../src/merge/index.js';
import { type ArchEdge, type ArchNode, edgeId, type PartialGraph } from '../../src/model/index.js';

const node = (n: Partial<ArchNode> & Pick<ArchNode, 'id' | 'kind'>, analyzer: string): ArchNode => ({
  name: n.id,
  provider: analyzer === 'typescript' ? 'code' : 'aws',
  props: {},
  tags: {},
  sources: [{ analyzer, ...(analyzer === 'aws' ? { arn: n.id } : { file: `${analyzer}.src`, line: 1 }) }],
  ...n,
});
const edge = (
  from: string,
  to: string,
  kind: ArchEdge['kind'],
  analyzer: string,
  extra: Partial<ArchEdge> = {},
) => ({
  id: edgeId(from, to, kind, extra.label),
  from,
  to,
  kind,
  sources: [{ analyzer, file: `${analyzer}.src`, line: 7 }],
  ...extra,
});
const partial = (analyzer: string, nodes: ArchNode[], edges: ArchEdge[] = []): PartialGraph => ({
  analyzer,
  nodes,
  edges,
  diagnostics: [],
});

const terraform = partial(
  'terraform',
  [
    node(
      {
        id: 'aws_lambda_function.worker',
        kind: 'function',
        name: 'shop-worker',
        service: 'aws_lambda_function',
        props: {
          env: { ORDERS_TABLE: 'aws_dynamodb_table.orders.name' },
          envRefs: { ORDERS_TABLE: 'aws_dynamodb_table.orders' },
        },
      },
      'terraform',
    ),
    node({ id: 'aws_dynamodb_table.orders', kind: 'database', service: 'aws_dynamodb_table' }, 'terraform'),
  ],
  [
    edge('aws_lambda_function.worker', 'aws_dynamodb_table.orders', 'depends_on', 'terraform', {
      id: edgeId('aws_lambda_function.worker', 'aws_dynamodb_table.orders', 'depends_on', 'env ORDERS_TABLE'),
      label: 'env ORDERS_TABLE',
      props: { env: 'ORDERS_TABLE' },
    }),
  ],
);
const code = partial(
  'typescript',
  [
    node(
      {
        id: 'code:worker',
        kind: 'service',
        name: 'worker',
        props: { path: 'services/worker', envReads: ['ORDERS_TABLE'] },
      },
      'typescript',
    ),
    node(
      {
        id: 'ref:aws_dynamodb_table/env:ORDERS_TABLE',
        kind: 'database',
        service: 'aws_dynamodb_table',
        props: { env: 'ORDERS_TABLE' },
      },
      'typescript',
    ),
  ],
  [
    edge('code:worker', 'ref:aws_dynamodb_table/env:ORDERS_TABLE', 'writes', 'typescript', {
      props: { env: 'ORDERS_TABLE', operations: ['PutCommand'] },
    }),
  ],
);

describe('env-var binding', () => {
  test('code PutCommand on process.env.X + Terraform X=table gives lambda → table (writes) with both provenances', () => {
    const g = mergePartials([terraform, code]);
    const e = g.edge('aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)');
    expect(e?.sources.map((s) => s.analyzer).sort()).toEqual(['terraform', 'typescript']);
    expect(e?.props).toMatchObject({ env: 'ORDERS_TABLE', operations: ['PutCommand'] });
    // the depends_on env edge was upgraded, not duplicated; the placeholder found its resource
    expect(g.edges().map((x) => x.id)).toEqual([
      'aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)',
    ]);
    expect(g.hasNode('ref:aws_dynamodb_table/env:ORDERS_TABLE')).toBe(false);
  });

  test('the code service folds into the compute that runs it, keeping every source and its code id as alias', () => {
    const g = mergePartials([terraform, code]);
    const n = g.node('aws_lambda_function.worker');
    expect(n?.aliases).toEqual(['code:worker']);
    expect(n?.sources.map((s) => s.analyzer).sort()).toEqual(['terraform', 'typescript']);
    expect(n?.props.envReads).toEqual(['ORDERS_TABLE']);
    expect(n?.kind).toBe('function');
  });

  test('without Terraform the placeholder stays and drift lists it as used but declared nowhere', () => {
    const g = mergePartials([code]);
    expect(g.hasNode('ref:aws_dynamodb_table/env:ORDERS_TABLE')).toBe(true);
    expect(driftReport(g).usedButUndeclared.map((i) => i.id)).toEqual([
      'ref:aws_dynamodb_table/env:ORDERS_TABLE',
    ]);
  });
});

describe('correlation', () => {
  const arn = 'arn:aws:sqs:eu-west-1:123456789012:shop-orders';
  test('a live node joins the Terraform node that lists its ARN; the region groups reconcile', () => {
    const tf = partial('terraform', [
      node({ id: 'region:eu-west-1', kind: 'region' }, 'terraform'),
      node(
        {
          id: 'aws_sqs_queue.orders',
          kind: 'queue',
          service: 'aws_sqs_queue',
          parent: 'region:eu-west-1',
          aliases: [arn],
        },
        'terraform',
      ),
    ]);
    const live = partial('aws', [
      node({ id: 'account:123456789012', kind: 'account' }, 'aws'),
      node(
        { id: 'account:123456789012/region:eu-west-1', kind: 'region', parent: 'account:123456789012' },
        'aws',
      ),
      node(
        { id: arn, kind: 'queue', service: 'aws_sqs_queue', parent: 'account:123456789012/region:eu-west-1' },
        'aws',
      ),
    ]);
    const g = mergePartials([tf, live]);
    expect(
      g
        .nodes()
        .map((n) => n.id)
        .sort(),
    ).toEqual(['account:123456789012', 'aws_sqs_queue.orders', 'region:eu-west-1']);
    expect(
      g
        .node('aws_sqs_queue.orders')
        ?.sources.map((s) => s.analyzer)
        .sort(),
    ).toEqual(['aws', 'terraform']);
    expect(g.node('region:eu-west-1')).toMatchObject({
      parent: 'account:123456789012',
      aliases: ['account:123456789012/region:eu-west-1'],
    });
  });

  test('without an ARN, a live node joins the Terraform node of the same type and name', () => {
    const tf = partial('terraform', [
      node(
        { id: 'aws_sqs_queue.orders', kind: 'queue', service: 'aws_sqs_queue', name: 'shop-orders' },
        'terraform',
      ),
      node(
        {
          id: 'aws_dynamodb_table.orders',
          kind: 'database',
          service: 'aws_dynamodb_table',
          name: 'shop-orders',
        },
        'terraform',
      ),
    ]);
    const live = partial('aws', [
      node({ id: arn, kind: 'queue', service: 'aws_sqs_queue', name: 'shop-orders' }, 'aws'),
    ]);
    const g = mergePartials([tf, live]);
    expect(g.node('aws_sqs_queue.orders')?.aliases).toEqual([arn]);
    expect(g.node('aws_dynamodb_table.orders')?.aliases).toBeUndefined();
  });

  test('two nodes of one analyzer that share a plain alias stay apart', () => {
    const tf = partial('terraform', [
      node(
        { id: 'aws_iam_role.worker', kind: 'identity', service: 'aws_iam_role', aliases: ['shop-worker'] },
        'terraform',
      ),
      node(
        {
          id: 'aws_lambda_function.worker',
          kind: 'function',
          service: 'aws_lambda_function',
          aliases: ['shop-worker'],
        },
        'terraform',
      ),
    ]);
    expect(mergePartials([tf]).order).toBe(2);
  });

  test('the same id with different kinds is a diagnostic, never a silent overwrite', () => {
    const a = partial('terraform', [node({ id: 'x', kind: 'queue' }, 'terraform')]);
    const b = partial('other', [node({ id: 'x', kind: 'topic' }, 'other')]);
    const g = mergePartials([a, b]);
    expect(g.node('x')?.kind).toBe('queue');
    expect(g.diagnostics).toEqual([
      expect.objectContaining({ code: 'merge-kind-conflict', severity: 'warning' }),
    ]);
  });

  test('a code service that could be either of two computes equally is not joined, with a warning', () => {
    const tf = partial('terraform', [
      node(
        { id: 'aws_ecs_service.api', kind: 'container', service: 'aws_ecs_service', name: 'api' },
        'terraform',
      ),
      node(
        { id: 'aws_lambda_function.api', kind: 'function', service: 'aws_lambda_function', name: 'api' },
        'terraform',
      ),
    ]);
    const c = partial('typescript', [
      node({ id: 'code:api', kind: 'service', name: 'api', props: { path: 'api' } }, 'typescript'),
    ]);
    const g = mergePartials([tf, c]);
    expect(g.hasNode('code:api')).toBe(true);
    expect(g.diagnostics.map((d) => d.code)).toEqual(['merge-ambiguous-compute']);
  });
});

describe('several Lambda functions from one package', () => {
  test('each handler becomes a function unit and joins the Lambda with that handler', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const typescript = (await import('../../analyzers/typescript/index.js')).default;
    const { silentProgress } = await import('../../src/model/index.js');
    const root = mkdtempSync(join(tmpdir(), 'archmap-handlers-'));
    const write = (p: string, t: string) => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), t);
    };
    write('fns/package.json', JSON.stringify({ name: 'fns', devDependencies: { '@types/aws-lambda': '8' } }));
    write(
      'fns/src/create.ts',
      `import { PutCommand } from '@aws-sdk/lib-dynamodb';\nexport const handler = async () => new PutCommand({ TableName: process.env.TABLE, Item: {} });`,
    );
    write(
      'fns/src/list.ts',
      `import { ScanCommand } from '@aws-sdk/lib-dynamodb';\nexport const handler = async () => new ScanCommand({ TableName: process.env.TABLE });`,
    );
    const lambda = (name: string, handler: string) =>
      node(
        {
          id: `aws_lambda_function.${name}`,
          kind: 'function',
          service: 'aws_lambda_function',
          name: `app-${name}`,
          props: { handler, filename: 'fns/dist/bundle.zip', envRefs: { TABLE: 'aws_dynamodb_table.items' } },
        },
        'terraform',
      );
    const tf = partial('terraform', [
      lambda('create', 'create.handler'),
      lambda('list', 'list.handler'),
      node({ id: 'aws_dynamodb_table.items', kind: 'database', service: 'aws_dynamodb_table' }, 'terraform'),
    ]);
    const hints = [
      {
        id: 'aws_lambda_function.create',
        handler: 'create.handler',
        paths: [join(root, 'fns/dist/bundle.zip')],
      },
      { id: 'aws_lambda_function.list', handler: 'list.handler', paths: [join(root, 'fns/dist/bundle.zip')] },
    ];
    const code = await typescript.analyze({ dir: root, handlers: hints }, { root, progress: silentProgress });
    expect(code.nodes.filter((n) => n.provider === 'code').map((n) => n.id)).toEqual([
      'code:fns/create',
      'code:fns/list',
    ]);
    const g = mergePartials([tf, code]);
    expect(
      g
        .edges()
        .map((e) => e.id)
        .sort(),
    ).toEqual([
      'aws_lambda_function.create -> aws_dynamodb_table.items (writes)',
      'aws_lambda_function.list -> aws_dynamodb_table.items (reads)',
    ]);
  });
});
