// The hostile-input corpus: every folder of fixtures/hostile/ is one case (case.json + its inputs in `in/`), run
// through the real CLI with a time bound. Each must end within its bound with its expected exit code (0, 2 or 3:
// never 70, never a signal) and, when given, an expected stderr pattern. Cases run in one child process (Node and
// tsx start once); a case that overruns or kills the process is recorded, and the process is started again.
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwsServer,
  type Fault,
  startAwsServer,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from '../support/aws-server.js';
import { repoRoot } from '../support/cli.js';
import type { CaseRun } from './case-runner.js';

type Make =
  | { fifo: string }
  | { symlink: { path: string; target: string } }
  | { write: { path: string; prefix?: string; repeat: string; times: number; suffix?: string } };

interface HostileCase {
  why: string;
  args: string[];
  exit: number;
  stderr?: string;
  boundSeconds: number;
  make?: Make[];
  env?: Record<string, string>;
  /** Faults the loopback AWS server injects for this case. */
  awsFaults?: Fault[];
}

const corpus = join(repoRoot, 'fixtures/hostile');
const ids = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const cases = new Map(
  ids.map((id) => [id, JSON.parse(readFileSync(join(corpus, id, 'case.json'), 'utf8')) as HostileCase]),
);

let work: string;
let aws: AwsServer;
let child: ChildProcess | undefined;
let ready: Promise<void> | undefined;
/** Where the current case's outcome goes: the runner's report, or the process dying. */
let settle: ((outcome: Outcome) => void) | undefined;

type Outcome = { code: number; stderr: string; ms: number } | { died: string };

function startChild(): Promise<void> {
  child = fork(join(repoRoot, 'test/hostile/case-runner.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const current = child;
  current.stderr?.resume();
  current.on('exit', (code, signal) => {
    if (child === current) child = undefined;
    settle?.({ died: signal ? `killed by ${signal}` : `exited with ${code}` });
  });
  return new Promise((resolve) =>
    current.on(
      'message',
      (m: { ready?: boolean; done?: string; code?: number; stderr?: string; ms?: number }) => {
        if (m.ready) resolve();
        if (m.done) settle?.({ code: m.code ?? -1, stderr: m.stderr ?? '', ms: m.ms ?? 0 });
      },
    ),
  );
}

/** Builds the case's inputs in a fresh folder: a copy of `in/`, plus the FIFOs, links and large files it asks for. */
function prepare(id: string, c: HostileCase): { dir: string; args: string[] } {
  const dir = join(work, id);
  mkdirSync(join(dir, 'out'), { recursive: true });
  if (existsSync(join(corpus, id, 'in')))
    cpSync(join(corpus, id, 'in'), join(dir, 'in'), { recursive: true });
  else mkdirSync(join(dir, 'in'));
  for (const step of c.make ?? []) {
    if ('fifo' in step) spawnSync('mkfifo', [join(dir, step.fifo)]);
    else if ('symlink' in step) symlinkSync(step.symlink.target, join(dir, step.symlink.path));
    else {
      const w = step.write;
      mkdirSync(dirname(join(dir, w.path)), { recursive: true });
      writeFileSync(join(dir, w.path), `${w.prefix ?? ''}${w.repeat.repeat(w.times)}${w.suffix ?? ''}`);
    }
  }
  const fill = (a: string) =>
    a
      .replaceAll('{in}', join(dir, 'in'))
      .replaceAll('{out}', join(dir, 'out'))
      .replaceAll('{fixtures}', join(repoRoot, 'fixtures'))
      .replaceAll('{aws}', aws.url);
  return { dir, args: c.args.map(fill) };
}

async function runCase(id: string, c: HostileCase): Promise<Outcome> {
  if (!child) ready = startChild();
  await ready;
  const { dir, args } = prepare(id, c);
  aws.clearFaults();
  for (const f of c.awsFaults ?? []) aws.inject(f);
  const run: CaseRun = {
    id,
    args,
    cwd: dir,
    env: {
      AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: TEST_SECRET_KEY,
      AWS_REGION: 'eu-west-1',
      ...(c.env ?? {}),
    },
  };
  const outcome = await new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => {
      settle = undefined;
      child?.kill('SIGKILL');
      child = undefined;
      resolve({ died: `still running after its bound of ${c.boundSeconds} s` });
    }, c.boundSeconds * 1000);
    settle = (o) => {
      clearTimeout(timer);
      settle = undefined;
      resolve(o);
    };
    child!.send({ run: [run] });
  });
  rmSync(dir, { recursive: true, force: true });
  return outcome;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'archmap-hostile-'));
  aws = await startAwsServer({
    accounts: [{ account: '123456789012', regions: { 'eu-west-1': { tagging: [], cloudControl: {} } } }],
  });
}, 60_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await aws?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('fixtures/hostile: every case ends within its bound with exit 0, 2 or 3', () => {
  it('holds at least 40 cases, each with a reason, an exit code of 0, 2 or 3 and a bound', () => {
    expect(ids.length).toBeGreaterThanOrEqual(40);
    for (const [id, c] of cases) {
      expect(c.why, id).toMatch(/\w/);
      expect([0, 2, 3], id).toContain(c.exit);
      expect(c.boundSeconds, id).toBeGreaterThan(0);
    }
  });

  for (const [id, c] of cases) {
    it(
      `${id}: ${c.why}`,
      async () => {
        const outcome = await runCase(id, c);
        expect('died' in outcome ? outcome.died : 'ended', id).toBe('ended');
        if ('died' in outcome) return;
        expect(outcome.code, `${id} exit code; stderr:\n${outcome.stderr}`).toBe(c.exit);
        expect(outcome.stderr, id).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)?\n/);
        if (c.stderr) expect(outcome.stderr, id).toMatch(new RegExp(c.stderr, 'm'));
      },
      (c.boundSeconds + 120) * 1000,
    );
  }
});
