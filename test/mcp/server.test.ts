// `archmap mcp` end to end: the SDK's own client talks to a spawned `archmap mcp` process over stdio.
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/io.js';
import { ChangeSetSchema } from '../../src/model/schema.js';
import { CANARIES } from '../analyzers/terraform/canaries.js';

const entry = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const shop = fileURLToPath(new URL('../../fixtures/projects/shop', import.meta.url));

async function connect(cwd: string, extra: string[] = []): Promise<{ client: Client; stderr: string[] }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    // tsx is resolved from this repository: the server runs in a temporary directory.
    args: ['--import', import.meta.resolve('tsx'), entry, 'mcp', ...extra],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const client = new Client({ name: 'archmap-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr };
}

const textOf = (r: unknown) =>
  (r as CallToolResult).content.map((c) => (c.type === 'text' ? c.text : '')).join('');

function expectNoCanary(text: string) {
  for (const c of CANARIES) expect(text).not.toContain(c);
}

describe('archmap mcp over stdio (read-only)', () => {
  let dir: string;
  let client: Client;
  let stderr: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archmap-mcp-'));
    await cp(shop, join(dir, 'shop'), { recursive: true });
    ({ client, stderr } = await connect(dir));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
  });

  it('lists the tools, resources and prompts of the issue', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['cost', 'diagram', 'diff', 'impact', 'propose', 'review', 'scaffold', 'scan'].sort(),
    );
    const propose = tools.find((t) => t.name === 'propose')!;
    expect(propose.inputSchema.required).toEqual(['scenario']);
    expect(JSON.stringify(propose.inputSchema.properties?.scenario)).toContain('multi-region');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([
      'archmap://findings',
      'archmap://graph',
      'archmap://revised',
    ]);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['plan-for-10x', 'review-architecture']);
    const prompt = await client.getPrompt({ name: 'plan-for-10x', arguments: {} });
    expect(JSON.stringify(prompt.messages)).toContain('scenario \\"scale\\"');
  });

  it('scans the shop, reviews it and proposes a 10x plan', async () => {
    const scanned = await client.callTool({ name: 'scan', arguments: { dir: 'shop' } });
    expect(scanned.isError).toBeFalsy();
    const summary = textOf(scanned);
    expect(summary).toMatch(/^scanned shop: \d+ nodes, \d+ edges/);
    expectNoCanary(summary);

    // The graph the scan kept is a valid archmap.json with the shop's main components.
    const resource = await client.readResource({ uri: 'archmap://graph' });
    const json = (resource.contents[0] as { text: string }).text;
    expectNoCanary(json);
    const graph = parseGraph(json, 'archmap://graph');
    const ids = graph.nodes().map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['aws_db_instance.orders', 'aws_sqs_queue.orders']));
    expect(summary).toContain(`${graph.order} nodes, ${graph.size} edges`);

    const reviewed = await client.callTool({ name: 'review', arguments: {} });
    expect(reviewed.isError).toBeFalsy();
    const findings = JSON.parse(textOf(reviewed)) as {
      findings: Array<{ ruleId: string; severity: string; nodes: string[] }>;
    };
    expect(findings.findings.length).toBeGreaterThan(0);
    for (const f of findings.findings) for (const n of f.nodes) expect(ids).toContain(n);

    const proposed = await client.callTool({
      name: 'propose',
      arguments: { scenario: 'scale', factor: 10, rps: 200 },
    });
    expect(proposed.isError).toBeFalsy();
    const changeset = ChangeSetSchema.parse(JSON.parse(textOf(proposed)));
    expect(changeset.scenario?.name).toBe('scale');
    expect(changeset.ops.length).toBeGreaterThan(0);
    expect(changeset.capacity.length).toBeGreaterThan(0);
    // Every op names nodes of the scanned graph or nodes the plan adds itself.
    const known = new Set([
      ...ids,
      ...changeset.ops.flatMap((o) => (o.op === 'add_node' ? [o.node.id] : [])),
    ]);
    for (const op of changeset.ops) {
      if (op.op === 'update_node' || op.op === 'remove_node') expect(known).toContain(op.id);
      if (op.op === 'add_edge')
        expect([known.has(op.edge.from), known.has(op.edge.to)]).toEqual([true, true]);
    }

    const revised = await client.readResource({ uri: 'archmap://revised' });
    const next = parseGraph((revised.contents[0] as { text: string }).text, 'archmap://revised');
    expect(next.changeset?.title).toBe(changeset.title);

    const diagram = await client.callTool({
      name: 'diagram',
      arguments: { graph: 'archmap://revised', base: 'archmap://graph', format: 'mermaid' },
    });
    expect(diagram.isError).toBeFalsy();
    expect(textOf(diagram)).toMatch(/^flowchart /m);

    const cost = await client.callTool({ name: 'cost', arguments: { format: 'json' } });
    expect(JSON.parse(textOf(cost)).nodes.length).toBeGreaterThan(0);

    const impact = await client.callTool({ name: 'impact', arguments: { node: 'aws_db_instance.orders' } });
    expect(impact.isError).toBeFalsy();
    expect(textOf(impact)).toContain('aws_db_instance.orders');
  }, 180_000);

  it('returns bad arguments as tool errors and keeps serving', async () => {
    const badScenario = await client.callTool({ name: 'propose', arguments: { scenario: 'warp-speed' } });
    expect(badScenario.isError).toBe(true);
    expect(textOf(badScenario)).toContain('scenario');

    const wrongType = await client.callTool({
      name: 'propose',
      arguments: { scenario: 'scale', factor: 'ten' },
    });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('factor');

    const missing = await client.callTool({ name: 'review', arguments: { graph: 'nope/archmap.json' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toBe('error: nope/archmap.json: no such file (hint: check the path)');

    const noNode = await client.callTool({ name: 'impact', arguments: { node: 'aws_nothing.here' } });
    expect(noNode.isError).toBe(true);
    expect(textOf(noNode)).toMatch(/^error: no node "aws_nothing.here" in the graph/);
    expect(textOf(noNode).split('\n')).toHaveLength(1);

    const outsideRoot = await client.callTool({ name: 'scan', arguments: { dir: '../..' } });
    expect(outsideRoot.isError).toBe(true);
    expect(textOf(outsideRoot)).toMatch(/^error: dir \.\.\/\.\. is outside /);

    const readOnly = await client.callTool({ name: 'scaffold', arguments: { output: 'stubs' } });
    expect(readOnly.isError).toBe(true);
    expect(textOf(readOnly)).toContain('read-only');
    expect(await readdir(dir)).toEqual(['shop']);

    const notJson = await client.callTool({ name: 'review', arguments: { graph: 'shop/README.md' } });
    expect(notJson.isError).toBe(true);
    expect(textOf(notJson)).toContain('shop/README.md: not valid JSON');

    // Still alive: no crash, no internal error on stderr.
    expect((await client.listTools()).tools.length).toBe(8);
    expect(stderr.join('')).not.toContain('internal error');
  });
});

describe('archmap mcp --allow-write', () => {
  it('writes only under the allowed directory and never overwrites without force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'archmap-mcp-w-'));
    await cp(shop, join(dir, 'shop'), { recursive: true });
    const { client } = await connect(dir, ['--allow-write', 'out']);
    try {
      const scanned = await client.callTool({
        name: 'scan',
        arguments: { dir: 'shop', output: 'archmap.json' },
      });
      expect(scanned.isError).toBeFalsy();
      const written = await readFile(join(dir, 'out', 'archmap.json'), 'utf8');
      expectNoCanary(written);
      expect(parseGraph(written).order).toBeGreaterThan(10);

      const again = await client.callTool({
        name: 'scan',
        arguments: { dir: 'shop', output: 'archmap.json' },
      });
      expect(again.isError).toBe(true);
      expect(textOf(again)).toContain('already exists');

      const outside = await client.callTool({
        name: 'scan',
        arguments: { dir: 'shop', output: '../x.json' },
      });
      expect(outside.isError).toBe(true);
      expect(textOf(outside)).toMatch(/output \.\.\/x\.json is outside/);

      await client.callTool({ name: 'propose', arguments: { scenario: 'ha' } });
      const stubs = await client.callTool({ name: 'scaffold', arguments: { output: 'stubs' } });
      expect(stubs.isError).toBeFalsy();
      const files = await readdir(join(dir, 'out', 'stubs'));
      expect(files.some((f) => f.endsWith('.tf'))).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(['out', 'shop']);
    } finally {
      await client.close();
    }
  }, 180_000);
});
