// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL interpolations are written as ${…} on purpose
import { parse as hcl2json } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import {
  attr,
  block,
  list,
  map,
  printHcl,
  ref,
  str,
  tpl,
  variable,
} from '../../../generators/shared/iac/hcl.js';
import terraform from '../../../generators/terraform/index.js';
import type { GeneratedFile } from '../../../src/model/index.js';
import { liveAwsEstate as liveEstate } from '../scaffold-cases.js';
import { buildGraph } from '../support.js';

const file = (files: GeneratedFile[], path: string) =>
  String(files.find((f) => f.path === path)?.contents ?? '');
const allTf = (files: GeneratedFile[]) =>
  files
    .filter((f) => f.path.endsWith('.tf'))
    .map((f) => String(f.contents))
    .join('\n');

describe('reverse to IaC: adopting resources created in the console', () => {
  it('writes an import block with the id format Terraform needs for each type', async () => {
    const files = await terraform.generate(liveEstate(), {});
    const imports = file(files, 'imports.tf');
    const json = (await hcl2json('imports.tf', imports)) as { import: Array<{ to: string; id: string }> };
    const byTarget = Object.fromEntries(json.import.map((i) => [i.to.replace(/^\$\{|\}$/g, ''), i.id]));
    expect(byTarget).toEqual({
      'aws_sqs_queue.legacy_events': 'https://sqs.eu-west-1.amazonaws.com/123456789012/legacy-events',
      'aws_lambda_function.export_reports': 'export-reports',
      'aws_s3_bucket.acme_console_uploads': 'acme-console-uploads',
      'aws_dynamodb_table.sessions': 'sessions',
      'aws_db_instance.reporting': 'reporting',
    });
  });

  it('adds no import block for a resource Terraform already manages', async () => {
    const imports = file(await terraform.generate(liveEstate(), {}), 'imports.tf');
    expect(imports).not.toContain('aws_sqs_queue.orders');
  });

  it('writes the resource stub next to the import, named from the live properties', async () => {
    const files = await terraform.generate(liveEstate(), {});
    expect(file(files, 'messaging.tf')).toMatch(
      /resource "aws_sqs_queue" "legacy_events" \{[^}]*name\s+= "legacy-events"/s,
    );
    expect(file(files, 'README.md')).toContain('`aws_lambda_function.export_reports` ← `export-reports`');
  });
});

describe('scaffold options and safety', () => {
  const design = () =>
    buildGraph(
      [
        { id: 'region:eu-west-1', kind: 'region' },
        {
          id: 'aws_vpc.main',
          kind: 'vpc',
          service: 'aws_vpc',
          parent: 'region:eu-west-1',
          region: 'eu-west-1',
        },
        {
          id: 'aws_subnet.private_a',
          kind: 'subnet',
          service: 'aws_subnet',
          parent: 'aws_vpc.main',
          region: 'eu-west-1',
        },
        {
          id: 'aws_lambda_function.worker',
          kind: 'function',
          service: 'aws_lambda_function',
          parent: 'aws_subnet.private_a',
          region: 'eu-west-1',
          props: {
            env: { ORDERS_TABLE: 'orders', DB_PASSWORD: 'hunter2-do-not-leak' },
            envRefs: { ORDERS_TABLE: 'aws_dynamodb_table.orders' },
          },
        },
        {
          id: 'aws_dynamodb_table.orders',
          kind: 'database',
          service: 'aws_dynamodb_table',
          region: 'eu-west-1',
          change: 'added',
          props: { hash_key: 'orderId' },
        },
        {
          id: 'aws_sqs_queue.jobs',
          kind: 'queue',
          service: 'aws_sqs_queue',
          region: 'eu-west-1',
          change: 'added',
        },
        {
          id: 'aws_quantum_ledger.audit',
          kind: 'database',
          service: 'aws_quantum_ledger',
          region: 'eu-west-1',
          props: { name: 'audit' },
        },
      ],
      [['aws_sqs_queue.jobs', 'aws_lambda_function.worker', 'consumes']],
    );

  it('references generated resources by address, never by a literal id', async () => {
    const compute = file(await terraform.generate(design(), {}), 'compute.tf');
    expect(compute).toContain('ORDERS_TABLE = aws_dynamodb_table.orders.name');
    expect(compute).toContain('subnet_ids = [aws_subnet.private_a.id]');
    expect(compute).toContain('event_source_arn        = aws_sqs_queue.jobs.arn');
  });

  it('never writes a secret-looking environment value', async () => {
    const files = await terraform.generate(design(), {});
    expect(files.map((f) => String(f.contents)).join('\n')).not.toContain('hunter2');
    expect(file(files, 'compute.tf')).toContain('TODO(archmap): DB_PASSWORD must come from Secrets Manager');
  });

  it('keeps a type it has no template for as a commented TODO block', async () => {
    const files = await terraform.generate(design(), {});
    expect(file(files, 'data.tf')).toContain('# resource "aws_quantum_ledger" "audit" {');
    expect(file(files, 'data.tf')).toContain('TODO(archmap): archmap has no template for aws_quantum_ledger');
    expect(file(files, 'README.md')).toContain('`aws_quantum_ledger.audit` (commented out: no template)');
  });

  it('with onlyChanges writes only added and modified resources, and variables for the rest', async () => {
    const files = await terraform.generate(design(), { onlyChanges: true });
    const tf = allTf(files);
    expect(tf).toContain('resource "aws_dynamodb_table" "orders"');
    expect(tf).toContain('resource "aws_sqs_queue" "jobs"');
    expect(tf).not.toContain('resource "aws_vpc"');
    expect(tf).not.toContain('resource "aws_lambda_function"');
  });

  it('declares one aliased provider per region and gives every resource its provider', async () => {
    const g = design();
    g.addNode({
      id: 'aws_sqs_queue.jobs_use1',
      kind: 'queue',
      name: 'jobs_use1',
      provider: 'aws',
      service: 'aws_sqs_queue',
      region: 'us-east-1',
      props: {},
      tags: {},
      sources: [],
      change: 'added',
    });
    const files = await terraform.generate(g, {});
    const providers = file(files, 'providers.tf');
    expect(providers.match(/provider "aws" \{/g)).toHaveLength(2);
    expect(providers).toContain('alias  = "us_east_1"');
    expect(file(files, 'messaging.tf')).toMatch(/"jobs_use1" \{\n {2}provider = aws\.us_east_1/);
  });

  it('turns instances of one address into a single resource with count or for_each', async () => {
    const g = buildGraph([
      { id: 'aws_ecr_repository.service["api"]', kind: 'container', service: 'aws_ecr_repository' },
      { id: 'aws_ecr_repository.service["worker"]', kind: 'container', service: 'aws_ecr_repository' },
    ]);
    const compute = file(await terraform.generate(g, {}), 'compute.tf');
    expect(compute.match(/resource "aws_ecr_repository"/g)).toHaveLength(1);
    expect(compute).toContain('for_each = toset(["api", "worker"])');
    expect(compute).toContain('name                 = "${var.project}-service-${each.key}"');
  });
});

describe('HCL printer', () => {
  it('aligns `=` in runs of single-line arguments and breaks the run at multi-line values, like terraform fmt', () => {
    const text = printHcl([
      block(
        'resource',
        [
          attr('name', str('a')),
          attr('visibility_timeout_seconds', { t: 'num', v: 30 }),
          attr('tags', map([['Name', str('x')]])),
          attr('arn', ref('aws_sqs_queue.dlq', 'arn')),
        ],
        { labels: ['aws_sqs_queue', 'q'] },
      ),
    ]);
    expect(text).toBe(
      [
        'resource "aws_sqs_queue" "q" {',
        '  name                       = "a"',
        '  visibility_timeout_seconds = 30',
        '  tags = {',
        '    Name = "x"',
        '  }',
        '  arn = aws_sqs_queue.dlq.arn',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes template sequences in literal strings and keeps them in templates', () => {
    const text = printHcl([
      block('locals', [
        attr('literal', str('cost ${not_a_ref} and %{x}')),
        attr('template', tpl(variable('project'), '-', ref('aws_s3_bucket.b', 'id'))),
        attr('ids', list([str('a'), str('b')])),
      ]),
    ]);
    expect(text).toContain('literal  = "cost $${not_a_ref} and %%{x}"');
    expect(text).toContain('template = "${var.project}-${aws_s3_bucket.b.id}"');
  });
});
