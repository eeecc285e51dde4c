// A template's resources and the live resources CloudFormation deployed from it are one node after merge: the live
// side carries the stack-name and logical-id tags CloudFormation puts on what it creates.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeCloudFormation } from '../../../analyzers/cloudformation/index.js';
import { mergePartials } from '../../../src/merge/index.js';
import type { PartialGraph } from '../../../src/model/schema.js';

it('folds a live resource into the template node of its stack and logical id', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'archmap-cfn-live-'));
  try {
    await writeFile(join(dir, 'samconfig.toml'), '[default.deploy.parameters]\nstack_name = "billing"\n');
    await writeFile(
      join(dir, 'template.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Invoices:\n    Type: AWS::SQS::Queue\n',
    );
    const declared = await analyzeCloudFormation({ dir }, { root: dir });
    const arn = 'arn:aws:sqs:eu-west-1:123456789012:billing-Invoices-1A2B3C';
    const live: PartialGraph = {
      analyzer: 'aws',
      nodes: [
        {
          id: arn,
          kind: 'queue',
          name: 'billing-Invoices-1A2B3C',
          provider: 'aws',
          service: 'aws_sqs_queue',
          props: {},
          tags: { 'aws:cloudformation:stack-name': 'billing', 'aws:cloudformation:logical-id': 'Invoices' },
          sources: [{ analyzer: 'aws', arn }],
        },
      ],
      edges: [],
      diagnostics: [],
    };
    const graph = mergePartials([declared, live]);
    const node = graph.node('billing/Invoices');
    expect(node?.aliases).toEqual([arn]);
    expect(graph.nodes().filter((n) => n.kind === 'queue')).toHaveLength(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
