// Where the MCP server may read and write: inside the directory it was started in (reads) and inside the one
// directory given with --allow-write (writes). An assistant's arguments never reach a file outside them.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/** The real path of `path`, or of its nearest existing parent joined with the rest (for files not yet written). */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return resolve(realish(parent), relative(parent, path));
  }
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Resolves `path` against `root` and refuses it when it leaves `root`, by `..` or through a symbolic link.
 * @example
 * confine('/repo', 'infra') // '/repo/infra'
 * confine('/repo', '../etc/passwd') // throws UsageError
 */
export function confine(root: string, path: string, what: string): string {
  const realRoot = realish(resolve(root));
  const full = resolve(realRoot, path);
  if (!inside(realRoot, full) || !inside(realRoot, realish(full)))
    throw new UsageError(`${what} ${path} is outside ${realRoot}`, {
      hint: `give a path under ${realRoot}`,
    });
  return full;
}
