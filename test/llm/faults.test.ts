// Each fault of an OpenAI-compatible endpoint, through the CLI and the real openai SDK against the loopback
// server: a clear one-line error, exit 3, and no output file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiServer, type ScriptStep, startOpenAiServer } from '../support/openai-server.js';
import {
  bufferChangeSet,
  files,
  hallucinatedChangeSet,
  runArchmap,
  shopGraphPath,
  workdir,
} from './support.js';

let server: OpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl });

async function proposeWith(steps: ScriptStep[], llm: Record<string, unknown> = {}) {
  server.requests.length = 0;
  server.script(...steps);
  const dir = workdir(llm);
  const run = await runArchmap(
    [
      'propose',
      shopGraphPath,
      '--scenario',
      'scale',
      '--planner',
      'llm',
      '--model',
      'gpt-test',
      '-o',
      'V2.json',
    ],
    dir,
    env(),
  );
  return { ...run, dir, errorLines: run.stderr.split('\n').filter((l) => l.startsWith('error:')) };
}

describe('LLM endpoint faults', () => {
  it('times out with one line naming the timeout, and writes nothing', async () => {
    const r = await proposeWith([{ fault: 'timeout' }], { timeoutMs: 800 });
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/did not answer within 800 ms/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('honours Retry-After on 429 and succeeds on the retry', async () => {
    const r = await proposeWith([{ fault: 'rate-limit', retryAfter: 1 }, { content: bufferChangeSet }], {
      maxRetries: 2,
    });
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(900);
    expect(files(r.dir)).toContain('V2.json');
  });

  it('gives up on 429 after the configured retries, and writes nothing', async () => {
    const r = await proposeWith([{ fault: 'rate-limit', retryAfter: 0 }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/rate-limiting \(429\) after 0 retries/)]);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('does not wait for a Retry-After longer than 30 s: fails at once, saying how long the server asked for', async () => {
    const r = await proposeWith([{ fault: 'rate-limit', retryAfter: 3600 }], { maxRetries: 2 });
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([
      expect.stringMatching(/asks to wait 3600 s, longer than the 30 s archmap waits/),
    ]);
    expect(server.requests).toHaveLength(1);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('reports a 5xx as an endpoint failure, and writes nothing', async () => {
    const r = await proposeWith([{ fault: 'server-error', status: 503 }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/failed with HTTP 503/)]);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('reports a response body that is not JSON, and writes nothing', async () => {
    const r = await proposeWith([{ fault: 'invalid-json-body' }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/not a Chat Completions answer/)]);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('reports an answer with empty choices, and writes nothing', async () => {
    const r = await proposeWith([{ fault: 'empty-choices' }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/answered with no choices/)]);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('rejects content that is not JSON after one repair round', async () => {
    const r = await proposeWith([
      { content: 'Sure! Here is the plan: add a queue.' },
      { content: 'still prose' },
    ]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([
      expect.stringMatching(/rejected after one repair round: .*not valid JSON/),
    ]);
    expect(server.requests).toHaveLength(2);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('rejects schema-violating JSON after one repair round, naming the bad field', async () => {
    const bad = {
      title: 'x',
      ops: [{ op: 'add_node', node: { id: 'n', kind: 'mainframe' }, rationale: 'r' }],
    };
    const r = await proposeWith([{ content: bad }, { content: bad }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/changeset\.ops\[0\]\.node\.kind/)]);
    expect(server.requests[1]!.body.messages!.at(-1)!.content).toMatch(/changeset\.ops\[0\]\.node\.kind/);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('rejects hallucinated node ids after one repair round', async () => {
    const r = await proposeWith([{ content: hallucinatedChangeSet }, { content: hallucinatedChangeSet }]);
    expect(r.code).toBe(3);
    expect(r.errorLines).toEqual([expect.stringMatching(/no node "aws_db_instance\.catalog_replica"/)]);
    expect(files(r.dir)).toEqual(['archmap.config.json']);
  });

  it('accepts the repaired answer when the second try is valid', async () => {
    const r = await proposeWith([{ content: hallucinatedChangeSet }, { content: bufferChangeSet }]);
    expect(r.code).toBe(0);
    const repair = server.requests[1]!.body.messages!;
    expect(repair.at(-2)!.role).toBe('assistant');
    expect(repair.at(-1)!.content).toMatch(/no node "aws_db_instance\.catalog_replica"/);
    expect(files(r.dir)).toContain('V2.json');
  });
});
