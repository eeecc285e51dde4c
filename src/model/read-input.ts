// Reading user inputs safely: regular files only (a FIFO would block forever, /dev/zero never ends) and a size
// cap, checked on the open descriptor so that a swapped path cannot slip past. Every analyzer reads through here.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Caps per kind of input, in bytes. `ARCHMAP_MAX_FILE_MB` raises (or lowers) every cap at once. */
export const INPUT_CAPS = {
  /** .tf, .tfvars, .hcl, templates read by file()/templatefile(). */
  hcl: 32 * 1024 * 1024,
  /** tfstate, plan JSON, cdk.out templates. */
  state: 512 * 1024 * 1024,
  /** TypeScript/JavaScript sources, compose files, .env, package.json, YAML. */
  code: 8 * 1024 * 1024,
} as const;

export type InputKind = keyof typeof INPUT_CAPS;

/** Why an input was not read; analyzers turn it into a one-line diagnostic for that file. */
export class InputRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'not-regular' | 'too-large' | 'unreadable',
    /** What is wrong, without the path: `is a named pipe; skipped`. */
    readonly detail: string,
    readonly hint?: string,
  ) {
    super(`${path} ${detail}`);
    this.name = 'InputRefused';
  }
}

export function capFor(kind: InputKind): number {
  const mb = Number(process.env.ARCHMAP_MAX_FILE_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : INPUT_CAPS[kind];
}

function typeName(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function check(path: string, st: Stats, kind: InputKind): void {
  if (!st.isFile())
    throw new InputRefused(
      path,
      'not-regular',
      `is ${typeName(st)}; skipped`,
      'archmap reads regular files only',
    );
  const cap = capFor(kind);
  if (st.size > cap)
    throw new InputRefused(
      path,
      'too-large',
      `is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the ${(cap / 1024 / 1024).toFixed(0)} MB limit; skipped`,
      'raise the limit with ARCHMAP_MAX_FILE_MB=N',
    );
}

function unreadable(path: string, error: unknown): InputRefused {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new InputRefused(path, 'unreadable', `cannot be read (${code}); skipped`, 'check its permissions');
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat could refuse it.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most the cap for its kind, or throws InputRefused.
 * @example
 * const buf = await readInput('main.tf', 'hcl');
 */
export async function readInput(path: string, kind: InputKind): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, FLAGS);
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const st = await handle.stat();
    check(path, st, kind);
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const { bytesRead } = await handle.read(buf, read, st.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === st.size ? buf : buf.subarray(0, read);
  } catch (error) {
    throw error instanceof InputRefused ? error : unreadable(path, error);
  } finally {
    await handle.close();
  }
}

/** `readInput` for callers that are synchronous (ts-morph hosts, template functions). */
export function readInputSync(path: string, kind: InputKind): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const st = fstatSync(fd);
    check(path, st, kind);
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buf, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === st.size ? buf : buf.subarray(0, read);
  } catch (error) {
    throw error instanceof InputRefused ? error : unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text of a checked input. */
export async function readInputText(path: string, kind: InputKind): Promise<string> {
  return (await readInput(path, kind)).toString('utf8');
}

export function readInputTextSync(path: string, kind: InputKind): string {
  return readInputSync(path, kind).toString('utf8');
}

/**
 * Why `path` would be refused, without reading it (stat follows links): for analyzers whose parser opens files
 * itself (ts-morph), so a link to /dev/zero or an oversized file is dropped from the list with a warning first.
 * @example
 * const refused = inputRefusal('src/zero.ts', 'code'); // InputRefused 'is a device; skipped'
 */
export function inputRefusal(path: string, kind: InputKind): InputRefused | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    check(path, st, kind);
    return undefined;
  } catch (error) {
    return error as InputRefused;
  }
}
