// propose --planner llm, ask, refine and sketch through the CLI, with the real openai SDK against the loopback
// server: what is sent (schema, baseline, budget), what is written, caching and configuration errors.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/io.js';
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js';
import { bufferChangeSet, files, readGraphFile, runArchmap, shopGraphPath, workdir } from './support.js';

let server: OpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl });
const propose = ['propose', shopGraphPath, '--scenario', 'scale', '--planner', 'llm', '--model', 'gpt-test'];

describe('archmap propose --planner llm', () => {
  it('sends the ChangeSet JSON Schema, the compact graph and the offline baseline, and writes the validated plan', async () => {
    server.requests.length = 0;
    server.script({ content: bufferChangeSet });
    const dir = workdir();
    const r = await runArchmap([...propose, '-o', 'V2.json'], dir, env());
    expect(r.code).toBe(0);
    const body = server.requests[0]!.body;
    expect(body.model).toBe('gpt-test');
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.response_format?.json_schema?.name).toBe('changeset');
    expect(JSON.stringify(body.response_format?.json_schema?.schema)).toContain('"remove_node"');
    const user = body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain('aws_db_instance.orders database aws_db_instance');
    expect(user).toMatch(/Baseline plan from archmap's deterministic planner/);
    expect(user).toMatch(/plumbing collapsed \(\d+\)/);
    const v2 = readGraphFile(join(dir, 'V2.json'));
    expect(v2.changeset?.planner).toBe('llm');
    expect(v2.nodes.find((n) => n.id === 'aws_sqs_queue.orders_buffer')?.change).toBe('added');
    expect(r.stderr).toMatch(/^llm: gpt-test, 1 request; \d+ prompt \+ \d+ completion tokens/m);
  });

  it('falls back to json_object with the schema in the prompt when the server rejects json_schema', async () => {
    server.requests.length = 0;
    server.rejectJsonSchema = true;
    server.script({ content: bufferChangeSet });
    const dir = workdir();
    const r = await runArchmap([...propose, '-o', 'V2.json'], dir, env());
    server.rejectJsonSchema = false;
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.body.response_format?.type)).toEqual(['json_schema', 'json_object']);
    const system = server.requests[1]!.body.messages![0]!.content;
    expect(system).toMatch(/matches this JSON Schema:\n\{/);
    expect(existsSync(join(dir, 'V2.json'))).toBe(true);
  });

  it('answers a repeated prompt from the cache, and asks again with --no-cache', async () => {
    const dir = workdir({ cacheDir: 'llm-cache' });
    server.requests.length = 0;
    server.script({ content: bufferChangeSet });
    expect((await runArchmap([...propose, '-o', 'A.json'], dir, env())).code).toBe(0);
    const again = await runArchmap([...propose, '-o', 'B.json'], dir, env());
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(again.stderr).toMatch(/0 requests; .*1 answer from cache/);
    expect(readdirSync(join(dir, 'llm-cache'))).toHaveLength(1);
    server.script({ content: bufferChangeSet });
    expect((await runArchmap([...propose, '--no-cache', '-o', 'C.json'], dir, env())).code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('names OPENAI_API_KEY when it is missing, before any request', async () => {
    server.requests.length = 0;
    const dir = workdir();
    const r = await runArchmap([...propose, '-o', 'V2.json'], dir, { OPENAI_BASE_URL: server.baseUrl });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the LLM is not configured: OPENAI_API_KEY is not set$/m);
    expect(server.requests).toHaveLength(0);
    expect(files(dir)).toEqual(['archmap.config.json']);
  });

  it('names the model setting when no model is configured', async () => {
    const dir = workdir();
    const r = await runArchmap(
      ['propose', shopGraphPath, '--scenario', 'scale', '--planner', 'llm', '-o', 'V2.json'],
      dir,
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not configured: no model/);
    expect(r.stderr).toMatch(/--model .*llm\.model in archmap\.config\.json/);
  });

  it('rejects a bad llm section of archmap.config.json with the field path', async () => {
    const dir = workdir({ tokenBudget: 'lots' });
    const r = await runArchmap([...propose, '-o', 'V2.json'], dir, env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/archmap\.config\.json: llm\.tokenBudget: /);
  });
});

describe('archmap ask', () => {
  it('prints the answer with each cited node and where it was found', async () => {
    server.requests.length = 0;
    server.script({
      content: {
        answer: 'Orders are written by the worker Lambda into DynamoDB.',
        citations: [
          { id: 'aws_lambda_function.worker' },
          { id: 'aws_dynamodb_table.orders', why: 'the table' },
        ],
      },
    });
    const r = await runArchmap(
      ['ask', shopGraphPath, 'where are orders stored?', '--model', 'gpt-test'],
      workdir(),
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Orders are written by the worker Lambda into DynamoDB.');
    expect(r.stdout).toMatch(/- aws_lambda_function\.worker \(.*infra\/compute\.tf:90/);
    expect(r.stdout).toMatch(/- aws_dynamodb_table\.orders \(.*infra\/data\.tf:44.*\): the table/);
    expect(server.requests[0]!.body.messages![1]!.content).toContain('Question: where are orders stored?');
  });

  it('sends a cited id that is not in the graph back for repair, then fails naming it', async () => {
    server.requests.length = 0;
    const bad = { answer: 'The catalog db.', citations: [{ id: 'aws_db_instance.catalog' }] };
    server.script({ content: bad }, { content: bad });
    const r = await runArchmap(['ask', shopGraphPath, 'which db?', '--model', 'gpt-test'], workdir(), env());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/"aws_db_instance\.catalog" is not a node id of the graph/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('archmap refine', () => {
  it('writes the revised graph with the change marked', async () => {
    server.script({ content: bufferChangeSet });
    const dir = workdir();
    const r = await runArchmap(
      ['refine', shopGraphPath, 'buffer order writes with a queue', '--model', 'gpt-test', '-o', 'G2.json'],
      dir,
      env(),
    );
    expect(r.code).toBe(0);
    const g2 = readGraphFile(join(dir, 'G2.json'));
    expect(g2.edges.find((e) => e.to === 'aws_sqs_queue.orders_buffer')?.change).toBe('added');
    expect(r.stdout).toMatch(/Changes \(2\):/);
  });

  it('refuses to delete a database without a data-migration rationale', async () => {
    const deletion = {
      title: 'Drop the database',
      ops: [{ op: 'remove_node', id: 'aws_db_instance.orders', rationale: 'DynamoDB is enough' }],
    };
    server.script({ content: deletion }, { content: deletion });
    const dir = workdir();
    const r = await runArchmap(
      ['refine', shopGraphPath, 'simplify the data tier', '--model', 'gpt-test', '-o', 'G2.json'],
      dir,
      env(),
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /"aws_db_instance\.orders" is a database; removing a data store needs a rationale/,
    );
    expect(files(dir)).toEqual(['archmap.config.json']);
  });
});

describe('archmap sketch', () => {
  it('without an LLM, says it matched a reference architecture offline and writes a graph that renders', async () => {
    const dir = workdir();
    const r = await runArchmap(
      ['sketch', 'a video platform with uploads and transcoding', '-o', 'G.json'],
      dir,
      {},
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^offline sketch \(no LLM configured\): matched the reference architecture "Video streaming platform" \(video-streaming/,
    );
    const graph = parseGraph(JSON.stringify(readGraphFile(join(dir, 'G.json'))));
    expect(graph.node('aws_cloudfront_distribution.video')?.service).toBe('aws_cloudfront_distribution');
    const d = await runArchmap(['diagram', 'G.json', '-o', 'G.svg'], dir, {});
    expect(d.code).toBe(0);
    expect(files(dir)).toContain('G.svg');
  }, 180_000);

  it('with an LLM, writes the drafted graph with edge ids built from its ends', async () => {
    server.script({
      content: {
        name: 'todo',
        nodes: [
          { id: 'region:us-east-1', kind: 'region', name: 'us-east-1' },
          {
            id: 'aws_lambda_function.api',
            kind: 'function',
            name: 'api',
            service: 'aws_lambda_function',
            parent: 'region:us-east-1',
          },
          {
            id: 'aws_dynamodb_table.todos',
            kind: 'database',
            name: 'todos',
            service: 'aws_dynamodb_table',
            parent: 'region:us-east-1',
          },
        ],
        edges: [{ from: 'aws_lambda_function.api', to: 'aws_dynamodb_table.todos', kind: 'writes' }],
      },
    });
    const dir = workdir({ model: 'gpt-test' });
    const r = await runArchmap(['sketch', 'a todo API', '-o', 'G.json'], dir, env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/drafted by the LLM/);
    const g = readGraphFile(join(dir, 'G.json'));
    expect(g.edges.map((e) => e.id)).toEqual([
      'aws_lambda_function.api -> aws_dynamodb_table.todos (writes)',
    ]);
    expect(g.nodes.find((n) => n.id === 'aws_lambda_function.api')?.provider).toBe('aws');
  });
});
