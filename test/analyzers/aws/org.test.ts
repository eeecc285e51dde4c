import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import aws, {
  defaultListTypes,
  graphOfPairs,
  parseAwsOptions,
  resolveRegions,
  scanAccounts,
  shardSlice,
} from '../../../analyzers/aws/index.js';
import { AWS_OPERATIONS, IDENTITY_OPERATIONS, isReadOnlyAction } from '../../../analyzers/aws/operations.js';
import type { AwsOptionsInput } from '../../../analyzers/aws/options.js';
import { mergeAwsShards, runFingerprint, shardStamp } from '../../../analyzers/aws/shards.js';
import { mergePartials } from '../../../src/merge/index.js';
import { UsageError } from '../../../src/model/errors.js';
import { type PartialGraph, type ShardStamp, silentProgress } from '../../../src/model/index.js';
import { serializeGraph } from '../../../src/model/io.js';
import { ORG_REGIONS, orgAccountId, syntheticOrg } from '../../support/aws-org.js';
import { type AwsServer, startAwsServer } from '../../support/aws-server.js';
import { runCli } from '../../support/cli.js';
import { credentials } from './helpers.js';

const SIZE = 12;
const DENIED = [orgAccountId(3), orgAccountId(7), orgAccountId(8)];

function input(server: AwsServer, extra: Partial<AwsOptionsInput> = {}): AwsOptionsInput {
  return {
    regions: ORG_REGIONS,
    endpoint: server.url,
    credentials,
    org: true,
    ...extra,
  };
}

async function shard(server: AwsServer, index: number, count: number, extra: Partial<AwsOptionsInput> = {}) {
  const options = parseAwsOptions(input(server, { ...extra, shard: { index, count } }));
  const regions = resolveRegions(options.regions);
  const found = await scanAccounts(options, regions, defaultListTypes(), silentProgress);
  return shardStamp(found, { index, count }, runFingerprint(options, regions, defaultListTypes()));
}

const canonical = (p: PartialGraph) => serializeGraph(mergePartials([p]));

describe('organisation scans', () => {
  let server: AwsServer;
  beforeAll(async () => {
    server = await startAwsServer({
      accounts: syntheticOrg(SIZE, 4),
      organization: { management: orgAccountId(0) },
      denyAssumeRole: DENIED,
    });
  });
  afterAll(() => server.close());

  test('shards cover every account × region pair exactly once', () => {
    for (const total of [0, 1, 7, 36, 8500])
      for (const count of [1, 3, 8]) {
        const slices = Array.from({ length: count }, (_, i) => shardSlice(total, { index: i + 1, count }));
        expect(slices[0]!.start).toBe(0);
        expect(slices.at(-1)!.end).toBe(total);
        for (let i = 1; i < count; i++) expect(slices[i]!.start).toBe(slices[i - 1]!.end);
        const sizes = slices.map((s) => s.end - s.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
  });

  test('four merged shards equal one single-process scan, node for node and edge for edge', async () => {
    const single = (await aws.analyze(input(server), {
      root: process.cwd(),
      progress: silentProgress,
    })) as PartialGraph;
    const stamps: ShardStamp[] = [];
    for (let i = 1; i <= 4; i++) stamps.push(await shard(server, i, 4));
    const merged = mergeAwsShards(stamps.map((stamp, i) => ({ file: `part-${i + 1}.json`, stamp })));

    expect(canonical(merged.graph)).toBe(canonical(single));
    // 9 scanned accounts, each with its account node, queue, function, topic, role and 4 filler resources.
    const accountNodes = single.nodes.filter((n) => n.kind === 'account').map((n) => n.name);
    expect(accountNodes.sort()).toEqual(
      Array.from({ length: SIZE }, (_, i) => orgAccountId(i)).filter((a) => !DENIED.includes(a)),
    );
    // A global role returned by two regions is one node.
    expect(
      single.nodes.filter((n) => n.id === `arn:aws:iam::${orgAccountId(0)}:role/app-${orgAccountId(0)}`),
    ).toHaveLength(1);
  });

  test('the denied accounts are reported with their reason, and nothing else is lost', async () => {
    const stamps: ShardStamp[] = [];
    for (let i = 1; i <= 3; i++) stamps.push(await shard(server, i, 3));
    const merged = mergeAwsShards(stamps.map((stamp, i) => ({ file: `part-${i + 1}.json`, stamp })));
    const denied = merged.accounts.filter((a) => a.status === 'denied');
    expect(denied.map((a) => a.id)).toEqual(DENIED);
    for (const a of denied) expect(a.reason).toMatch(/AccessDenied/);
    expect(merged.accounts.filter((a) => a.status === 'scanned')).toHaveLength(SIZE - DENIED.length);
    const refused = merged.graph.diagnostics.filter((d) => d.code === 'aws-assume-role-failed');
    expect(refused.map((d) => d.message.match(/iam::(\d{12})/)?.[1]).sort()).toEqual(DENIED);
    const queues = merged.graph.nodes.filter((n) => n.kind === 'queue');
    expect(queues).toHaveLength(SIZE - DENIED.length);
  });

  test('a subscription from one account to another account’s queue is kept across shards', async () => {
    // Account 0's topic (us-east-1) feeds account 1's queue (eu-west-1): 36 pairs in 6 shards put them apart.
    const stamps: ShardStamp[] = [];
    for (let i = 1; i <= 6; i++) stamps.push(await shard(server, i, 6));
    const merged = mergeAwsShards(stamps.map((stamp, i) => ({ file: `p${i}`, stamp })));
    const [a, b] = [orgAccountId(0), orgAccountId(1)];
    const edge = merged.graph.edges.find(
      (e) =>
        e.from === `arn:aws:sns:us-east-1:${a}:events-${a}` &&
        e.to === `arn:aws:sqs:eu-west-1:${b}:orders-${b}` &&
        e.kind === 'publishes',
    );
    expect(edge).toBeDefined();
  });

  test('merge refuses an incomplete, repeated or mixed set of shards, naming them', async () => {
    const one = await shard(server, 1, 4);
    const three = await shard(server, 3, 4);
    expect(() =>
      mergeAwsShards([
        { file: 'a', stamp: one },
        { file: 'c', stamp: three },
      ]),
    ).toThrow('missing 2 of 4 shards: 2/4, 4/4');
    expect(() =>
      mergeAwsShards([
        { file: 'a', stamp: one },
        { file: 'b', stamp: one },
      ]),
    ).toThrow(UsageError);
    const other = await shard(server, 2, 4, { regions: ['eu-west-1'] });
    expect(() =>
      mergeAwsShards([
        { file: 'a', stamp: one },
        { file: 'x', stamp: other },
      ]),
    ).toThrow(/another run/);
  });

  test('every call of an organisation scan is a read: Organizations, STS, Tagging, Cloud Control', () => {
    const served = server.actions();
    expect(served).toEqual(
      expect.arrayContaining([
        'organizations:ListAccounts',
        'sts:AssumeRole',
        'sts:GetCallerIdentity',
        'tag:GetResources',
      ]),
    );
    expect(served.filter((a) => !(AWS_OPERATIONS as readonly string[]).includes(a))).toEqual([]);
    expect(served.filter((a) => !isReadOnlyAction(a) && !IDENTITY_OPERATIONS.includes(a))).toEqual([]);
  });

  test('a member account that cannot list the organization gets a clear error', async () => {
    const member = await startAwsServer({
      accounts: syntheticOrg(2),
      organization: { management: orgAccountId(1) },
    });
    try {
      await expect(
        aws.analyze(input(member), { root: process.cwd(), progress: silentProgress }),
      ).rejects.toThrow(/could not list the organization's accounts: AccessDeniedException/);
    } finally {
      await member.close();
    }
  });
});

describe('Resource Explorer discovery', () => {
  test('lists through the aggregator index and reads with Cloud Control, with no Tagging or List calls', async () => {
    const server = await startAwsServer({
      accounts: syntheticOrg(2, 6),
      organization: { management: orgAccountId(0) },
      explorer: { [orgAccountId(0)]: { aggregatorRegion: 'us-east-1' } },
    });
    const tagging = await startAwsServer({
      accounts: syntheticOrg(2, 6),
      organization: { management: orgAccountId(0) },
    });
    try {
      const viaExplorer = (await aws.analyze(input(server, { discovery: 'resource-explorer' }), {
        root: process.cwd(),
        progress: silentProgress,
      })) as PartialGraph;
      const viaTagging = (await aws.analyze(input(tagging), {
        root: process.cwd(),
        progress: silentProgress,
      })) as PartialGraph;
      const ids = (g: PartialGraph) => g.nodes.map((n) => n.id).sort();
      expect(ids(viaExplorer)).toEqual(ids(viaTagging));
      expect(viaExplorer.edges.map((e) => e.id).sort()).toEqual(viaTagging.edges.map((e) => e.id).sort());

      const byAccount = (acct: string) =>
        [...new Set(server.calls.filter((c) => c.account === acct).map((c) => c.action))].sort();
      // The account with an index never pages through Tagging or Cloud Control lists…
      expect(byAccount(orgAccountId(0))).not.toContain('tag:GetResources');
      expect(byAccount(orgAccountId(0))).not.toContain('cloudformation:ListResources');
      expect(byAccount(orgAccountId(0))).toContain('resource-explorer-2:Search');
      // …the one without falls back to them, and says so.
      expect(byAccount(orgAccountId(1))).toContain('tag:GetResources');
      expect(viaExplorer.diagnostics.map((d) => d.code)).toContain('aws-explorer-no-aggregator');
      expect(
        server.actions().filter((a) => !isReadOnlyAction(a) && !IDENTITY_OPERATIONS.includes(a)),
      ).toEqual([]);
      expect(server.actions().filter((a) => !(AWS_OPERATIONS as readonly string[]).includes(a))).toEqual([]);
    } finally {
      await server.close();
      await tagging.close();
    }
  });

  test('splits a region over the 1,000-result cap by service, and still finds everything', async () => {
    const server = await startAwsServer({
      accounts: syntheticOrg(1, 2400, ['eu-west-1', 'us-east-1']),
      explorer: { [orgAccountId(0)]: { aggregatorRegion: 'eu-west-1' } },
    });
    try {
      const g = (await aws.analyze(
        {
          regions: ['eu-west-1', 'us-east-1'],
          endpoint: server.url,
          credentials,
          discovery: 'resource-explorer',
          details: false,
        },
        { root: process.cwd(), progress: silentProgress },
      )) as PartialGraph;
      // 2400 filler (1200 per region: 600 buckets and 600 log groups each) + queue, function, topic, role.
      expect(g.nodes.filter((n) => n.kind !== 'account' && n.kind !== 'region')).toHaveLength(2404);
      expect(g.diagnostics.filter((d) => d.code === 'aws-explorer-fallback')).toEqual([]);
      // Both regions are over the cap as a whole, so each is asked again service by service.
      const s3 = server.calls.filter((c) => c.operation === 'Search' && /service:s3$/.test(c.query ?? ''));
      expect(s3.map((c) => c.query).sort()).toEqual([
        'region:eu-west-1 service:s3',
        'region:us-east-1 service:s3',
      ]);
      expect(server.calls.some((c) => c.operation === 'GetResources')).toBe(false);
    } finally {
      await server.close();
    }
  });

  test('falls back to the Tagging API for a region where one service alone is over the cap', async () => {
    const server = await startAwsServer({
      accounts: syntheticOrg(1, 0, ['eu-west-1', 'us-east-1'], 1500),
      explorer: { [orgAccountId(0)]: { aggregatorRegion: 'eu-west-1' } },
    });
    try {
      const g = (await aws.analyze(
        {
          regions: ['eu-west-1', 'us-east-1'],
          endpoint: server.url,
          credentials,
          discovery: 'resource-explorer',
          details: false,
        },
        { root: process.cwd(), progress: silentProgress },
      )) as PartialGraph;
      expect(g.nodes.filter((n) => n.id.includes(':log-group:/many/'))).toHaveLength(1500);
      expect(g.diagnostics.filter((d) => d.code === 'aws-explorer-fallback').map((d) => d.message)).toEqual([
        expect.stringMatching(/^eu-west-1: /),
      ]);
      const tagged = server.calls.filter((c) => c.operation === 'GetResources').map((c) => c.region);
      expect([...new Set(tagged)]).toEqual(['eu-west-1']);
    } finally {
      await server.close();
    }
  });
});

describe('archmap merge (CLI)', () => {
  let dir: string;
  let server: AwsServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-merge-'));
    server = await startAwsServer({
      accounts: syntheticOrg(4),
      organization: { management: orgAccountId(0) },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('refuses an incomplete set with one line naming the missing shards, then merges the whole set', async () => {
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const stamp = await shard(server, i, 3);
      const partial = graphOfPairs([]);
      const g = mergePartials([partial]);
      g.shard = stamp;
      const file = join(dir, `part-${i}.json`);
      await writeFile(file, serializeGraph(g));
      files.push(file);
    }
    const out = join(dir, 'org.json');
    const refused = await runCli(['merge', files[0]!, files[2]!, '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')[0]).toBe('error: missing 1 of 3 shards: 2/3');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const ok = await runCli(['merge', ...files, '-o', out, '--json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const summary = JSON.parse(ok.stdout);
    expect(summary).toMatchObject({ output: out, shards: 3, accounts: { scanned: 4, denied: [] } });
    expect(summary.nodes).toBeGreaterThan(4 * 5);
  });
});
