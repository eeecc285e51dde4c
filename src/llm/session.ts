// Conversations that last: `ask`/`refine --session NAME` keep their exchanges, redacted as they were sent, in
// .archmap/sessions/NAME.json, and send the recent ones as history before the next request.
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../model/errors.js';
import { formatZodIssues } from '../model/io.js';
import { scrubText } from '../model/secrets.js';
import { countTokens } from './tokens.js';

/** Where sessions live, relative to the working directory. */
export const SESSION_DIR = '.archmap/sessions';
/** The most exchanges a session sends as history (older ones stay in the file). */
export const MAX_HISTORY_TURNS = 20;

export const SessionTurnSchema = z
  .object({
    command: z.enum(['ask', 'refine']),
    /** The question or instruction, as sent (redacted). */
    request: z.string(),
    /** The answer, as received and redacted. */
    response: z.string(),
  })
  .strict();
export type SessionTurn = z.infer<typeof SessionTurnSchema>;

export const SessionFileSchema = z
  .object({ version: z.literal(1), name: z.string(), turns: z.array(SessionTurnSchema) })
  .strict();

/** One prior exchange as chat messages. */
export type HistoryMessage = { role: 'user' | 'assistant'; content: string };

/**
 * The session file of NAME (a plain name: letters, digits, `.`, `_`, `-`).
 * @example
 * sessionPath('/repo', 'sqs') // '/repo/.archmap/sessions/sqs.json'
 */
export function sessionPath(root: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new UsageError(`--session ${JSON.stringify(name)}: not a session name`, {
      hint: 'use letters, digits, ".", "_" or "-" (at most 64), e.g. --session sqs-choice',
    });
  return join(root, SESSION_DIR, `${name}.json`);
}

/** The turns stored in a session file's text (`undefined`: a new session). */
export function parseSession(text: string | undefined, file: string): SessionTurn[] {
  if (text === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, {
      file,
      hint: 'delete the file to start the session again',
    });
  }
  const parsed = SessionFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`${file}: ${formatZodIssues(parsed.error)[0]}`, {
      file,
      hint: 'delete the file to start the session again',
    });
  return parsed.data.turns;
}

/** The file's text after one more exchange. Everything in it is scrubbed again, whatever wrote it before. */
export function sessionText(name: string, turns: SessionTurn[]): string {
  const clean = turns.map((t) => ({
    command: t.command,
    request: scrubText(t.request),
    response: scrubText(t.response),
  }));
  return `${JSON.stringify({ version: 1, name, turns: clean }, null, 2)}\n`;
}

/**
 * The newest exchanges that fit `budget` tokens (at most MAX_HISTORY_TURNS), oldest first, as chat messages.
 * @example
 * historyMessages(turns, 3000) // [{ role: 'user', content: 'Question: …' }, { role: 'assistant', content: '…' }]
 */
export function historyMessages(turns: SessionTurn[], budget: number): HistoryMessage[] {
  const out: HistoryMessage[][] = [];
  let used = 0;
  for (const t of turns.slice(-MAX_HISTORY_TURNS).reverse()) {
    const pair: HistoryMessage[] = [
      { role: 'user', content: `${t.command === 'ask' ? 'Question' : 'Change request'}: ${t.request}` },
      { role: 'assistant', content: t.response },
    ];
    const cost = countTokens(pair[0]!.content) + countTokens(pair[1]!.content);
    if (used + cost > budget) break;
    used += cost;
    out.unshift(pair);
  }
  return out.flat();
}
