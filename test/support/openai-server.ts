// A loopback OpenAI-compatible endpoint for tests and benchmarks: real HTTP on 127.0.0.1 speaking the Chat
// Completions wire format, so the real `openai` SDK talks to it through `baseURL`. It answers from a script,
// injects faults on demand and records every request body it received (the redaction tests read them).
//
// Wire format (looked up, not guessed): https://platform.openai.com/docs/api-reference/chat/create and
// https://platform.openai.com/docs/api-reference/chat/object — non-streaming response object with
// `id`, `object: "chat.completion"`, `created`, `model`, `choices[{index, message{role, content, refusal},
// logprobs, finish_reason}]`, `usage{prompt_tokens, completion_tokens, total_tokens}`; errors are
// `{"error": {"message", "type", "param", "code"}}` with the HTTP status (429 carries `Retry-After`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OpenAiFault =
  /** Never answers (the client's timeout fires). */
  | { fault: 'timeout' }
  /** 429 with `Retry-After: <seconds>`. */
  | { fault: 'rate-limit'; retryAfter: number }
  /** 500 (or the given 5xx) with an error body. */
  | { fault: 'server-error'; status?: number }
  /** 200 whose body is not JSON at all. */
  | { fault: 'invalid-json-body' }
  /** 200 with `choices: []`. */
  | { fault: 'empty-choices' }
  /** 400 `response_format json_schema is not supported`, as servers without structured output answer. */
  | { fault: 'reject-json-schema' };

/** One scripted answer: the assistant message content (objects are JSON-encoded), or a fault. */
export type ScriptStep = { content: string | object } | OpenAiFault;

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw request body, as it went over the wire. */
  raw: string;
  body: {
    model?: string;
    messages?: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  };
  at: number;
}

export interface OpenAiServer {
  /** `http://127.0.0.1:<port>/v1`, for OPENAI_BASE_URL. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Appends answers; each request consumes one. When the script runs out, `fallback` answers. */
  script(...steps: ScriptStep[]): void;
  /** Answers requests when the script is empty (default: 500 "script exhausted"). */
  fallback: ((request: RecordedRequest) => ScriptStep) | undefined;
  /** Rejects `json_schema` response formats on every request (a json_object-only server). */
  rejectJsonSchema: boolean;
  close(): Promise<void>;
}

function countTokensRough(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

/**
 * Starts a server on a free loopback port.
 * @example
 * const server = await startOpenAiServer();
 * server.script({ content: { title: 'x', ops: [] } });
 * // OPENAI_BASE_URL=server.baseUrl
 */
export async function startOpenAiServer(): Promise<OpenAiServer> {
  const queue: ScriptStep[] = [];
  const hanging = new Set<ServerResponse>();
  let counter = 0;
  const state: OpenAiServer = {
    baseUrl: '',
    requests: [],
    script: (...steps) => queue.push(...steps),
    fallback: undefined,
    rejectJsonSchema: false,
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error');
      return;
    }
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(raw);
    } catch {
      sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
      return;
    }
    const request: RecordedRequest = { path: req.url, headers: req.headers, raw, body, at: Date.now() };
    state.requests.push(request);
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      sendError(res, 401, 'You did not provide an API key.', 'invalid_request_error');
      return;
    }
    if (state.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      sendError(
        res,
        400,
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        'invalid_request_error',
      );
      return;
    }
    const step: ScriptStep = queue.shift() ??
      state.fallback?.(request) ?? { fault: 'server-error', status: 500 };
    if ('fault' in step) {
      switch (step.fault) {
        case 'timeout':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'rate-limit':
          sendError(res, 429, 'Rate limit reached for requests', 'requests', {
            'retry-after': String(step.retryAfter),
          });
          return;
        case 'server-error':
          sendError(
            res,
            step.status ?? 500,
            'The server had an error while processing your request.',
            'server_error',
          );
          return;
        case 'invalid-json-body':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id": "chatcmpl-broken", "choices": [ <html>upstream proxy error');
          return;
        case 'reject-json-schema':
          sendError(
            res,
            400,
            "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
            'invalid_request_error',
          );
          return;
        case 'empty-choices':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id: `chatcmpl-${++counter}`,
              object: 'chat.completion',
              created: 1_700_000_000,
              model: body.model ?? 'unknown',
              choices: [],
              usage: {
                prompt_tokens: countTokensRough(raw),
                completion_tokens: 0,
                total_tokens: countTokensRough(raw),
              },
              system_fingerprint: null,
            }),
          );
          return;
      }
    }
    const content = typeof step.content === 'string' ? step.content : JSON.stringify(step.content);
    const prompt = countTokensRough(raw);
    const completion = countTokensRough(content);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${++counter}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model ?? 'unknown',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
        system_fingerprint: null,
      }),
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, String(error), 'server_error'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
