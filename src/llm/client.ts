// One structured call to an OpenAI-compatible Chat Completions endpoint: JSON Schema response format (json_object
// with the schema in the prompt when the server rejects it), answers validated with zod and a task check, one
// repair round, an on-disk cache keyed by (model, prompt hash), and errors mapped to one-line ExternalErrors.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { z } from 'zod';
import { ExternalError } from '../model/errors.js';
import { formatZodIssues } from '../model/io.js';
import type { Redactor } from './redact.js';
import type { LlmSettings } from './settings.js';

export interface LlmUsage {
  model: string;
  /** Requests sent to the endpoint (cache hits not counted). */
  calls: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface StructuredRequest<T> {
  /** The JSON Schema name (`changeset`, `answer`, `graph`). */
  name: string;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** Checks beyond the schema (ids exist…); problems go back to the model for one repair round. */
  check?: (value: T) => string[];
  /** Earlier exchanges of a session, sent between the system prompt and this request (scrubbed again). */
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
}

type Message = { role: 'system' | 'user' | 'assistant'; content: string };
type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } }
  | { type: 'json_object' };

/**
 * The JSON Schema sent as `response_format`. Strict mode is off on purpose: OpenAI's strict mode needs every
 * property in `required` and `additionalProperties: false` everywhere, which our schemas' optional fields and
 * open `props` records do not meet. The server still steers towards the schema, and zod checks the answer.
 */
export function responseSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The longest Retry-After archmap waits for; a longer one fails at once with the wait in the message. */
export const MAX_RETRY_AFTER_SECONDS = 30;

function retryAfterSeconds(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) return ms / 1000;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  return Number.isNaN(seconds) ? (Date.parse(value) - Date.now()) / 1000 : seconds;
}

/**
 * fetch for the SDK: the SDK honours Retry-After however long it is, so a longer wait than archmap accepts is
 * marked `x-should-retry: false` (a header the SDK obeys) and surfaces as a 429 right away.
 */
const boundedFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const wait = retryAfterSeconds(response.headers);
  if (wait === undefined || wait <= MAX_RETRY_AFTER_SECONDS) return response;
  const headers = new Headers(response.headers);
  headers.set('x-should-retry', 'false');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};

function hintFor(settings: LlmSettings): string {
  return `endpoint ${settings.baseUrl ?? 'https://api.openai.com/v1'}, model ${settings.model}`;
}

/** Maps what the SDK throws to one line the user can act on. */
function mapError(error: unknown, settings: LlmSettings): Error {
  const where = hintFor(settings);
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ExternalError(`the LLM did not answer within ${settings.timeoutMs} ms (${where})`, {
      hint: 'raise llm.timeoutMs in archmap.config.json, or try a smaller model',
    });
  const wait =
    error instanceof OpenAI.APIError && error.headers ? retryAfterSeconds(error.headers) : undefined;
  if (error instanceof OpenAI.RateLimitError && wait !== undefined && wait > MAX_RETRY_AFTER_SECONDS)
    return new ExternalError(
      `the LLM endpoint is rate-limiting (429) and asks to wait ${Math.round(wait)} s, longer than the ${MAX_RETRY_AFTER_SECONDS} s archmap waits (${where})`,
      { hint: 'retry later' },
    );
  if (error instanceof OpenAI.RateLimitError)
    return new ExternalError(
      `the LLM endpoint is rate-limiting (429) after ${settings.maxRetries} retries (${where})`,
      {
        hint: 'wait and retry, or raise llm.maxRetries',
      },
    );
  if (error instanceof OpenAI.AuthenticationError)
    return new ExternalError(`the LLM endpoint rejected the API key (401) (${where})`, {
      hint: 'check OPENAI_API_KEY',
    });
  if (error instanceof OpenAI.NotFoundError)
    return new ExternalError(`the LLM endpoint does not know this model or path (404) (${where})`, {
      hint: 'check --model and OPENAI_BASE_URL (it usually ends in /v1)',
    });
  if (error instanceof OpenAI.APIError && typeof error.status === 'number' && error.status >= 500)
    return new ExternalError(`the LLM endpoint failed with HTTP ${error.status} (${where})`, {
      hint: 'the server had an error; retry later',
    });
  if (error instanceof OpenAI.APIConnectionError)
    return new ExternalError(`cannot reach the LLM endpoint (${where})`, {
      hint: 'check OPENAI_BASE_URL and that the server is running',
    });
  if (error instanceof OpenAI.APIError)
    return new ExternalError(`the LLM endpoint refused the request: HTTP ${error.status} ${error.message}`, {
      hint: where,
    });
  return new ExternalError(
    `the LLM endpoint sent a response that is not a Chat Completions answer (${(error as Error).message.split('\n')[0]})`,
    { hint: where },
    { cause: error },
  );
}

function firstLines(problems: string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown} (+${problems.length - 3} more)` : shown;
}

export class LlmClient {
  readonly usage: LlmUsage;
  private readonly openai: OpenAI;
  /** Becomes json_object once the server has rejected json_schema. */
  private mode: 'json_schema' | 'json_object' = 'json_schema';

  constructor(
    readonly settings: LlmSettings,
    readonly redactor: Redactor,
  ) {
    this.openai = new OpenAI({
      apiKey: settings.apiKey,
      ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      fetch: boundedFetch,
    });
    this.usage = {
      model: settings.model,
      calls: 0,
      cacheHits: 0,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
    };
  }

  private format<T>(request: StructuredRequest<T>): ResponseFormat {
    if (this.mode === 'json_object') return { type: 'json_object' };
    return {
      type: 'json_schema',
      json_schema: { name: request.name, schema: responseSchema(request.schema), strict: false },
    };
  }

  private withSchemaInPrompt<T>(messages: Message[], request: StructuredRequest<T>): Message[] {
    if (this.mode === 'json_schema') return messages;
    const [system, ...rest] = messages;
    const schema = JSON.stringify(responseSchema(request.schema));
    return [
      {
        role: 'system',
        content: `${system!.content}\n\nAnswer with one JSON object (no prose, no code fence) that matches this JSON Schema:\n${schema}`,
      },
      ...rest,
    ];
  }

  private cacheKey(messages: Message[], format: ResponseFormat): string {
    return createHash('sha256')
      .update(JSON.stringify({ model: this.settings.model, messages, format }))
      .digest('hex');
  }

  private async cached(key: string): Promise<string | undefined> {
    if (!this.settings.cache) return undefined;
    try {
      const entry = JSON.parse(await readFile(join(this.settings.cacheDir, `${key}.json`), 'utf8'));
      return typeof entry.content === 'string' ? entry.content : undefined;
    } catch {
      return undefined;
    }
  }

  private async store(key: string, content: string): Promise<void> {
    if (!this.settings.cache) return;
    try {
      await mkdir(this.settings.cacheDir, { recursive: true });
      const path = join(this.settings.cacheDir, `${key}.json`);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify({ model: this.settings.model, content })}\n`);
      await rename(tmp, path);
    } catch {
      // A cache that cannot be written only costs a later request.
    }
  }

  /** One request; json_schema rejected with 400 switches to json_object and asks again. */
  private async send<T>(
    messages: Message[],
    request: StructuredRequest<T>,
  ): Promise<{ content: string; key: string }> {
    const outgoing = this.withSchemaInPrompt(messages, request);
    const format = this.format(request);
    const key = this.cacheKey(outgoing, format);
    const hit = await this.cached(key);
    if (hit !== undefined) {
      this.usage.cacheHits++;
      return { content: hit, key };
    }
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      this.usage.calls++;
      completion = await this.openai.chat.completions.create({
        model: this.settings.model,
        messages: outgoing,
        response_format: format,
        temperature: 0,
      });
    } catch (error) {
      if (
        this.mode === 'json_schema' &&
        error instanceof OpenAI.BadRequestError &&
        /response_format|json_schema|structured/i.test(error.message)
      ) {
        this.mode = 'json_object';
        return this.send(messages, request);
      }
      throw mapError(error, this.settings);
    }
    if (!completion || typeof completion !== 'object' || !Array.isArray(completion.choices))
      throw mapError(new Error('no choices array'), this.settings);
    if (completion.usage) {
      this.usage.promptTokens += completion.usage.prompt_tokens ?? 0;
      this.usage.completionTokens += completion.usage.completion_tokens ?? 0;
      this.usage.totalTokens += completion.usage.total_tokens ?? 0;
    }
    const content = completion.choices[0]?.message?.content;
    if (completion.choices.length === 0)
      throw new ExternalError(`the LLM endpoint answered with no choices (${hintFor(this.settings)})`, {
        hint: 'the server produced no completion; retry, or try another model',
      });
    if (typeof content !== 'string' || content.trim() === '')
      throw new ExternalError(
        `the LLM answered without content (finish_reason ${completion.choices[0]?.finish_reason ?? 'unknown'})`,
        { hint: hintFor(this.settings) },
      );
    return { content, key };
  }

  private problems<T>(content: string, request: StructuredRequest<T>): { value?: T; problems: string[] } {
    let raw: unknown;
    try {
      raw = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ''));
    } catch (error) {
      return { problems: [`the answer is not valid JSON (${(error as Error).message})`] };
    }
    const parsed = request.schema.safeParse(this.redactor.restore(raw));
    if (!parsed.success) return { problems: formatZodIssues(parsed.error, request.name) };
    const problems = request.check?.(parsed.data) ?? [];
    return problems.length ? { problems } : { value: parsed.data, problems };
  }

  /**
   * Asks for a JSON answer of `request.schema`. Invalid answers get one repair round with the problems listed;
   * then an ExternalError names them. Prompts are scrubbed of secrets and account ids before they are sent.
   * @example
   * const cs = await client.structured({ name: 'changeset', system, user, schema: ChangeSetSchema });
   */
  async structured<T>(request: StructuredRequest<T>): Promise<T> {
    const messages: Message[] = [
      { role: 'system', content: this.redactor.scrub(request.system) },
      ...(request.history ?? []).map((m) => ({ role: m.role, content: this.redactor.scrub(m.content) })),
      { role: 'user', content: this.redactor.scrub(request.user) },
    ];
    const first = await this.send(messages, request);
    const a = this.problems(first.content, request);
    if (a.value !== undefined) {
      await this.store(first.key, first.content);
      return a.value;
    }
    const repair: Message[] = [
      ...messages,
      { role: 'assistant', content: this.redactor.scrub(first.content) },
      {
        role: 'user',
        content: this.redactor.scrub(
          `Your answer was rejected:\n${a.problems.map((p) => `- ${p}`).join('\n')}\nUse only node ids from the graph (or ids you add). Answer again with the corrected JSON object only.`,
        ),
      },
    ];
    const second = await this.send(repair, request);
    const b = this.problems(second.content, request);
    if (b.value !== undefined) {
      await this.store(second.key, second.content);
      return b.value;
    }
    throw new ExternalError(`the LLM answer was rejected after one repair round: ${firstLines(b.problems)}`, {
      hint: 'nothing was written; try again, rephrase, or use a stronger --model',
    });
  }
}
