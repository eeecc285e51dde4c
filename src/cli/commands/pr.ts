// `archmap pr --base A --head B`: the architecture review of a change as one Markdown comment. A and B are
// archmap.json files, or git refs of one repository, each scanned from a clean worktree.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { FindingsError, UsageError } from '../../model/errors.js';
import type { ArchGraph } from '../../model/graph.js';
import { resolveCommit, scanCommit } from '../../pr/git.js';
import { atLeast, changedNeighbourhood, prComment, reviewChange } from '../../pr/index.js';
import { formatSarif } from '../../review/format.js';
import { review, SEVERITIES, type Severity } from '../../review/index.js';
import { readCostInputs } from '../cost-inputs.js';
import { readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

interface PrFlags {
  base: string;
  head: string;
  repo: string;
  dir?: string;
  env?: string;
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
    .requiredOption(
      '--base <graph|ref>',
      'archmap.json before the change, or a git ref (branch, tag, commit)',
    )
    .requiredOption('--head <graph|ref>', 'archmap.json after the change, or a git ref')
    .option('--repo <dir>', 'the git repository the refs belong to', '.')
    .option('--dir <path>', 'with refs: scan this directory of the repository (default: its root)')
    .option('--env <name>', 'with refs: Terraform environment whose .tfvars are loaded')
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
      const base = await graphOrRef(flags.base, '--base', flags);
      const head = await graphOrRef(flags.head, '--head', flags);
      const pr = reviewChange(base, head, {
        rps,
        capacity: inputs.capacity,
        cost: inputs.cost,
        ...(inputs.prices ? { prices: inputs.prices } : {}),
      });
      const [mmd] = await generate('mermaid', changedNeighbourhood(pr.diff), {
        name: 'change',
        // A changed security group rule or policy is part of the story of a pull request.
        showChanges: true,
      });
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

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A graph file as it is, or a git ref scanned from a clean worktree of the repository. */
async function graphOrRef(value: string, flag: string, flags: PrFlags): Promise<ArchGraph> {
  if (isFile(value) || value.endsWith('.json')) return readGraph(value);
  const repo = resolve(flags.repo);
  const sha = await resolveCommit(repo, value, flag);
  return scanCommit(repo, sha, {
    ...(flags.dir ? { dir: flags.dir } : {}),
    ...(flags.env ? { scan: { env: flags.env } } : {}),
  });
}
