import { describe, expect, it } from 'vitest';
import docs from '../../generators/docs/index.js';
import { costDelta, costSummary, formatMoney } from '../../src/cost/index.js';
import { proposeOffline, revise } from '../../src/planners/index.js';
import { loadGraph } from '../planners/support.js';

describe('design.md gets a Cost section from the priced plan', () => {
  it('shows before → after, a row per changed component with its figures, and the assumptions', async () => {
    const base = loadGraph('shop');
    const changeset = proposeOffline(base, 'scale', { factor: 10, rps: 100 });
    const delta = costDelta(base, revise(base, changeset), { rps: 100, factor: 10 });
    changeset.cost = costSummary(delta);
    const [doc] = await docs.generate(revise(base, changeset), { base });
    const md = String(doc!.contents);
    const section = md.slice(md.indexOf('## Cost'), md.indexOf('\n## ', md.indexOf('## Cost') + 3));
    expect(section).toContain(
      `**${formatMoney(delta.before.total)} → ${formatMoney(delta.after.total)} a month`,
    );
    expect(section).toContain('| Component | Before | After | Change |');
    for (const row of changeset.cost.rows)
      expect(section).toContain(
        `| \`${row.node}\` | ${formatMoney(row.before)} | ${formatMoney(row.after)} |`,
      );
    expect(section).toContain('price snapshot of 2026-12-02');
    expect(section).toContain('**Assumptions**');
    expect(section).toMatch(
      /tasks = \d+, the max_capacity aws_appautoscaling_target\.api is sized to for ×10/,
    );
  });
});
