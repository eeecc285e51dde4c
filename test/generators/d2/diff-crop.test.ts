import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildView } from '../../../generators/shared/view.js';
import { diffGraphs } from '../../../src/model/diff.js';
import { parseGraph } from '../../../src/model/index.js';
import { runCli } from '../../support/cli.js';
import { fixtureGraph } from '../support.js';

/** The keys of the shapes a D2 file draws (one `"key": "label" {` line per shape). */
const shapes = (text: string) => [...text.matchAll(/^\s*"([^"]+)": "[^"]*" \{$/gm)].map((m) => m[1]!);

describe('archmap diagram x10.json --diff shop.json', () => {
  it('is cropped to what changed and one hop around it, and --full draws everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archmap-diff-'));
    const x10 = join(dir, 'x10.json');
    const proposed = await runCli([
      'propose',
      'fixtures/graphs/shop.json',
      '--scenario',
      'scale',
      '--factor',
      '10',
      '-o',
      x10,
    ]);
    expect(proposed.code).toBe(0);
    const cropped = join(dir, 'cropped.d2');
    const full = join(dir, 'full.d2');
    expect((await runCli(['diagram', x10, '--diff', 'fixtures/graphs/shop.json', '-o', cropped])).code).toBe(
      0,
    );
    expect(
      (await runCli(['diagram', x10, '--diff', 'fixtures/graphs/shop.json', '--full', '-o', full])).code,
    ).toBe(0);
    const croppedShapes = shapes(readFileSync(cropped, 'utf8'));
    const fullShapes = shapes(readFileSync(full, 'utf8'));
    // What the cropped view must hold comes from the diff itself: every changed component and the ends of
    // every changed edge.
    const diff = diffGraphs(await fixtureGraph('shop'), parseGraph(readFileSync(x10, 'utf8'), x10));
    const whole = buildView(diff, { showChanges: true });
    const changed = whole.nodes.filter((n) => n.change && !n.container).map((n) => n.key);
    expect(changed.length).toBeGreaterThan(0);
    expect(croppedShapes).toEqual(expect.arrayContaining(changed));
    expect(croppedShapes.length).toBeLessThan(fullShapes.length);
    // Cropped: nothing in it is more than one hop from a change (a changed node or an end of a changed edge).
    const seeds = new Set(changed);
    for (const e of whole.edges) if (e.change) seeds.add(e.from).add(e.to);
    const near = new Set(seeds);
    for (const e of whole.edges) {
      if (seeds.has(e.from)) near.add(e.to);
      if (seeds.has(e.to)) near.add(e.from);
    }
    const components = croppedShapes.filter((k) => whole.nodes.find((n) => n.key === k && !n.container));
    expect(components.filter((k) => !near.has(k))).toEqual([]);
  });
});
