import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readState } from '../../../analyzers/terraform/state.js';
import { mergePartials } from '../../../src/merge/index.js';
import { serializeGraph } from '../../../src/model/io.js';
import { CANARIES } from './canaries.js';

const shop = join(import.meta.dirname, '../../../fixtures/projects/shop');
const statePath = join(shop, 'state/terraform.tfstate');
const stateText = readFileSync(statePath, 'utf8');

function v4(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { version: 4, terraform_version: '1.9.5', serial: 1, lineage: 'x', resources, ...extra },
    null,
    2,
  );
}

describe('readState on the shop tfstate (v4)', () => {
  const result = readState(statePath, stateText, shop);
  const node = (id: string) => result.nodes.find((n) => n.id === id);

  it('makes one node per managed instance, addressed like Terraform', () => {
    expect(result.usable).toBe(true);
    expect(result.diagnostics).toEqual([]);
    for (const id of [
      'aws_vpc.main',
      'aws_lambda_function.worker',
      'module.cache.aws_elasticache_replication_group.this',
      'aws_ecr_repository.service["api"]',
      'aws_ecr_repository.service["worker"]',
      'module.cache.aws_vpc_security_group_ingress_rule.clients[0]',
    ]) {
      expect(node(id), id).toBeDefined();
    }
    expect(result.nodes.some((n) => n.id.startsWith('data.'))).toBe(false);
  });

  it('keeps real attribute values, the catalog kind and the ARN and provider id as aliases', () => {
    const db = node('aws_db_instance.orders')!;
    expect(db.kind).toBe('database');
    expect(db.service).toBe('aws_db_instance');
    expect(db.provider).toBe('aws');
    expect(db.region).toBe('eu-west-1');
    expect(db.props.instance_class).toBe('db.t4g.medium');
    expect(db.aliases).toEqual([
      'arn:aws:rds:eu-west-1:123456789012:db:shop-prod-orders',
      'db-4MZQK3VJ7HNB2XKPLW5YRT6C2E',
    ]);
    const ecr = node('aws_ecr_repository.service["api"]')!;
    expect(ecr.count).toBe(2);
    expect(ecr.name).toBe('service["api"]');
  });

  it('gives a shared ARN to its owner only (a secret version reports the secret ARN)', () => {
    const secretArn =
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-prod/orders-db/password-Xq3T9b';
    expect(node('aws_secretsmanager_secret.db_password')!.aliases).toContain(secretArn);
    expect(node('aws_secretsmanager_secret_version.db_password')!.aliases ?? []).not.toContain(secretArn);
  });

  it('keeps unknown resource types as generic nodes', () => {
    const text = v4([
      {
        mode: 'managed',
        type: 'acme_widget',
        name: 'w',
        provider: 'provider["registry.terraform.io/acme/acme"]',
        instances: [{ schema_version: 0, attributes: { id: 'w-1', size: 3 } }],
      },
    ]);
    const { nodes } = readState('x.tfstate', text, '.');
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      id: 'acme_widget.w',
      kind: 'generic',
      provider: 'acme',
      props: { size: 3 },
    });
  });

  it('gives provenance relative to the root, with the line of the instance', () => {
    const db = node('aws_db_instance.orders')!;
    const source = db.sources[0]!;
    expect(source.file).toBe('state/terraform.tfstate');
    expect(source.address).toBe('aws_db_instance.orders');
    const lines = stateText.split('\n');
    // The instance object starts on that line; its attributes follow within a few lines.
    expect(lines.slice(source.line! - 1, source.line! + 8).join('\n')).toContain(
      '"address": "shop-prod-orders',
    );
  });

  it('finds edges from real values: queue → lambda through the event source mapping, DLQ, env vars', () => {
    const ids = result.edges.map((e) => e.id);
    expect(ids).toContain('aws_sqs_queue.orders -> aws_lambda_function.worker (consumes)');
    expect(ids).toContain('aws_sqs_queue.orders -> aws_sqs_queue.orders_dlq (publishes)');
    const worker = node('aws_lambda_function.worker')!;
    expect(worker.props.env).toEqual({
      ORDERS_TABLE: 'shop-prod-orders',
      RECEIPTS_BUCKET: 'shop-prod-receipts',
    });
    expect(worker.props.envRefs).toEqual({
      ORDERS_TABLE: 'aws_dynamodb_table.orders',
      RECEIPTS_BUCKET: 'aws_s3_bucket.receipts',
    });
    const env = result.edges.find(
      (e) => e.from === 'aws_lambda_function.worker' && e.to === 'aws_dynamodb_table.orders',
    );
    expect(env).toMatchObject({
      kind: 'depends_on',
      label: 'env ORDERS_TABLE',
      props: { env: 'ORDERS_TABLE' },
    });
    // Env of a task definition runs in its services: the edges start at the service, as they do from HCL.
    expect(result.edges.map((e) => e.id)).toContain(
      'aws_ecs_service.api -> aws_sqs_queue.orders (depends_on:env:ORDERS_QUEUE_URL)',
    );
    expect(node('aws_ecs_service.api')!.props.envRefs).toMatchObject({
      ORDERS_QUEUE_URL: 'aws_sqs_queue.orders',
    });
    const task = node('aws_ecs_task_definition.api')!;
    expect(task.props.envRefs).toMatchObject({
      DATABASE_HOST: 'aws_db_instance.orders',
      REDIS_HOST: 'module.cache.aws_elasticache_replication_group.this',
      ORDERS_QUEUE_URL: 'aws_sqs_queue.orders',
    });
  });

  it('turns recorded dependencies into depends_on edges', () => {
    expect(result.edges.map((e) => e.id)).toContain(
      'aws_nat_gateway.main -> aws_internet_gateway.main (depends_on)',
    );
  });

  it('places resources in their subnet, VPC or region', () => {
    expect(node('aws_subnet.private_a')!.parent).toBe('aws_vpc.main');
    expect(node('aws_vpc.main')!.parent).toBe('region:eu-west-1');
    expect(node('aws_lambda_function.worker')!.parent).toBe('aws_subnet.private_a');
    expect(node('region:eu-west-1')).toMatchObject({ kind: 'region' });
  });

  it('never lets a planted secret reach archmap.json', () => {
    const json = serializeGraph(mergePartials([{ analyzer: 'terraform', ...result }]));
    for (const canary of CANARIES) expect(json).not.toContain(canary);
    // The resources that held them are still there, minus the secret.
    expect(node('aws_db_instance.orders')!.props).not.toHaveProperty('password');
    expect(node('module.cache.aws_elasticache_replication_group.this')!.props).not.toHaveProperty(
      'auth_token',
    );
    expect(node('aws_ecs_cluster.main')!.tags).toEqual({ Team: 'checkout' });
  });

  it('drops paths marked in sensitive_attributes even when their names look harmless', () => {
    const text = v4([
      {
        mode: 'managed',
        type: 'aws_lambda_function',
        name: 'fn',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 0,
            attributes: {
              function_name: 'fn',
              environment: [{ variables: { MODE: 'live', SALT: 'canary-salt-0001' } }],
              notes: 'canary-notes-0002',
            },
            sensitive_attributes: [
              [
                { type: 'get_attr', value: 'environment' },
                { type: 'index', value: { value: 0, type: 'number' } },
                { type: 'get_attr', value: 'variables' },
                { type: 'index', value: { value: 'SALT', type: 'string' } },
              ],
              [{ type: 'get_attr', value: 'notes' }],
            ],
          },
        ],
      },
    ]);
    const { nodes } = readState('x.tfstate', text, '.');
    const json = JSON.stringify(nodes);
    expect(json).not.toContain('canary-salt-0001');
    expect(json).not.toContain('canary-notes-0002');
    expect(nodes.find((n) => n.id === 'aws_lambda_function.fn')!.props.env).toEqual({ MODE: 'live' });
  });

  it('drops secret-named attributes at any depth, and secrets inside JSON-encoded attributes', () => {
    const defs = JSON.stringify([
      {
        name: 'app',
        environment: [
          { name: 'DB_PASSWORD', value: 'canary-env-0003' },
          { name: 'PORT', value: '80' },
        ],
      },
    ]);
    const text = v4([
      {
        mode: 'managed',
        type: 'aws_ecs_task_definition',
        name: 't',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 1,
            attributes: {
              family: 't',
              container_definitions: defs,
              nested: [{ deep: { Client_Secret: 'canary-deep-0004', Api_Token: 'canary-token-0005' } }],
              private_key: 'canary-pk-0006',
            },
          },
        ],
      },
    ]);
    const { nodes } = readState('x.tfstate', text, '.');
    const json = JSON.stringify(nodes);
    for (const c of ['canary-env-0003', 'canary-deep-0004', 'canary-token-0005', 'canary-pk-0006']) {
      expect(json).not.toContain(c);
    }
    expect(nodes[0]!.props.env).toEqual({ PORT: '80' });
  });
});

describe('readState on terraform show -json output', () => {
  const show = JSON.stringify(
    {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        outputs: { pw: { sensitive: true, value: 'canary-out-0007' } },
        root_module: {
          resources: [
            {
              address: 'aws_sqs_queue.jobs',
              mode: 'managed',
              type: 'aws_sqs_queue',
              name: 'jobs',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              schema_version: 0,
              values: {
                arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
                id: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
                name: 'jobs',
                policy: 'canary-mirror-0008',
              },
              sensitive_values: { policy: true },
            },
          ],
          child_modules: [
            {
              address: 'module.app',
              resources: [
                {
                  address: 'module.app.aws_instance.web[1]',
                  mode: 'managed',
                  type: 'aws_instance',
                  name: 'web',
                  index: 1,
                  provider_name: 'registry.terraform.io/hashicorp/aws',
                  values: { id: 'i-0123456789abcdef0', instance_type: 't3.micro' },
                  sensitive_values: {},
                  depends_on: ['aws_sqs_queue.jobs'],
                },
              ],
            },
          ],
        },
      },
    },
    null,
    2,
  );
  const result = readState('/repo/show.json', show, '/repo');

  it('reads root and child module resources with their instance keys', () => {
    expect(result.usable).toBe(true);
    expect(result.nodes.map((n) => n.id).sort()).toEqual([
      'aws_sqs_queue.jobs',
      'module.app.aws_instance.web[1]',
      'region:eu-west-1',
    ]);
    expect(result.edges.map((e) => e.id)).toContain(
      'module.app.aws_instance.web[1] -> aws_sqs_queue.jobs (depends_on)',
    );
    expect(result.nodes.find((n) => n.id === 'aws_sqs_queue.jobs')!.sources[0]).toMatchObject({
      file: 'show.json',
    });
  });

  it('drops values marked in sensitive_values and never reads outputs', () => {
    const json = JSON.stringify(result);
    expect(json).not.toContain('canary-mirror-0008');
    expect(json).not.toContain('canary-out-0007');
  });
});

describe('readState on unusable files', () => {
  it('reads state v3 (Terraform 0.11): flattened attributes, count keys and depends_on', () => {
    const text = JSON.stringify(
      {
        version: 3,
        terraform_version: '0.11.14',
        modules: [
          {
            path: ['root', 'data'],
            resources: {
              'aws_sqs_queue.jobs': {
                type: 'aws_sqs_queue',
                depends_on: [],
                primary: {
                  id: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
                  attributes: {
                    arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
                    name: 'jobs',
                    'tags.%': '1',
                    'tags.Team': 'core',
                  },
                },
              },
              'aws_lambda_function.worker.0': {
                type: 'aws_lambda_function',
                depends_on: ['aws_sqs_queue.jobs'],
                primary: {
                  id: 'worker',
                  attributes: {
                    arn: 'arn:aws:lambda:eu-west-1:123456789012:function:worker',
                    function_name: 'worker',
                    'environment.#': '1',
                    'environment.0.variables.%': '1',
                    'environment.0.variables.JOBS_QUEUE':
                      'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
                  },
                },
              },
            },
          },
        ],
      },
      null,
      2,
    );
    const result = readState('/r/old.tfstate', text, '/r');
    expect(result.usable).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.nodes.map((n) => n.id).sort()).toEqual([
      'module.data.aws_lambda_function.worker[0]',
      'module.data.aws_sqs_queue.jobs',
      'region:eu-west-1',
    ]);
    expect(result.nodes.find((n) => n.id === 'module.data.aws_sqs_queue.jobs')?.tags).toEqual({
      Team: 'core',
    });
    expect(result.edges.map((e) => e.id)).toContain(
      'module.data.aws_lambda_function.worker[0] -> module.data.aws_sqs_queue.jobs (publishes)',
    );
  });

  it('rejects state from a future Terraform', () => {
    const text = v4([], { version: 5, terraform_version: '9.0.0' });
    const result = readState('/r/new.tfstate', text, '/r');
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]!.message).toContain('version 5 (terraform 9.0.0)');
    expect(result.diagnostics[0]!.hint).toMatch(/newer Terraform/);
  });

  it('rejects show -json output with an unknown major format_version', () => {
    const text = JSON.stringify({ format_version: '2.0', values: { root_module: {} } });
    const result = readState('/r/s.json', text, '/r');
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]!.message).toContain('format_version "2.0"');
  });

  it('tells a plan given as state apart', () => {
    const text = JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [] });
    const result = readState('/r/plan.json', text, '/r');
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]!.hint).toMatch(/--plan/);
  });

  it('reads an empty show -json state (no values) as empty, not as an error', () => {
    const result = readState('/r/s.json', '{"format_version":"1.0"}', '/r');
    expect(result.usable).toBe(true);
    expect(result.nodes).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'info', code: 'terraform-state-empty' });
  });

  it('reports truncated JSON at the line where it ends', () => {
    const cut = stateText.slice(0, Math.floor(stateText.length / 2));
    const result = readState(statePath, cut, shop);
    expect(result.usable).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'terraform-json', file: 'state/terraform.tfstate' });
    expect(result.diagnostics[0]!.message).toMatch(/ends early/);
    expect(result.diagnostics[0]!.line).toBe(cut.split('\n').length);
  });

  it('reports invalid JSON in the middle of a file at its line', () => {
    const text = '{\n  "version": 4,\n  "resources": [ oops ]\n}\n';
    const result = readState('/r/x.tfstate', text, '/r');
    expect(result.diagnostics[0]).toMatchObject({ line: 3 });
    expect(result.diagnostics[0]!.message).toMatch(/invalid JSON/);
  });
});
