// Where D2 runs. Most of a D2 WASM render is V8's optimising tier-up of the 22 MB module, so the WASM runs in one
// reused child Node process started with --liftoff-only (same SVG, a third of the CPU), kept apart so the flag
// never touches the caller's own WASM (tree-sitter). A native `d2` binary is the opt-in alternative.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExternalError } from '../../src/model/errors.js';

export type Layout = 'elk' | 'dagre';

/** Font files D2 measures labels with (the same ones resvg draws with). */
export interface FontFiles {
  regular: string;
  bold: string;
  italic: string;
}

/** Padding around the drawing, in px, for both renderers. */
const PAD = 24;

/**
 * V8 flags of the host process: the baseline WASM compiler only, never the optimising tier, and each function
 * compiled when first called (most of the 22 MB module never runs). Same SVG; measured in bench/diagram.
 */
export const HOST_V8_FLAGS = ['--liftoff-only', '--wasm-lazy-compilation'];

/** Characters of the host's stderr kept for the error message when it dies. */
const STDERR_TAIL = 4000;

/**
 * The host program, run with `node -e` from this folder so that `@terrastruct/d2` resolves from archmap's own
 * node_modules (in the source tree, in dist and when installed). One request at a time; on disconnect (the
 * parent exited or closed it) the D2 worker is terminated, or the host would never exit.
 */
const HOST_PROGRAM = `
const { readFileSync } = require('node:fs');
import('@terrastruct/d2').then(({ D2 }) => {
  const d2 = new D2();
  const b64 = (file) => readFileSync(file).toString('base64');
  const fontCache = new Map();
  const fontOptions = (files) => {
    if (!files) return {};
    const key = JSON.stringify(files);
    if (!fontCache.has(key)) {
      const bold = b64(files.bold);
      fontCache.set(key, { fontRegular: b64(files.regular), fontBold: bold, fontItalic: b64(files.italic), fontSemibold: bold });
    }
    return fontCache.get(key);
  };
  process.on('disconnect', () => {
    Promise.resolve(d2.worker && d2.worker.terminate()).finally(() => process.exit(0));
  });
  process.on('message', async ({ id, text, layout, fonts, pad }) => {
    try {
      const compiled = await d2.compile({ fs: { index: text }, inputPath: 'index', options: { layout, ...fontOptions(fonts) } });
      const svg = await d2.render(compiled.diagram, { ...compiled.renderOptions, pad, noXMLTag: false });
      const u = process.resourceUsage();
      process.send({ id, svg, usage: { pid: process.pid, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 } });
    } catch (error) {
      process.send({ id, error: String((error && error.message) || error) });
    }
  });
  process.send({ ready: true });
});
`;

/** CPU time and peak memory of the D2 host process so far (benchmarks read it). */
export interface HostUsage {
  pid: number;
  cpuMs: number;
  maxRssMb: number;
}

interface Reply {
  id?: number;
  svg?: string;
  usage?: HostUsage;
  error?: string;
  ready?: boolean;
}

interface Waiter {
  resolve(svg: string): void;
  reject(error: Error): void;
}

/**
 * One child process with the D2 WASM in it, one request at a time. archmap keeps one per process (below);
 * benchmarks make their own to compare V8 flags.
 */
export class D2Host {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private stderr = '';
  private exited = false;
  private readonly killOnExit = () => this.child.kill();

  constructor(v8Flags: readonly string[] = HOST_V8_FLAGS) {
    this.child = spawn(process.execPath, [...v8Flags, '-e', HOST_PROGRAM], {
      cwd: dirname(fileURLToPath(import.meta.url)),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    this.child.on('message', (reply: Reply) => this.settle(reply));
    this.child.on('error', (error) => this.fail(error.message));
    this.child.on('exit', (code, signal) => this.fail(`exited with ${signal ?? `code ${code}`}`));
    process.once('exit', this.killOnExit);
    this.idle();
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Queues one render; D2's WASM handles a single request at a time. */
  render(text: string, layout: Layout, fonts: FontFiles | null): Promise<string> {
    const next = this.queue.then(() => this.send(text, layout, fonts));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Disconnects; the host terminates its D2 worker and exits. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    // Waiting for the exit must keep this process alive (an idle host is unref'd).
    this.child.ref();
    this.child.disconnect();
    await gone;
  }

  private send(text: string, layout: Layout, fonts: FontFiles | null): Promise<string> {
    if (this.exited) return Promise.reject(this.error(''));
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.busy();
      this.child.send({ id, text, layout, fonts, pad: PAD });
    });
  }

  /** CPU time and peak memory of this host as of its last render. */
  usage: HostUsage | undefined;

  private settle(reply: Reply): void {
    if (reply.id === undefined) return;
    if (reply.usage) {
      this.usage = reply.usage;
      if (this === host) lastUsage = reply.usage;
    }
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.idle();
    if (reply.svg !== undefined) waiter?.resolve(reply.svg);
    else waiter?.reject(new Error(reply.error ?? 'D2 returned nothing'));
  }

  private fail(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    process.removeListener('exit', this.killOnExit);
    for (const waiter of this.waiting.values()) waiter.reject(this.error(reason));
    this.waiting.clear();
  }

  private error(reason: string): ExternalError {
    const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
    return new ExternalError(`the D2 renderer process ${reason || 'is gone'}${tail ? `: ${tail}` : ''}`, {
      hint: 'rerun; if it persists, run with --renderer native and a d2 binary on PATH',
    });
  }

  /** While nothing is pending the host must not keep this process alive. */
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as { unref?: () => void } | null)?.unref?.();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
  }
}

let host: D2Host | undefined;
let lastUsage: HostUsage | undefined;

/**
 * The D2 host's cumulative CPU time and peak memory, as of its last render.
 * @example
 * const { cpuMs } = hostUsage() ?? { cpuMs: 0 };
 */
export function hostUsage(): HostUsage | undefined {
  return lastUsage;
}

/**
 * Renders D2 text to SVG in this process's shared D2 host, starting it on first use (and again if it died).
 * @example
 * const svg = await renderWithHost('a -> b', 'elk', null);
 */
export function renderWithHost(text: string, layout: Layout, fonts: FontFiles | null): Promise<string> {
  if (!host?.alive) host = new D2Host();
  return host.render(text, layout, fonts);
}

/**
 * Starts the shared D2 host now, so the WASM compiles while the caller does other work. Idempotent.
 * @example
 * warmRenderer();
 */
export function warmRenderer(): void {
  if (!host?.alive) host = new D2Host();
}

/**
 * Stops the shared D2 host (its D2 worker is terminated). Not needed for a process to exit; useful in tests
 * and servers that want their children gone now.
 * @example
 * await closeRenderer();
 */
export async function closeRenderer(): Promise<void> {
  const current = host;
  host = undefined;
  lastUsage = undefined;
  await current?.close();
}

/**
 * Renders with a native `d2` binary (`ARCHMAP_D2_BIN`, else `d2` on PATH), reading stdin and writing stdout.
 * @example
 * const svg = await renderNative('a -> b', 'elk', null);
 */
export function renderNative(text: string, layout: Layout, fonts: FontFiles | null): Promise<string> {
  const bin = process.env.ARCHMAP_D2_BIN || 'd2';
  const fontArgs = fonts
    ? [
        `--font-regular=${fonts.regular}`,
        `--font-bold=${fonts.bold}`,
        `--font-italic=${fonts.italic}`,
        `--font-semibold=${fonts.bold}`,
      ]
    : [];
  const args = [`--layout=${layout}`, `--pad=${PAD}`, ...fontArgs, '-', '-'];
  return new Promise<string>((resolve, reject) => {
    const child = execFile(bin, args, { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new ExternalError(
          missing
            ? `no native d2 binary at ${bin}`
            : `d2 failed: ${String(stderr).trim().split('\n').slice(-2).join(' | ') || error.message}`,
          { hint: missing ? 'install d2, set ARCHMAP_D2_BIN, or use the default WASM renderer' : undefined },
        ),
      );
    });
    // A missing binary also fails the write; the callback above reports it.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(text);
  });
}
