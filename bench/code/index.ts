// bench/code: archmap's code scan of generated TypeScript monorepos against dependency-cruiser on the same tree,
// each in a fresh process (module loading excluded for both), with peak RSS.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { defineBenchmark } from '../registry.js';
import { measureInWorker, median, ms } from '../report.js';
import { generateCodeCorpus } from './generate.js';

const DEFAULT_SIZES = [500, 3000];
const MODES = ['archmap', 'depcruise'] as const;
type Mode = (typeof MODES)[number];

interface Measurement {
  ms: number;
  maxRssMb: number;
  count: number;
}

const measure = (mode: Mode, dir: string) => measureInWorker<Measurement>(import.meta.dirname, mode, dir);

export default defineBenchmark({
  id: 'code',
  title: 'TypeScript code scan vs dependency-cruiser',
  async run(ctx) {
    const sizes = ctx.sizes ?? DEFAULT_SIZES;
    const rows: string[] = [];
    const targets: Array<{ name: string; met: boolean; detail: string }> = [];
    for (const size of sizes) {
      const dir = join(import.meta.dirname, '..', '.corpus', `code-v2-${size}`);
      const corpus = await generateCodeCorpus(dir, size);
      ctx.log(`corpus ${size}: ${corpus.files} files in ${corpus.packages} packages`);
      const results = {} as Record<Mode, Measurement[]>;
      for (const mode of MODES) {
        results[mode] = [];
        for (let i = 0; i < ctx.runs; i++) {
          const m = await measure(mode, dir);
          ctx.log(`${mode} #${i + 1}: ${ms(m.ms)}, peak RSS ${Math.round(m.maxRssMb)} MB`);
          results[mode].push(m);
        }
      }
      const t = (mode: Mode) => median(results[mode].map((m) => m.ms));
      const rss = (mode: Mode) => Math.max(...results[mode].map((m) => m.maxRssMb));
      const ratio = t('archmap') / t('depcruise');
      rows.push(
        `| ${size.toLocaleString('en-US')} | ${corpus.packages} | ${ms(t('archmap'))} | ${ms(t('depcruise'))} | ${ratio.toFixed(2)}× | ${Math.round(rss('archmap'))} MB | ${Math.round(rss('depcruise'))} MB | ${results.archmap[0]!.count} | ${results.depcruise[0]!.count} |`,
      );
      targets.push({
        name: `${size} files: code scan ≤ 1× dependency-cruiser`,
        met: ratio <= 1,
        detail: `${ratio.toFixed(2)}×`,
      });
    }
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const markdown = `## Code scan (bench/code)

Generated TypeScript monorepos (bench/code/generate.ts): workspace packages of 50 files with a Dockerfile each;
half the files are plain code (classes, helpers, models), the rest Express routes, axios calls to the next
service, pg queries, DynamoDB Put/Query and SQS SendMessage on env-bound resources; every file imports two
siblings. Every fourth package is a Lambda package (serverless.yml, three functions on handlers in m0..m2), so the
scan follows each handler's import graph and the declarations it reaches (per-entry reachability, issue 14). *archmap* is \`scan([{ analyzer: 'typescript' }])\` plus serialising archmap.json (services, edges,
routes, env reads); *dependency-cruiser* is its \`cruise()\` API with TypeScript pre-compilation deps and JSON
output, on the same tree. Each figure is the median of ${ctx.runs} fresh-process run(s); module loading is
excluded for both.

Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${process.platform}-${process.arch}.

| files | packages | archmap code scan | dependency-cruiser | archmap ÷ depcruise | archmap peak RSS | depcruise peak RSS | archmap edges | depcruise modules |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Target: the code scan takes at most 1× dependency-cruiser's time on the same tree.

${targets.map((x) => `- ${x.met ? 'met' : '**missed**'}: ${x.name} (${x.detail})`).join('\n')}
`;
    return { markdown, targets };
  },
});
