// One measurement in a fresh process: `node --import tsx worker.ts <scan|parse|hcl2json> <dir>`.
// Prints { ms, cpuMs, maxRssMb, count } as JSON. Each mode first warms up on a one-resource input (module loading,
// tsx transpiling and WASM start-up are one-off costs), then times the work on the corpus, file reading included.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

async function tfFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await tfFiles(p)));
    else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out.sort();
}

/** User + system CPU time of the whole process (GC threads included) since `from`, in ms. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

const WARM_UP = 'resource "aws_sqs_queue" "warm" {\n  name = "warm-${var.env}"\n}\n';

const [mode, dir] = process.argv.slice(2) as [string, string];
let ms = 0;
let cpuMs = 0;
let count = 0;
let cpu0 = process.cpuUsage();
if (mode === 'scan' || mode === 'analyze') {
  // Load (and transpile) the code first: the figure is the scan, not tsx.
  const { loadAnalyzer } = await import('../../analyzers/registry.js');
  const { scan } = await import('../../src/index.js');
  const { serializeGraph } = await import('../../src/model/io.js');
  await loadAnalyzer('terraform');
  const warm = await mkdtemp(join(tmpdir(), 'archmap-warm-'));
  await writeFile(join(warm, 'main.tf'), WARM_UP);
  serializeGraph(await scan([{ analyzer: 'terraform', options: { dir: warm } }], { root: warm }));
  await rm(warm, { recursive: true, force: true });
  const t0 = performance.now();
  cpu0 = process.cpuUsage();
  if (mode === 'analyze') {
    // The Terraform analyzer alone: no merge, no serialisation.
    const { analyze } = await import('../../src/index.js');
    const partial = await analyze({ analyzer: 'terraform', options: { dir } }, { root: dir });
    ms = performance.now() - t0;
    cpuMs = cpuSince(cpu0);
    count = partial.nodes.length;
  } else {
    const graph = await scan([{ analyzer: 'terraform', options: { dir } }], { root: dir });
    const json = serializeGraph(graph);
    ms = performance.now() - t0;
    cpuMs = cpuSince(cpu0);
    count = graph.order;
    if (json.length === 0) throw new Error('empty graph');
  }
} else if (mode === 'state') {
  // `dir` is a .tfstate file here.
  const { readState } = await import('../../analyzers/terraform/state.js');
  const t0 = performance.now();
  cpu0 = process.cpuUsage();
  const result = readState(dir, await readFile(dir, 'utf8'), join(dir, '..'));
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu0);
  count = result.nodes.length;
} else if (mode === 'parse') {
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init();
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json');
  const language = await Language.load(pkg.replace(/package\.json$/, 'tree-sitter-terraform.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  parser.parse(WARM_UP)?.delete();
  const t0 = performance.now();
  cpu0 = process.cpuUsage();
  for (const file of await tfFiles(dir)) {
    const tree = parser.parse(await readFile(file, 'utf8'));
    count += tree?.rootNode.namedChildCount ?? 0;
    tree?.delete();
  }
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu0);
} else if (mode === 'hcl2json') {
  const { parse } = await import('@cdktn/hcl2json');
  await parse('warm.tf', WARM_UP);
  const t0 = performance.now();
  cpu0 = process.cpuUsage();
  for (const file of await tfFiles(dir)) {
    const json = await parse(file, await readFile(file, 'utf8'));
    count += Object.keys(json).length;
  }
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu0);
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, count })}\n`,
);
// hcl2json's Go runtime keeps the event loop alive.
process.exit(0);
