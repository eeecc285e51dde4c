import { describe, expect, it } from 'vitest';
import { missingOperations } from '../../../generators/shared/iac/changes.js';
import { planScaffold } from '../../../generators/shared/iac/plan.js';
import { generateTerraform } from '../../../generators/terraform/index.js';
import { proposeOffline, revise, SCENARIO_NAMES } from '../../../src/planners/index.js';
import { fixtureGraph } from '../support.js';

const GRAPHS = ['shop', 'three-tier', 'serverless-api'];

describe('every operation of a ChangeSet reaches the Terraform output', () => {
  for (const name of GRAPHS)
    for (const scenario of SCENARIO_NAMES)
      for (const factor of scenario === 'scale' ? [10, 200] : [10])
        it(`${name} × ${scenario}${scenario === 'scale' ? ` ×${factor}` : ''}: no operation is missing`, async () => {
          const graph = await fixtureGraph(name);
          const revised = revise(graph, proposeOffline(graph, scenario, { factor }));
          const plan = planScaffold(revised);
          expect(missingOperations(revised, plan).filter((m) => !m.traffic)).toEqual([]);
        });

  it('serverless ×200: the warm throughput, the stage throttle, the quota and the routes are emitted', async () => {
    const graph = await fixtureGraph('serverless-api');
    const files = await generateTerraform(revise(graph, proposeOffline(graph, 'scale', { factor: 200 })));
    const all = files.map((f) => f.contents).join('\n');
    expect(all).toMatch(/warm_throughput \{\n\s+write_units_per_second = \d+/);
    expect(all).toMatch(
      /default_route_settings \{\n\s+throttling_burst_limit = \d+\n\s+throttling_rate_limit\s+= \d+/,
    );
    expect(all).toContain('resource "aws_servicequotas_service_quota" "lambda_concurrency_use1"');
    expect(all).not.toContain('no template');
    // The fixture's three routes (edges labelled with their route keys).
    for (const key of ['POST /orders', 'GET /orders/{id}', 'GET /orders'])
      expect(all).toContain(`route_key = "${key}"`);
    expect(all.match(/resource "aws_lambda_event_source_mapping"/g)).toHaveLength(1);
  });

  it('shop: references, the real container name, the source IAM statements and the Project tag', async () => {
    const graph = await fixtureGraph('shop');
    const files = await generateTerraform(revise(graph, proposeOffline(graph, 'ha', {})));
    const all = files.map((f) => f.contents).join('\n');
    expect(all).toContain('container_name   = "api"');
    expect(all).toContain('zone_id = aws_route53_zone.main.zone_id');
    expect(all).not.toMatch(/Z0451738QH2VX4T7YB3KE|sgr-0f1e2d3c4b5a69788/);
    expect(all).toContain('Resource = aws_sqs_queue.orders.arn');
    expect(all).toContain('name                 = "shop/${each.key}"');
    expect(all).toMatch(/variable "project" \{[^}]*default\s+= "shop"/);
    // The added NAT gateway sits in eu-west-1b's public subnet.
    expect(all).toMatch(/resource "aws_nat_gateway" "main_b" \{[^}]*subnet_id\s+= aws_subnet\.public_b\.id/);
  });
});
