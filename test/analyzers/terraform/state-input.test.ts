import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../../analyzers/terraform/state.js';
import {
  classifyStateFile,
  findStateFiles,
  overlayState,
  readStateInputs,
} from '../../../analyzers/terraform/state-input.js';
import { UsageError } from '../../../src/model/errors.js';
import { edgeId } from '../../../src/model/graph.js';
import type { ArchNode } from '../../../src/model/schema.js';

const shop = join(import.meta.dirname, '../../../fixtures/projects/shop');

const hclNode = (id: string, extra: Partial<ArchNode> = {}): ArchNode => ({
  id,
  kind: 'generic',
  name: id.split('.').pop()!,
  provider: 'aws',
  service: id.split('.')[0],
  props: {},
  tags: {},
  sources: [{ analyzer: 'terraform', file: 'infra/main.tf', line: 1 }],
  ...extra,
});

describe('state file discovery', () => {
  it.each([
    ['terraform.tfstate', 'state'],
    ['prod.tfstate', 'state'],
    ['terraform.tfstate.backup', undefined],
    ['plan.tfplan.json', 'plan'],
    ['plan.json', 'plan'],
    ['package.json', undefined],
  ])('classifies %s as %s', (name, kind) => {
    expect(classifyStateFile(name)).toBe(kind);
  });

  it('finds state and plan files below a directory', async () => {
    const found = await findStateFiles(shop);
    expect(found.stateFiles).toEqual([join(shop, 'state/terraform.tfstate')]);
    expect(found.planFiles).toEqual([join(shop, 'state/plan.tfplan.json')]);
  });

  it('skips the backend cache in .terraform and per-workspace states', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archmap-find-'));
    await mkdir(join(dir, '.terraform'));
    await mkdir(join(dir, 'terraform.tfstate.d/prod'), { recursive: true });
    await writeFile(join(dir, '.terraform/terraform.tfstate'), '{"version": 3, "backend": {}}');
    await writeFile(join(dir, 'terraform.tfstate.d/prod/terraform.tfstate'), '{"version": 4}');
    await writeFile(join(dir, 'terraform.tfstate'), '{"version": 4}');
    const found = await findStateFiles(dir);
    await rm(dir, { recursive: true, force: true });
    expect(found.stateFiles).toEqual([join(dir, 'terraform.tfstate')]);
  });
});

describe('readStateInputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-state-'));
    await mkdir(join(dir, 'infra'));
    await writeFile(join(dir, 'infra/terraform.tfstate'), '{"version": 5, "terraform_version": "9.0.0"}\n');
    await writeFile(join(dir, 'good.tfstate'), await readFile(join(shop, 'state/terraform.tfstate'), 'utf8'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('warns about an unusable auto-detected file and keeps the usable ones', async () => {
    const { reads, diagnostics } = await readStateInputs({ autoDetectIn: dir }, dir);
    expect(reads).toHaveLength(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'infra/terraform.tfstate', line: 1 }),
    ]);
  });

  it('fails with a UsageError naming file:line when a file the user named is unusable', async () => {
    await expect(readStateInputs({ stateFiles: ['infra/terraform.tfstate'] }, dir)).rejects.toThrow(
      UsageError,
    );
    await expect(readStateInputs({ stateFiles: ['infra/terraform.tfstate'] }, dir)).rejects.toThrow(
      /^infra\/terraform\.tfstate:1: Terraform state version 5/,
    );
  });

  it('fails with a UsageError when a named file does not exist', async () => {
    await expect(readStateInputs({ planFiles: ['missing.json'] }, dir)).rejects.toThrow(UsageError);
  });
});

describe('overlayState', () => {
  const stateText = `${JSON.stringify({
    version: 4,
    terraform_version: '1.9.5',
    resources: [
      {
        mode: 'managed',
        type: 'aws_sqs_queue',
        name: 'q',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            attributes: {
              arn: 'arn:aws:sqs:eu-west-1:123456789012:q',
              id: 'https://q',
              name: 'q',
              delay_seconds: 5,
            },
            dependencies: ['aws_iam_role.r'],
          },
        ],
      },
      {
        mode: 'managed',
        type: 'aws_instance',
        name: 'web',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [0, 1].map((i) => ({
          index_key: i,
          attributes: { id: `i-${i}`, arn: `arn:aws:ec2:eu-west-1:123456789012:instance/i-${i}` },
        })),
      },
      {
        mode: 'managed',
        type: 'aws_iam_role',
        name: 'r',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ attributes: { arn: 'arn:aws:iam::123456789012:role/r', id: 'r' } }],
      },
    ],
  })}\n`;
  const state = readState('/r/terraform.tfstate', stateText, '/r');
  const base = {
    nodes: [
      hclNode('aws_sqs_queue.q', {
        kind: 'queue',
        name: 'orders queue',
        props: { delay_seconds: '${var.delay}' },
      }),
      hclNode('aws_instance.web', { count: '?' }),
      hclNode('aws_iam_role.r'),
    ],
    edges: [
      {
        id: edgeId('aws_instance.web', 'aws_sqs_queue.q', 'calls'),
        from: 'aws_instance.web',
        to: 'aws_sqs_queue.q',
        kind: 'calls' as const,
        sources: [],
      },
    ],
  };
  const out = overlayState(base, [state]);
  const node = (id: string) => out.nodes.find((n) => n.id === id);

  it('merges state onto the HCL node of the same address: real values and ARN, HCL name kept', () => {
    const q = node('aws_sqs_queue.q')!;
    expect(q.name).toBe('orders queue');
    expect(q.props.delay_seconds).toBe(5);
    expect(q.aliases).toContain('arn:aws:sqs:eu-west-1:123456789012:q');
    expect(q.sources.map((s) => s.file)).toEqual(['infra/main.tf', 'terraform.tfstate']);
  });

  it('replaces an unknown-count node with the instances in state, moving its edges', () => {
    expect(node('aws_instance.web')).toBeUndefined();
    expect(node('aws_instance.web[0]')).toMatchObject({ count: 2 });
    const ids = out.edges.map((e) => e.id);
    expect(ids).toContain('aws_instance.web[0] -> aws_sqs_queue.q (calls)');
    expect(ids).toContain('aws_instance.web[1] -> aws_sqs_queue.q (calls)');
  });

  it('drops transitive state dependencies between nodes HCL already knows', () => {
    expect(state.edges.map((e) => e.id)).toContain('aws_sqs_queue.q -> aws_iam_role.r (depends_on)');
    expect(out.edges.map((e) => e.id)).not.toContain('aws_sqs_queue.q -> aws_iam_role.r (depends_on)');
  });
});
