// One node per entry point: each Lambda handler carries the edges of the code its import graph reaches, for
// TypeScript packages and for plain JavaScript folders (ESM and CommonJS) with no package.json.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanDirectory } from '../../../src/index.js';
import type { ArchGraph } from '../../../src/model/index.js';
import { analyzeTree } from './support.js';

const TRAFFIC = new Set(['calls', 'reads', 'writes', 'publishes', 'consumes', 'routes', 'triggers']);
const trafficFrom = (g: ArchGraph, id: string) =>
  g
    .edges()
    .filter((e) => e.from === id && TRAFFIC.has(e.kind))
    .map((e) => `${e.kind} ${e.to}`)
    .sort();

describe('one node per entry point', () => {
  test('a package with three handlers yields three Lambdas, each with only its own edges', async () => {
    const { graph } = await scanDirectory(join('fixtures/realworld/lambda-multi-handler'));
    expect(trafficFrom(graph, 'aws_lambda_function.create_order')).toEqual([
      'publishes aws_sqs_queue.audit',
      'writes aws_dynamodb_table.orders',
    ]);
    expect(trafficFrom(graph, 'aws_lambda_function.charge')).toEqual([
      'publishes aws_sqs_queue.audit',
      'writes aws_dynamodb_table.payments',
    ]);
    expect(trafficFrom(graph, 'aws_lambda_function.list_orders')).toEqual([
      'reads aws_dynamodb_table.orders',
    ]);
    expect(graph.nodes().filter((n) => n.id.startsWith('code:') || n.id.startsWith('ref:'))).toEqual([]);
  });

  test('.mjs and CommonJS handlers with no package.json are found and joined', async () => {
    const { graph } = await scanDirectory(join('fixtures/realworld/lambda-mjs-no-package'));
    expect(trafficFrom(graph, 'aws_lambda_function.get_item')).toEqual(['reads aws_dynamodb_table.items']);
    expect(trafficFrom(graph, 'aws_lambda_function.put_item')).toEqual([
      'publishes aws_sns_topic.alerts',
      'writes aws_dynamodb_table.items',
    ]);
    // notify/index.js: require() of the SDK and a table name from module.exports of a sibling file.
    expect(trafficFrom(graph, 'aws_lambda_function.notify')).toEqual(['writes aws_dynamodb_table.items']);
  });

  test('code no handler reaches gives edges to nobody', async () => {
    const g = await analyzeTree(
      {
        'fn/handler.mjs': `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = () => s3.send(new GetObjectCommand({ Bucket: 'in' }));`,
        'fn/unused.mjs': `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const seed = () => s3.send(new PutObjectCommand({ Bucket: 'seed' }));`,
      },
      { handlers: [{ id: 'aws_lambda_function.fn', handler: 'handler.handler', paths: ['fn'] }] },
    );
    expect(g.edges.map((e) => e.id)).toEqual(['code:fn -> ref:aws_s3_bucket/in (reads)']);
  });

  test('a handler takes the functions it reaches, not every function of the files it imports', async () => {
    const g = await analyzeTree(
      {
        'fn/create.ts': `import { saveOrder } from './lib/orders';\nexport const handler = async () => saveOrder({ id: '1' });`,
        'fn/lib/orders.ts': `import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';\nconst doc = DynamoDBDocumentClient.from({} as never);\nconst TableName = process.env.ORDERS_TABLE;\nexport async function saveOrder(o: object) {\n  await doc.send(new PutCommand({ TableName, Item: o }));\n}\nexport async function loadOrder(id: string) {\n  return doc.send(new GetCommand({ TableName, Key: { id } }));\n}`,
      },
      { handlers: [{ id: 'aws_lambda_function.create', handler: 'create.handler', paths: ['fn'] }] },
    );
    expect(g.edges.map((e) => e.id)).toEqual(['code:fn -> ref:aws_dynamodb_table/env:ORDERS_TABLE (writes)']);
  });
});
