// The one directory walk behind every "what is under this folder" question (scan's source detection and the
// analyzers' discovery): bounded, in name order, never into hidden folders, dependencies, folders archmap
// generated, or folders a .gitignore excludes.
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { byKey } from './io.js';

/** A file `archmap scaffold -o DIR` leaves in its output folder: that folder is output, never input. */
export const GENERATED_MARKER = '.archmap-generated';

/** Folders no walk enters, whatever the caller asks: installed dependencies. Hidden folders are skipped too. */
const ALWAYS_SKIPPED = new Set(['node_modules']);

/** Bound on folders visited, so that a walk of a huge or looping tree ends. */
export const MAX_WALK_DIRS = 20_000;

export interface WalkOptions {
  /** Folder names not entered (build output, test folders…), on top of hidden folders and node_modules. */
  skip?: ReadonlySet<string>;
  /**
   * Folder names entered even when a .gitignore excludes them: inputs that are gitignored by convention, such as
   * `cdk.out` (synthesised templates).
   */
  evenIfIgnored?: ReadonlySet<string>;
  /** At most this many folders are visited (default MAX_WALK_DIRS). */
  maxDirs?: number;
}

export interface WalkResult {
  /** Folders visited, the root included. */
  dirs: number;
  /** True when the walk stopped at `maxDirs` with folders left. */
  truncated: boolean;
}

/**
 * Called once per folder with its entries in name order. Return `false` to visit none of its subfolders.
 */
export type VisitFolder = (dir: string, entries: Dirent[]) => unknown;

interface Rules {
  base: string;
  rules: Ignore;
}

/**
 * Walks `root` depth-first in name order and calls `visit` for each folder. `.gitignore` files (at the root and
 * below) exclude folders; they never exclude files, because the inputs archmap reads most (`terraform.tfstate`,
 * `*.tfvars`, `.env`) are gitignored precisely because they are local. A subfolder holding GENERATED_MARKER is
 * archmap's own output and is not visited; the root always is (the user named it).
 * @example
 * walkFolders('infra', (dir, entries) => { if (entries.some((e) => e.name.endsWith('.tf'))) roots.push(dir); });
 */
export function walkFolders(root: string, visit: VisitFolder, options: WalkOptions = {}): WalkResult {
  const maxDirs = options.maxDirs ?? MAX_WALK_DIRS;
  const stack: { dir: string; rules: Rules[] }[] = [{ dir: root, rules: [] }];
  let dirs = 0;
  while (stack.length > 0) {
    if (dirs >= maxDirs) return { dirs, truncated: true };
    const { dir, rules: inherited } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if (dir !== root && entries.some((e) => e.name === GENERATED_MARKER && e.isFile())) continue;
    dirs++;
    entries.sort(byKey((e) => e.name));
    if (visit(dir, entries) === false) continue;
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? gitignoreOf(dir) : undefined;
    const rules = own ? [...inherited, own] : inherited;
    const children: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.') || ALWAYS_SKIPPED.has(e.name)) continue;
      if (options.skip?.has(e.name)) continue;
      const path = join(dir, e.name);
      if (!options.evenIfIgnored?.has(e.name) && ignored(rules, path)) continue;
      children.push(path);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ dir: children[i]!, rules });
  }
  return { dirs, truncated: false };
}

/**
 * Every file under `root` (folders as `walkFolders` chooses them), with the folders visited.
 * @example
 * const { files } = listFiles('services', { skip: new Set(['dist']) });
 */
export function listFiles(
  root: string,
  options: WalkOptions = {},
): WalkResult & { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const result = walkFolders(
    root,
    (dir, entries) => {
      folders.push(dir);
      for (const e of entries) if (e.isFile() || e.isSymbolicLink()) files.push(join(dir, e.name));
    },
    options,
  );
  return { ...result, files, folders };
}

function gitignoreOf(dir: string): Rules | undefined {
  try {
    return { base: dir, rules: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

function ignored(rules: Rules[], path: string): boolean {
  for (const r of rules) {
    const rel = relative(r.base, path).split(sep).join('/');
    if (rel && !rel.startsWith('..') && r.rules.ignores(`${rel}/`)) return true;
  }
  return false;
}
