// The SARIF output is validated against the SARIF 2.1.0 JSON schema. sarif-schema-2.1.0.json is vendored from
// the npm package @microsoft/sarif-multitool-linux@5.7.0 (file sarif-2.1.0.json, the schema Microsoft's SARIF
// SDK validates with; JSON Schema draft 2020-12).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/review/format.js';
import { review } from '../../src/review/index.js';
import { loadGraph, repoRoot } from '../planners/support.js';
import { riskyGraph } from './risky-graph.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'review', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

describe('SARIF output', () => {
  for (const [name, graph] of [
    ['shop', () => loadGraph('shop')],
    ['risky', riskyGraph],
  ] as const) {
    it(`validates against the SARIF 2.1.0 schema (${name})`, () => {
      const log = JSON.parse(formatSarif(review(graph()), { graphFile: `fixtures/graphs/${name}.json` }));
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('the schema rejects a broken log (the validator is really checking)', () => {
    const log = JSON.parse(formatSarif(review(riskyGraph())));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('points results at the Terraform file and line the node was declared at, and names the node', () => {
    const log = JSON.parse(formatSarif(review(loadGraph('shop')), { graphFile: 'archmap.json' }));
    const rds = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'rds-single-az');
    expect(rds.level).toBe('error');
    expect(rds.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/data.tf' },
      region: { startLine: 15 },
    });
    expect(rds.locations[0].logicalLocations).toEqual([
      { fullyQualifiedName: 'aws_db_instance.orders', kind: 'resource' },
    ]);
    expect(log.runs[0].tool.driver.rules[rds.ruleIndex].id).toBe('rds-single-az');
  });
});
