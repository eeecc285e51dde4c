// `archmap scaffold V2.json --format terraform|cdktf|cloudformation -o DIR`: IaC stubs of a revised design, written atomically.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { generate } from '../../index.js';
import { UsageError } from '../../model/errors.js';
import { printJson, readGraph, readText } from '../io.js';
import { writeFileSafe, writeFilesSafe } from '../output.js';

interface ScaffoldFlags {
  format: string;
  output: string;
  flavor?: string;
  onlyChanges?: boolean;
  project?: string;
  force?: boolean;
  json?: boolean;
  patch?: boolean;
  dir: string;
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
    .option(
      '--patch',
      'terraform only: write a unified diff against the scanned .tf files instead of stubs (-o is the patch file)',
    )
    .option(
      '--dir <dir>',
      'with --patch: the folder that was scanned (file paths in the graph are relative to it)',
      '.',
    )
    .option('--json', 'print what was written as JSON')
    .action(async (graphPath: string, flags: ScaffoldFlags) => {
      if (flags.format !== 'terraform' && flags.format !== 'cdktf' && flags.format !== 'cloudformation')
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: 'use terraform, cdktf or cloudformation',
        });
      if (flags.flavor !== 'cdktf' && flags.flavor !== 'cdktn')
        throw new UsageError(`--flavor ${flags.flavor}: unknown flavor`, { hint: 'use cdktf or cdktn' });
      const graph = await readGraph(graphPath);
      if (flags.patch) {
        if (flags.format !== 'terraform') throw new UsageError('--patch works with --format terraform only');
        const sources: Record<string, string> = {};
        const files = new Set(
          graph
            .nodes()
            .flatMap((n) => n.sources)
            .filter((s) => s.analyzer === 'terraform' && s.file?.endsWith('.tf'))
            .map((s) => s.file!),
        );
        for (const file of [...files].sort()) sources[file] = await readText(join(flags.dir, file));
        const { terraformPatch } = await import('../../../generators/terraform/patch.js');
        const result = terraformPatch(graph, { sources });
        await writeFileSafe(flags.output, result.patch, { force: flags.force });
        if (flags.json)
          printJson({ output: resolve(flags.output), files: result.files, notes: result.notes });
        else {
          process.stderr.write(
            `wrote ${flags.output}: ${result.files.length} files changed (${result.files.join(', ')})\n`,
          );
          for (const n of result.notes) process.stderr.write(`note: ${n}\n`);
        }
        return;
      }
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
