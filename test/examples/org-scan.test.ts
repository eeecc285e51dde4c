// The organisation-scan examples are documentation people copy: their YAML and JSON are validated with the tools
// made for them, and every archmap flag they use must exist.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';

const DIR = join(import.meta.dirname, '../../examples/org-scan');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

type AslValidator = (definition: unknown) => { isValid: boolean; errorsText: (sep?: string) => string };
const validateAsl = createRequire(import.meta.url)('asl-validator') as AslValidator;

/** The long flags of `archmap <path…>`, from the real command definitions. */
function flagsOf(path: string[]): Set<string> {
  let cmd: Command | undefined = buildProgram();
  for (const name of path) cmd = cmd?.commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command archmap ${path.join(' ')}`);
  return new Set(cmd.options.map((o) => o.long).filter((l): l is string => !!l));
}

/** Each `archmap … <sub> [sub] --flag …` invocation in a text, as its command path and long flags. */
function invocations(text: string): { path: string[]; flags: string[] }[] {
  const out: { path: string[]; flags: string[] }[] = [];
  const joined = text.replace(/\\\n\s*/g, ' ').replace(/>\n/g, ' ');
  for (const m of joined.matchAll(/archmap(?:@\$\{\{[^}]*\}\}|@\S+)? (scan aws|merge|diagram)\b([^\n]*)/g)) {
    out.push({ path: m[1]!.split(' '), flags: [...m[2]!.matchAll(/(--[a-z][a-z-]*)/g)].map((f) => f[1]!) });
  }
  return out;
}

describe('examples/org-scan', () => {
  test('the GitHub Actions workflow is valid, shards 1..N, uploads each part and merges after every shard', () => {
    const text = read('github-actions.yml');
    const state = validateWorkflow(text);
    expect(state.errors).toEqual([]);
    const wf = parse(text);
    const n = Number(wf.env.SHARDS);
    expect(wf.jobs.scan.strategy.matrix.shard).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const scanRun = wf.jobs.scan.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(scanRun).toContain('--shard ${{ matrix.shard }}/${{ env.SHARDS }}');
    expect(
      wf.jobs.scan.steps.some((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact@')),
    ).toBe(true);
    expect(wf.jobs.merge.needs).toBe('scan');
    const mergeRun = wf.jobs.merge.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(mergeRun).toContain('archmap@${{ env.ARCHMAP_VERSION }} merge part-*.json');
  });

  test('the Step Functions definition is valid ASL: a distributed map of Fargate scans, then a merge', () => {
    const definition = JSON.parse(read('step-functions.asl.json'));
    const result = validateAsl(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
    const map = definition.States[definition.StartAt];
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    const scan = map.ItemProcessor.States[map.ItemProcessor.StartAt];
    expect(scan.Resource).toBe('arn:aws:states:::ecs:runTask.sync');
    expect(scan.Parameters.LaunchType).toBe('FARGATE');
    expect(scan.Parameters.Overrides.ContainerOverrides[0]['Command.$']).toMatch(/^States\.Array\('scan',/);
    const merge = definition.States[map.Next];
    expect(merge.Parameters.Overrides.ContainerOverrides[0].Command).toEqual(['merge']);
    expect(merge.End).toBe(true);
  });

  test('the image runs the entry point, and the entry point handles both commands the state machine sends', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:\d+/m);
    expect(dockerfile).toMatch(
      /^COPY examples\/org-scan\/entrypoint\.sh \/usr\/local\/bin\/archmap-org-scan$/m,
    );
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/archmap-org-scan"\]$/m);
    const entry = read('entrypoint.sh');
    expect(entry).toMatch(/^\s+scan\)$/m);
    expect(entry).toMatch(/^\s+merge\)$/m);
  });

  test('every archmap flag the examples use exists', () => {
    // The workflow's `run: >` blocks fold into one line each once parsed.
    const wf = parse(read('github-actions.yml'));
    const runs = Object.values(wf.jobs as Record<string, { steps: { run?: string }[] }>)
      .flatMap((j) => j.steps.map((s) => s.run ?? ''))
      .join('\n');
    const used = [runs, read('entrypoint.sh')].flatMap(invocations);
    expect(used.find((u) => u.path.join(' ') === 'scan aws')?.flags).toContain('--shard');
    expect(used.map((u) => u.path.join(' ')).sort()).toEqual([
      'diagram',
      'merge',
      'merge',
      'scan aws',
      'scan aws',
    ]);
    for (const u of used) {
      const known = flagsOf(u.path);
      expect(
        u.flags.filter((f) => !known.has(f)),
        `archmap ${u.path.join(' ')}`,
      ).toEqual([]);
    }
  });
});
