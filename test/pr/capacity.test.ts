// The capacity part of the pull-request comment: rows of the capacity model that a change moves, at the same load.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/io.js';
import { prComment, reviewChange } from '../../src/pr/index.js';

const text = readFileSync('fixtures/graphs/shop.json', 'utf8');

describe('archmap pr capacity rows', () => {
  it('shows the API service’s limit and headroom before and after its task count goes from 1 to 4', () => {
    const base = parseGraph(text);
    const raw = JSON.parse(text);
    const api = raw.nodes.find((n: { id: string }) => n.id === 'aws_ecs_service.api');
    expect(api.props.desired_count).toBe(1);
    api.props.desired_count = 4;
    const head = parseGraph(JSON.stringify(raw));
    const pr = reviewChange(base, head, { rps: 100 });
    // More tasks: more room for requests, and more database connections (one pool per task).
    expect(pr.capacity?.changes.map((c) => `${c.node} ${c.metric}`)).toEqual([
      'aws_db_instance.orders connections',
      'aws_ecs_service.api rps',
    ]);
    const md = prComment(pr);
    expect(md).toContain('Capacity at 100 requests/s per entry point (rows that changed):');
    // 100 requests/s against 200 per task (the catalog's per-copy figure): one task is half used, four an eighth.
    expect(md).toContain(
      '| `aws_ecs_service.api` | rps (requests/s) | 100 → 100 | 200 → 800 | 50% free → 88% free |',
    );
  });

  it('says so when nothing moves', () => {
    const g = parseGraph(text);
    expect(prComment(reviewChange(g, g, { rps: 100 }))).toContain(
      'No capacity change at 100 requests/s per entry point.',
    );
  });
});
