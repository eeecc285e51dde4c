// The D2 `showChanges` option the studio uses for diff diagrams: changed plumbing stays visible.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildView } from '../../generators/shared/view.js';
import { diffGraphs } from '../../src/model/diff.js';
import { parseGraph } from '../../src/model/io.js';
import { proposeOffline, revise } from '../../src/planners/index.js';

describe('d2 view of a diff with showChanges', () => {
  it('keeps the autoscaling target that scale ×10 adds, which is plumbing and hidden by default', async () => {
    const shop = parseGraph(
      await readFile(new URL('../../fixtures/graphs/shop.json', import.meta.url), 'utf8'),
    );
    const diff = diffGraphs(shop, revise(shop, proposeOffline(shop, 'scale', { factor: 10 })));
    const added = diff
      .nodes()
      .filter((n) => n.change === 'added')
      .map((n) => n.id);
    expect(added).toContain('aws_appautoscaling_target.api');
    const hidden = buildView(diff).nodes.map((n) => n.key);
    expect(hidden).not.toContain('aws_appautoscaling_target.api');
    const shown = buildView(diff, { showChanges: true });
    expect(shown.nodes.find((n) => n.key === 'aws_appautoscaling_target.api')?.change).toBe('added');
    // Unchanged plumbing stays hidden.
    expect(shown.hiddenPlumbing).toBe(buildView(diff).hiddenPlumbing - 1);
  });
});
