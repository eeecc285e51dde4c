// BENCHMARKS.md is shared: each benchmark owns the text between its two markers and nothing else.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const start = (id: string) => `<!-- bench:${id}:start -->`;
const end = (id: string) => `<!-- bench:${id}:end -->`;

export const BENCHMARKS_HEADER = `# Benchmarks

Figures written by \`npm run bench\` (bench/run.ts). Each section is rewritten by its own benchmark; run one
with \`npm run bench -- <id>\`, e.g. \`npm run bench -- terraform --sizes 1000,10000\`.
`;

/**
 * Replaces (or appends) the section of one benchmark, keeping every other section as it was.
 * @example
 * replaceSection('# Benchmarks\n', 'terraform', '## Terraform\n…')
 */
export function replaceSection(doc: string, id: string, markdown: string): string {
  const block = `${start(id)}\n${markdown.trim()}\n${end(id)}`;
  const from = doc.indexOf(start(id));
  const to = doc.indexOf(end(id));
  if (from >= 0 && to > from) return `${doc.slice(0, from)}${block}${doc.slice(to + end(id).length)}`;
  const base = doc.trim() ? doc.replace(/\s*$/, '\n') : BENCHMARKS_HEADER;
  return `${base}\n${block}\n`;
}

/** Milliseconds as a short human figure. */
export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `<folder>/worker.ts <mode> <dir>` in a fresh Node process (so one measurement's heap and JIT state never
 * leaks into the next) and returns the JSON object it prints on its last line.
 * @example
 * const m = await measureInWorker<{ ms: number }>(import.meta.dirname, 'scan', corpusDir);
 */
export async function measureInWorker<T>(folder: string, mode: string, dir: string): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(folder, 'worker.ts'), mode, dir],
    { maxBuffer: 1 << 20, timeout: 20 * 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}
