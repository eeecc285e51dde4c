// `ask --session NAME` twice: the second request carries the first exchange, redacted as the first request was,
// and the session file on disk holds no secret either. Real openai SDK against the loopback server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js';
import { bufferChangeSet, runArchmap, shopGraphPath, workdir } from './support.js';

let server: OpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl });
const KEY = 'AKIACANARYSESSION001';
const PASSWORD = 'postgres://app:canary-session-pw-9d2e@orders.internal:5432/orders';
const firstAnswer = {
  answer: 'SQS decouples the API from the worker; the key AKIACANARYANSWER0001 should be rotated.',
  citations: [{ id: 'aws_sqs_queue.orders' }],
};

describe('archmap ask --session', () => {
  it('sends the first exchange with the second question, redacted, and keeps it redacted on disk', async () => {
    server.requests.length = 0;
    const dir = workdir();
    server.script(
      { content: firstAnswer },
      {
        content: {
          answer: 'Because the worker is a Lambda consuming SQS.',
          citations: [{ id: 'aws_lambda_function.worker' }],
        },
      },
    );
    const first = await runArchmap(
      [
        'ask',
        shopGraphPath,
        `why SQS here? we use ${KEY} and ${PASSWORD}`,
        '--model',
        'm',
        '--no-cache',
        '--session',
        's',
      ],
      dir,
      env(),
    );
    expect(first.stderr).not.toMatch(/^error/m);
    expect(first.code).toBe(0);
    const file = join(dir, '.archmap', 'sessions', 's.json');
    expect(existsSync(file)).toBe(true);

    const second = await runArchmap(
      ['ask', shopGraphPath, 'why did you choose SQS?', '--model', 'm', '--no-cache', '--session', 's'],
      dir,
      env(),
    );
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(2);

    // First request: system + question. Second: system, the first exchange (user, assistant), the new question.
    expect(server.requests[0]!.body.messages!.map((m) => m.role)).toEqual(['system', 'user']);
    const messages = server.requests[1]!.body.messages!;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]!.content).toMatch(/^Question: why SQS here\? we use /);
    expect(messages[2]!.content).toContain('SQS decouples the API from the worker');
    expect(messages[3]!.content).toContain('Question: why did you choose SQS?');

    // Redaction still applies to what is replayed and to what is stored.
    for (const raw of [server.requests[0]!.raw, server.requests[1]!.raw, readFileSync(file, 'utf8')]) {
      expect(raw).not.toContain(KEY);
      expect(raw).not.toContain('canary-session-pw-9d2e');
      expect(raw).not.toContain('AKIACANARYANSWER0001');
    }
    expect(messages[1]!.content).toContain('postgres://app:');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(
      stored.turns.map((t: { command: string; request: string }) => [t.command, t.request.slice(0, 14)]),
    ).toEqual([
      ['ask', 'why SQS here? '],
      ['ask', 'why did you ch'],
    ]);
  });

  it('without --session sends no history and writes no session', async () => {
    server.requests.length = 0;
    const dir = workdir();
    server.script({ content: firstAnswer });
    const r = await runArchmap(['ask', shopGraphPath, 'why SQS?', '--model', 'm', '--no-cache'], dir, env());
    expect(r.code).toBe(0);
    expect(server.requests[0]!.body.messages!.map((m) => m.role)).toEqual(['system', 'user']);
    expect(existsSync(join(dir, '.archmap'))).toBe(false);
  });

  it('lets refine follow a question in the same session', async () => {
    server.requests.length = 0;
    const dir = workdir();
    server.script({ content: firstAnswer }, { content: bufferChangeSet });
    await runArchmap(
      ['ask', shopGraphPath, 'why SQS?', '--model', 'm', '--no-cache', '--session', 'plan'],
      dir,
      env(),
    );
    const r = await runArchmap(
      [
        'refine',
        shopGraphPath,
        'buffer order writes',
        '--model',
        'm',
        '--no-cache',
        '--session',
        'plan',
        '-o',
        'G2.json',
      ],
      dir,
      env(),
    );
    expect(r.code).toBe(0);
    expect(server.requests[1]!.body.messages!.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
    ]);
    const stored = JSON.parse(readFileSync(join(dir, '.archmap', 'sessions', 'plan.json'), 'utf8'));
    expect(stored.turns.map((t: { command: string }) => t.command)).toEqual(['ask', 'refine']);
    expect(stored.turns[1].response).toContain('Buffer order writes');
  });

  it('refuses a session name that is a path, before calling the LLM', async () => {
    server.requests.length = 0;
    const r = await runArchmap(
      ['ask', shopGraphPath, 'q?', '--model', 'm', '--session', '../../tmp/x'],
      workdir(),
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --session "\.\.\/\.\.\/tmp\/x": not a session name$/m);
    expect(server.requests).toHaveLength(0);
  });

  it('uses the documented default model with an API key and no base URL', async () => {
    const { resolveLlmSettings, DEFAULT_OPENAI_MODEL } = await import('../../src/llm/settings.js');
    expect(resolveLlmSettings({ env: { OPENAI_API_KEY: 'sk-x' } }).model).toBe(DEFAULT_OPENAI_MODEL);
    expect(() =>
      resolveLlmSettings({ env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' } }),
    ).toThrow(/no model/);
  });
});
