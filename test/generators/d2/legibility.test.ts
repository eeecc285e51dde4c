import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import d2 from '../../../generators/d2/index.js';
import { scanDirectory } from '../../../src/index.js';
import { repoRoot } from '../support.js';
import { canMeasure, expectLegible, legibility } from './legibility.js';

// Rendering runs the D2 WASM and ELK; on a busy machine one diagram can take tens of seconds.
const RENDER_TIMEOUT = 240_000;

const svgOf = (body: string, size = '400 200') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size}">${body}</svg>`;

describe.runIf(canMeasure)('the legibility check', () => {
  it('finds two labels drawn over each other, and not two labels apart', () => {
    const over = legibility(
      svgOf(
        '<text x="100" y="50" class="text-bold" style="text-anchor:middle;font-size:16px">orders-api</text>' +
          '<text x="140" y="52" class="text" style="text-anchor:middle;font-size:16px">customers</text>',
      ),
    );
    expect(over.overlaps).toEqual([['orders-api', 'customers']]);
    const apart = legibility(
      svgOf(
        '<text x="60" y="50" style="text-anchor:middle;font-size:16px">orders-api</text>' +
          '<text x="300" y="50" style="text-anchor:middle;font-size:16px">customers</text>',
      ),
    );
    expect(apart.overlaps).toEqual([]);
  });

  it('reads lines (tspans), scaled groups and the zoom of the root element', () => {
    const report = legibility(
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 400 200">' +
        '<g transform="translate(10, 10) scale(0.5)"><text x="0" y="40" style="font-size:16px">tiny</text></g>' +
        '<text x="200" y="100" style="text-anchor:middle;font-size:16px"><tspan x="200" dy="0">first</tspan><tspan x="200" dy="17.5">second line</tspan></text>' +
        '</svg>',
    );
    const tiny = report.labels.find((l) => l.text === 'tiny')!;
    // 16 px × 0.5 (group) × 2 (800 px wide root over a 400-unit view box) = 16 px on screen.
    expect(tiny.px).toBe(16);
    const two = report.labels.find((l) => l.text === 'first / second line')!;
    expect(two.height).toBeGreaterThan(25);
    expect(two.x).toBeLessThan(200);
    expect(two.x + two.width).toBeGreaterThan(200);
    expect(report.width).toBe(800);
  });

  it('flags labels under 11 px and drawings longer than 4,000 px', () => {
    const report = legibility(svgOf('<text x="10" y="50" style="font-size:9px">small</text>', '5000 300'));
    expect(report.small.map((l) => l.text)).toEqual(['small']);
    expect(report.width).toBe(5000);
  });
});

describe.runIf(canMeasure)('legible diagrams of the real-world corpus', () => {
  // The corpus patterns whose default views are largest (the small ones cannot crowd).
  for (const pattern of [
    'ecs-service-discovery',
    'serverless-notifications',
    'sam-orders-events',
    'cdk-orders-source',
  ]) {
    it(
      `draws fixtures/realworld/${pattern} with no overlapping label, none under 11 px, within 4,000 px`,
      async () => {
        const { graph } = await scanDirectory(join(repoRoot, 'fixtures/realworld', pattern));
        const files = await d2.generate(graph, { formats: ['svg'], name: 'x' });
        expectLegible(String(files[0]!.contents), pattern);
      },
      RENDER_TIMEOUT,
    );
  }
});
