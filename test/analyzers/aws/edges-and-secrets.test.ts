import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serializeGraph } from '../../../src/model/io.js';
import type { PartialGraph } from '../../../src/model/schema.js';
import { type AwsServer, type RecordedRegion, startAwsServer } from '../../support/aws-server.js';
import { scanShop } from './helpers.js';

const A = '123456789012';
const R = 'eu-west-1';
const TOPIC = `arn:aws:sns:${R}:${A}:order-events`;
const QUEUE = `arn:aws:sqs:${R}:${A}:billing`;
const QUEUE_URL = `https://sqs.${R}.amazonaws.com/${A}/billing`;
const FN = `arn:aws:lambda:${R}:${A}:function:notifier`;
const RULE = `arn:aws:events:${R}:${A}:rule/nightly-report`;
const DB = `arn:aws:rds:${R}:${A}:db:billing`;
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----';

const cc = (Identifier: string, props: Record<string, unknown>) => ({
  Identifier,
  Properties: JSON.stringify(props),
});

const region: RecordedRegion = {
  tagging: [TOPIC, QUEUE, FN, DB].map((ResourceARN) => ({
    ResourceARN,
    Tags: [{ Key: 'Team', Value: 'billing' }],
  })),
  cloudControl: {
    'AWS::SNS::Topic': [
      cc(TOPIC, {
        TopicArn: TOPIC,
        TopicName: 'order-events',
        Subscription: [
          { Endpoint: QUEUE, Protocol: 'sqs' },
          { Endpoint: FN, Protocol: 'lambda' },
          { Endpoint: 'ops@example.com', Protocol: 'email' },
        ],
      }),
    ],
    'AWS::SQS::Queue': [cc(QUEUE_URL, { QueueName: 'billing', QueueUrl: QUEUE_URL, Arn: QUEUE })],
    // Untagged: found only by Cloud Control ListResources.
    'AWS::Events::Rule': [
      cc(RULE, {
        Arn: RULE,
        Name: 'nightly-report',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        Targets: [{ Id: 'notifier', Arn: FN }],
      }),
    ],
    'AWS::Lambda::Function': [
      cc('notifier', {
        FunctionName: 'notifier',
        Arn: FN,
        Runtime: 'nodejs20.x',
        Environment: {
          Variables: {
            TOPIC_ARN: TOPIC,
            DB_PASSWORD: 'hunter2-canary',
            STRIPE_API_KEY: 'sk_live_canary',
            SIGNING_KEY: PEM,
          },
        },
      }),
    ],
    'AWS::DynamoDB::Table': [{ Identifier: 'ledger', Properties: '{"TableName": "ledger", "Arn": ' }],
    'AWS::RDS::DBInstance': [
      cc('billing', {
        DBInstanceIdentifier: 'billing',
        DBInstanceArn: DB,
        Engine: 'postgres',
        MasterUsername: 'billing',
        MasterUserPassword: 'db-canary-password',
        MasterUserSecret: { SecretArn: `arn:aws:secretsmanager:${R}:${A}:secret:billing-db-Xy12Ab` },
      }),
    ],
  },
};

describe('edges from SNS subscriptions and EventBridge targets; secrets', () => {
  let server: AwsServer;
  let g: PartialGraph;
  beforeAll(async () => {
    server = await startAwsServer({ accounts: [{ account: A, regions: { [R]: region } }] });
    g = await scanShop(server, { regions: [R] });
  });
  afterAll(() => server.close());

  const edges = () => g.edges.map((e) => `${e.from} -> ${e.to} (${e.kind})`).sort();

  test('a topic publishes to each subscribed queue and function', () => {
    expect(edges()).toEqual(
      expect.arrayContaining([`${TOPIC} -> ${QUEUE} (publishes)`, `${TOPIC} -> ${FN} (publishes)`]),
    );
  });

  test('an EventBridge rule, found untagged, triggers its targets', () => {
    expect(g.nodes.find((n) => n.id === RULE)).toMatchObject({ kind: 'topic', tags: {} });
    expect(edges()).toContain(`${RULE} -> ${FN} (triggers)`);
  });

  test('an env var holding an ARN becomes envRefs and a labelled edge', () => {
    const fn = g.nodes.find((n) => n.id === FN)!;
    expect(fn.props.env).toEqual({ TOPIC_ARN: TOPIC });
    expect(fn.props.envRefs).toEqual({ TOPIC_ARN: TOPIC });
    expect(g.edges.find((e) => e.from === FN && e.to === TOPIC)).toMatchObject({
      kind: 'depends_on',
      label: 'env TOPIC_ARN',
      props: { env: 'TOPIC_ARN' },
    });
  });

  test('a broken Properties string is one warning; the resource is still a node', () => {
    const ledger = g.nodes.find((n) => n.id === `arn:aws:dynamodb:${R}:${A}:table/ledger`);
    expect(ledger?.kind).toBe('database');
    // Once from ListResources, once from GetResource.
    expect(g.diagnostics.map((d) => d.code)).toEqual(['aws-bad-response', 'aws-bad-response']);
    expect(g.diagnostics.every((d) => /Properties is not JSON/.test(d.message))).toBe(true);
  });

  test('no secret reaches the graph: passwords, API keys and private keys are redacted at read time', () => {
    const text = serializeGraph({ version: 1, ...g });
    for (const canary of ['hunter2-canary', 'sk_live_canary', 'BEGIN RSA PRIVATE KEY', 'db-canary-password'])
      expect(text).not.toContain(canary);
    const db = g.nodes.find((n) => n.id === DB)!;
    expect(db.props.MasterUserPassword).toBe('<redacted>');
    // References to secrets are kept: they are not secret, and they are useful.
    expect(db.props.MasterUserSecret).toEqual({
      SecretArn: `arn:aws:secretsmanager:${R}:${A}:secret:billing-db-Xy12Ab`,
    });
  });
});
