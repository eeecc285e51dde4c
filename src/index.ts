// archmap's library API. It reads like the pipeline:
//   sources → analyzers → PartialGraph[] → merge → ArchGraph → (review, planners) → generators → files
import { relative } from 'node:path';
import { type AnalyzerId, type AnalyzerOptions, loadAnalyzer } from '../analyzers/registry.js';
import { type GeneratorId, loadGenerator } from '../generators/registry.js';
import { detectSources, environmentFiles, lambdaHandlerHints } from './merge/detect.js';
import { mergePartials } from './merge/index.js';
import { UsageError } from './model/errors.js';
import type { ArchGraph } from './model/graph.js';
import { type AnalyzerContext, type GeneratedFile, silentProgress } from './model/plugin.js';
import type { PartialGraph } from './model/schema.js';
import { scrubPartial } from './model/secrets.js';

export {
  catalogEntries,
  lookupArn,
  lookupCloudFormationType,
  lookupTerraformType,
  parseArn,
} from './catalog/index.js';
// What-if engine: review findings, planners (scenarios + capacity model), failure-mode analysis.
export { formatImpact, type ImpactReport, impact } from './impact/index.js';
export { detectSources, environmentFiles, lambdaHandlerHints } from './merge/detect.js';
export { type DriftItem, type DriftReport, driftReport, formatDrift, mergePartials } from './merge/index.js';
export * from './model/index.js';
export {
  type CapacityConfig,
  type CapacityReport,
  capacityReport,
  loadPlanner,
  offlinePlanner,
  type Planner,
  plannerLoaders,
  proposeOffline,
  revise,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioOptionsInput,
} from './planners/index.js';
export { formatReview, type ReviewFormat } from './review/format.js';
export { type Finding, type Rule, review } from './review/index.js';

export type ScanSource = { [Id in AnalyzerId]: { analyzer: Id; options: AnalyzerOptions<Id> } }[AnalyzerId];

/**
 * Runs one analyzer.
 * @example
 * const partial = await analyze({ analyzer: 'terraform', options: { dir: 'infra' } });
 */
export async function analyze(
  source: ScanSource,
  context: Partial<AnalyzerContext> = {},
): Promise<PartialGraph> {
  const analyzer = await loadAnalyzer(source.analyzer);
  const ctx: AnalyzerContext = { root: process.cwd(), progress: silentProgress, ...context };
  const partial = await (analyzer.analyze as (o: unknown, c: AnalyzerContext) => Promise<PartialGraph>)(
    source.options,
    ctx,
  );
  // The one read-time scrubber: no analyzer's secrets or echoed source text get past this line.
  return scrubPartial(partial);
}

/**
 * Scans every source and merges the partial graphs into one ArchGraph.
 * @example
 * const graph = await scan([{ analyzer: 'terraform', options: { dir: 'infra' } }]);
 */
export async function scan(
  sources: ScanSource[],
  context: Partial<AnalyzerContext> = {},
): Promise<ArchGraph> {
  const partials: PartialGraph[] = [];
  for (const source of sources) partials.push(await analyze(source, context));
  return mergePartials(partials);
}

/**
 * Runs one generator over a graph and returns its files (the caller writes them).
 * @example
 * const files = await generate('d2', graph, { formats: ['svg'] });
 */
export async function generate(
  id: GeneratorId,
  graph: ArchGraph,
  options: unknown = {},
): Promise<GeneratedFile[]> {
  const generator = await loadGenerator(id);
  return (generator.generate as (g: ArchGraph, o: unknown) => Promise<GeneratedFile[]>)(graph, options);
}

export interface ScanDirectoryOptions {
  /** Also scan the live AWS account with these analyzer options (read-only). */
  aws?: AnalyzerOptions<'aws'>;
  /** CloudFormation parameter values (`--parameters` files, `--parameter K=V`). */
  cloudformation?: Omit<AnalyzerOptions<'cloudformation'>, 'dir'>;
  /** Terraform environment: `.tfvars` files to load, or an environment name whose files are picked up. */
  varFiles?: string[];
  env?: string;
  /** Terraform expansion limits (`--max-instances`, `--max-module-instances`). */
  terraform?: { maxInstances?: number; maxModuleInstances?: number };
}

/**
 * `archmap scan DIR`: detects Terraform roots and state, CloudFormation/SAM/CDK/Serverless inputs, TypeScript
 * packages and compose files under `root`, runs each analyzer (infrastructure first, so the Lambda handlers it names
 * guide the code scan) and merges the lot.
 * @example
 * const { graph } = await scanDirectory('/repo/shop');
 */
export async function scanDirectory(
  root: string,
  options: ScanDirectoryOptions = {},
  context: Partial<AnalyzerContext> = {},
): Promise<{ graph: ArchGraph; partials: PartialGraph[] }> {
  const detected = detectSources(root);
  if (!detected.terraform && !detected.code && !detected.cloudformation && !options.aws) {
    throw new UsageError(
      `${root}: found no Terraform, state, CloudFormation, package.json, tsconfig.json or compose file`,
      {
        hint: 'point archmap at a repository, or use `archmap scan terraform|code|aws`',
      },
    );
  }
  const ctx = { root, ...context };
  const partials: PartialGraph[] = [];
  if (detected.terraform) {
    const env = environmentFiles(root, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.varFiles ? { varFiles: options.varFiles } : {}),
    });
    if (options.env && env.files.length === 0) {
      throw new UsageError(
        `--env ${options.env}: no ${options.env}.tfvars or ${options.env}/*.tfvars under ${root}`,
        {
          hint: env.candidates.length
            ? `environment files found: ${env.candidates.map((f) => relative(root, f)).join(', ')}`
            : 'pass --var-file FILE',
        },
      );
    }
    const varFiles = env.files.length ? { varFiles: env.files } : {};
    partials.push(
      await analyze(
        { analyzer: 'terraform', options: { ...options.terraform, dir: root, ...varFiles } },
        ctx,
      ),
    );
  }
  if (detected.cloudformation)
    partials.push(
      await analyze(
        { analyzer: 'cloudformation', options: { dir: root, ...(options.cloudformation ?? {}) } },
        ctx,
      ),
    );
  // Lambda handlers named by the IaC are code to read even where no package.json says so (plain .mjs folders).
  const handlers = partials.flatMap((p) => lambdaHandlerHints(p, root));
  if (detected.code || handlers.length > 0) {
    partials.push(await analyze({ analyzer: 'typescript', options: { dir: root, handlers } }, ctx));
  }
  if (options.aws) partials.push(await analyze({ analyzer: 'aws', options: options.aws }, ctx));
  return { graph: mergePartials(partials), partials };
}
