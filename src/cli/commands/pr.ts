// `archmap pr --base A.json --head B.json`: the architecture review of a change as one Markdown comment.
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { FindingsError, UsageError } from '../../model/errors.js';
import { atLeast, changedNeighbourhood, prComment, reviewChange } from '../../pr/index.js';
import { formatSarif } from '../../review/format.js';
import { review, SEVERITIES, type Severity } from '../../review/index.js';
import { readCostInputs } from '../cost-inputs.js';
import { readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

interface PrFlags {
  base: string;
  head: string;
  rps?: string;
  failOn?: string;
  sarif?: string;
  output?: string;
  config?: string;
  prices?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('pr')
    .description(
      'review a change: Markdown comment with the diagram diff, components changed, findings appeared/resolved, cost delta',
    )
    .requiredOption('--base <graph>', 'archmap.json before the change')
    .requiredOption('--head <graph>', 'archmap.json after the change')
    .option('--rps <n>', 'requests per second at each entry point, for the cost delta', '100')
    .option(
      '--fail-on <severity>',
      `exit 1 when a new finding is at least this severe (${SEVERITIES.join(', ')})`,
    )
    .option('--sarif <file>', 'also write the new findings as SARIF')
    .option('-o, --output <file>', 'write the comment to a file instead of stdout')
    .option('--config <file>', 'archmap.config.json (capacity and cost settings)')
    .option('--prices <file>', 'a price snapshot from `archmap pricing update`')
    .option('--force', 'overwrite output files')
    .action(async (flags: PrFlags) => {
      if (flags.failOn && !(SEVERITIES as readonly string[]).includes(flags.failOn))
        throw new UsageError(`--fail-on ${flags.failOn}: unknown severity`, {
          hint: `use ${SEVERITIES.join(', ')}`,
        });
      const rps = Number(flags.rps);
      if (!Number.isFinite(rps) || rps <= 0)
        throw new UsageError(`--rps must be a positive number, got ${flags.rps}`);
      const inputs = await readCostInputs(flags);
      const base = await readGraph(flags.base);
      const head = await readGraph(flags.head);
      const pr = reviewChange(base, head, {
        rps,
        capacity: inputs.capacity,
        cost: inputs.cost,
        ...(inputs.prices ? { prices: inputs.prices } : {}),
      });
      const [mmd] = await generate('mermaid', changedNeighbourhood(pr.diff), { name: 'change' });
      const text = prComment(pr, { mermaid: mmd ? String(mmd.contents) : undefined });
      if (flags.output) await writeFileSafe(flags.output, text, { force: flags.force });
      else process.stdout.write(text);
      if (flags.sarif) {
        const result = review(head);
        const key = (f: (typeof pr.appeared)[number]) => `${f.ruleId} ${[...f.nodes].sort().join(',')}`;
        const appeared = new Set(pr.appeared.map(key));
        await writeFileSafe(
          flags.sarif,
          formatSarif(
            { ...result, findings: result.findings.filter((f) => appeared.has(key(f))) },
            { graphFile: flags.head },
          ),
          { force: flags.force },
        );
      }
      if (flags.failOn) {
        const hit = atLeast(pr.appeared, flags.failOn as Severity);
        if (hit.length)
          throw new FindingsError(`${hit.length} new finding(s) at ${flags.failOn} severity or above`);
      }
    });
}
