// The shop fixture end to end: Terraform (HCL + state) and code merged into the full picture, and drift against
// the recorded live account.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import aws from '../../analyzers/aws/index.js';
import terraform from '../../analyzers/terraform/index.js';
import typescript from '../../analyzers/typescript/index.js';
import { lambdaHandlerHints } from '../../src/merge/detect.js';
import { type DriftReport, driftReport, mergePartials } from '../../src/merge/index.js';
import { type ArchGraph, type PartialGraph, silentProgress } from '../../src/model/index.js';
import {
  loadRecordedAccount,
  startAwsServer,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from '../support/aws-server.js';

const SHOP = join(import.meta.dirname, '../../fixtures/projects/shop');

async function scanRepo(root: string): Promise<PartialGraph[]> {
  const ctx = { root, progress: silentProgress };
  const tf = await terraform.analyze({ dir: root }, ctx);
  const code = await typescript.analyze({ dir: root, handlers: lambdaHandlerHints(tf, root) }, ctx);
  return [tf, code];
}

async function scanLive(accountDir: string): Promise<PartialGraph> {
  const server = await startAwsServer({ accounts: [loadRecordedAccount(accountDir)] });
  try {
    return await aws.analyze(
      {
        regions: ['eu-west-1', 'us-east-1'],
        endpoint: server.url,
        credentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY },
      },
      { root: process.cwd(), progress: silentProgress },
    );
  } finally {
    await server.close();
  }
}

/** An edge's provenance: code as file:line, other analyzers by name (once each). */
const where = (g: ArchGraph, id: string) => [
  ...new Set(
    g.edge(id)?.sources.map((s) => (s.analyzer === 'typescript' ? `${s.file}:${s.line}` : s.analyzer)),
  ),
];
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe('scanning the shop root', () => {
  let g: ArchGraph;
  beforeAll(async () => {
    g = mergePartials(await scanRepo(SHOP));
  });

  test('ALB → ECS service → RDS, Redis and SQS, the code edges carrying file:line and the Terraform env binding', () => {
    expect(g.hasEdge('aws_lb.web -> aws_lb_target_group.api (routes)')).toBe(true);
    expect(g.hasEdge('aws_lb_target_group.api -> aws_ecs_service.api (routes)')).toBe(true);
    expect(where(g, 'aws_ecs_service.api -> aws_db_instance.orders (reads)')).toEqual([
      'services/api/src/db.ts:21',
      'services/api/src/index.ts:10',
      'terraform',
    ]);
    expect(where(g, 'aws_ecs_service.api -> aws_db_instance.orders (writes)')).toEqual([
      'services/api/src/db.ts:26',
      'terraform',
    ]);
    expect(
      where(g, 'aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (reads)'),
    ).toEqual(['services/api/src/cache.ts:7', 'terraform']);
    expect(
      where(g, 'aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (writes)'),
    ).toEqual(['services/api/src/cache.ts:10', 'terraform']);
    expect(where(g, 'aws_ecs_service.api -> aws_sqs_queue.orders (publishes)')).toEqual([
      'services/api/src/queue.ts:8',
      'terraform',
    ]);
  });

  test('SQS → worker Lambda → DynamoDB and S3', () => {
    expect(g.hasEdge('aws_sqs_queue.orders -> aws_lambda_function.worker (consumes)')).toBe(true);
    expect(where(g, 'aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)')).toEqual([
      'services/worker/src/handler.ts:23',
      'terraform',
    ]);
    expect(where(g, 'aws_lambda_function.worker -> aws_s3_bucket.receipts (writes)')).toEqual([
      'services/worker/src/handler.ts:29',
      'terraform',
    ]);
  });

  test('exactly these edges come from code, and no code reference is left unbound', () => {
    const fromCode = g
      .edges()
      .filter((e) => e.sources.some((s) => s.analyzer === 'typescript'))
      .map((e) => e.id)
      .sort();
    expect(fromCode).toEqual([
      'aws_ecs_service.api -> aws_db_instance.orders (reads)',
      'aws_ecs_service.api -> aws_db_instance.orders (writes)',
      'aws_ecs_service.api -> aws_sqs_queue.orders (publishes)',
      'aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (reads)',
      'aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (writes)',
      'aws_lambda_function.worker -> aws_dynamodb_table.orders (writes)',
      'aws_lambda_function.worker -> aws_s3_bucket.receipts (writes)',
    ]);
    expect(g.nodes().filter((n) => n.id.startsWith('ref:') || n.id.startsWith('code:'))).toEqual([]);
  });

  test('the code services are folded into their compute, listing every source and alias', () => {
    const api = g.node('aws_ecs_service.api')!;
    expect(api.aliases).toContain('code:@shop/api');
    expect(api.aliases).toContain('arn:aws:ecs:eu-west-1:123456789012:service/shop-prod/api');
    expect(new Set(api.sources.map((s) => s.analyzer))).toEqual(new Set(['terraform', 'typescript']));
    expect(api.props.routes).toEqual(['GET /healthz', 'GET /orders/:id', 'POST /orders']);
    expect(g.node('aws_lambda_function.worker')?.aliases).toContain('code:@shop/worker');
  });
});

describe('the live account and the code, without Terraform', () => {
  test('code edges bind through the env vars the live Lambda and ECS service carry', async () => {
    const root = SHOP;
    const code = await typescript.analyze({ dir: root }, { root, progress: silentProgress });
    const g = mergePartials([await scanLive(join(SHOP, 'aws')), code]);
    const lambda = 'arn:aws:lambda:eu-west-1:123456789012:function:shop-prod-order-worker';
    expect(g.node(lambda)?.aliases).toEqual(['code:@shop/worker']);
    expect(
      where(g, `${lambda} -> arn:aws:dynamodb:eu-west-1:123456789012:table/shop-prod-orders (writes)`),
    ).toEqual(['services/worker/src/handler.ts:23', 'aws']);
    expect(
      where(
        g,
        'arn:aws:ecs:eu-west-1:123456789012:service/shop-prod/api -> arn:aws:sqs:eu-west-1:123456789012:shop-prod-orders (publishes)',
      ),
    ).toEqual(['services/api/src/queue.ts:8', 'aws']);
    expect(g.nodes().filter((n) => n.id.startsWith('ref:'))).toEqual([]);
  });
});

describe('drift on the shop fixture', () => {
  let dir: string;
  let before: DriftReport;
  let after: DriftReport;
  const ADDED = 'arn:aws:sqs:eu-west-1:123456789012:shop-prod-audit';
  const REMOVED = 'aws_ecr_repository.service["worker"]';
  const REMOVED_ARN = 'arn:aws:ecr:eu-west-1:123456789012:repository/shop/worker';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'archmap-drift-'));
    cpSync(SHOP, dir, { recursive: true });
    rmSync(join(dir, 'state/plan.tfplan.json'));
    const drift = async () =>
      driftReport(mergePartials([...(await scanRepo(dir)), await scanLive(join(dir, 'aws'))]));
    before = await drift();

    // Remove the worker ECR repository from Terraform (HCL and state)…
    const vars = join(dir, 'infra/variables.tf');
    writeFileSync(
      vars,
      readFileSync(vars, 'utf8').replace('default     = ["api", "worker"]', 'default     = ["api"]'),
    );
    const statePath = join(dir, 'state/terraform.tfstate');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    for (const r of state.resources)
      if (r.type === 'aws_ecr_repository')
        r.instances = r.instances.filter((i: { index_key?: string }) => i.index_key !== 'worker');
    writeFileSync(statePath, JSON.stringify(state, null, 2));
    // …and add a queue to the recorded account that Terraform does not know.
    const tagging = join(dir, 'aws/eu-west-1/tagging.json');
    const t = JSON.parse(readFileSync(tagging, 'utf8'));
    t.ResourceTagMappingList.push({ ResourceARN: ADDED, Tags: [{ Key: 'Project', Value: 'shop' }] });
    writeFileSync(tagging, JSON.stringify(t, null, 2));
    const cc = join(dir, 'aws/eu-west-1/cloudcontrol.json');
    const c = JSON.parse(readFileSync(cc, 'utf8'));
    c['AWS::SQS::Queue'].push({
      Identifier: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-prod-audit',
      Properties: JSON.stringify({ QueueName: 'shop-prod-audit', Arn: ADDED }),
    });
    writeFileSync(cc, JSON.stringify(c, null, 2));
    after = await drift();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the unmodified copy has no live/Terraform drift about the two resources', () => {
    expect(before.scanned).toEqual({ terraform: true, live: true, code: true });
    const seen = ids([...before.liveNotInTerraform, ...before.terraformNotLive]);
    expect(seen).not.toContain(ADDED);
    expect(seen).not.toContain(REMOVED_ARN);
    expect(seen).not.toContain(REMOVED);
  });

  test('names exactly the resource removed from Terraform and the one added to the account', () => {
    const known = new Set(before.liveNotInTerraform.map((i) => i.id));
    const fresh = after.liveNotInTerraform.filter((i) => !known.has(i.id)).map((i) => `${i.id} ${i.service}`);
    expect(fresh).toEqual([`${REMOVED_ARN} aws_ecr_repository`, `${ADDED} aws_sqs_queue`]);
    // (state line numbers move when the state file is rewritten, so compare ids)
    expect(ids(after.terraformNotLive)).toEqual(ids(before.terraformNotLive));
    expect(ids(after.usedButUndeclared)).toEqual(ids(before.usedButUndeclared));
  });
});
