import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/index.js';
import { runCli } from '../support/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'archmap-whatif-'));

describe('archmap propose / impact / diff / review', () => {
  it('propose writes the revised graph with marks and the ChangeSet, and prints the bottleneck table and changes', async () => {
    const dir = tmp();
    const out = join(dir, 'v2.json');
    const r = await runCli([
      'propose',
      'fixtures/graphs/shop.json',
      '--scenario',
      'scale',
      '--factor',
      '10',
      '--rps',
      '500',
      '-o',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Bottlenecks at ×10 (2 saturated):');
    expect(r.stdout).toMatch(/aws_ecs_service\.api\s+rps\s+500\s+5000\s+200\s+25× the limit/);
    expect(r.stdout).toContain(
      '  - add aws_appautoscaling_target.api: target tracking on 60% CPU between 2 and 36 tasks',
    );
    const v2 = parseGraph(readFileSync(out, 'utf8'), out);
    expect(v2.changeset?.scenario).toEqual({ name: 'scale', params: { factor: 10, rps: 500 } });
    expect(v2.node('aws_appautoscaling_target.api')?.change).toBe('added');
    expect(v2.node('aws_dynamodb_table.orders')?.change).toBe('modified');
  });

  it('propose refuses to overwrite without --force and rejects an unknown scenario with exit 2', async () => {
    const dir = tmp();
    const out = join(dir, 'v2.json');
    writeFileSync(out, 'mine');
    const r = await runCli(['propose', 'fixtures/graphs/shop.json', '--scenario', 'ha', '-o', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const bad = await runCli([
      'propose',
      'fixtures/graphs/shop.json',
      '--scenario',
      'teleport',
      '-o',
      join(dir, 'x.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scenario teleport: unknown scenario/);
    expect(readdirSync(dir)).toEqual(['v2.json']);
  });

  it('propose with an unknown --planner exits 2 and lists the available planners', async () => {
    const r = await runCli([
      'propose',
      'fixtures/graphs/shop.json',
      '--scenario',
      'ha',
      '--planner',
      'nope',
      '-o',
      join(tmp(), 'v.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown planner "nope"/);
    expect(r.stderr).toMatch(/available: offline/);
  });

  it('diff prints what the proposal changed; impact prints what breaks', async () => {
    const dir = tmp();
    const out = join(dir, 'v2.json');
    expect((await runCli(['propose', 'fixtures/graphs/shop.json', '--scenario', 'ha', '-o', out])).code).toBe(
      0,
    );
    const d = await runCli(['diff', 'fixtures/graphs/shop.json', out]);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('~ node aws_db_instance.orders (database)\n    props.multi_az: false → true');
    expect(d.stdout).toContain('+ node aws_nat_gateway.main_b (network)');
    expect(d.stdout.trim().split('\n').pop()).toBe(
      '3 added, 0 removed, 2 modified (nodes: +2 -0 ~2; edges: +1 -0 ~0)',
    );
    const i = await runCli(['impact', 'fixtures/graphs/shop.json', 'aws_db_instance.orders']);
    expect(i.code).toBe(0);
    expect(i.stdout).toContain(
      'aws_route53_record.api: aws_route53_record.api → aws_lb.web → aws_ecs_service.api → aws_db_instance.orders',
    );
  });

  it('review --fail-on high exits 1 with the findings printed; --format sarif prints SARIF', async () => {
    const r = await runCli(['review', 'fixtures/graphs/shop.json', '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HIGH     rds-single-az [reliability]');
    expect(r.stderr).toMatch(/error: 2 finding\(s\) at high severity or above/);
    expect(
      (await runCli(['review', 'fixtures/graphs/serverless-api.json', '--fail-on', 'critical'])).code,
    ).toBe(0);
    const s = await runCli(['review', 'fixtures/graphs/shop.json', '--format', 'sarif']);
    expect(JSON.parse(s.stdout).version).toBe('2.1.0');
    const md = await runCli(['review', 'fixtures/graphs/shop.json', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Architecture review\n/);
    expect((await runCli(['review', 'fixtures/graphs/shop.json', '--format', 'xml'])).code).toBe(2);
  });

  it('diagram --diff draws the proposal against its base: added, modified and removed, with a legend', async () => {
    const dir = tmp();
    const v2 = join(dir, 'v2.json');
    expect(
      (await runCli(['propose', 'fixtures/graphs/three-tier.json', '--scenario', 'ha', '-o', v2])).code,
    ).toBe(0);
    const d2 = join(dir, 'diff.d2');
    const r = await runCli(['diagram', v2, '--diff', 'fixtures/graphs/three-tier.json', '-o', d2]);
    expect(r.code).toBe(0);
    const text = readFileSync(d2, 'utf8');
    expect(text).toMatch(/"aws_db_instance\.main": [^\n]*\{\n\s+class: \[[^\]]*modified\]/);
    expect(text).toMatch(/"aws_elasticache_cluster\.sessions": [^\n]*\{\n\s+class: \[[^\]]*removed\]/);
    expect(text).toMatch(
      /"aws_elasticache_replication_group\.sessions": [^\n]*\{\n\s+class: \[[^\]]*added\]/,
    );
    expect(text).toContain(
      '"aws_elasticache_cluster.sessions": "reads: redis :6379" { class: [edge_reads; removed_edge] }',
    );
    expect(text).toMatch(/added: "Added"[\s\S]*modified: "Modified"[\s\S]*removed: "Removed"/);
  });
});
