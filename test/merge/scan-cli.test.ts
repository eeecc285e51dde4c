// `archmap scan DIR`, `archmap scan code DIR` and `archmap drift` as a user runs them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

const SHOP = join(repoRoot, 'fixtures/projects/shop');
const MICRO = join(repoRoot, 'fixtures/projects/microservices');

describe('archmap scan DIR', () => {
  test('detects Terraform, state and code under the shop root and writes one merged graph', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-scan-')), 'shop.json');
    const r = await runCli(['scan', SHOP, '-o', out, '--json', '--drift', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.sources).toEqual(['terraform', 'typescript']);
    expect(summary.drift.scanned).toEqual({ terraform: true, live: false, code: true });
    const graph = JSON.parse(readFileSync(out, 'utf8'));
    const ids = graph.edges.map((e: { id: string }) => e.id);
    expect(ids).toContain('aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)');
    expect(JSON.stringify(graph)).not.toContain(repoRoot);
  });

  test('drift reads the written graph and prints Markdown', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-scan-')), 'ms.json');
    expect((await runCli(['scan', 'code', MICRO, '-o', out])).code).toBe(0);
    const r = await runCli(['drift', out, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Live but not in Terraform (not checked)');
    expect(r.stdout).toContain('## Used in code but declared nowhere (0)');
  });

  test('an unknown drift format is a one-line usage error with a hint', async () => {
    const r = await runCli(['drift', join(repoRoot, 'package.json'), '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toContain('--format yaml: unknown format');
    expect(r.stderr).not.toContain('    at ');
  });

  test('a directory with nothing to scan is a usage error', async () => {
    const r = await runCli([
      'scan',
      mkdtempSync(join(tmpdir(), 'archmap-empty-')),
      '-o',
      join(tmpdir(), 'never.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found no Terraform, state, CloudFormation, package.json');
  });
});

describe('archmap scan DIR --aws', () => {
  test('adds the live account (through AWS_ENDPOINT_URL) and reports drift', async () => {
    const { loadRecordedAccount, startAwsServer, TEST_ACCESS_KEY, TEST_SECRET_KEY } = await import(
      '../support/aws-server.js'
    );
    const server = await startAwsServer({ accounts: [loadRecordedAccount(join(SHOP, 'aws'))] });
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-scan-')), 'live.json');
    try {
      const r = await runCli(
        ['scan', SHOP, '--aws', '--regions', 'eu-west-1,us-east-1', '-o', out, '--json', '--drift', 'json'],
        {
          env: {
            AWS_ENDPOINT_URL: server.url,
            AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
            AWS_SECRET_ACCESS_KEY: TEST_SECRET_KEY,
            AWS_REGION: 'eu-west-1',
          },
        },
      );
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.sources).toEqual(['terraform', 'typescript', 'aws']);
      expect(summary.drift.scanned).toEqual({ terraform: true, live: true, code: true });
      // the replica bucket exists only in the recorded account
      expect(summary.drift.liveNotInTerraform.map((i: { id: string }) => i.id)).toContain(
        'arn:aws:s3:::shop-prod-assets-replica',
      );
      const graph = JSON.parse(readFileSync(out, 'utf8'));
      const worker = graph.nodes.find((n: { id: string }) => n.id === 'aws_lambda_function.worker');
      expect(worker.aliases).toContain(
        'arn:aws:lambda:eu-west-1:123456789012:function:shop-prod-order-worker',
      );
      expect(worker.aliases).toContain('code:@shop/worker');
      expect(new Set(worker.sources.map((s: { analyzer: string }) => s.analyzer))).toEqual(
        new Set(['terraform', 'typescript', 'aws']),
      );
    } finally {
      await server.close();
    }
  });
});
