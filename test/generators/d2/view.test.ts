import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multiRootEstate } from '../../../bench/diagram/estate.js';
import {
  buildView,
  type DiagramView,
  MAX_VIEW_NODES,
  overviewGroups,
} from '../../../generators/shared/view.js';
import { unjustifiedEdges } from '../../../generators/shared/view-check.js';
import { scanDirectory } from '../../../src/index.js';
import { UsageError } from '../../../src/model/index.js';
import {
  buildGraph,
  fixtureGraph,
  fixtureGraphs,
  largeEstate,
  repoRoot,
  threeTierDiff,
  withMarks,
} from '../support.js';

const keys = (view: DiagramView) => view.nodes.map((n) => n.key);
const edge = (view: DiagramView, from: string, to: string) =>
  view.edges.find((e) => e.from === from && e.to === to);

describe('plumbing', () => {
  it('hides plumbing by default and counts what it hid', async () => {
    const view = buildView(await fixtureGraph('three-tier'));
    expect(keys(view)).not.toContain('aws_security_group.web');
    expect(keys(view)).not.toContain('aws_lb_target_group.web');
    expect(keys(view)).toContain('aws_lb.app');
    expect(view.hiddenPlumbing).toBe(15);
  });

  it('shows plumbing with `all`', async () => {
    const view = buildView(await fixtureGraph('three-tier'), { all: true });
    expect(keys(view)).toContain('aws_security_group.web');
    expect(keys(view)).toContain('aws_lb_target_group.web');
    expect(view.hiddenPlumbing).toBe(0);
    expect(edge(view, 'aws_lb.app', 'aws_instance.web[0]')).toBeUndefined();
    expect(edge(view, 'aws_lb.app', 'aws_lb_listener.https')?.kind).toBe('routes');
  });

  it('keeps an edge that passes through hidden plumbing as one edge between the visible ends', async () => {
    // aws_lb.app → listener → target group → web[i]: listener and target group are plumbing.
    const view = buildView(await fixtureGraph('three-tier'));
    const routed = edge(view, 'aws_lb.app', 'aws_instance.web[0]');
    expect(routed).toMatchObject({ kind: 'routes', label: 'HTTP :8080', viaHidden: true });
    expect(edge(view, 'aws_lb.app', 'aws_instance.web[1]')).toBeDefined();
  });

  it('collapses a path of traffic edges through plumbing into one edge with its first kind and last label', () => {
    const g = buildGraph(
      [
        { id: 'aws_apigatewayv2_api.http', kind: 'api_gateway' },
        { id: 'aws_apigatewayv2_integration.x', kind: 'generic', plumbing: true },
        { id: 'aws_lambda_function.x', kind: 'function' },
      ],
      [
        ['aws_apigatewayv2_api.http', 'aws_apigatewayv2_integration.x', 'routes'],
        ['aws_apigatewayv2_integration.x', 'aws_lambda_function.x', 'triggers', { label: 'POST /x' }],
      ],
    );
    expect(edge(buildView(g), 'aws_apigatewayv2_api.http', 'aws_lambda_function.x')).toMatchObject({
      kind: 'routes',
      label: 'POST /x',
    });
  });

  it('never turns a chain of references through hidden plumbing into a connection', () => {
    // Each resource names its own security group, and the groups name each other in their rules: none of
    // that says the load balancer talks to the database or the database to the cache.
    const g = buildGraph(
      [
        { id: 'aws_lb.web', kind: 'load_balancer' },
        { id: 'aws_db_instance.orders', kind: 'database' },
        { id: 'aws_elasticache_cluster.sessions', kind: 'cache' },
        { id: 'aws_security_group.lb', kind: 'network', plumbing: true },
        { id: 'aws_security_group.data', kind: 'network', plumbing: true },
        { id: 'aws_iam_policy.x', kind: 'identity', plumbing: true },
      ],
      [
        ['aws_lb.web', 'aws_security_group.lb', 'depends_on'],
        ['aws_security_group.lb', 'aws_security_group.data', 'depends_on'],
        ['aws_security_group.data', 'aws_db_instance.orders', 'depends_on'],
        ['aws_db_instance.orders', 'aws_security_group.data', 'depends_on'],
        ['aws_security_group.data', 'aws_iam_policy.x', 'access'],
        ['aws_iam_policy.x', 'aws_elasticache_cluster.sessions', 'depends_on'],
      ],
    );
    const view = buildView(g);
    expect(view.edges).toEqual([]);
    expect(unjustifiedEdges(g, view)).toEqual([]);
  });

  it('drops an edge into plumbing that leads nowhere visible', async () => {
    const view = buildView(await fixtureGraph('serverless-api'));
    expect(view.edges.some((e) => e.to === 'aws_iam_role.lambda_exec')).toBe(false);
    expect(view.edges.every((e) => keys(view).includes(e.from) && keys(view).includes(e.to))).toBe(true);
  });

  it('uses the catalog plumbing flag when the node has none', () => {
    const g = buildGraph([
      { id: 'aws_iam_role.x', kind: 'identity', service: 'aws_iam_role' },
      { id: 'aws_sqs_queue.q', kind: 'queue', service: 'aws_sqs_queue' },
    ]);
    expect(keys(buildView(g))).toEqual(['aws_sqs_queue.q']);
  });
});

describe('edges', () => {
  const api = () =>
    buildGraph(
      [
        { id: 'aws_ecs_task_definition.api', kind: 'container' },
        { id: 'aws_ecs_service.api', kind: 'container' },
        { id: 'aws_db_instance.orders', kind: 'database' },
        { id: 'aws_ecr_repository.api', kind: 'storage' },
      ],
      [
        ['aws_ecs_service.api', 'aws_db_instance.orders', 'calls', { label: ':5432' }],
        ['aws_ecs_service.api', 'aws_db_instance.orders', 'reads'],
        ['aws_ecs_service.api', 'aws_db_instance.orders', 'writes'],
        ['aws_ecs_service.api', 'aws_db_instance.orders', 'depends_on', { label: 'env DATABASE_NAME' }],
        [
          'aws_ecs_task_definition.api',
          'aws_db_instance.orders',
          'depends_on',
          { label: 'env DATABASE_HOST' },
        ],
        ['aws_ecs_task_definition.api', 'aws_ecr_repository.api', 'depends_on', { label: 'image' }],
      ],
    );

  it('draws one edge per pair: data-flow kinds merged, calls and depends_on beside them dropped', () => {
    const e = edge(buildView(api()), 'aws_ecs_service.api', 'aws_db_instance.orders');
    expect(e).toMatchObject({ kind: 'writes', kinds: ['writes', 'reads'], label: ':5432', count: 4 });
  });

  it('draws depends_on only where nothing else connects a node, and every edge with `all`', () => {
    const view = buildView(api());
    // The service's own depends_on beside its writes is dropped; the task definition carries no traffic, so
    // its references are what tie it in and are drawn.
    expect(edge(view, 'aws_ecs_service.api', 'aws_db_instance.orders')?.kinds).toEqual(['writes', 'reads']);
    expect(edge(view, 'aws_ecs_task_definition.api', 'aws_db_instance.orders')?.kind).toBe('depends_on');
    expect(edge(view, 'aws_ecs_task_definition.api', 'aws_ecr_repository.api')?.kind).toBe('depends_on');
    const busy = buildGraph(
      [
        { id: 'aws_lambda_function.a', kind: 'function' },
        { id: 'aws_sqs_queue.q', kind: 'queue' },
      ],
      [
        ['aws_lambda_function.a', 'aws_sqs_queue.q', 'access', { label: 'read-write' }],
        ['aws_sqs_queue.q', 'aws_lambda_function.a', 'consumes'],
      ],
    );
    expect(edge(buildView(busy), 'aws_lambda_function.a', 'aws_sqs_queue.q')).toBeUndefined();
    expect(edge(buildView(busy, { all: true }), 'aws_lambda_function.a', 'aws_sqs_queue.q')?.kind).toBe(
      'access',
    );
  });
});

describe('aggregation', () => {
  const fleet = (count: number | '?', n: number) =>
    buildGraph(
      [
        { id: 'aws_subnet.a', kind: 'subnet' },
        ...Array.from({ length: n }, (_, i) => ({
          id: `aws_instance.web[${i}]`,
          name: `web[${i}]`,
          kind: 'service' as const,
          service: 'aws_instance',
          parent: 'aws_subnet.a',
          count,
        })),
        { id: 'aws_db_instance.db', kind: 'database', service: 'aws_db_instance', parent: 'aws_subnet.a' },
      ],
      Array.from(
        { length: n },
        (_, i) => [`aws_instance.web[${i}]`, 'aws_db_instance.db', 'writes'] as const,
      ).map(([a, b, k]) => [a, b, k] as [string, string, 'writes']),
    );

  it('draws counted instances in one parent as one `×N` node with one edge', () => {
    const view = buildView(fleet(3, 3));
    const web = view.nodes.find((n) => n.key === 'aws_instance.web[*]');
    expect(web).toMatchObject({ name: 'web', count: 3, parent: 'aws_subnet.a' });
    expect(web?.members).toEqual(['aws_instance.web[0]', 'aws_instance.web[1]', 'aws_instance.web[2]']);
    expect(view.edges.filter((e) => e.to === 'aws_db_instance.db')).toEqual([
      expect.objectContaining({ from: 'aws_instance.web[*]', count: 3 }),
    ]);
  });

  it('names a for_each aggregate after its resource when the instance names differ', () => {
    const g = buildGraph([
      {
        id: 'aws_ecr_repository.service["api"]',
        name: 'shop-api',
        kind: 'storage',
        service: 'aws_ecr_repository',
      },
      {
        id: 'aws_ecr_repository.service["worker"]',
        name: 'shop-worker',
        kind: 'storage',
        service: 'aws_ecr_repository',
      },
    ]);
    expect(buildView(g).nodes).toEqual([
      expect.objectContaining({ key: 'aws_ecr_repository.service[*]', name: 'service', count: 2 }),
    ]);
  });

  it('shows `×?` for a resource whose count could not be evaluated', () => {
    const g = buildGraph([{ id: 'aws_instance.web', kind: 'service', service: 'aws_instance', count: '?' }]);
    expect(buildView(g).nodes[0]).toMatchObject({ key: 'aws_instance.web', count: '?' });
  });

  it('shows `×N` on a single node that stands for N instances', () => {
    const g = buildGraph([{ id: 'aws_instance.web', kind: 'service', service: 'aws_instance', count: 4 }]);
    expect(buildView(g).nodes[0]?.count).toBe(4);
  });

  it('keeps instances in different subnets apart at full detail and merges them at services detail', async () => {
    const graph = await fixtureGraph('three-tier');
    expect(keys(buildView(graph))).toEqual(
      expect.arrayContaining(['aws_instance.web[0]', 'aws_instance.web[1]']),
    );
    const services = buildView(graph, { detail: 'services' });
    // Both instances are in private subnets: at services detail they sit in the VPC's private tier.
    expect(services.nodes.find((n) => n.key === 'aws_instance.web[*]')).toMatchObject({
      count: 2,
      parent: 'aws_vpc.main/private subnets',
    });
    expect(keys(services).some((k) => k.startsWith('aws_subnet.'))).toBe(false);
    expect(edge(services, 'aws_lb.app', 'aws_instance.web[*]')?.count).toBe(2);
  });

  it('does not merge an added instance into the existing ones', () => {
    const g = withMarks(fleet(3, 3), { nodes: { 'aws_instance.web[2]': 'added' } });
    const view = buildView(g);
    expect(view.nodes.find((n) => n.key === 'aws_instance.web[*]')?.count).toBe(2);
    expect(view.nodes.find((n) => n.key === 'aws_instance.web[2]')?.change).toBe('added');
  });

  it('draws types as one node per service per region', () => {
    const view = buildView(largeEstate(300), { detail: 'types' });
    const lambdas = view.nodes.filter((n) => n.service === 'aws_lambda_function');
    expect(lambdas.length).toBeGreaterThan(0);
    expect(
      lambdas.every((n) => n.key.startsWith('aws_lambda_function[*]') && typeof n.count === 'number'),
    ).toBe(true);
    expect(new Set(lambdas.map((n) => n.parent)).size).toBe(lambdas.length);
    expect(view.nodes.some((n) => n.kind === 'vpc' || n.kind === 'subnet')).toBe(false);
  });
});

describe('detail', () => {
  it('chooses the most detailed level that fits 60 nodes for a 1,000-resource estate', () => {
    const view = buildView(largeEstate(1000));
    expect(view.fullDetailComponents).toBeGreaterThan(400);
    expect(view.detail).toBe('types');
    expect(view.nodes.length).toBeLessThanOrEqual(MAX_VIEW_NODES);
    expect(buildView(largeEstate(1000), { detail: 'services' }).nodes.length).toBeGreaterThan(MAX_VIEW_NODES);
  });

  it('keeps full detail for a small graph', async () => {
    expect(buildView(await fixtureGraph('serverless-api')).detail).toBe('full');
  });

  it('rejects an unknown detail level as a usage error', async () => {
    const graph = await fixtureGraph('three-tier');
    expect(() => buildView(graph, { detail: 'everything' as 'full' })).toThrow(UsageError);
  });
});

describe('focus', () => {
  it('keeps the focus node, its neighbours within depth 1 and the groups around them', async () => {
    const view = buildView(await fixtureGraph('three-tier'), { focus: 'aws_db_instance.main', depth: 1 });
    expect(
      keys(view).filter(
        (k) => !k.startsWith('aws_subnet') && !k.startsWith('aws_vpc') && !k.startsWith('region'),
      ),
    ).toEqual(['aws_db_instance.main', 'aws_instance.web[0]', 'aws_instance.web[1]']);
    expect(keys(view)).toEqual(
      expect.arrayContaining(['aws_vpc.main', 'aws_subnet.private_a', 'region:us-east-1']),
    );
  });

  it('reaches further with a larger depth', async () => {
    const view = buildView(await fixtureGraph('three-tier'), { focus: 'aws_db_instance.main', depth: 2 });
    expect(keys(view)).toEqual(
      expect.arrayContaining(['aws_lb.app', 'aws_elasticache_cluster.sessions', 'aws_nat_gateway.main']),
    );
    expect(keys(view)).not.toContain('aws_route53_record.app');
  });

  it('takes a group as focus: its members and their neighbours', async () => {
    const view = buildView(await fixtureGraph('three-tier'), { focus: 'aws_subnet.public_a', depth: 1 });
    expect(keys(view)).toContain('aws_nat_gateway.main');
    // The internet gateway carries no traffic and only the NAT gateway names it: it is drawn as part of it.
    expect(view.nodes.find((n) => n.key === 'aws_nat_gateway.main')?.folded).toEqual([
      'aws_internet_gateway.main',
    ]);
    expect(keys(view)).not.toContain('aws_db_instance.main');
  });

  it('rejects a focus node that is not in the graph', async () => {
    const graph = await fixtureGraph('three-tier');
    expect(() => buildView(graph, { focus: 'aws_instance.nope' })).toThrow(UsageError);
  });
});

describe('subnet tiers', () => {
  it('puts a resource that spans two private subnets in a "private subnets" box, not loose in the VPC', async () => {
    const { graph } = await scanDirectory(join(repoRoot, 'fixtures/realworld/sg-tiers-no-talk'));
    const view = buildView(graph);
    const parent = (key: string) => view.nodes.find((n) => n.key === key)?.parent;
    expect(parent('aws_db_instance.orders')).toBe('aws_vpc.main/private subnets');
    expect(parent('aws_elasticache_replication_group.sessions')).toBe('aws_vpc.main/private subnets');
    expect(parent('aws_ecs_service.app')).toBe('aws_vpc.main/private subnets');
    expect(parent('aws_lb.web')).toBe('aws_vpc.main/public subnets');
    expect(view.nodes.find((n) => n.key === 'aws_vpc.main/private subnets')).toMatchObject({
      kind: 'subnet',
      tier: 'private',
      parent: 'aws_vpc.main',
      note: 'eu-west-1a, eu-west-1b',
    });
  });

  it('keeps the tier boxes at services detail, where single subnets fold away', async () => {
    const view = buildView(await fixtureGraph('shop'), { detail: 'services' });
    expect(keys(view)).toEqual(
      expect.arrayContaining(['aws_vpc.main/private subnets', 'aws_vpc.main/public subnets']),
    );
    expect(keys(view).some((k) => k.startsWith('aws_subnet.'))).toBe(false);
  });
});

describe('supporting resources', () => {
  it('folds a task definition, its repositories, cluster and secret into the ECS service that uses them', async () => {
    const view = buildView(await fixtureGraph('shop'));
    const api = view.nodes.find((n) => n.key === 'aws_ecs_service.api');
    expect(api?.folded).toEqual(
      expect.arrayContaining([
        'aws_ecs_task_definition.api',
        'aws_ecs_cluster.main',
        'aws_secretsmanager_secret.db_password',
      ]),
    );
    expect(keys(view)).not.toContain('aws_ecs_task_definition.api');
    expect(view.edges.filter((e) => e.kind === 'depends_on' || e.kind === 'access')).toEqual([]);
  });

  it('folds a target group into the load balancer that routes to it', async () => {
    const view = buildView(await fixtureGraph('shop'));
    expect(keys(view)).not.toContain('aws_lb_target_group.api');
    expect(edge(view, 'aws_lb.web', 'aws_ecs_service.api')?.kind).toBe('routes');
  });

  it('folds nothing with `all`', async () => {
    const view = buildView(await fixtureGraph('shop'), { all: true });
    expect(keys(view)).toContain('aws_ecs_task_definition.api');
    expect(view.nodes.every((n) => n.folded === undefined)).toBe(true);
  });
});

describe('no invented connections (issue 13 item 7)', () => {
  it('draws only the connections the security-group rules allow on a scanned three-tier stack', async () => {
    const { graph } = await scanDirectory(join(repoRoot, 'fixtures/realworld/sg-tiers-no-talk'));
    const expected = JSON.parse(
      await readFile(join(repoRoot, 'fixtures/realworld/sg-tiers-no-talk/expected.json'), 'utf8'),
    ) as { absent: Array<{ from: string; to: string }> };
    for (const options of [{}, { all: true }, { detail: 'services' as const }]) {
      const view = buildView(graph, options);
      expect(unjustifiedEdges(graph, view)).toEqual([]);
      for (const { from, to } of expected.absent) expect(edge(view, from, to)).toBeUndefined();
    }
    const view = buildView(graph);
    expect(edge(view, 'aws_ecs_service.app', 'aws_db_instance.orders')).toBeDefined();
    expect(edge(view, 'aws_ecs_service.app', 'aws_elasticache_replication_group.sessions')).toBeDefined();
  });

  it('draws no unjustified edge for any fixture graph, at any detail', async () => {
    for (const [, graph] of await fixtureGraphs()) {
      for (const options of [
        {},
        { all: true },
        { detail: 'services' as const },
        { detail: 'overview' as const },
      ]) {
        expect(unjustifiedEdges(graph, buildView(graph, options))).toEqual([]);
      }
    }
  });

  it('flags an edge the graph does not explain', () => {
    const g = buildGraph([
      { id: 'aws_lb.web', kind: 'load_balancer' },
      { id: 'aws_db_instance.orders', kind: 'database' },
    ]);
    const view = buildView(g);
    view.edges.push({
      key: 'x',
      from: 'aws_lb.web',
      to: 'aws_db_instance.orders',
      kind: 'calls',
      kinds: ['calls'],
      count: 1,
      viaHidden: true,
    });
    expect(unjustifiedEdges(g, view).map((e) => e.key)).toEqual(['x']);
  });
});

describe('diff cropping', () => {
  it('draws only what changed and one hop around it, and everything without cropping', async () => {
    const graph = await threeTierDiff();
    const cropped = buildView(graph, { showChanges: true, cropToChanges: true });
    const whole = buildView(graph, { showChanges: true });
    // Changed: the database (modified), the NAT gateway (removed), web[2] (added) and the removed calls.
    expect(keys(cropped)).toEqual(
      expect.arrayContaining(['aws_db_instance.main', 'aws_nat_gateway.main', 'aws_instance.web[2]']),
    );
    expect(keys(cropped)).not.toContain('aws_route53_record.app');
    expect(keys(whole)).toContain('aws_route53_record.app');
    expect(cropped.nodes.length).toBeLessThan(whole.nodes.length);
    expect(unjustifiedEdges(graph, cropped)).toEqual([]);
  });

  it('crops nothing when nothing changed', async () => {
    const graph = await fixtureGraph('three-tier');
    expect(keys(buildView(graph, { cropToChanges: true }))).toEqual(keys(buildView(graph)));
  });
});

describe('overview of a large estate', () => {
  const estate = multiRootEstate({ roots: 8, resources: 800 });
  const ROOT_DIRS = [
    'edge',
    'platform/events',
    'platform/observability',
    'services/accounts',
    'services/catalog',
    'services/orders',
    'services/payments',
    'services/search',
  ];

  it('draws an 800-resource, 8-root estate as one node per root with its size', () => {
    const resources = estate.nodes().filter((n) => !['group', 'region', 'vpc', 'subnet'].includes(n.kind));
    expect(resources).toHaveLength(800);
    const view = buildView(estate);
    expect(view.detail).toBe('overview');
    expect(view.groupedBy).toBe('root');
    expect(keys(view)).toEqual(ROOT_DIRS.map((d) => `root:${d}`));
    expect(view.nodes.map((n) => n.typeLabel)).toEqual(ROOT_DIRS.map(() => '100 resources'));
    expect(unjustifiedEdges(estate, view)).toEqual([]);
    // The traffic between roots, and none inside one.
    expect(edge(view, 'root:edge', 'root:services/orders')).toMatchObject({
      kind: 'routes',
      label: '/orders/*',
    });
    expect(edge(view, 'root:services/orders', 'root:platform/events')?.kind).toBe('publishes');
    expect(view.edges.every((e) => e.from !== e.to)).toBe(true);
  });

  it('keeps every level above the overview over 60 nodes on that estate, so auto had to pick it', () => {
    for (const detail of ['full', 'services', 'types'] as const) {
      expect(buildView(estate, { detail }).nodes.length).toBeGreaterThan(MAX_VIEW_NODES);
    }
  });

  it('draws one view per root (`within`) of at most 60 nodes, each with the neighbours it talks to', () => {
    const groups = overviewGroups(estate);
    expect(groups.map((g) => [g.key, g.size])).toEqual(ROOT_DIRS.map((d) => [`root:${d}`, 100]));
    for (const group of groups) {
      const view = buildView(estate, { within: group.key });
      expect(view.nodes.length, group.key).toBeLessThanOrEqual(MAX_VIEW_NODES);
      expect(unjustifiedEdges(estate, view), group.key).toEqual([]);
    }
    const orders = buildView(estate, { within: 'root:services/orders' });
    expect(keys(orders)).toContain('services/orders:aws_ecs_service.app');
    // The API that routes to it (another root) is drawn; the other services are not.
    expect(keys(orders)).toContain('edge:aws_apigatewayv2_api.public');
    expect(keys(orders).some((k) => k.startsWith('services/payments:'))).toBe(false);
  });

  it('groups a single-root estate by module when there are no roots', () => {
    const g = buildGraph(
      [
        { id: 'module.orders.aws_lambda_function.api', kind: 'function' },
        { id: 'module.orders.aws_dynamodb_table.orders', kind: 'database' },
        { id: 'module.billing.aws_lambda_function.charge', kind: 'function' },
        { id: 'aws_sns_topic.events', kind: 'topic' },
      ],
      [
        ['module.orders.aws_lambda_function.api', 'module.orders.aws_dynamodb_table.orders', 'writes'],
        ['module.orders.aws_lambda_function.api', 'aws_sns_topic.events', 'publishes'],
        ['aws_sns_topic.events', 'module.billing.aws_lambda_function.charge', 'triggers'],
      ],
    );
    const view = buildView(g, { detail: 'overview' });
    expect(view.groupedBy).toBe('module');
    expect(view.nodes.map((n) => [n.key, n.name, n.size])).toEqual([
      ['(other)', 'other resources', 1],
      ['module.billing', 'billing', 1],
      ['module.orders', 'orders', 2],
    ]);
    expect(edge(view, 'module.orders', '(other)')?.kind).toBe('publishes');
    expect(edge(view, '(other)', 'module.billing')?.kind).toBe('triggers');
    expect(unjustifiedEdges(g, view)).toEqual([]);
  });

  it('never draws more than 60 groups: the smallest share one node', () => {
    const big = multiRootEstate({ roots: 12, resources: 240 });
    const many = buildGraph(
      Array.from({ length: 75 }, (_, i) => [
        { id: `root:r${i}`, kind: 'group' as const },
        { id: `r${i}:aws_sqs_queue.q`, kind: 'queue' as const, parent: `root:r${i}` },
      ]).flat(),
    );
    const view = buildView(many);
    expect(view.nodes).toHaveLength(MAX_VIEW_NODES);
    expect(view.nodes.find((n) => n.key === '(other)')?.name).toBe('16 more groups');
    expect(buildView(big).nodes.length).toBeLessThanOrEqual(MAX_VIEW_NODES);
  });

  it('rejects a group that is not in the overview as a usage error', () => {
    expect(() => buildView(estate, { within: 'root:nope' })).toThrow(UsageError);
  });
});
