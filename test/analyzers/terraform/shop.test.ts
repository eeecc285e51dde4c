// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL interpolations are written as ${…} on purpose
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTerraform } from '../../../analyzers/terraform/index.js';
import { mergePartials } from '../../../src/merge/index.js';
import { serializeGraph } from '../../../src/model/io.js';
import { type Progress, silentProgress } from '../../../src/model/plugin.js';
import type { ArchEdge, ArchNode, PartialGraph } from '../../../src/model/schema.js';
import { SHOP_EDGES, SHOP_NODES } from './shop-expected.js';

const root = join(import.meta.dirname, '../../../fixtures/projects/shop');

let graph: PartialGraph;
const node = (id: string): ArchNode => {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const edge = (id: string): ArchEdge | undefined => graph.edges.find((e) => e.id === id);

describe('terraform analyzer on the shop fixture', () => {
  const ticks: string[] = [];
  beforeAll(async () => {
    const progress: Progress = { ...silentProgress, tick: (_t, _by, detail) => ticks.push(detail ?? '') };
    graph = await analyzeTerraform({ dir: join(root, 'infra') }, { root, progress });
  });

  it('gives exactly the expected nodes', () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([...SHOP_NODES].sort());
  });

  it('gives exactly the expected edges', () => {
    expect(graph.edges.map((e) => e.id).sort()).toEqual([...SHOP_EDGES].sort());
  });

  it('reports no diagnostics on a clean estate', () => {
    expect(graph.diagnostics).toEqual([]);
  });

  it('wires a module output to the resource inside the module (REDIS_HOST → the replication group)', () => {
    const e = edge(
      'aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (depends_on:env:REDIS_HOST)',
    );
    expect(e).toMatchObject({ kind: 'depends_on', label: 'env REDIS_HOST', props: { env: 'REDIS_HOST' } });
    expect(node('aws_ecs_service.api').props.envRefs).toMatchObject({
      REDIS_HOST: 'module.cache.aws_elasticache_replication_group.this',
      DATABASE_HOST: 'aws_db_instance.orders',
      ORDERS_QUEUE_URL: 'aws_sqs_queue.orders',
    });
    expect(node('aws_ecs_task_definition.api').props.env).toMatchObject({
      PORT: '8080',
      ORDERS_QUEUE_URL: '${aws_sqs_queue.orders.url}',
      REDIS_HOST: '${module.cache.primary_endpoint}',
    });
  });

  it('puts Lambda env vars on the function with env edges', () => {
    expect(node('aws_lambda_function.worker').props.envRefs).toEqual({
      ORDERS_TABLE: 'aws_dynamodb_table.orders',
      RECEIPTS_BUCKET: 'aws_s3_bucket.receipts',
    });
    expect(
      edge('aws_lambda_function.worker -> aws_dynamodb_table.orders (depends_on:env:ORDERS_TABLE)'),
    ).toBeDefined();
  });

  it('expands for_each into one node per key, each carrying the count', () => {
    expect(node('aws_ecr_repository.service["api"]')).toMatchObject({ count: 2, name: 'shop/api' });
    expect(node('aws_ecr_repository.service["worker"]')).toMatchObject({ count: 2, name: 'shop/worker' });
  });

  it('applies terraform.tfvars over variable defaults', () => {
    expect(node('aws_ecs_service.api').props.desired_count).toBe(2);
    expect(node('aws_db_instance.orders').props.instance_class).toBe('db.r6g.large');
    expect(node('aws_vpc.main').name).toBe('shop-prod');
  });

  it('places resources in subnets, VPCs and regions', () => {
    expect(node('aws_vpc.main').parent).toBe('region:eu-west-1');
    expect(node('aws_subnet.private_a')).toMatchObject({ parent: 'aws_vpc.main', zone: 'eu-west-1a' });
    expect(node('aws_nat_gateway.main')).toMatchObject({ parent: 'aws_subnet.public_a', zone: 'eu-west-1a' });
    // Two subnets in two AZs: the VPC, with the subnets listed.
    expect(node('aws_db_instance.orders')).toMatchObject({
      parent: 'aws_vpc.main',
      props: { subnets: ['aws_subnet.private_a', 'aws_subnet.private_b'] },
    });
    expect(node('module.cache.aws_elasticache_replication_group.this').parent).toBe('aws_vpc.main');
    expect(node('aws_sqs_queue.orders').parent).toBe('region:eu-west-1');
    expect(node('aws_acm_certificate.cdn').region).toBe('us-east-1');
    expect(node('region:us-east-1').kind).toBe('region');
  });

  it('turns security-group rules into port-labelled edges between the members', () => {
    expect(edge('aws_lb.web -> aws_ecs_service.api (calls:8080)')).toMatchObject({
      label: ':8080',
      port: 8080,
    });
    expect(edge('aws_ecs_service.api -> aws_db_instance.orders (calls:5432)')).toMatchObject({
      protocol: 'tcp',
    });
    expect(
      edge('aws_ecs_service.api -> module.cache.aws_elasticache_replication_group.this (calls:6379)'),
    ).toBeDefined();
  });

  it('routes listener → target group → ECS service', () => {
    expect(edge('aws_lb.web -> aws_lb_target_group.api (routes)')?.sources[0]).toMatchObject({
      address: 'aws_lb_listener.https',
    });
    expect(edge('aws_lb_target_group.api -> aws_ecs_service.api (routes)')).toBeDefined();
  });

  it('gives access edges from IAM policies on the compute role, read or write by action', () => {
    expect(edge('aws_lambda_function.worker -> aws_dynamodb_table.orders (access)')?.label).toBe('write');
    expect(edge('aws_lambda_function.worker -> aws_sqs_queue.orders (access)')?.label).toBe('read-write');
    expect(edge('aws_ecs_service.api -> aws_secretsmanager_secret.db_password (access)')?.label).toBe('read');
  });

  it('keeps provenance relative to the scan root', () => {
    expect(node('aws_db_instance.orders').sources).toEqual([
      { analyzer: 'terraform', file: 'infra/data.tf', line: 15, address: 'aws_db_instance.orders' },
    ]);
    expect(node('module.cache.aws_elasticache_replication_group.this').sources[0]?.file).toBe(
      'infra/modules/cache/main.tf',
    );
  });

  it('never stores passwords or sensitive variables', () => {
    const text = serializeGraph(mergePartials([graph]));
    expect(text).not.toMatch(/"password"/);
    expect(node('aws_db_instance.orders').props).not.toHaveProperty('password');
    expect(node('aws_secretsmanager_secret_version.db_password').props).not.toHaveProperty('secret_string');
  });

  it('reports progress per file', () => {
    expect(ticks).toContain('infra/compute.tf');
    expect(ticks).toContain('infra/modules/cache/main.tf');
  });

  it('produces a graph that loads without dangling edges or parents', () => {
    const merged = mergePartials([graph]);
    expect(merged.diagnostics).toEqual([]);
  });
});
