// One test scores every fixture under fixtures/realworld/<pattern>/ against its expected.json and holds the
// corpus to recall and precision thresholds, per category and overall. Set CORPUS_REPORT=<file> to write the table.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/index.js';
import { addUp, type Expected, type FixtureScore, ratios, readExpected, scoreGraph } from './score.js';

const ROOT = join(import.meta.dirname, '../../fixtures/realworld');
const THRESHOLDS = { componentRecall: 0.95, connectionRecall: 0.9, precision: 0.9 };

const patterns = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'expected.json')))
      .map((d) => d.name)
      .sort()
  : [];

interface Row {
  pattern: string;
  expected: Expected;
  score: FixtureScore;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function table(rows: Row[]): string {
  const lines = [
    '| pattern | category | components | connections | precision | missed connections | extra edges |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { pattern, expected, score: s } of rows) {
    lines.push(
      `| ${pattern} | ${expected.category} | ${s.components.found}/${s.components.expected} | ` +
        `${s.connections.found}/${s.connections.expected} | ${s.predicted.correct}/${s.predicted.total} | ` +
        `${s.connections.missing.join('<br>') || '—'} | ${s.predicted.extra.join('<br>') || '—'} |`,
    );
  }
  return lines.join('\n');
}

describe.skipIf(patterns.length === 0)('real-world pattern corpus', () => {
  const rows: Row[] = [];

  beforeAll(async () => {
    for (const pattern of patterns) {
      const expected = readExpected(join(ROOT, pattern, 'expected.json'));
      const { graph } = await scanDirectory(join(ROOT, pattern, expected.scan.dir), expected.scan.args);
      rows.push({ pattern, expected, score: scoreGraph(expected, graph) });
    }
    const report = table(rows);
    console.log(`\n${report}\n`);
    if (process.env.CORPUS_REPORT) writeFileSync(process.env.CORPUS_REPORT, `${report}\n`);
  }, 600_000);

  it('never draws a connection a fixture says is absent', () => {
    const seen = rows.flatMap((r) => r.score.absentSeen.map((a) => `${r.pattern}: ${a}`));
    expect(seen).toEqual([]);
  });

  it('finds every component with the kind the fixture names', () => {
    const wrong = rows.flatMap((r) => r.score.components.wrongKind.map((w) => `${r.pattern}: ${w}`));
    expect(wrong).toEqual([]);
  });

  const categories = [...new Set(patterns.map((p) => readExpected(join(ROOT, p, 'expected.json')).category))];
  it.each(['overall', ...categories])('meets the recall and precision thresholds: %s', (category) => {
    const scores = rows
      .filter((r) => category === 'overall' || r.expected.category === category)
      .map((r) => r.score);
    const r = ratios(addUp(scores));
    const summary = `component recall ${pct(r.componentRecall)}, connection recall ${pct(r.connectionRecall)}, precision ${pct(r.precision)}`;
    expect.soft(r.componentRecall, summary).toBeGreaterThanOrEqual(THRESHOLDS.componentRecall);
    expect.soft(r.connectionRecall, summary).toBeGreaterThanOrEqual(THRESHOLDS.connectionRecall);
    expect.soft(r.precision, summary).toBeGreaterThanOrEqual(THRESHOLDS.precision);
  });
});
