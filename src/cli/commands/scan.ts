import { resolve } from 'node:path';
import type { Command } from 'commander';
import { scan } from '../../index.js';
import { serializeGraph } from '../../model/io.js';
import { printDiagnostics } from '../diagnostics.js';
import { printJson } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { progressFor } from '../progress.js';

interface ScanFlags {
  output: string;
  force?: boolean;
  json?: boolean;
}

interface TerraformFlags {
  varFile?: string[];
  var?: string[];
  state?: string[];
  plan?: string[];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  const scanCommand = program.command('scan').description('build archmap.json from Terraform, AWS or code');

  scanCommand
    .command('terraform')
    .description('scan a Terraform directory (every root module under it)')
    .argument('<dir>', 'directory with .tf files')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--var-file <file>', 'a .tfvars file (repeatable)', collect)
    .option('--var <name=value>', 'a variable value (repeatable)', collect)
    .option('--state <file>', 'terraform.tfstate (v4) or `terraform show -json` output (repeatable)', collect)
    .option('--plan <file>', '`terraform show -json PLAN` output; marks changes (repeatable)', collect)
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(async (dir: string, flags: ScanFlags & TerraformFlags) => {
      await assertWritable(flags.output, flags);
      const root = resolve(dir);
      const vars = Object.fromEntries(
        (flags.var ?? []).map((kv) => {
          const i = kv.indexOf('=');
          return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
        }),
      );
      const graph = await scan(
        [
          {
            analyzer: 'terraform',
            options: {
              dir: root,
              varFiles: (flags.varFile ?? []).map((f) => resolve(f)),
              vars,
              stateFiles: (flags.state ?? []).map((f) => resolve(f)),
              planFiles: (flags.plan ?? []).map((f) => resolve(f)),
            },
          },
        ],
        { root, progress: progressFor(flags) },
      );
      await writeFileSafe(flags.output, serializeGraph(graph), { force: flags.force });
      printDiagnostics(graph.diagnostics, flags);
      if (flags.json) {
        printJson({
          output: flags.output,
          nodes: graph.order,
          edges: graph.size,
          diagnostics: graph.diagnostics,
        });
      } else {
        process.stderr.write(`wrote ${flags.output}: ${graph.order} nodes, ${graph.size} edges\n`);
      }
    });
}
