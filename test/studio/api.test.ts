// The studio's JSON API over real HTTP: validation, origin and host checks, no traversal, no state-changing GET.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchGraph } from '../../src/model/graph.js';
import { parseGraph } from '../../src/model/io.js';
import { type StudioServer, startStudio } from '../../src/studio/server.js';
import { bufferChangeSet } from '../llm/support.js';
import { startOpenAiServer } from '../support/openai-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let graph: ArchGraph;
let studio: StudioServer;
let origin: string;

/** A raw request, so paths like `/../x` reach the server unnormalised and headers are exactly what we set. */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(studio.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  raw('POST', path, {
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const json = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  graph = parseGraph(await readFile(`${root}fixtures/graphs/shop.json`, 'utf8'), 'shop.json');
  const assets = await mkdtemp(join(tmpdir(), 'archmap-studio-'));
  await writeFile(join(assets, 'index.html'), '<!doctype html><title>studio</title>');
  studio = await startStudio({ graph, assetsDir: assets, env: {}, warm: false, maxBody: 64 * 1024 });
  origin = studio.url.replace(/\/$/, '');
});

afterAll(async () => {
  await studio?.close();
});

describe('archmap studio API', () => {
  it('binds to loopback by default and serves the page', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await raw('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<title>studio</title>');
  });

  it('GET /api/graph returns the whole graph', async () => {
    const body = json(await raw('GET', '/api/graph'));
    expect((body.nodes as unknown[]).length).toBe(graph.order);
    expect((body.edges as unknown[]).length).toBe(graph.size);
  });

  it('GET /api/node/:id gives kind, props, provenance, findings and impact if it fails', async () => {
    const r = await raw('GET', `/api/node/${encodeURIComponent('aws_db_instance.orders')}`);
    expect(r.status).toBe(200);
    const body = json(r) as {
      node: {
        kind: string;
        props: Record<string, unknown>;
        sources: Array<{ file?: string; line?: number }>;
      };
      findings: Array<{ ruleId: string }>;
      impact: { node: string; brokenEntryPoints: string[] };
    };
    expect(body.node.kind).toBe('database');
    expect(body.node.props.engine).toBe('postgres');
    expect(body.node.sources).toContainEqual(expect.objectContaining({ file: 'infra/data.tf', line: 15 }));
    expect(body.findings.length).toBeGreaterThan(0);
    expect(body.impact.node).toBe('aws_db_instance.orders');
    expect(body.impact.brokenEntryPoints.length).toBeGreaterThan(0);
  });

  it('resolves an aggregated D2 key (`…[*]`) to its first instance and 404s unknown ids', async () => {
    const agg = json(
      await raw('GET', `/api/node/${encodeURIComponent('aws_ecr_repository.service[*]')}`),
    ) as {
      node: { id: string };
    };
    expect(agg.node.id).toMatch(/^aws_ecr_repository\.service\[/);
    expect((await raw('GET', '/api/node/%E0%A4%A')).status).toBe(400);
    const r = await raw('GET', '/api/node/aws_nothing.here');
    expect(r.status).toBe(404);
    expect(json(r).error).toContain('aws_nothing.here');
  });

  it('GET /api/node/:id?scenario=… finds nodes the scenario adds', async () => {
    const id = encodeURIComponent('aws_appautoscaling_target.api');
    expect((await raw('GET', `/api/node/${id}`)).status).toBe(404);
    const r = await raw('GET', `/api/node/${id}?scenario=scale&factor=10`);
    expect(r.status).toBe(200);
    expect((json(r) as { edges: { out: Array<{ to: string }> } }).edges.out.map((e) => e.to)).toContain(
      'aws_ecs_service.api',
    );
  });

  it('rejects POSTs without the server’s own Origin (403)', async () => {
    const none = await raw('POST', '/api/propose', {
      headers: { 'content-type': 'application/json' },
      body: '{"scenario":"ha"}',
    });
    expect(none.status).toBe(403);
    const foreign = await post('/api/propose', { scenario: 'ha' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(json(foreign).error).toContain('evil.example');
    const otherPort = await post('/api/export', { format: 'd2' }, { origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
  });

  it('rejects a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await raw('GET', '/api/graph', { headers: { host: 'evil.example' } });
    expect(r.status).toBe(403);
  });

  it('answers a bad JSON body with 400 and a message', async () => {
    const r = await post('/api/propose', '{"scenario": ');
    expect(r.status).toBe(400);
    expect(json(r).error).toMatch(/not valid JSON/);
  });

  it('validates bodies with zod: unknown scenario, bad factor, extra keys, wrong content type', async () => {
    const bogus = await post('/api/propose', { scenario: 'bogus' });
    expect(bogus.status).toBe(400);
    expect(json(bogus).error).toMatch(/scenario/);
    const factor = await post('/api/propose', { scenario: 'scale', factor: -3 });
    expect(factor.status).toBe(400);
    expect(json(factor).error).toMatch(/factor/);
    const extra = await post('/api/export', { format: 'svg', path: '/etc/passwd' });
    expect(extra.status).toBe(400);
    const format = await post('/api/export', { format: 'exe' });
    expect(format.status).toBe(400);
    const form = await raw('POST', '/api/ask', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: 'question=hi',
    });
    expect(form.status).toBe(415);
  });

  it('refuses bodies over the size limit (413)', async () => {
    const r = await post('/api/ask', { question: 'x'.repeat(100 * 1024) });
    expect(r.status).toBe(413);
  });

  it('has no state-changing GET: POST endpoints answer GET with 405, other methods are refused', async () => {
    for (const path of ['/api/propose', '/api/ask', '/api/export', '/api/export?format=png'])
      expect((await raw('GET', path)).status, path).toBe(405);
    expect((await raw('DELETE', '/api/graph', { headers: { origin } })).status).toBe(405);
    expect((await raw('PUT', '/api/propose', { headers: { origin } })).status).toBe(405);
  });

  it('serves only the built files: no path traversal', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '//etc/passwd',
      '/index.html/../../package.json',
    ]) {
      const r = await raw('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toContain('"dependencies"');
    }
    expect((await raw('GET', '/api/diagram.svg?file=../../package.json')).status).toBe(400);
  });

  it('answers ask with a clear offline message (503) when the LLM is not configured', async () => {
    const r = await post('/api/ask', { question: 'what breaks if the orders database fails?' });
    expect(r.status).toBe(503);
    const body = json(r);
    expect(body.offline).toBe(true);
    expect(body.error).toMatch(/OPENAI_API_KEY/);
  });

  it('exports Mermaid, a Terraform zip and design.md as downloads', async () => {
    const mmd = await post('/api/export', { format: 'mermaid' });
    expect(mmd.status).toBe(200);
    expect(mmd.headers['content-disposition']).toBe('attachment; filename="archmap.mmd"');
    expect(mmd.body.toString()).toMatch(/^(flowchart|graph)/m);

    const tf = await post('/api/export', { format: 'terraform', scenario: { scenario: 'ha' } });
    expect(tf.status).toBe(200);
    expect(tf.headers['content-type']).toBe('application/zip');
    expect(tf.body.subarray(0, 2).toString()).toBe('PK');
    const files = Object.keys(unzipSync(new Uint8Array(tf.body)));
    expect(files.some((f) => f.endsWith('.tf'))).toBe(true);

    const design = await post('/api/export', { format: 'design', scenario: { scenario: 'ha' } });
    expect(design.status).toBe(200);
    expect(design.headers['content-disposition']).toContain('design-ha.md');
    expect(design.body.toString()).toMatch(/^# /m);
  });

  it('POST /api/propose plans scale ×10: changes, capacity rows with bottlenecks, and a diff SVG', {
    timeout: 420_000,
  }, async () => {
    const r = await post('/api/propose', { scenario: 'scale', factor: 10 });
    expect(r.status).toBe(200);
    const body = json(r) as {
      changes: Array<{ description: string }>;
      capacity: Array<{ node: string; headroom: number | null }>;
      bottlenecks: string[];
      svg: string;
    };
    expect(body.changes.length).toBeGreaterThan(0);
    expect(body.capacity.length).toBeGreaterThan(0);
    expect(body.bottlenecks.length).toBeGreaterThan(0);
    expect(body.svg).toMatch(/^<\?xml|<svg/);
    expect(body.svg).toMatch(/Added|Modified/);
  });

  it('answers ask and refine through the configured LLM (citations with provenance; a refined diff)', {
    timeout: 300_000,
  }, async () => {
    const llm = await startOpenAiServer();
    const withLlm = await startStudio({
      graph,
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'gpt-test' },
      warm: false,
      llmCache: false,
    });
    try {
      llm.script({
        content: {
          answer: 'Orders stop: the API waits on the database.',
          citations: [{ id: 'aws_db_instance.orders' }],
        },
      });
      const res = await fetch(`${withLlm.url}api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: withLlm.url.replace(/\/$/, '') },
        body: JSON.stringify({ question: 'what breaks if the orders database fails?' }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        answer: string;
        citations: Array<{ id: string; provenance: string[] }>;
      };
      expect(body.answer).toContain('Orders stop');
      expect(body.citations[0]?.id).toBe('aws_db_instance.orders');
      expect(body.citations[0]?.provenance).toContain('infra/data.tf:15');
      expect(llm.requests).toHaveLength(1);

      llm.script({ content: bufferChangeSet });
      const refined = await fetch(`${withLlm.url}api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: withLlm.url.replace(/\/$/, '') },
        body: JSON.stringify({ question: 'buffer order writes with a queue', mode: 'refine' }),
      });
      expect(refined.status).toBe(200);
      const plan = (await refined.json()) as {
        title: string;
        changes: Array<{ description: string }>;
        svg: string;
      };
      expect(plan.title).toBe('Buffer order writes');
      expect(plan.changes.map((c) => c.description).join('\n')).toContain('aws_sqs_queue.orders_buffer');
      expect(plan.svg).toContain('orders_buffer');
    } finally {
      await withLlm.close();
      await llm.close();
    }
  });

  it('bound beyond loopback (--host), accepts POSTs only from the origin of the Host it was reached by', async () => {
    // 127.0.0.2 is not one of the loopback names the studio knows, so it is treated like a LAN address.
    const lan = await startStudio({ graph, host: '127.0.0.2', env: {}, warm: false });
    try {
      const base = lan.url.replace(/\/$/, '');
      const send = (origin: string) =>
        fetch(`${base}/api/propose`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: '{"scenario":"bogus"}',
        });
      expect((await send(base)).status).toBe(400);
      expect((await send('http://evil.example')).status).toBe(403);
      expect((await fetch(`${base}/api/graph`)).status).toBe(200);
    } finally {
      await lan.close();
    }
  });
});
