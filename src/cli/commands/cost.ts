// `archmap cost G.json [--rps N] [--format text|json|markdown]`: the monthly cost of a design, per component
// and in total, with line items, the snapshot entry behind each price and the assumptions behind each figure.
import type { Command } from 'commander';
import { costReport, formatCostMarkdown, formatCostText, scenarioLoad } from '../../cost/index.js';
import { UsageError } from '../../model/errors.js';
import { readCostInputs } from '../cost-inputs.js';
import { readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface CostFlags {
  rps?: string;
  factor?: string;
  format: string;
  config?: string;
  prices?: string;
  output?: string;
  force?: boolean;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got ${value}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('cost')
    .description(
      'monthly cost of a design from the price snapshot: per component, with line items and assumptions',
    )
    .argument('<graph>', 'archmap.json (or a revised V2.json: priced at its scenario’s load)')
    .option('--rps <n>', 'requests per second at each entry point (default: the scenario’s, else 100)')
    .option('--factor <n>', 'traffic multiplier (default: a scale scenario’s factor, else 1)')
    .option('--format <format>', FORMATS.join(' | '), 'text')
    .option(
      '--config <file>',
      'archmap.config.json with capacity and cost settings (default: ./archmap.config.json)',
    )
    .option('--prices <file>', 'a price snapshot from `archmap pricing update` (default: the shipped one)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite the output file')
    .action(async (graphPath: string, flags: CostFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format))
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: `use ${FORMATS.join(', ')}`,
        });
      const rps = positive('--rps', flags.rps);
      const factor = positive('--factor', flags.factor);
      const inputs = await readCostInputs(flags);
      const graph = await readGraph(graphPath);
      const load = scenarioLoad(graph.changeset, rps);
      const report = costReport(graph, {
        rps: load.rps,
        factor: factor ?? load.factor,
        capacity: inputs.capacity,
        cost: inputs.cost,
        ...(inputs.prices ? { prices: inputs.prices } : {}),
      });
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : flags.format === 'markdown'
            ? formatCostMarkdown(report)
            : formatCostText(report);
      if (flags.output) {
        await writeFileSafe(flags.output, text, { force: flags.force });
        process.stderr.write(`wrote ${flags.output}\n`);
      } else process.stdout.write(text);
    });
}
