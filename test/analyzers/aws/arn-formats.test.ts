import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CatalogEntry, catalogEntries } from '../../../src/catalog/index.js';
import type { PartialGraph } from '../../../src/model/schema.js';
import { type AwsServer, startAwsServer } from '../../support/aws-server.js';
import { scanShop } from './helpers.js';

const A = '123456789012';
const R = 'eu-west-1';

/** Real-shaped ARNs for the catalog entries told apart by a pattern rather than by resource type alone. */
const PATTERNED: Record<string, string> = {
  aws_keyspaces_keyspace: `arn:aws:cassandra:${R}:${A}:/keyspace/orders/`,
  aws_keyspaces_table: `arn:aws:cassandra:${R}:${A}:/keyspace/orders/table/events`,
  aws_timestreamwrite_database: `arn:aws:timestream:${R}:${A}:database/metrics`,
  aws_timestreamwrite_table: `arn:aws:timestream:${R}:${A}:database/metrics/table/cpu`,
  aws_sns_topic: `arn:aws:sns:${R}:${A}:order-events`,
  aws_sns_topic_subscription: `arn:aws:sns:${R}:${A}:order-events:0f4a8c2e-5b1d-4e7f-9a3c-6d2b8e1f4a70`,
  aws_appsync_graphql_api: `arn:aws:appsync:${R}:${A}:apis/abcdefghijklmnopqrstuvwxyz`,
  aws_appsync_datasource: `arn:aws:appsync:${R}:${A}:apis/abcdefghijklmnopqrstuvwxyz/datasources/orders`,
  aws_lb: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/net/edge/2c4e6a8b0d1f3e5a`,
  aws_alb: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
  aws_elb: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/legacy-web`,
  aws_api_gateway_rest_api: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5`,
  aws_api_gateway_resource: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7`,
  aws_api_gateway_method: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7/methods/GET`,
  aws_api_gateway_integration: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/resources/x9y8z7/methods/GET/integration`,
  aws_api_gateway_deployment: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/deployments/d3p10y`,
  aws_api_gateway_stage: `arn:aws:apigateway:${R}::/restapis/a1b2c3d4e5/stages/prod`,
  aws_apigatewayv2_api: `arn:aws:apigateway:${R}::/apis/h7t7p4p1`,
  aws_apigatewayv2_route: `arn:aws:apigateway:${R}::/apis/h7t7p4p1/routes/r0u7e`,
  aws_apigatewayv2_integration: `arn:aws:apigateway:${R}::/apis/h7t7p4p1/integrations/1n7e6r`,
  aws_apigatewayv2_stage: `arn:aws:apigateway:${R}::/apis/h7t7p4p1/stages/$default`,
  aws_wafv2_web_acl: `arn:aws:wafv2:${R}:${A}:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
  aws_wafv2_ip_set: `arn:aws:wafv2:${R}:${A}:regional/ipset/office/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222`,
  aws_wafv2_rule_group: `arn:aws:wafv2:${R}:${A}:regional/rulegroup/bots/a1b2c3d4-5678-90ab-cdef-EXAMPLE33333`,
  aws_globalaccelerator_accelerator: `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh`,
  aws_globalaccelerator_listener: `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh/listener/0123vxyz`,
  aws_globalaccelerator_endpoint_group: `arn:aws:globalaccelerator::${A}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh/listener/0123vxyz/endpoint-group/098765zyxwvu`,
  aws_networkfirewall_rule_group: `arn:aws:network-firewall:${R}:${A}:stateful-rulegroup/block-list`,
};

function sampleArn(entry: CatalogEntry, i: number): string {
  if (entry.arn?.pattern) {
    const arn = PATTERNED[entry.tfType];
    if (!arn) throw new Error(`add a sample ARN for ${entry.tfType} to PATTERNED`);
    return arn;
  }
  const { service, resourceType } = entry.arn!;
  if (service === 's3' && !resourceType) return `arn:aws:s3:::sample-bucket-${i}`;
  return `arn:aws:${service}:${R}:${A}:${resourceType ? `${resourceType}/sample-${i}` : `sample-${i}`}`;
}

describe('every ARN format in the catalog', () => {
  const entries = catalogEntries().filter((e) => e.arn);
  const samples = entries.map((e, i) => ({ entry: e, arn: sampleArn(e, i) }));
  let server: AwsServer;
  let graph: PartialGraph;

  beforeAll(async () => {
    server = await startAwsServer({
      accounts: [
        {
          account: A,
          regions: {
            [R]: {
              tagging: [
                ...samples.map((s) => ({ ResourceARN: s.arn, Tags: [{ Key: 'Project', Value: 'shop' }] })),
                {
                  ResourceARN: `arn:aws:iotwireless:${R}:${A}:WirelessDevice/7c2b1e9a-unknown`,
                  Tags: [{ Key: 'Name', Value: 'sensor' }],
                },
              ],
              cloudControl: {},
            },
          },
        },
      ],
    });
    graph = await scanShop(server, { regions: [R], details: false, types: [] });
  });
  afterAll(() => server.close());

  test.each(samples.map((s) => [s.entry.tfType, s.entry, s.arn] as const))('%s', (_tf, entry, arn) => {
    const node = graph.nodes.find((n) => n.id === arn);
    expect(node?.kind).toBe(entry.kind);
    // A secondary entry shares its ARN shape with a primary one (aws_alb and aws_lb); the primary names it.
    if (entry.arn?.primary !== false) expect(node?.service).toBe(entry.tfType);
  });

  test('keeps an ARN the catalog does not know as a generic node', () => {
    expect(graph.nodes.find((n) => n.id.includes('iotwireless'))).toMatchObject({
      kind: 'generic',
      name: 'sensor',
      service: 'aws:iotwireless:WirelessDevice',
    });
  });

  test('covers every ARN-shaped catalog entry', () => {
    expect(samples.length).toBe(entries.length);
    expect(samples.length).toBeGreaterThan(150);
  });
});
