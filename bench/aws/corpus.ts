// The synthetic account of bench/aws: deterministic, so that the bench and the server process build the same one.
import { defaultListTypes } from '../../analyzers/aws/index.js';
import { DEFAULT_REGIONS, resourceTypeSpec } from '../../analyzers/aws/resource-types.js';
import type { CloudControlResource, RecordedAccount, RecordedRegion } from '../../test/support/aws-server.js';

export const ACCOUNT = '123456789012';
export const LATENCY_MS = 50;
export const TAGGING_PAGE = 100;
export const CLOUD_CONTROL_PAGE = 50;
export const CONCURRENCY = 16;

/** Share of resources per kind of discovery: tag-only types, spec'd types (read with GetResource), untagged. */
interface Shape {
  arn(region: string, i: number): string;
  cfnType?: string;
  identifier?(region: string, i: number): string;
  props?(region: string, i: number): Record<string, unknown>;
  share: number;
  tagged: boolean;
}

const SHAPES: Shape[] = [
  { share: 0.12, tagged: true, arn: (r, i) => `arn:aws:s3:::data-${r}-${i}` },
  { share: 0.12, tagged: true, arn: (r, i) => `arn:aws:logs:${r}:${ACCOUNT}:log-group:/app/${i}` },
  {
    share: 0.08,
    tagged: true,
    arn: (r, i) => `arn:aws:ec2:${r}:${ACCOUNT}:volume/vol-${i.toString(16).padStart(17, '0')}`,
  },
  {
    share: 0.08,
    tagged: true,
    arn: (r, i) =>
      `arn:aws:kms:${r}:${ACCOUNT}:key/${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
  },
  {
    share: 0.2,
    tagged: true,
    cfnType: 'AWS::Lambda::Function',
    arn: (r, i) => `arn:aws:lambda:${r}:${ACCOUNT}:function:fn-${i}`,
    identifier: (_r, i) => `fn-${i}`,
    props: (r, i) => ({
      FunctionName: `fn-${i}`,
      Arn: `arn:aws:lambda:${r}:${ACCOUNT}:function:fn-${i}`,
      Runtime: 'nodejs20.x',
    }),
  },
  {
    share: 0.15,
    tagged: true,
    cfnType: 'AWS::SQS::Queue',
    arn: (r, i) => `arn:aws:sqs:${r}:${ACCOUNT}:q-${i}`,
    identifier: (r, i) => `https://sqs.${r}.amazonaws.com/${ACCOUNT}/q-${i}`,
    props: (r, i) => ({
      QueueName: `q-${i}`,
      QueueUrl: `https://sqs.${r}.amazonaws.com/${ACCOUNT}/q-${i}`,
      Arn: `arn:aws:sqs:${r}:${ACCOUNT}:q-${i}`,
    }),
  },
  {
    share: 0.1,
    tagged: true,
    cfnType: 'AWS::DynamoDB::Table',
    arn: (r, i) => `arn:aws:dynamodb:${r}:${ACCOUNT}:table/t-${i}`,
    identifier: (_r, i) => `t-${i}`,
    props: (r, i) => ({ TableName: `t-${i}`, Arn: `arn:aws:dynamodb:${r}:${ACCOUNT}:table/t-${i}` }),
  },
  {
    // Untagged: only Cloud Control ListResources finds these.
    share: 0.15,
    tagged: false,
    cfnType: 'AWS::Lambda::EventSourceMapping',
    arn: (r, i) =>
      `arn:aws:lambda:${r}:${ACCOUNT}:event-source-mapping:${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    identifier: (_r, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    props: (r, i) => ({
      Id: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
      EventSourceArn: `arn:aws:sqs:${r}:${ACCOUNT}:q-${i}`,
    }),
  },
];

/** 10k resources: eu-west-1 and us-east-1 are the big regions, the other fifteen share the rest. */
function regionSizes(total: number): Map<string, number> {
  const sizes = new Map<string, number>();
  const big = { 'eu-west-1': Math.round(total * 0.2), 'us-east-1': Math.round(total * 0.15) } as Record<
    string,
    number
  >;
  const others = DEFAULT_REGIONS.filter((r) => !(r in big));
  const rest = total - Object.values(big).reduce((a, b) => a + b, 0);
  for (const r of DEFAULT_REGIONS) sizes.set(r, big[r] ?? Math.floor(rest / others.length));
  const sum = [...sizes.values()].reduce((a, b) => a + b, 0);
  sizes.set(others[0]!, sizes.get(others[0]!)! + total - sum);
  return sizes;
}

export interface Corpus {
  account: RecordedAccount;
  /** Per region: sequential pages of the longest chain, and GetResource calls. */
  chains: Map<string, { pages: number; details: number }>;
}

export function corpus(total: number): Corpus {
  const regions: Record<string, RecordedRegion> = {};
  const chains = new Map<string, { pages: number; details: number }>();
  const listed = defaultListTypes();
  let serial = 0;
  for (const [region, size] of regionSizes(total)) {
    const r: RecordedRegion = { tagging: [], cloudControl: {} };
    let details = 0;
    for (const shape of SHAPES) {
      const n = Math.round(size * shape.share);
      for (let k = 0; k < n; k++) {
        const i = serial++;
        if (shape.tagged)
          r.tagging.push({ ResourceARN: shape.arn(region, i), Tags: [{ Key: 'Project', Value: 'bench' }] });
        if (shape.cfnType) {
          r.cloudControl[shape.cfnType] ??= [];
          (r.cloudControl[shape.cfnType] as CloudControlResource[]).push({
            Identifier: shape.identifier!(region, i),
            Properties: JSON.stringify(shape.props!(region, i)),
          });
          details++;
        }
      }
    }
    const typeChains = listed
      .filter(
        (t) => !resourceTypeSpec(t)?.listParent && (!resourceTypeSpec(t)?.global || region === 'us-east-1'),
      )
      .map((t) => Math.max(1, Math.ceil((r.cloudControl[t]?.length ?? 0) / CLOUD_CONTROL_PAGE)));
    const pages = Math.max(Math.max(1, Math.ceil(r.tagging.length / TAGGING_PAGE)), ...typeChains);
    chains.set(region, { pages, details });
    regions[region] = r;
  }
  return { account: { account: ACCOUNT, regions }, chains };
}
