// Offline sketch: matches a description against the reference architectures with TF-IDF over their titles,
// keywords and component names, and returns the best one as an archmap graph the what-if engine can extend.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import { parseGraph } from '../model/io.js';
import { REFERENCES, type ReferenceInfo } from './references.js';

export { REFERENCES, type ReferenceInfo } from './references.js';

/** fixtures/reference/, found from this file in the source tree and in dist/. */
export const REFERENCE_DIR = new URL(
  import.meta.url.includes('/dist/') ? '../../../fixtures/reference/' : '../../fixtures/reference/',
  import.meta.url,
);

export interface SketchMatch {
  reference: ReferenceInfo;
  score: number;
  /** The words of the description that matched. */
  matched: string[];
  /** Runner-up references, best first, for the message. */
  others: Array<{ id: string; score: number }>;
}

const STOP = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'for',
  'with',
  'of',
  'to',
  'in',
  'on',
  'that',
  'which',
  'we',
  'our',
  'my',
  'i',
  'need',
  'want',
  'build',
  'app',
  'system',
  'service',
  'platform',
  'aws',
  'like',
  'using',
  'is',
  'it',
]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** Description words plus adjacent pairs ("real time", "data lake"). */
function terms(text: string): string[] {
  const w = words(text);
  return [...w, ...w.slice(1).map((x, i) => `${w[i]} ${x}`)];
}

/**
 * The least TF-IDF score that counts as a match: one distinctive word of a reference's title or keywords
 * ("leaderboard", "crawler") scores 2.5–4; a word every reference shares ("api", "data") scores below 1.
 */
export const MIN_SCORE = 2;

export async function loadReference(id: string): Promise<ArchGraph> {
  const url = new URL(`${id}.json`, REFERENCE_DIR);
  return parseGraph(await readFile(url, 'utf8'), `reference/${id}.json`);
}

/**
 * The reference architecture closest to `description` (TF-IDF, keywords weighted over component names).
 * @example
 * (await matchReference('a link shortener with click counts')).reference.id // 'url-shortener'
 */
export async function matchReference(description: string): Promise<SketchMatch> {
  const query = [...new Set(terms(description))];
  if (query.length === 0)
    throw new UsageError('the description has no words to match', {
      hint: 'describe the system, e.g. archmap sketch "video streaming with uploads and transcoding"',
    });
  const docs = await Promise.all(
    REFERENCES.map(async (ref) => {
      const graph = await loadReference(ref.id);
      const names = graph.nodes().map((n) => `${n.name} ${n.service ?? ''}`.replace(/_/g, ' '));
      const weighted = [...terms(ref.title), ...ref.keywords.flatMap((k) => [...terms(k), ...terms(k)])];
      return { ref, tf: [...weighted, ...terms(names.join(' '))] };
    }),
  );
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tf)) df.set(t, (df.get(t) ?? 0) + 1);
  const scored = docs.map((d) => {
    const counts = new Map<string, number>();
    for (const t of d.tf) counts.set(t, (counts.get(t) ?? 0) + 1);
    let score = 0;
    const matched: string[] = [];
    for (const t of query) {
      const c = counts.get(t);
      if (!c) continue;
      const idf = Math.log(1 + docs.length / df.get(t)!);
      score += (1 + Math.log(c)) * idf * (t.includes(' ') ? 2 : 1);
      matched.push(t);
    }
    return { ref: d.ref, score: Math.round(score * 100) / 100, matched };
  });
  scored.sort((a, b) => b.score - a.score || (a.ref.id < b.ref.id ? -1 : 1));
  const best = scored[0]!;
  // A template picked on a stray word is worse than none: say so, with the closest ones and the LLM route.
  if (best.score < MIN_SCORE)
    throw new UsageError(`no reference architecture matches "${description.trim().slice(0, 80)}"`, {
      hint: `closest: ${scored
        .slice(0, 3)
        .map((s) => `${s.ref.id} (${s.score})`)
        .join(', ')}; describe it with the words of one of them, or draft it with an LLM: --planner llm`,
    });
  return {
    reference: best.ref,
    score: best.score,
    matched: best.matched,
    others: scored.slice(1, 3).map((s) => ({ id: s.ref.id, score: s.score })),
  };
}
