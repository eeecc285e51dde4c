// Shared by the generator tests: golden files, the fixture graphs, a small graph builder and a generated
// 1,000-resource estate for the level-of-detail test.
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchEdgeInput, ArchNode, ArchNodeInput, ChangeMark, EdgeKind } from '../../src/model/index.js';
import { ArchGraph, edgeId, parseGraph } from '../../src/model/index.js';

export {
  expectGolden,
  expectGoldenCases,
  expectGoldenFiles,
  expectGoldenFolder,
} from '../support/golden.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const graphsDir = join(repoRoot, 'fixtures', 'graphs');

/** The case names of fixtures/graphs/<case>.json, sorted: the golden folders' expected contents derive from these. */
export function fixtureNames(): string[] {
  return readdirSync(graphsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** Every fixtures/graphs/<case>.json, as [case, graph]. Adding a case adds a golden file. */
export async function fixtureGraphs(): Promise<Array<[string, ArchGraph]>> {
  const files = (await readdir(graphsDir)).filter((f) => f.endsWith('.json')).sort();
  const out: Array<[string, ArchGraph]> = [];
  for (const f of files) {
    const path = join(graphsDir, f);
    out.push([f.replace(/\.json$/, ''), parseGraph(await readFile(path, 'utf8'), `fixtures/graphs/${f}`)]);
  }
  return out;
}

export async function fixtureGraph(name: string): Promise<ArchGraph> {
  const path = join(graphsDir, `${name}.json`);
  return parseGraph(await readFile(path, 'utf8'), `fixtures/graphs/${name}.json`);
}

type NodeSpec = Omit<ArchNodeInput, 'name' | 'provider'> & { name?: string; provider?: string };
type EdgeSpec = [from: string, to: string, kind: EdgeKind, extra?: Partial<ArchEdgeInput>];

/** Builds a graph from terse specs; names default to the last part of the id. */
export function buildGraph(nodes: NodeSpec[], edges: EdgeSpec[] = []): ArchGraph {
  const g = new ArchGraph();
  for (const n of nodes) {
    g.addNode({
      name: n.id.replace(/^.*\./, ''),
      provider: 'aws',
      props: {},
      tags: {},
      sources: [],
      ...n,
    } as ArchNode);
  }
  for (const [from, to, kind, extra] of edges) {
    g.addEdge({ id: edgeId(from, to, kind, extra?.label), from, to, kind, sources: [], ...extra });
  }
  return g;
}

/** Returns a copy of the graph with change marks set on the given node and edge ids. */
export function withMarks(
  graph: ArchGraph,
  marks: { nodes?: Record<string, ChangeMark>; edges?: Record<string, ChangeMark> },
): ArchGraph {
  const g = graph.clone();
  for (const [id, mark] of Object.entries(marks.nodes ?? {})) {
    g.setNode({ ...g.node(id)!, change: mark });
  }
  for (const [id, mark] of Object.entries(marks.edges ?? {})) {
    const e = g.edge(id)!;
    g.graph.replaceEdgeAttributes(id, { ...e, change: mark });
  }
  return g;
}

/** The three-tier app after a made-up change: RDS modified, the NAT gateway and its edges removed, a third web server added. */
export async function threeTierDiff(): Promise<ArchGraph> {
  const g = withMarks(await fixtureGraph('three-tier'), {
    nodes: { 'aws_db_instance.main': 'modified', 'aws_nat_gateway.main': 'removed' },
    edges: {
      [edgeId('aws_instance.web[0]', 'aws_nat_gateway.main', 'calls')]: 'removed',
      [edgeId('aws_instance.web[1]', 'aws_nat_gateway.main', 'calls')]: 'removed',
    },
  });
  const web1 = g.node('aws_instance.web[1]')!;
  g.addNode({ ...web1, id: 'aws_instance.web[2]', name: 'web[2]', count: 3, change: 'added' });
  g.addEdge({
    id: edgeId('aws_instance.web[2]', 'aws_db_instance.main', 'writes'),
    from: 'aws_instance.web[2]',
    to: 'aws_db_instance.main',
    kind: 'writes',
    label: 'mysql :3306',
    sources: [],
    change: 'added',
  });
  return g;
}

/**
 * A generated estate of about `target` resources: regions with a VPC of two AZs, counted web fleets,
 * for_each Lambdas, queues, tables, buckets and plumbing (IAM roles, security groups) wired like a real system.
 */
export function largeEstate(target = 1000): ArchGraph {
  const nodes: NodeSpec[] = [];
  const edges: EdgeSpec[] = [];
  const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
  let made = 0;
  let r = 0;
  while (made < target) {
    const region = regions[r % regions.length]!;
    const suffix = r < regions.length ? '' : `_${Math.floor(r / regions.length)}`;
    const p = (id: string) => `module.${region.replaceAll('-', '_')}${suffix}.${id}`;
    const regionId = `region:${region}${suffix}`;
    nodes.push({ id: regionId, kind: 'region', name: `${region}${suffix}`, region });
    const vpc = p('aws_vpc.main');
    nodes.push({ id: vpc, kind: 'vpc', service: 'aws_vpc', parent: regionId, region });
    const subnets = ['a', 'b'].map((az) => {
      const id = p(`aws_subnet.private_${az}`);
      nodes.push({ id, kind: 'subnet', service: 'aws_subnet', parent: vpc, region, zone: `${region}${az}` });
      return id;
    });
    const lb = p('aws_lb.web');
    nodes.push({ id: lb, kind: 'load_balancer', service: 'aws_lb', parent: vpc, region });
    made += 4;
    for (let s = 0; s < 8 && made < target; s++) {
      const svc = `svc${s}`;
      const table = p(`aws_dynamodb_table.${svc}`);
      const queue = p(`aws_sqs_queue.${svc}`);
      const role = p(`aws_iam_role.${svc}`);
      nodes.push({ id: table, kind: 'database', service: 'aws_dynamodb_table', parent: regionId, region });
      nodes.push({ id: queue, kind: 'queue', service: 'aws_sqs_queue', parent: regionId, region });
      nodes.push({
        id: role,
        kind: 'identity',
        service: 'aws_iam_role',
        parent: regionId,
        region,
        plumbing: true,
      });
      made += 3;
      for (let i = 0; i < 6 && made < target; i++) {
        const web = p(`aws_instance.${svc}[${i}]`);
        nodes.push({
          id: web,
          kind: 'service',
          service: 'aws_instance',
          parent: subnets[i % 2]!,
          region,
          count: 6,
        });
        edges.push(
          [lb, web, 'routes', { label: 'HTTP :8080' }],
          [web, table, 'writes'],
          [web, queue, 'publishes'],
        );
        made += 1;
      }
      for (const fn of ['ingest', 'report', 'notify']) {
        if (made >= target) break;
        const lambda = p(`aws_lambda_function.${svc}["${fn}"]`);
        nodes.push({
          id: lambda,
          kind: 'function',
          service: 'aws_lambda_function',
          parent: regionId,
          region,
        });
        edges.push([queue, lambda, 'consumes'], [lambda, table, 'reads'], [lambda, role, 'depends_on']);
        made += 1;
      }
    }
    r++;
  }
  return buildGraph(nodes, edges);
}
