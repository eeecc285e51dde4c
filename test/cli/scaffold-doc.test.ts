import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeGraph } from '../../src/model/index.js';
import { proposeOffline, revise } from '../../src/planners/index.js';
import { fixtureGraph } from '../generators/support.js';
import { runCli } from '../support/cli.js';

let dir: string;
let v2: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archmap-scaffold-'));
  const shop = await fixtureGraph('shop');
  base = join(dir, 'shop.json');
  v2 = join(dir, 'V2.json');
  writeFileSync(base, serializeGraph(shop));
  writeFileSync(v2, serializeGraph(revise(shop, proposeOffline(shop, 'multi-region', {}))));
});

describe('archmap scaffold', () => {
  it('writes the per-concern .tf files and a README into an empty directory', async () => {
    const out = join(dir, 'tf');
    const result = await runCli(['scaffold', v2, '--format', 'terraform', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        'README.md',
        'compute.tf',
        'data.tf',
        'edge.tf',
        'messaging.tf',
        'network.tf',
        'outputs.tf',
        'providers.tf',
        'variables.tf',
      ].sort(),
    );
    expect(readFileSync(join(out, 'providers.tf'), 'utf8')).toContain('alias  = "eu_central_1"');
  });

  it('refuses a non-empty directory without --force and leaves it untouched', async () => {
    const out = join(dir, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'main.tf'), '# mine\n');
    const result = await runCli(['scaffold', v2, '-o', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty/);
    expect(result.stderr).toMatch(/hint: .*--force/);
    expect(readdirSync(out)).toEqual(['main.tf']);
  });

  it('writes into a non-empty directory with --force, keeping unrelated files', async () => {
    const out = join(dir, 'forced');
    mkdirSync(out);
    writeFileSync(join(out, 'backend.tf'), '# mine\n');
    expect((await runCli(['scaffold', v2, '-o', out, '--force'])).code).toBe(0);
    expect(readdirSync(out)).toContain('backend.tf');
    expect(readdirSync(out)).toContain('network.tf');
  });

  it('writes a CDK Terrain app with --format cdktf --flavor cdktn', async () => {
    const out = join(dir, 'cdk');
    const result = await runCli([
      'scaffold',
      v2,
      '--format',
      'cdktf',
      '--flavor',
      'cdktn',
      '-o',
      out,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).files).toContain('main.ts');
    expect(readFileSync(join(out, 'main.ts'), 'utf8')).toContain("from '@cdktn/provider-aws/lib/provider'");
  });

  it('exits 2 on an unknown format', async () => {
    const result = await runCli(['scaffold', v2, '--format', 'pulumi', '-o', join(dir, 'p')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format pulumi/);
  });
});

describe('archmap doc', () => {
  it('writes the design document as Markdown with every section', async () => {
    const out = join(dir, 'design.md');
    const result = await runCli(['doc', v2, '--base', base, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    for (const h of ['## Context', '## Proposed changes', '## Rollout plan', '## Infrastructure as code'])
      expect(md).toContain(h);
    expect(md).toContain('```mermaid');
  });

  it('chooses HTML from the output extension', async () => {
    const out = join(dir, 'design.html');
    expect((await runCli(['doc', v2, '--base', base, '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('refuses to overwrite an existing document without --force', async () => {
    const out = join(dir, 'exists.md');
    writeFileSync(out, 'mine\n');
    expect((await runCli(['doc', v2, '-o', out])).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
  });
});
