// Canary secrets planted in Terraform state, tfvars, Lambda env, the process environment, tags and props must
// never reach a request body the LLM endpoint receives; account ids neither, unless --share-account-ids.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphFile } from '../../src/model/schema.js';
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js';
import { bufferChangeSet, repoRoot, runArchmap, workdir } from './support.js';

/** Planted in fixtures/projects/shop/state by the lead (see its README). */
const STATE_CANARIES = [
  'canary-db-password-3f9a',
  'canary-output-7c21',
  'canary-redis-auth-55d0',
  'AKIACANARY7Q3ZT5XW2N',
  'AKIACANARYV4LU3M9PQE',
];
const TFVARS_CANARIES = ['canary-tfvars-pw-81f2', 'sk_live_CanaryTfvarsKey9x8y7z6w'];
const ENV_CANARIES = ['canary-env-whsig-4e1d', 'AKIACANARYENV0000001'];
const PROCESS_ENV_CANARY = 'canary-process-env-77aa';
const API_KEY = 'sk-canary-api-key-0b3c9d';
/** Planted straight into archmap.json, where a careless encoder would pick them up. */
const GRAPH_CANARIES = {
  tag: 'canary-tag-token-31c0',
  sensitiveTag: 'canary-sensitive-tag-aa01',
  highEntropy: 'Zx8Qv2LmN4pR7sT1uW3yB6dF9hJ0kC5e',
  akia: 'AKIACANARYPROP000001',
  pem: '-----BEGIN RSA PRIVATE KEY-----',
  urlPassword: 'canary-url-pw-5e5e',
};
const QUESTION_CANARY = 'AKIACANARYQUESTION01';
const ACCOUNT = '123456789012';
/** A live AWS node: its id is an ARN, so the account id is part of the id itself. */
const PARTNER_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:partner-events`;

let server: OpenAiServer;
let dir: string;

beforeAll(async () => {
  server = await startOpenAiServer();
  // Like a model, the answer quotes the ids as it saw them: with the account placeholder when one was sent.
  server.fallback = (request) => {
    if (!/Question:/.test(request.raw)) return { content: bufferChangeSet };
    const account = request.raw.includes('<acct-1>') ? '<acct-1>' : ACCOUNT;
    return {
      content: {
        answer: `The worker, and the partner queue in account ${account}.`,
        citations: [{ id: 'aws_lambda_function.worker' }, { id: PARTNER_ARN.replace(ACCOUNT, account) }],
      },
    };
  };
  const project = mkdtempSync(join(tmpdir(), 'archmap-canary-'));
  cpSync(join(repoRoot, 'fixtures/projects/shop'), project, { recursive: true });
  const tfvars = join(project, 'infra/terraform.tfvars');
  writeFileSync(
    tfvars,
    `${readFileSync(tfvars, 'utf8')}db_password       = "${TFVARS_CANARIES[0]}"\nstripe_api_key    = "${TFVARS_CANARIES[1]}"\n`,
  );
  const compute = join(project, 'infra/compute.tf');
  writeFileSync(
    compute,
    readFileSync(compute, 'utf8').replace(
      'RECEIPTS_BUCKET = aws_s3_bucket.receipts.bucket',
      `RECEIPTS_BUCKET = aws_s3_bucket.receipts.bucket\n      WEBHOOK_SIGNING = "${ENV_CANARIES[0]}"\n      PARTNER_ID      = "${ENV_CANARIES[1]}"`,
    ),
  );
  dir = workdir();
  const scan = await runArchmap(['scan', 'all', project, '-o', 'G.json'], dir, {});
  expect(scan.code, scan.stderr).toBe(0);
  const graph = JSON.parse(readFileSync(join(dir, 'G.json'), 'utf8')) as GraphFile;
  const worker = graph.nodes.find((n) => n.id === 'aws_lambda_function.worker')!;
  worker.tags = {
    ...worker.tags,
    api_token: GRAPH_CANARIES.tag,
    sensitive_contact: GRAPH_CANARIES.sensitiveTag,
  };
  worker.props = {
    ...worker.props,
    webhook: GRAPH_CANARIES.highEntropy,
    partner: GRAPH_CANARIES.akia,
    cert: `${GRAPH_CANARIES.pem}\nMIIEcanary\n-----END RSA PRIVATE KEY-----`,
    upstream: `https://svc:${GRAPH_CANARIES.urlPassword}@partner.example.com`,
  };
  graph.nodes.push({
    id: PARTNER_ARN,
    kind: 'queue',
    name: 'partner-events',
    provider: 'aws',
    service: 'aws_sqs_queue',
    parent: 'region:eu-west-1',
    props: {},
    tags: {},
    sources: [{ analyzer: 'aws', arn: PARTNER_ARN }],
  });
  graph.edges.push({
    id: `aws_lambda_function.worker -> ${PARTNER_ARN} (publishes)`,
    from: 'aws_lambda_function.worker',
    to: PARTNER_ARN,
    kind: 'publishes',
    sources: [],
  });
  writeFileSync(join(dir, 'G.json'), JSON.stringify(graph));
}, 180_000);
afterAll(() => server.close());

const env = () => ({
  OPENAI_API_KEY: API_KEY,
  OPENAI_BASE_URL: server.baseUrl,
  DB_PASSWORD: PROCESS_ENV_CANARY,
});

describe('redaction', () => {
  it('the scanned and planted graph really holds the canaries that archmap.json is allowed to keep', () => {
    const text = readFileSync(join(dir, 'G.json'), 'utf8');
    for (const c of Object.values(GRAPH_CANARIES)) expect(text).toContain(c);
    expect(text).toContain(ACCOUNT);
  });

  it('sends no canary secret and no account id from scan → propose --planner llm and ask', async () => {
    server.requests.length = 0;
    const propose = await runArchmap(
      [
        'propose',
        'G.json',
        '--scenario',
        'scale',
        '--planner',
        'llm',
        '--model',
        'm',
        '--no-cache',
        '-o',
        'V2.json',
      ],
      dir,
      env(),
    );
    expect(propose.code, propose.stderr).toBe(0);
    const ask = await runArchmap(
      ['ask', 'G.json', `which service uses the key ${QUESTION_CANARY}?`, '--model', 'm', '--no-cache'],
      dir,
      env(),
    );
    expect(ask.code, ask.stderr).toBe(0);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    const bodies = server.requests.map((r) => r.raw).join('\n');
    const canaries = [
      ...STATE_CANARIES,
      ...TFVARS_CANARIES,
      ...ENV_CANARIES,
      PROCESS_ENV_CANARY,
      API_KEY,
      ...Object.values(GRAPH_CANARIES),
      QUESTION_CANARY,
      ACCOUNT,
    ];
    expect(canaries.filter((c) => bodies.includes(c))).toEqual([]);
    expect(bodies.includes('aws_lambda_function.worker')).toBe(true);
    expect(bodies.includes('arn:aws:sqs:eu-west-1:<acct-1>:partner-events')).toBe(true);
    // The placeholder in the answer is mapped back to the real account id, so the citation validates.
    expect(ask.stdout).toContain(`- ${PARTNER_ARN} (${PARTNER_ARN})`);
  }, 120_000);

  it('sends account ids only with --share-account-ids, still without secrets', async () => {
    server.requests.length = 0;
    const ask = await runArchmap(
      ['ask', 'G.json', 'which account is this?', '--model', 'm', '--no-cache', '--share-account-ids'],
      dir,
      env(),
    );
    expect(ask.code, ask.stderr).toBe(0);
    const bodies = server.requests.map((r) => r.raw).join('\n');
    expect(bodies.includes(PARTNER_ARN)).toBe(true);
    expect(bodies.includes(GRAPH_CANARIES.highEntropy)).toBe(false);
    expect(bodies.includes(GRAPH_CANARIES.akia)).toBe(false);
  }, 120_000);
});
