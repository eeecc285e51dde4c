import { describe, expect, it } from 'vitest';
import {
  lookupRegistryModule,
  lookupTerraformType,
  normaliseModuleSource,
  registryModules,
} from '../../src/catalog/index.js';

describe('registry module catalog', () => {
  it.each([
    ['terraform-aws-modules/lambda/aws', 'terraform-aws-modules/lambda/aws'],
    ['registry.terraform.io/terraform-aws-modules/lambda/aws', 'terraform-aws-modules/lambda/aws'],
    ['tfr:///terraform-aws-modules/lambda/aws?version=7.2.1', 'terraform-aws-modules/lambda/aws'],
    [
      'git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v7.2.1',
      'terraform-aws-modules/lambda/aws',
    ],
    [
      'github.com/terraform-aws-modules/terraform-aws-ecs//modules/service?ref=v5.11.0',
      'terraform-aws-modules/ecs/aws//modules/service',
    ],
    ['git@github.com:cloudposse/terraform-aws-sqs-queue.git?ref=0.1.0', 'cloudposse/sqs-queue/aws'],
  ])('normalises %s', (source, expected) => {
    expect(normaliseModuleSource(source)).toBe(expected);
  });

  it('finds a submodule by its registry path', () => {
    expect(lookupRegistryModule('terraform-aws-modules/ecs/aws//modules/service')?.tfType).toBe(
      'aws_ecs_service',
    );
    expect(lookupRegistryModule('someone/unknown/aws')).toBeUndefined();
  });

  it('gives every entry a kind: its own or that of a catalogued main resource type', () => {
    const kindless = registryModules.filter((m) => !m.kind && !lookupTerraformType(m.tfType));
    expect(kindless.map((m) => m.source)).toEqual([]);
  });

  it('has one entry per source', () => {
    const sources = registryModules.map((m) => m.source);
    expect(sources.length).toBe(new Set(sources).size);
  });
});
