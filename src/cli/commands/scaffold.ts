// `archmap scaffold V2.json --format terraform|cdktf|cloudformation -o DIR`: IaC stubs of a revised design, written atomically.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { UsageError } from '../../model/errors.js';
import { printJson, readGraph } from '../io.js';
import { writeFilesSafe } from '../output.js';

interface ScaffoldFlags {
  format: string;
  output: string;
  flavor?: string;
  onlyChanges?: boolean;
  project?: string;
  force?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('scaffold')
    .description(
      'write Terraform HCL stubs, a CDKTF app or CloudFormation YAML for a (revised) design, with a README of what and why',
    )
    .argument('<graph>', 'the revised graph (V2.json from `archmap propose`) or any archmap.json')
    .requiredOption('-o, --output <dir>', 'directory to write into (must be empty unless --force)')
    .option('--format <format>', 'terraform | cdktf | cloudformation', 'terraform')
    .option('--flavor <flavor>', 'cdktf only: cdktf | cdktn (CDK Terrain, the maintained fork)', 'cdktf')
    .option('--only-changes', 'only resources the ChangeSet adds or modifies; the rest become variables')
    .option('--project <name>', "prefix for physical names (default: the resources' Project tag)")
    .option('--force', 'write into a non-empty directory, replacing files with the same names')
    .option('--json', 'print what was written as JSON')
    .action(async (graphPath: string, flags: ScaffoldFlags) => {
      if (flags.format !== 'terraform' && flags.format !== 'cdktf' && flags.format !== 'cloudformation')
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: 'use terraform, cdktf or cloudformation',
        });
      if (flags.flavor !== 'cdktf' && flags.flavor !== 'cdktn')
        throw new UsageError(`--flavor ${flags.flavor}: unknown flavor`, { hint: 'use cdktf or cdktn' });
      const graph = await readGraph(graphPath);
      const options = {
        onlyChanges: Boolean(flags.onlyChanges),
        ...(flags.project ? { project: flags.project } : {}),
      };
      const files =
        flags.format === 'terraform'
          ? await generate('terraform', graph, options)
          : flags.format === 'cloudformation'
            ? await generate('cloudformation', graph, options)
            : await generate('cdktf', graph, { ...options, flavor: flags.flavor });
      await writeFilesSafe(flags.output, files, { force: flags.force });
      const paths = files.map((f) => f.path);
      if (flags.json) printJson({ output: resolve(flags.output), files: paths });
      else process.stderr.write(`wrote ${paths.length} files to ${flags.output}: ${paths.join(', ')}\n`);
    });
}
