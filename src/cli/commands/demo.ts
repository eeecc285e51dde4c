import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generate, scan } from '../../index.js';
import { serializeGraph } from '../../model/io.js';
import { printDiagnostics } from '../diagnostics.js';
import { fixturePath } from '../paths.js';
import { progressFor } from '../progress.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on the bundled shop fixture (no network, no API key)')
    .option('-o, --out <dir>', 'output directory (archmap owns it and overwrites its files)', 'out/demo')
    .option('--json', 'print what was written as JSON')
    .action(async (flags: { out: string; json?: boolean }) => {
      const root = fixturePath('projects', 'shop');
      const graph = await scan([{ analyzer: 'terraform', options: { dir: join(root, 'infra') } }], {
        root,
        progress: progressFor(flags),
      });
      graph.name = 'shop';
      printDiagnostics(graph.diagnostics, flags);
      const diagram = await generate('d2', graph, { formats: ['d2', 'svg', 'png'], name: 'shop' });
      await mkdir(flags.out, { recursive: true });
      const written = [join(flags.out, 'shop.json')];
      await writeFile(written[0]!, serializeGraph(graph));
      for (const file of diagram) {
        const path = join(flags.out, file.path);
        await writeFile(path, file.contents);
        written.push(path);
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ written }, null, 2)}\n`);
      else
        process.stderr.write(
          `demo: ${graph.order} nodes, ${graph.size} edges\n${written.map((w) => `  wrote ${w}`).join('\n')}\n`,
        );
    });
}
