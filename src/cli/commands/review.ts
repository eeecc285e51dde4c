import type { Command } from 'commander';
import { FindingsError, UsageError } from '../../model/errors.js';
import { formatReview, REVIEW_FORMATS, type ReviewFormat } from '../../review/format.js';
import { exceeds, review, SEVERITIES, type Severity } from '../../review/index.js';
import { readGraph } from '../io.js';
import { writeFileSafe } from '../output.js';

interface ReviewFlags {
  format: string;
  failOn?: string;
  maxSyncDepth: string;
  disable?: string;
  output?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('review')
    .description("find what's missing or risky: Well-Architected rules, each with a fix as a ChangeSet")
    .argument('<graph>', 'archmap.json')
    .option('--format <format>', REVIEW_FORMATS.join(' | '), 'text')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at least this severe (${SEVERITIES.join(', ')})`,
    )
    .option('--max-sync-depth <n>', 'longest acceptable synchronous call chain', '4')
    .option('--disable <rules>', 'comma-separated rule ids to skip')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite the output file')
    .action(async (graphPath: string, flags: ReviewFlags) => {
      if (!(REVIEW_FORMATS as readonly string[]).includes(flags.format))
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: `use ${REVIEW_FORMATS.join(', ')}`,
        });
      if (flags.failOn && !(SEVERITIES as readonly string[]).includes(flags.failOn))
        throw new UsageError(`--fail-on ${flags.failOn}: unknown severity`, {
          hint: `use ${SEVERITIES.join(', ')}`,
        });
      const depth = Number(flags.maxSyncDepth);
      if (!Number.isInteger(depth) || depth < 1)
        throw new UsageError(`--max-sync-depth must be a whole number ≥ 1, got ${flags.maxSyncDepth}`);
      const graph = await readGraph(graphPath);
      const result = review(graph, {
        maxSyncDepth: depth,
        disable:
          flags.disable
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean) ?? [],
      });
      const text = formatReview(result, flags.format as ReviewFormat, { graphFile: graphPath });
      if (flags.output) {
        await writeFileSafe(flags.output, text, { force: flags.force });
        process.stderr.write(`wrote ${flags.output}: ${result.findings.length} findings\n`);
      } else process.stdout.write(text);
      if (flags.failOn && exceeds(result.findings, flags.failOn as Severity)) {
        const n = result.findings.filter(
          (f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(flags.failOn as Severity),
        ).length;
        throw new FindingsError(`${n} finding(s) at ${flags.failOn} severity or above`);
      }
    });
}
