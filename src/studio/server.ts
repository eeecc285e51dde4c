// archmap studio: a loopback HTTP server with a JSON API over the library (scan, diagram, review, impact,
// planners, LLM, generators) and the built single-page UI. No shell-outs; no file paths from requests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { z } from 'zod';
import { costDelta, costReport, costSummary, scenarioLoad } from '../cost/index.js';
import { impact } from '../impact/index.js';
import { generate } from '../index.js';
import { diffGraphs } from '../model/diff.js';
import { ExternalError, UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import { formatZodIssues, serializeGraph } from '../model/io.js';
import type { GeneratedFile } from '../model/plugin.js';
import type { ChangeSet } from '../model/schema.js';
import { bottlenecks, type CapacityConfig } from '../planners/capacity.js';
import { proposeOffline, revise, SCENARIO_NAMES } from '../planners/index.js';
import { describeOp } from '../review/format.js';
import { type Finding, review } from '../review/index.js';

export interface StudioOptions {
  graph: ArchGraph;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Built UI (index.html + assets); default: studio/dist of the package. */
  assetsDir?: string;
  /** Capacity settings from archmap.config.json. */
  capacity?: Partial<CapacityConfig>;
  /** The environment the LLM settings are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Request body limit in bytes (default 1 MiB). */
  maxBody?: number;
  /** Start laying out the diagram right away (default true). */
  warm?: boolean;
  /** Reuse LLM answers from .archmap-cache/ (default true, as in the CLI). */
  llmCache?: boolean;
  /**
   * Host names the studio may be reached by when bound beyond loopback (`--allow-host`). Default: the bound
   * address itself; a wildcard bind (0.0.0.0, ::) must name them.
   */
  allowHosts?: string[];
  /** Diagrams and plans kept (least recently used go first). Default 16. */
  cacheEntries?: number;
  /** Renders waiting behind the one running; more are answered 503 with Retry-After. Default 4. */
  renderQueue?: number;
}

export interface StudioServer {
  url: string;
  server: Server;
  /** The work behind the API (its render count and cache size, for tests). */
  studio: Studio;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopback = (host: string) => LOOPBACK.has(host);

/** The scenario a request asks for: the CLI flags of `archmap propose`, as JSON. */
export const ScenarioRequestSchema = z
  .object({
    scenario: z.enum(SCENARIO_NAMES),
    factor: z.number().positive().max(1_000_000).optional(),
    rps: z.number().positive().optional(),
    mode: z.enum(['active-passive', 'active-active']).optional(),
    regions: z.array(z.string().max(32)).max(8).optional(),
    rpoSeconds: z.number().nonnegative().optional(),
    rtoSeconds: z.number().nonnegative().optional(),
    edge: z.string().max(500).optional(),
  })
  .strict();
export type ScenarioRequest = z.infer<typeof ScenarioRequestSchema>;

const AskSchema = z
  .object({ question: z.string().trim().min(1).max(4000), mode: z.enum(['ask', 'refine']).default('ask') })
  .strict();

export const EXPORT_FORMATS = ['svg', 'png', 'd2', 'mermaid', 'terraform', 'design'] as const;
const ExportSchema = z
  .object({ format: z.enum(EXPORT_FORMATS), scenario: ScenarioRequestSchema.optional() })
  .strict();

const DiagramQuerySchema = z
  .object({
    diff: z.enum(['0', '1']).optional(),
    scenario: z.enum(SCENARIO_NAMES).optional(),
    factor: z.coerce.number().positive().max(1_000_000).optional(),
  })
  .strict();

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** The package's built UI: studio/dist next to src/ (tsx) or dist/src/ (built). */
export function defaultAssetsDir(): string | undefined {
  for (const rel of ['../../studio/dist/', '../../../studio/dist/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

/** Every file of the built UI, read once, keyed by URL path: requests can only name these. */
function loadAssets(dir: string | undefined): Map<string, { body: Buffer; type: string }> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  if (!dir || !existsSync(dir)) return assets;
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else
        assets.set(`/${rel}`, {
          body: readFileSync(join(dir, rel)),
          type: CONTENT_TYPES[extname(entry.name)] ?? 'application/octet-stream',
        });
    }
  };
  walk('');
  return assets;
}

interface Plan {
  changeset: ChangeSet;
  revised: ArchGraph;
  diff: ArchGraph;
}

/**
 * The studio's work, over one graph. D2 layout is slow and large, so diagrams are rendered one at a time through
 * a short queue (more waiting renders are refused with 503) and kept in a small LRU cache: any web page can make
 * a browser send GETs, and each distinct one must not cost memory forever.
 */
export class Studio {
  readonly findings: Finding[];
  private readonly cache: LRUCache<string, Promise<unknown>>;
  private readonly renders = pLimit(1);
  private readonly renderQueue: number;
  /** Renders actually run (for tests and the figures in BENCHMARKS.md). */
  rendered = 0;

  constructor(
    readonly graph: ArchGraph,
    private readonly options: Pick<
      StudioOptions,
      'capacity' | 'env' | 'llmCache' | 'cacheEntries' | 'renderQueue'
    > = {},
  ) {
    this.findings = review(graph).findings;
    this.cache = new LRUCache({ max: options.cacheEntries ?? 16 });
    this.renderQueue = options.renderQueue ?? 4;
  }

  /** Entries cached now (at most `cacheEntries`). */
  get cached(): number {
    return this.cache.size;
  }

  private memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.cache.set(key, p);
      p.catch(() => {
        if (this.cache.peek(key) === p) this.cache.delete(key);
      });
    }
    return p;
  }

  plan(request: ScenarioRequest): Plan {
    const { scenario, ...options } = request;
    const changeset = proposeOffline(this.graph, scenario, {
      ...options,
      capacity: this.options.capacity ?? {},
    });
    // The bill before and after, at the scenario's load (a scale plan's task counts drive it).
    const load = scenarioLoad(changeset, options.rps);
    changeset.cost = costSummary(
      costDelta(this.graph, revise(this.graph, changeset), {
        ...load,
        capacity: this.options.capacity ?? {},
      }),
    );
    const revised = revise(this.graph, changeset);
    return { changeset, revised, diff: diffGraphs(this.graph, revised) };
  }

  /** The graph a diagram or export is drawn from: the diff of a scenario, or the graph itself. */
  private view(request?: ScenarioRequest): { key: string; graph: ArchGraph; plan?: Plan } {
    if (!request) return { key: 'base', graph: this.graph };
    const plan = this.plan(request);
    return { key: JSON.stringify(request), graph: plan.diff, plan };
  }

  d2Files(request: ScenarioRequest | undefined, format: 'svg' | 'png' | 'd2'): Promise<GeneratedFile> {
    const key = request ? JSON.stringify(request) : 'base';
    return this.memo(`${format}:${key}`, async () => {
      if (this.renders.pendingCount >= this.renderQueue)
        throw new HttpError(
          503,
          `the studio is busy drawing ${this.renders.activeCount + this.renders.pendingCount} diagrams; try again shortly`,
          {},
          { 'retry-after': '2' },
        );
      return this.renders(() => this.render(request, format));
    });
  }

  private async render(request: ScenarioRequest | undefined, format: 'svg' | 'png' | 'd2') {
    // The scenario is planned only when its turn comes, so waiting requests hold no graphs.
    const { graph } = this.view(request);
    this.rendered++;
    const files = await generate('d2', graph, {
      formats: [format],
      name: 'archmap',
      showChanges: request !== undefined,
    });
    const file = files.find((f) => f.path.endsWith(`.${format}`));
    if (!file) throw new Error(`the d2 generator produced no .${format}`);
    return file;
  }

  /** A node of the graph, or of a scenario's revised graph (so added nodes can be inspected too). */
  node(id: string, request?: ScenarioRequest) {
    const graph = request ? this.plan(request).revised : this.graph;
    const node = resolveNode(graph, id);
    if (!node) return undefined;
    const findings = request ? review(graph).findings : this.findings;
    const load = scenarioLoad(request ? graph.changeset : undefined, request?.rps);
    const cost = costReport(graph, { ...load, capacity: this.options.capacity ?? {} }).nodes.find(
      (c) => c.node === node.id,
    );
    let impactReport: ReturnType<typeof impact> | undefined;
    try {
      impactReport = impact(graph, node.id);
    } catch {
      impactReport = undefined;
    }
    return {
      node,
      edges: {
        out: graph.outEdges(node.id).map((e) => ({ id: e.id, to: e.to, kind: e.kind, label: e.label })),
        in: graph.inEdges(node.id).map((e) => ({ id: e.id, from: e.from, kind: e.kind, label: e.label })),
      },
      findings: findings
        .filter((f) => f.nodes.includes(node.id))
        .map((f) => ({
          ruleId: f.ruleId,
          title: f.title,
          severity: f.severity,
          pillar: f.pillar,
          message: f.message,
          why: f.why,
        })),
      impact: impactReport,
      cost,
    };
  }

  async propose(request: ScenarioRequest) {
    const plan = this.plan(request);
    const svg = await this.d2Files(request, 'svg');
    return { ...summarise(plan.changeset), svg: String(svg.contents) };
  }

  private async llmSettings() {
    const env = this.options.env ?? process.env;
    if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL)
      throw new HttpError(
        503,
        'The LLM is not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as Ollama), then restart archmap serve. Scenarios, diagrams and exports work offline.',
        { offline: true },
      );
    const { loadLlmSettings } = await import('../llm/index.js');
    try {
      return await loadLlmSettings({ env, cache: this.options.llmCache ?? true, shareAccountIds: false });
    } catch (error) {
      if (error instanceof UsageError)
        throw new HttpError(
          503,
          `${error.message}${error.location.hint ? ` (${error.location.hint})` : ''}`,
          { offline: true },
        );
      throw error;
    }
  }

  async ask(body: z.infer<typeof AskSchema>) {
    const settings = await this.llmSettings();
    const llm = await import('../llm/index.js');
    if (body.mode === 'refine') {
      const run = await llm.refineWithLlm(this.graph, body.question, settings);
      const revised = revise(this.graph, run.result);
      const diff = diffGraphs(this.graph, revised);
      const [svg] = await generate('d2', diff, { formats: ['svg'], name: 'archmap', showChanges: true });
      return { mode: 'refine', ...summarise(run.result), svg: String(svg?.contents ?? '') };
    }
    const run = await llm.askLlm(this.graph, body.question, settings);
    return { mode: 'ask', ...run.result };
  }

  async export(format: (typeof EXPORT_FORMATS)[number], request?: ScenarioRequest) {
    const suffix = request ? `-${request.scenario}` : '';
    const { graph, plan } = this.view(request);
    switch (format) {
      case 'svg':
      case 'png':
      case 'd2': {
        const file = await this.d2Files(request, format);
        return {
          name: `archmap${suffix}.${format}`,
          type: CONTENT_TYPES[`.${format}`] ?? 'text/plain',
          body: file.contents,
        };
      }
      case 'mermaid': {
        const [file] = await generate('mermaid', graph, { name: 'archmap' });
        return {
          name: `archmap${suffix}.mmd`,
          type: 'text/plain; charset=utf-8',
          body: file?.contents ?? '',
        };
      }
      case 'terraform': {
        const files = await generate('terraform', plan?.revised ?? this.graph, {});
        const entries: Record<string, Uint8Array> = {};
        for (const f of files)
          entries[f.path] =
            typeof f.contents === 'string' ? new TextEncoder().encode(f.contents) : f.contents;
        // Fixed timestamps: the same design zips to the same bytes.
        const zip = zipSync(entries, { mtime: new Date('2000-01-01T00:00:00Z') });
        return { name: `archmap${suffix}-terraform.zip`, type: 'application/zip', body: zip };
      }
      case 'design': {
        const [doc] = await generate('docs', plan?.revised ?? this.graph, {
          base: this.graph,
          format: 'markdown',
          name: 'design',
        });
        return {
          name: `design${suffix}.md`,
          type: 'text/markdown; charset=utf-8',
          body: doc?.contents ?? '',
        };
      }
    }
  }
}

/** A node id, or a D2 key of an aggregated node (`aws_ecr_repository.service[*]` → its first instance). */
function resolveNode(graph: ArchGraph, id: string) {
  if (graph.hasNode(id)) return graph.node(id);
  if (id.endsWith('[*]')) {
    const prefix = id.slice(0, -3);
    const first = graph
      .nodes()
      .map((n) => n.id)
      .filter((n) => n.startsWith(`${prefix}[`))
      .sort()[0];
    if (first) return graph.node(first);
  }
  return undefined;
}

function summarise(changeset: ChangeSet) {
  const hot = bottlenecks({ entryPoints: [], loads: {}, rows: changeset.capacity, notes: [] });
  return {
    title: changeset.title,
    summary: changeset.summary,
    scenario: changeset.scenario,
    changes: changeset.ops.map((op) => ({ op: op.op, description: describeOp(op), rationale: op.rationale })),
    capacity: changeset.capacity,
    bottlenecks: hot.map((r) => r.node),
    tradeoffs: changeset.tradeoffs,
    risks: changeset.risks,
    cost: changeset.cost,
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, 'the request body must be JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, `${what}: ${formatZodIssues(parsed.error).join('; ')}`);
  return parsed.data;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Origins a request may come from: the server's own, under each loopback name when bound to loopback, else
 * under each allowed host name.
 */
function allowedOrigins(host: string, port: number, allowHosts: string[] | undefined): Set<string> {
  const names = isLoopback(host)
    ? ['127.0.0.1', 'localhost', '[::1]']
    : (allowHosts ?? [host]).map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h));
  return new Set(names.map((n) => `http://${n.toLowerCase()}:${port}`));
}

/**
 * Starts archmap studio.
 * @example
 * const studio = await startStudio({ graph, port: 0 });
 * console.log(studio.url);
 * await studio.close();
 */
export async function startStudio(options: StudioOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  if (WILDCARD.has(host) && !options.allowHosts?.length)
    throw new UsageError(`--host ${host} listens on every address, so the studio cannot tell its own name`, {
      hint: 'name the host names it will be reached by with --allow-host NAME (repeatable)',
    });
  const limit = options.maxBody ?? 1024 * 1024;
  const studio = new Studio(options.graph, options);
  const assets = loadAssets(options.assetsDir ?? defaultAssetsDir());
  let origins = new Set<string>();
  let hosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const method = req.method ?? 'GET';
    // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach the API.
    // Bound elsewhere (--host), the names it is reached by are unknown: same-origin is Origin = Host.
    // Beyond loopback, only the names given with --allow-host (or the bound address) are this server.
    const requestHost = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(requestHost))
      throw new HttpError(403, `host ${req.headers.host ?? '(none)'} is not this server`);
    const origin = req.headers.origin;
    if (method === 'POST') {
      if (!origin || !origins.has(origin))
        throw new HttpError(403, `origin ${origin ?? '(none)'} may not post to this server`);
    } else if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD, POST');
      throw new HttpError(405, `${method} is not supported`);
    }
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      const post = method === 'POST';
      // Any page can make a browser GET an API URL (an <img> needs no CORS): costly GETs are served only to
      // this server's own pages, or to a request no browser sent on another site's behalf.
      const site = req.headers['sec-fetch-site'];
      if (!post && ((origin && !origins.has(origin)) || site === 'cross-site' || site === 'same-site'))
        throw new HttpError(403, `${path} is not served to other sites (origin ${origin ?? site})`);
      if (path === '/api/graph' && !post) {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(serializeGraph(studio.graph));
        return;
      }
      if (path === '/api/diagram.svg' && !post) {
        const q = parse(DiagramQuerySchema, Object.fromEntries(url.searchParams), 'query');
        if (q.diff === '1' && !q.scenario) throw new HttpError(400, 'diff=1 needs a scenario');
        const request = q.scenario
          ? { scenario: q.scenario, ...(q.factor ? { factor: q.factor } : {}) }
          : undefined;
        const file = await studio.d2Files(request, 'svg');
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
        res.end(file.contents);
        return;
      }
      if (path.startsWith('/api/node/') && !post) {
        let id: string;
        try {
          id = decodeURIComponent(path.slice('/api/node/'.length));
        } catch {
          throw new HttpError(400, 'the node id is not valid percent-encoding');
        }
        const q = parse(DiagramQuerySchema, Object.fromEntries(url.searchParams), 'query');
        const details = studio.node(
          id,
          q.scenario ? { scenario: q.scenario, ...(q.factor ? { factor: q.factor } : {}) } : undefined,
        );
        if (!details) throw new HttpError(404, `no node ${JSON.stringify(id)} in the graph`);
        sendJson(res, 200, details);
        return;
      }
      if (path === '/api/propose' && post) {
        const body = parse(ScenarioRequestSchema, await readJson(req, limit), 'propose');
        sendJson(res, 200, await studio.propose(body));
        return;
      }
      if (path === '/api/ask' && post) {
        const body = parse(AskSchema, await readJson(req, limit), 'ask');
        sendJson(res, 200, await studio.ask(body));
        return;
      }
      if (path === '/api/export' && post) {
        const body = parse(ExportSchema, await readJson(req, limit), 'export');
        const file = await studio.export(body.format, body.scenario);
        res.writeHead(200, {
          'content-type': file.type,
          'content-disposition': `attachment; filename="${file.name}"`,
          'cache-control': 'no-store',
        });
        res.end(file.body);
        return;
      }
      const known = ['/api/graph', '/api/diagram.svg', '/api/propose', '/api/ask', '/api/export'];
      if (known.includes(path) || path.startsWith('/api/node/')) {
        res.setHeader(
          'allow',
          ['/api/propose', '/api/ask', '/api/export'].includes(path) ? 'POST' : 'GET, HEAD',
        );
        throw new HttpError(405, `${method} ${path} is not supported`);
      }
      throw new HttpError(404, `no API ${path}`);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} ${path} is not supported`);
    const asset = assets.get(path === '/' ? '/index.html' : path);
    if (!asset) {
      if (path === '/' || path === '/index.html')
        throw new HttpError(503, 'the studio UI is not built: run `npm run build:studio`');
      throw new HttpError(404, `no file ${path}`);
    }
    res.writeHead(200, {
      'content-type': asset.type,
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    });
    res.end(method === 'HEAD' ? undefined : asset.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
        sendJson(res, error.status, { error: error.message, ...error.extra });
      } else if (error instanceof UsageError)
        sendJson(res, 400, {
          error: error.message,
          ...(error.location.hint ? { hint: error.location.hint } : {}),
        });
      else if (error instanceof ExternalError) sendJson(res, 502, { error: error.message });
      else sendJson(res, 500, { error: `internal error: ${(error as Error).message}` });
      // A body that was refused is not read to the end; close the connection.
      if (error instanceof HttpError && error.status === 413) req.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ExternalError(`cannot listen on ${host}:${options.port ?? 0} (${error.code ?? error.message})`, {
          hint: error.code === 'EADDRINUSE' ? 'use another --port, or --port 0 for any free port' : undefined,
        }),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(host, port, options.allowHosts);
  hosts = new Set([...origins].map((o) => o.slice('http://'.length)));
  const shown = host.includes(':') ? `[${host}]` : host;
  // Start the slow first layout now, so the page gets it sooner.
  if (options.warm !== false) studio.d2Files(undefined, 'svg').catch(() => undefined);
  return {
    url: `http://${shown}:${port}/`,
    server,
    studio,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
