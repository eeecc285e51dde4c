import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import aws from '../../../analyzers/aws/index.js';
import { AWS_OPERATIONS } from '../../../analyzers/aws/operations.js';
import { ExternalError, silentProgress } from '../../../src/model/index.js';
import type { PartialGraph } from '../../../src/model/schema.js';
import {
  type AwsServer,
  loadRecordedAccount,
  type RecordedAccount,
  startAwsServer,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from '../../support/aws-server.js';
import { SHOP_ACCOUNT_DIR } from './helpers.js';

const OTHER = '210987654321';
const other: RecordedAccount = {
  account: OTHER,
  regions: {
    'eu-west-1': {
      tagging: [
        {
          ResourceARN: `arn:aws:sqs:eu-west-1:${OTHER}:audit-events`,
          Tags: [{ Key: 'Team', Value: 'security' }],
        },
      ],
      cloudControl: {
        'AWS::SQS::Queue': [
          {
            Identifier: `https://sqs.eu-west-1.amazonaws.com/${OTHER}/audit-events`,
            Properties: JSON.stringify({
              QueueName: 'audit-events',
              QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${OTHER}/audit-events`,
              Arn: `arn:aws:sqs:eu-west-1:${OTHER}:audit-events`,
            }),
          },
        ],
      },
    },
  },
};

const run = (server: AwsServer, options: Record<string, unknown>) =>
  aws.analyze(
    { regions: ['eu-west-1'], endpoint: server.url, requestTimeoutMs: 2_000, ...options },
    { root: process.cwd(), progress: silentProgress },
  ) as Promise<PartialGraph>;

describe('credentials and accounts', () => {
  let server: AwsServer;
  let saved: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startAwsServer({ accounts: [loadRecordedAccount(SHOP_ACCOUNT_DIR), other] });
    const dir = await mkdtemp(join(tmpdir(), 'archmap-aws-'));
    await writeFile(
      join(dir, 'credentials'),
      `[shop-readonly]\naws_access_key_id = ${TEST_ACCESS_KEY}\naws_secret_access_key = ${TEST_SECRET_KEY}\n`,
    );
    await writeFile(join(dir, 'config'), '[profile shop-readonly]\nregion = eu-west-1\n');
    // The standard chain reads these files. Test files share worker processes (isolate: false), so the
    // environment is put back afterwards.
    saved = { ...process.env };
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
      delete process.env[k];
  });
  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await server.close();
  });

  test('reads a named profile through the standard credential chain', async () => {
    const g = await run(server, { profile: 'shop-readonly' });
    expect(g.nodes.some((n) => n.id === 'account:123456789012')).toBe(true);
    expect(g.nodes.length).toBeGreaterThan(40);
  });

  test('reads AWS_ACCESS_KEY_ID from the environment when no profile is named', async () => {
    process.env.AWS_ACCESS_KEY_ID = TEST_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_SECRET_KEY;
    try {
      const g = await run(server, {});
      expect(g.nodes.some((n) => n.id === 'account:123456789012')).toBe(true);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  test('fails with one ExternalError when the profile does not exist', async () => {
    await expect(run(server, { profile: 'nope' })).rejects.toThrow(ExternalError);
  });

  test('fails with one ExternalError when the keys are refused', async () => {
    const bad = run(server, { credentials: { accessKeyId: 'AKIAWRONG', secretAccessKey: 'x' } });
    await expect(bad).rejects.toThrow(/credentials were not accepted: InvalidClientTokenId/);
  });

  test('assumes roles into other accounts: one account group each, regions inside', async () => {
    const before = server.calls.length;
    const g = await run(server, {
      profile: 'shop-readonly',
      roleArns: [`arn:aws:iam::${OTHER}:role/archmap-read`, 'arn:aws:iam::123456789012:role/archmap-read'],
    });
    const groups = g.nodes.filter((n) => n.kind === 'account' || n.kind === 'region');
    expect(groups.map((n) => `${n.id} < ${n.parent ?? ''}`).sort()).toEqual([
      'account:123456789012 < ',
      'account:123456789012/region:eu-west-1 < account:123456789012',
      `account:${OTHER} < `,
      `account:${OTHER}/region:eu-west-1 < account:${OTHER}`,
    ]);
    expect(g.nodes.find((n) => n.id === `arn:aws:sqs:eu-west-1:${OTHER}:audit-events`)).toMatchObject({
      kind: 'queue',
      parent: `account:${OTHER}/region:eu-west-1`,
    });
    expect(g.diagnostics).toEqual([]);
    expect(g.nodes.find((n) => n.id === `account:${OTHER}`)?.props.roleArn).toBe(
      `arn:aws:iam::${OTHER}:role/archmap-read`,
    );
    const served = server.calls.slice(before);
    expect(served.filter((c) => c.operation === 'AssumeRole')).toHaveLength(2);
    expect(
      served
        .filter((c) => c.operation === 'GetResources')
        .map((c) => c.account)
        .sort(),
    ).toEqual(['123456789012', OTHER]);
  });

  test('reports a refused role and still scans the others', async () => {
    const g = await run(server, {
      profile: 'shop-readonly',
      roleArns: ['arn:aws:iam::999999999999:role/archmap-read', `arn:aws:iam::${OTHER}:role/archmap-read`],
    });
    expect(g.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'aws-assume-role-failed']]);
    expect(g.diagnostics[0]?.message).toContain('arn:aws:iam::999999999999:role/archmap-read');
    expect(g.nodes.filter((n) => n.kind === 'account').map((n) => n.id)).toEqual([`account:${OTHER}`]);
  });

  test('fails when every role is refused', async () => {
    const all = run(server, { profile: 'shop-readonly', roleArns: ['arn:aws:iam::999999999999:role/x'] });
    await expect(all).rejects.toThrow(ExternalError);
  });

  test('issued exactly the declared operations over all these scans, and nothing else', () => {
    // Organizations and Resource Explorer calls are made only by --org and --discovery: org.test.ts covers them.
    const single = AWS_OPERATIONS.filter((op) => !/^(organizations|resource-explorer-2):/.test(op));
    expect(server.actions()).toEqual([...single].sort());
  });
});
