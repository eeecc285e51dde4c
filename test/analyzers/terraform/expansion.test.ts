// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL interpolations are written as ${…} on purpose
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTerraform } from '../../../analyzers/terraform/index.js';
import { parseHcl } from '../../../analyzers/terraform/parse.js';
import { lookupTerraformType } from '../../../src/catalog/index.js';
import { silentProgress } from '../../../src/model/plugin.js';
import type { PartialGraph } from '../../../src/model/schema.js';
import { writeTree } from './support.js';

const fixtures = join(import.meta.dirname, '../../../fixtures');
const root = join(fixtures, 'projects/tf-expansion');
const scan = (dir: string, r = dir, extra: { varFiles?: string[]; vars?: Record<string, string> } = {}) =>
  analyzeTerraform({ dir, ...extra }, { root: r, progress: silentProgress });

let g: PartialGraph;
const node = (id: string) => g.nodes.find((n) => n.id === id);
const edgeIds = () => g.edges.map((e) => e.id);

describe('count and for_each', () => {
  beforeAll(async () => {
    g = await scan(join(root, 'infra'), root);
  });

  it('expands count into indexed instances, taking *.auto.tfvars over terraform.tfvars', () => {
    expect(g.nodes.filter((n) => n.id.startsWith('aws_instance.web[')).map((n) => n.id)).toEqual([
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'aws_instance.web[2]',
    ]);
    expect(node('aws_instance.web[2]')).toMatchObject({
      count: 3,
      name: 'web-03',
      parent: 'aws_subnet.app',
      zone: 'eu-central-1a',
      tags: { Team: 'platform', Name: 'web-03' },
    });
  });

  it('expands for_each over a map into keyed instances', () => {
    expect(node('aws_s3_bucket.data["logs"]')).toMatchObject({ count: 2, name: 'acme-logs' });
    expect(node('aws_s3_bucket.data["uploads"]')).toMatchObject({ count: 2, name: 'acme-uploads' });
  });

  it('gives one node marked ? when the count is unknown', () => {
    expect(g.nodes.filter((n) => n.id.startsWith('aws_instance.worker')).map((n) => n.id)).toEqual([
      'aws_instance.worker',
    ]);
    expect(node('aws_instance.worker')?.count).toBe('?');
  });

  it('connects every instance through a dynamic security-group ingress block', () => {
    for (const i of [0, 1, 2])
      expect(edgeIds()).toContain(`aws_instance.web[${i}] -> aws_elasticache_cluster.sessions (calls:6379)`);
  });

  it('links an S3 notification to a keyed for_each instance', () => {
    expect(edgeIds()).toContain('aws_s3_bucket.data["uploads"] -> aws_sns_topic.uploads (publishes)');
  });

  it('reads API Gateway integrations from an OpenAPI body', () => {
    expect(edgeIds()).toContain('aws_api_gateway_rest_api.public -> aws_lambda_function.api (routes)');
  });

  it('keeps unknown resource types as generic nodes', () => {
    expect(node('acme_widget.thing')).toMatchObject({
      kind: 'generic',
      service: 'acme_widget',
      provider: 'acme',
    });
  });

  it('warns about a syntax error with file:line and still reads the other blocks and files', () => {
    expect(g.diagnostics).toEqual([
      expect.objectContaining({ code: 'hcl-syntax', file: 'infra/broken.tf', line: 5, severity: 'warning' }),
    ]);
    expect(node('aws_sqs_queue.ok_before')).toBeDefined();
    expect(node('aws_sqs_queue.ok_after')).toBeDefined();
    expect(node('aws_sqs_queue.broken')).toBeUndefined();
    expect(node('aws_vpc.main')).toBeDefined();
  });

  it('applies --var-file and --var over the directory tfvars', async () => {
    const extra = await writeTree({ 'big.tfvars': 'web_count = 5\nworker_count = 2\n' });
    const r = await scan(join(root, 'infra'), root, {
      varFiles: [join(extra, 'big.tfvars')],
      vars: { worker_count: '4' },
    });
    expect(r.nodes.filter((n) => n.id.startsWith('aws_instance.web[')).length).toBe(5);
    expect(r.nodes.filter((n) => n.id.startsWith('aws_instance.worker[')).length).toBe(4);
  });
});

describe('hostile input', () => {
  it('skips only the block whose expression nests too deeply to read', async () => {
    const deep = Array.from({ length: 20_000 }, () => '1').join(' + ');
    const dir = await writeTree({
      'main.tf': `locals {\n  x = ${deep}\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n`,
    });
    const r = await scan(dir);
    expect(r.nodes.map((n) => n.id)).toEqual(['aws_sqs_queue.q']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'hcl-too-deep', file: 'main.tf', line: 1 }),
    ]);
  });

  it('reads ECS env vars from a templatefile() container definition', async () => {
    const dir = await writeTree({
      'main.tf': `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = templatefile("\${path.module}/containers.json.tftpl", {
    queue_url = aws_sqs_queue.jobs.url
    stage     = "prod"
  })
}
`,
      'containers.json.tftpl':
        '[{"name": "worker", "environment": [{"name": "QUEUE_URL", "value": "${queue_url}"}, {"name": "STAGE", "value": "${stage}"}]}]',
    });
    const r = await scan(dir);
    const td = r.nodes.find((n) => n.id === 'aws_ecs_task_definition.worker');
    expect(td?.props.env).toEqual({ QUEUE_URL: '${aws_sqs_queue.jobs.url}', STAGE: 'prod' });
    expect(td?.props.envRefs).toEqual({ QUEUE_URL: 'aws_sqs_queue.jobs' });
    expect(r.edges.map((e) => e.id)).toContain(
      'aws_ecs_task_definition.worker -> aws_sqs_queue.jobs (depends_on:env:QUEUE_URL)',
    );
  });

  it('reads API Gateway integrations from an OpenAPI file() body with literal Lambda ARNs', async () => {
    const dir = await writeTree({
      'main.tf': `
resource "aws_lambda_function" "orders" {
  function_name = "orders-api"
}

resource "aws_api_gateway_rest_api" "public" {
  name = "public"
  body = file("openapi.yaml")
}
`,
      'openapi.yaml': [
        'openapi: 3.0.1',
        'paths:',
        '  /orders:',
        '    get:',
        '      x-amazon-apigateway-integration:',
        '        type: aws_proxy',
        '        uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-api/invocations',
        '',
      ].join('\n'),
    });
    const r = await scan(dir);
    expect(r.edges.map((e) => e.id)).toEqual([
      'aws_api_gateway_rest_api.public -> aws_lambda_function.orders (routes)',
    ]);
  });

  it('replaces values that look like keys by a marker that keeps the name, whatever they are called', async () => {
    const dir = await writeTree({
      'main.tf': `
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  description   = "AKIAABCDEFGHIJKLMNOP"

  environment {
    variables = {
      STAGE       = "prod"
      UPSTREAM    = "AKIAABCDEFGHIJKLMNOP"
      DB_PASSWORD = "hunter2"
    }
  }
}
`,
    });
    const r = await scan(dir);
    const fn = r.nodes.find((n) => n.id === 'aws_lambda_function.fn');
    expect(fn?.props.env).toEqual({ STAGE: 'prod', UPSTREAM: '<redacted>', DB_PASSWORD: '<redacted>' });
    expect(JSON.stringify(r)).not.toMatch(/AKIA|hunter2/);
  });

  it("reads a role's managed_policy_arns as attached policies", async () => {
    const dir = await writeTree({
      'main.tf': `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_policy" "read_jobs" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage"], Resource = aws_sqs_queue.jobs.arn }]
  })
}

resource "aws_iam_role" "fn" {
  name                = "fn"
  assume_role_policy  = "{}"
  managed_policy_arns = [aws_iam_policy.read_jobs.arn]
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}
`,
    });
    const r = await scan(dir);
    expect(r.edges.find((e) => e.id === 'aws_lambda_function.fn -> aws_sqs_queue.jobs (access)')?.label).toBe(
      'read',
    );
  });
});

describe('catalog coverage', () => {
  const file = join(fixtures, 'catalog/all-types.tf');
  it.skipIf(!existsSync(file))(
    'turns every resource in fixtures/catalog/all-types.tf into a node of its catalog kind',
    async () => {
      const dir = join(fixtures, 'catalog');
      const r = await scan(dir);
      const { body } = await parseHcl(await readFile(file, 'utf8'), 'all-types.tf');
      const resources = body.blocks.filter((b) => b.type === 'resource');
      expect(resources.length).toBeGreaterThan(100);
      const wrong: string[] = [];
      for (const b of resources) {
        const [type, name] = b.labels as [string, string];
        const id = `${type}.${name}`;
        const n = r.nodes.find((x) => x.id === id || x.id.startsWith(`${id}[`));
        const expected = lookupTerraformType(type)?.kind;
        if (!expected || n?.kind !== expected)
          wrong.push(`${id}: ${n?.kind ?? 'missing'} (catalog: ${expected})`);
      }
      expect(wrong).toEqual([]);
      expect(r.diagnostics).toEqual([]);
    },
  );
});
