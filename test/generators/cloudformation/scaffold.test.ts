import { beforeAll, describe, expect, it } from 'vitest';
import { parseTemplateText } from '../../../analyzers/cloudformation/parse.js';
import cloudformation from '../../../generators/cloudformation/index.js';
import type { GeneratedFile } from '../../../src/model/index.js';
import { proposeOffline, revise } from '../../../src/planners/index.js';
import { scaffoldCases } from '../scaffold-cases.js';
import { fixtureGraph } from '../support.js';
import { resourceSpec, validateTemplate } from './resource-spec.js';

type Spec = Awaited<ReturnType<typeof resourceSpec>>;
let spec: Spec;
beforeAll(async () => {
  spec = await resourceSpec();
}, 120_000);

const templates = (files: GeneratedFile[]) => files.filter((f) => f.path.endsWith('.yaml'));

function problems(file: GeneratedFile): string[] {
  const parsed = parseTemplateText(String(file.contents));
  expect(parsed.diagnostics, `${file.path} parses back`).toEqual([]);
  return validateTemplate(spec, parsed.value);
}

describe('the resource-specification check itself', () => {
  it('reports an unknown property, a wrong type, a missing required property and a dangling reference', () => {
    const errors = validateTemplate(spec, {
      Resources: {
        Q: { Type: 'AWS::SQS::Queue', Properties: { QueueNam: 'x', VisibilityTimeout: 'soon' } },
        Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Nope' } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['Q', 'Bogus'] }, Code: {} },
        },
        Zone: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'example.com' } },
        Db: {
          Type: 'AWS::RDS::DBSubnetGroup',
          Properties: { DBSubnetGroupDescription: 'd', SubnetIds: [{ Ref: 'Subnets' }] },
        },
      },
      Parameters: { Subnets: { Type: 'CommaDelimitedList' } },
      Outputs: { Ns: { Value: { 'Fn::GetAtt': ['Zone', 'NameServers'] } } },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'Resources.Q.Properties.QueueNam: not a property of AWS::SQS::Queue',
        'Resources.Q.Properties.VisibilityTimeout: expected a number',
        'Resources.Sub.Properties: AWS::SNS::Subscription requires Protocol',
        'Resources.Sub.Properties.TopicArn: Ref Nope names no parameter or resource',
        'Resources.Fn.Properties.Role: AWS::SQS::Queue has no attribute Bogus',
        'Resources.Db.Properties.SubnetIds[0]: a list where one value is expected',
        'Outputs.Ns.Value: an output is a string, not a list',
      ]),
    );
  });
});

describe('CloudFormation scaffold', () => {
  it('the shop ×10 design validates against the CloudFormation resource specification', async () => {
    const shop = await fixtureGraph('shop');
    const files = await cloudformation.generate(
      revise(shop, proposeOffline(shop, 'scale', { factor: 10 })),
      {},
    );
    const yaml = templates(files);
    expect(yaml.map((f) => f.path)).toEqual(['template.eu-west-1.yaml', 'template.us-east-1.yaml']);
    for (const f of yaml) expect(problems(f), f.path).toEqual([]);
    const main = String(yaml[0]!.contents);
    // What the ×10 design adds: the ECS service scales between 2 and 10 tasks on CPU.
    expect(main).toMatch(
      /Type: AWS::ApplicationAutoScaling::ScalableTarget\n\s+Properties:\n\s+MaxCapacity: 10\n\s+MinCapacity: 2/,
    );
    expect(main).toContain('ScalingTargetId: !Ref ApiScalableTarget');
    // References, never hard-coded ids.
    expect(main).toContain('TaskDefinition: !Ref ApiTaskDefinition');
    expect(main).toMatch(/EventSourceArn: !GetAtt \w+Queue\.Arn/);
  });

  for (const name of [
    'shop-multi-region',
    'shop-ha',
    'shop-cache',
    'shop-decouple',
    'shop-dr',
    'three-tier',
    'serverless-api',
  ])
    it(`${name}: every template validates against the resource specification`, async () => {
      const c = (await scaffoldCases()).find((x) => x.name === name)!;
      const files = await cloudformation.generate(c.graph, {});
      expect(templates(files).length).toBeGreaterThan(0);
      for (const f of templates(files)) expect(problems(f), f.path).toEqual([]);
    });
});
