import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTerraform } from '../../../analyzers/terraform/index.js';
import { silentProgress } from '../../../src/model/plugin.js';
import { writeTree } from './support.js';

const scan = (dir: string) => analyzeTerraform({ dir }, { root: dir, progress: silentProgress });

describe('terraform scan scope', () => {
  it('follows a module elsewhere in the enclosing git repository when a sub-folder is scanned', async () => {
    const repo = await writeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'infra/envs/prod/main.tf': 'module "api" {\n  source = "../../modules/api"\n}\n',
      'infra/modules/api/main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    });
    const g = await scan(join(repo, 'infra/envs/prod'));
    expect(g.nodes.map((n) => n.id)).toEqual(['module.api.aws_sqs_queue.jobs']);
    expect(g.diagnostics.filter((d) => d.code === 'module-escape')).toEqual([]);
    expect(g.nodes[0]?.sources[0]?.file).toBe('../../modules/api/main.tf');
  });

  it('still refuses a module source outside the repository', async () => {
    const repo = await writeTree({
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/main.tf': 'module "x" {\n  source = "../elsewhere"\n}\n',
      'elsewhere/main.tf': 'resource "aws_sqs_queue" "q" {}\n',
    });
    const g = await scan(join(repo, 'repo'));
    expect(g.diagnostics.map((d) => d.code)).toContain('module-escape');
  });

  it('scans no hidden folder and no archmap-generated folder as a root', async () => {
    const dir = await writeTree({
      'live/main.tf': 'resource "aws_sqs_queue" "live" {}\n',
      '.old_env/main.tf': 'resource "aws_sqs_queue" "old" {}\n',
      'live/.terraform/modules/x/main.tf': 'resource "aws_sqs_queue" "cached" {}\n',
      'proposal/.archmap-generated': 'archmap scaffold\n',
      'proposal/main.tf': 'resource "aws_sqs_queue" "generated" {}\n',
    });
    const g = await scan(dir);
    expect(g.nodes.map((n) => n.id)).toEqual(['aws_sqs_queue.live']);
  });
});
