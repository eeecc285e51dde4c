import type { Command } from 'commander';
import { driftReport, formatDrift } from '../../merge/index.js';
import { UsageError } from '../../model/errors.js';
import { readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface DriftFlags {
  format: string;
  output?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('drift')
    .description(
      'list what the sources disagree about: live but not in Terraform, in Terraform but not live, used in code but declared nowhere, declared but unused',
    )
    .argument('<graph>', 'archmap.json written by `archmap scan`')
    .option('--format <format>', 'text | json | markdown', 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite the output file')
    .action(async (graphPath: string, flags: DriftFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: 'use text, json or markdown',
        });
      }
      const graph = await readGraph(graphPath);
      const text = formatDrift(driftReport(graph), flags.format as Format);
      if (flags.output) {
        await writeFileSafe(flags.output, text, { force: flags.force });
        process.stderr.write(`wrote ${flags.output}\n`);
      } else process.stdout.write(text);
    });
}
