// Lookups over the catalog tables: by Terraform type, CloudFormation type and ARN.

import type { NodeKind } from '../model/kinds.js';
import { awsCatalog } from './aws/index.js';
import { samResourceTypes } from './aws/sam.js';
import type { CatalogEntry } from './types.js';

export { cdkConstructTypes, cdkPatternParts } from './aws/cdk.js';
export {
  defaultMaxConnections,
  INSTANCE_CLASS_NOTE,
  INSTANCE_CLASS_SOURCE,
  type InstanceClassFigures,
  lookupInstanceClass,
  rdsInstanceClasses,
} from './aws/instance-classes.js';
export { type SamPolicyTemplate, samPolicyTemplates, samResourceTypes } from './aws/sam.js';
export type * from './types.js';

const byTf = new Map<string, CatalogEntry>();
const byCfn = new Map<string, CatalogEntry>();
for (const entry of awsCatalog) {
  if (byTf.has(entry.tfType)) throw new Error(`catalog: duplicate entry for ${entry.tfType}`);
  byTf.set(entry.tfType, entry);
  for (const cfn of [entry.cfnType, ...(entry.cfnAliases ?? [])])
    if (cfn && !byCfn.has(cfn)) byCfn.set(cfn, entry);
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
 * The entry of a CloudFormation type; an `AWS::Serverless::*` (SAM) type gets the entry of the type it becomes.
 * @example
 * lookupCloudFormationType('AWS::SQS::Queue')?.tfType // 'aws_sqs_queue'
 * lookupCloudFormationType('AWS::Serverless::Function')?.tfType // 'aws_lambda_function'
 */
export function lookupCloudFormationType(cfnType: string): CatalogEntry | undefined {
  return byCfn.get(samResourceTypes[cfnType] ?? cfnType);
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
 * Splits an ARN into its parts. Resource type is the part before the first `/` or `:`; a leading `/` (API Gateway's
 * `arn:aws:apigateway:eu-west-1::/restapis/a1b2c3`) is skipped first.
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
  const body = resource.startsWith('/') ? resource.slice(1) : resource;
  const sep = /[/:]/.exec(body);
  const resourceType = sep ? body.slice(0, sep.index) : undefined;
  const resourceName = sep ? body.slice(sep.index + 1) : body;
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

const arnPatterns = new Map<CatalogEntry, RegExp>();
for (const entry of awsCatalog) {
  if (entry.arn?.pattern) arnPatterns.set(entry, new RegExp(entry.arn.pattern));
}

function arnMatches(entry: CatalogEntry, parsed: ParsedArn): boolean {
  const shape = entry.arn;
  if (!shape || shape.service !== parsed.service) return false;
  const pattern = arnPatterns.get(entry);
  if (pattern) {
    if (!pattern.test(parsed.resource)) return false;
    return shape.resourceType === undefined || shape.resourceType === parsed.resourceType;
  }
  return shape.resourceType !== undefined && shape.resourceType === parsed.resourceType;
}

/**
 * Finds the catalog entry for an ARN. An entry whose `pattern` matches wins over one matched by resource type
 * alone; among equals the `primary` one wins (`aws_lb` over `aws_alb`); an entry with neither resource type nor
 * pattern (SQS, S3) is the fallback for its service.
 * @example
 * lookupArn('arn:aws:lambda:eu-west-1:123456789012:function:worker')?.tfType // 'aws_lambda_function'
 * lookupArn('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188')?.tfType // 'aws_lb'
 */
export function lookupArn(arn: string): CatalogEntry | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  let best: CatalogEntry | undefined;
  let bestScore = -1;
  let typeless: CatalogEntry | undefined;
  for (const entry of awsCatalog) {
    const shape = entry.arn;
    if (!shape || shape.service !== parsed.service) continue;
    if (shape.resourceType === undefined && shape.pattern === undefined) {
      typeless ??= entry;
      continue;
    }
    if (!arnMatches(entry, parsed)) continue;
    const score = (shape.pattern ? 2 : 0) + (shape.primary === false ? 0 : 1);
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best ?? typeless;
}

/** Name fragments of Terraform types and the kind they suggest, most specific first. Data, not code. */
const UNKNOWN_TYPE_HINTS: readonly (readonly [RegExp, NodeKind])[] = [
  [
    /_(subnet_group|parameter_group|option_group|policy|policy_attachment|permission|role|user|group_membership)$/,
    'identity',
  ],
  [/_(security_group|security_group_rule|network_acl|route|route_table|route_table_association)$/, 'network'],
  [/_(queue|broker)$/, 'queue'],
  [/_(topic|event_bus|event_rule)$/, 'topic'],
  [/_(stream|delivery_stream|kafka_cluster)$/, 'stream'],
  [/_(bucket|file_system|volume|repository|vault|archive)$/, 'storage'],
  [/_(table|database|db_cluster|db_instance|cluster_instance|keyspace)$/, 'database'],
  [/_(cache|cache_cluster|replication_group)$/, 'cache'],
  [/_(function|lambda)$/, 'function'],
  [/_(task_definition|container|container_service)$/, 'container'],
  [/_(load_balancer|lb|alb|elb|accelerator)$/, 'load_balancer'],
  [/_(distribution|cdn)$/, 'cdn'],
  [/_(zone|record|resolver_endpoint|dns_namespace)$/, 'dns'],
  [/_(api|rest_api|graphql_api|http_api)$/, 'api_gateway'],
  [/_(search_domain|domain|collection|index)$/, 'search'],
  [/_(secret|key|certificate|parameter)$/, 'secret'],
  [/_(user_pool|identity_pool|identity_provider)$/, 'identity'],
  [/_(vpc|gateway|endpoint|peering_connection|firewall|connection)$/, 'network'],
  [/_(instance|service|application|environment|cluster|job|workflow|state_machine)$/, 'service'],
];

/**
 * A best guess at the kind of a Terraform type the catalog does not know, from its name. Analyzers still mark such
 * nodes as unknown; this only picks a sensible shape for them.
 * @example
 * kindForUnknownType('aws_foo_queue') // 'queue'
 * kindForUnknownType('aws_something_else') // 'generic'
 */
export function kindForUnknownType(tfType: string): NodeKind {
  const known = byTf.get(tfType);
  if (known) return known.kind;
  for (const [pattern, kind] of UNKNOWN_TYPE_HINTS) if (pattern.test(tfType)) return kind;
  return 'generic';
}

export { lookupRegistryModule, normaliseModuleSource, registryModules } from './modules/index.js';
