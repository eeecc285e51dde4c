// Secrets canaries planted in every source kind a directory scan reads (HCL, tfvars, state, compose, .env,
// TypeScript, a syntax error quoting a secret) must not appear in any output: archmap.json, diagnostics,
// review in every format, Terraform/CDKTF scaffolds, D2 and Mermaid, or a graph file read back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatReview,
  generate,
  parseGraph,
  review,
  scanDirectory,
  serializeGraph,
} from '../../src/index.js';
import type { ArchGraph } from '../../src/model/graph.js';

/** Each canary's secret part; the planted values wrap them in their real shapes. */
const SECRETS = {
  stripe: '51CanaryStripeQ9w8E7r6T5y4',
  pgPassword: 'CanaryPgPassw0rd',
  urlPassword: 'CanaryUrlPassw0rd',
  jwtSig: 'CanaryJwtSignatureQ9w8E7r6T5y4U3i2O1p0',
  bearer: 'CanaryBearer9f8e7d6c5b4aAbCd',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY',
  akia: 'AKIACANARYKEY0000001',
  pem: 'MIIEpCanaryPemBody',
  github: 'ghp_CanaryZx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed',
  dbpw: 'canary-horse-battery-staple',
  tagSecret: 'rk_live_CanaryTagQ9w8E7r6T5y4U3',
  composePw: 'CanaryComposePw1',
  envFile: 'sk_live_CanaryDotEnvQ9w8E7r6T5y4',
  codeKey: 'sk_live_CanaryCodeQ9w8E7r6T5y4U',
  syntax: 'CanarySyntaxSecret77',
  highEntropy: 'Zm9vQ2FuYXJ5QmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL',
};

const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYW5hcnkifQ.${SECRETS.jwtSig}`;

const FILES: Record<string, string> = {
  'infra/main.tf': `
variable "stripe_key" {}
resource "aws_sqs_queue" "orders" { name = "orders" }
resource "aws_lambda_function" "api" {
  function_name = "api"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  environment {
    variables = {
      QUEUE_URL    = aws_sqs_queue.orders.url
      STRIPE       = var.stripe_key
      DATABASE_URL = "postgres://app:${SECRETS.pgPassword}@db.example.com:5432/app"
      HOOK         = "https://deploy:${SECRETS.urlPassword}@hooks.example.com/x"
      SESSION      = "${jwt}"
      UPSTREAM     = "Bearer ${SECRETS.bearer}"
      AWS_SK       = "${SECRETS.awsSecret}"
      DBPW         = "${SECRETS.dbpw}"
      GH           = "${SECRETS.github}"
      BLOB         = "${SECRETS.highEntropy}"
    }
  }
  tags = { Team = "shop", Deploy = "${SECRETS.tagSecret}", Key = "${SECRETS.akia}" }
}
resource "aws_db_instance" "db" {
  identifier = "db"
  pwd        = "${SECRETS.dbpw}"
  user_data  = "-----BEGIN RSA PRIVATE KEY-----\\n${SECRETS.pem}\\n-----END RSA PRIVATE KEY-----"
}
`,
  'infra/terraform.tfvars': `stripe_key = "sk_live_${SECRETS.stripe}"\n`,
  'infra/broken.tf': `resource "aws_sns_topic" "t" {\n  name = "t"\n  password = "${SECRETS.syntax}\n`,
  'infra/terraform.tfstate': JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    serial: 1,
    lineage: 'canary',
    outputs: {},
    resources: [
      {
        mode: 'managed',
        type: 'aws_iam_access_key',
        name: 'ci',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 0,
            attributes: {
              id: SECRETS.akia,
              user: 'ci',
              ses_smtp_password_v4: 'x',
              encrypted: SECRETS.awsSecret,
            },
            sensitive_attributes: [],
          },
        ],
      },
    ],
  }),
  'docker-compose.yml': `services:\n  api:\n    build: ./services/api\n    environment:\n      DB_URL: postgres://svc:${SECRETS.composePw}@db:5432/app\n      STRIPE_SECRET: \${STRIPE_SECRET}\n  db:\n    image: postgres:16\n`,
  '.env': `STRIPE_SECRET=${SECRETS.envFile}\n`,
  'services/api/package.json': JSON.stringify({
    name: 'api',
    dependencies: { '@aws-sdk/client-sqs': '3.0.0' },
  }),
  'services/api/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
  'services/api/src/index.ts': `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
const stripeKey = '${SECRETS.codeKey}';
export async function handler() {
  await fetch('https://svc:${SECRETS.urlPassword}@payments.example.com/charge', { headers: { Authorization: 'Bearer ${SECRETS.bearer}' } });
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: stripeKey }));
}
`,
};

function expectClean(label: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(text.includes(secret), `${label} leaks the ${name} canary`).toBe(false);
  }
}

let dir: string;
let graph: ArchGraph;
let json: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archmap-canary-'));
  for (const [rel, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  graph = (await scanDirectory(dir)).graph;
  json = serializeGraph(graph);
}, 170_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('secrets canaries planted in every source kind', () => {
  it('the scan found the planted sources (the test is not vacuous)', () => {
    expect(graph.hasNode('aws_lambda_function.api')).toBe(true);
    expect(graph.hasNode('aws_db_instance.db')).toBe(true);
    expect(graph.diagnostics.some((d) => d.file?.endsWith('broken.tf'))).toBe(true);
    // The secret became a marker under its own name.
    const env = graph.node('aws_lambda_function.api')!.props.env as Record<string, string>;
    expect(env.DATABASE_URL).toBe('postgres://app:<redacted:password>@db.example.com:5432/app');
    expect(env.STRIPE).toMatch(/^<redacted/);
  });

  it('archmap.json and its diagnostics hold none of them', () => {
    expectClean('archmap.json', json);
  });

  it('a graph file read back, reviewed in every format, holds none of them', () => {
    const loaded = parseGraph(json);
    const result = review(loaded);
    for (const format of ['text', 'json', 'sarif'] as const)
      expectClean(`review --format ${format}`, formatReview(result, format));
  });

  it('generated Terraform, CDKTF, D2 and Mermaid hold none of them', async () => {
    for (const id of ['terraform', 'cdktf', 'd2', 'mermaid'] as const) {
      const files = await generate(id, graph, id === 'd2' ? { formats: ['d2'] } : {});
      expect(files.length, id).toBeGreaterThan(0);
      for (const f of files) expectClean(`${id} ${f.path}`, String(f.contents));
    }
  }, 120_000);

  it('a graph file that already holds secrets is scrubbed when it is read', () => {
    const dirty = JSON.parse(json);
    dirty.nodes[0].props.leaked = `postgres://u:${SECRETS.pgPassword}@h/db`;
    dirty.nodes[0].tags.deploy = `sk_live_${SECRETS.stripe}`;
    dirty.diagnostics.push({ severity: 'warning', code: 'x', message: `near token = "${SECRETS.syntax}"` });
    expectClean('parseGraph of a dirty file', serializeGraph(parseGraph(JSON.stringify(dirty))));
  });
});
