// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL interpolations are written as ${…} on purpose
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTerraform } from '../../../analyzers/terraform/index.js';
import { silentProgress } from '../../../src/model/plugin.js';
import type { PartialGraph } from '../../../src/model/schema.js';
import { writeTree } from './support.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/projects');
const scan = (dir: string, root = dir, extra: { varFiles?: string[]; vars?: Record<string, string> } = {}) =>
  analyzeTerraform({ dir, ...extra }, { root, progress: silentProgress });
const ids = (g: PartialGraph) => g.nodes.map((n) => n.id).sort();
const codes = (g: PartialGraph) => g.diagnostics.map((d) => d.code).sort();

describe('terraform modules', () => {
  let g: PartialGraph;
  beforeAll(async () => {
    const root = join(fixtures, 'tf-modules');
    g = await scan(join(root, 'infra'), root);
  });

  it('follows local modules at any depth, with their addresses', () => {
    expect(ids(g)).toContain('module.app.aws_sqs_queue.jobs');
    expect(ids(g)).toContain('module.app.module.db.aws_db_instance.this');
    const db = g.nodes.find((n) => n.id === 'module.app.module.db.aws_db_instance.this');
    expect(db).toMatchObject({ name: 'payments-db', kind: 'database' });
    expect(db?.sources[0]?.file).toBe('infra/modules/db/main.tf');
    expect(db?.props).not.toHaveProperty('password');
  });

  it('wires outputs through two module boundaries to a real edge', () => {
    expect(g.edges.map((e) => e.id)).toContain(
      'aws_lambda_function.reporter -> module.app.module.db.aws_db_instance.this (depends_on:env:DB_HOST)',
    );
    expect(g.nodes.find((n) => n.id === 'aws_lambda_function.reporter')?.props.env).toEqual({
      DB_HOST: '${module.app.db_endpoint}',
      QUEUE_URL: '${module.app.queue_url}',
      STAGE: 'prod',
    });
  });

  it('resolves a registry module through .terraform/modules/modules.json', () => {
    expect(ids(g)).toEqual(
      expect.arrayContaining([
        'module.vpc.aws_vpc.this',
        'module.vpc.aws_subnet.private[0]',
        'module.vpc.aws_subnet.private[1]',
      ]),
    );
    const subnet = g.nodes.find((n) => n.id === 'module.vpc.aws_subnet.private[1]');
    expect(subnet).toMatchObject({ parent: 'module.vpc.aws_vpc.this', zone: 'us-west-2b', count: 2 });
    expect(g.nodes.find((n) => n.id === 'module.vpc.aws_vpc.this')?.name).toBe('payments');
  });

  it('shows an undownloaded git module as one opaque node with its known inputs, and warns', () => {
    const cdn = g.nodes.find((n) => n.id === 'module.cdn');
    expect(cdn).toMatchObject({ kind: 'module', props: { inputs: { domain: 'cdn.example.com' } } });
    expect(cdn?.props.inputs).not.toHaveProperty('api_key');
    expect(g.diagnostics.find((d) => d.code === 'module-unresolved')).toMatchObject({
      file: 'infra/main.tf',
      line: 13,
    });
  });

  it('detects circular module sources and keeps the rest', () => {
    expect(g.diagnostics.find((d) => d.code === 'module-cycle')).toMatchObject({
      file: 'infra/modules/loop_b/main.tf',
      line: 5,
    });
    expect(ids(g)).toContain('module.loop.module.b.aws_sns_topic.events');
  });

  it('refuses a module source that escapes the repository root', () => {
    expect(g.diagnostics.find((d) => d.code === 'module-escape')).toMatchObject({ line: 29 });
    expect(g.nodes.find((n) => n.id === 'module.escape')?.kind).toBe('module');
  });

  it('shows an undownloaded registry module the catalog knows as one component of its kind', async () => {
    const dir = await writeTree({
      'main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  name   = "x"\n}\n',
    });
    const r = await scan(dir);
    expect(ids(r)).toEqual(['module.vpc']);
    expect(r.nodes[0]).toMatchObject({ kind: 'network', service: 'aws_vpc', name: 'vpc' });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['module-catalog', 'info']]);
  });

  it('shows an unknown registry module as opaque when modules.json is missing', async () => {
    const dir = await writeTree({
      'main.tf': 'module "thing" {\n  source = "someone/thing/aws"\n  name   = "x"\n}\n',
    });
    const r = await scan(dir);
    expect(ids(r)).toEqual(['module.thing']);
    expect(r.nodes[0]?.kind).toBe('module');
    expect(codes(r)).toEqual(['module-unresolved']);
  });

  it('shows a local module whose directory is missing as one node, with a warning', async () => {
    const dir = await writeTree({ 'main.tf': 'module "gone" {\n  source = "./modules/gone"\n}\n' });
    const r = await scan(dir);
    expect(ids(r)).toEqual(['module.gone']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'module-missing', file: 'main.tf', line: 1 }),
    ]);
  });

  it('reads the JSON configuration syntax (*.tf.json, as CDKTF writes it)', async () => {
    const dir = await writeTree({
      'cdk.tf.json': JSON.stringify(
        {
          '//': { metadata: { stackName: 'shop' } },
          provider: { aws: [{ region: 'eu-west-2' }] },
          variable: { env: { default: 'dev' } },
          resource: {
            aws_sqs_queue: { jobs: { name: 'jobs-${var.env}' } },
            aws_lambda_function: {
              worker: {
                function_name: 'worker',
                environment: { variables: { QUEUE_URL: '${aws_sqs_queue.jobs.url}' } },
                depends_on: ['aws_sqs_queue.jobs'],
              },
            },
            aws_lambda_event_source_mapping: {
              jobs: {
                event_source_arn: '${aws_sqs_queue.jobs.arn}',
                function_name: '${aws_lambda_function.worker.arn}',
              },
            },
          },
        },
        null,
        2,
      ),
    });
    const r = await scan(dir);
    expect(r.nodes.find((n) => n.id === 'aws_sqs_queue.jobs')).toMatchObject({
      name: 'jobs-dev',
      region: 'eu-west-2',
    });
    expect(r.edges.map((e) => e.id).sort()).toEqual([
      'aws_lambda_function.worker -> aws_sqs_queue.jobs (depends_on:env:QUEUE_URL)',
      'aws_sqs_queue.jobs -> aws_lambda_function.worker (consumes)',
    ]);
  });

  it('applies override files to the declarations they name', async () => {
    const dir = await writeTree({
      'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "base"\n  delay_seconds = 5\n}\n',
      'local_override.tf': 'resource "aws_sqs_queue" "q" {\n  name = "overridden"\n}\n',
    });
    const r = await scan(dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes[0]).toMatchObject({ name: 'overridden', props: { delay_seconds: 5 } });
  });

  it('expands a module whose for_each reads another module declared after it', async () => {
    const dir = await writeTree({
      'main.tf':
        'module "a_queues" {\n  for_each = module.z_names.names\n  source = "./q"\n  name = each.key\n}\n' +
        'module "z_names" {\n  source = "./names"\n}\n',
      'q/main.tf': 'variable "name" {}\nresource "aws_sqs_queue" "this" {\n  name = var.name\n}\n',
      'names/main.tf': 'output "names" {\n  value = toset(["x", "y"])\n}\n',
    });
    const r = await scan(dir);
    expect(ids(r)).toEqual([
      'module.a_queues["x"].aws_sqs_queue.this',
      'module.a_queues["y"].aws_sqs_queue.this',
    ]);
  });

  it('expands modules with for_each into one instance per key', async () => {
    const dir = await writeTree({
      'main.tf':
        'module "q" {\n  for_each = toset(["a", "b"])\n  source = "./q"\n  name = each.key\n}\n' +
        'resource "aws_sns_topic" "t" {\n  name = module.q["b"].url\n}\n',
      'q/main.tf':
        'variable "name" {}\nresource "aws_sqs_queue" "this" {\n  name = "q-${var.name}"\n}\n' +
        'output "url" {\n  value = aws_sqs_queue.this.url\n}\n',
    });
    const r = await scan(dir);
    expect(ids(r)).toEqual([
      'aws_sns_topic.t',
      'module.q["a"].aws_sqs_queue.this',
      'module.q["b"].aws_sqs_queue.this',
    ]);
    expect(r.nodes.find((n) => n.id === 'module.q["a"].aws_sqs_queue.this')?.name).toBe('q-a');
    expect(r.edges.map((e) => e.id)).toEqual([
      'aws_sns_topic.t -> module.q["b"].aws_sqs_queue.this (depends_on)',
    ]);
  });
});

describe('terraform roots', () => {
  it('finds every root module (and Terragrunt dirs) under a tree, each as its own group', async () => {
    const root = join(fixtures, 'tf-multiroot');
    const g = await scan(root);
    expect(ids(g)).toEqual([
      'envs/prod:aws_sns_topic.alerts',
      'envs/prod:module.orders.aws_sqs_queue.this',
      'envs/prod:region:eu-west-1',
      'envs/staging:aws_sns_topic.alerts',
      'envs/staging:module.orders.aws_sqs_queue.this',
      'envs/staging:region:eu-west-1',
      'live/eu/app:aws_sqs_queue.this',
      'root:envs/prod',
      'root:envs/staging',
      'root:live/eu/app',
    ]);
    expect(g.nodes.find((n) => n.id === 'envs/prod:region:eu-west-1')?.parent).toBe('root:envs/prod');
    expect(g.nodes.find((n) => n.id === 'live/eu/app:aws_sqs_queue.this')).toMatchObject({
      parent: 'root:live/eu/app',
      name: 'terragrunt-jobs',
    });
  });

  it('skips .terraform directories when looking for roots', async () => {
    const root = join(fixtures, 'tf-modules');
    const g = await scan(root);
    expect(g.nodes.some((n) => n.id.includes('.terraform'))).toBe(false);
    expect(g.nodes.filter((n) => n.kind === 'group').map((n) => n.id)).toEqual([]);
  });
});
