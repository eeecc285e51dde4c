// Safe writing: never overwrite without --force, never leave partial files (write to a temp file, then rename).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';
import type { GeneratedFile } from '../model/plugin.js';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Fails fast, before expensive work, when `path` exists and `force` is not set. */
export async function assertWritable(path: string, opts: { force?: boolean } = {}): Promise<void> {
  if (!opts.force && (await exists(path))) {
    throw new UsageError(`${path} already exists`, { hint: 'pass --force to overwrite it' });
  }
}

/** Writes one file atomically. Refuses to replace an existing file unless `force`. */
export async function writeFileSafe(
  path: string,
  contents: string | Uint8Array,
  opts: { force?: boolean } = {},
) {
  await assertWritable(path, opts);
  await mkdir(dirname(resolve(path)), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, contents);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Writes a set of generated files into a directory, all or nothing: they are staged in a sibling temp
 * directory and moved in only when every file was written. Refuses a non-empty directory without `force`.
 */
export async function writeFilesSafe(dir: string, files: GeneratedFile[], opts: { force?: boolean } = {}) {
  const target = resolve(dir);
  if (await exists(target)) {
    const entries = await readdir(target);
    if (entries.length > 0 && !opts.force) {
      throw new UsageError(`${dir} is not empty`, {
        hint: 'choose an empty directory, or pass --force to write into it',
      });
    }
  }
  const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents);
    }
    await mkdir(target, { recursive: true });
    for (const file of files) {
      const to = join(target, file.path);
      await mkdir(dirname(to), { recursive: true });
      await rename(join(staging, file.path), to);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
