import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { diffGraphs } from '../../model/diff.js';
import { UsageError } from '../../model/errors.js';
import type { GeneratedFile } from '../../model/plugin.js';
import { readGraph } from '../io.js';
import { assertWritable, writeFileSafe, writeFilesSafe } from '../output.js';

const D2_FORMATS = new Set(['.d2', '.svg', '.png']);
const MERMAID_FORMATS = new Set(['.mmd', '.mermaid']);
const DRAWIO_FORMATS = new Set(['.drawio']);
const STRUCTURIZR_FORMATS = new Set(['.dsl']);

interface DiagramFlags {
  output?: string;
  split?: string;
  format?: string;
  group?: string;
  all?: boolean;
  layout?: 'elk' | 'dagre';
  renderer?: 'wasm' | 'native';
  diff?: string;
  focus?: string;
  depth?: string;
  detail?: string;
  force?: boolean;
  full?: boolean;
}

export function register(program: Command): void {
  program
    .command('diagram')
    .description(
      'draw a graph as D2, SVG, PNG, Mermaid, draw.io or Structurizr DSL (chosen by the output extension)',
    )
    .argument('<graph>', 'archmap.json')
    .option('-o, --output <file>', 'out.d2 | out.svg | out.png | out.mmd | out.drawio | out.dsl')
    .option('--split <dir>', 'write the overview and one diagram per root or group into this directory')
    .option('--format <ext>', 'with --split: d2 | svg | png | mmd | drawio | dsl', 'svg')
    .option('--group <key>', 'only this overview group (a root, module or tag group) and what it talks to')
    .option('--all', 'show plumbing (IAM, security groups, attachments…)')
    .option('--layout <engine>', 'elk | dagre', 'elk')
    .option('--renderer <r>', 'wasm (bundled) | native (a d2 binary: ARCHMAP_D2_BIN or PATH)', 'wasm')
    .option('--diff <base>', 'draw the changes against this base graph')
    .option('--focus <node>', 'only this node and its neighbourhood')
    .option('--depth <n>', 'neighbourhood depth for --focus', '1')
    .option(
      '--detail <level>',
      'full | services | types | overview (default: the most detailed that fits 60 nodes)',
    )
    .option('--full', 'with --diff: draw everything, not only the changes and one hop around them')
    .option('--force', 'overwrite the output file')
    .action(async (graphPath: string, flags: DiagramFlags) => {
      if (Boolean(flags.output) === Boolean(flags.split)) {
        throw new UsageError('give one of -o FILE or --split DIR', {
          hint: 'archmap diagram archmap.json -o diagram.svg, or --split diagrams/ --format svg',
        });
      }
      const output =
        flags.output ?? join(flags.split!, `overview.${String(flags.format).replace(/^\./, '')}`);
      if (flags.output) await assertWritable(flags.output, flags);
      const revised = await readGraph(graphPath);
      const ext = extname(output).toLowerCase();
      const base = flags.diff ? await readGraph(flags.diff) : undefined;
      // The generators only draw `change` marks; the diff against the base is computed here.
      const graph = base ? diffGraphs(base, revised) : revised;
      const depth = Number(flags.depth ?? 1);
      if (!Number.isInteger(depth) || depth < 0)
        throw new UsageError(`--depth must be a whole number, got ${flags.depth}`);
      if (flags.focus && !graph.hasNode(flags.focus)) {
        throw new UsageError(`--focus ${flags.focus}: no such node in ${graphPath}`, {
          hint: 'node ids are listed in the graph file',
        });
      }
      const common = {
        all: Boolean(flags.all),
        // In a diff, a changed plumbing resource (an autoscaling target, a policy) is part of the story.
        showChanges: Boolean(base),
        // A diff is cropped to what changed and one hop around it, unless --full.
        cropToChanges: Boolean(base) && !flags.full,
        focus: flags.focus,
        depth,
        detail: flags.detail,
        within: flags.group,
        split: Boolean(flags.split),
        name: basename(output, ext),
      };
      let files: GeneratedFile[];
      if (D2_FORMATS.has(ext)) {
        files = await generate('d2', graph, {
          ...common,
          layout: flags.layout,
          renderer: flags.renderer,
          formats: [ext.slice(1)],
        });
      } else if (MERMAID_FORMATS.has(ext)) {
        files = await generate('mermaid', graph, common);
      } else if (DRAWIO_FORMATS.has(ext)) {
        files = await generate('drawio', graph, common);
      } else if (STRUCTURIZR_FORMATS.has(ext)) {
        files = await generate('structurizr', graph, common);
      } else {
        throw new UsageError(
          `cannot tell the diagram format from ${flags.output ?? `--format ${flags.format}`}`,
          {
            hint: 'use .d2, .svg, .png, .mmd, .drawio or .dsl',
          },
        );
      }
      if (flags.split) {
        await writeFilesSafe(flags.split, files, { force: flags.force });
        process.stderr.write(`wrote ${files.length} diagrams to ${flags.split}\n`);
        return;
      }
      const file = files.find((f) => extname(f.path) === ext) ?? files[0];
      if (!file) throw new UsageError('the generator produced no file');
      await writeFileSafe(output, file.contents, { force: flags.force });
      process.stderr.write(`wrote ${output}\n`);
    });
}
