import type { Command } from 'commander';
import { costDelta, costSummary, formatDeltaLine, formatMoney, minus } from '../../cost/index.js';
import { UsageError } from '../../model/errors.js';
import { serializeGraph } from '../../model/io.js';
import { bottlenecks, formatCapacityTable } from '../../planners/capacity.js';
import { isScenarioName, loadPlanner, parseDuration, revise, SCENARIO_NAMES } from '../../planners/index.js';
import { describeOp } from '../../review/format.js';
import { readCostInputs } from '../cost-inputs.js';
import { printJson, readGraph } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { type LlmFlags, llmSettings, reportUsage } from './ask.js';

interface ProposeFlags extends Omit<LlmFlags, 'config'> {
  scenario: string;
  factor?: string;
  rps?: string;
  mode?: string;
  regions?: string;
  rpo?: string;
  rto?: string;
  edge?: string;
  planner: string;
  config?: string;
  output: string;
  force?: boolean;
  json?: boolean;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got ${value}`);
  return n;
}

function duration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = parseDuration(value);
  if (s === undefined)
    throw new UsageError(`${flag} ${value}: not a duration`, { hint: 'e.g. 30s, 15m, 4h, 1d' });
  return s;
}

export function register(program: Command): void {
  program
    .command('propose')
    .description(
      'plan a what-if scenario: writes the revised graph (with change marks and the ChangeSet) and prints the plan',
    )
    .argument('<graph>', 'archmap.json')
    .requiredOption('--scenario <name>', SCENARIO_NAMES.join(' | '))
    .requiredOption('-o, --output <file>', 'where to write the revised graph (V2.json)')
    .option('--factor <n>', 'growth factor for scale', '10')
    .option('--rps <n>', 'requests per second at each entry point today', '100')
    .option('--mode <mode>', 'multi-region: active-passive | active-active', 'active-passive')
    .option('--regions <list>', 'comma-separated regions, primary first (multi-region, dr)')
    .option('--rpo <duration>', 'dr: recovery point objective, e.g. 15m')
    .option('--rto <duration>', 'dr: recovery time objective, e.g. 1h')
    .option('--edge <id>', 'decouple: the edge to put a queue on ("FROM -> TO" or an edge id)')
    .option('--planner <id>', 'offline (default) or llm', 'offline')
    .option(
      '--config <file>',
      'archmap.config.json with capacity and cost settings (default: ./archmap.config.json if present)',
    )
    .option('--prices <file>', 'a price snapshot from `archmap pricing update` (default: the shipped one)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print the ChangeSet as JSON instead of the summary')
    .option('--model <name>', 'llm planner: model (or OPENAI_MODEL, or llm.model in archmap.config.json)')
    .option('--no-cache', 'llm planner: ask again even when the same prompt was answered before')
    .option('--share-account-ids', 'llm planner: send AWS account ids as they are (default: placeholders)')
    .action(async (graphPath: string, flags: ProposeFlags) => {
      if (!isScenarioName(flags.scenario))
        throw new UsageError(`--scenario ${flags.scenario}: unknown scenario`, {
          hint: `use ${SCENARIO_NAMES.join(', ')}`,
        });
      if (flags.mode !== 'active-passive' && flags.mode !== 'active-active')
        throw new UsageError(`--mode ${flags.mode}: unknown mode`, {
          hint: 'use active-passive or active-active',
        });
      const inputs = await readCostInputs(flags);
      const configPath = inputs.configPath;
      const options = {
        factor: positive('--factor', flags.factor),
        rps: positive('--rps', flags.rps),
        mode: flags.mode as 'active-passive' | 'active-active',
        regions:
          flags.regions
            ?.split(',')
            .map((r) => r.trim())
            .filter(Boolean) ?? [],
        rpoSeconds: duration('--rpo', flags.rpo),
        rtoSeconds: duration('--rto', flags.rto),
        edge: flags.edge,
        capacity: inputs.capacity,
      };
      // The LLM planner needs settings, so it is built here rather than through the registry.
      let planner: Awaited<ReturnType<typeof loadPlanner>>;
      if (flags.planner === 'llm') {
        await assertWritable(flags.output, { force: flags.force });
        const { createLlmPlanner } = await import('../../llm/index.js');
        planner = createLlmPlanner(
          await llmSettings({ ...flags, ...(configPath ? { config: configPath } : {}) }),
        );
      } else planner = await loadPlanner(flags.planner);
      const graph = await readGraph(graphPath);
      const changeset = await planner.propose(graph, flags.scenario, options);
      const run = (planner as { lastRun?: Parameters<typeof reportUsage>[0] }).lastRun;
      if (run) reportUsage(run);
      // The bill before and after, at the scenario's load: the scale plan's own task counts drive it.
      const costed = costDelta(graph, revise(graph, changeset), {
        rps: options.rps ?? 100,
        factor: flags.scenario === 'scale' ? (options.factor ?? 10) : 1,
        capacity: inputs.capacity,
        cost: inputs.cost,
        ...(inputs.prices ? { prices: inputs.prices } : {}),
      });
      changeset.cost = costSummary(costed);
      const revised = revise(graph, changeset);
      await writeFileSafe(flags.output, serializeGraph(revised), { force: flags.force });
      if (flags.json) {
        printJson(changeset);
        return;
      }
      const out: string[] = [
        `# ${changeset.title}`,
        '',
        ...(changeset.ops.length ? [changeset.summary, ''] : []),
      ];
      if (changeset.capacity.length) {
        const factor = options.factor ?? 10;
        const hot = bottlenecks({ entryPoints: [], loads: {}, rows: changeset.capacity, notes: [] });
        out.push(
          flags.scenario === 'scale' ? `Bottlenecks at ×${factor} (${hot.length} saturated):` : 'Capacity:',
          formatCapacityTable(changeset.capacity, factor),
          '',
        );
      }
      if (!changeset.ops.length) {
        // Nothing to change: say why in one line and stop; advice about components the plan does not touch
        // would read as changes.
        out.push(`Changes (0): ${changeset.summary}`, '', `wrote ${flags.output} (0 changes)`);
        process.stdout.write(`${out.join('\n')}\n`);
        return;
      }
      out.push(`Changes (${changeset.ops.length}):`);
      for (const op of changeset.ops) out.push(`  - ${describeOp(op)}: ${op.rationale}`);
      const section = (title: string, items: string[]) => {
        if (items.length) out.push('', `${title}:`, ...items.map((i) => `  - ${i}`));
      };
      section('Trade-offs', changeset.tradeoffs);
      section(
        'Alternatives considered',
        changeset.alternatives.map((a) => `${a.option}: ${a.whyNot}`),
      );
      section('Risks', changeset.risks);
      section('Open questions', changeset.openQuestions);
      const cost = changeset.cost;
      out.push(
        '',
        `Cost (list prices, snapshot ${cost.snapshot}): ${formatDeltaLine(cost)}`,
        ...(costed.growthOnly
          ? [
              `  of which the ×${costed.after.factor} traffic on today's design: ${formatMoney(minus(costed.growthOnly.total, costed.before.total))}; the plan's changes: ${formatMoney(minus(costed.after.total, costed.growthOnly.total))}`,
            ]
          : []),
        ...cost.rows
          .slice(0, 12)
          .map((r) => `  - ${r.node}: ${formatMoney(r.before)} → ${formatMoney(r.after)}`),
        ...(cost.rows.length > 12
          ? [`  - … ${cost.rows.length - 12} more (archmap cost ${flags.output})`]
          : []),
        ...changeset.costNotes.map((n) => `  - ${n}`),
      );
      section('Rollout', changeset.rollout);
      out.push(
        '',
        `wrote ${flags.output} (${changeset.ops.length} changes; draw it with: archmap diagram ${flags.output} --diff ${graphPath} -o diff.svg)`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
