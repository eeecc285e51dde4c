// `archmap scan aws` (a live account → archmap.json) and `archmap aws policy` (the read-only IAM policy it needs).
import type { Command } from 'commander';
import { awsReadPolicy } from '../../../analyzers/aws/operations.js';
import { scan } from '../../index.js';
import { UsageError } from '../../model/errors.js';
import { serializeGraph } from '../../model/io.js';
import { printDiagnostics } from '../diagnostics.js';
import { printJson } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { progressFor } from '../progress.js';

interface AwsScanFlags {
  output: string;
  profile?: string;
  regions?: string;
  roleArn?: string[];
  types?: string;
  endpointUrl?: string;
  concurrency?: string;
  details: boolean;
  force?: boolean;
  json?: boolean;
}

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function concurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--concurrency must be a whole number from 1 to 256, got ${value}`);
  return n;
}

/** Adds `archmap scan aws` under `archmap scan`. */
export function registerAwsScan(scanCommand: Command): void {
  scanCommand
    .command('aws')
    .description('scan a live AWS account, read-only (Tagging API + Cloud Control, all regions in parallel)')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--profile <name>', 'a profile from ~/.aws/config (default: the standard credential chain)')
    .option('--regions <list>', '`all` (the 17 default regions) or comma-separated regions', 'all')
    .option('--role-arn <arn>', 'assume this role and scan its account (repeatable)', collect)
    .option('--types <list>', 'CloudFormation types to list with Cloud Control (default: significant types)')
    .option('--endpoint-url <url>', 'send every request to this endpoint (LocalStack, tests)')
    .option('--concurrency <n>', 'requests in flight per region (pagination and details each)', '16')
    .option('--no-details', 'skip Cloud Control GetResource: faster, but no edges or containment')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(async (flags: AwsScanFlags) => {
      await assertWritable(flags.output, flags);
      const controller = new AbortController();
      // Ctrl-C stops the scan; nothing is written because the file is only written after a whole scan.
      let interrupts = 0;
      const onInterrupt = () => {
        interrupts++;
        if (interrupts > 1) process.exit(130);
        process.stderr.write('\ninterrupting the AWS scan…\n');
        controller.abort();
      };
      process.on('SIGINT', onInterrupt);
      try {
        const regions = flags.regions === undefined || flags.regions === 'all' ? 'all' : list(flags.regions);
        const graph = await scan(
          [
            {
              analyzer: 'aws',
              options: {
                regions,
                ...(flags.profile ? { profile: flags.profile } : {}),
                roleArns: flags.roleArn ?? [],
                ...(flags.types ? { types: list(flags.types) } : {}),
                ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
                ...(flags.concurrency ? { concurrency: concurrency(flags.concurrency) } : {}),
                details: flags.details,
              },
            },
          ],
          { root: process.cwd(), progress: progressFor(flags), signal: controller.signal },
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
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}

export function register(program: Command): void {
  const aws = program.command('aws').description('AWS helpers');
  aws
    .command('policy')
    .description('print the minimal read-only IAM policy `archmap scan aws` needs')
    .action(() => printJson(awsReadPolicy()));
}
