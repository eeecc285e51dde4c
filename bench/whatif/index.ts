// bench/whatif: review, the capacity model, every offline scenario and ChangeSet apply/invert on generated
// estates, in process (the graph is built once per size; each figure is the median of the runs).
import { cpus } from 'node:os';
import { applyChangeSet, invertChangeSet } from '../../src/model/index.js';
import { capacityReport } from '../../src/planners/capacity.js';
import { proposeOffline, SCENARIO_NAMES } from '../../src/planners/index.js';
import { review } from '../../src/review/index.js';
import { defineBenchmark } from '../registry.js';
import { median, ms } from '../report.js';
import { generateEstate } from './generate.js';

const DEFAULT_SIZES = [1000, 5000];

function time(runs: number, f: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export default defineBenchmark({
  id: 'whatif',
  title: 'Review, capacity model and offline scenarios',
  async run(ctx) {
    const sizes = ctx.sizes ?? DEFAULT_SIZES;
    const rows: string[] = [];
    const targets: Array<{ name: string; met: boolean; detail: string }> = [];
    for (const size of sizes) {
      const graph = generateEstate(size);
      ctx.log(`estate ${size}: ${graph.order} nodes, ${graph.size} edges`);
      const cells: string[] = [
        ms(time(ctx.runs, () => review(graph))),
        ms(time(ctx.runs, () => capacityReport(graph, { rps: 500, factor: 10 }))),
      ];
      let slowest = 0;
      for (const scenario of SCENARIO_NAMES) {
        const t = time(ctx.runs, () => proposeOffline(graph, scenario, { rps: 500, factor: 10 }));
        slowest = Math.max(slowest, t);
        cells.push(ms(t));
      }
      const plan = proposeOffline(graph, 'multi-region', {});
      cells.push(
        ms(time(ctx.runs, () => applyChangeSet(graph, plan))),
        ms(time(ctx.runs, () => invertChangeSet(graph, plan))),
      );
      rows.push(
        `| ${graph.order.toLocaleString('en-US')} | ${graph.size.toLocaleString('en-US')} | ${cells.join(' | ')} |`,
      );
      targets.push({
        name: `${size} nodes: every scenario plans in ≤ 5 s`,
        met: slowest <= 5000,
        detail: ms(slowest),
      });
    }
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const markdown = `## What-if engine (bench/whatif)

Generated estates (bench/whatif/generate.ts): cells of Route53 → ALB → target group → ECS service → Postgres,
Redis and SQS → Lambda → DynamoDB and S3, chained service to service, in one VPC. Times are in process, the
median of ${ctx.runs} run(s): \`review\` (25 rules), \`capacityReport\` at ×10, \`proposeOffline\` for each
scenario, and applying / inverting the multi-region ChangeSet.

Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${process.platform}-${process.arch}.

| nodes | edges | review | capacity ×10 | ${SCENARIO_NAMES.join(' | ')} | apply (multi-region) | invert |
|---:|---:|---:|---:|${SCENARIO_NAMES.map(() => '---:').join('|')}|---:|---:|
${rows.join('\n')}

Target: every scenario plans a 5,000-node estate in at most 5 s.

${targets.map((x) => `- ${x.met ? 'met' : '**missed**'}: ${x.name} (${x.detail})`).join('\n')}
`;
    return { markdown, targets };
  },
});
