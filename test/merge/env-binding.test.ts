// Names bound through every environment: per-environment tfvars, env values that name a resource, and names
// built from env vars in code. No phantom node when a binding exists; one warned placeholder when none does.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { environmentFiles, scanDirectory } from '../../src/index.js';
import { UsageError } from '../../src/model/index.js';
import { writeTree } from '../analyzers/typescript/support.js';

const FIXTURE = join('fixtures/realworld/tfvars-per-environment');
const phantoms = (ids: string[]) => ids.filter((id) => id.startsWith('ref:') || id.startsWith('code:'));

describe('names bound through per-environment tfvars', () => {
  test.each([
    ['no environment chosen (names bound by their shape)', undefined],
    ['--env staging', 'staging'],
    ['--env prod', 'prod'],
  ])('no phantom node: %s', async (_label, env) => {
    const { graph } = await scanDirectory(FIXTURE, env ? { env } : {});
    expect(phantoms(graph.nodes().map((n) => n.id))).toEqual([]);
    expect(
      graph
        .edges()
        .filter((e) => e.from === 'aws_lambda_function.ingest' && e.kind !== 'depends_on')
        .map((e) => `${e.kind} ${e.to}`)
        .sort(),
    ).toEqual([
      'reads aws_dynamodb_table.orders',
      'writes aws_dynamodb_table.events',
      'writes aws_s3_bucket.archive',
    ]);
    expect(graph.diagnostics.filter((d) => d.code === 'code-env-unbound')).toEqual([]);
  });

  test('--env picks that environment’s file and the names take its values', async () => {
    const { graph } = await scanDirectory(FIXTURE, { env: 'prod' });
    expect(graph.node('aws_dynamodb_table.events')?.name).toBe('events-prod');
    expect(graph.node('aws_dynamodb_table.orders')?.name).toBe('orders-prod');
  });

  test('an unknown --env is a usage error that lists the environment files', async () => {
    await expect(scanDirectory(FIXTURE, { env: 'qa' })).rejects.toThrow(UsageError);
  });

  test('environment files: the only one is picked, several need --env', () => {
    const one = writeTree({ 'infra/main.tf': '', 'infra/dev.tfvars': 'a = 1\n', 'infra/x.auto.tfvars': '' });
    expect(environmentFiles(one).files.map((f) => f.slice(one.length))).toEqual(['/infra/dev.tfvars']);
    const two = writeTree({
      'envs/dev/terraform.tfvars': '',
      'envs/prod/terraform.tfvars': '',
      'a.tfvars': '',
    });
    expect(environmentFiles(two).files).toEqual([]);
    expect(environmentFiles(two, { env: 'prod' }).files.map((f) => f.slice(two.length))).toEqual([
      '/envs/prod/terraform.tfvars',
    ]);
  });

  test('with no binding, one placeholder named after the variable and one warning', async () => {
    const root = writeTree({
      'infra/main.tf': `resource "aws_dynamodb_table" "t" {\n  name     = "things"\n  hash_key = "id"\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  filename      = "../fn/index.zip"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  role          = "r"\n}\n`,
      'fn/index.mjs': `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst c = new DynamoDBClient({});\nexport const handler = () => c.send(new GetItemCommand({ TableName: process.env.THINGS_TABLE, Key: {} }));\n`,
    });
    const { graph } = await scanDirectory(root);
    expect(phantoms(graph.nodes().map((n) => n.id))).toEqual(['ref:aws_dynamodb_table/env:THINGS_TABLE']);
    expect(graph.node('ref:aws_dynamodb_table/env:THINGS_TABLE')?.name).toBe('$THINGS_TABLE');
    const warnings = graph.diagnostics.filter((d) => d.code === 'code-env-unbound');
    expect(warnings.map((w) => `${w.file}:${w.line}`)).toEqual(['fn/index.mjs:3']);
  });
});
