// `archmap merge`: joins any number of graph files into one. Shards of one sharded AWS scan are checked for
// completeness and correlated again as a whole; other graphs (Terraform, code) join through the usual rules.
import type { Command } from 'commander';
import { mergePartials } from '../../merge/index.js';
import { UsageError } from '../../model/errors.js';
import { parseGraph, serializeGraph } from '../../model/io.js';
import type { PartialGraph, ShardStamp } from '../../model/schema.js';
import { printDiagnostics } from '../diagnostics.js';
import { printJson, readText } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';

interface MergeFlags {
  output: string;
  force?: boolean;
  json?: boolean;
}

/** Enough for every shard of the largest organisation run anyone shards by hand. */
const MAX_FILES = 10_000;

export function register(program: Command): void {
  program
    .command('merge')
    .description(
      'merge graph files into one: the shards of `archmap scan aws --shard i/N`, plus any other graphs',
    )
    .argument('<files...>', 'archmap.json files, e.g. part-*.json')
    .option('-o, --output <file>', 'where to write the merged graph', 'archmap.json')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print a JSON summary instead of text')
    .action(async (files: string[], flags: MergeFlags) => {
      if (files.length > MAX_FILES)
        throw new UsageError(`merge takes at most ${MAX_FILES} files, got ${files.length}`);
      await assertWritable(flags.output, flags);
      const shards: { file: string; stamp: ShardStamp }[] = [];
      const partials: PartialGraph[] = [];
      for (const file of [...new Set(files)]) {
        const graph = parseGraph(await readText(file), file);
        const stamp = graph.shard;
        if (stamp) shards.push({ file, stamp });
        else
          partials.push({
            analyzer: 'file',
            nodes: graph.nodes(),
            edges: graph.edges(),
            diagnostics: graph.diagnostics,
          });
      }
      const other = shards.find((s) => s.stamp.analyzer !== 'aws');
      if (other)
        throw new UsageError(
          `${other.file}: shards of the ${other.stamp.analyzer} analyzer cannot be merged`,
          {
            file: other.file,
          },
        );
      let accounts: { id: string; status: string; reason?: string }[] = [];
      let shardCount: number | undefined;
      if (shards.length > 0) {
        const { mergeAwsShards } = await import('../../../analyzers/aws/shards.js');
        const merged = mergeAwsShards(shards);
        partials.unshift(merged.graph);
        accounts = merged.accounts;
        shardCount = merged.count;
      }
      const graph = mergePartials(partials);
      await writeFileSafe(flags.output, serializeGraph(graph), { force: flags.force });
      printDiagnostics(graph.diagnostics, flags);
      const denied = accounts.filter((a) => a.status === 'denied');
      if (flags.json) {
        printJson({
          output: flags.output,
          nodes: graph.order,
          edges: graph.size,
          ...(shardCount
            ? { shards: shardCount, accounts: { scanned: accounts.length - denied.length, denied } }
            : {}),
        });
        return;
      }
      for (const a of denied) process.stderr.write(`account ${a.id} not scanned: ${a.reason}\n`);
      const from = shardCount ? `${shardCount} shards` : `${partials.length} graphs`;
      const accountsLine = shardCount
        ? `, ${accounts.length - denied.length} accounts scanned, ${denied.length} denied`
        : '';
      process.stderr.write(
        `wrote ${flags.output} from ${from}: ${graph.order} nodes, ${graph.size} edges${accountsLine}\n`,
      );
    });
}
