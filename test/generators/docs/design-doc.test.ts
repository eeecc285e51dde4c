import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import docs from '../../../generators/docs/index.js';
import { UsageError } from '../../../src/model/index.js';
import { scaffoldCases } from '../scaffold-cases.js';
import { expectGolden, expectGoldenFolder, fixtureGraph, repoRoot } from '../support.js';

const goldenDir = join(repoRoot, 'test', 'generators', 'docs', '__golden__');
const SECTIONS = [
  'Context',
  'Current architecture',
  'Scenario and goals',
  'Proposed changes',
  'Capacity before and after',
  'Cost',
  'Trade-offs and alternatives',
  'Risks and failure modes',
  'Open questions',
  'Rollout plan',
  'Infrastructure as code',
];

describe('design document for the shop after each scenario', async () => {
  const cases = (await scaffoldCases()).filter((c) => c.name.startsWith('shop-'));
  it('has a Markdown and an HTML golden file for every case and no other', () => {
    expectGoldenFolder(
      goldenDir,
      cases.flatMap((c) => [`${c.name}.md`, `${c.name}.html`]),
    );
  });

  for (const c of cases) {
    const files = { revised: `${c.name}.json`, base: 'shop.json' };
    it(`${c.name}: matches the golden Markdown and HTML`, async () => {
      for (const format of ['markdown', 'html'] as const) {
        const [doc] = await docs.generate(c.graph, { base: c.base, format, name: c.name, files });
        await expectGolden(join(goldenDir, doc!.path), String(doc!.contents));
      }
    });

    it(`${c.name}: fills every section from the ChangeSet and the graphs`, async () => {
      const [doc] = await docs.generate(c.graph, { base: c.base, name: c.name, files });
      const md = String(doc!.contents);
      for (const title of SECTIONS) expect(md).toContain(`## ${title}`);
      expect(md.match(/```mermaid\n[^`]*flowchart LR/g)).toHaveLength(2);
      const cs = c.graph.changeset!;
      for (const op of cs.ops) expect(md).toContain(op.rationale.replace(/\|/g, '\\|'));
      for (const row of cs.capacity) expect(md).toContain(`\`${row.node}\``);
      for (const text of [...cs.goals, ...cs.tradeoffs, ...cs.risks, ...cs.openQuestions, ...cs.rollout])
        expect(md).toContain(text);
      for (const a of cs.alternatives) expect(md).toContain(a.whyNot);
    });
  }

  it('writes HTML as one self-contained file with no external reference', async () => {
    const c = cases.find((x) => x.name === 'shop-multi-region')!;
    const [doc] = await docs.generate(c.graph, {
      base: c.base,
      format: 'html',
      diagrams: { current: { svg: '<svg xmlns="http://www.w3.org/2000/svg"><title>current</title></svg>' } },
    });
    const html = String(doc!.contents);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"><title>current</title></svg>');
    expect(html).not.toMatch(/<(script|link)\b|src="https?:/);
  });

  it('refuses a graph that carries no ChangeSet, with a hint', async () => {
    await expect(docs.generate(await fixtureGraph('three-tier'), {})).rejects.toThrow(UsageError);
  });
});

describe('design document without --base', () => {
  it('draws the current architecture without the components the design adds', async () => {
    const c = (await scaffoldCases()).find((x) => x.name === 'shop-multi-region')!;
    const [doc] = await docs.generate(c.graph, {});
    const md = String(doc!.contents);
    const current = md.slice(md.indexOf('## Current architecture'), md.indexOf('## Scenario and goals'));
    expect(current).toContain('aws_lb_web');
    expect(current).not.toContain('aws_lb_web_euc1');
    expect(md.slice(md.indexOf('## Proposed changes'))).toContain('aws_lb_web_euc1');
  });
});
