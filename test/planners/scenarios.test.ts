import { describe, expect, it } from 'vitest';
import { applyChangeSet, ChangeSetSchema, sortKeys, UsageError } from '../../src/model/index.js';
import { proposeOffline, SCENARIO_NAMES } from '../../src/planners/index.js';
import { chooseStrategy } from '../../src/planners/scenarios/dr.js';
import { parseDuration } from '../../src/planners/scenarios/types.js';
import { expectGoldenFolder } from '../support/golden.js';
import { expectGolden, GRAPHS, goldenDir, loadGraph, opKey } from './support.js';

const keys = (graph: string, scenario: (typeof SCENARIO_NAMES)[number], options = {}) =>
  proposeOffline(loadGraph(graph), scenario, { rps: 500, factor: 10, ...options }).ops.map(opKey);

describe('every scenario on every graph', () => {
  it('has a golden ChangeSet for every graph × scenario and no other', () => {
    expectGoldenFolder(
      goldenDir,
      GRAPHS.flatMap((g) => SCENARIO_NAMES.map((s) => `${g}.${s}.json`)),
    );
  });

  for (const graph of GRAPHS) {
    for (const scenario of SCENARIO_NAMES) {
      it(`${scenario} on ${graph}: a valid ChangeSet that applies cleanly, same as the golden`, () => {
        const base = loadGraph(graph);
        const cs = proposeOffline(base, scenario, { rps: 500, factor: 10 });
        expect(ChangeSetSchema.safeParse(cs).success).toBe(true);
        expect(cs.planner).toBe('offline');
        expect(cs.scenario?.name).toBe(scenario);
        expect(cs.ops.every((op) => op.rationale.length > 10)).toBe(true);
        expect(cs.alternatives.length).toBeGreaterThanOrEqual(3);
        expect(
          cs.tradeoffs.length && cs.risks.length && cs.openQuestions.length && cs.rollout.length,
        ).toBeTruthy();
        const revised = applyChangeSet(base, cs);
        for (const op of cs.ops) {
          if (op.op === 'add_node' && op.node.kind !== 'region')
            expect(revised.node(op.node.id)?.service, op.node.id).toMatch(/^aws_[a-z0-9_]+$/);
        }
        expectGolden(`${graph}.${scenario}.json`, `${JSON.stringify(sortKeys(cs), null, 2)}\n`);
      });
    }
  }
});

describe('scale', () => {
  it('on the shop: pre-warms the orders table and autoscales the API to the tasks ×10 needs', () => {
    const cs = proposeOffline(loadGraph('shop'), 'scale', { rps: 500, factor: 10 });
    expect(cs.ops.map(opKey)).toEqual([
      'update_node aws_dynamodb_table.orders',
      'add_node aws_appautoscaling_target.api',
      'add_edge aws_appautoscaling_target.api -> aws_ecs_service.api (depends_on)',
    ]);
    const warm = cs.ops[0]!;
    expect(warm.op === 'update_node' && warm.set.props).toEqual({
      warm_throughput: { write_units_per_second: 6500 },
    });
    const target = cs.ops[1]!;
    // 5,000 rps at 70% of 200 rps per task = 36 tasks.
    expect(target.op === 'add_node' && target.node.props).toMatchObject({
      min_capacity: 2,
      max_capacity: 36,
    });
    expect(cs.summary).toContain(
      'aws_ecs_service.api (rps 5000 > 200); aws_dynamodb_table.orders (writes 5000 > 4000)',
    );
  });

  it('on the serverless API: raises the stage throttle and requests a Lambda concurrency quota', () => {
    const cs = proposeOffline(loadGraph('serverless-api'), 'scale', { rps: 500, factor: 10 });
    expect(cs.ops.map(opKey)).toEqual([
      'update_node aws_apigatewayv2_api.http',
      'add_node aws_servicequotas_service_quota.lambda_concurrency_use1',
    ]);
    const throttle = cs.ops[0]!;
    expect(throttle.op === 'update_node' && throttle.set.props).toEqual({
      throttling_rate_limit: 6500,
      throttling_burst_limit: 13000,
    });
    const quota = cs.ops[1]!;
    expect(quota.op === 'add_node' && quota.node.props).toEqual({
      service_code: 'lambda',
      quota_code: 'L-B99A9384',
      value: 1800,
    });
  });

  it('on the three-tier app: the fixed instances behind the ALB become an Auto Scaling group of 2 to 20', () => {
    const cs = proposeOffline(loadGraph('three-tier'), 'scale', { rps: 500, factor: 10 });
    expect(cs.ops.map(opKey)).toEqual([
      'add_node aws_launch_template.web',
      'add_node aws_autoscaling_group.web',
      'add_edge aws_autoscaling_group.web -> aws_launch_template.web (depends_on)',
      'add_edge aws_lb_target_group.web -> aws_autoscaling_group.web (routes)',
      'add_edge aws_autoscaling_group.web -> aws_db_instance.main (writes)',
      'add_edge aws_autoscaling_group.web -> aws_elasticache_cluster.sessions (reads)',
      'add_edge aws_autoscaling_group.web -> aws_nat_gateway.main (calls)',
      'add_edge aws_autoscaling_group.web -> aws_s3_bucket.backups (writes)',
      'remove_node aws_instance.web[0]',
      'remove_node aws_instance.web[1]',
    ]);
    const asg = cs.ops[1]!;
    expect(asg.op === 'add_node' && asg.node.props).toMatchObject({
      min_size: 2,
      max_size: 20,
      vpc_zone_identifier: ['aws_subnet.private_a', 'aws_subnet.private_b'],
    });
  });
});

describe('ha', () => {
  it('turns on Multi-AZ and adds a NAT gateway per AZ on the shop', () => {
    expect(keys('shop', 'ha')).toEqual([
      'update_node aws_db_instance.orders',
      'update_node aws_ecs_service.api',
      'add_node aws_eip.nat_b',
      'add_node aws_nat_gateway.main_b',
      'add_edge aws_nat_gateway.main_b -> aws_eip.nat_b (depends_on)',
    ]);
  });

  it('replaces the single-node ElastiCache cluster of the three-tier app with a replication group', () => {
    const ops = keys('three-tier', 'ha');
    expect(ops).toContain('add_node aws_elasticache_replication_group.sessions');
    expect(ops).toContain('remove_node aws_elasticache_cluster.sessions');
    expect(ops).toContain(
      'add_edge aws_instance.web[0] -> aws_elasticache_replication_group.sessions (reads)',
    );
  });

  it('finds nothing to do on an all-managed serverless API and says so', () => {
    const cs = proposeOffline(loadGraph('serverless-api'), 'ha', {});
    expect(cs.ops).toEqual([]);
    expect(cs.summary).toBe('Every component already survives the loss of one AZ.');
  });
});

describe('cache', () => {
  it('puts DAX in front of the read-heavy DynamoDB table of the serverless API', () => {
    expect(keys('serverless-api', 'cache')).toEqual([
      'add_node aws_dax_cluster.orders',
      'add_edge aws_lambda_function.get_order -> aws_dax_cluster.orders (reads)',
      'remove_edge aws_lambda_function.get_order -> aws_dynamodb_table.orders (reads)',
      'add_edge aws_lambda_function.list_orders -> aws_dax_cluster.orders (reads)',
      'remove_edge aws_lambda_function.list_orders -> aws_dynamodb_table.orders (reads)',
      'add_edge aws_dax_cluster.orders -> aws_dynamodb_table.orders (reads)',
    ]);
    const cs = proposeOffline(loadGraph('serverless-api'), 'cache', { rps: 500 });
    expect(cs.capacity).toEqual([
      expect.objectContaining({ node: 'aws_dynamodb_table.orders', loadNow: 333.33, loadAtFactor: 66.67 }),
    ]);
  });

  it('adds nothing where the readers already use a cache (shop) or nothing reads the database (three-tier)', () => {
    expect(keys('shop', 'cache')).toEqual([]);
    expect(keys('three-tier', 'cache')).toEqual([]);
  });
});

describe('decouple', () => {
  it('on the shop: API writes to Postgres go through a queue and a bounded writer with a DLQ', () => {
    expect(keys('shop', 'decouple')).toEqual([
      'add_node aws_sqs_queue.orders_writes',
      'add_node aws_lambda_function.orders_writer',
      'add_edge aws_sqs_queue.orders_writes -> aws_lambda_function.orders_writer (consumes)',
      'add_edge aws_lambda_function.orders_writer -> aws_db_instance.orders (writes)',
      'add_edge aws_ecs_service.api -> aws_sqs_queue.orders_writes (publishes)',
      'remove_edge aws_ecs_service.api -> aws_db_instance.orders (writes)',
      'add_node aws_sqs_queue.orders_writes_dlq',
      'update_node aws_sqs_queue.orders_writes',
      'add_edge aws_sqs_queue.orders_writes -> aws_sqs_queue.orders_writes_dlq (publishes)',
    ]);
    const cs = proposeOffline(loadGraph('shop'), 'decouple', {});
    expect(cs.alternatives.map((a) => a.option)).toEqual(
      expect.arrayContaining(['Amazon SQS (chosen)', 'Kafka (Amazon MSK)', 'RabbitMQ (Amazon MQ)']),
    );
  });

  it('on the three-tier app: both instances publish to one queue', () => {
    const ops = keys('three-tier', 'decouple');
    expect(ops.filter((k) => k.endsWith('(publishes)') && k.includes('aws_instance'))).toEqual([
      'add_edge aws_instance.web[0] -> aws_sqs_queue.main_writes (publishes)',
      'add_edge aws_instance.web[1] -> aws_sqs_queue.main_writes (publishes)',
    ]);
  });

  it('decouples the edge given with --edge and rejects an unknown one', () => {
    const ops = keys('serverless-api', 'decouple', {
      edge: 'aws_lambda_function.process_payment -> external:api.stripe.com',
    });
    expect(ops).toContain('add_node aws_lambda_function.stripe_caller');
    expect(ops).toContain(
      'remove_edge aws_lambda_function.process_payment -> external:api.stripe.com (calls)',
    );
    expect(() => keys('serverless-api', 'decouple', { edge: 'a -> b' })).toThrow(UsageError);
  });
});

describe('multi-region', () => {
  it('active-passive on the shop replicates each store with its own feature and adds Route53 failover', () => {
    const cs = proposeOffline(loadGraph('shop'), 'multi-region', { mode: 'active-passive' });
    const ops = cs.ops.map(opKey);
    expect(cs.scenario?.params).toEqual({ mode: 'active-passive', regions: ['eu-west-1', 'eu-central-1'] });
    for (const id of [
      'add_node region:eu-central-1',
      'add_node aws_db_instance.orders_euc1',
      'add_node aws_dynamodb_table_replica.orders_euc1',
      'add_node aws_elasticache_global_replication_group.cache',
      'add_node aws_s3_bucket.receipts_euc1',
      'add_node aws_ecs_service.api_euc1',
      'add_node aws_lb.web_euc1',
      'add_node aws_route53_health_check.api_euw1',
      'add_node aws_route53_record.api_euc1',
      'update_node aws_route53_record.api',
      'update_node aws_cloudfront_distribution.assets',
      'update_node aws_secretsmanager_secret.db_password',
    ])
      expect(ops).toContain(id);
    const replica = cs.ops.find((o) => o.op === 'add_node' && o.node.id === 'aws_db_instance.orders_euc1');
    expect(replica?.op === 'add_node' && replica.node.props.replicate_source_db).toBe(
      `\${aws_db_instance.orders.arn}`,
    );
    const record = cs.ops.find((o) => o.op === 'add_node' && o.node.id === 'aws_route53_record.api_euc1');
    expect(record?.op === 'add_node' && record.node.props.failover_routing_policy).toEqual({
      type: 'SECONDARY',
    });
    expect(cs.alternatives.map((a) => a.option)).toEqual(
      expect.arrayContaining([
        'Aurora Global Database for the relational data',
        'DynamoDB global tables for all data',
        'Cross-region read replicas everywhere',
      ]),
    );
  });

  it('active-active moves the relational store to an Aurora global database behind a global CDN with latency-routed origins', () => {
    const cs = proposeOffline(loadGraph('three-tier'), 'multi-region', {
      mode: 'active-active',
      regions: ['us-east-1', 'eu-west-1'],
    });
    const ops = cs.ops.map(opKey);
    expect(ops).toContain('add_node aws_rds_global_cluster.main');
    expect(ops).toContain('add_node aws_rds_cluster.main_euw1');
    expect(ops).toContain('add_node aws_cloudfront_distribution.app');
    // With no CDN before, the entry record now aliases a global CDN whose origin is latency-routed.
    expect(ops).toContain('add_edge aws_route53_record.app -> aws_cloudfront_distribution.app (routes)');
    expect(ops).toContain('remove_edge aws_route53_record.app -> aws_lb.app (routes)');
    expect(ops).toContain('add_edge aws_cloudfront_distribution.app -> aws_lb.app_euw1 (routes)');
    const cdn = cs.ops.find((o) => o.op === 'add_node' && o.node.id === 'aws_cloudfront_distribution.app');
    expect(cdn?.op === 'add_node' && cdn.node.props.origin_domain).toBe('origin.app.ledger.example.org');
  });
});

describe('dr', () => {
  it('chooses the strategy from RPO and RTO', () => {
    expect(chooseStrategy(parseDuration('24h')!, parseDuration('24h')!)).toBe('backup-restore');
    expect(chooseStrategy(parseDuration('15m')!, parseDuration('2h')!)).toBe('pilot-light');
    expect(chooseStrategy(parseDuration('1m')!, parseDuration('15m')!)).toBe('warm-standby');
    expect(chooseStrategy(0, parseDuration('30s')!)).toBe('active-active');
  });

  it('backup & restore on the serverless API: AWS Backup with a cross-region copy, no standby compute', () => {
    const cs = proposeOffline(loadGraph('serverless-api'), 'dr', { rpoSeconds: 86400, rtoSeconds: 86400 });
    expect(cs.scenario?.params).toMatchObject({ strategy: 'backup-restore', region: 'us-west-2' });
    expect(cs.ops.map(opKey).filter((k) => k.startsWith('add_node'))).toEqual([
      'add_node region:us-west-2',
      'add_node aws_backup_vault.main',
      'add_node aws_backup_vault.dr_usw2',
      'add_node aws_backup_plan.main',
    ]);
  });

  it('warm standby on the shop runs a quarter of the ECS tasks in the recovery region', () => {
    const cs = proposeOffline(loadGraph('shop'), 'dr', { rpoSeconds: 60, rtoSeconds: 900 });
    expect(cs.scenario?.params).toMatchObject({ strategy: 'warm-standby' });
    const svc = cs.ops.find((o) => o.op === 'add_node' && o.node.id === 'aws_ecs_service.api_euc1');
    expect(svc?.op === 'add_node' && svc.node.props.desired_count).toBe(1);
  });
});
