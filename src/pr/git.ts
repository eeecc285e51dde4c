// `archmap pr` on git refs: each ref is checked out into a clean, detached worktree in a temporary directory,
// scanned like `archmap scan DIR`, and the worktree removed again. The user's own checkout is never touched.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ScanDirectoryOptions, scanDirectory } from '../index.js';
import { ExternalError, UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';

const run = promisify(execFile);

async function git(repo: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new ExternalError('git is not installed', {
        hint: 'install git, or pass two archmap.json files',
      });
    throw new ExternalError(`git ${args[0]}: ${(e.stderr ?? e.message).trim().split('\n')[0]}`);
  }
}

/**
 * The commit a ref names in `repo`, or a UsageError saying it is neither a file nor a commit.
 * @example
 * await resolveCommit('.', 'origin/main') // '3f9a…'
 */
export async function resolveCommit(repo: string, ref: string, flag: string): Promise<string> {
  // `--end-of-options` keeps a ref that starts with `-` from being read as a git option.
  const sha = await git(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]).catch(() => '');
  if (!/^[0-9a-f]{40,64}$/.test(sha))
    throw new UsageError(
      `${flag} ${ref}: neither an archmap.json file nor a commit of the repository at ${repo}`,
      {
        hint: 'pass a graph file, or a branch, tag or commit (fetch it first in a shallow CI checkout)',
      },
    );
  return sha;
}

/**
 * Scans the tree of one commit: a detached worktree in a temporary directory, removed afterwards even on failure.
 * @example
 * const graph = await scanCommit('.', sha, { dir: 'infra' });
 */
export async function scanCommit(
  repo: string,
  sha: string,
  opts: { dir?: string; scan?: ScanDirectoryOptions } = {},
): Promise<ArchGraph> {
  const parent = await mkdtemp(join(tmpdir(), 'archmap-pr-'));
  const tree = join(parent, 'tree');
  try {
    await git(repo, ['worktree', 'add', '--detach', '--quiet', tree, sha]);
    const root = opts.dir ? join(tree, opts.dir) : tree;
    if (!existsSync(root))
      throw new UsageError(`--dir ${opts.dir}: no such directory in commit ${sha.slice(0, 12)}`, {
        hint: 'give the directory relative to the repository root',
      });
    const { graph } = await scanDirectory(root, opts.scan ?? {});
    return graph;
  } finally {
    await git(repo, ['worktree', 'remove', '--force', tree]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(repo, ['worktree', 'prune']).catch(() => undefined);
  }
}
