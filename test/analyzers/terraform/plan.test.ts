import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planAction, readPlan, UNKNOWN_VALUE } from '../../../analyzers/terraform/plan.js';
import { mergePartials } from '../../../src/merge/index.js';
import { serializeGraph } from '../../../src/model/io.js';
import { CANARIES } from './canaries.js';

const shop = join(import.meta.dirname, '../../../fixtures/projects/shop');
const planPath = join(shop, 'state/plan.tfplan.json');
const planText = readFileSync(planPath, 'utf8');

describe('planAction', () => {
  it.each([
    [['no-op'], 'no-op'],
    [['create'], 'create'],
    [['delete'], 'delete'],
    [['update'], 'update'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['read'], 'read'],
  ])('maps %j to %s', (actions, expected) => {
    expect(planAction(actions)).toBe(expected);
  });
});

describe('readPlan on the shop plan', () => {
  const result = readPlan(planPath, planText, shop);
  const node = (id: string) => result.nodes.find((n) => n.id === id);

  it('marks created, deleted, updated and replaced resources', () => {
    expect(result.usable).toBe(true);
    const marked = Object.fromEntries(result.nodes.filter((n) => n.change).map((n) => [n.id, n.change]));
    expect(marked).toEqual({
      'aws_ecs_service.api': 'modified',
      'aws_ecs_task_definition.api': 'modified',
      'aws_s3_bucket_public_access_block.receipts': 'added',
      'aws_sqs_queue.legacy_events': 'removed',
    });
    expect(node('aws_ecs_task_definition.api')!.props.planAction).toBe('replace');
    expect(node('aws_ecs_service.api')!.props.planAction).toBe('update');
    expect(node('aws_vpc.main')!.props).not.toHaveProperty('planAction');
  });

  it('uses planned values for changes, prior values for deletions, placeholders for unknowns', () => {
    expect(node('aws_ecs_service.api')!.props.desired_count).toBe(2);
    expect(node('aws_sqs_queue.legacy_events')!.props.name).toBe('shop-prod-legacy-events');
    expect(node('aws_ecs_task_definition.api')!.props.arn).toBe(UNKNOWN_VALUE);
    expect(node('aws_ecs_task_definition.api')!.props.container_definitions).toContain('2024.11.3');
  });

  it('keeps addresses of module and for_each instances', () => {
    expect(node('module.cache.aws_elasticache_replication_group.this')).toMatchObject({ kind: 'cache' });
    expect(node('aws_ecr_repository.service["worker"]')).toBeDefined();
  });

  it('finds edges from configuration references when values are not known yet', () => {
    const ids = result.edges.map((e) => e.id);
    expect(ids).toContain(
      'aws_s3_bucket_public_access_block.receipts -> aws_s3_bucket.receipts (depends_on)',
    );
    expect(ids).toContain('aws_sqs_queue.orders -> aws_lambda_function.worker (consumes)');
  });

  it('points provenance at the resource_changes entry', () => {
    const src = node('aws_ecs_service.api')!.sources[0]!;
    expect(src.file).toBe('state/plan.tfplan.json');
    expect(planText.split('\n')[src.line! - 1]).toMatch(/^\s*\{\s*$/);
    expect(planText.split('\n')[src.line!]).toContain('"address": "aws_ecs_service.api"');
  });

  it('never lets a planted secret reach archmap.json (before/after_sensitive, variables, outputs)', () => {
    expect(planText).toContain('canary-db-password-3f9a');
    const json = serializeGraph(mergePartials([{ analyzer: 'terraform', ...result }]));
    for (const canary of CANARIES) expect(json).not.toContain(canary);
  });
});

describe('readPlan on unusable files', () => {
  it('rejects a file that is not a plan', () => {
    const result = readPlan('/r/p.json', '{"version": 4}', '/r');
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'terraform-plan-format', file: 'p.json', line: 1 });
  });

  it('rejects an unknown major format_version', () => {
    const result = readPlan('/r/p.json', '{\n"format_version": "3.1",\n"terraform_version": "9.0.0"}', '/r');
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ line: 2 });
    expect(result.diagnostics[0]!.message).toContain('format_version "3.1" (terraform 9.0.0)');
  });

  it('reports truncated plan JSON with file:line', () => {
    const cut = planText.slice(0, 5000);
    const result = readPlan(planPath, cut, shop);
    expect(result.diagnostics[0]).toMatchObject({
      file: 'state/plan.tfplan.json',
      line: cut.split('\n').length,
    });
  });
});
