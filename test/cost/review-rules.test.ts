import { describe, expect, it } from 'vitest';
import { review } from '../../src/review/index.js';
import { graphOf } from './support.js';

const ruled = (id: string, g: Parameters<typeof review>[0]) =>
  review(g).findings.filter((f) => f.ruleId === id);

describe('cost findings in review, priced from the snapshot', () => {
  it('flags the NAT gateways of AZs where no private workload runs, with their monthly list price', () => {
    const g = graphOf([
      { id: 'region:eu-west-1', kind: 'region', service: undefined },
      { id: 'aws_vpc.main', kind: 'vpc', parent: 'region:eu-west-1' },
      { id: 'aws_subnet.private_a', kind: 'subnet', parent: 'aws_vpc.main', zone: 'eu-west-1a' },
      { id: 'aws_subnet.public_a', kind: 'subnet', parent: 'aws_vpc.main', zone: 'eu-west-1a' },
      { id: 'aws_subnet.public_b', kind: 'subnet', parent: 'aws_vpc.main', zone: 'eu-west-1b' },
      { id: 'aws_nat_gateway.a', kind: 'network', parent: 'aws_subnet.public_a' },
      { id: 'aws_nat_gateway.b', kind: 'network', parent: 'aws_subnet.public_b' },
      { id: 'aws_ecs_service.api', kind: 'container', parent: 'aws_subnet.private_a' },
    ]);
    const [f, ...rest] = ruled('idle-nat-gateways', g);
    expect(rest).toEqual([]);
    expect(f!.nodes).toEqual(['aws_nat_gateway.b']);
    expect(f!.pillar).toBe('cost-optimization');
    // $0.048 per NAT gateway-hour in eu-west-1 × 730 h.
    expect(f!.message).toContain(
      `$${(0.048 * 730).toFixed(2)} a month each at $0.048/hour in eu-west-1 (list price, snapshot 2026-12-02)`,
    );
    expect(f!.fix.ops).toEqual([expect.objectContaining({ op: 'remove_node', id: 'aws_nat_gateway.b' })]);
  });

  it('does not flag one NAT gateway per used AZ', () => {
    const g = graphOf([
      { id: 'aws_vpc.main', kind: 'vpc', region: 'eu-west-1' },
      { id: 'aws_subnet.a', kind: 'subnet', parent: 'aws_vpc.main', zone: 'eu-west-1a' },
      { id: 'aws_subnet.b', kind: 'subnet', parent: 'aws_vpc.main', zone: 'eu-west-1b' },
      { id: 'aws_nat_gateway.a', kind: 'network', parent: 'aws_subnet.a' },
      { id: 'aws_nat_gateway.b', kind: 'network', parent: 'aws_subnet.b' },
      {
        id: 'aws_ecs_service.api',
        kind: 'container',
        parent: 'aws_vpc.main',
        props: { subnets: ['aws_subnet.a', 'aws_subnet.b'] },
      },
    ]);
    expect(ruled('idle-nat-gateways', g)).toEqual([]);
  });

  it('flags provisioned throughput nothing uses, priced, with on-demand as the fix; a used table is fine', () => {
    const g = graphOf(
      [
        {
          id: 'aws_dynamodb_table.old',
          kind: 'database',
          region: 'us-east-1',
          props: { billing_mode: 'PROVISIONED', write_capacity: 100, read_capacity: 500 },
        },
        {
          id: 'aws_dynamodb_table.used',
          kind: 'database',
          region: 'us-east-1',
          props: { billing_mode: 'PROVISIONED', write_capacity: 5, read_capacity: 5 },
        },
        { id: 'aws_lambda_function.f', kind: 'function', region: 'us-east-1' },
      ],
      [['aws_lambda_function.f', 'aws_dynamodb_table.used', 'writes']],
    );
    const [f, ...rest] = ruled('idle-provisioned-capacity', g);
    expect(rest).toEqual([]);
    expect(f!.nodes).toEqual(['aws_dynamodb_table.old']);
    // 100 WCU × $0.00065 + 500 RCU × $0.00013 per hour, 730 hours (us-east-1 list prices).
    expect(f!.message).toContain(`$${((100 * 0.00065 + 500 * 0.00013) * 730).toFixed(2)} a month`);
    expect(f!.fix.ops[0]).toMatchObject({
      op: 'update_node',
      set: { props: { billing_mode: 'PAY_PER_REQUEST' } },
    });
  });

  it('prices cross-AZ chatter in its finding', () => {
    const g = graphOf(
      [
        { id: 'aws_instance.web', kind: 'service', region: 'eu-central-1', zone: 'eu-central-1a' },
        { id: 'aws_db_instance.db', kind: 'database', region: 'eu-central-1', zone: 'eu-central-1b' },
      ],
      [['aws_instance.web', 'aws_db_instance.db', 'reads']],
    );
    const [f] = ruled('cross-az-chatty', g);
    expect(f!.message).toContain(
      'every GB crossing is billed $0.01/GB in eu-central-1 (list price, snapshot 2026-12-02) in each direction',
    );
  });
});
