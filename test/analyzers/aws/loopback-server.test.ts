import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAwsOptions } from '../../../analyzers/aws/options.js';
import { regionClients } from '../../../analyzers/aws/session.js';
import { type AwsServer, startAwsServer } from '../../support/aws-server.js';
import { credentials, shopServerOptions } from './helpers.js';

describe('the loopback AWS server speaks the wire protocols', () => {
  let server: AwsServer;
  beforeAll(async () => {
    server = await startAwsServer(shopServerOptions({ taggingPageSize: 10 }));
  });
  afterAll(() => server.close());

  const clients = (region: string) =>
    regionClients(parseAwsOptions({ endpoint: server.url, credentials }), region, credentials);

  test('rejects an unsigned request as AWS does', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'ResourceGroupsTaggingAPI_20170126.GetResources',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await res.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  test('rejects the wrong content type for awsJson1_1', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amz-target': 'ResourceGroupsTaggingAPI_20170126.GetResources',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'SerializationException' });
  });

  test('routes by the region in the SigV4 credential scope, and pages with an empty final token', async () => {
    const { tagging, destroy } = clients('us-east-1');
    try {
      const first = await tagging.send(new GetResourcesCommand({ ResourcesPerPage: 100 }));
      expect(first.ResourceTagMappingList?.map((m) => m.ResourceARN)).toContain(
        'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL',
      );
      expect(first.PaginationToken).toBe('');
    } finally {
      destroy();
    }
    const eu = clients('eu-west-1');
    try {
      const page1 = await eu.tagging.send(new GetResourcesCommand({ ResourcesPerPage: 100 }));
      expect(page1.ResourceTagMappingList).toHaveLength(10);
      expect(page1.PaginationToken).not.toBe('');
      const page2 = await eu.tagging.send(
        new GetResourcesCommand({ PaginationToken: page1.PaginationToken }),
      );
      expect(page2.ResourceTagMappingList?.[0]?.ResourceARN).not.toBe(
        page1.ResourceTagMappingList?.[0]?.ResourceARN,
      );
    } finally {
      eu.destroy();
    }
    expect(server.calls.map((c) => c.region)).toEqual(['us-east-1', 'eu-west-1', 'eu-west-1']);
  });

  test('answers Cloud Control with identifier-only models and requires a parent for listeners', async () => {
    const { cloudControl, destroy } = clients('eu-west-1');
    try {
      const fns = await cloudControl.send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function' }));
      expect(fns.ResourceDescriptions?.map((d) => JSON.parse(d.Properties ?? '{}'))).toEqual([
        { FunctionName: 'shop-prod-order-worker' },
      ]);
      await expect(
        cloudControl.send(new ListResourcesCommand({ TypeName: 'AWS::ElasticLoadBalancingV2::Listener' })),
      ).rejects.toMatchObject({ name: 'InvalidRequestException' });
    } finally {
      destroy();
    }
  });
});
