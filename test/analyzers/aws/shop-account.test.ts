import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AWS_OPERATIONS } from '../../../analyzers/aws/operations.js';
import { analyze } from '../../../src/index.js';
import {
  type ArchEdge,
  type ArchNode,
  type PartialGraph,
  type Progress,
  serializeGraph,
} from '../../../src/model/index.js';
import { type AwsServer, startAwsServer } from '../../support/aws-server.js';
import { credentials, SHOP_ACCOUNT_DIR, scanShop, shopServerOptions } from './helpers.js';

const ACCOUNT = '123456789012';
const arn = (service: string, resource: string, region = 'eu-west-1') =>
  `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

/** The recorded account is the live twin of fixtures/projects/shop/infra: each Terraform address and its ARN. */
const LIVE: Record<string, string> = {
  'region:eu-west-1': `account:${ACCOUNT}/region:eu-west-1`,
  'region:us-east-1': `account:${ACCOUNT}/region:us-east-1`,
  'aws_vpc.main': arn('ec2', 'vpc/vpc-0c4f3a9e2b7d61a58'),
  'aws_subnet.public_a': arn('ec2', 'subnet/subnet-0a11c2e3f4a5b6c70'),
  'aws_subnet.public_b': arn('ec2', 'subnet/subnet-0b22d3f4a5b6c7d81'),
  'aws_subnet.private_a': arn('ec2', 'subnet/subnet-0c33e4a5b6c7d8e92'),
  'aws_subnet.private_b': arn('ec2', 'subnet/subnet-0d44f5b6c7d8e9fa3'),
  'aws_internet_gateway.main': arn('ec2', 'internet-gateway/igw-0f5e4d3c2b1a09876'),
  'aws_eip.nat': arn('ec2', 'elastic-ip/eipalloc-07a1b2c3d4e5f6a7b'),
  'aws_nat_gateway.main': arn('ec2', 'natgateway/nat-0123a4b5c6d7e8f90'),
  'aws_route_table.public': arn('ec2', 'route-table/rtb-0a1a2a3a4a5a6a7a8'),
  'aws_route_table.private': arn('ec2', 'route-table/rtb-0b1b2b3b4b5b6b7b8'),
  'aws_security_group.alb': arn('ec2', 'security-group/sg-0a1f2e3d4c5b6a798'),
  'aws_security_group.api': arn('ec2', 'security-group/sg-0b2e3d4c5b6a79801'),
  'aws_security_group.worker': arn('ec2', 'security-group/sg-0c3d4c5b6a7980912'),
  'aws_security_group.db': arn('ec2', 'security-group/sg-0d4c5b6a798091a23'),
  'module.cache.aws_security_group.this': arn('ec2', 'security-group/sg-0e5b6a798091a2b34'),
  'aws_lb.web': arn('elasticloadbalancing', 'loadbalancer/app/shop-prod-web/50dc6c495c0c9188'),
  'aws_lb_target_group.api': arn('elasticloadbalancing', 'targetgroup/shop-prod-api/73e2d6bc24d8a067'),
  'aws_lb_listener.https': arn(
    'elasticloadbalancing',
    'listener/app/shop-prod-web/50dc6c495c0c9188/f2f7dc8efc522ab2',
  ),
  'aws_acm_certificate.api': arn('acm', 'certificate/4f1c9a2e-8b3d-4e6f-9a1b-2c3d4e5f6a7b'),
  'aws_acm_certificate.cdn': arn('acm', 'certificate/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', 'us-east-1'),
  'aws_cloudfront_distribution.assets': `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`,
  'aws_route53_zone.main': 'arn:aws:route53:::hostedzone/Z0451738QH2VX4T7YB3KE',
  'aws_ecr_repository.service["api"]': arn('ecr', 'repository/shop/api'),
  'aws_ecr_repository.service["worker"]': arn('ecr', 'repository/shop/worker'),
  'aws_cloudwatch_log_group.api': arn('logs', 'log-group:/ecs/shop-prod/api'),
  'aws_ecs_cluster.main': arn('ecs', 'cluster/shop-prod'),
  'aws_ecs_task_definition.api': arn('ecs', 'task-definition/shop-prod-api:7'),
  'aws_ecs_service.api': arn('ecs', 'service/shop-prod/api'),
  'aws_lambda_function.worker': arn('lambda', 'function:shop-prod-order-worker'),
  'aws_lambda_event_source_mapping.worker_orders': arn(
    'lambda',
    'event-source-mapping:a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  ),
  'aws_sqs_queue.orders': arn('sqs', 'shop-prod-orders'),
  'aws_sqs_queue.orders_dlq': arn('sqs', 'shop-prod-orders-dlq'),
  'aws_db_instance.orders': arn('rds', 'db:shop-prod-orders'),
  'aws_db_subnet_group.orders': arn('rds', 'subgrp:shop-prod-orders'),
  'aws_secretsmanager_secret.db_password': arn(
    'secretsmanager',
    'secret:shop-prod/orders-db/password-Xq3T9b',
  ),
  'module.cache.aws_elasticache_replication_group.this': arn(
    'elasticache',
    'replicationgroup:shop-prod-cache',
  ),
  'module.cache.aws_elasticache_subnet_group.this': arn('elasticache', 'subnetgroup:shop-prod-cache'),
  'aws_dynamodb_table.orders': arn('dynamodb', 'table/shop-prod-orders'),
  'aws_s3_bucket.assets': 'arn:aws:s3:::shop-prod-assets',
  'aws_s3_bucket.receipts': 'arn:aws:s3:::shop-prod-receipts',
};
const TF_OF = new Map(Object.entries(LIVE).map(([tf, live]) => [live, tf]));

/**
 * Terraform resources with no live twin, and why. Everything else Terraform declares must be found live.
 * (Security group rules are live but their ARNs cannot tell ingress from egress, so they are not paired.)
 */
const NOT_DISCOVERABLE: Record<string, string> = {
  aws_iam_role: 'IAM is not served by the Resource Groups Tagging API',
  aws_iam_policy: 'IAM is not served by the Resource Groups Tagging API',
  aws_iam_role_policy: 'inline policies have no ARN',
  aws_iam_role_policy_attachment: 'attachments have no ARN',
  aws_route_table_association: 'associations have no ARN',
  aws_route53_record: 'Cloud Control cannot read AWS::Route53::RecordSet (coverage-roadmap#1537)',
  aws_s3_bucket_policy: 'a bucket policy is a property of its bucket',
  aws_s3_bucket_public_access_block: 'a property of its bucket',
  aws_secretsmanager_secret_version: 'versions have no ARN of their own',
  aws_cloudfront_origin_access_control: 'not taggable, and not a significant type',
  aws_security_group_rule: 'legacy rules have no ARN',
  aws_vpc_security_group_ingress_rule: 'paired by hand below: the ARN does not say ingress or egress',
  aws_vpc_security_group_egress_rule: 'paired by hand below: the ARN does not say ingress or egress',
};

/** Parents that differ for a documented reason: live they cannot be known, or they are global. */
const PARENT_DIFFERENCES: Record<string, string> = {
  'aws_internet_gateway.main': 'AWS::EC2::InternetGateway has no VpcId (the attachment is its own type)',
  'aws_cloudfront_distribution.assets':
    'global: live it sits in the account, Terraform puts it in the provider region',
  'aws_route53_zone.main': 'global: live it sits in the account, Terraform puts it in the provider region',
};

/** Terraform edges the live scan is not meant to draw: inferences from IAM policies, and plain references. */
function comparableTfEdge(e: ArchEdge): boolean {
  if (e.kind === 'access') return false;
  if (e.kind === 'depends_on' && !e.label) return false;
  return TF_OF.has(LIVE[e.from] ?? '') && TF_OF.has(LIVE[e.to] ?? '');
}

const edgeKey = (e: Pick<ArchEdge, 'from' | 'to' | 'kind' | 'label' | 'port' | 'protocol'>) =>
  `${e.from} -> ${e.to} (${e.kind}${e.label ? `: ${e.label}` : ''}${e.port ? ` port ${e.port}/${e.protocol}` : ''})`;

describe('scanning the recorded shop account', () => {
  let server: AwsServer;
  let live: PartialGraph;
  let tf: PartialGraph;
  const liveNode = (id: string) => live.nodes.find((n) => n.id === id);

  beforeAll(async () => {
    server = await startAwsServer(shopServerOptions());
    live = await scanShop(server);
    tf = await analyze(
      { analyzer: 'terraform', options: { dir: join(SHOP_ACCOUNT_DIR, '../infra') } },
      { root: join(SHOP_ACCOUNT_DIR, '..') },
    );
  });
  afterAll(() => server.close());

  test('finds every Terraform resource that has a live identity', () => {
    const missing = tf.nodes
      .filter((n) => n.kind !== 'region' && !NOT_DISCOVERABLE[n.service ?? ''])
      .filter((n) => !liveNode(LIVE[n.id] ?? ''))
      .map((n) => n.id);
    expect(missing).toEqual([]);
  });

  test('gives each resource the same kind and service as the Terraform scan', () => {
    const pairs = tf.nodes.filter((n) => LIVE[n.id]);
    expect(pairs.length).toBeGreaterThan(35);
    const differences = pairs
      .map((n) => ({ tf: n, live: liveNode(LIVE[n.id]!)! }))
      .filter(
        ({ tf, live }) => tf.kind !== live.kind || (tf.kind !== 'region' && tf.service !== live.service),
      )
      .map(({ tf, live }) => `${tf.id}: ${tf.kind}/${tf.service} vs ${live.kind}/${live.service}`);
    expect(differences).toEqual([]);
  });

  test('puts each resource in the same VPC, subnet or region as the Terraform scan', () => {
    const differences = tf.nodes
      .filter((n) => LIVE[n.id] && n.kind !== 'region' && !PARENT_DIFFERENCES[n.id])
      .map((n) => ({ id: n.id, tf: LIVE[n.parent ?? ''] ?? n.parent, live: liveNode(LIVE[n.id]!)!.parent }))
      .filter((p) => p.tf !== p.live)
      .map((p) => `${p.id}: ${p.tf} vs ${p.live}`);
    expect(differences).toEqual([]);
    expect(liveNode(LIVE['aws_cloudfront_distribution.assets']!)?.parent).toBe(`account:${ACCOUNT}`);
  });

  test('draws the same catalog, link and env edges as the Terraform scan', () => {
    const expected = tf.edges
      .filter(comparableTfEdge)
      .map((e) => edgeKey({ ...e, from: LIVE[e.from]!, to: LIVE[e.to]! }))
      .sort();
    const actual = live.edges
      .filter((e) => TF_OF.has(e.from) && TF_OF.has(e.to))
      .map(edgeKey)
      .sort();
    expect(actual).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(15);
    // Security group reachability: the API's group admits nothing, the database's group admits the API's.
    expect(actual).toContain(
      `${LIVE['aws_ecs_service.api']} -> ${LIVE['aws_db_instance.orders']} (calls: :5432 port 5432/tcp)`,
    );
  });

  test('sets env and envRefs on the Lambda and on the ECS service, as Terraform does', () => {
    for (const address of [
      'aws_lambda_function.worker',
      'aws_ecs_service.api',
      'aws_ecs_task_definition.api',
    ]) {
      const tfRefs = tf.nodes.find((n) => n.id === address)!.props.envRefs as Record<string, string>;
      const liveRefs = liveNode(LIVE[address]!)!.props.envRefs as Record<string, string>;
      const mapped = Object.fromEntries(Object.entries(liveRefs).map(([k, v]) => [k, TF_OF.get(v)]));
      expect(mapped).toEqual(tfRefs);
    }
    expect(liveNode(LIVE['aws_ecs_service.api']!)?.props.env).toMatchObject({
      ORDERS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-prod-orders',
      PORT: '8080',
    });
  });

  test('nests region groups inside one account group, with ids distinct from Terraform regions', () => {
    const account = live.nodes.filter((n) => n.kind === 'account');
    expect(account.map((n) => n.id)).toEqual([`account:${ACCOUNT}`]);
    const regions = live.nodes.filter((n) => n.kind === 'region');
    expect(regions.map((n) => [n.id, n.parent]).sort()).toEqual([
      [`account:${ACCOUNT}/region:eu-west-1`, `account:${ACCOUNT}`],
      [`account:${ACCOUNT}/region:us-east-1`, `account:${ACCOUNT}`],
    ]);
  });

  test('keeps live-only resources (drift) and connectors found only through Cloud Control', () => {
    // Deleted from the code but still deployed (and still in the state).
    expect(liveNode(arn('sqs', 'shop-prod-legacy-events'))?.kind).toBe('queue');
    const replica = liveNode('arn:aws:s3:::shop-prod-assets-replica');
    expect(replica).toMatchObject({
      kind: 'storage',
      region: 'us-east-1',
      tags: { Purpose: 'assets replica' },
    });
    const esm = liveNode(LIVE['aws_lambda_event_source_mapping.worker_orders']!);
    expect(esm?.tags).toEqual({});
    expect(esm?.props.BatchSize).toBe(10);
  });

  test('puts every resource the server holds in the graph', () => {
    const ids = new Set(live.nodes.map((n) => n.id));
    const recorded = Object.values(shopServerOptions().accounts[0]!.regions).flatMap((r) =>
      r.tagging.map((t) => t.ResourceARN),
    );
    expect(recorded.filter((a) => !ids.has(a))).toEqual([]);
    expect(live.diagnostics).toEqual([]);
  });

  test('uses the same ARNs as the deployed state, so that merge correlates the two', async () => {
    const state = await analyze(
      {
        analyzer: 'terraform',
        options: {
          dir: join(SHOP_ACCOUNT_DIR, '../infra'),
          stateFiles: [join(SHOP_ACCOUNT_DIR, '../state/terraform.tfstate')],
        },
      },
      { root: join(SHOP_ACCOUNT_DIR, '..') },
    );
    const liveIds = new Set(live.nodes.map((n) => n.id));
    // A secret version's id is `<secret ARN>|<version>`: not an ARN of its own.
    const stateArns = state.nodes.flatMap((n) => (n.aliases ?? []).filter((a) => /^arn:aws:[^|]+$/.test(a)));
    const taggable = stateArns.filter((a) => !a.startsWith('arn:aws:iam::'));
    expect(taggable.length).toBeGreaterThan(30);
    expect(taggable.filter((a) => !liveIds.has(a))).toEqual([]);
  });

  test('is deterministic: two scans serialise to the same bytes', async () => {
    const again = await scanShop(server);
    const bytes = (g: PartialGraph) => serializeGraph({ version: 1, ...g });
    expect(bytes(again)).toBe(bytes(live));
  });

  test('reports progress as one task per region, each started and finished', async () => {
    const events: string[] = [];
    const progress: Progress = {
      start: (task) => events.push(`start ${task}`),
      tick: () => {},
      done: (task) => events.push(`done ${task}`),
    };
    await analyze(
      {
        analyzer: 'aws',
        options: { regions: ['eu-west-1', 'us-east-1'], endpoint: server.url, credentials },
      },
      { progress },
    );
    expect(events.filter((e) => e.startsWith('start')).sort()).toEqual([
      'start eu-west-1',
      'start us-east-1',
    ]);
    expect(events.filter((e) => e.startsWith('done')).sort()).toEqual(['done eu-west-1', 'done us-east-1']);
  });

  test('only ever issues the operations it declares', () => {
    expect(server.actions().every((a) => (AWS_OPERATIONS as readonly string[]).includes(a))).toBe(true);
    expect(server.calls.every((c) => c.region === 'eu-west-1' || c.region === 'us-east-1')).toBe(true);
  });
});

export type { ArchNode };
