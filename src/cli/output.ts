// Safe writing: never overwrite without --force, never leave partial files. Every write is a transaction:
// contents go to temp files beside their targets and are renamed in only when all of them were written; a
// failure or a signal (Ctrl-C, SIGTERM) rolls back, so no .tmp file and no half of a multi-file output remains.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ExternalError, UsageError } from '../model/errors.js';
import type { GeneratedFile } from '../model/plugin.js';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const FS_REASONS: Record<string, { reason: string; hint: string }> = {
  EACCES: {
    reason: 'permission denied',
    hint: 'check the permissions of the output path, or choose another',
  },
  EPERM: {
    reason: 'operation not permitted',
    hint: 'check the permissions of the output path, or choose another',
  },
  EROFS: { reason: 'read-only file system', hint: 'choose an output path on a writable file system' },
  ENOSPC: { reason: 'no space left on the device', hint: 'free some space or choose another output path' },
  EDQUOT: { reason: 'disk quota exceeded', hint: 'free some space or choose another output path' },
  EEXIST: { reason: 'something is already there', hint: 'remove it or choose another output path' },
  EISDIR: { reason: 'a directory is in the way', hint: 'remove it or choose another output path' },
  ENOTDIR: { reason: 'a file is in the way of a directory', hint: 'remove it or choose another output path' },
  ENAMETOOLONG: { reason: 'the name is too long', hint: 'choose a shorter output path' },
  EMFILE: { reason: 'too many open files', hint: 'raise the open-file limit (ulimit -n)' },
  EIO: { reason: 'input/output error', hint: 'check the disk' },
};

/** True for an error the operating system raised (it has an errno code and a system call). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string';
}

/**
 * A file-system refusal as a one-line ExternalError (exit 3) naming the path the user asked for.
 * @example
 * throw fileSystemError(error, 'out/design.md', 'write');
 */
export function fileSystemError(error: unknown, path: string, action = 'write'): ExternalError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const known = FS_REASONS[code];
  return new ExternalError(
    `cannot ${action}${path ? ` ${path}` : ''}: ${known?.reason ?? (error as Error).message.split('\n')[0]} (${code})`,
    known ? { hint: known.hint } : {},
    { cause: error },
  );
}

/** Fails fast, before expensive work, when `path` exists and `force` is not set. */
export async function assertWritable(path: string, opts: { force?: boolean } = {}): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory())
    throw new UsageError(`${path} is a directory`, { hint: 'give a file name for the output' });
  if (found && !opts.force) {
    throw new UsageError(`${path} already exists`, { hint: 'pass --force to overwrite it' });
  }
}

/** Open transactions, rolled back synchronously when a signal ends the process in the middle of a write. */
const open = new Set<WriteTransaction>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const EXIT_ON = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function onSignal(signal: (typeof SIGNALS)[number]): void {
  for (const t of open) t.rollbackSync();
  open.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.stderr.write(`interrupted (${signal}); nothing was written\n`);
  process.exit(EXIT_ON[signal]);
}

class WriteTransaction {
  private readonly temps = new Set<string>();
  /** Directories this write created, outermost first. */
  private readonly dirs: string[] = [];
  /** Targets renamed into place, with the backup of what --force replaced. */
  private readonly committed: { path: string; backup?: string }[] = [];
  private readonly backups = new Set<string>();

  constructor() {
    if (open.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
    open.add(this);
  }

  private close(): void {
    open.delete(this);
    if (open.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  }

  private sibling(path: string, kind: 'tmp' | 'bak'): string {
    return `${path}.${randomBytes(4).toString('hex')}.${kind}`;
  }

  async stage(path: string, contents: string | Uint8Array): Promise<string> {
    const made = await mkdir(dirname(resolve(path)), { recursive: true }).catch((error: unknown) => {
      throw fileSystemError(error, dirname(path), 'create the directory');
    });
    if (made) this.dirs.push(made);
    const tmp = this.sibling(path, 'tmp');
    this.temps.add(tmp);
    await writeFile(tmp, contents).catch((error: unknown) => {
      throw fileSystemError(error, path);
    });
    return tmp;
  }

  async commit(tmp: string, path: string, replace: boolean): Promise<void> {
    let backup: string | undefined;
    if (replace && (await exists(path))) {
      backup = this.sibling(path, 'bak');
      this.backups.add(backup);
      await rename(path, backup).catch((error: unknown) => {
        throw fileSystemError(error, path, 'replace');
      });
    }
    this.committed.push({ path, ...(backup ? { backup } : {}) });
    await rename(tmp, path).catch((error: unknown) => {
      throw fileSystemError(error, path);
    });
    this.temps.delete(tmp);
  }

  async finish(): Promise<void> {
    for (const b of this.backups) await rm(b, { force: true });
    this.close();
  }

  /** Puts everything back as it was before the write. Synchronous, so a signal handler can run it. */
  rollbackSync(): void {
    const quietly = (f: () => void) => {
      try {
        f();
      } catch {
        // Best effort: the rest of the rollback still runs.
      }
    };
    for (const c of [...this.committed].reverse()) {
      quietly(() => rmSync(c.path, { force: true }));
      if (c.backup) quietly(() => renameSync(c.backup!, c.path));
    }
    for (const t of this.temps) quietly(() => rmSync(t, { force: true }));
    for (const d of [...this.dirs].reverse()) quietly(() => rmSync(d, { recursive: true, force: true }));
    this.close();
  }
}

/**
 * Writes several files all or nothing: every file is written to a temp file first, then all are renamed in.
 * Refuses existing files unless `force`.
 * @example
 * await writeAllSafe([{ path: 'design.md', contents: md }, { path: 'design.current.svg', contents: svg }]);
 */
export async function writeAllSafe(
  files: { path: string; contents: string | Uint8Array }[],
  opts: { force?: boolean } = {},
): Promise<void> {
  for (const f of files) await assertWritable(f.path, opts);
  const t = new WriteTransaction();
  try {
    const staged: [string, string][] = [];
    for (const f of files) staged.push([await t.stage(f.path, f.contents), f.path]);
    for (const [tmp, path] of staged) await t.commit(tmp, path, Boolean(opts.force));
    await t.finish();
  } catch (error) {
    t.rollbackSync();
    throw error;
  }
}

/** Writes one file atomically. Refuses to replace an existing file unless `force`. */
export async function writeFileSafe(
  path: string,
  contents: string | Uint8Array,
  opts: { force?: boolean } = {},
) {
  await writeAllSafe([{ path, contents }], opts);
}

/**
 * Writes a set of generated files into a directory, all or nothing (see writeAllSafe). Refuses a non-empty
 * directory without `force`; with it, files of the same names are replaced.
 */
export async function writeFilesSafe(dir: string, files: GeneratedFile[], opts: { force?: boolean } = {}) {
  const target = resolve(dir);
  const found = await stat(target).catch(() => undefined);
  if (found && !found.isDirectory())
    throw new UsageError(`${dir} is a file, expected a directory`, {
      hint: 'choose a directory for the output',
    });
  if (found) {
    const entries = await readdir(target).catch((error: unknown) => {
      throw fileSystemError(error, dir, 'read');
    });
    if (entries.length > 0 && !opts.force) {
      throw new UsageError(`${dir} is not empty`, {
        hint: 'choose an empty directory, or pass --force to write into it',
      });
    }
  }
  await writeAllSafe(
    files.map((f) => ({ path: join(dir, f.path), contents: f.contents })),
    { force: true },
  );
}
