// Reference configurations: the model's monthly figure against AWS's own worked examples or a hand calculation
// from the list price cited next to it. Each must agree within 5 %. Expected figures are written out here from
// the cited prices, never read from the snapshot.
import { describe, expect, it } from 'vitest';
import { type CostOptions, costReport } from '../../src/cost/index.js';
import type { ArchGraph } from '../../src/model/index.js';
import { graphOf } from './support.js';

const SECONDS = 730 * 3600;

function monthly(graph: ArchGraph, id: string, options: CostOptions = {}) {
  const node = costReport(graph, options).nodes.find((n) => n.node === id);
  expect(node, `${id} is in the report`).toBeDefined();
  return node!;
}

function within5(actual: number, expected: number) {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(0.05);
}

describe('cost model against published examples and hand calculations (within 5 %)', () => {
  it('Lambda example 1 of aws.amazon.com/lambda/pricing: 512 MB, 3 M invocations of 1 s, before the free tier', () => {
    // $0.0000166667 per GB-s and $0.20 per million requests (x86, us-east-1): 1,500,000 GB-s and 3 M requests.
    const g = graphOf([
      { id: 'aws_lambda_function.f', kind: 'function', region: 'us-east-1', props: { memory_size: 512 } },
    ]);
    const n = monthly(g, 'aws_lambda_function.f', {
      capacity: {
        loads: { 'aws_lambda_function.f': 3_000_000 / SECONDS },
        durationMs: { 'aws_lambda_function.f': 1000 },
      },
    });
    within5(n.monthly.low, 1_500_000 * 0.0000166667 + 3 * 0.2);
  });

  it('Lambda example 2: 128 MB, 30 M invocations of 200 ms, before the free tier', () => {
    const g = graphOf([
      { id: 'aws_lambda_function.f', kind: 'function', region: 'us-east-1', props: { memory_size: 128 } },
    ]);
    const n = monthly(g, 'aws_lambda_function.f', {
      capacity: {
        loads: { 'aws_lambda_function.f': 30_000_000 / SECONDS },
        durationMs: { 'aws_lambda_function.f': 200 },
      },
    });
    within5(n.monthly.low, 750_000 * 0.0000166667 + 30 * 0.2);
  });

  it('Fargate, one 0.5 vCPU / 1 GB Linux x86 task all month in us-east-1 ($0.04048 per vCPU-h, $0.004445 per GB-h)', () => {
    const g = graphOf(
      [
        { id: 'aws_ecs_service.api', kind: 'container', region: 'us-east-1', props: { desired_count: 1 } },
        {
          id: 'aws_ecs_task_definition.api',
          kind: 'container',
          region: 'us-east-1',
          props: { cpu: '512', memory: '1024' },
        },
      ],
      [['aws_ecs_service.api', 'aws_ecs_task_definition.api', 'depends_on']],
    );
    within5(monthly(g, 'aws_ecs_service.api').monthly.low, 730 * (0.5 * 0.04048 + 1 * 0.004445));
  });

  it('Fargate on Graviton, two 1 vCPU / 2 GB tasks ($0.03238 per vCPU-h, $0.00356 per GB-h)', () => {
    const g = graphOf(
      [
        { id: 'aws_ecs_service.api', kind: 'container', region: 'us-east-1', props: { desired_count: 2 } },
        {
          id: 'aws_ecs_task_definition.api',
          kind: 'container',
          region: 'us-east-1',
          props: { cpu: '1024', memory: '2048', runtime_platform: [{ cpu_architecture: 'ARM64' }] },
        },
      ],
      [['aws_ecs_service.api', 'aws_ecs_task_definition.api', 'depends_on']],
    );
    within5(monthly(g, 'aws_ecs_service.api').monthly.low, 2 * 730 * (0.03238 + 2 * 0.00356));
  });

  it('RDS for PostgreSQL db.t4g.medium Single-AZ with 100 GB gp3 ($0.065/h, $0.115 per GB-month)', () => {
    const g = graphOf([
      {
        id: 'aws_db_instance.db',
        kind: 'database',
        region: 'us-east-1',
        props: {
          engine: 'postgres',
          instance_class: 'db.t4g.medium',
          allocated_storage: 100,
          storage_type: 'gp3',
        },
      },
    ]);
    within5(monthly(g, 'aws_db_instance.db').monthly.low, 730 * 0.065 + 100 * 0.115);
  });

  it('RDS Multi-AZ bills primary and standby: db.r6g.large PostgreSQL, 200 GB gp3 ($0.225/h, $0.115 per GB-month, ×2)', () => {
    const g = graphOf([
      {
        id: 'aws_db_instance.db',
        kind: 'database',
        region: 'us-east-1',
        props: {
          engine: 'postgres',
          instance_class: 'db.r6g.large',
          allocated_storage: 200,
          storage_type: 'gp3',
          multi_az: true,
        },
      },
    ]);
    within5(monthly(g, 'aws_db_instance.db').monthly.low, 2 * (730 * 0.225 + 200 * 0.115));
  });

  it('DynamoDB provisioned, 10 WCU and 200 RCU ($0.00065 per WCU-h, $0.00013 per RCU-h), no storage', () => {
    const g = graphOf([
      {
        id: 'aws_dynamodb_table.t',
        kind: 'database',
        region: 'us-east-1',
        props: { billing_mode: 'PROVISIONED', write_capacity: 10, read_capacity: 200 },
      },
    ]);
    const n = monthly(g, 'aws_dynamodb_table.t', {
      cost: { usage: { 'aws_dynamodb_table.t': { storageGb: 0 } } },
    });
    within5(n.monthly.low, 730 * (10 * 0.00065 + 200 * 0.00013));
  });

  it('DynamoDB on demand, 10 writes/s of ≤ 1 KB items ($0.625 per million write request units)', () => {
    const g = graphOf(
      [
        { id: 'aws_lambda_function.w', kind: 'function', region: 'us-east-1' },
        {
          id: 'aws_dynamodb_table.t',
          kind: 'database',
          region: 'us-east-1',
          props: { billing_mode: 'PAY_PER_REQUEST' },
        },
      ],
      [['aws_lambda_function.w', 'aws_dynamodb_table.t', 'writes']],
    );
    const n = monthly(g, 'aws_dynamodb_table.t', {
      rps: 10,
      cost: { usage: { 'aws_dynamodb_table.t': { storageGb: 0 } } },
    });
    within5(n.monthly.low, ((10 * SECONDS) / 1e6) * 0.625);
  });

  it('ElastiCache for Redis OSS, a primary and a replica of cache.r7g.large ($0.219 per node-hour)', () => {
    const g = graphOf([
      {
        id: 'aws_elasticache_replication_group.c',
        kind: 'cache',
        region: 'us-east-1',
        props: { node_type: 'cache.r7g.large', num_cache_clusters: 2 },
      },
    ]);
    within5(monthly(g, 'aws_elasticache_replication_group.c').monthly.low, 2 * 730 * 0.219);
  });

  it('NAT gateway with 500 GB processed in us-east-1 ($0.045/h and $0.045/GB: $55.35 in the worked example)', () => {
    const g = graphOf([{ id: 'aws_nat_gateway.n', kind: 'network', region: 'us-east-1' }]);
    const n = monthly(g, 'aws_nat_gateway.n', { cost: { usage: { 'aws_nat_gateway.n': { natGb: 500 } } } });
    within5(n.monthly.low, 55.35);
  });

  it('NAT gateway in ap-southeast-1 with 500 GB ($0.059/h and $0.059/GB)', () => {
    const g = graphOf([{ id: 'aws_nat_gateway.n', kind: 'network', region: 'ap-southeast-1' }]);
    const n = monthly(g, 'aws_nat_gateway.n', { cost: { usage: { 'aws_nat_gateway.n': { natGb: 500 } } } });
    within5(n.monthly.low, 730 * 0.059 + 500 * 0.059);
  });

  it('Application Load Balancer at 10 requests/s of 10 KB ($0.0225/h, $0.008 per LCU-hour; 1 LCU = 1 GB/h or 25 new connections/s)', () => {
    const g = graphOf(
      [
        {
          id: 'aws_lb.web',
          kind: 'load_balancer',
          region: 'us-east-1',
          props: { load_balancer_type: 'application' },
        },
        { id: 'aws_ecs_service.api', kind: 'container', region: 'us-east-1' },
      ],
      [['aws_lb.web', 'aws_ecs_service.api', 'routes']],
    );
    const n = monthly(g, 'aws_lb.web', { rps: 10, cost: { defaults: { payloadKb: 10 } } });
    // 0.36 GB/h processed (low: keep-alive) to 0.4 LCU of new connections (high: one per request).
    within5(n.monthly.low, 730 * 0.0225 + 0.36 * 730 * 0.008);
    within5(n.monthly.high, 730 * 0.0225 + 0.4 * 730 * 0.008);
  });

  it('API Gateway HTTP API at 100 requests/s ($1.00 per million, first 300 million)', () => {
    const g = graphOf(
      [
        {
          id: 'aws_apigatewayv2_api.api',
          kind: 'api_gateway',
          region: 'us-east-1',
          props: { protocol_type: 'HTTP' },
        },
        { id: 'aws_lambda_function.f', kind: 'function', region: 'us-east-1' },
      ],
      [['aws_apigatewayv2_api.api', 'aws_lambda_function.f', 'routes']],
    );
    within5(monthly(g, 'aws_apigatewayv2_api.api', { rps: 100 }).monthly.low, ((100 * SECONDS) / 1e6) * 1.0);
  });

  it('API Gateway REST API at 10 requests/s ($3.50 per million, first 333 million)', () => {
    const g = graphOf(
      [
        { id: 'aws_api_gateway_rest_api.api', kind: 'api_gateway', region: 'us-east-1' },
        { id: 'aws_lambda_function.f', kind: 'function', region: 'us-east-1' },
      ],
      [['aws_api_gateway_rest_api.api', 'aws_lambda_function.f', 'routes']],
    );
    within5(
      monthly(g, 'aws_api_gateway_rest_api.api', { rps: 10 }).monthly.low,
      ((10 * SECONDS) / 1e6) * 3.5,
    );
  });

  it('S3 Standard, 100 GB stored and 10 PUT/s ($0.023 per GB-month, $0.005 per 1,000 PUT)', () => {
    const g = graphOf(
      [
        { id: 'aws_lambda_function.w', kind: 'function', region: 'us-east-1' },
        { id: 'aws_s3_bucket.b', kind: 'storage', region: 'us-east-1' },
      ],
      [['aws_lambda_function.w', 'aws_s3_bucket.b', 'writes']],
    );
    const n = monthly(g, 'aws_s3_bucket.b', {
      rps: 10,
      cost: { usage: { 'aws_s3_bucket.b': { storageGb: 100 } } },
    });
    within5(n.monthly.low, 100 * 0.023 + ((10 * SECONDS) / 1000) * 0.005);
  });

  it('SQS standard, 1 message/s sent, received and deleted one at a time ($0.40 per million requests)', () => {
    const g = graphOf(
      [
        { id: 'aws_ecs_service.p', kind: 'container', region: 'us-east-1' },
        { id: 'aws_sqs_queue.q', kind: 'queue', region: 'us-east-1' },
      ],
      [['aws_ecs_service.p', 'aws_sqs_queue.q', 'publishes']],
    );
    within5(monthly(g, 'aws_sqs_queue.q', { rps: 1 }).monthly.high, ((3 * SECONDS) / 1e6) * 0.4);
  });

  it('EC2, three t3.medium Linux instances with 8 GiB gp3 root volumes ($0.0416/h, $0.08 per GB-month)', () => {
    const g = graphOf([
      {
        id: 'aws_instance.web',
        kind: 'service',
        region: 'us-east-1',
        count: 3,
        props: { instance_type: 't3.medium' },
      },
    ]);
    within5(monthly(g, 'aws_instance.web').monthly.low, 3 * (730 * 0.0416 + 8 * 0.08));
  });

  it('CloudFront, 1,000 GB out and 10 million HTTPS requests in North America/Europe ($0.085/GB, $0.01 per 10,000)', () => {
    const g = graphOf(
      [
        { id: 'aws_cloudfront_distribution.cdn', kind: 'cdn', region: 'us-east-1' },
        { id: 'aws_s3_bucket.b', kind: 'storage', region: 'us-east-1' },
      ],
      [['aws_cloudfront_distribution.cdn', 'aws_s3_bucket.b', 'routes']],
    );
    const n = monthly(g, 'aws_cloudfront_distribution.cdn', {
      rps: 10_000_000 / SECONDS,
      cost: { defaults: { payloadKb: 100 } },
    });
    within5(n.monthly.low, 1000 * 0.085 + 1000 * 0.01);
  });

  it('a region outside the snapshot is priced as us-east-1, and says so', () => {
    const g = graphOf([{ id: 'aws_nat_gateway.n', kind: 'network', region: 'sa-east-1' }]);
    const report = costReport(g, { cost: { usage: { 'aws_nat_gateway.n': { natGb: 0 } } } });
    const n = report.nodes.find((x) => x.node === 'aws_nat_gateway.n')!;
    within5(n.monthly.low, 730 * 0.045);
    expect(n.lines[0]?.pricedAs).toBe('us-east-1');
    expect(report.notes).toContain('sa-east-1 is not in the snapshot: priced as us-east-1');
  });
});
