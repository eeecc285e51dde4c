// Secrets canaries: 16 secret shapes planted in every source kind archmap reads (HCL, tfvars, state, plan, a live
// account through the loopback AWS server, compose, .env, TypeScript), each copy tagged with its source. The
// whole pipeline then runs through the CLI as a user runs it (scan, scan aws, merge, diagram in every format,
// review in every format, propose, scaffold, doc, pr) and through the studio API and its exports; no canary may
// appear in any file written, any stdout or any stderr.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/io.js';
import { startStudio } from '../../src/studio/server.js';
import { type AwsServer, startAwsServer, TEST_ACCESS_KEY, TEST_SECRET_KEY } from '../support/aws-server.js';
import { type CliResult, runCli } from '../support/cli.js';

type Source = 'hcl' | 'tfvars' | 'state' | 'plan' | 'aws' | 'compose' | 'env' | 'ts';
const SOURCES: Source[] = ['hcl', 'tfvars', 'state', 'plan', 'aws', 'compose', 'env', 'ts'];
/** A short tag per source, spelled into every secret planted from it, so a leak names where it came from. */
const TAG: Record<Source, string> = {
  hcl: 'Hcl',
  tfvars: 'Tfv',
  state: 'Stt',
  plan: 'Pln',
  aws: 'Aws',
  compose: 'Cmp',
  env: 'Env',
  ts: 'Tsc',
};

const pad = (s: string, filler: string, length: number) => (s + filler.repeat(4)).slice(0, length);

interface Canary {
  shape: string;
  /** The value as planted. */
  value: string;
  /** The part that must never appear in an output. */
  secret: string;
}

/** 16 shapes; `t` is the source tag. Names are neutral (V01…) except the one matched by name. */
function canaries(t: string): Canary[] {
  const c = (shape: string, value: string, secret: string) => ({ shape, value, secret });
  const gh = pad(`K2${t}`, 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed', 36);
  const google = pad(`K5${t}`, 'Qw9Er8Ty7Ui6Op5As4Df3Gh2Jk1', 35);
  const aws40 = `wJalrXUtnFEMI/K7MDENG/bPxRfi${pad(`K${t}`, 'CY9KEYZQXW', 12)}`;
  const akia = `AKIA${pad(`K${t.toUpperCase()}`, '7Q2W9E4R', 16)}`;
  const entropy = pad(`Zm9vK13${t}YmF6UXV4MTIzNDU2Nzg5MGFi`, 'Y2RlZkdISUpL', 48);
  return [
    c('stripe', `sk_live_K1${t}9w8E7r6T5y4U3i2`, `K1${t}9w8E7r6T5y4U3i2`),
    c('github', `ghp_${gh}`, gh),
    c('slack', `xoxb-K3${t}-2222222222-Ab9Cd8Ef7`, `K3${t}-2222222222-Ab9Cd8Ef7`),
    c('sendgrid', `SG.K4${t}aaaaBBBBcccc1234.K4${t}ddddEEEEffff5678`, `K4${t}aaaaBBBBcccc1234`),
    c('google', `AIza${google}`, google),
    c('postgres-url', `postgres://app:K6${t}pw0rd@db-${t.toLowerCase()}.example.com:5432/app`, `K6${t}pw0rd`),
    c('url-userinfo', `https://deploy:K7${t}pw@hooks-${t.toLowerCase()}.example.com/x`, `K7${t}pw`),
    c(
      'jwt',
      `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.K8${t}SignatureQ9w8E7r6T5y4`,
      `K8${t}SignatureQ9w8E7r6T5y4`,
    ),
    c('bearer', `Bearer K9${t}9f8e7d6c5b4aAbCd`, `K9${t}9f8e7d6c5b4aAbCd`),
    c('aws-secret-key', aws40, aws40),
    c('aws-access-key-id', akia, akia),
    c(
      'pem',
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEpK12${t}Body\n-----END RSA PRIVATE KEY-----`,
      `MIIEpK12${t}Body`,
    ),
    c('high-entropy', entropy, entropy),
    c('named-password', `horse-battery-K14${t}`, `K14${t}`),
    c('ado-net', `Server=db;Database=app;User Id=sa;Password=K15${t}Pw;`, `K15${t}Pw`),
    c('query-token', `https://api-${t.toLowerCase()}.example.com/v1?api_key=K16${t}abcdef`, `K16${t}abcdef`),
  ];
}

/** The variable name a canary is planted under: neutral, except for the shape caught by name. */
const nameOf = (c: Canary, i: number) =>
  c.shape === 'named-password' ? 'DB_PASSWORD' : `V${String(i + 1).padStart(2, '0')}`;
const envMap = (source: Source) =>
  Object.fromEntries(canaries(TAG[source]).map((c, i) => [nameOf(c, i), c.value]));
/** Tags carry secrets too: the first four shapes again, under neutral keys. */
const tagMap = (source: Source) =>
  Object.fromEntries(
    canaries(TAG[source])
      .slice(0, 4)
      .map((c, i) => [`T${i + 1}`, c.value]),
  );
const hclString = (s: string) => JSON.stringify(s).replace(/\$\{/g, '$${');

const A = '123456789012';
const R = 'eu-west-1';
const FN_ARN = `arn:aws:lambda:${R}:${A}:function:live-api`;

function stateResource(source: 'state' | 'plan') {
  return {
    function_name: `from-${source}`,
    arn: `arn:aws:lambda:${R}:${A}:function:from-${source}`,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    environment: [{ variables: envMap(source) }],
    tags: tagMap(source),
    tags_all: tagMap(source),
  };
}

function files(): Record<string, string> {
  const hclEnv = canaries(TAG.hcl)
    .map((c, i) => `      ${nameOf(c, i)} = ${hclString(c.value)}`)
    .join('\n');
  const tfvarsCanaries = canaries(TAG.tfvars);
  return {
    'infra/main.tf': `
resource "aws_sqs_queue" "orders" { name = "orders" }
resource "aws_lambda_function" "api" {
  function_name = "api"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.orders.url
${hclEnv}
    }
  }
  tags = { ${Object.entries(tagMap('hcl'))
    .map(([k, v]) => `${k} = ${hclString(v)}`)
    .join(', ')} }
}
${tfvarsCanaries.map((_c, i) => `variable "v${i + 1}" {}`).join('\n')}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  environment {
    variables = {
${tfvarsCanaries.map((c, i) => `      ${nameOf(c, i)} = var.v${i + 1}`).join('\n')}
    }
  }
}
`,
    'infra/terraform.tfvars': tfvarsCanaries.map((c, i) => `v${i + 1} = ${hclString(c.value)}`).join('\n'),
    // A syntax error quoting a secret: the warning must not echo it.
    'infra/broken.tf': `resource "aws_sns_topic" "t" {\n  name = "t"\n  password = "K17${TAG.hcl}SyntaxSecret\n`,
    'infra/terraform.tfstate': JSON.stringify({
      version: 4,
      terraform_version: '1.9.0',
      serial: 1,
      lineage: 'canary',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_lambda_function',
          name: 'from_state',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [{ schema_version: 0, attributes: stateResource('state'), sensitive_attributes: [] }],
        },
      ],
    }),
    'infra/canary.tfplan.json': JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.0',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_lambda_function.from_plan',
              mode: 'managed',
              type: 'aws_lambda_function',
              name: 'from_plan',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              schema_version: 0,
              values: stateResource('plan'),
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_lambda_function.from_plan',
          mode: 'managed',
          type: 'aws_lambda_function',
          name: 'from_plan',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['create'], before: null, after: stateResource('plan') },
        },
      ],
    }),
    'docker-compose.yml': `services:\n  api:\n    build: ./services/api\n    environment:\n${canaries(
      TAG.compose,
    )
      .map((c, i) => `      ${nameOf(c, i)}: ${JSON.stringify(c.value)}`)
      .join('\n')}\n${canaries(TAG.env)
      .map((_c, i) => `      E${i + 1}: \${E${i + 1}}`)
      .join('\n')}\n  db:\n    image: postgres:16\n`,
    '.env': canaries(TAG.env)
      .map((c, i) => `E${i + 1}=${JSON.stringify(c.value)}`)
      .join('\n'),
    'services/api/package.json': JSON.stringify({
      name: 'api',
      dependencies: { '@aws-sdk/client-sqs': '3.0.0' },
    }),
    'services/api/tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
    'services/api/src/index.ts': `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
const settings = {
${canaries(TAG.ts)
  .map((c, i) => `  ${nameOf(c, i)}: ${JSON.stringify(c.value)},`)
  .join('\n')}
};
export async function handler() {
  await fetch('https://svc:K7${TAG.ts}pw@payments.example.com/charge', { headers: { Authorization: 'Bearer K9${TAG.ts}9f8e7d6c5b4aAbCd' } });
  await fetch(${JSON.stringify(canaries(TAG.ts)[15]!.value)});
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(settings) }));
}
`,
  };
}

/** Every secret of every source, plus the syntax-error one. */
const ALL = [
  ...SOURCES.flatMap((s) => canaries(TAG[s]).map((c) => ({ ...c, source: s }))),
  { shape: 'syntax-error', value: '', secret: `K17${TAG.hcl}SyntaxSecret`, source: 'hcl' as Source },
];

function leaks(text: string): string[] {
  return ALL.filter((c) => text.includes(c.secret)).map((c) => `${c.source}/${c.shape}`);
}

let dir: string;
let out: string;
let aws: AwsServer;
const outputs: { label: string; text: string }[] = [];
const record = (label: string, text: string) => outputs.push({ label, text });

async function cli(label: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await runCli(args, { cwd: dir, env });
  record(`${label} (stdout)`, r.stdout);
  record(`${label} (stderr)`, r.stderr);
  expect(r.code, `${label}: ${r.stderr}`).toBeLessThan(2);
  return r;
}

/** Every file under `path` (or the file itself), recorded as an output. */
async function recordFiles(label: string, path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) {
    record(`${label} ${path.slice(out.length + 1)}`, await readFile(path, 'utf8'));
    return 1;
  }
  let n = 0;
  for (const e of await readdir(path)) n += await recordFiles(label, join(path, e));
  return n;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archmap-canary-'));
  out = join(dir, 'out');
  for (const [rel, text] of Object.entries(files())) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  const awsCanaries = canaries(TAG.aws);
  aws = await startAwsServer({
    accounts: [
      {
        account: A,
        regions: {
          [R]: {
            tagging: [
              {
                ResourceARN: FN_ARN,
                Tags: Object.entries(tagMap('aws')).map(([Key, Value]) => ({ Key, Value })),
              },
            ],
            cloudControl: {
              'AWS::Lambda::Function': [
                {
                  Identifier: 'live-api',
                  Properties: JSON.stringify({
                    FunctionName: 'live-api',
                    Arn: FN_ARN,
                    Runtime: 'nodejs20.x',
                    Environment: { Variables: envMap('aws') },
                    Description: awsCanaries[5]!.value,
                  }),
                },
              ],
            },
          },
        },
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  await aws?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('secrets canaries planted in every source kind', () => {
  it('16 shapes are planted in each of the 8 source kinds', () => {
    expect(new Set(canaries('X').map((c) => c.shape)).size).toBe(16);
    for (const s of SOURCES) expect(canaries(TAG[s]).every((c) => c.value.includes(c.secret))).toBe(true);
  });

  it('run through the whole pipeline, they appear in no output and no stderr', async () => {
    await mkdir(out);
    const g = (f: string) => join(out, f);
    await cli('scan', ['scan', '.', '-o', g('repo.json')]);
    await cli('scan aws', ['scan', 'aws', '--endpoint-url', aws.url, '--regions', R, '-o', g('live.json')], {
      AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: TEST_SECRET_KEY,
      AWS_REGION: R,
    });
    // A plan is read when named (`--plan`): its planned values carry the plan's canaries.
    await cli('scan terraform --plan', [
      'scan',
      'terraform',
      'infra',
      '--plan',
      'infra/canary.tfplan.json',
      '-o',
      g('plan.json'),
    ]);
    await cli('merge', ['merge', g('repo.json'), g('plan.json'), g('live.json'), '-o', g('archmap.json')]);
    const json = await readFile(g('archmap.json'), 'utf8');
    record('archmap.json', json);

    // Not vacuous: every source reached the graph, its secrets replaced by markers around the kept parts.
    const graph = parseGraph(json);
    for (const id of [
      'aws_lambda_function.api',
      'aws_lambda_function.worker',
      'aws_lambda_function.from_state',
      'aws_lambda_function.from_plan',
      FN_ARN,
    ])
      expect(graph.hasNode(id) || graph.nodes().some((n) => n.aliases?.includes(id)), id).toBe(true);
    for (const s of ['hcl', 'tfvars', 'state', 'plan', 'aws'] as Source[])
      expect(json, `${s} values reached the graph`).toContain(
        `postgres://app:<redacted:password>@db-${TAG[s].toLowerCase()}.example.com`,
      );
    // Compose, .env and code values bind names (hosts, queues) and are not kept as values; the files were read.
    const sourceFiles = new Set(graph.nodes().flatMap((n) => n.sources.map((x) => x.file ?? '')));
    expect(sourceFiles).toContain('docker-compose.yml');
    expect([...sourceFiles].some((f) => f.endsWith('services/api/src/index.ts'))).toBe(true);
    expect(json).toContain('payments.example.com');
    expect(graph.diagnostics.some((d) => d.file?.endsWith('broken.tf'))).toBe(true);

    for (const ext of ['d2', 'svg', 'mmd', 'drawio', 'dsl'])
      await cli(`diagram .${ext}`, ['diagram', g('archmap.json'), '-o', g(`diagram.${ext}`)]);
    for (const format of ['text', 'json', 'sarif'])
      await cli(`review --format ${format}`, ['review', g('archmap.json'), '--format', format]);
    await cli('propose', ['propose', g('archmap.json'), '--scenario', 'ha', '-o', g('v2.json')]);
    await cli('scaffold terraform', ['scaffold', g('v2.json'), '-o', g('tf')]);
    await cli('scaffold cdktf', ['scaffold', g('v2.json'), '--format', 'cdktf', '-o', g('cdktf')]);
    await cli('doc', ['doc', g('v2.json'), '--base', g('archmap.json'), '-o', g('design.md')]);
    await cli('pr', [
      'pr',
      '--base',
      g('archmap.json'),
      '--head',
      g('v2.json'),
      '--sarif',
      g('pr.sarif'),
      '-o',
      g('pr.md'),
    ]);
    const written = await recordFiles('file', out);
    expect(written).toBeGreaterThan(20);

    // The studio over the same graph: the graph, every node, a scenario's node, and the exports.
    const studio = await startStudio({ graph, env: {}, warm: false });
    try {
      const base = studio.url.replace(/\/$/, '');
      const get = async (path: string) => {
        const r = await fetch(`${base}${path}`);
        expect(r.status, path).toBe(200);
        record(`studio GET ${path}`, await r.text());
      };
      await get('/api/graph');
      for (const n of graph.nodes()) await get(`/api/node/${encodeURIComponent(n.id)}`);
      await get(`/api/node/${encodeURIComponent('aws_lambda_function.api')}?scenario=ha`);
      for (const format of ['terraform', 'design', 'mermaid', 'd2'] as const) {
        const r = await fetch(`${base}/api/export`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ format, scenario: { scenario: 'ha' } }),
        });
        expect(r.status, format).toBe(200);
        const body = new Uint8Array(await r.arrayBuffer());
        if (format === 'terraform') {
          const entries = Object.entries(unzipSync(body));
          expect(entries.length).toBeGreaterThan(3);
          for (const [name, bytes] of entries)
            record(`studio export zip ${name}`, new TextDecoder().decode(bytes));
        } else record(`studio export ${format}`, new TextDecoder().decode(body));
      }
    } finally {
      await studio.close();
    }

    const found = outputs.flatMap((o) => leaks(o.text).map((l) => `${o.label}: ${l}`));
    expect(found).toEqual([]);
    // And the checker does see a planted secret when one is there.
    expect(leaks(files()['infra/main.tf']!).length).toBeGreaterThanOrEqual(16);
  }, 900_000);
});
