// bench/hostile: the figures issue #12 asks for. `archmap review` of a generated 100,000-node estate through the
// real CLI (wall, CPU and peak memory of the process), its stages in process, and the studio's memory under 50
// distinct diagram GETs sent at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGraph, serializeGraph } from '../../src/model/io.js';
import { formatReview } from '../../src/review/format.js';
import { review } from '../../src/review/index.js';
import { startStudio } from '../../src/studio/server.js';
import { defineBenchmark } from '../registry.js';
import { ms } from '../report.js';
import { generateEstate } from '../whatif/generate.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function measure<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = f();
  return { value, wall: performance.now() - t, cpu: cpuMs() - c };
}

/** `archmap review FILE --format json` as its own process, under /usr/bin/time: wall s, CPU s, peak RSS KB. */
function reviewProcess(
  file: string,
  out: string,
): { wall: number; cpu: number; rssMb: number; code: number } {
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %U %S %M',
      process.execPath,
      '--import',
      'tsx',
      join(repo, 'src/cli/bin.ts'),
      'review',
      file,
      '--format',
      'json',
      '-o',
      out,
    ],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, rss] = last.split(' ').map(Number);
  return {
    wall: (wall ?? 0) * 1000,
    cpu: ((user ?? 0) + (sys ?? 0)) * 1000,
    rssMb: (rss ?? 0) / 1024,
    code: r.status ?? -1,
  };
}

export default defineBenchmark({
  id: 'hostile',
  title: 'Hostile input: review at 100,000 nodes, studio under distinct GETs',
  async run(ctx) {
    const size = ctx.sizes?.[0] ?? 100_000;
    const dir = mkdtempSync(join(tmpdir(), 'archmap-bench-hostile-'));
    try {
      // The studio first, while this process is small: its memory figure must not include the estate.
      const shop = parseGraph(readFileSync(join(repo, 'fixtures/graphs/shop.json'), 'utf8'), 'shop.json');
      const studio = await startStudio({ graph: shop, env: {}, warm: false });
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const base = studio.url.replace(/\/$/, '');
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${base}/api/diagram.svg?scenario=scale&factor=${i + 2}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      clearInterval(sampler);
      await studio.close();
      const rendered = statuses.filter((s) => s === 200).length;
      const busy = statuses.filter((s) => s === 503).length;
      const graph = generateEstate(size);
      const file = join(dir, 'estate.json');
      const text = serializeGraph(graph);
      writeFileSync(file, text);
      ctx.log(`estate: ${graph.order} nodes, ${graph.size} edges, ${(text.length / 1e6).toFixed(0)} MB`);
      const load = measure(() => parseGraph(text, 'estate.json'));
      const rev = measure(() => review(load.value));
      const fmt = measure(() => formatReview(rev.value, 'json'));
      ctx.log(`in process: load ${ms(load.cpu)} CPU, review ${ms(rev.cpu)} CPU, format ${ms(fmt.cpu)} CPU`);
      const proc = reviewProcess(file, join(dir, 'review.json'));
      ctx.log(
        `archmap review: exit ${proc.code}, ${ms(proc.wall)} wall, ${ms(proc.cpu)} CPU, ${proc.rssMb.toFixed(0)} MB`,
      );

      const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
      const [load1] = loadavg();
      const markdown = `### Hostile input (bench/hostile)

\`archmap review\` of a generated estate (bench/whatif/generate.ts) of ${graph.order.toLocaleString('en-US')} nodes and
${graph.size.toLocaleString('en-US')} edges (${(text.length / 1e6).toFixed(0)} MB of archmap.json), run as its own process with
\`--format json -o\`, under /usr/bin/time:

| | wall | CPU (user+sys) | peak RSS |
|---|---:|---:|---:|
| \`archmap review\` (process: start-up, load, review, write) | ${ms(proc.wall)} | ${ms(proc.cpu)} | ${proc.rssMb.toFixed(0)} MB |
| in process: load (parse, validate, scrub) | ${ms(load.wall)} | ${ms(load.cpu)} | |
| in process: review (all rules) | ${ms(rev.wall)} | ${ms(rev.cpu)} | |
| in process: format JSON | ${ms(fmt.wall)} | ${ms(fmt.cpu)} | |

Studio, 50 distinct \`GET /api/diagram.svg?scenario=scale&factor=N\` sent at once (the shop graph): ${rendered}
rendered, ${busy} answered 503 with Retry-After; resident memory of the server process ${mb(before)} MB before, peak
${mb(peak)} MB (+${mb(peak - before)} MB). D2 layout runs in its own child process, one render at a time; its memory is
not in this figure.

Machine: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load average
${load1?.toFixed(1)} at the end of the run (the machine was shared; the CPU column is the figure to trust).
`;
      return {
        markdown,
        targets: [
          {
            name: `review of ${graph.order} nodes in < 10 s (wall)`,
            met: proc.wall < 10_000,
            detail: ms(proc.wall),
          },
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
