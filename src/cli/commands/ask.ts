import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  askLlm,
  type LlmRun,
  loadLlmSettings,
  parseSession,
  type SessionTurn,
  sessionPath,
  sessionText,
} from '../../llm/index.js';
import { ExternalError } from '../../model/errors.js';
import { printJson, readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

/** The flags every LLM command shares. */
export interface LlmFlags {
  model?: string;
  cache: boolean;
  shareAccountIds?: boolean;
  config?: string;
}

export function addLlmFlags(command: Command): Command {
  return command
    .option('--model <name>', 'LLM model (or OPENAI_MODEL, or llm.model in archmap.config.json)')
    .option('--no-cache', 'ask the LLM even when the same prompt was answered before (.archmap-cache/)')
    .option('--share-account-ids', 'send 12-digit AWS account ids as they are (default: placeholders)');
}

export function llmSettings(flags: LlmFlags) {
  return loadLlmSettings({
    env: process.env,
    ...(flags.model ? { model: flags.model } : {}),
    cache: flags.cache,
    shareAccountIds: Boolean(flags.shareAccountIds),
    ...(flags.config ? { configPath: flags.config } : {}),
  });
}

/** One stderr line with the tokens spent, so the user sees what a run cost. */
export function reportUsage(run: LlmRun<unknown>): void {
  const u = run.usage;
  const parts = [
    `llm: ${u.model}, ${u.calls} request${u.calls === 1 ? '' : 's'}`,
    `${u.promptTokens} prompt + ${u.completionTokens} completion tokens`,
  ];
  if (u.cacheHits) parts.push(`${u.cacheHits} answer${u.cacheHits === 1 ? '' : 's'} from cache`);
  if (run.encoding.tokens) parts.push(`graph sent as ${run.encoding.level} (${run.encoding.tokens} tokens)`);
  if (run.redactions)
    parts.push(`${run.redactions} secret-like value${run.redactions === 1 ? '' : 's'} redacted`);
  process.stderr.write(`${parts.join('; ')}\n`);
}

/** `--session NAME`: the stored exchanges, and a function that stores this run's exchange after them. */
export async function openSession(name: string | undefined): Promise<{
  history: SessionTurn[];
  save: (run: LlmRun<unknown>) => Promise<void>;
}> {
  if (name === undefined) return { history: [], save: async () => undefined };
  const file = sessionPath(process.cwd(), name);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ExternalError(`${file}: cannot read (${error.code ?? error.message})`);
  });
  const history = parseSession(text, file);
  return {
    history,
    save: async (run) => {
      if (run.exchange)
        await writeFileSafe(file, sessionText(name, [...history, run.exchange]), { force: true });
    },
  };
}

export function register(program: Command): void {
  addLlmFlags(
    program
      .command('ask')
      .description(
        'ask the LLM a question about a graph; the answer cites node ids and where they were found',
      )
      .argument('<graph>', 'archmap.json')
      .argument('<question>', 'the question, in quotes')
      .option('--config <file>', 'archmap.config.json with an llm section')
      .option(
        '--session <name>',
        'keep the conversation in .archmap/sessions/NAME.json (redacted) and send it with the next question',
      )
      .option('--json', 'print the answer, citations and token usage as JSON'),
  ).action(
    async (graphPath: string, question: string, flags: LlmFlags & { json?: boolean; session?: string }) => {
      const settings = await llmSettings(flags);
      const graph = await readGraph(graphPath);
      const conversation = await openSession(flags.session);
      const run = await askLlm(graph, question, settings, { history: conversation.history });
      await conversation.save(run);
      if (flags.json) {
        printJson({ ...run.result, usage: run.usage });
        return;
      }
      reportUsage(run);
      const out = [run.result.answer, '', 'Cited:'];
      for (const c of run.result.citations) {
        const where = c.provenance.length ? ` (${c.provenance.join(', ')})` : '';
        out.push(`  - ${c.id}${where}${c.why ? `: ${c.why}` : ''}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    },
  );
}
