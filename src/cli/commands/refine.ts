import type { Command } from 'commander';
import { refineWithLlm } from '../../llm/index.js';
import { serializeGraph } from '../../model/io.js';
import { revise } from '../../planners/index.js';
import { describeOp } from '../../review/format.js';
import { printJson, readGraph } from '../io.js';
import { assertWritable, writeFileSafe } from '../output.js';
import { addLlmFlags, type LlmFlags, llmSettings, openSession, reportUsage } from './ask.js';

export function register(program: Command): void {
  addLlmFlags(
    program
      .command('refine')
      .description('change a graph by instruction with the LLM; writes the revised graph with change marks')
      .argument('<graph>', 'archmap.json')
      .argument('<instruction>', 'what to change, in quotes ("add a cache in front of the catalog db")')
      .requiredOption('-o, --output <file>', 'where to write the revised graph')
      .option('--config <file>', 'archmap.config.json with an llm section')
      .option('--force', 'overwrite the output file')
      .option(
        '--session <name>',
        'keep the conversation in .archmap/sessions/NAME.json (redacted) and send it with the next request',
      )
      .option('--json', 'print the ChangeSet as JSON'),
  ).action(
    async (
      graphPath: string,
      instruction: string,
      flags: LlmFlags & { output: string; force?: boolean; json?: boolean; session?: string },
    ) => {
      await assertWritable(flags.output, { force: flags.force });
      const settings = await llmSettings(flags);
      const graph = await readGraph(graphPath);
      const conversation = await openSession(flags.session);
      const run = await refineWithLlm(graph, instruction, settings, { history: conversation.history });
      await writeFileSafe(flags.output, serializeGraph(revise(graph, run.result)), { force: flags.force });
      await conversation.save(run);
      reportUsage(run);
      if (flags.json) {
        printJson(run.result);
        return;
      }
      const out = [
        `# ${run.result.title}`,
        '',
        run.result.summary,
        '',
        `Changes (${run.result.ops.length}):`,
      ];
      for (const op of run.result.ops) out.push(`  - ${describeOp(op)}: ${op.rationale}`);
      for (const [title, items] of [
        ['Trade-offs', run.result.tradeoffs],
        ['Risks', run.result.risks],
        ['Rollout', run.result.rollout],
      ] as const) {
        if (items.length) out.push('', `${title}:`, ...items.map((i) => `  - ${i}`));
      }
      out.push(
        '',
        `wrote ${flags.output} (draw it with: archmap diagram ${flags.output} --diff ${graphPath} -o diff.svg)`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
    },
  );
}
