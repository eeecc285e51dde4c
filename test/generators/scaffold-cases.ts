// The revised designs every scaffold/doc golden test runs on: the scanned shop fixture after each scenario of
// the real offline planner (so the goldens follow the planner), plus the hand-written fixture graphs as they are.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchGraph } from '../../src/model/index.js';
import { proposeOffline, revise, SCENARIO_NAMES } from '../../src/planners/index.js';
import { buildGraph, fixtureGraph, repoRoot } from './support.js';

export interface ScaffoldCase {
  name: string;
  graph: ArchGraph;
  base: ArchGraph;
}

export async function scaffoldCases(): Promise<ScaffoldCase[]> {
  const shop = await fixtureGraph('shop');
  const cases: ScaffoldCase[] = SCENARIO_NAMES.map((scenario) => ({
    name: `shop-${scenario}`,
    graph: revise(shop, proposeOffline(shop, scenario, {})),
    base: shop,
  }));
  for (const name of ['three-tier', 'serverless-api']) {
    const graph = await fixtureGraph(name);
    cases.push({ name, graph, base: graph });
  }
  return cases;
}

/**
 * What the reviewed Terraform golden folder of a case declares: its resource addresses and its provider regions.
 * Other scaffold tests (CDKTF, hcl2json) take their expected values from here, a fixture, rather than from the
 * planner they test.
 */
export function hclGolden(name: string): { resources: string[]; regions: string[] } {
  const dir = join(repoRoot, 'test', 'generators', 'terraform', '__golden__', name);
  const text = readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const resources = [...text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`);
  const regions = [...text.matchAll(/^provider "aws" \{[^}]*?^\s*region\s*=\s*"([^"]+)"/gm)].map(
    (m) => m[1]!,
  );
  return { resources: resources.sort(), regions: [...new Set(regions)].sort() };
}

/** Resources found live in an AWS account, one of which Terraform already manages. */
export function liveAwsEstate(): ArchGraph {
  const aws = (arn: string) => [{ analyzer: 'aws', arn }];
  return buildGraph([
    { id: 'region:eu-west-1', kind: 'region' },
    {
      id: 'arn:aws:sqs:eu-west-1:123456789012:legacy-events',
      kind: 'queue',
      service: 'aws_sqs_queue',
      region: 'eu-west-1',
      props: { QueueName: 'legacy-events', VisibilityTimeout: 60 },
      sources: aws('arn:aws:sqs:eu-west-1:123456789012:legacy-events'),
    },
    {
      id: 'arn:aws:lambda:eu-west-1:123456789012:function:export-reports',
      kind: 'function',
      service: 'aws_lambda_function',
      region: 'eu-west-1',
      props: { FunctionName: 'export-reports', Runtime: 'nodejs20.x', Handler: 'index.handler' },
      sources: aws('arn:aws:lambda:eu-west-1:123456789012:function:export-reports'),
    },
    {
      id: 'arn:aws:s3:::acme-console-uploads',
      kind: 'storage',
      service: 'aws_s3_bucket',
      region: 'eu-west-1',
      props: { BucketName: 'acme-console-uploads' },
      sources: aws('arn:aws:s3:::acme-console-uploads'),
    },
    {
      id: 'arn:aws:dynamodb:eu-west-1:123456789012:table/sessions',
      kind: 'database',
      service: 'aws_dynamodb_table',
      region: 'eu-west-1',
      props: { TableName: 'sessions' },
      sources: aws('arn:aws:dynamodb:eu-west-1:123456789012:table/sessions'),
    },
    {
      id: 'arn:aws:rds:eu-west-1:123456789012:db:reporting',
      kind: 'database',
      service: 'aws_db_instance',
      region: 'eu-west-1',
      props: { DBInstanceIdentifier: 'reporting', Engine: 'postgres' },
      sources: aws('arn:aws:rds:eu-west-1:123456789012:db:reporting'),
    },
    {
      id: 'aws_sqs_queue.orders',
      kind: 'queue',
      service: 'aws_sqs_queue',
      region: 'eu-west-1',
      props: { name: 'orders' },
      sources: [
        { analyzer: 'terraform', file: 'infra/messaging.tf', line: 1 },
        { analyzer: 'aws', arn: 'arn:aws:sqs:eu-west-1:123456789012:orders' },
      ],
    },
  ]);
}
