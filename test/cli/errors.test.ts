import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const graph = {
  version: 1,
  nodes: [
    { id: 'aws_sqs_queue.orders', kind: 'queue', name: 'orders', provider: 'aws' },
    { id: 'aws_lambda_function.worker', kind: 'lambda', name: 'worker', provider: 'aws' },
  ],
  edges: [],
};

describe('CLI error handling', () => {
  it('exits 2 with one line naming the bad field of a hand-broken archmap.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archmap-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(graph));
    const result = await runCli(['diagram', file, '-o', join(dir, 'out.d2')]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^error: .*broken\.json: nodes\[1\]\(id="aws_lambda_function\.worker"\)\.kind: Invalid option/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(dir)).toEqual(['broken.json']); // no partial output
  });

  it('exits 2 for a missing input file, with a hint', async () => {
    const result = await runCli(['diagram', 'does-not-exist.json', '-o', '/tmp/x.d2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does-not-exist\.json: no such file/);
    expect(result.stderr).toMatch(/hint:/);
  });

  it('exits 2 on an unknown flag', async () => {
    expect((await runCli(['diagram', '--no-such-flag'])).code).toBe(2);
  });

  it('prints the archmap.json JSON Schema', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.properties.nodes.items.properties.kind.enum).toContain('load_balancer');
    expect(schema.properties.version.const).toBe(1);
  });

  it('refuses to overwrite an existing output without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archmap-cli-'));
    const out = join(dir, 'G.json');
    writeFileSync(out, 'my precious notes');
    const result = await runCli(['scan', 'terraform', 'fixtures/projects/shop/infra', '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already exists/);
    expect(result.stderr).toMatch(/--force/);
  });
});
