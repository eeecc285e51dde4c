import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedPrices } from '../../src/catalog/prices.js';
import { type CostReport, costReport, formatCostMarkdown } from '../../src/cost/index.js';
import { components } from '../../src/graph/query.js';
import { parseGraph } from '../../src/model/index.js';
import { runCli } from '../support/cli.js';
import { expectGoldenFolder } from '../support/golden.js';
import { expectGolden, goldenDir } from './support.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'archmap-cost-'));
const shop = () => parseGraph(readFileSync('fixtures/graphs/shop.json', 'utf8'), 'shop.json');

describe('archmap cost', () => {
  it('has the golden files of this test and of pr.test.ts, and no other', () => {
    expectGoldenFolder(goldenDir, ['shop.cost.txt', 'shop.pr.md']);
  });

  it('prints every component of the shop with its monthly figure, line items and the total (golden)', async () => {
    const r = await runCli(['cost', 'fixtures/graphs/shop.json', '--rps', '100']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden('shop.cost.txt', r.stdout);
    for (const n of components(shop())) expect(r.stdout).toContain(n.id);
    expect(r.stdout).toMatch(/^Total\s+\$[\d,.]+–\$[\d,.]+ a month$/m);
    expect(r.stdout).toContain('price snapshot 2026-12-02');
    expect(r.stdout).toContain('no Savings Plans, reserved capacity, free tier');
  });

  it('traces every figure to a snapshot entry and every usage figure to an assumption', async () => {
    const report = JSON.parse(JSON.stringify(costReport(shop()))) as CostReport;
    const prices = shippedPrices().prices;
    const lines = report.nodes.flatMap((n) => n.lines);
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) {
      expect(prices[l.price], l.price).toBeDefined();
      expect(prices[l.price]!.usd[l.region] ?? prices[l.price]!.usd.global).toBe(l.unitPrice);
      expect(l.basis).not.toBe('');
    }
    // Usage-driven lines (not flat hourly fees) name what drove them.
    for (const l of lines.filter((x) => !/hour|secret|zone/.test(x.unit)))
      expect(l.assumptions.length, l.item).toBeGreaterThan(0);
    const total = report.nodes.reduce((s, n) => s + n.monthly.high, 0);
    expect(report.total.high).toBeCloseTo(total, 1);
  });

  it('markdown is a table with a total row and the assumptions', async () => {
    const md = formatCostMarkdown(costReport(shop()));
    expect(md).toMatch(/^\| Component \| Monthly \| Line items \|$/m);
    expect(md).toMatch(/^\| \*\*Total\*\* \| \*\*\$/m);
    expect(md).toContain('**Assumptions**');
  });

  it('rejects a bad flag, a bad config key and a broken price file with one line and exit 2', async () => {
    const dir = tmp();
    const bad = await runCli(['cost', 'fixtures/graphs/shop.json', '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format pdf: unknown format/);
    const config = join(dir, 'archmap.config.json');
    writeFileSync(
      config,
      '{\n  "cost": {\n    "usage": { "aws_s3_bucket.assets": { "storageGB": 5 } }\n  }\n}\n',
    );
    const c = await runCli(['cost', 'fixtures/graphs/shop.json', '--config', config]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(
      /archmap\.config\.json.*cost\.usage\.aws_s3_bucket\.assets\.storageGB: unknown usage key/,
    );
    expect(c.stderr).not.toMatch(/\n\s+at /);
    const prices = join(dir, 'prices.json');
    writeFileSync(prices, '{"version":1}');
    const p = await runCli(['cost', 'fixtures/graphs/shop.json', '--prices', prices]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/prices\.json: /);
  });

  it('uses per-node usage from archmap.config.json and lists it as the assumption', async () => {
    const dir = tmp();
    const config = join(dir, 'archmap.config.json');
    writeFileSync(
      config,
      JSON.stringify({ cost: { usage: { 'aws_s3_bucket.assets': { storageGb: 500 } } } }),
    );
    const r = await runCli(['cost', 'fixtures/graphs/shop.json', '--config', config, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CostReport;
    const storage = report.nodes
      .find((n) => n.node === 'aws_s3_bucket.assets')!
      .lines.find((l) => l.item === 'storage')!;
    expect(storage.quantity).toEqual({ low: 500, high: 500 });
    expect(storage.assumptions).toContain('storageGb = 500 (archmap.config.json)');
  });
});

describe('propose prints the cost before → after', () => {
  async function proposeScale(perCopyRps?: number) {
    const dir = tmp();
    const args = [
      'propose',
      'fixtures/graphs/shop.json',
      '--scenario',
      'scale',
      '--factor',
      '10',
      '--rps',
      '100',
      '-o',
      join(dir, 'v2.json'),
    ];
    if (perCopyRps) {
      const config = join(dir, 'archmap.config.json');
      writeFileSync(
        config,
        JSON.stringify({ capacity: { perCopyRps: { 'aws_ecs_service.api': perCopyRps } } }),
      );
      args.push('--config', config);
    }
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return { r, v2: parseGraph(readFileSync(join(dir, 'v2.json'), 'utf8'), 'v2.json') };
  }

  it('scale ×10: the delta follows the task count the planner computed', async () => {
    const plain = await proposeScale();
    const slow = await proposeScale(20); // 20 rps per task: the planner needs far more tasks at ×10
    expect(plain.r.stdout).toMatch(/^Cost \(list prices, snapshot 2026-12-02\): .* → .* a month \(\+\$/m);
    const tasks = (g: typeof plain.v2) =>
      g.node('aws_appautoscaling_target.api')?.props.max_capacity as number;
    expect(tasks(slow.v2)).toBeGreaterThan(tasks(plain.v2));
    const api = (g: typeof plain.v2) =>
      g.changeset!.cost!.rows.find((r) => r.node === 'aws_ecs_service.api')!.after;
    // Fargate: each extra task is 0.5 vCPU × $0.04048 + 1 GB × $0.004445 per hour, 730 hours (eu-west-1 list price).
    const perTask = 730 * (0.5 * 0.04048 + 1 * 0.004445);
    expect(api(slow.v2).low - api(plain.v2).low).toBeCloseTo((tasks(slow.v2) - tasks(plain.v2)) * perTask, 0);
    expect(slow.v2.changeset!.cost!.after.low).toBeGreaterThan(plain.v2.changeset!.cost!.after.low);
  });

  it('multi-region prints before → after with the delta, and the revised graph carries the summary', async () => {
    const dir = tmp();
    const out = join(dir, 'v2.json');
    const r = await runCli(['propose', 'fixtures/graphs/shop.json', '--scenario', 'multi-region', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Cost \(list prices, snapshot 2026-12-02\): .* → .* a month \(\+\$/m);
    const cost = parseGraph(readFileSync(out, 'utf8'), out).changeset!.cost!;
    expect(cost.after.low).toBeGreaterThan(cost.before.low);
    expect(cost.rows.length).toBeGreaterThan(0);
  });
});
