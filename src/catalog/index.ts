// Lookups over the catalog tables: by Terraform type, CloudFormation type and ARN.
import { awsCatalog } from './aws/index.js';
import type { CatalogEntry } from './types.js';

export type * from './types.js';

const byTf = new Map<string, CatalogEntry>();
const byCfn = new Map<string, CatalogEntry>();
for (const entry of awsCatalog) {
  if (byTf.has(entry.tfType)) throw new Error(`catalog: duplicate entry for ${entry.tfType}`);
  byTf.set(entry.tfType, entry);
  if (entry.cfnType && !byCfn.has(entry.cfnType)) byCfn.set(entry.cfnType, entry);
}

/** Every catalog entry. */
export function catalogEntries(): readonly CatalogEntry[] {
  return awsCatalog;
}

/**
 * @example
 * lookupTerraformType('aws_sqs_queue')?.kind // 'queue'
 */
export function lookupTerraformType(tfType: string): CatalogEntry | undefined {
  return byTf.get(tfType);
}

/**
 * @example
 * lookupCloudFormationType('AWS::SQS::Queue')?.tfType // 'aws_sqs_queue'
 */
export function lookupCloudFormationType(cfnType: string): CatalogEntry | undefined {
  return byCfn.get(cfnType);
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
  resourceType?: string;
  resourceName: string;
}

/**
 * Splits an ARN into its parts. Resource type is the part before the first `/` or `:`.
 * @example
 * parseArn('arn:aws:sqs:eu-west-1:123456789012:orders')?.resourceName // 'orders'
 */
export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, service, region, account, resource] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const sep = /[/:]/.exec(resource);
  const resourceType = sep ? resource.slice(0, sep.index) : undefined;
  const resourceName = sep ? resource.slice(sep.index + 1) : resource;
  return {
    partition,
    service,
    region,
    account,
    resource,
    resourceName,
    ...(resourceType ? { resourceType } : {}),
  };
}

/**
 * Finds the catalog entry for an ARN by service and resource type.
 * @example
 * lookupArn('arn:aws:lambda:eu-west-1:123456789012:function:worker')?.tfType // 'aws_lambda_function'
 */
export function lookupArn(arn: string): CatalogEntry | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  let typeless: CatalogEntry | undefined;
  for (const entry of awsCatalog) {
    if (!entry.arn || entry.arn.service !== parsed.service) continue;
    if (entry.arn.resourceType === undefined) typeless ??= entry;
    else if (entry.arn.resourceType === parsed.resourceType) return entry;
  }
  return typeless;
}
