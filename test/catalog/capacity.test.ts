import { describe, expect, it } from 'vitest';
import { capacityByTfType } from '../../src/catalog/aws/quotas.js';
import {
  type CapacityFigure,
  catalogEntries,
  defaultMaxConnections,
  INSTANCE_CLASS_SOURCE,
  lookupInstanceClass,
  lookupTerraformType,
  rdsInstanceClasses,
} from '../../src/catalog/index.js';

const figures: [string, CapacityFigure][] = catalogEntries().flatMap((e) =>
  (e.capacity ?? []).map((f) => [e.tfType, f] as [string, CapacityFigure]),
);

function figure(tfType: string, metric: string, variant?: string): CapacityFigure | undefined {
  return lookupTerraformType(tfType)?.capacity?.find(
    (f) => f.metric === metric && (variant === undefined || f.variant === variant),
  );
}

describe('capacity figures', () => {
  it('attaches quota figures only to types the catalog knows', () => {
    for (const tfType of Object.keys(capacityByTfType))
      expect(lookupTerraformType(tfType), tfType).toBeDefined();
  });

  it.each(figures)(
    '%s: every figure has an http(s) source, or is an archmap default with a note',
    (_t, f) => {
      if (f.source === 'archmap default') {
        expect(f.note).toMatch(/planning assumption, not an AWS quota/);
      } else {
        expect(f.source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
      }
      expect(Number.isFinite(f.value) && f.value > 0).toBe(true);
    },
  );

  it('explains every unbounded figure, since its value is only a planning ceiling', () => {
    for (const [tfType, f] of figures) if (f.unbounded) expect(f.note ?? '', tfType).not.toBe('');
  });

  it.each([
    ['aws_lambda_function', 'concurrency', undefined, 1_000],
    ['aws_lambda_function', 'scaling_rate', undefined, 1_000],
    ['aws_api_gateway_rest_api', 'rps', undefined, 10_000],
    ['aws_apigatewayv2_api', 'rps', undefined, 10_000],
    ['aws_sqs_queue', 'messages_per_second', 'fifo', 300],
    ['aws_sqs_queue', 'messages_per_second', 'fifo-batched', 3_000],
    ['aws_sns_topic', 'messages_per_second', undefined, 30_000],
    ['aws_kinesis_stream', 'write_mb_per_second', undefined, 1],
    ['aws_kinesis_stream', 'write_records_per_second', undefined, 1_000],
    ['aws_kinesis_stream', 'read_mb_per_second', undefined, 2],
    ['aws_dynamodb_table', 'read_capacity_units', undefined, 3_000],
    ['aws_dynamodb_table', 'write_capacity_units', undefined, 1_000],
    ['aws_dynamodb_table', 'read_request_units', 'on-demand', 40_000],
    ['aws_cloudfront_distribution', 'rps', undefined, 250_000],
    ['aws_sfn_state_machine', 'start_executions_per_second', 'standard', 300],
    ['aws_cloudwatch_event_bus', 'put_events_per_second', undefined, 10_000],
    ['aws_lb', 'new_connections_per_second', 'application', 25],
    ['aws_lb', 'new_connections_per_second', 'network', 800],
  ] as const)('%s %s (%s) is %d', (tfType, metric, variant, value) => {
    expect(figure(tfType, metric, variant)?.value).toBe(value);
  });

  it('marks the figures AWS does not document as planning assumptions', () => {
    expect(figure('aws_ecs_service', 'rps')?.source).toBe('archmap default');
    expect(figure('aws_elasticache_replication_group', 'ops_per_second')?.note).toMatch(/estimate/);
    expect(figure('aws_sqs_queue', 'messages_per_second', 'standard')?.unbounded).toBe(true);
    expect(figure('aws_route53_record', 'queries_per_second')?.unbounded).toBe(true);
  });

  it('points RDS connection figures at the instance class', () => {
    expect(figure('aws_db_instance', 'connections')?.byAttribute).toEqual({
      tf: 'instance_class',
      cfn: 'DBInstanceClass',
    });
  });
});

describe('RDS instance classes', () => {
  it('derives PostgreSQL max_connections as LEAST(memory/9531392, 5000) and MySQL as memory/12582880', () => {
    for (const c of rdsInstanceClasses) {
      const bytes = c.memoryGiB * 1024 ** 3;
      expect(c.postgresMaxConnections, c.instanceClass).toBe(Math.min(Math.floor(bytes / 9531392), 5000));
      expect(c.mysqlMaxConnections, c.instanceClass).toBe(Math.floor(bytes / 12582880));
    }
  });

  it('covers db.t3.micro through db.r6g.2xlarge with the documented source', () => {
    expect(lookupInstanceClass('db.t3.micro')).toMatchObject({ memoryGiB: 1, postgresMaxConnections: 112 });
    expect(lookupInstanceClass('db.t3.medium')?.postgresMaxConnections).toBe(450);
    expect(lookupInstanceClass('db.r6g.large')).toMatchObject({
      memoryGiB: 16,
      postgresMaxConnections: 1802,
    });
    expect(lookupInstanceClass('db.r6g.2xlarge')?.postgresMaxConnections).toBe(5000);
    expect(new Set(rdsInstanceClasses.map((c) => c.instanceClass)).size).toBe(rdsInstanceClasses.length);
    expect(INSTANCE_CLASS_SOURCE).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\//);
  });

  it('picks the formula by engine family and knows nothing of unknown classes or engines', () => {
    expect(defaultMaxConnections('db.t3.micro', 'aurora-postgresql')).toBe(112);
    expect(defaultMaxConnections('db.t3.micro', 'mysql')).toBe(85);
    expect(defaultMaxConnections('db.t3.micro', 'sqlserver-ex')).toBeUndefined();
    expect(defaultMaxConnections('db.x99.huge', 'postgres')).toBeUndefined();
  });
});
