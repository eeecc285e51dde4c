// What a service uses: SDK commands (v2 and v3), clients, HTTP targets through compose, serverless functions.
import { describe, expect, test } from 'vitest';
import { analyzeTree, edgeIds, pkg } from './support.js';

describe('AWS SDK usage', () => {
  test('v3 commands map to edge kinds, resolving literal ARNs, consts and process.env', async () => {
    const g = await analyzeTree({
      'package.json': pkg('events'),
      'src/main.ts': `
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { SQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:order-events';
const sns = new SNSClient({});
export async function run() {
  await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x' }));
  await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [{ Detail: '{}' }] }));
  await new LambdaClient({}).send(new InvokeCommand({ FunctionName: process.env.PRICER_FN }));
  await new SQSClient({}).send(new ReceiveMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' }));
}
`,
    });
    expect(edgeIds(g)).toEqual([
      'code:events -> ref:aws_cloudwatch_event_bus/default (publishes)',
      'code:events -> ref:aws_lambda_function/env:PRICER_FN (calls)',
      'code:events -> ref:aws_sns_topic/order-events (publishes)',
      'ref:aws_sqs_queue/jobs -> code:events (consumes)',
    ]);
    const invoke = g.edges.find((e) => e.kind === 'calls');
    expect(invoke?.props).toMatchObject({ env: 'PRICER_FN', operations: ['InvokeCommand'] });
    expect(invoke?.sources).toEqual([{ analyzer: 'typescript', file: 'src/main.ts', line: 11 }]);
  });

  test('v2 clients: DocumentClient put/query and S3 getObject through a config object', async () => {
    const g = await analyzeTree({
      'package.json': pkg('legacy'),
      'src/config.ts': `export const settings = { tables: { orders: 'orders-table' }, bucket: process.env.ASSETS };`,
      'src/main.ts': `
import AWS from 'aws-sdk';
import { settings } from './config.js';
const db = new AWS.DynamoDB.DocumentClient();
const s3 = new AWS.S3();
export async function handler() {
  await db.put({ TableName: settings.tables.orders, Item: {} }).promise();
  await db.query({ TableName: settings.tables.orders }).promise();
  await s3.getObject({ Bucket: settings.bucket, Key: 'a' }).promise();
}
`,
    });
    expect(edgeIds(g)).toEqual([
      'code:legacy -> ref:aws_dynamodb_table/orders-table (reads)',
      'code:legacy -> ref:aws_dynamodb_table/orders-table (writes)',
      'code:legacy -> ref:aws_s3_bucket/env:ASSETS (reads)',
    ]);
  });

  test('a resource argument that cannot be resolved becomes an info diagnostic with file:line', async () => {
    const g = await analyzeTree({
      'package.json': pkg('dyn'),
      'src/main.ts': `
import { PutObjectCommand } from '@aws-sdk/client-s3';
export const put = (bucket: string) => new PutObjectCommand({ Bucket: bucket, Key: 'k' });
`,
    });
    expect(g.edges).toEqual([]);
    expect(g.diagnostics).toEqual([
      expect.objectContaining({
        code: 'code-target-unresolved',
        file: 'src/main.ts',
        line: 3,
        severity: 'info',
      }),
    ]);
  });
});

describe('datastore, broker and HTTP clients', () => {
  test('kafkajs producer and consumer, mongodb reads and writes, ioredis publish', async () => {
    const g = await analyzeTree({
      'package.json': pkg('feed'),
      'src/main.ts': `
import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import Redis from 'ioredis';
const kafka = new Kafka({ brokers: ['kafka.internal:9092'] });
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: 'feed' });
const mongo = new MongoClient('mongodb://mongo.internal:27017');
const redis = new Redis('redis://cache.internal:6379');
export async function run() {
  await producer.send({ topic: 'feed.updated', messages: [] });
  await consumer.subscribe({ topic: 'feed.requests' });
  await mongo.db('feed').collection('items').insertOne({});
  await mongo.db('feed').collection('items').find({}).toArray();
  await redis.publish('feed', 'x');
}
`,
    });
    expect(edgeIds(g)).toEqual([
      'code:feed -> ref:kafka/kafka.internal (publishes:feed.updated)',
      'code:feed -> ref:mongodb/mongo.internal (reads)',
      'code:feed -> ref:mongodb/mongo.internal (writes)',
      'code:feed -> ref:redis/cache.internal (publishes)',
      'ref:kafka/kafka.internal -> code:feed (consumes:feed.requests)',
    ]);
  });

  test('localhost:<published port> and compose hostnames map to the compose service', async () => {
    const g = await analyzeTree({
      'docker-compose.yml': `services:
  web:
    build: ./web
  catalog:
    build: { context: ./catalog }
    ports: ["3344:3000"]
  search:
    image: opensearchproject/opensearch:2
`,
      'web/package.json': pkg('web'),
      'web/Dockerfile': 'FROM node:20',
      'web/src/main.ts': `
import axios from 'axios';
import { Client } from '@opensearch-project/opensearch';
const search = new Client({ node: 'http://search:9200' });
export const items = () => axios.get('http://localhost:3344/items');
export const find = () => search.search({ index: 'items' });
`,
      'catalog/package.json': pkg('catalog'),
      'catalog/Dockerfile': 'FROM node:20',
      'catalog/src/main.ts': 'export {};',
    });
    expect(edgeIds(g)).toEqual(['code:web -> code:catalog (calls)', 'code:web -> compose:search (reads)']);
    expect(g.nodes.find((n) => n.id === 'compose:search')).toMatchObject({
      kind: 'search',
      service: 'opensearch',
    });
  });

  test('an unreadable compose file is reported with file:line and the code is still analysed', async () => {
    const g = await analyzeTree({
      'docker-compose.yml': 'services:\n  web:\n    build: ./web\n  bad: [unclosed\n',
      'web/package.json': pkg('web'),
      'web/src/main.ts': `export const f = () => fetch('https://api.example.com/v1/x');`,
    });
    expect(g.diagnostics.find((d) => d.code === 'compose-parse')).toMatchObject({
      file: 'docker-compose.yml',
      severity: 'error',
    });
    expect(edgeIds(g)).toEqual(['code:web -> external:api.example.com (calls)']);
  });
});

describe('services', () => {
  test('serverless.yml functions are units with their routes and only their own code', async () => {
    const g = await analyzeTree({
      'package.json': pkg('svc'),
      'serverless.yml': `service: svc
functions:
  create:
    handler: src/create.handler
    events:
      - http: { path: orders, method: post }
  report:
    handler: src/report.handler
`,
      'src/create.ts': `
import { PutCommand } from '@aws-sdk/lib-dynamodb';
export const handler = async () => new PutCommand({ TableName: process.env.TABLE, Item: {} });
`,
      'src/report.ts': `
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
export const handler = async () => new ScanCommand({ TableName: process.env.TABLE });
`,
    });
    expect(g.nodes.filter((n) => n.provider === 'code').map((n) => [n.id, n.kind, n.props.routes])).toEqual([
      ['code:svc/create', 'function', ['POST /orders']],
      ['code:svc/report', 'function', undefined],
    ]);
    expect(edgeIds(g)).toEqual([
      'code:svc/create -> ref:aws_dynamodb_table/env:TABLE (writes)',
      'code:svc/report -> ref:aws_dynamodb_table/env:TABLE (reads)',
    ]);
  });

  test('a Lambda handler named by Terraform outside any package becomes a function unit', async () => {
    const g = await analyzeTree(
      {
        'infra/main.tf': '',
        'lambdas/resize/index.ts': `
import { GetObjectCommand } from '@aws-sdk/client-s3';
export const handler = async () => new GetObjectCommand({ Bucket: 'images', Key: 'k' });
`,
      },
      {
        handlers: [{ id: 'aws_lambda_function.resize', handler: 'index.handler', paths: ['lambdas/resize'] }],
      },
    );
    expect(g.nodes.find((n) => n.id === 'code:lambdas/resize')).toMatchObject({ kind: 'function' });
    expect(edgeIds(g)).toEqual(['code:lambdas/resize -> ref:aws_s3_bucket/images (reads)']);
  });

  test('a workspace library used by a service is not a service', async () => {
    const g = await analyzeTree({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/lib/package.json': JSON.stringify({ name: '@x/lib', main: 'dist/index.js' }),
      'packages/lib/src/index.ts': 'export const QUEUE = "jobs";',
      'packages/app/package.json': pkg('@x/app', { dependencies: { '@x/lib': '*' } }),
      'packages/app/src/main.ts': `
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { QUEUE } from '@x/lib';
export const send = () => new SendMessageCommand({ QueueUrl: QUEUE, MessageBody: '' });
`,
    });
    expect(g.nodes.filter((n) => n.provider === 'code').map((n) => n.id)).toEqual(['code:@x/app']);
    expect(edgeIds(g)).toEqual(['code:@x/app -> ref:aws_sqs_queue/jobs (publishes)']);
  });
});

describe('Lambda packages', () => {
  test('a package built on aws-lambda types with no server framework is a function', async () => {
    const g = await analyzeTree({
      'package.json': JSON.stringify({ name: 'worker', devDependencies: { '@types/aws-lambda': '^8' } }),
      'src/handler.ts': `import type { SQSEvent } from 'aws-lambda';\nexport const handler = async (e: SQSEvent) => e.Records.length;`,
    });
    expect(g.nodes.map((n) => [n.id, n.kind, n.service])).toEqual([['code:worker', 'function', 'handler']]);
  });
});

describe('secrets', () => {
  test('passwords in connection strings, query-string keys and env values never reach the graph', async () => {
    const g = await analyzeTree({
      'docker-compose.yml': `services:
  app:
    build: .
    environment:
      HOOK_TOKEN: s3cr3t-hook-token
      DB_URL: postgres://app:pa55w0rd@db:5432/app
  db:
    image: postgres:16
`,
      'package.json': pkg('app'),
      Dockerfile: 'FROM node:20',
      'src/main.ts': `
import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.DB_URL });
const legacy = new pg.Pool({ connectionString: 'postgres://admin:hunter2@legacy-db.internal:5432/x' });
export const q = () => pool.query('SELECT 1');
export const l = () => legacy.query('DELETE FROM t');
export const hook = () => fetch(\`https://hooks.example.com/\${process.env.HOOK_TOKEN}/notify?key=AKIA123SECRET\`);
`,
    });
    const text = JSON.stringify(g);
    for (const secret of ['s3cr3t-hook-token', 'pa55w0rd', 'hunter2', 'AKIA123SECRET'])
      expect(text).not.toContain(secret);
    expect(edgeIds(g)).toEqual([
      'code:app -> compose:db (reads)',
      'code:app -> external:hooks.example.com (calls)',
      'code:app -> ref:postgres/legacy-db.internal (writes)',
    ]);
    expect(g.edges.find((e) => e.to === 'external:hooks.example.com')?.props?.operations).toEqual([
      'GET /*/notify',
    ]);
  });
});

describe('resolution', () => {
  test('follows re-exports (`export * from`, `export { x as y } from`) to consts and clients', async () => {
    const g = await analyzeTree({
      'package.json': pkg('api'),
      'src/infra/index.ts': `export * from './names.js';\nexport { pool as db } from './db.js';`,
      'src/infra/names.ts': `export const BUCKET = 'uploads-prod';`,
      'src/infra/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db.internal' });`,
      'src/main.ts': `
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BUCKET, db } from './infra/index.js';
export const up = () => new PutObjectCommand({ Bucket: BUCKET, Key: 'k' });
export const rows = () => db.query('SELECT * FROM t');
`,
    });
    expect(edgeIds(g)).toEqual([
      'code:api -> ref:aws_s3_bucket/uploads-prod (writes)',
      'code:api -> ref:postgres/db.internal (reads)',
    ]);
  });
});

describe('module resolution', () => {
  test('tsconfig path aliases and default-exported config objects resolve to the resource', async () => {
    const g = await analyzeTree({
      'package.json': pkg('api'),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/config/index.ts': `export default { queues: { jobs: process.env.JOBS_QUEUE_URL } };`,
      'src/lib/sqs.ts': `import { SQSClient } from '@aws-sdk/client-sqs';\nexport const sqs = new SQSClient({});`,
      'src/main.ts': `
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import config from '@/config';
import { sqs } from '@/lib/sqs';
export const send = () => sqs.send(new SendMessageCommand({ QueueUrl: config.queues.jobs, MessageBody: '' }));
`,
    });
    expect(edgeIds(g)).toEqual(['code:api -> ref:aws_sqs_queue/env:JOBS_QUEUE_URL (publishes)']);
  });
});

describe('routes', () => {
  test('Express routers and Hono sub-apps get the prefix they are mounted under, nested mounts included', async () => {
    const g = await analyzeTree({
      'package.json': pkg('shop', { dependencies: { express: '4', hono: '4' } }),
      'src/orders.ts': `import { Router } from 'express';\nexport const orders = Router();\norders.get('/:id', (_q, r) => r.end());\norders.post('/', (_q, r) => r.end());`,
      'src/api.ts': `import express from 'express';\nimport { orders } from './orders.js';\nexport const api = express.Router();\napi.use('/orders', orders);\napi.get('/ping', (_q, r) => r.end());`,
      'src/main.ts': `import express from 'express';\nimport { api } from './api.js';\nconst app = express();\napp.use('/api/v1', api);\napp.get('/healthz', (_q, r) => r.end());\napp.listen(3000);`,
      'src/admin.ts': `import { Hono } from 'hono';\nconst admin = new Hono();\nadmin.get('/users', (c) => c.json([]));\nexport const root = new Hono();\nroot.route('/admin', admin);`,
    });
    expect(g.nodes[0]?.props.routes).toEqual([
      'GET /admin/users',
      'GET /api/v1/orders/:id',
      'GET /api/v1/ping',
      'GET /healthz',
      'POST /api/v1/orders',
    ]);
  });
});

describe('destructuring', () => {
  test('names destructured from process.env (with defaults) and from config objects resolve', async () => {
    const g = await analyzeTree({
      'package.json': pkg('api'),
      'src/main.ts': `
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { config } from './config.js';
const { ORDERS_TABLE } = process.env;
const { bucket } = config;
export const put = () => new PutCommand({ TableName: ORDERS_TABLE, Item: {} });
export const pub = () => new PublishCommand({ TopicArn: bucket, Message: '' });
`,
      'src/config.ts': `export const config = { bucket: 'arn:aws:sns:eu-west-1:123456789012:shop-events' };`,
    });
    expect(edgeIds(g)).toEqual([
      'code:api -> ref:aws_dynamodb_table/env:ORDERS_TABLE (writes)',
      'code:api -> ref:aws_sns_topic/shop-events (publishes)',
    ]);
  });
});

describe('injected clients', () => {
  test('a client injected by type resolves to the one client of that library the service builds', async () => {
    const g = await analyzeTree({
      'package.json': pkg('api'),
      'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');`,
      'src/sessions.ts': `
import type { Redis } from 'ioredis';
export class Sessions {
  constructor(private readonly redis: Redis) {}
  get(id: string) { return this.redis.get(\`s:\${id}\`); }
  put(id: string) { return this.redis.setex(\`s:\${id}\`, 60, '1'); }
}
`,
    });
    expect(edgeIds(g)).toEqual([
      'code:api -> ref:redis/env:REDIS_URL (reads)',
      'code:api -> ref:redis/env:REDIS_URL (writes)',
    ]);
    expect(g.edges.find((e) => e.kind === 'reads')?.sources).toEqual([
      { analyzer: 'typescript', file: 'src/sessions.ts', line: 5 },
    ]);
  });
});

describe('workspace libraries', () => {
  test("a shared library's calls count for each service that depends on it, resolved with that service's env", async () => {
    const g = await analyzeTree({
      'package.json': JSON.stringify({
        name: 'root',
        private: true,
        workspaces: ['packages/*', 'services/*'],
      }),
      'docker-compose.yml': `services:
  a:
    build: ./services/a
    environment: { AUDIT_URL: "http://audit:8080" }
  audit:
    build: ./services/audit
`,
      'packages/audit-client/package.json': JSON.stringify({
        name: '@x/audit-client',
        main: 'dist/index.js',
      }),
      'packages/audit-client/src/index.ts': `export const record = (e: string) => fetch(\`\${process.env.AUDIT_URL}/events\`, { method: 'POST', body: e });`,
      'services/a/package.json': pkg('@x/a', { dependencies: { '@x/audit-client': '*' } }),
      'services/a/Dockerfile': 'FROM node:20',
      'services/a/src/main.ts': `import { record } from '@x/audit-client';\nexport const go = () => record('x');`,
      'services/audit/package.json': pkg('@x/audit'),
      'services/audit/Dockerfile': 'FROM node:20',
      'services/audit/src/main.ts': 'export {};',
    });
    expect(edgeIds(g)).toEqual(['code:@x/a -> code:@x/audit (calls)']);
    expect(g.edges[0]?.sources).toEqual([
      { analyzer: 'typescript', file: 'packages/audit-client/src/index.ts', line: 1 },
    ]);
  });
});
