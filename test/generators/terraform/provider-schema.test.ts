// The pinned AWS provider schema (fixtures/provider-schema/aws.json.gz, derived by provider-schema/derive.ts from
// @cdktf/provider-aws's generated bindings) against every golden scaffold, and the checker against known defects.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support.js';
import { deriveSchema } from './provider-schema/derive.js';
import { providerSchema } from './provider-schema/schema.js';
import { validateTerraform } from './provider-schema/validate.js';

const GOLDEN = join(repoRoot, 'test', 'generators', 'terraform', '__golden__');

describe('the pinned AWS provider schema', () => {
  it('is AWS provider 6.x with the resource types the scaffold writes', () => {
    const s = providerSchema();
    expect(s.provider_version).toMatch(/^6\./);
    expect(Object.keys(s.resources).length).toBeGreaterThan(1500);
    expect(s.resources.aws_lambda_function?.x).toContain('function_name');
    expect(s.resources.aws_lambda_function?.x).not.toContain('name');
    expect(s.resources.aws_lambda_function?.r).toEqual(['function_name', 'role']);
    expect(Object.keys(s.resources.aws_cloudfront_distribution?.b.origin_group?.b ?? {}).sort()).toEqual([
      'failover_criteria',
      'member',
    ]);
  });

  for (const c of readdirSync(GOLDEN).sort())
    it(`golden ${c}: every type, argument, block and reference exists in the provider`, async () => {
      const files = readdirSync(join(GOLDEN, c)).filter((f) => f.endsWith('.tf'));
      expect(files.length).toBeGreaterThan(0);
      const problems = [];
      for (const f of files)
        problems.push(...(await validateTerraform(`${c}/${f}`, readFileSync(join(GOLDEN, c, f), 'utf8'))));
      expect(problems.map((p) => `${p.file}:${p.line} ${p.what}`)).toEqual([]);
    });

  it('flags the defects the scaffold once had (Lambda .name, failover_criteria as a list, one security group id)', async () => {
    const problems = await validateTerraform(
      'bad.tf',
      `resource "aws_lambda_event_source_mapping" "w" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.worker.name
}

resource "aws_instance" "web" {
  vpc_security_group_ids = aws_security_group.web.id
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin_group {
    origin_id         = "g"
    failover_criteria = [500, 502]
  }
  default_cache_behavior {}
  origin {}
  restrictions {}
  viewer_certificate {}
}

resource "aws_lambda_funtcion" "typo" {}
`,
    );
    expect(problems.map((p) => p.what)).toEqual([
      'aws_instance.web: vpc_security_group_ids takes a list, not the single value aws_security_group.web.id',
      'aws_cloudfront_distribution.cdn.origin_group: failover_criteria is a block, written as an argument',
      'no resource type aws_lambda_funtcion',
      'aws_lambda_function exports no attribute name',
    ]);
  });

  it('flags a missing required argument', async () => {
    const problems = await validateTerraform(
      'x.tf',
      'resource "aws_lambda_function" "f" {\n  role = "r"\n}\n',
    );
    expect(problems.map((p) => p.what)).toEqual([
      'aws_lambda_function.f: required argument function_name is missing',
    ]);
  });

  // The pin is what a fresh derivation from the installed bindings gives (where the CDKTF check folder exists).
  const dir = process.env.CDKTF_CHECK_DIR;
  it.skipIf(!dir || !existsSync(join(dir, 'node_modules', '@cdktf', 'provider-aws')))(
    'equals a fresh derivation from @cdktf/provider-aws',
    () => {
      expect(deriveSchema(dir!)).toEqual(providerSchema());
    },
  );
});
