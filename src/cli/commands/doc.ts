// `archmap doc V2.json --base G.json -o design.md`: the design document of a revised design.
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { UsageError } from '../../model/errors.js';
import { readGraph } from '../io.js';
import { writeAllSafe } from '../output.js';

interface DocFlags {
  base?: string;
  output: string;
  format?: string;
  svg?: boolean;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('doc')
    .description(
      'write a design document for review: context, diagrams, changes, capacity, trade-offs, risks, rollout',
    )
    .argument('<graph>', 'the revised graph (V2.json from `archmap propose`)')
    .requiredOption('-o, --output <file>', 'design.md, or design.html')
    .option('--base <graph>', 'the graph before the change (default: the revised graph itself)')
    .option('--format <format>', 'markdown | html (default: from the output extension)')
    .option(
      '--svg',
      'also draw the current and proposed diagrams as SVG (linked from Markdown, inlined in HTML)',
    )
    .option('--force', 'overwrite existing files')
    .action(async (graphPath: string, flags: DocFlags) => {
      const ext = extname(flags.output).toLowerCase();
      const format = flags.format ?? (ext === '.html' || ext === '.htm' ? 'html' : 'markdown');
      if (format !== 'markdown' && format !== 'html')
        throw new UsageError(`--format ${format}: unknown format`, { hint: 'use markdown or html' });
      const graph = await readGraph(graphPath);
      const base = flags.base ? await readGraph(flags.base) : undefined;
      const name = basename(flags.output, ext);
      const dir = dirname(flags.output);
      const extra: Array<{ path: string; contents: string | Uint8Array }> = [];
      let diagrams: Record<string, { href?: string; svg?: string }> | undefined;
      if (flags.svg) {
        diagrams = {};
        // The current architecture is drawn as it is: marks left in the base graph (drift) are not this design's.
        const current = (base ?? graph).clone();
        for (const n of current.nodes()) if (n.change) current.setNode({ ...n, change: undefined });
        for (const e of current.edges())
          if (e.change) current.graph.replaceEdgeAttributes(e.id, { ...e, change: undefined });
        for (const [key, g] of [
          ['current', current],
          ['proposed', graph],
        ] as const) {
          const [svg] = await generate('d2', g, { formats: ['svg'], name: `${name}.${key}` });
          if (!svg) continue;
          if (format === 'html') diagrams[key] = { svg: String(svg.contents) };
          else {
            diagrams[key] = { href: svg.path };
            extra.push({ path: join(dir, svg.path), contents: svg.contents });
          }
        }
      }
      const [doc] = await generate('docs', graph, {
        format,
        name,
        ...(base ? { base } : {}),
        ...(diagrams ? { diagrams } : {}),
        files: { revised: graphPath, ...(flags.base ? { base: flags.base } : {}) },
      });
      if (!doc) throw new UsageError('the docs generator produced no file');
      // The document and its diagrams are written together or not at all.
      await writeAllSafe([{ path: flags.output, contents: doc.contents }, ...extra], { force: flags.force });
      process.stderr.write(`wrote ${[flags.output, ...extra.map((f) => f.path)].join(', ')}\n`);
    });
}
