// `archmap scan DIR`, `archmap scan code DIR` and `archmap drift` as a user runs them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';

const SHOP = join(repoRoot, 'fixtures/projects/shop');
const MICRO = join(repoRoot, 'fixtures/projects/microservices');

describe('archmap scan DIR', () => {
  test('detects Terraform, state and code under the shop root and writes one merged graph', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-scan-')), 'shop.json');
    const r = runCli(['scan', SHOP, '-o', out, '--json', '--drift', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.sources).toEqual(['terraform', 'typescript']);
    expect(summary.drift.scanned).toEqual({ terraform: true, live: false, code: true });
    const graph = JSON.parse(readFileSync(out, 'utf8'));
    const ids = graph.edges.map((e: { id: string }) => e.id);
    expect(ids).toContain('aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)');
    expect(JSON.stringify(graph)).not.toContain(repoRoot);
  });

  test('drift reads the written graph and prints Markdown', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'archmap-scan-')), 'ms.json');
    expect(runCli(['scan', 'code', MICRO, '-o', out]).code).toBe(0);
    const r = runCli(['drift', out, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Live but not in Terraform (not checked)');
    expect(r.stdout).toContain('## Used in code but declared nowhere (0)');
  });

  test('an unknown drift format is a one-line usage error with a hint', () => {
    const r = runCli(['drift', join(repoRoot, 'package.json'), '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toContain('--format yaml: unknown format');
    expect(r.stderr).not.toContain('    at ');
  });

  test('a directory with nothing to scan is a usage error', () => {
    const r = runCli([
      'scan',
      mkdtempSync(join(tmpdir(), 'archmap-empty-')),
      '-o',
      join(tmpdir(), 'never.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found no Terraform, state, package.json');
  });
});
