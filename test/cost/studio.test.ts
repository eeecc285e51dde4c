// The studio shows cost per node, today and under a scenario (over real HTTP).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeCost } from '../../src/cost/index.js';
import { parseGraph } from '../../src/model/io.js';
import { type StudioServer, startStudio } from '../../src/studio/server.js';
import { repoRoot } from './support.js';

let studio: StudioServer;

beforeAll(async () => {
  const graph = parseGraph(await readFile(join(repoRoot, 'fixtures/graphs/shop.json'), 'utf8'), 'shop.json');
  const assets = await mkdtemp(join(tmpdir(), 'archmap-studio-cost-'));
  await writeFile(join(assets, 'index.html'), '<!doctype html><title>studio</title>');
  studio = await startStudio({ graph, assetsDir: assets, env: {}, warm: false });
});
afterAll(async () => {
  await studio?.close();
});

async function nodeCost(id: string, query = ''): Promise<NodeCost> {
  const r = await fetch(`${studio.url}api/node/${encodeURIComponent(id)}${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { cost: NodeCost }).cost;
}

describe('studio cost per node', () => {
  it('gives the monthly cost with its line items, and the scenario’s figure under ?scenario=scale', async () => {
    const today = await nodeCost('aws_ecs_service.api');
    expect(today.status).toBe('priced');
    expect(today.lines.map((l) => l.item)).toEqual(expect.arrayContaining(['vCPU', 'memory']));
    expect(today.lines.find((l) => l.item === 'vCPU')!.basis).toBe('1 task × 0.5 vCPU × 730 h');
    const scaled = await nodeCost('aws_ecs_service.api', '?scenario=scale&factor=10');
    expect(scaled.lines.find((l) => l.item === 'vCPU')!.basis).toMatch(/^\d+ task × 0\.5 vCPU × 730 h$/);
    expect(scaled.monthly.low).toBeGreaterThan(today.monthly.low);
    const free = await nodeCost('aws_ecs_cluster.main');
    expect(free.status).toBe('free');
  });
});
