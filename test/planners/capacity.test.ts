import { describe, expect, it } from 'vitest';
import { lookupTerraformType } from '../../src/catalog/index.js';
import { UsageError } from '../../src/model/index.js';
import { bottlenecks, capacityReport, formatCapacityTable } from '../../src/planners/capacity.js';
import { parsePlannerConfig } from '../../src/planners/config.js';
import { build, e, loadGraph, n } from './support.js';

const row = (rows: ReturnType<typeof capacityReport>['rows'], node: string, metric: string) =>
  rows.find((r) => r.node === node && r.metric === metric);

describe('capacity model', () => {
  it('at ×10 of 500 rps the shop saturates the ECS api and the on-demand orders table, with catalog sources', () => {
    const report = capacityReport(loadGraph('shop'), { rps: 500, factor: 10 });
    expect(report.entryPoints).toEqual(['aws_route53_record.api', 'aws_route53_record.assets']);
    const hot = bottlenecks(report);
    expect(hot.map((r) => `${r.node} ${r.metric}`)).toEqual([
      'aws_ecs_service.api rps',
      'aws_dynamodb_table.orders writes',
    ]);

    const ecs = row(report.rows, 'aws_ecs_service.api', 'rps')!;
    const perTask = lookupTerraformType('aws_ecs_service')!.capacity!.find((f) => f.metric === 'rps')!;
    expect(ecs).toMatchObject({ loadNow: 500, loadAtFactor: 5000, capacity: perTask.value * 1 });
    expect(ecs.source).toContain(perTask.source);
    expect(ecs.headroom).toBeCloseTo(1 - 5000 / (perTask.value * 1), 3);

    const table = row(report.rows, 'aws_dynamodb_table.orders', 'writes')!;
    const initial = lookupTerraformType('aws_dynamodb_table')!.capacity!.find(
      (f) => f.metric === 'initial_write_request_units',
    )!;
    expect(table).toMatchObject({
      loadNow: 500,
      loadAtFactor: 5000,
      capacity: initial.value,
      headroom: -0.25,
    });
    expect(table.source).toContain(initial.source);
  });

  it('counts RDS connections from the callers’ pools against the instance class default max_connections', () => {
    const report = capacityReport(loadGraph('shop'), { rps: 500, factor: 10 });
    // 1 deployed ECS task (state: desired_count 1) × pool of 10; db.t4g.medium PostgreSQL default max_connections.
    expect(row(report.rows, 'aws_db_instance.orders', 'connections')).toMatchObject({
      loadNow: 10,
      loadAtFactor: 100,
      capacity: 450,
    });
    expect(row(report.rows, 'aws_db_instance.orders', 'connections')!.source).toMatch(
      /MaxConnections.*db\.t4g\.medium, postgres/,
    );
  });

  it('turns SQS batches into Lambda invocations and concurrency with Little’s law', () => {
    const report = capacityReport(loadGraph('shop'), { rps: 500, factor: 10 });
    // 500 messages/s in batches of 10 = 50 invocations/s × 0.2 s = 10 concurrent executions.
    expect(row(report.rows, 'aws_lambda_function.worker', 'concurrency')).toMatchObject({
      loadNow: 10,
      loadAtFactor: 100,
      capacity: 1000,
    });
  });

  it('splits routes between targets and checks the HTTP API stage throttle and the shared Lambda pool', () => {
    const report = capacityReport(loadGraph('serverless-api'), { rps: 500, factor: 10 });
    expect(report.loads['aws_lambda_function.get_order']).toBeCloseTo(166.67, 2);
    expect(row(report.rows, 'aws_apigatewayv2_api.http', 'rps')).toMatchObject({
      loadNow: 500,
      loadAtFactor: 5000,
      capacity: 1000,
      headroom: -4,
    });
    expect(row(report.rows, 'aws_apigatewayv2_api.http', 'rps')!.source).toMatch(
      /^terraform: throttling_rate_limit = 1000/,
    );
    const pool = row(report.rows, 'lambda:us-east-1', 'account_concurrency')!;
    expect(pool.capacity).toBe(1000);
    expect(pool.loadAtFactor).toBeCloseTo(1366.67, 2);
    expect(bottlenecks(report).map((r) => r.node)).toEqual(['aws_apigatewayv2_api.http', 'lambda:us-east-1']);
  });

  it('does not send load round a DLQ by default, and a fan-out in config changes the numbers', () => {
    const g = loadGraph('serverless-api');
    expect(capacityReport(g, { rps: 500, factor: 10 }).loads['aws_sqs_queue.payments_dlq']).toBe(0);
    const tuned = capacityReport(g, {
      rps: 500,
      factor: 10,
      config: {
        fanout: { 'aws_lambda_function.create_order -> aws_dynamodb_table.orders': 3 },
        entryRps: { 'aws_route53_record.api': 900 },
      },
    });
    expect(tuned.loads['aws_lambda_function.create_order']).toBe(300);
    expect(tuned.loads['aws_dynamodb_table.orders']).toBe(900 + 300 + 300 + 300);
  });

  it('renders the bottleneck table with component, loads, capacity, headroom, action and source', () => {
    const report = capacityReport(loadGraph('shop'), { rps: 500, factor: 10 });
    const text = formatCapacityTable(bottlenecks(report), 10);
    expect(text.split('\n')[0]).toMatch(
      /^component\s+metric\s+now\s+×10\s+capacity\s+headroom\s+what to change\s+source$/,
    );
    expect(text).toMatch(/aws_dynamodb_table\.orders\s+writes\s+500\s+5000\s+4000\s+1\.3× the limit/);
  });

  it('rejects a bad archmap.config.json with the file, line and path', () => {
    const text = '{\n  "capacity": {\n    "poolSize": "ten"\n  }\n}\n';
    expect(() => parsePlannerConfig(text, 'archmap.config.json')).toThrow(UsageError);
    expect(() => parsePlannerConfig(text, 'archmap.config.json')).toThrow(
      /archmap\.config\.json: \.capacity\.poolSize:/,
    );
    const error = (() => {
      try {
        parsePlannerConfig(text, 'archmap.config.json');
      } catch (caught) {
        return caught as UsageError;
      }
    })();
    expect(error?.location.line).toBe(3);
  });

  it('cuts a call cycle instead of looping, and says where', () => {
    const g = build(
      [
        n('aws_route53_record.api', 'dns'),
        n('aws_lb.web', 'load_balancer'),
        n('code:orders', 'service', {}, { provider: 'code' }),
        n('code:billing', 'service', {}, { provider: 'code' }),
      ],
      [
        e('aws_route53_record.api', 'aws_lb.web', 'routes'),
        e('aws_lb.web', 'code:orders', 'routes'),
        e('code:orders', 'code:billing', 'calls'),
        e('code:billing', 'code:orders', 'calls'),
      ],
    );
    const report = capacityReport(g, { rps: 100, factor: 10 });
    expect(report.notes).toEqual([
      'cycle cut at code:billing -> code:orders (calls): load is not sent round the loop',
    ]);
    expect(report.loads).toMatchObject({ 'aws_lb.web': 100, 'code:billing': 100 });
  });
});
