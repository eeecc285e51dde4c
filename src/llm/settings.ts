// LLM settings: the `llm` section of archmap.config.json, the OPENAI_* environment and the --model flag,
// resolved into one object. Asking for the LLM without a setting it needs is a UsageError naming that setting.
import { z } from 'zod';
import { UsageError } from '../model/errors.js';
import { formatZodIssues } from '../model/io.js';

export const LlmConfigSchema = z
  .object({
    model: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    /** Prompt budget in tokens for the graph and the baseline plan (default 12000). */
    tokenBudget: z.number().int().min(500).optional(),
    timeoutMs: z.number().int().positive().optional(),
    /** Where answers are cached (default .archmap-cache). */
    cacheDir: z.string().min(1).optional(),
    /** Retries of 429/5xx/timeouts (Retry-After is honoured up to 60 s; default 2). */
    maxRetries: z.number().int().min(0).max(10).optional(),
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmConfigSchema>;

export interface LlmSettings {
  model: string;
  baseUrl: string | undefined;
  apiKey: string;
  tokenBudget: number;
  timeoutMs: number;
  cacheDir: string;
  maxRetries: number;
  /** False with --no-cache. */
  cache: boolean;
  /** True with --share-account-ids: 12-digit account ids are sent as they are. */
  shareAccountIds: boolean;
}

export interface LlmSettingsInput {
  /** The `llm` section of archmap.config.json, unparsed. */
  config?: unknown;
  configFile?: string;
  env?: Record<string, string | undefined>;
  model?: string;
  cache?: boolean;
  shareAccountIds?: boolean;
}

export const DEFAULT_TOKEN_BUDGET = 12_000;
/**
 * The model used with OpenAI's own endpoint (an API key, no base URL) when none is configured: small, cheap and
 * able to follow a JSON Schema. A custom base URL (Ollama, a proxy) still needs --model or llm.model.
 */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 60_000;

function parseConfig(input: LlmSettingsInput): LlmConfig {
  if (input.config === undefined) return {};
  const parsed = LlmConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    const file = input.configFile ?? 'archmap.config.json';
    throw new UsageError(`${file}: ${formatZodIssues(parsed.error, 'llm')[0]}`, {
      file,
      hint: 'llm keys: model, baseUrl, tokenBudget, timeoutMs, cacheDir, maxRetries',
    });
  }
  return parsed.data;
}

/**
 * Resolves the settings; flags beat the environment, which beats archmap.config.json.
 * @example
 * const s = resolveLlmSettings({ env: process.env, model: 'llama3.1' });
 */
export function resolveLlmSettings(input: LlmSettingsInput): LlmSettings {
  const config = parseConfig(input);
  const env = input.env ?? {};
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) {
    throw new UsageError('the LLM is not configured: OPENAI_API_KEY is not set', {
      hint: 'export OPENAI_API_KEY=… (any non-empty value for a local Ollama server)',
    });
  }
  const baseUrl = env.OPENAI_BASE_URL || config.baseUrl;
  const model =
    input.model ?? env.OPENAI_MODEL ?? config.model ?? (baseUrl ? undefined : DEFAULT_OPENAI_MODEL);
  if (!model) {
    throw new UsageError('the LLM is not configured: no model', {
      hint: 'with a custom base URL, pass --model (e.g. --model llama3.1) or set llm.model in archmap.config.json',
    });
  }
  return {
    model,
    baseUrl,
    apiKey,
    tokenBudget: config.tokenBudget ?? DEFAULT_TOKEN_BUDGET,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    cacheDir: config.cacheDir ?? '.archmap-cache',
    maxRetries: config.maxRetries ?? 2,
    cache: input.cache ?? true,
    shareAccountIds: input.shareAccountIds ?? false,
  };
}

/**
 * Reads the `llm` section of archmap.config.json (the given path, or ./archmap.config.json when present) and
 * resolves the settings with the environment and flags.
 * @example
 * const settings = await loadLlmSettings({ env: process.env, model: flags.model, cache: flags.cache });
 */
export async function loadLlmSettings(
  input: Omit<LlmSettingsInput, 'config'> & { configPath?: string },
): Promise<LlmSettings> {
  return resolveLlmSettings({ ...input, ...(await readLlmSection(input.configPath)) });
}

async function readLlmSection(configPath?: string): Promise<{ config?: unknown; configFile?: string }> {
  const { readFile } = await import('node:fs/promises');
  const file = configPath ?? 'archmap.config.json';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (configPath) throw new UsageError(`${configPath}: no such file`, { hint: 'check --config' });
    return {};
  }
  try {
    const raw = JSON.parse(text) as { llm?: unknown };
    return { config: raw.llm, configFile: file };
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, { file });
  }
}

/** Whether to use the LLM for sketch: an API key in the environment, or a model in archmap.config.json. */
export async function llmWanted(
  env: Record<string, string | undefined>,
  configPath?: string,
): Promise<boolean> {
  if (env.OPENAI_API_KEY) return true;
  const { config } = await readLlmSection(configPath);
  return Boolean(config && typeof config === 'object' && 'model' in config);
}
