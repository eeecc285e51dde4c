import { describe, expect, it } from 'vitest';
import { impact } from '../../src/impact/index.js';
import { UsageError } from '../../src/model/index.js';
import { loadGraph } from './support.js';

describe('impact (failure modes)', () => {
  it('a failed shop database breaks the API flow, not the static assets, and Multi-AZ is the mitigation', () => {
    const r = impact(loadGraph('shop'), 'aws_db_instance.orders');
    expect(r.brokenEntryPoints).toEqual(['aws_route53_record.api']);
    expect(r.brokenFlows.map((f) => f.path)).toEqual([
      ['aws_route53_record.api', 'aws_lb.web', 'aws_ecs_service.api', 'aws_db_instance.orders'],
    ]);
    expect(r.intactEntryPoints).toEqual(['aws_route53_record.assets']);
    expect(r.failingCallers).toEqual(['aws_ecs_service.api', 'aws_lb.web', 'aws_route53_record.api']);
    expect(r.mitigations[0]).toMatchObject({ text: 'make aws_db_instance.orders redundant across AZs' });
    expect(r.mitigations[0]!.ops).toEqual([
      expect.objectContaining({
        op: 'update_node',
        id: 'aws_db_instance.orders',
        set: { props: { multi_az: true } },
      }),
    ]);
  });

  it('a failed queue consumer only degrades: messages wait in the queue, no entry point breaks', () => {
    const r = impact(loadGraph('shop'), 'aws_lambda_function.worker');
    expect(r.brokenFlows).toEqual([]);
    expect(r.degraded).toEqual([
      expect.objectContaining({
        node: 'aws_sqs_queue.orders',
        how: expect.stringMatching(/^messages wait in aws_sqs_queue\.orders/),
      }),
    ]);
    expect(r.intactEntryPoints).toEqual(['aws_route53_record.api', 'aws_route53_record.assets']);
  });

  it('a failed queue breaks its synchronous publisher and starves its consumer', () => {
    const r = impact(loadGraph('shop'), 'aws_sqs_queue.orders');
    expect(r.brokenEntryPoints).toEqual(['aws_route53_record.api']);
    expect(r.degraded.map((d) => d.node)).toEqual(['aws_lambda_function.worker']);
  });

  it('names each broken route of an API', () => {
    const r = impact(loadGraph('serverless-api'), 'aws_dynamodb_table.orders');
    expect(r.brokenFlows.map((f) => f.label)).toEqual(['POST /orders', 'GET /orders/{id}', 'GET /orders']);
    expect(r.intactEntryPoints).toEqual(['aws_route53_record.www']);
  });

  it('rejects an unknown node', () => {
    expect(() => impact(loadGraph('shop'), 'aws_db_instance.nope')).toThrow(UsageError);
  });
});
