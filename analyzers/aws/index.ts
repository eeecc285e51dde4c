// The aws analyzer: a live account (or several, through assume-role) → PartialGraph. Read-only: see operations.ts.
import { catalogEntries } from '../../src/catalog/index.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import { type AwsOptionsInput, parseAwsOptions, resolveRegions } from './options.js';
import { RESOURCE_TYPES, resourceTypeSpec } from './resource-types.js';
import { graphOfPairs, scanAccounts } from './scan-accounts.js';

export { AWS_OPERATIONS, awsReadPolicy, isReadOnlyAction } from './operations.js';
export type { AwsOptionsInput } from './options.js';
export { parseAwsOptions, resolveRegions } from './options.js';
export { type AccountsScan, graphOfPairs, type PairScan, scanAccounts, shardSlice } from './scan-accounts.js';

/** The types listed with Cloud Control by default: significant catalog types, plus connectors that carry edges. */
export function defaultListTypes(): string[] {
  const significant = catalogEntries()
    .filter((e) => e.significant && e.cfnType && resourceTypeSpec(e.cfnType))
    .map((e) => e.cfnType!);
  const connectors = RESOURCE_TYPES.filter((t) => t.connector || t.listParent).map((t) => t.cfnType);
  return withListParents([...significant, ...connectors]);
}

/** Types whose list handler needs a parent (ECS services need their clusters) bring the parent type along. */
export function withListParents(types: string[]): string[] {
  const parents = types.map((t) => resourceTypeSpec(t)?.listParent?.cfnType).filter((t): t is string => !!t);
  return [...new Set([...types, ...parents])].sort();
}

export default defineAnalyzer<AwsOptionsInput>({
  id: 'aws',
  description: 'a live AWS account: Tagging API + Cloud Control, all regions in parallel, read-only',
  async analyze(input, ctx) {
    const options = parseAwsOptions(input);
    const found = await scanAccounts(
      options,
      resolveRegions(options.regions),
      options.types ? withListParents(options.types) : defaultListTypes(),
      ctx.progress,
      ctx.signal,
    );
    return graphOfPairs(found.pairs, found.diagnostics);
  },
});
