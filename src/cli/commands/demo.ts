import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generate, scanDirectory } from '../../index.js';
import { diffGraphs } from '../../model/diff.js';
import type { ArchGraph } from '../../model/graph.js';
import { serializeGraph } from '../../model/io.js';
import type { GeneratedFile } from '../../model/plugin.js';
import { proposeOffline, revise } from '../../planners/index.js';
import { formatReview } from '../../review/format.js';
import { review } from '../../review/index.js';
import { printDiagnostics } from '../diagnostics.js';
import { fixturePath } from '../paths.js';
import { progressFor } from '../progress.js';

const FACTOR = 10;
const RPS = 500;

/**
 * The whole pipeline on the bundled shop fixture, offline: scan (Terraform + state + code) → diagram →
 * review → propose ×10 → diff diagram → Terraform stubs → design document. archmap owns the output folder.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on the bundled shop fixture (no network, no API key)')
    .option('-o, --out <dir>', 'output directory (archmap owns it and overwrites its files)', 'out/demo')
    .option('--json', 'print what was written as JSON')
    .action(async (flags: { out: string; json?: boolean }) => {
      const progress = progressFor(flags);
      const log = (line: string) => {
        if (!flags.json) process.stderr.write(`${line}\n`);
      };
      const written: string[] = [];
      const put = async (path: string, contents: string | Uint8Array) => {
        const full = join(flags.out, path);
        await mkdir(join(full, '..'), { recursive: true });
        await writeFile(full, contents);
        written.push(full);
      };
      const putAll = async (files: GeneratedFile[], dir = '') => {
        for (const f of files) await put(join(dir, f.path), f.contents);
      };
      await mkdir(flags.out, { recursive: true });

      const root = fixturePath('projects', 'shop');
      const { graph } = await scanDirectory(root, {}, { progress });
      graph.name = 'shop';
      printDiagnostics(
        graph.diagnostics.filter((d) => d.severity !== 'info'),
        flags,
      );
      await put('shop.json', serializeGraph(graph));
      log(`scan: ${graph.order} nodes, ${graph.size} edges (Terraform + state + TypeScript)`);

      await putAll(await drawn(graph, 'shop'));
      log('diagram: shop.d2, shop.svg, shop.png');

      const findings = review(graph);
      await put('shop-review.md', formatReview(findings, 'markdown', { graphFile: 'shop.json' }));
      log(`review: ${findings.findings.length} findings → shop-review.md`);

      const changeset = proposeOffline(graph, 'scale', { factor: FACTOR, rps: RPS });
      const revised = revise(graph, changeset);
      revised.name = `shop-x${FACTOR}`;
      await put(`shop-x${FACTOR}.json`, serializeGraph(revised));
      await putAll(await drawn(diffGraphs(graph, revised), `shop-x${FACTOR}`, { showChanges: true }));
      const saturated = changeset.capacity.filter((r) => r.headroom !== null && r.headroom < 0);
      log(
        `propose scale ×${FACTOR} at ${RPS} rps: ${changeset.ops.length} changes, ${saturated.length} saturated → shop-x${FACTOR}.{json,svg,png}`,
      );

      await rm(join(flags.out, 'terraform'), { recursive: true, force: true });
      await putAll(await generate('terraform', revised, {}), 'terraform');
      log('scaffold: terraform/ (HCL stubs for the revised design)');

      const [doc] = await generate('docs', revised, {
        format: 'markdown',
        name: 'design',
        base: graph,
        files: { revised: `shop-x${FACTOR}.json`, base: 'shop.json' },
      });
      if (doc) await put('design.md', doc.contents);
      log('doc: design.md');

      if (flags.json) process.stdout.write(`${JSON.stringify({ written }, null, 2)}\n`);
      else log(`wrote ${written.length} files under ${flags.out}`);
    });
}

async function drawn(graph: ArchGraph, name: string, extra: object = {}): Promise<GeneratedFile[]> {
  return generate('d2', graph, { formats: ['d2', 'svg', 'png'], name, ...extra });
}
