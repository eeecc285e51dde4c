import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import d2 from '../../../generators/d2/index.js';
import {
  expectGolden,
  expectGoldenFolder,
  fixtureGraph,
  fixtureGraphs,
  fixtureNames,
  repoRoot,
  threeTierDiff,
} from '../support.js';

const goldenDir = join(repoRoot, 'test', 'generators', 'd2', '__golden__');

async function d2Text(...args: Parameters<typeof d2.generate>): Promise<string> {
  const [file] = await d2.generate(...args);
  return String(file?.contents);
}

describe('d2 golden files', async () => {
  for (const [name, graph] of await fixtureGraphs()) {
    it(`writes fixtures/graphs/${name}.json as the golden D2 text`, async () => {
      await expectGolden(join(goldenDir, `${name}.d2`), await d2Text(graph, { name }));
    });
  }

  it('writes the golden D2 text of a diff (modified and removed marks)', async () => {
    await expectGolden(join(goldenDir, 'three-tier.diff.d2'), await d2Text(await threeTierDiff(), {}));
  });

  it('writes the golden D2 text of three-tier with plumbing shown', async () => {
    const graph = await fixtureGraph('three-tier');
    await expectGolden(join(goldenDir, 'three-tier.all.d2'), await d2Text(graph, { all: true }));
  });

  it('has a golden file for every case above and no other', () => {
    expectGoldenFolder(goldenDir, [
      ...fixtureNames().map((n) => `${n}.d2`),
      'three-tier.diff.d2',
      'three-tier.all.d2',
    ]);
  });

  it('gives the same bytes twice', async () => {
    const graph = await fixtureGraph('serverless-api');
    expect(await d2Text(graph, {})).toBe(await d2Text(graph.clone(), {}));
  });
});
