// A generated estate for the what-if benchmark: N/10 "cells", each a realistic slice of a web shop
// (DNS → ALB → target group → ECS service → Postgres, Redis, SQS → Lambda → DynamoDB and S3) in one VPC.
import { type ArchEdge, ArchGraph, type ArchNode, edgeId } from '../../src/model/index.js';

const src = [{ analyzer: 'bench' }];

export function generateEstate(size: number): ArchGraph {
  const g = new ArchGraph();
  const node = (
    id: string,
    kind: ArchNode['kind'],
    props: Record<string, unknown> = {},
    extra: Partial<ArchNode> = {},
  ) =>
    g.addNode({
      id,
      kind,
      name: id.split('.').pop()!,
      provider: 'aws',
      service: id.split('.')[0]!,
      props,
      tags: {},
      sources: src,
      ...extra,
    });
  const edge = (from: string, to: string, kind: ArchEdge['kind'], label?: string) =>
    g.addEdge({ id: edgeId(from, to, kind), from, to, kind, sources: src, ...(label ? { label } : {}) });
  g.addNode({
    id: 'region:eu-west-1',
    kind: 'region',
    name: 'eu-west-1',
    provider: 'aws',
    props: {},
    tags: {},
    sources: src,
  });
  node('aws_vpc.main', 'vpc', { cidr_block: '10.0.0.0/16' }, { parent: 'region:eu-west-1' });
  for (const az of ['a', 'b']) {
    node(
      `aws_subnet.private_${az}`,
      'subnet',
      { availability_zone: `eu-west-1${az}` },
      { parent: 'aws_vpc.main', zone: `eu-west-1${az}` },
    );
  }
  node('aws_nat_gateway.main', 'network', {}, { parent: 'aws_vpc.main', zone: 'eu-west-1a' });
  for (let i = 0; Math.max(1, g.order) < size; i++) {
    const c = `c${i}`;
    const inVpc = { parent: 'aws_vpc.main' };
    node(`aws_route53_record.${c}`, 'dns', { name: `${c}.example.com` });
    node(`aws_lb.${c}`, 'load_balancer', { internal: false, load_balancer_type: 'application' }, inVpc);
    node(`aws_lb_target_group.${c}`, 'network', { health_check: { path: '/healthz' } }, inVpc);
    node(
      `aws_ecs_service.${c}`,
      'container',
      {
        desired_count: 2,
        network_configuration: { subnets: ['aws_subnet.private_a', 'aws_subnet.private_b'] },
      },
      inVpc,
    );
    node(
      `aws_db_instance.${c}`,
      'database',
      { engine: 'postgres', instance_class: 'db.r6g.large', multi_az: i % 2 === 0, storage_encrypted: true },
      inVpc,
    );
    node(
      `aws_elasticache_replication_group.${c}`,
      'cache',
      { num_cache_clusters: 2, automatic_failover_enabled: true, at_rest_encryption_enabled: true },
      inVpc,
    );
    node(`aws_sqs_queue.${c}`, 'queue', { visibility_timeout_seconds: 180 }, { parent: 'region:eu-west-1' });
    node(`aws_lambda_function.${c}`, 'function', { timeout: 30 }, { parent: 'region:eu-west-1' });
    node(
      `aws_dynamodb_table.${c}`,
      'database',
      { billing_mode: 'PAY_PER_REQUEST', point_in_time_recovery: { enabled: true } },
      { parent: 'region:eu-west-1' },
    );
    node(`aws_s3_bucket.${c}`, 'storage', {}, { parent: 'region:eu-west-1' });
    edge(`aws_route53_record.${c}`, `aws_lb.${c}`, 'routes', 'alias');
    edge(`aws_lb.${c}`, `aws_lb_target_group.${c}`, 'routes');
    edge(`aws_lb_target_group.${c}`, `aws_ecs_service.${c}`, 'routes');
    edge(`aws_ecs_service.${c}`, `aws_db_instance.${c}`, 'reads');
    edge(`aws_ecs_service.${c}`, `aws_db_instance.${c}`, 'writes');
    edge(`aws_ecs_service.${c}`, `aws_elasticache_replication_group.${c}`, 'reads');
    edge(`aws_ecs_service.${c}`, `aws_sqs_queue.${c}`, 'publishes');
    edge(`aws_sqs_queue.${c}`, `aws_lambda_function.${c}`, 'consumes');
    edge(`aws_lambda_function.${c}`, `aws_dynamodb_table.${c}`, 'writes');
    edge(`aws_lambda_function.${c}`, `aws_s3_bucket.${c}`, 'writes');
    if (i > 0) edge(`aws_ecs_service.${c}`, `aws_ecs_service.c${i - 1}`, 'calls');
  }
  return g;
}
