// Lazy registry: each analyzer loads (with ts-morph, the AWS SDK, tree-sitter…) only when used.
import type { Analyzer } from '../src/model/plugin.js';

export const analyzerLoaders = {
  terraform: () => import('./terraform/index.js').then((m) => m.default),
  aws: () => import('./aws/index.js').then((m) => m.default),
  typescript: () => import('./typescript/index.js').then((m) => m.default),
  cloudformation: () => import('./cloudformation/index.js').then((m) => m.default),
} satisfies Record<string, () => Promise<Analyzer<never>>>;

export type AnalyzerId = keyof typeof analyzerLoaders;
export type AnalyzerOptions<Id extends AnalyzerId> = Parameters<
  Awaited<ReturnType<(typeof analyzerLoaders)[Id]>>['analyze']
>[0];

export async function loadAnalyzer<Id extends AnalyzerId>(
  id: Id,
): Promise<Awaited<ReturnType<(typeof analyzerLoaders)[Id]>>> {
  return (await analyzerLoaders[id]()) as Awaited<ReturnType<(typeof analyzerLoaders)[Id]>>;
}
