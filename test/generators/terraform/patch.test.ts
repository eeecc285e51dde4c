// `archmap scaffold V2.json --patch -o change.patch` on a copy of the shop project: the patch applies with
// `git apply`, leaves everything it does not change byte-identical, and the patched tree re-scans to the revised
// design (every node of the design, and every property the ChangeSet sets).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../generators/shared/iac/templates/index.js';
import { scanDirectory } from '../../../src/index.js';
import { type ArchGraph, serializeGraph } from '../../../src/model/index.js';
import { isGroupKind } from '../../../src/model/kinds.js';
import { proposeOffline, revise } from '../../../src/planners/index.js';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../support.js';
import { validateTerraform } from './provider-schema/validate.js';

const SHOP = join(repoRoot, 'fixtures', 'projects', 'shop');

function copyShop(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archmap-patch-'));
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

/** Deep equality of a property as the ChangeSet set it and as the re-scan read it (`${…}` references kept). */
function sameValue(set: unknown, read: unknown): boolean {
  return JSON.stringify(set) === JSON.stringify(read);
}

async function revisedShop(dir: string, scenario: 'scale' | 'multi-region'): Promise<ArchGraph> {
  const { graph } = await scanDirectory(dir, {});
  return revise(graph, proposeOffline(graph, scenario, { factor: 10 }));
}

describe('archmap scaffold --patch', () => {
  for (const scenario of ['scale', 'multi-region'] as const)
    it(`shop × ${scenario}: git apply accepts the patch and the patched tree re-scans to the revised design`, async () => {
      const scanned = copyShop();
      const revised = await revisedShop(scanned, scenario);
      const v2 = join(scanned, '..', `${scenario}-v2-${Date.now()}.json`);
      writeFileSync(v2, serializeGraph(revised));
      const patchFile = join(scanned, '..', `${scenario}-${Date.now()}.patch`);
      const result = await runCli(['scaffold', v2, '--patch', '--dir', scanned, '-o', patchFile]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('note:');
      const patch = readFileSync(patchFile, 'utf8');

      const target = copyShop();
      execFileSync('git', ['apply', '--check', patchFile], { cwd: target });
      execFileSync('git', ['apply', patchFile], { cwd: target });

      // Everything the patch touches is valid against the provider schema.
      for (const file of [...patch.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]!)) {
        const problems = await validateTerraform(file, readFileSync(join(target, file), 'utf8'));
        expect(problems.map((p) => `${p.file}:${p.line} ${p.what}`)).toEqual([]);
      }

      // The state describes what is deployed today and lags until apply: the design is what the source says.
      rmSync(join(target, 'state'), { recursive: true, force: true });
      const { graph: rescanned } = await scanDirectory(target, {});
      const missing = revised
        .nodes()
        .filter((n) => n.change !== 'removed' && n.service?.startsWith('aws_') && !isGroupKind(n.kind))
        // What the source declares, plus what the design adds (a queue known only from state is not in the source).
        .filter((n) => n.change === 'added' || n.sources.some((s) => s.file?.endsWith('.tf')))
        .filter((n) => !rescanned.hasNode(n.id))
        .map((n) => n.id);
      expect(missing).toEqual([]);
      for (const op of revised.changeset?.ops ?? []) {
        if (op.op === 'remove_node') expect(rescanned.hasNode(op.id)).toBe(false);
        if (op.op !== 'update_node' || !op.set.props) continue;
        const n = rescanned.node(op.id)!;
        const handled = TEMPLATES[n.service ?? '']?.handles ?? [];
        // S3 versioning and replication are resources of their own in provider 6.x: the patch writes those.
        for (const [key, value] of Object.entries(op.set.props))
          if (handled.includes(key))
            expect([
              key,
              patch.includes(`+  ${key} {`) || patch.includes(`resource "aws_s3_bucket_${key.split('_')[0]}`),
            ]).toEqual([key, true]);
          else if (typeof value === 'string' && /^\$\{(.+)\.\w+\}$/.test(value)) {
            // A reference re-scans as an edge to the referenced resource.
            const to = /^\$\{(.+)\.\w+\}$/.exec(value)![1]!;
            expect([op.id, key, rescanned.outEdges(op.id).some((e) => e.to === to)]).toEqual([
              op.id,
              key,
              true,
            ]);
          } else if (typeof value !== 'object')
            expect([op.id, key, n.props[key]]).toEqual([op.id, key, value]);
      }
    });

  it('leaves the lines it does not change byte-identical (no reformatting, names and comments kept)', async () => {
    const scanned = copyShop();
    const revised = await revisedShop(scanned, 'multi-region');
    const v2 = join(scanned, '..', `mr-v2-${Date.now()}.json`);
    writeFileSync(v2, serializeGraph(revised));
    const patchFile = join(scanned, '..', `mr-${Date.now()}.patch`);
    expect((await runCli(['scaffold', v2, '--patch', '--dir', scanned, '-o', patchFile])).code).toBe(0);
    const patch = readFileSync(patchFile, 'utf8');
    // Only additions in existing files, besides replaced values: no line of the user's files is deleted except
    // where a value is rewritten in place.
    const removed = patch.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    expect(removed).toEqual([]);
    expect(patch).toContain('+++ b/infra/archmap_multi_region.tf');
  });

  it('refuses a graph without a ChangeSet (exit 2, nothing written)', async () => {
    const scanned = copyShop();
    const { graph } = await scanDirectory(scanned, {});
    const g = join(scanned, '..', `plain-${Date.now()}.json`);
    writeFileSync(g, serializeGraph(graph));
    const out = join(scanned, '..', `none-${Date.now()}.patch`);
    const result = await runCli(['scaffold', g, '--patch', '--dir', scanned, '-o', out]);
    expect(result.code).toBe(2);
    expect(() => readFileSync(out)).toThrow();
  });
});
