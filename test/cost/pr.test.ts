// `archmap pr` with two archmap.json files (git refs: test/pr/git-refs.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { expectGolden } from './support.js';

describe('archmap pr --base A.json --head B.json', () => {
  it('writes the comment (golden) naming the added queue and the database opened to the world, and fails the high gate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archmap-pr-'));
    const g = JSON.parse(readFileSync('fixtures/graphs/shop.json', 'utf8'));
    g.nodes.push({
      id: 'aws_sqs_queue.audit',
      kind: 'queue',
      name: 'audit',
      provider: 'aws',
      service: 'aws_sqs_queue',
      parent: 'region:eu-west-1',
      props: { name: 'shop-audit' },
      tags: {},
      sources: [],
    });
    g.edges.push({
      id: 'aws_ecs_service.api -> aws_sqs_queue.audit (publishes)',
      from: 'aws_ecs_service.api',
      to: 'aws_sqs_queue.audit',
      kind: 'publishes',
      sources: [],
    });
    g.nodes.find((n: { id: string }) => n.id === 'aws_db_instance.orders').props.publicly_accessible = true;
    const head = join(dir, 'head.json');
    writeFileSync(head, JSON.stringify(g));
    const out = join(dir, 'comment.md');
    const sarif = join(dir, 'new.sarif');
    const r = await runCli([
      'pr',
      '--base',
      'fixtures/graphs/shop.json',
      '--head',
      head,
      '--fail-on',
      'high',
      '-o',
      out,
      '--sarif',
      sarif,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/new finding\(s\) at high severity or above/);
    const md = readFileSync(out, 'utf8');
    expectGolden('shop.pr.md', md);
    expect(md.startsWith('<!-- archmap-pr -->\n')).toBe(true);
    expect(md).toContain('| added | node | `aws_sqs_queue.audit` | queue |');
    expect(md).toMatch(/- \*\*(high|critical)\*\* `public-database`: .*aws_db_instance\.orders/);
    expect(md).toContain('| `aws_sqs_queue.audit` | $0.00 |');
    expect(md).not.toMatch(/https?:\/\//);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('public-database');
  });
});
