import type { Command } from 'commander';
import { formatImpact, impact } from '../../impact/index.js';
import { printJson, readGraph } from '../io.js';

export function register(program: Command): void {
  program
    .command('impact')
    .description('failure-mode analysis: what breaks and what degrades if NODE fails, and how to mitigate it')
    .argument('<graph>', 'archmap.json')
    .argument('<node>', 'node id, e.g. aws_db_instance.orders')
    .option('--json', 'print the report as JSON')
    .action(async (graphPath: string, node: string, flags: { json?: boolean }) => {
      const report = impact(await readGraph(graphPath), node);
      if (flags.json) printJson(report);
      else process.stdout.write(formatImpact(report));
    });
}
