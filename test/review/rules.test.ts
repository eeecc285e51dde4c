import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChangeSet } from '../../src/model/index.js';
import { PILLARS, review, rules, SEVERITIES } from '../../src/review/index.js';
import { loadGraph, repoRoot } from '../planners/support.js';
import { riskyGraph } from './risky-graph.js';

const summary = (name: string) =>
  review(loadGraph(name)).findings.map((f) => `${f.severity} ${f.ruleId} ${f.nodes.join(',')}`);

describe('review rules', () => {
  it('has at least 20 rules, one per file, each named for its file, with a severity, a pillar, a why and a doc link', () => {
    const files = readdirSync(join(repoRoot, 'src', 'review', 'rules')).filter((f) => f !== 'index.ts');
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(rules.map((r) => `${r.id}.ts`).sort()).toEqual(files.sort());
    for (const r of rules) {
      expect(SEVERITIES).toContain(r.severity);
      expect(PILLARS).toContain(r.pillar);
      expect(r.why.length, r.id).toBeGreaterThan(40);
      expect(r.helpUri).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    }
  });

  it('every rule fires on the risky graph', () => {
    const fired = new Set(review(riskyGraph()).findings.map((f) => f.ruleId));
    expect([...fired].sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('finds the known gaps of the shop: single-AZ Postgres, one NAT gateway, no WAF, fixed task count, a queue with no DLQ', () => {
    expect(summary('shop')).toEqual([
      'high rds-single-az aws_db_instance.orders',
      'high spof-articulation-point aws_ecs_service.api',
      'medium no-autoscaling aws_ecs_service.api',
      'medium no-waf-on-public-entry aws_cloudfront_distribution.assets',
      'medium no-waf-on-public-entry aws_lb.web',
      'medium queue-without-dlq aws_sqs_queue.legacy_events',
      'medium single-nat-gateway aws_nat_gateway.main',
      'low rds-no-deletion-protection aws_dynamodb_table.orders',
    ]);
  });

  it('finds the gaps of the hand-written graphs', () => {
    expect(summary('serverless-api')).toEqual([
      'high unencrypted-storage aws_sns_topic.order_events',
      'medium dynamodb-no-pitr aws_dynamodb_table.orders',
      'medium no-waf-on-public-entry aws_cloudfront_distribution.web',
      'low rds-no-deletion-protection aws_dynamodb_table.orders',
    ]);
    expect(summary('three-tier')).toEqual([
      'high rds-single-az aws_db_instance.main',
      'medium cache-no-failover aws_elasticache_cluster.sessions',
      'medium no-waf-on-public-entry aws_lb.app',
      'medium single-nat-gateway aws_nat_gateway.main',
      'low cross-az-chatty aws_instance.web[0],aws_elasticache_cluster.sessions',
      'low cross-az-chatty aws_instance.web[1],aws_db_instance.main',
    ]);
  });

  // Fixes that do not make the finding go away by themselves, and why.
  const NOT_SELF_RESOLVING: Record<string, string> = {
    'cross-az-chatty': 'writes cannot move to a replica; the fix is advice, not a graph change',
    'spof-articulation-point':
      'the ALB and ASG are added beside the instance, which is retired by hand after cut-over',
    'single-instance-no-lb': 'same: the instance stays until traffic has moved to the group',
  };

  it('each finding’s fix applies cleanly and, applied, makes that finding go away', () => {
    const graph = riskyGraph();
    for (const f of review(graph).findings) {
      const fixed = applyChangeSet(graph, f.fix);
      if (f.ruleId in NOT_SELF_RESOLVING) continue;
      const again = review(fixed).findings.filter(
        (x) => x.ruleId === f.ruleId && x.nodes.join() === f.nodes.join() && x.message === f.message,
      );
      expect(again, `${f.ruleId} ${f.nodes.join(',')}`).toEqual([]);
    }
  });

  it('the secrets fix creates an empty secret and never copies the value', () => {
    const f = review(riskyGraph()).findings.find(
      (x) => x.ruleId === 'secrets-in-env' && x.message.includes('DB_PASSWORD'),
    )!;
    const text = JSON.stringify(f.fix);
    expect(text).toContain('aws_secretsmanager_secret.svc_db_password');
    expect(text).toContain('DB_PASSWORD_SECRET_ARN');
    expect(text).not.toContain('"DB_PASSWORD":');
  });

  it('finds a synchronous chain deeper than the limit, and respects --max-sync-depth', () => {
    const deep = review(riskyGraph()).findings.find((f) => f.ruleId === 'deep-sync-chain')!;
    expect(deep.nodes).toEqual([
      'aws_route53_record.shop',
      'aws_lb.public',
      'aws_lb_listener.http',
      'aws_lb_target_group.svc',
      'aws_ecs_service.svc',
      'code:billing',
      'code:ledger',
      'aws_db_instance.legacy',
    ]);
    expect(
      deep.fix.ops.some((op) => op.op === 'remove_edge' && op.id === 'code:billing -> code:ledger (calls)'),
    ).toBe(true);
    expect(
      review(riskyGraph(), { maxSyncDepth: 5 }).findings.some((f) => f.ruleId === 'deep-sync-chain'),
    ).toBe(false);
  });

  it('finds single points of failure as articulation points of the traffic graph', () => {
    const spofs = review(riskyGraph())
      .findings.filter((f) => f.ruleId === 'spof-articulation-point')
      .map((f) => f.nodes[0]);
    expect(spofs).toEqual(['aws_db_instance.legacy', 'aws_instance.app']);
  });

  it('skips disabled rules', () => {
    const ids = review(riskyGraph(), { disable: ['public-bucket'] }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('public-bucket');
  });
});
