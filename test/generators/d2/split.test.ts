import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multiRootEstate } from '../../../bench/diagram/estate.js';
import { serializeGraph } from '../../../src/model/index.js';
import { runCli } from '../../support/cli.js';

describe('archmap diagram --split', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archmap-split-'));
  const graphFile = join(dir, 'estate.json');
  writeFileSync(graphFile, serializeGraph(multiRootEstate({ roots: 8, resources: 800 })));

  it('writes the overview and one diagram per root, each of at most 60 nodes', async () => {
    const out = join(dir, 'views');
    const r = await runCli(['diagram', graphFile, '--split', out, '--format', 'mmd']);
    expect(r.stderr).toContain('wrote 9 diagrams');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'edge.mmd',
      'overview.mmd',
      'platform-events.mmd',
      'platform-observability.mmd',
      'services-accounts.mmd',
      'services-catalog.mmd',
      'services-orders.mmd',
      'services-payments.mmd',
      'services-search.mmd',
    ]);
    const overview = readFileSync(join(out, 'overview.mmd'), 'utf8');
    expect(overview).toContain('detail overview');
    expect(overview).toContain('100 resources');
    for (const file of readdirSync(out)) {
      // One Mermaid statement per drawn node: `n_id[...]`, `n_id[(...)]`, `n_id{{...}}`, and subgraphs.
      const text = readFileSync(join(out, file), 'utf8');
      const nodes = text.split('\n').filter((l) => /^\s*(subgraph |n_\w+[[({>])/.test(l));
      expect(nodes.length, file).toBeGreaterThan(0);
      expect(nodes.length, file).toBeLessThanOrEqual(60);
    }
  });

  it('refuses both -o and --split, and neither', async () => {
    expect((await runCli(['diagram', graphFile])).code).toBe(2);
    expect((await runCli(['diagram', graphFile, '-o', join(dir, 'x.mmd'), '--split', dir])).code).toBe(2);
  });

  it('draws one group with --group', async () => {
    const out = join(dir, 'orders.mmd');
    const r = await runCli(['diagram', graphFile, '--group', 'root:services/orders', '-o', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('n_services_orders_aws_ecs_service_app');
    expect(text).not.toContain('n_services_payments_aws_ecs_service_app');
  });
});
