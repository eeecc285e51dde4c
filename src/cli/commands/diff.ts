import type { Command } from 'commander';
import { compareGraphs, diffToChangeSet } from '../../model/diff.js';
import { UsageError } from '../../model/errors.js';
import { sortKeys } from '../../model/io.js';
import { printJson, readGraph } from '../io.js';

const SIGN = { added: '+', removed: '-', modified: '~' } as const;

export function register(program: Command): void {
  program
    .command('diff')
    .description('compare two graphs: added, removed and modified nodes and edges')
    .argument('<base>', 'the earlier archmap.json')
    .argument('<next>', 'the later archmap.json')
    .option('--format <format>', 'text | json | changeset', 'text')
    .action(async (basePath: string, nextPath: string, flags: { format: string }) => {
      if (!['text', 'json', 'changeset'].includes(flags.format))
        throw new UsageError(`--format ${flags.format}: unknown format`, {
          hint: 'use text, json or changeset',
        });
      const base = await readGraph(basePath);
      const next = await readGraph(nextPath);
      if (flags.format === 'changeset') return printJson(sortKeys(diffToChangeSet(base, next)));
      const diff = compareGraphs(base, next);
      if (flags.format === 'json') return printJson(sortKeys(diff));
      const lines: string[] = [];
      for (const c of diff.changes) {
        lines.push(`${SIGN[c.change]} ${c.type} ${c.id} (${c.kind})`);
        for (const f of c.fields)
          lines.push(
            `    ${f.path}: ${f.before === undefined ? '∅' : JSON.stringify(f.before)} → ${f.after === undefined ? '∅' : JSON.stringify(f.after)}`,
          );
      }
      const k = diff.counts;
      lines.push(
        `${k.added.nodes + k.added.edges} added, ${k.removed.nodes + k.removed.edges} removed, ${k.modified.nodes + k.modified.edges} modified (nodes: +${k.added.nodes} -${k.removed.nodes} ~${k.modified.nodes}; edges: +${k.added.edges} -${k.removed.edges} ~${k.modified.edges})`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
