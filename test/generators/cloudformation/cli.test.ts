import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { serializeGraph } from '../../../src/model/index.js';
import { proposeOffline, revise } from '../../../src/planners/index.js';
import { runCli } from '../../support/cli.js';
import { fixtureGraph } from '../support.js';

const dir = mkdtempSync(join(tmpdir(), 'archmap-cfn-scaffold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('`archmap scaffold --format cloudformation` writes a template per region and a README', async () => {
  const shop = await fixtureGraph('shop');
  const v2 = join(dir, 'V2.json');
  writeFileSync(v2, serializeGraph(revise(shop, proposeOffline(shop, 'scale', { factor: 10 }))));
  const out = join(dir, 'cfn');
  const result = await runCli(['scaffold', v2, '--format', 'cloudformation', '-o', out]);
  expect(result.code, result.stderr).toBe(0);
  expect(readdirSync(out).sort()).toEqual([
    'README.md',
    'template.eu-west-1.yaml',
    'template.us-east-1.yaml',
  ]);
  expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain(
    'aws cloudformation deploy --region eu-west-1',
  );
  const again = await runCli(['scaffold', v2, '--format', 'cloudformation', '-o', out]);
  expect(again.code).toBe(2);
});
