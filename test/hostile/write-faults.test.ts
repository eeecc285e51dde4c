// File-system refusals while writing outputs, in real processes: a read-only file system (EROFS), a full disk
// (ENOSPC), a denied directory (EACCES) and Ctrl-C in the middle of a large write. Each must end with exit 3 (or
// 130 for the signal), one error line and a hint, no stack, and leave nothing behind: no .tmp file and no part of
// a multi-file output. EROFS and ENOSPC are real: a small tmpfs mounted in a private mount namespace (`unshare -m`,
// root only); where that is not possible those cases are skipped and say so.
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchGraph, serializeGraph } from '../../src/model/index.js';
import { repoRoot, runCli } from '../support/cli.js';

const entry = join(repoRoot, 'src/cli/bin.ts');
const SHOP = join(repoRoot, 'fixtures/graphs/shop.json');
const canMount =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs /mnt 2>/dev/null || exit 1'])
    .status === 0;
const whyNot = 'needs root and `unshare -m` to mount a small tmpfs';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 240_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Runs `archmap <args>` with `dir` replaced by a fresh tmpfs of `size` (read-only with `ro`), then lists what the
 * tmpfs holds after the run (on stdout, after a marker), all inside one private mount namespace.
 */
function runOnTmpfs(dir: string, size: string, ro: boolean, args: string[]): Promise<Run> {
  const script = `mount -t tmpfs -o size=${size}${ro ? ',ro' : ''} tmpfs "$1" || exit 99; shift; "$@"; rc=$?; echo "--listing--"; ls -A "${dir}"; exit $rc`;
  return run('unshare', [
    '-m',
    'sh',
    '-c',
    script,
    'sh',
    dir,
    process.execPath,
    '--import',
    'tsx',
    entry,
    ...args,
  ]);
}

const listing = (r: Run) =>
  r.stdout.split('--listing--\n')[1]?.split('\n').filter(Boolean) ?? ['(no listing)'];

/** One error line and one hint line, no stack, not reported as a bug. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  const lines = r.stderr
    .split('\n')
    .filter((l) => l && !/NodeDeprecationWarning|--trace-deprecation/.test(l));
  expect(lines[0]).toMatch(pattern);
  expect(lines.slice(1).every((l) => l.startsWith('  hint: '))).toBe(true);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

let work: string;
let revised: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'archmap-write-faults-'));
  await chmod(work, 0o755);
  revised = join(work, 'v2.json');
  const proposed = await runCli(['propose', SHOP, '--scenario', 'ha', '-o', revised]);
  expect(proposed.code).toBe(0);
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('writing outputs when the file system says no', () => {
  it.skipIf(!canMount)(
    `a read-only output directory: exit 3, one line naming the file (${whyNot})`,
    async () => {
      const out = join(work, 'ro');
      await mkdir(out);
      const r = await runOnTmpfs(out, '1m', true, ['diagram', SHOP, '-o', join(out, 'shop.mmd')]);
      expect(r.code, r.stderr).toBe(3);
      expectOneLineError(
        r,
        new RegExp(`^error: cannot write ${out}/shop\\.mmd: read-only file system \\(EROFS\\)$`),
      );
      expect(listing(r)).toEqual([]);
    },
    240_000,
  );

  it.skipIf(!canMount)(
    `a full disk during scaffold: exit 3 and not one file of the 9 left (${whyNot})`,
    async () => {
      const out = join(work, 'full-scaffold');
      await mkdir(out);
      // The Terraform scaffold of the shop is 9 files, about 42 KB: 24 KB holds some of them, not all.
      const r = await runOnTmpfs(out, '24k', false, ['scaffold', SHOP, '-o', join(out, 'tf')]);
      expect(r.code, r.stderr).toBe(3);
      expectOneLineError(r, /^error: cannot write .*\/tf\/[\w.]+: no space left on the device \(ENOSPC\)$/);
      expect(listing(r)).toEqual([]);
    },
    240_000,
  );

  it.skipIf(!canMount)(
    `a full disk during doc --svg: the document is not written without its diagrams (${whyNot})`,
    async () => {
      const out = join(work, 'full-doc');
      await mkdir(out);
      // design.md (~15 KB) and one SVG (~130 KB) fit in 200 KB; the second SVG does not.
      const r = await runOnTmpfs(out, '200k', false, ['doc', revised, '--svg', '-o', join(out, 'design.md')]);
      expect(r.code, r.stderr).toBe(3);
      expectOneLineError(
        r,
        /^error: cannot write .*\/design\.\w+\.svg: no space left on the device \(ENOSPC\)$/,
      );
      expect(listing(r)).toEqual([]);
    },
    240_000,
  );

  it('a directory the user may not write to: exit 3, one line (EACCES)', async () => {
    const out = join(work, 'denied');
    await mkdir(out, { mode: 0o755 });
    const args = ['--import', 'tsx', entry, 'diagram', SHOP, '-o', join(out, 'shop.mmd')];
    let r: Run;
    if (process.getuid?.() === 0) {
      // root writes anywhere: run as nobody, in a directory root owns.
      // Its temp directory must be one nobody may write to (tsx keeps its cache there).
      r = await run(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args],
        { TMPDIR: '/tmp' },
      );
    } else {
      await chmod(out, 0o555);
      r = await run(process.execPath, args);
    }
    expect(r.code, r.stderr).toBe(3);
    expectOneLineError(
      r,
      // Under a directory nobody may not even enter, the refusal comes at its creation.
      new RegExp(
        `^error: cannot (write|create the directory) ${out}(/shop\\.mmd)?: permission denied \\(EACCES\\)$`,
      ),
    );
    expect(await readdir(out)).toEqual([]);
  }, 240_000);

  it('Ctrl-C in the middle of a large write leaves no .tmp file and no output', async () => {
    // ~40 MB of graph: the write takes many chunks, so the signal lands while the temp file is being filled.
    const g = new ArchGraph();
    const filler = 'the quick brown fox jumps over the lazy dog '.repeat(450);
    for (let i = 0; i < 2_000; i++)
      g.addNode({
        id: `aws_sqs_queue.q${i}`,
        kind: 'queue',
        name: `q${i}`,
        provider: 'aws',
        props: { description: filler },
        tags: {},
        sources: [{ analyzer: 'test' }],
      });
    const input = join(work, 'big.json');
    await writeFile(input, serializeGraph(g));
    const out = join(work, 'sigint');
    await mkdir(out);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entry, 'merge', input, '-o', join(out, 'big.json')],
      {
        cwd: repoRoot,
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 240_000,
        killSignal: 'SIGKILL',
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    let sent = false;
    const watcher = watch(out, (_event, name) => {
      if (!sent && name?.endsWith('.tmp')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    watcher.close();
    expect(sent, `the temp file of the write was seen (exit ${code}: ${stderr})`).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\); nothing was written/);
    expect(await readdir(out)).toEqual([]);
  }, 240_000);
});
