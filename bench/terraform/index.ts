// bench/terraform: archmap's Terraform scan of generated estates against the bare tree-sitter parse of the
// same files (the floor) and @cdktn/hcl2json (the peer), each in a fresh process, with peak RSS.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { defineBenchmark } from '../registry.js';
import { measureInWorker, median, ms } from '../report.js';
import { generateCorpus, generateState } from './generate.js';

const DEFAULT_SIZES = [1000, 10000];
const MODES = ['scan', 'analyze', 'parse', 'hcl2json'] as const;
type Mode = (typeof MODES)[number] | 'state';

interface Measurement {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  count: number;
}

const measure = (mode: Mode, dir: string) => measureInWorker<Measurement>(import.meta.dirname, mode, dir);

export default defineBenchmark({
  id: 'terraform',
  title: 'Terraform scan vs bare tree-sitter parse vs hcl2json',
  async run(ctx) {
    const sizes = ctx.sizes ?? DEFAULT_SIZES;
    const rows: string[] = [];
    const stateRows: string[] = [];
    const targets: Array<{ name: string; met: boolean; detail: string }> = [];
    for (const size of sizes) {
      const dir = join(import.meta.dirname, '..', '.corpus', `terraform-${size}`);
      const corpus = await generateCorpus(dir, size);
      ctx.log(
        `corpus ${size}: ${corpus.resources} resources, ${corpus.files} files, ${corpus.modules} modules`,
      );
      const runs = size >= 10_000 ? Math.min(ctx.runs, 2) : ctx.runs;
      const results = {} as Record<Mode, Measurement[]>;
      for (const mode of MODES) {
        results[mode] = [];
        for (let i = 0; i < runs; i++) {
          const m = await measure(mode, dir);
          ctx.log(
            `${mode} #${i + 1}: ${ms(m.ms)} wall, ${ms(m.cpuMs)} CPU, peak RSS ${Math.round(m.maxRssMb)} MB`,
          );
          results[mode].push(m);
        }
      }
      const stateFile = join(import.meta.dirname, '..', '.corpus', `terraform-${size}.tfstate`);
      await generateState(stateFile, size);
      results.state = [];
      for (let i = 0; i < runs; i++) results.state.push(await measure('state', stateFile));
      // CPU time is the figure compared: the bench machine may be shared, and wall time then measures the queue.
      const t = (mode: Mode) => median(results[mode].map((m) => m.cpuMs));
      const wall = (mode: Mode) => median(results[mode].map((m) => m.ms));
      const rss = (mode: Mode) => Math.max(...results[mode].map((m) => m.maxRssMb));
      const scanVsParse = t('scan') / t('parse');
      const scanVsPeer = t('scan') / t('hcl2json');
      rows.push(
        `| ${corpus.resources.toLocaleString('en-US')} | ${corpus.files} | ${ms(t('scan'))} (${ms(wall('scan'))}) | ${ms(t('analyze'))} | ${ms(t('parse'))} (${ms(wall('parse'))}) | ${ms(t('hcl2json'))} (${ms(wall('hcl2json'))}) | ${scanVsParse.toFixed(2)}× | ${scanVsPeer.toFixed(2)}× | ${Math.round(rss('scan'))} MB | ${Math.round(rss('parse'))} MB | ${Math.round(rss('hcl2json'))} MB | ${results.scan[0]!.count.toLocaleString('en-US')} |`,
      );
      stateRows.push(
        `| ${size.toLocaleString('en-US')} | ${ms(t('state'))} (${ms(wall('state'))}) | ${Math.round(rss('state'))} MB |`,
      );
      ctx.log(`state: ${ms(t('state'))} CPU`);
      targets.push(
        {
          name: `${size}: scan ≤ 2× bare parse`,
          met: scanVsParse <= 2,
          detail: `${scanVsParse.toFixed(2)}×`,
        },
        {
          name: `${size}: scan faster than hcl2json`,
          met: scanVsPeer < 1,
          detail: `${scanVsPeer.toFixed(2)}×`,
        },
      );
      if (size >= 10_000) {
        targets.push({
          name: `${size}: scan peak RSS < 1 GB`,
          met: rss('scan') < 1024,
          detail: `${Math.round(rss('scan'))} MB`,
        });
      }
    }
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const markdown = `## Terraform scan (bench/terraform)

Generated estates (bench/terraform/generate.ts): a root with a VPC, subnets, a topic and a log group, and one
local module per team, each with five services of ten resources (security group + rule, queue + DLQ, DynamoDB
table, S3 bucket, IAM role + policy, Lambda in the VPC, event source mapping) referencing each other and the
previous team's queue. Each figure is the median of fresh-process runs: CPU time (user + system, all threads
of the process), with wall time in brackets; the ratios and targets use CPU time, because a shared machine's
wall time measures its queue. Each mode first warms up on a one-resource input (module loading and WASM
start-up are one-off costs), then times the corpus, reading the files included.
*archmap scan* is \`scan([{ analyzer: 'terraform' }])\` (analyzer + merge) plus serialising archmap.json, and
*of which analyzer* is \`analyze()\` alone; *bare parse*
is web-tree-sitter with the same terraform grammar, parse only; *hcl2json* is \`@cdktn/hcl2json\` \`parse()\` per file.

Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${process.platform}-${process.arch}; 1-min load average when written ${loadavg()[0]!.toFixed(1)}.

| resources | .tf files | archmap scan | of which analyzer | bare tree-sitter parse | hcl2json parse | scan ÷ parse | scan ÷ hcl2json | scan peak RSS | parse peak RSS | hcl2json peak RSS | nodes |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Reading state (\`readState\` of a tfstate v4 from \`generateState\`: queues with DLQs and the functions that
read them, a sensitive path on each function):

| resources | read state | peak RSS |
|---:|---:|---:|
${stateRows.join('\n')}

Targets: scan ≤ 2× the bare parse; faster than hcl2json; < 1 GB RSS at 10k resources.

${targets.map((t) => `- ${t.met ? 'met' : '**missed**'}: ${t.name} (${t.detail})`).join('\n')}
`;
    return { markdown, targets };
  },
});
