// The GitHub Action (action.yml) and the CI examples are what users copy: validated with GitHub's own action and
// workflow schemas (@action-validator/core), and every archmap command and flag they call must exist and be
// documented in the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';
import { PR_MARKER } from '../../src/pr/index.js';

const root = join(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');

const longFlags = (text: string) => [...text.matchAll(/(?:^|[\s(])(--[a-z][a-z-]*)/g)].map((f) => f[1]!);

/**
 * Each `archmap[@version] <command> …` call in a shell script: the command and its long flags, including those
 * collected in a bash array (`args=(…)`, `args+=(…)`) and passed as `"${args[@]}"`.
 */
function calls(script: string): { command: string; flags: string[] }[] {
  const code = script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  const arrays = [...code.matchAll(/\bargs\+?=\(([^)]*)\)/g)].flatMap((m) => longFlags(m[1]!));
  return [...code.matchAll(/\barchmap(?:@\S+?)?"? ([a-z][a-z-]*)\b([^\n]*)/g)].map((m) => ({
    command: m[1]!,
    flags: [...longFlags(m[2]!), ...(/"\$\{args\[@\]\}"/.test(m[2]!) ? arrays : [])],
  }));
}

function command(name: string): Command | undefined {
  return buildProgram().commands.find((c) => c.name() === name);
}

function expectDocumentedCalls(script: string) {
  const found = calls(script);
  expect(found.length).toBeGreaterThan(0);
  const readme = read('README.md');
  for (const call of found) {
    const cmd = command(call.command);
    expect(cmd, `archmap ${call.command} is not a command`).toBeDefined();
    expect(readme, `archmap ${call.command} is not in the README`).toContain(`\`archmap ${call.command} `);
    const known = new Set(cmd!.options.map((o) => o.long));
    for (const flag of call.flags) expect(known, `archmap ${call.command} ${flag}`).toContain(flag);
  }
  return found;
}

const scripts = (steps: Array<{ run?: string }>) => steps.map((s) => s.run ?? '').join('\n');

describe('action.yml', () => {
  const text = read('action.yml');
  const action = parse(text);

  it('passes the schema check for GitHub Action metadata', () => {
    expect(validateAction(text).errors).toEqual([]);
    // The check is real: a composite run step without a shell is refused.
    const broken = structuredClone(action);
    delete broken.runs.steps[1].shell;
    expect(validateAction(stringify(broken)).errors).not.toEqual([]);
  });

  it('is a composite action whose steps call only documented archmap commands and flags', () => {
    expect(action.runs.using).toBe('composite');
    const found = expectDocumentedCalls(scripts(action.runs.steps));
    expect(found.map((c) => c.command)).toEqual(['pr']);
    expect(found[0]!.flags).toEqual(
      expect.arrayContaining(['--base', '--head', '--repo', '--dir', '--fail-on', '--sarif']),
    );
  });

  it('updates one comment found by the hidden marker, and applies the gate after posting it', () => {
    const steps = action.runs.steps as Array<{ name: string; run: string; if?: string }>;
    const post = steps.findIndex((s) => s.name.startsWith('Post or update'));
    const gate = steps.findIndex((s) => s.name === 'Apply the gate');
    expect(steps[post]!.run).toContain(`startswith("${PR_MARKER}")`);
    expect(steps[post]!.run).toMatch(/--method PATCH "repos\/\$REPO\/issues\/comments\/\$id"/);
    expect(gate).toBeGreaterThan(post);
    // Inputs reach scripts through env, never by ${{ }} inside the script (no injection from a branch name).
    for (const s of steps) expect(s.run).not.toMatch(/\$\{\{/);
  });
});

describe('examples/pr-review', () => {
  it('the GitHub workflow is valid and uses the action on pull requests with full history', () => {
    const text = read('examples/pr-review/github-workflow.yml');
    expect(validateWorkflow(text).errors).toEqual([]);
    const wf = parse(text);
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions['pull-requests']).toBe('write');
    const steps = wf.jobs.review.steps as Array<{ uses?: string; with?: Record<string, unknown> }>;
    expect(steps[0]!.with?.['fetch-depth']).toBe(0);
    const inputs = Object.keys(parse(read('action.yml')).inputs);
    for (const s of steps.filter((x) => x.uses?.includes('archmap')))
      for (const key of Object.keys(s.with ?? {})) expect(inputs).toContain(key);
  });

  it('the GitLab CI job runs on merge requests and calls only documented archmap commands', () => {
    const job = parse(read('examples/pr-review/gitlab-ci.yml'))['archmap-review'];
    expect(job.rules[0].if).toContain('merge_request_event');
    const script = (job.script as string[]).join('\n');
    const found = expectDocumentedCalls(script);
    expect(found.map((c) => c.command)).toEqual(['pr']);
    expect(script).toContain(PR_MARKER);
  });
});
