// The studio pushed around by other web pages: distinct diagram GETs (which any page can send through <img>
// tags) must not render concurrently or be cached forever, costly GETs from another site are refused, and beyond
// loopback only the allowed host names are served.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import type { ArchGraph } from '../../src/model/graph.js';
import { parseGraph } from '../../src/model/io.js';
import { Studio, type StudioServer, startStudio } from '../../src/studio/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let graph: ArchGraph;
let running: StudioServer | undefined;

beforeAll(async () => {
  graph = parseGraph(await readFile(`${root}fixtures/graphs/shop.json`, 'utf8'), 'shop.json');
});
afterEach(async () => {
  await running?.close();
  running = undefined;
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request to `base`, with exactly the headers given (fetch cannot set Host). */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{"scenario":"bogus"}' : undefined);
  });
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

describe('studio under distinct diagram GETs', () => {
  it('50 distinct diagram GETs at once: one render at a time, a short queue, the rest told to retry; memory stays bounded', async () => {
    running = await startStudio({ graph, env: {}, warm: false, renderQueue: 4, cacheEntries: 8 });
    const base = running.url.replace(/\/$/, '');
    const host = new URL(base).host;
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        raw(base, 'GET', `/api/diagram.svg?scenario=scale&factor=${i + 2}`, {
          host,
          'sec-fetch-site': 'same-origin',
        }),
      ),
    );
    clearInterval(sampler);
    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 503);
    expect(ok.length + busy.length).toBe(50);
    // Only the running render and the 4 queued behind it are drawn.
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(5);
    expect(running.studio.rendered).toBe(ok.length);
    for (const r of ok) expect(r.body).toMatch(/^<\?xml|^<svg/);
    for (const r of busy) {
      expect(r.headers['retry-after']).toBe('2');
      expect(JSON.parse(r.body).error).toMatch(/busy/);
    }
    expect(running.studio.cached).toBeLessThanOrEqual(8);
    // The figure for BENCHMARKS.md (### Hostile input): resident memory of this process across the 50 GETs.
    console.log(
      `studio, 50 distinct diagram GETs: ${ok.length} rendered, ${busy.length} refused with 503; rss ${mb(before)} MB before, peak ${mb(peak)} MB (+${mb(peak - before)} MB)`,
    );
    expect(peak - before).toBeLessThan(512 * 1024 * 1024);
  }, 600_000);

  it('keeps at most `cacheEntries` diagrams: 50 distinct ones drawn one after another leave 8 cached', async () => {
    const studio = new Studio(graph, { cacheEntries: 8 });
    for (let factor = 2; factor < 52; factor++) await studio.d2Files({ scenario: 'scale', factor }, 'd2');
    expect(studio.rendered).toBe(50);
    expect(studio.cached).toBe(8);
    // The most recent is still served from the cache, the first was evicted and is drawn again.
    await studio.d2Files({ scenario: 'scale', factor: 51 }, 'd2');
    expect(studio.rendered).toBe(50);
    await studio.d2Files({ scenario: 'scale', factor: 2 }, 'd2');
    expect(studio.rendered).toBe(51);
  }, 300_000);
});

describe('studio and other sites', () => {
  it('refuses costly GETs from a foreign Origin or a cross-site fetch, and still serves its own pages', async () => {
    running = await startStudio({ graph, env: {}, warm: false });
    const base = running.url.replace(/\/$/, '');
    const host = new URL(base).host;
    const costly = [
      '/api/diagram.svg',
      '/api/diagram.svg?scenario=ha',
      '/api/graph',
      '/api/node/aws_sqs_queue.orders',
    ];
    for (const path of costly) {
      const foreign = await raw(base, 'GET', path, { host, origin: 'http://evil.example' });
      expect(foreign.status, `${path} with a foreign Origin`).toBe(403);
      expect(JSON.parse(foreign.body).error).toMatch(/not served to other sites/);
      // An <img src> on another site sends no Origin, but the browser says where it came from.
      for (const site of ['cross-site', 'same-site']) {
        const r = await raw(base, 'GET', path, { host, 'sec-fetch-site': site });
        expect(r.status, `${path} from ${site}`).toBe(403);
      }
    }
    expect(running.studio.rendered).toBe(0);
    const own = await raw(base, 'GET', '/api/node/aws_sqs_queue.orders', {
      host,
      origin: base,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    // Typed into the address bar: no Origin, Sec-Fetch-Site none.
    expect((await raw(base, 'GET', '/api/graph', { host, 'sec-fetch-site': 'none' })).status).toBe(200);
  }, 120_000);
});

describe('studio beyond loopback', () => {
  it('serves only the names given with allowHosts, refusing a foreign Host even with a matching Origin', async () => {
    // 127.0.0.2 is not a loopback name the studio knows, so it is treated like a LAN address.
    running = await startStudio({
      graph,
      host: '127.0.0.2',
      allowHosts: ['studio.lan'],
      env: {},
      warm: false,
    });
    const base = running.url.replace(/\/$/, '');
    const port = new URL(base).port;
    const named = `studio.lan:${port}`;
    expect((await raw(base, 'GET', '/api/graph', { host: named })).status).toBe(200);
    expect(
      (
        await raw(base, 'POST', '/api/propose', {
          host: named,
          origin: `http://${named}`,
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(400); // past the checks: the body names no scenario
    // DNS rebinding: a foreign name resolving to this address, Host and Origin agreeing with each other.
    const evil = `evil.example:${port}`;
    const headers = { host: evil, origin: `http://${evil}`, 'content-type': 'application/json' };
    expect((await raw(base, 'POST', '/api/propose', headers)).status).toBe(403);
    expect((await raw(base, 'GET', '/api/graph', headers)).status).toBe(403);
    // The bound address itself is not among the allowed names here.
    expect((await raw(base, 'GET', '/api/graph', { host: `127.0.0.2:${port}` })).status).toBe(403);
  });

  it('refuses a wildcard bind without allowHosts', async () => {
    await expect(startStudio({ graph, host: '0.0.0.0', env: {}, warm: false })).rejects.toThrow(UsageError);
  });
});
