// Runs the archmap CLI as a user would and captures its output and exit code. `runCli` calls the CLI's main() in
// this test process (no Node start-up, modules and the D2 host stay warm); `spawnCli` starts a real process for
// the few checks that need one (signals, a server that must exit).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

export const repoRoot = repo;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory of the run (default: the repository root). */
  cwd?: string;
  /** Variables added to the environment. */
  env?: Record<string, string>;
  /** Start from an environment of only PATH and HOME (so no OPENAI_* or AWS_* of the developer leaks in). */
  cleanEnv?: boolean;
}

export interface SpawnOptions extends CliOptions {
  /** Kill the process (SIGKILL) if it has not exited after this many ms; the result's code is then -1. */
  timeoutMs?: number;
}

function environment(opts: CliOptions): NodeJS.ProcessEnv {
  const base = opts.cleanEnv
    ? { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
    : { ...process.env };
  return { ...base, NO_COLOR: '1', ...opts.env };
}

/** Thrown in place of process.exit() during an in-process run, so the run ends with that code. */
class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

type Write = typeof process.stdout.write;

function capture(sink: string[]): Write {
  return ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  }) as Write;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `archmap <args>` in this process: stdout, stderr, the working directory and the environment are swapped
 * for the duration of the run and restored after it. Runs are serialised, because they share the process.
 * @example
 * const { code, stdout } = await runCli(['review', 'fixtures/graphs/shop.json']);
 */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], opts: CliOptions): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  const stdout: string[] = [];
  const stderr: string[] = [];
  const saved = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    env: process.env,
    cwd: process.cwd(),
    exit: process.exit,
    exitCode: process.exitCode,
  };
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  process.env = environment(opts);
  process.exit = ((code?: number) => {
    throw new ExitCalled(code ?? 0);
  }) as typeof process.exit;
  process.chdir(opts.cwd ?? repo);
  let code: number;
  try {
    code = await main(['node', 'archmap', ...args]);
  } catch (error) {
    if (!(error instanceof ExitCalled)) throw error;
    code = error.code;
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.env = saved.env;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/**
 * Starts `archmap <args>` as its own Node process (`node --import tsx`, no tsx CLI in between: its signal relay
 * kills a child that does not acknowledge a signal within 30 ms, which turned SIGTERM into exit 143 under load).
 * @example
 * const { child, done } = spawnCli(['serve', 'fixtures/graphs/shop.json', '--port', '0']);
 */
export function spawnCli(
  args: string[],
  opts: SpawnOptions = {},
): { child: ChildProcessWithoutNullStreams; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: opts.cwd ?? repo,
    env: environment(opts),
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })),
  );
  return { child, done };
}
