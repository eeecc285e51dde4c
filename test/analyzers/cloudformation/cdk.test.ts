// A CDK app read from source, and the same app with its synthesized cdk.out beside it: the same components and
// connections, one node per construct, and each NodejsFunction joined to its TypeScript entry.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCloudFormation } from '../../../analyzers/cloudformation/index.js';
import { scanDirectory } from '../../../src/index.js';
import type { ArchGraph } from '../../../src/model/graph.js';

const repo = join(import.meta.dirname, '../../..');
const source = join(repo, 'fixtures/realworld/cdk-orders-source');
const synth = join(repo, 'fixtures/realworld/cdk-orders-synth');

const TRAFFIC = new Set(['calls', 'reads', 'writes', 'publishes', 'consumes', 'routes', 'triggers']);
const traffic = (g: ArchGraph) =>
  g
    .edges()
    .filter((e) => TRAFFIC.has(e.kind))
    .map((e) => `${e.from} -${e.kind}-> ${e.to}`)
    .sort();
const drawn = (g: ArchGraph) =>
  g
    .nodes()
    .filter((n) => !n.plumbing && n.kind !== 'group')
    .map((n) => n.id)
    .sort();

describe('CDK from source and from cdk.out', () => {
  let fromSource: ArchGraph;
  let withSynth: ArchGraph;
  beforeAll(async () => {
    fromSource = (await scanDirectory(source)).graph;
    withSynth = (await scanDirectory(synth)).graph;
  }, 120_000);

  it('gives the same components and connections with or without cdk.out', () => {
    expect(drawn(withSynth)).toEqual(drawn(fromSource));
    expect(traffic(withSynth)).toEqual(traffic(fromSource));
  });

  let committed: string | undefined;
  afterAll(() => (committed ? rm(committed, { recursive: true, force: true }) : undefined));
  it('merges a synthesized template committed beside the source (no cdk.out) by its construct paths', async () => {
    // Repositories commit `cdk synth > template.yaml` for `sam local`: the same stacks, outside cdk.out.
    committed = await mkdtemp(join(tmpdir(), 'archmap-cdk-template-'));
    await cp(source, committed, { recursive: true });
    await cp(join(synth, 'cdk.out/OrdersApi.template.json'), join(committed, 'template.json'));
    await cp(join(synth, 'cdk.out/OrdersData.template.json'), join(committed, 'data.template.json'));
    const g = (await scanDirectory(committed)).graph;
    expect(drawn(g)).toEqual(drawn(fromSource));
    expect(traffic(g)).toEqual(traffic(fromSource));
    expect(g.node('OrdersApi/CreateOrder')!.sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(['template.json', 'lib/api-stack.ts']),
    );
  });

  it('keeps one node per construct when both views are present, with both provenances', () => {
    const fn = withSynth.node('OrdersApi/CreateOrder')!;
    const files = fn.sources.map((s) => s.file ?? '');
    expect(files).toEqual(expect.arrayContaining(['cdk.out/OrdersApi.template.json', 'lib/api-stack.ts']));
    expect(withSynth.nodes().filter((n) => n.name === 'CreateOrder' && n.kind === 'function')).toHaveLength(
      1,
    );
  });

  it('joins each NodejsFunction to its entry file, with code edges from that entry only', () => {
    for (const g of [fromSource, withSynth]) {
      const cancel = g.node('OrdersApi/CancelOrder')!;
      expect(cancel.props.entry).toBe('src/handlers/cancel-order.ts');
      expect(cancel.aliases).toContain('code:orders-cdk/cancel-order');
      const codeTargets = g
        .edges()
        .filter((e) => e.from === 'OrdersApi/GetOrder' && e.sources.some((s) => s.analyzer === 'typescript'))
        .map((e) => `${e.kind} ${e.to}`);
      expect(codeTargets).toEqual(['reads OrdersData/OrdersTable']);
    }
  });

  it('reads a grant across stacks as the permission it gives', async () => {
    const partial = await analyzeCloudFormation({ dir: source }, { root: source });
    const ids = partial.edges
      .filter((e) => e.props?.via === 'iam')
      .map((e) => `${e.from} -${e.kind}-> ${e.to}`);
    expect(ids).toContain('OrdersApi/GetOrder -reads-> OrdersData/OrdersTable');
    expect(ids).toContain('OrdersApi/FulfilOrder -publishes-> OrdersData/OrderEvents');
  });
});

describe('CDK patterns read from source', () => {
  it('treats a local class that extends a library construct as that resource', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'archmap-cdk-'));
    try {
      await mkdir(join(dir, 'bin'));
      await writeFile(join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node bin/app.ts' }));
      await writeFile(
        join(dir, 'bin/app.ts'),
        [
          "import { App, Stack } from 'aws-cdk-lib';",
          "import { Table } from 'aws-cdk-lib/aws-dynamodb';",
          "import { StateMachine, DefinitionBody } from 'aws-cdk-lib/aws-stepfunctions';",
          "import { DynamoPutItem } from 'aws-cdk-lib/aws-stepfunctions-tasks';",
          'class Recorder extends StateMachine {',
          '  constructor(scope: Stack, id: string, table: Table) {',
          "    const put = new DynamoPutItem(scope, 'Put', { table, item: {} });",
          '    super(scope, id, { definitionBody: DefinitionBody.fromChainable(put) });',
          '  }',
          '}',
          'const app = new App();',
          "const stack = new Stack(app, 'Main');",
          "const table = new Table(stack, 'Records', {});",
          "new Recorder(stack, 'Recorder', table);",
        ].join('\n'),
      );
      const partial = await analyzeCloudFormation({ dir }, { root: dir });
      expect(partial.nodes.find((n) => n.id === 'Main/Recorder')?.service).toBe('aws_sfn_state_machine');
      expect(partial.edges.map((e) => e.id)).toContain('Main/Recorder -> Main/Records (writes)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('--synth', () => {
  it('never installs anything: without the app dependencies it warns and reads the source', async () => {
    const partial = await analyzeCloudFormation({ dir: source, synth: true }, { root: source });
    expect(partial.diagnostics.map((d) => d.code)).toContain('cdk-synth-skipped');
    expect(partial.nodes.some((n) => n.id === 'OrdersApi/CreateOrder')).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(source, 'cdk.out'))).toBe(false);
  });
});
