import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogEntries, lookupCloudFormationType, lookupTerraformType } from '../../src/catalog/index.js';
import { EDGE_KINDS, NODE_KINDS } from '../../src/model/kinds.js';

const require = createRequire(import.meta.url);
const iconsDir = join(dirname(require.resolve('aws-icons/package.json')), 'icons');
const entries = catalogEntries();

describe('AWS catalog entries', () => {
  it.each(entries.map((e) => [e.tfType, e] as const))(
    '%s has an icon that exists in aws-icons',
    (_t, entry) => {
      expect(entry.icon, 'icon path').toBeDefined();
      expect(existsSync(join(iconsDir, entry.icon ?? '')), `${entry.icon} missing`).toBe(true);
    },
  );

  it('has a unique Terraform type per entry, all named aws_*', () => {
    const types = entries.map((e) => e.tfType);
    expect(new Set(types).size).toBe(types.length);
    for (const t of types) expect(t).toMatch(/^aws_[a-z0-9_]+$/);
  });

  it('uses only node kinds and edge kinds from the model', () => {
    for (const e of entries) {
      expect(NODE_KINDS, e.tfType).toContain(e.kind);
      for (const r of e.edges ?? []) expect(EDGE_KINDS, e.tfType).toContain(r.kind);
      for (const l of e.links ?? []) expect(EDGE_KINDS, e.tfType).toContain(l.kind);
    }
  });

  it('gives every edge, link and containment rule at least one attribute path', () => {
    for (const e of entries) {
      for (const r of [...(e.edges ?? []), ...(e.containment ?? [])])
        expect(r.tf ?? r.cfn, e.tfType).toBeTruthy();
      for (const l of e.links ?? []) {
        expect(l.from.tf ?? l.from.cfn, e.tfType).toBeTruthy();
        expect(l.to.tf ?? l.to.cfn, e.tfType).toBeTruthy();
      }
    }
  });

  it('writes CloudFormation types as Service::Provider::Type', () => {
    for (const e of entries)
      if (e.cfnType) expect(e.cfnType, e.tfType).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
  });

  it('finds the shop fixture types by Terraform and CloudFormation type', () => {
    expect(lookupTerraformType('aws_lambda_function')?.kind).toBe('function');
    expect(lookupTerraformType('aws_elasticache_replication_group')?.kind).toBe('cache');
    expect(lookupTerraformType('aws_iam_role')?.plumbing).toBe(true);
    expect(lookupCloudFormationType('AWS::RDS::DBInstance')?.tfType).toBe('aws_db_instance');
    expect(lookupCloudFormationType('AWS::ElasticLoadBalancingV2::LoadBalancer')?.tfType).toBe('aws_lb');
  });

  it('marks the types Cloud Control must list even when untagged as significant', () => {
    const significant = [
      'aws_lambda_function',
      'aws_ecs_service',
      'aws_db_instance',
      'aws_rds_cluster',
      'aws_dynamodb_table',
      'aws_sqs_queue',
      'aws_sns_topic',
      'aws_lb',
      'aws_vpc',
      'aws_subnet',
      'aws_api_gateway_rest_api',
      'aws_apigatewayv2_api',
      'aws_cloudfront_distribution',
    ];
    for (const t of significant) expect(lookupTerraformType(t)?.significant, t).toBe(true);
    for (const e of entries)
      if (e.significant) expect(e.cfnType, `${e.tfType} needs a Cloud Control type`).toBeDefined();
  });
});
