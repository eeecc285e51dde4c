// `npm run bench [-- <id…>] [--sizes 1000,10000] [--runs 3]`: runs benchmarks and rewrites their sections of
// BENCHMARKS.md. Figures are measured on the machine it runs on; the section says which.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { benchmarks } from './registry.js';
import { replaceSection } from './report.js';

const program = new Command('bench')
  .argument('[ids...]', `benchmarks to run (${Object.keys(benchmarks).join(', ')}); default all`)
  .option('--sizes <list>', 'corpus sizes, comma-separated (e.g. 1000,10000)')
  .option('--runs <n>', 'repetitions per measurement (median reported)', '3')
  .option('--no-write', 'print the sections instead of writing BENCHMARKS.md')
  .parse(process.argv);

const opts = program.opts<{ sizes?: string; runs: string; write: boolean }>();
const ids = program.args.length > 0 ? program.args : Object.keys(benchmarks);
const unknown = ids.filter((id) => !(id in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}\n`,
  );
  process.exit(2);
}
const sizes = opts.sizes ? opts.sizes.split(',').map((s) => Number(s.trim())) : undefined;
if (sizes?.some((n) => !Number.isInteger(n) || n <= 0)) {
  process.stderr.write(`--sizes must be positive integers, got ${opts.sizes}\n`);
  process.exit(2);
}
const file = join(import.meta.dirname, '..', 'BENCHMARKS.md');
for (const id of ids) {
  const benchmark = await benchmarks[id]!();
  process.stderr.write(`bench ${id}: ${benchmark.title}\n`);
  const result = await benchmark.run({
    ...(sizes ? { sizes } : {}),
    runs: Math.max(1, Number(opts.runs) || 1),
    log: (m) => process.stderr.write(`  ${m}\n`),
  });
  for (const t of result.targets ?? []) {
    process.stderr.write(`  target ${t.met ? 'met' : 'MISSED'}: ${t.name} (${t.detail})\n`);
  }
  if (opts.write) {
    // Re-read just before writing: other benchmarks may have rewritten their sections while this one ran.
    const doc = await readFile(file, 'utf8').catch(() => '');
    await writeFile(file, replaceSection(doc, id, result.markdown));
    process.stderr.write(`wrote ${id} section of ${file}\n`);
  } else {
    process.stdout.write(`${result.markdown}\n`);
  }
}
