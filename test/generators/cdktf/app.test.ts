import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import cdktf, { FLAVORS } from '../../../generators/cdktf/index.js';
import { className, moduleName } from '../../../generators/cdktf/typescript.js';
import { hclGolden, scaffoldCases } from '../scaffold-cases.js';
import { expectGoldenCases, expectGoldenFiles, repoRoot } from '../support.js';

const goldenDir = join(repoRoot, 'test', 'generators', 'cdktf', '__golden__');
/** Golden TypeScript is stored as .golden so that the repository's own tsc does not type-check it. */
const goldenName = (path: string) => (path.endsWith('.ts') ? `${path}.golden` : path);

describe('cdktf app on every revised design', async () => {
  const cases = await scaffoldCases();
  it('has a golden folder for every case (and the cdktn flavour of shop-multi-region) and no other', () => {
    expectGoldenCases(goldenDir, [...cases.map((c) => c.name), 'shop-multi-region-cdktn']);
  });

  for (const c of cases) {
    it(`${c.name}: matches the golden app`, async () => {
      await expectGoldenFiles(join(goldenDir, c.name), await cdktf.generate(c.graph, {}), goldenName);
    });

    it(`${c.name}: declares one stack per region and a construct for every templated resource`, async () => {
      const main = String((await cdktf.generate(c.graph, {})).find((f) => f.path === 'main.ts')?.contents);
      // Expected from the reviewed HCL scaffold of the same design, not from the planner both generators share.
      const hcl = hclGolden(c.name);
      expect(hcl.resources.length).toBeGreaterThan(0);
      expect(main.match(/new TerraformStack\(/g)).toHaveLength(hcl.regions.length);
      for (const address of hcl.resources) {
        const [type, name] = address.split('.') as [string, string];
        expect(main).toMatch(new RegExp(`new ${className(type)}\\(stack\\w+, '(${name}|${type}_${name})'`));
      }
    });
  }

  it('shop-multi-region: the cdktn flavor imports CDK Terrain packages and nothing from cdktf', async () => {
    const c = cases.find((x) => x.name === 'shop-multi-region')!;
    const files = await cdktf.generate(c.graph, { flavor: 'cdktn' });
    await expectGoldenFiles(join(goldenDir, `${c.name}-cdktn`), files, goldenName);
    const main = String(files.find((f) => f.path === 'main.ts')?.contents);
    expect(main).toContain("from 'cdktn'");
    expect(main).toContain("from '@cdktn/provider-aws/lib/sqs-queue'");
    expect(main).not.toMatch(/from '(cdktf|@cdktf\/)/);
    const pkg = JSON.parse(String(files.find((f) => f.path === 'package.json')?.contents));
    expect(pkg.dependencies).toEqual(FLAVORS.cdktn.versions);
  });
});

describe('class and module names', () => {
  it('follows the provider bindings, including the jsii A-suffixed classes', () => {
    expect(className('aws_sqs_queue')).toBe('SqsQueue');
    expect(moduleName('aws_sqs_queue')).toBe('sqs-queue');
    expect(className('aws_apigatewayv2_api')).toBe('Apigatewayv2Api');
    expect(className('aws_s3_bucket_versioning')).toBe('S3BucketVersioningA');
  });
});
