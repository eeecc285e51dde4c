// `archmap scan aws` (a live account → archmap.json) and `archmap aws policy` (the read-only IAM policy it needs).
import type { Command } from 'commander';
import { awsOrgPolicies, awsReadPolicy } from '../../../analyzers/aws/operations.js';
import { mergePartials } from '../../merge/index.js';
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
  org?: boolean;
  roleName?: string;
  externalId?: string;
  shard?: string;
  discovery?: string;
  maxPages?: string;
}

/** `--shard 3/8` → { index: 3, count: 8 }. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count)
    throw new UsageError(`--shard must look like i/N with 1 ≤ i ≤ N, got ${value}`, {
      hint: 'for 8 parallel jobs, run --shard 1/8 … --shard 8/8 and then `archmap merge part-*.json -o org.json`',
    });
  return { index, count };
}

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function maxPages(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new UsageError(`--max-pages must be a whole number from 1 to 1000000, got ${value}`);
  return n;
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
    .option('--max-pages <n>', 'pages per pagination chain before it stops with a warning', '10000')
    .option('--no-details', 'skip Cloud Control GetResource: faster, but no edges or containment')
    .option(
      '--org',
      'scan every active account of the AWS Organization (from the management or a delegated admin account)',
    )
    .option('--role-name <name>', 'with --org: the read-only role to assume in each account', 'archmap-read')
    .option('--external-id <id>', 'the external id the roles trust policies require')
    .option(
      '--shard <i/N>',
      'scan only shard i of N of the account × region pairs; merge with `archmap merge`',
    )
    .option(
      '--discovery <how>',
      '`tagging` (Tagging API + Cloud Control lists) or `resource-explorer` (an aggregator index)',
      'tagging',
    )
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
        const regions: 'all' | string[] =
          flags.regions === undefined || flags.regions === 'all' ? 'all' : list(flags.regions);
        if (flags.discovery && flags.discovery !== 'tagging' && flags.discovery !== 'resource-explorer')
          throw new UsageError(`--discovery must be tagging or resource-explorer, got ${flags.discovery}`);
        const input = {
          regions,
          ...(flags.profile ? { profile: flags.profile } : {}),
          roleArns: flags.roleArn ?? [],
          ...(flags.types ? { types: list(flags.types) } : {}),
          ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}),
          ...(flags.concurrency ? { concurrency: concurrency(flags.concurrency) } : {}),
          details: flags.details,
          org: flags.org === true,
          ...(flags.roleName ? { roleName: flags.roleName } : {}),
          ...(flags.externalId ? { externalId: flags.externalId } : {}),
          ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
          ...(flags.discovery ? { discovery: flags.discovery as 'tagging' | 'resource-explorer' } : {}),
          ...(flags.maxPages ? { maxPages: maxPages(flags.maxPages) } : {}),
        };
        if (input.roleArns.length > 0 && input.org)
          throw new UsageError('--org and --role-arn do not go together', {
            hint: '--org assumes --role-name in every account of the organization',
          });
        const aws = await import('../../../analyzers/aws/index.js');
        const { runFingerprint, shardStamp } = await import('../../../analyzers/aws/shards.js');
        const options = aws.parseAwsOptions(input);
        const regionList = aws.resolveRegions(options.regions);
        const listTypes = options.types ? aws.withListParents(options.types) : aws.defaultListTypes();
        const found = await aws.scanAccounts(
          options,
          regionList,
          listTypes,
          progressFor(flags),
          controller.signal,
        );
        const graph = mergePartials([aws.graphOfPairs(found.pairs, found.diagnostics)]);
        if (options.shard)
          graph.shard = shardStamp(found, options.shard, runFingerprint(options, regionList, listTypes));
        await writeFileSafe(flags.output, serializeGraph(graph), { force: flags.force });
        printDiagnostics(graph.diagnostics, flags);
        const denied = found.accounts.filter((a) => a.status === 'denied');
        const shard = options.shard
          ? {
              index: options.shard.index,
              count: options.shard.count,
              pairs: found.shardPairs,
              of: found.totalPairs,
            }
          : undefined;
        if (flags.json) {
          printJson({
            output: flags.output,
            nodes: graph.order,
            edges: graph.size,
            accounts: { scanned: found.accounts.length - denied.length, denied },
            ...(shard ? { shard } : {}),
            diagnostics: graph.diagnostics,
          });
        } else {
          for (const a of denied)
            process.stderr.write(`account ${a.id}${a.name ? ` (${a.name})` : ''} not scanned: ${a.reason}\n`);
          const where = shard
            ? ` (shard ${shard.index}/${shard.count}: ${shard.pairs} of ${shard.of} account × region pairs)`
            : '';
          const accounts =
            found.accounts.length > 1 ? `, ${found.accounts.length - denied.length} accounts` : '';
          process.stderr.write(
            `wrote ${flags.output}: ${graph.order} nodes, ${graph.size} edges${accounts}${where}\n`,
          );
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
    .option(
      '--org',
      'print the management-side and member-side policies and a StackSet template for the member role',
    )
    .option('--role-name <name>', 'with --org: the member role name', 'archmap-read')
    .option('--management-account <id>', 'with --org: the account that runs archmap, for the trust policy')
    .action((flags: { org?: boolean; roleName: string; managementAccount?: string }) => {
      if (flags.managementAccount && !/^\d{12}$/.test(flags.managementAccount))
        throw new UsageError(
          `--management-account must be a 12-digit account id, got ${flags.managementAccount}`,
        );
      printJson(
        flags.org
          ? awsOrgPolicies({
              roleName: flags.roleName,
              ...(flags.managementAccount ? { managementAccount: flags.managementAccount } : {}),
            })
          : awsReadPolicy(),
      );
    });
}
