// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Sub strings are written as ${…} on purpose
// The CloudFormation analyzer on templates: cross-stack exports/imports with a --parameters file, conditions, and
// bad input (malformed YAML, unknown intrinsic, unresolved import) giving one warning with file:line each.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCloudFormation } from '../../../analyzers/cloudformation/index.js';
import { parseTemplateText } from '../../../analyzers/cloudformation/parse.js';

const repo = join(import.meta.dirname, '../../..');
const crossStack = join(repo, 'fixtures/realworld/cfn-cross-stack-exports');

const traffic = (edges: { from: string; to: string; kind: string }[]) =>
  edges
    .filter((e) => e.kind !== 'depends_on' && e.kind !== 'access')
    .map((e) => `${e.from} -${e.kind}-> ${e.to}`)
    .sort();

describe('short-form tags', () => {
  it('turns !Ref, !GetAtt, !Sub and nested tags into their long form', () => {
    const { value } = parseTemplateText(
      'A: !Ref Q\nB: !GetAtt Q.Arn\nC: !Sub "${Q}-x"\nD: !ImportValue\n  Fn::Sub: "${S}-y"\nE: !If [c, !Ref Q, !Ref AWS::NoValue]\n',
    );
    expect(value).toEqual({
      A: { Ref: 'Q' },
      B: { 'Fn::GetAtt': ['Q', 'Arn'] },
      C: { 'Fn::Sub': '${Q}-x' },
      D: { 'Fn::ImportValue': { 'Fn::Sub': '${S}-y' } },
      E: { 'Fn::If': ['c', { Ref: 'Q' }, { Ref: 'AWS::NoValue' }] },
    });
  });
});

describe('cross-stack exports and imports', () => {
  it('joins an imported queue, table, stream and topic to the stack that exports them', async () => {
    const g = await analyzeCloudFormation(
      { dir: crossStack, parameterFiles: [join(crossStack, 'params/app.json')] },
      { root: crossStack },
    );
    expect(traffic(g.edges)).toEqual([
      'app/AlerterFunction -publishes-> data/AlertsTopic',
      'app/IntakeFunction -writes-> data/LedgerTable',
      'data/AlertsTopic -publishes-> app/AuditQueue',
      'data/IntakeQueue -consumes-> app/IntakeFunction',
      'data/IntakeQueue -publishes-> data/IntakeDeadLetters',
      'data/LedgerTable -consumes-> app/AlerterFunction',
    ]);
    const fn = g.nodes.find((n) => n.id === 'app/IntakeFunction')!;
    expect(fn.props.envRefs).toEqual({ LEDGER_TABLE: 'data/LedgerTable' });
    expect(fn.sources[0]).toMatchObject({ analyzer: 'cloudformation', file: 'stacks/app.yaml', line: 38 });
    // The prod-only bucket's condition is false with the default Stage.
    expect(g.nodes.some((n) => n.id === 'data/ReplicaBucket')).toBe(false);
    expect(g.diagnostics).toEqual([]);
  });

  it('warns once with file:line when an import names no scanned export, and keeps the rest', async () => {
    const g = await analyzeCloudFormation({ dir: join(crossStack, 'stacks/app.yaml') }, { root: crossStack });
    const unresolved = g.diagnostics.filter((d) => d.code === 'cfn-unresolved-import');
    expect(unresolved.length).toBeGreaterThan(0);
    expect(unresolved[0]).toMatchObject({ file: 'stacks/app.yaml', line: expect.any(Number) });
    expect(g.nodes.some((n) => n.id === 'app/IntakeFunction')).toBe(true);
  });
});

describe('bad templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-cfn-bad-'));
    await writeFile(
      join(dir, 'broken.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n',
    );
    await writeFile(
      join(dir, 'odd.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Frobnicate x\n  Q:\n    Type: AWS::SQS::Queue\n',
    );
    await writeFile(
      join(dir, 'good.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n  Mystery:\n    Type: AWS::Made::Up\n',
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports a malformed template and an unknown intrinsic with file:line, and analyses the other files', async () => {
    const g = await analyzeCloudFormation({ dir }, { root: dir });
    const parse = g.diagnostics.find((d) => d.code === 'cfn-parse');
    expect(parse).toMatchObject({ file: 'broken.yaml', line: expect.any(Number) });
    expect(parse!.message.split('\n')).toHaveLength(1);
    expect(g.diagnostics.find((d) => d.code === 'cfn-unknown-intrinsic')).toMatchObject({
      file: 'odd.yaml',
      line: 6,
    });
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['good/Orders', 'odd/Q', 'odd/T', 'good/Mystery']));
    // An unknown type is kept as a generic node.
    expect(g.nodes.find((n) => n.id === 'good/Mystery')).toMatchObject({
      kind: 'generic',
      service: 'AWS::Made::Up',
    });
  });
});

describe('HTTP API first-class integrations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-cfn-httpapi-'));
    await writeFile(
      join(dir, 'api.yaml'),
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Buffer:',
        '    Type: AWS::SQS::Queue',
        '  Api:',
        '    Type: AWS::Serverless::HttpApi',
        '    Properties:',
        '      DefinitionBody:',
        '        openapi: "3.0.1"',
        '        paths:',
        '          /submit:',
        '            post:',
        '              x-amazon-apigateway-integration:',
        '                type: aws_proxy',
        '                integrationSubtype: SQS-SendMessage',
        '                requestParameters:',
        '                  MessageBody: $request.body',
        '                  QueueUrl: !Ref Buffer',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads an SQS-SendMessage integration in an OpenAPI body as the API publishing to the queue', async () => {
    const g = await analyzeCloudFormation({ dir }, { root: dir });
    expect(traffic(g.edges)).toEqual(['api/Api -publishes-> api/Buffer']);
  });
});
