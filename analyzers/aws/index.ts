// The aws analyzer: a live account (or several, through assume-role) → PartialGraph. Read-only: see operations.ts.
import { catalogEntries } from '../../src/catalog/index.js';
import { ExternalError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import type { Diagnostic, PartialGraph } from '../../src/model/schema.js';
import { type AccountScan, buildGraph } from './build-graph.js';
import { type Discovered, scanRegion } from './discover.js';
import { failureDiagnostic, isAbort } from './failures.js';
import { type AwsOptionsInput, parseAwsOptions, resolveRegions } from './options.js';
import { RESOURCE_TYPES, resourceTypeSpec } from './resource-types.js';
import {
  type AccountSession,
  assumeRole,
  baseCredentials,
  callerIdentity,
  identityRegion,
  regionClients,
} from './session.js';

export { AWS_OPERATIONS, awsReadPolicy, isReadOnlyAction } from './operations.js';
export type { AwsOptionsInput } from './options.js';

/** The types listed with Cloud Control by default: significant catalog types, plus connectors that carry edges. */
export function defaultListTypes(): string[] {
  const significant = catalogEntries()
    .filter((e) => e.significant && e.cfnType && resourceTypeSpec(e.cfnType))
    .map((e) => e.cfnType!);
  const connectors = RESOURCE_TYPES.filter((t) => t.connector || t.listParent).map((t) => t.cfnType);
  return withListParents([...significant, ...connectors]);
}

/** Types whose list handler needs a parent (ECS services need their clusters) bring the parent type along. */
function withListParents(types: string[]): string[] {
  const parents = types.map((t) => resourceTypeSpec(t)?.listParent?.cfnType).filter((t): t is string => !!t);
  return [...new Set([...types, ...parents])].sort();
}

function interrupted(): ExternalError {
  return new ExternalError('the AWS scan was interrupted; nothing was written', {
    hint: 'run the scan again to completion',
  });
}

export default defineAnalyzer<AwsOptionsInput>({
  id: 'aws',
  description: 'a live AWS account: Tagging API + Cloud Control, all regions in parallel, read-only',
  async analyze(input, ctx) {
    const options = parseAwsOptions(input);
    const regions = resolveRegions(options.regions);
    const stsRegion = identityRegion(regions);
    const base = baseCredentials(options);
    const diagnostics: Diagnostic[] = [];
    const { signal } = ctx;

    const sessions: AccountSession[] = [];
    const targets = options.roleArns.length > 0 ? options.roleArns : [undefined];
    for (const roleArn of targets) {
      const credentials = roleArn ? assumeRole(options, stsRegion, base, roleArn) : base;
      try {
        const id = await callerIdentity(options, stsRegion, credentials, signal);
        sessions.push({ ...id, credentials, ...(roleArn ? { roleArn } : {}) });
      } catch (error) {
        if (isAbort(error, signal)) throw interrupted();
        if (!roleArn) {
          throw new ExternalError(
            `AWS credentials were not accepted: ${(error as Error).name}: ${(error as Error).message}`,
            { hint: 'set AWS_PROFILE or pass --profile, or log in with `aws sso login`' },
            { cause: error },
          );
        }
        diagnostics.push({
          ...failureDiagnostic(stsRegion, `sts:AssumeRole ${roleArn}`, error),
          severity: 'error',
          code: 'aws-assume-role-failed',
        });
      }
    }
    if (sessions.length === 0) {
      throw new ExternalError('no account could be scanned: every --role-arn was refused', {
        hint: "check each role's trust policy allows your identity to assume it",
      });
    }

    const listTypes = options.types ? withListParents(options.types) : defaultListTypes();
    const multiAccount = sessions.length > 1;
    let scans: AccountScan[];
    try {
      // Accounts and their regions all at once: AWS throttles per account and region, not across them.
      const perAccount = await Promise.all(
        sessions.map(async (session) => {
          const perRegion = await Promise.all(
            regions.map(async (region) => {
              const clients = regionClients(options, region, session.credentials);
              try {
                return await scanRegion({
                  account: session.account,
                  partition: session.partition,
                  region,
                  clients,
                  concurrency: options.concurrency,
                  listTypes,
                  details: options.details,
                  progress: ctx.progress,
                  task: multiAccount ? `${session.account} ${region}` : region,
                  ...(signal ? { signal } : {}),
                });
              } finally {
                clients.destroy();
              }
            }),
          );
          const byArn = new Map<string, Discovered>();
          // Global resources can be returned by more than one region; the first (sorted) region wins.
          for (const r of perRegion) for (const d of r.resources) if (!byArn.has(d.arn)) byArn.set(d.arn, d);
          const scan: AccountScan = {
            account: session.account,
            partition: session.partition,
            ...(session.roleArn ? { roleArn: session.roleArn } : {}),
            resources: [...byArn.values()],
          };
          return { scan, diagnostics: perRegion.flatMap((r) => r.diagnostics) };
        }),
      );
      scans = perAccount.map((a) => a.scan);
      for (const a of perAccount) diagnostics.push(...a.diagnostics);
    } catch (error) {
      if (isAbort(error, signal)) throw interrupted();
      throw error;
    }

    const built = buildGraph(scans);
    const graph: PartialGraph = {
      analyzer: 'aws',
      nodes: built.nodes,
      edges: built.edges,
      diagnostics: [...diagnostics, ...built.diagnostics],
    };
    return graph;
  },
});
