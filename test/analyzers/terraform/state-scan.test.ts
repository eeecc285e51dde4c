// The shop's HCL with its state and plan, through the library's scan(): one graph, real values, no secrets.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/index.js';
import { serializeGraph } from '../../../src/model/io.js';
import { CANARIES } from './canaries.js';

const shop = join(import.meta.dirname, '../../../fixtures/projects/shop');
const infra = join(shop, 'infra');

describe('scan terraform with --state and --plan', () => {
  it('merges state onto the HCL nodes: one node per address, ARN alias, real values, both sources', async () => {
    const graph = await scan(
      [
        {
          analyzer: 'terraform',
          options: { dir: infra, stateFiles: [join(shop, 'state/terraform.tfstate')] },
        },
      ],
      { root: infra },
    );
    const db = graph.node('aws_db_instance.orders')!;
    expect(db.aliases).toContain('arn:aws:rds:eu-west-1:123456789012:db:shop-prod-orders');
    expect(db.props.address).toBe('shop-prod-orders.c7x2kq9vbrmh.eu-west-1.rds.amazonaws.com');
    expect(db.sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(['data.tf', '../state/terraform.tfstate']),
    );
    expect(graph.node('module.cache.aws_elasticache_replication_group.this')!.aliases).toContain(
      'arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:shop-prod-cache',
    );
    // Deployed but no longer in the configuration: kept, from state alone.
    expect(graph.node('aws_sqs_queue.legacy_events')!.sources.map((s) => s.file)).toEqual([
      '../state/terraform.tfstate',
    ]);
    expect(graph.nodes().filter((n) => n.id.startsWith('aws_db_instance.'))).toHaveLength(1);
  });

  it('marks what the plan changes', async () => {
    const graph = await scan(
      [{ analyzer: 'terraform', options: { dir: infra, planFiles: [join(shop, 'state/plan.tfplan.json')] } }],
      { root: infra },
    );
    expect(graph.node('aws_ecs_service.api')!.change).toBe('modified');
    expect(graph.node('aws_sqs_queue.legacy_events')!.change).toBe('removed');
    expect(graph.node('aws_vpc.main')!.change).toBeUndefined();
  });

  it('auto-detects state below the scanned directory and never writes a planted secret', async () => {
    const graph = await scan([{ analyzer: 'terraform', options: { dir: shop } }], { root: shop });
    expect(graph.node('aws_db_instance.orders')!.sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(['infra/data.tf', 'state/terraform.tfstate']),
    );
    const json = serializeGraph(graph);
    for (const canary of CANARIES) expect(json).not.toContain(canary);
    expect(json).not.toContain(shop);
  });

  it('mentions a found plan but does not overlay it: the current graph carries no change marks', async () => {
    const graph = await scan([{ analyzer: 'terraform', options: { dir: shop } }], { root: shop });
    expect(graph.nodes().filter((n) => n.change)).toEqual([]);
    expect(graph.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'plan-not-overlaid',
        message: expect.stringContaining('state/plan.tfplan.json'),
      }),
    );
  });
});
