import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AnalyzerOptions } from '../../../analyzers/registry.js';
import { scan, scanDirectory } from '../../index.js';
import { driftReport, formatDrift } from '../../merge/index.js';
import { UsageError } from '../../model/errors.js';
import type { ArchGraph } from '../../model/graph.js';
import { serializeGraph } from '../../model/io.js';
import { printDiagnostics } from '../diagnostics.js';
import { printJson } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { progressFor } from '../progress.js';
import { registerAwsScan } from './aws.js';

interface ScanFlags {
  output: string;
  force?: boolean;
  json?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  const scanCommand = program
    .command('scan')
    .description(
      'build archmap.json from Terraform, AWS or code; `archmap scan DIR` detects and merges them all',
    );

  registerAutoScan(scanCommand);
  registerCodeScan(scanCommand);
  registerCloudFormationScan(scanCommand);
  registerAwsScan(scanCommand);

  scanCommand
    .command('terraform')
    .description('scan a Terraform directory (every root module under it)')
    .argument('<dir>', 'directory with .tf files')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--var-file <file>', 'a .tfvars file (repeatable)', collect)
    .option('--var <name=value>', 'a variable value (repeatable)', collect)
    .option('--state <file>', 'terraform.tfstate (v4) or `terraform show -json` output (repeatable)', collect)
    .option('--plan <file>', '`terraform show -json PLAN` output; marks changes (repeatable)', collect)
    .option('--max-instances <n>', 'instances one resource or module call may expand to (default 10000)')
    .option('--max-module-instances <n>', 'module instances in one scan (default 5000)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(
      async (
        dir: string,
        flags: ScanFlags &
          LimitFlags & { varFile?: string[]; var?: string[]; state?: string[]; plan?: string[] },
      ) => {
        await assertWritable(flags.output, flags);
        const root = resolve(dir);
        const vars = Object.fromEntries(
          (flags.var ?? []).map((kv) => {
            const i = kv.indexOf('=');
            if (i <= 0)
              throw new UsageError(`--var ${kv}: expected name=value`, {
                hint: 'e.g. --var region=eu-west-1',
              });
            return [kv.slice(0, i), kv.slice(i + 1)];
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
                ...limitOptions(flags),
              },
            },
          ],
          { root, progress: progressFor(flags) },
        );
        await finish(graph, flags);
      },
    );
}

interface LimitFlags {
  maxInstances?: string;
  maxModuleInstances?: string;
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} ${value}: expected a whole number ≥ 1`, { hint: `e.g. ${flag} 20000` });
  return n;
}

/** `--max-instances` / `--max-module-instances`: the Terraform expansion limits, raised on purpose. */
function limitOptions(flags: LimitFlags): { maxInstances?: number; maxModuleInstances?: number } {
  const maxInstances = positiveInt('--max-instances', flags.maxInstances);
  const maxModuleInstances = positiveInt('--max-module-instances', flags.maxModuleInstances);
  return {
    ...(maxInstances ? { maxInstances } : {}),
    ...(maxModuleInstances ? { maxModuleInstances } : {}),
  };
}

interface AutoScanFlags extends ScanFlags, LimitFlags {
  synth?: boolean;
  parameters?: string[];
  parameter?: string[];
  aws?: boolean;
  regions?: string;
  profile?: string;
  drift?: string | boolean;
  env?: string;
  varFile?: string[];
}

const DRIFT_FORMATS = new Set(['text', 'json', 'markdown']);

function driftFormat(value: string | boolean | undefined): 'text' | 'json' | 'markdown' | undefined {
  if (value === undefined || value === false) return undefined;
  const f = value === true ? 'text' : value;
  if (!DRIFT_FORMATS.has(f))
    throw new UsageError(`--drift ${f}: unknown format`, { hint: 'use text, json or markdown' });
  return f as 'text' | 'json' | 'markdown';
}

async function finish(graph: ArchGraph, flags: ScanFlags & { drift?: string | boolean }, extra: object = {}) {
  const drift = driftFormat(flags.drift);
  await writeFileSafe(flags.output, serializeGraph(graph), { force: flags.force });
  printDiagnostics(graph.diagnostics, flags);
  if (flags.json) {
    printJson({
      output: flags.output,
      nodes: graph.order,
      edges: graph.size,
      ...extra,
      ...(drift ? { drift: driftReport(graph) } : {}),
      diagnostics: graph.diagnostics,
    });
    return;
  }
  process.stderr.write(`wrote ${flags.output}: ${graph.order} nodes, ${graph.size} edges\n`);
  if (drift) process.stdout.write(formatDrift(driftReport(graph), drift));
}

/** `archmap scan [DIR] [--aws]`: Terraform (HCL + state), code and compose found under DIR, merged. */
function registerAutoScan(scanCommand: Command): void {
  scanCommand
    .command('all', { isDefault: true })
    .description(
      'detect Terraform, state, TypeScript packages and compose files under DIR and merge them (default)',
    )
    .argument('[dir]', 'directory to scan', '.')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--aws', 'also scan the live AWS account (standard credential chain, read-only)')
    .option('--regions <list>', 'with --aws: comma-separated regions (default: all)')
    .option('--profile <name>', 'with --aws: a profile from ~/.aws/config')
    .option('--drift [format]', 'also print the drift report (text | json | markdown)')
    .option('--parameters <file>', 'CloudFormation parameter values, JSON (repeatable)', collect)
    .option('--parameter <name=value>', 'a CloudFormation parameter value (repeatable)', collect)
    .option('--synth', "run each CDK app's own installed `cdk synth` (never installs anything)")
    .option('--env <name>', 'Terraform environment: loads <name>.tfvars or <name>/*.tfvars found under DIR')
    .option(
      '--var-file <file>',
      'a Terraform .tfvars file (repeatable; default: the only one found)',
      collect,
    )
    .option(
      '--max-instances <n>',
      'Terraform: instances one resource or module call may expand to (default 10000)',
    )
    .option('--max-module-instances <n>', 'Terraform: module instances in one scan (default 5000)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(async (dir: string | undefined, flags: AutoScanFlags) => {
      driftFormat(flags.drift);
      await assertWritable(flags.output, flags);
      const root = resolve(dir ?? '.');
      const aws = flags.aws
        ? ({
            regions: flags.regions ? flags.regions.split(',').map((r) => r.trim()) : 'all',
            ...(flags.profile ? { profile: flags.profile } : {}),
          } as AnalyzerOptions<'aws'>)
        : undefined;
      const cloudformation = cfnParameters(flags);
      const { graph, partials } = await scanDirectory(
        root,
        {
          ...(aws ? { aws } : {}),
          ...(cloudformation ? { cloudformation } : {}),
          ...(flags.env ? { env: flags.env } : {}),
          ...(flags.varFile?.length ? { varFiles: flags.varFile.map((f) => resolve(f)) } : {}),
          terraform: limitOptions(flags),
        },
        { progress: progressFor(flags) },
      );
      await finish(graph, flags, { sources: partials.map((p) => p.analyzer) });
    });
}

function cfnParameters(flags: { parameters?: string[]; parameter?: string[]; synth?: boolean }) {
  if (!flags.parameters?.length && !flags.parameter?.length && !flags.synth) return undefined;
  const parameters = Object.fromEntries(
    (flags.parameter ?? []).map((kv) => {
      const i = kv.indexOf('=');
      if (i < 0)
        throw new UsageError(`--parameter ${kv}: expected Name=Value`, {
          hint: 'e.g. --parameter Stage=prod',
        });
      return [kv.slice(0, i), kv.slice(i + 1)];
    }),
  );
  return {
    parameterFiles: (flags.parameters ?? []).map((f) => resolve(f)),
    parameters,
    ...(flags.synth ? { synth: true } : {}),
  };
}

/** `archmap scan cloudformation DIR`: templates, SAM, cdk.out, CDK source and serverless.yml only. */
function registerCloudFormationScan(scanCommand: Command): void {
  scanCommand
    .command('cloudformation')
    .alias('cfn')
    .description('scan CloudFormation/SAM templates, cdk.out, CDK apps (from source) and serverless.yml')
    .argument('<dir>', 'directory (or one template file)')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--parameters <file>', 'parameter values, JSON (repeatable)', collect)
    .option('--parameter <name=value>', 'a parameter value (repeatable)', collect)
    .option('--synth', "run each CDK app's own installed `cdk synth` (never installs anything)")
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(
      async (
        dir: string,
        flags: ScanFlags & { parameters?: string[]; parameter?: string[]; synth?: boolean },
      ) => {
        await assertWritable(flags.output, flags);
        const target = resolve(dir);
        const root = /\.(ya?ml|json|template)$/.test(target) ? resolve(target, '..') : target;
        const graph = await scan(
          [{ analyzer: 'cloudformation', options: { dir: target, ...(cfnParameters(flags) ?? {}) } }],
          { root, progress: progressFor(flags) },
        );
        await finish(graph, flags);
      },
    );
}

/** `archmap scan code DIR`: services and their calls from TypeScript and docker-compose only. */
function registerCodeScan(scanCommand: Command): void {
  scanCommand
    .command('code')
    .description(
      'scan TypeScript/JavaScript services (workspace packages, Dockerfiles, serverless.yml, compose)',
    )
    .argument('<dir>', 'repository or service directory')
    .option('-o, --output <file>', 'where to write the graph', 'archmap.json')
    .option('--drift [format]', 'also print the drift report (text | json | markdown)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text; no progress')
    .action(async (dir: string, flags: ScanFlags & { drift?: string | boolean }) => {
      driftFormat(flags.drift);
      await assertWritable(flags.output, flags);
      const root = resolve(dir);
      const graph = await scan([{ analyzer: 'typescript', options: { dir: root } }], {
        root,
        progress: progressFor(flags),
      });
      await finish(graph, flags);
    });
}
