// A synthetic AWS Organization for tests and benchmarks, deterministic from its size: every account has a queue
// and a worker Lambda in eu-west-1, a topic in us-east-1 that feeds the NEXT account's queue (a cross-account,
// cross-region subscription), a global IAM role that the Tagging API returns in two regions, and filler.
import type { CloudControlResource, RecordedAccount, TagMapping } from './aws-server.js';

export const ORG_REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2'];

export const orgAccountId = (i: number) => `2000000${String(i).padStart(5, '0')}`;

const tags = (extra: Record<string, string> = {}) =>
  Object.entries({ Team: 'platform', ...extra }).map(([Key, Value]) => ({ Key, Value }));

const cc = (Identifier: string, props: Record<string, unknown>): CloudControlResource => ({
  Identifier,
  Properties: JSON.stringify(props),
});

/**
 * @param size number of accounts
 * @param filler tag-only resources per account (S3 buckets and log groups, alternating, spread over the regions)
 * @param logGroups extra log groups per account in the first region, to push one service past a search cap
 */
export function syntheticOrg(
  size: number,
  filler = 0,
  regions: string[] = ORG_REGIONS,
  logGroups = 0,
): RecordedAccount[] {
  const accounts: RecordedAccount[] = [];
  for (let i = 0; i < size; i++) {
    const id = orgAccountId(i);
    const next = orgAccountId((i + 1) % size);
    const queueUrl = (acct: string) => `https://sqs.eu-west-1.amazonaws.com/${acct}/orders-${acct}`;
    const queueArn = (acct: string) => `arn:aws:sqs:eu-west-1:${acct}:orders-${acct}`;
    const fnArn = `arn:aws:lambda:eu-west-1:${id}:function:worker-${id}`;
    const topicArn = `arn:aws:sns:us-east-1:${id}:events-${id}`;
    const roleArn = `arn:aws:iam::${id}:role/app-${id}`;
    const region = (r: string) => ({
      tagging: [] as TagMapping[],
      cloudControl: {} as Record<string, CloudControlResource[]>,
    });
    const byRegion = Object.fromEntries(regions.map((r) => [r, region(r)]));
    const eu = byRegion['eu-west-1'];
    const us = byRegion['us-east-1'];
    if (eu) {
      eu.tagging.push({ ResourceARN: queueArn(id), Tags: tags() }, { ResourceARN: fnArn, Tags: tags() });
      eu.tagging.push({ ResourceARN: roleArn, Tags: tags() });
      eu.cloudControl['AWS::SQS::Queue'] = [
        cc(queueUrl(id), { QueueName: `orders-${id}`, QueueUrl: queueUrl(id), Arn: queueArn(id) }),
      ];
      eu.cloudControl['AWS::Lambda::Function'] = [
        cc(`worker-${id}`, {
          FunctionName: `worker-${id}`,
          Arn: fnArn,
          Runtime: 'nodejs20.x',
          Role: roleArn,
          Environment: { Variables: { ORDERS_QUEUE_URL: queueUrl(id) } },
        }),
      ];
    }
    if (us) {
      us.tagging.push({ ResourceARN: topicArn, Tags: tags() }, { ResourceARN: roleArn, Tags: tags() });
      us.cloudControl['AWS::SNS::Topic'] = [
        cc(topicArn, {
          TopicName: `events-${id}`,
          TopicArn: topicArn,
          Subscription: [{ Protocol: 'sqs', Endpoint: queueArn(next) }],
        }),
      ];
    }
    for (let k = 0; k < filler; k++) {
      const r = regions[Math.floor(k / 2) % regions.length]!;
      const arn =
        k % 2 === 0 ? `arn:aws:s3:::data-${id}-${k}` : `arn:aws:logs:${r}:${id}:log-group:/app/${id}/${k}`;
      byRegion[r]!.tagging.push({ ResourceARN: arn, Tags: tags({ Index: String(k) }) });
    }
    for (let k = 0; k < logGroups; k++) {
      const r = regions[0]!;
      byRegion[r]!.tagging.push({
        ResourceARN: `arn:aws:logs:${r}:${id}:log-group:/many/${k}`,
        Tags: tags(),
      });
    }
    accounts.push({ account: id, regions: byRegion });
  }
  return accounts;
}
