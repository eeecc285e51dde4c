import type { Command } from 'commander';
import { llmWanted, sketchWithLlm } from '../../llm/index.js';
import { UsageError } from '../../model/errors.js';
import { serializeGraph } from '../../model/io.js';
import { loadReference, matchReference } from '../../sketch/index.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { addLlmFlags, type LlmFlags, llmSettings, reportUsage } from './ask.js';

export function register(program: Command): void {
  addLlmFlags(
    program
      .command('sketch')
      .description(
        'draft a new architecture from a description: with the LLM when configured, otherwise the closest of the reference architectures',
      )
      .argument('<description>', 'the system, in quotes ("a URL shortener with click analytics")')
      .requiredOption('-o, --output <file>', 'where to write the graph')
      .option('--offline', 'match the reference architectures even when an LLM is configured')
      .option('--planner <planner>', 'offline (reference architectures) | llm (draft with the LLM)')
      .option('--config <file>', 'archmap.config.json with an llm section')
      .option('--force', 'overwrite the output file'),
  ).action(
    async (
      description: string,
      flags: LlmFlags & { output: string; force?: boolean; offline?: boolean; planner?: string },
    ) => {
      if (flags.planner !== undefined && flags.planner !== 'offline' && flags.planner !== 'llm')
        throw new UsageError(`--planner ${flags.planner}: unknown planner`, { hint: 'use offline or llm' });
      if (flags.planner === 'offline') flags.offline = true;
      await assertWritable(flags.output, { force: flags.force });
      const next = `draw it with: archmap diagram ${flags.output} -o ${flags.output.replace(/\.json$/, '')}.svg`;
      if (flags.planner === 'llm' || (!flags.offline && (await llmWanted(process.env, flags.config)))) {
        const run = await sketchWithLlm(description, await llmSettings(flags));
        await writeFileSafe(flags.output, serializeGraph(run.result), { force: flags.force });
        reportUsage(run);
        process.stdout.write(
          `wrote ${flags.output}: ${run.result.order} nodes, ${run.result.size} edges, drafted by the LLM; ${next}\n`,
        );
        return;
      }
      const match = await matchReference(description);
      const graph = await loadReference(match.reference.id);
      graph.name = match.reference.id;
      await writeFileSafe(flags.output, serializeGraph(graph), { force: flags.force });
      const why = `matched: ${match.matched.join(', ')}`;
      process.stdout.write(
        [
          `offline sketch (no LLM configured${flags.offline ? ', --offline' : ''}): matched the reference architecture "${match.reference.title}" (${match.reference.id}, score ${match.score}; ${why})`,
          `  runners-up: ${match.others.map((o) => `${o.id} (${o.score})`).join(', ')}`,
          `wrote ${flags.output}: ${graph.order} nodes, ${graph.size} edges; ${next}`,
          `take it further with: archmap propose ${flags.output} --scenario scale -o V2.json`,
        ].join('\n') + '\n',
      );
    },
  );
}
