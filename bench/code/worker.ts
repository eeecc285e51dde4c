// One measurement in a fresh process: `node --import tsx worker.ts <archmap|depcruise> <dir>`.
// Prints { ms, maxRssMb, count } as JSON; module loading happens before the clock starts, for both tools.
import { performance } from 'node:perf_hooks';

const [mode, dir] = process.argv.slice(2) as [string, string];
let ms = 0;
let count = 0;
if (mode === 'archmap') {
  const { loadAnalyzer } = await import('../../analyzers/registry.js');
  const { scan } = await import('../../src/index.js');
  const { serializeGraph } = await import('../../src/model/io.js');
  await loadAnalyzer('typescript');
  const t0 = performance.now();
  const graph = await scan([{ analyzer: 'typescript', options: { dir } }], { root: dir });
  const json = serializeGraph(graph);
  ms = performance.now() - t0;
  count = graph.size;
  if (json.length === 0) throw new Error('empty graph');
} else if (mode === 'depcruise') {
  const { cruise } = await import('dependency-cruiser');
  await import('typescript');
  const t0 = performance.now();
  const result = await cruise([dir], {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    outputType: 'json',
  });
  ms = performance.now() - t0;
  const output = result.output as string;
  count = (JSON.parse(output) as { modules: unknown[] }).modules.length;
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, count })}\n`);
process.exit(0);
