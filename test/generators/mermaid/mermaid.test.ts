import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mermaidGenerator from '../../../generators/mermaid/index.js';
import { mermaidText } from '../../../generators/shared/mermaid.js';
import type { ArchGraph } from '../../../src/model/index.js';
import {
  buildGraph,
  expectGolden,
  expectGoldenFolder,
  fixtureGraph,
  fixtureGraphs,
  fixtureNames,
  repoRoot,
  threeTierDiff,
} from '../support.js';

const goldenDir = join(repoRoot, 'test', 'generators', 'mermaid', '__golden__');

async function mmd(
  graph: ArchGraph,
  options: Parameters<typeof mermaidGenerator.generate>[1] = {},
): Promise<string> {
  const [file] = await mermaidGenerator.generate(graph, { name: 'x', ...options });
  expect(file?.path).toBe('x.mmd');
  return String(file?.contents);
}

// The real Mermaid parser (the one GitHub runs) needs a DOM for its sanitiser; jsdom gives it one.
let parse: (text: string) => Promise<unknown>;
// Test files share worker processes (isolate: false): the globals go away after this file, or the next file would
// run in a "browser" (the openai SDK refuses to start in one).
const saved = { window: Reflect.get(globalThis, 'window'), document: Reflect.get(globalThis, 'document') };
beforeAll(async () => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const { default: mermaid } = await import('mermaid');
  parse = (text) => mermaid.parse(text);
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved))
    if (value === undefined) Reflect.deleteProperty(globalThis, key);
    else Reflect.set(globalThis, key, value);
});

describe('mermaid golden files', async () => {
  for (const [name, graph] of await fixtureGraphs()) {
    it(`writes fixtures/graphs/${name}.json as golden Mermaid that the Mermaid parser accepts`, async () => {
      const text = await mmd(graph);
      await expectGolden(join(goldenDir, `${name}.mmd`), text);
      await expect(parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    });
  }

  it('writes a diff with classDefs and a legend that the Mermaid parser accepts', async () => {
    const text = await mmd(await threeTierDiff());
    await expectGolden(join(goldenDir, 'three-tier.diff.mmd'), text);
    await expect(parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  });

  it('has a golden file for every case above and no other', () => {
    expectGoldenFolder(goldenDir, [...fixtureNames().map((n) => `${n}.mmd`), 'three-tier.diff.mmd']);
  });

  it('fails the parser on broken Mermaid, so the checks above can fail', async () => {
    await expect(parse('flowchart LR\n  a -->|x| \n  end -->')).rejects.toThrow();
  });
});

describe('mermaid flowchart', () => {
  it('draws groups as nested subgraphs', async () => {
    const text = await mmd(await fixtureGraph('three-tier'));
    const lines = text.split('\n');
    const vpc = lines.findIndex((l) => l.includes('subgraph n_aws_vpc_main['));
    const tier = lines.findIndex((l) => l.includes('["private subnets'));
    const subnet = lines.findIndex((l) => l.includes('subgraph n_aws_subnet_private_a['));
    const web = lines.findIndex((l) => l.includes('n_aws_instance_web_0('));
    expect(vpc).toBeGreaterThan(0);
    expect(tier).toBeGreaterThan(vpc);
    expect(subnet).toBeGreaterThan(tier);
    expect(web).toBeGreaterThan(subnet);
    expect(lines[web]).toMatch(/^ {10}n_aws_instance_web_0\("web\[0\]<br\/>EC2 instance"\)$/);
  });

  it('gives databases a cylinder, queues a flag, functions a stadium and load balancers a hexagon', async () => {
    const text = await mmd(await fixtureGraph('serverless-api'));
    expect(text).toContain('n_aws_dynamodb_table_orders[("orders<br/>DynamoDB")]');
    expect(text).toMatch(/n_aws_sqs_queue_payments>"payments<br\/>SQS"\]/);
    expect(text).toMatch(/n_aws_lambda_function_get_order\(\["get-order<br\/>Lambda"\]\)/);
    expect(text).toMatch(/n_aws_apigatewayv2_api_http\{\{"orders-api<br\/>[^"]+"\}\}/);
  });

  it('labels edges with kind and label, dotted for async messaging and thick for routing', async () => {
    const text = await mmd(await fixtureGraph('serverless-api'));
    expect(text).toContain(
      'n_aws_lambda_function_get_order -->|"reads: GetItem"| n_aws_dynamodb_table_orders',
    );
    expect(text).toContain(
      'n_aws_sqs_queue_payments -.->|"consumes: batch 10"| n_aws_lambda_function_process_payment',
    );
    expect(text).toContain(
      'n_aws_apigatewayv2_api_http ==>|"routes: GET /orders"| n_aws_lambda_function_list_orders',
    );
  });

  it('marks added, modified and removed nodes and edges with classDefs and a legend', async () => {
    const text = await mmd(await threeTierDiff());
    expect(text).toContain('classDef added fill:#e8f5e9,stroke:#2e7d32');
    expect(text).toContain(
      'classDef removed fill:#ffebee,stroke:#c62828,stroke-width:3px,color:#1f2937,stroke-dasharray:5 5',
    );
    expect(text).toContain('class n_aws_instance_web_2,legend_added added');
    expect(text).toContain('class n_aws_db_instance_main,legend_modified modified');
    expect(text).toContain('class n_aws_nat_gateway_main,legend_removed removed');
    expect(text).toMatch(/linkStyle [\d,]+ stroke:#c62828,stroke-width:3px,stroke-dasharray:6 4/);
    expect(text).toContain('subgraph legend["Legend"]');
  });

  it('has no legend and no classDefs when nothing changed', async () => {
    const text = await mmd(await fixtureGraph('three-tier'));
    expect(text).not.toContain('classDef');
    expect(text).not.toContain('Legend');
  });

  it('sanitises ids with dots, quotes and brackets, keeps them apart and quotes labels', async () => {
    const graph = buildGraph([
      { id: 'aws_ecr_repository.a["x"]', name: 'say "hi" <b>', kind: 'storage' },
      { id: 'aws_ecr_repository.a.x', name: 'end', kind: 'storage' },
      { id: 'end', name: 'end', kind: 'queue' },
    ]);
    const text = await mmd(graph);
    expect(text).toContain('n_aws_ecr_repository_a_x[("end<br/>storage")]');
    expect(text).toContain('n_aws_ecr_repository_a_x_2[("say #quot;hi#quot; #lt;b#gt;<br/>storage")]');
    expect(text).toContain('n_end>"end<br/>');
    await expect(parse(text)).resolves.toBeDefined();
  });

  it('hides plumbing unless asked, like the D2 diagram', async () => {
    const graph = await fixtureGraph('three-tier');
    expect(await mmd(graph)).not.toContain('aws_security_group');
    expect(await mmd(graph, { all: true })).toContain('n_aws_security_group_web');
  });

  it('escapes label text', () => {
    expect(mermaidText('a "b" & <c>\nd')).toBe('"a #quot;b#quot; #amp; #lt;c#gt;<br/>d"');
  });
});
