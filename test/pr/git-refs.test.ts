// `archmap pr` on two git refs: a repository built here with two commits (the shop, then the shop plus a queue
// and a security group opened to the world), each ref scanned from a clean worktree.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { expectGolden } from './support.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'archmap test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'archmap test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    },
  }).trim();
}

describe('archmap pr --base REF --head REF', () => {
  let repo: string;

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'archmap-pr-repo-'));
    git(repo, 'init', '--quiet', '--initial-branch', 'main');
    await cp(join(fixtures, 'projects', 'shop'), repo, { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '--quiet', '-m', 'shop');
    const change = join(fixtures, 'pr', 'open-security-group', 'infra');
    await cp(join(change, 'notifications.tf'), join(repo, 'infra', 'notifications.tf'));
    await cp(join(change, 'debug-access.tf'), join(repo, 'infra', 'debug-access.tf'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '--quiet', '-m', 'notifications queue; open the API for debugging');
    // A side branch with the queue alone, for the gate that must pass.
    git(repo, 'checkout', '--quiet', '-b', 'queue-only', 'main~1');
    await cp(join(change, 'notifications.tf'), join(repo, 'infra', 'notifications.tf'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '--quiet', '-m', 'notifications queue');
    git(repo, 'checkout', '--quiet', 'main');
  });

  it('prints the comment naming the added queue and the open security group, and fails the high gate on the latter', async () => {
    const r = await runCli(['pr', '--base', 'main~1', '--head', 'main', '--fail-on', 'high'], { cwd: repo });
    expect(r.stderr).toContain('error: 1 new finding(s) at high severity or above');
    expect(r.code).toBe(1);
    expectGolden('open-security-group.pr.md', r.stdout);
    const md = r.stdout;
    expect(md).toContain('| added | node | `aws_sqs_queue.notifications` | queue |');
    expect(md).toContain('| added | node | `aws_vpc_security_group_ingress_rule.api_public` | network |');
    // The one new finding at high or above is the open security group, in front of the API service.
    const appeared = md.slice(md.indexOf('**Appeared'), md.indexOf('**Resolved'));
    expect(appeared.match(/- \*\*(critical|high)\*\* `[^`]+`/g)).toEqual([
      '- **high** `open-security-group`',
    ]);
    expect(appeared).toMatch(
      /api_public opens port 8080 to the internet \(0\.0\.0\.0\/0\) in front of aws_ecs_service\.api/,
    );
    // The user's checkout is untouched and no worktree is left registered.
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('passes the gate when the change opens nothing (the queue alone)', async () => {
    const r = await runCli(['pr', '--base', 'HEAD~1', '--head', 'HEAD~1', '--fail-on', 'high'], {
      cwd: repo,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No architectural change.');
  });

  it('reads graph files and refs alike, and names an unknown ref in one line', async () => {
    const r = await runCli(['pr', '--base', 'no-such-branch', '--head', 'HEAD'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: --base no-such-branch: neither an archmap.json file nor a commit of the repository at ${repo}`,
    );
    const notRepo = await mkdtemp(join(tmpdir(), 'archmap-pr-norepo-'));
    const r2 = await runCli(['pr', '--base', 'HEAD~1', '--head', 'HEAD'], { cwd: notRepo });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--base HEAD~1: neither an archmap.json file nor a commit');
    expect(await readFile(join(repo, 'infra', 'debug-access.tf'), 'utf8')).toContain('api_public');
  });
});
