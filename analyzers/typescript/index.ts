// The TypeScript analyzer: services (workspace packages, Dockerfile folders, serverless functions, Lambda
// handlers) and what each one uses — AWS SDK commands, datastores, brokers, HTTP calls — plus routes and env reads.
// Syntax only (ts-morph over the compiler AST); docker-compose maps hostnames and ports to services.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import { UsageError } from '../../src/model/errors.js';
import { edgeId } from '../../src/model/graph.js';
import type { EdgeKind } from '../../src/model/kinds.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import type { ArchEdge, ArchNode, Diagnostic, PartialGraph, Source } from '../../src/model/schema.js';
import { type ComposeService, readCompose } from './compose.js';
import { discover, type LambdaHint, type ServiceUnit } from './discover.js';
import { Extractor, type FileFacts, mayMatter, type Usage } from './extract.js';
import { unreachedRanges } from './reach.js';
import { Resolver } from './resolve.js';
import { type ComposeIndex, composeInfraNode, resolveTarget } from './targets.js';

export interface TypeScriptOptions {
  /** Directory to scan. */
  dir: string;
  /** Lambda functions declared elsewhere (Terraform): their handler and the paths their code comes from. */
  handlers?: LambdaHint[];
}

export type { LambdaHint } from './discover.js';

const ANALYZER = 'typescript';

export default defineAnalyzer<TypeScriptOptions>({
  id: ANALYZER,
  description:
    'services and their calls from TypeScript/JavaScript code, package.json, Dockerfiles and docker-compose',
  async detect(dir) {
    const { existsSync } = await import('node:fs');
    return ['package.json', 'tsconfig.json', 'docker-compose.yml', 'compose.yml'].some((f) =>
      existsSync(join(dir, f)),
    );
  },
  async analyze(options, ctx) {
    const dir = resolve(options.dir);
    const { existsSync, statSync } = await import('node:fs');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`${options.dir}: not a directory`, {
        hint: 'pass the repository or service folder',
      });
    }
    return analyzeCode(dir, options.handlers ?? [], ctx.root ? resolve(ctx.root) : dir, ctx.progress);
  },
});

async function analyzeCode(
  dir: string,
  hints: LambdaHint[],
  root: string,
  progress: import('../../src/model/plugin.js').Progress,
): Promise<PartialGraph> {
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const diagnostics: Diagnostic[] = [];
  const absHints = hints.map((h) => ({
    ...h,
    paths: h.paths.map((p) => (isAbsolute(p) ? p : resolve(root, p))),
  }));
  const found = discover(dir, absHints, diagnostics, root);

  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, noLib: true, experimentalDecorators: true },
  });
  const packages = new Map(
    found.packages.map((p) => [p.name, { dir: p.dir, ...(p.entry ? { entry: p.entry } : {}) }]),
  );
  const resolver = new Resolver(project, packages, root);
  const extractor = new Extractor(resolver, rel);

  // docker-compose: which unit each compose service builds, and the env each unit runs with.
  const composeServices: ComposeService[] = [];
  for (const f of found.composeFiles) composeServices.push(...readCompose(f, rel(f), diagnostics).services);
  const index: ComposeIndex = { byName: new Map(), byHostPort: new Map(), nodeId: new Map() };
  const unitEnv = new Map<string, Record<string, string>>();
  const unitCompose = new Map<string, ComposeService>();
  for (const svc of composeServices) {
    index.byName.set(svc.name, svc);
    for (const p of svc.ports) if (p.host) index.byHostPort.set(p.host, svc);
    const unit =
      (svc.dockerfileDir ? found.units.find((u) => u.dir === svc.dockerfileDir) : undefined) ??
      (svc.buildDir ? found.units.find((u) => u.dir === svc.buildDir) : undefined);
    if (unit) {
      index.nodeId.set(svc.name, unit.id);
      unitEnv.set(unit.id, svc.environment);
      unitCompose.set(unit.id, svc);
    }
  }

  const nodes = new Map<string, ArchNode>();
  const edges = new Map<string, ArchEdge>();
  const src = (file: string, line?: number): Source => ({
    analyzer: ANALYZER,
    file,
    ...(line ? { line } : {}),
  });
  const addNode = (n: Omit<ArchNode, 'sources'>, source: Source) => {
    const prev = nodes.get(n.id);
    if (prev) prev.sources.push(source);
    else nodes.set(n.id, { ...n, sources: [source] });
  };

  for (const svc of composeServices) {
    if (index.nodeId.has(svc.name)) continue;
    addNode(composeInfraNode(svc), src(svc.file, svc.line));
  }

  const prismaEnv = prismaDatasourceEnv(found.prismaSchemas);
  const clientExports = new Set<string>();
  const total = found.units.reduce((n, u) => n + u.files.length, 0);
  progress.start('code', total);
  for (const unit of found.units) {
    // A service's code includes the workspace libraries it depends on: a shared client wrapper's calls are its calls.
    // A handler's import graph already walks into the libraries it uses; a service takes the library code its own
    // files reach (so a publisher in a shared package is the publisher's importers', not every dependant's).
    const libNames = [...found.libraries.keys()].filter((name) => unit.pkg?.deps.has(name));
    const libFiles = unit.entryFiles || libNames.length === 0 ? [] : libraryReach(unit, libNames, resolver);
    const facts = collectUnitFacts(unit, resolver, extractor, progress, libFiles, clientExports);
    const env = unitEnv.get(unit.id) ?? {};
    const compose = unitCompose.get(unit.id);
    const envReads = new Set<string>();
    const routes = new Set<string>(unit.routes);
    const frameworks = new Set<string>();
    const usages: Usage[] = [];
    const clients: FileFacts['clients'] = [];
    const nestClients: FileFacts['nestClients'] = [];
    const nestServers: FileFacts['nestServers'] = [];
    const patterns: FileFacts['patterns'] = [];
    const routeEntries: FileFacts['routes'] = [];
    const mounts = new Map<string, FileFacts['mounts'][number]>();
    for (const f of facts) {
      for (const e of f.envReads) envReads.add(e);
      routeEntries.push(...f.routes);
      for (const m of f.mounts) mounts.set(m.router, m);
      for (const fw of f.frameworks) frameworks.add(fw);
      usages.push(...f.usages);
      clients.push(...f.clients);
      nestClients.push(...f.nestClients);
      nestServers.push(...f.nestServers);
      patterns.push(...f.patterns);
    }
    for (const r of routeEntries) routes.add(withPrefix(r.route, r.router, mounts));
    // NestJS microservices: each @EventPattern/@MessagePattern consumes from the broker the unit listens on.
    const server = nestServers[0];
    for (const p of patterns) {
      if (!server) continue;
      usages.push({
        kind: 'consumes',
        target: { type: 'tech', lib: server.lib, value: server.value },
        file: p.file,
        line: p.line,
        op: 'EventPattern',
        channel: p.pattern,
      });
    }
    const prisma = prismaEnv.get(unit.dir);
    if (prisma && usages.some((u) => u.target.type === 'tech' && u.target.lib.id === 'prisma'))
      envReads.add(prisma);
    const framework = ['nestjs', 'fastify', 'hono', 'koa', 'express'].find((f) => frameworks.has(f));
    // A package built around Lambda handler types and no server framework is a function.
    const lambdaDeps = ['@types/aws-lambda', 'aws-lambda', '@middy/core', 'aws-lambda-powertools'];
    const browser = unit.kind === 'service' && !framework && isBrowserApp(unit);
    const kind = browser
      ? 'client'
      : unit.kind === 'service' && !framework && lambdaDeps.some((d) => unit.pkg?.deps.has(d))
        ? 'function'
        : unit.kind;
    const node: Omit<ArchNode, 'sources'> = {
      id: unit.id,
      kind,
      name: unit.name.replace(/^@[^/]+\//, ''),
      provider: 'code',
      service: browser ? 'browser' : kind === 'function' ? 'handler' : (framework ?? 'nodejs'),
      props: {
        path: rel(unit.dir) || '.',
        ...(framework ? { framework } : {}),
        ...(routes.size ? { routes: [...routes].sort() } : {}),
        ...(envReads.size ? { envReads: [...envReads].sort() } : {}),
        ...(unit.dockerfile ? { dockerfile: unit.dockerfile } : {}),
        ...(unit.images?.length ? { images: unit.images } : {}),
        ...(unit.handler !== undefined ? { handler: unit.handler } : {}),
        ...(unit.pkg ? { package: unit.pkg.name } : {}),
        ...(compose
          ? {
              compose: {
                service: compose.name,
                ports: compose.ports.map((p) => (p.host ? `${p.host}:${p.container}` : String(p.container))),
              },
            }
          : {}),
      },
      tags: {},
      ...(compose ? { aliases: [`compose:${compose.name}`] } : {}),
    };
    addNode(node, src(unit.declaredIn, unit.declaredLine));
    if (compose) nodes.get(unit.id)!.sources.push(src(compose.file, compose.line));

    for (const u of usages) {
      let target = u.target;
      if (target.type === 'tech' && target.injected) {
        // An injected client is the unit's own client of that library, when it builds exactly one.
        const lib = target.lib;
        const own = [
          ...new Set(clients.filter((c) => c.lib.id === lib.id).map((c) => JSON.stringify(c.value ?? null))),
        ];
        if (own.length === 1 && own[0] !== 'null') {
          // Its product too: a TypeORM repository on a `type: 'mysql'` data source is MySQL.
          const built = clients.find((c) => c.lib.id === lib.id)!;
          target = { ...target, lib: built.lib, value: JSON.parse(own[0]!) };
        }
      }
      const token = target.type === 'tech' ? target.token : undefined;
      if (token) {
        // A ClientProxy injected by token: the broker its ClientsModule registration names.
        const reg = nestClients.find((c) => c.token === token);
        if (reg) target = { type: 'tech', lib: reg.lib, value: reg.value };
      }
      if (target.type === 'tech' && target.lib.id === 'prisma' && !target.value && prisma) {
        target = { ...target, value: [{ env: prisma }] };
      }
      const r = resolveTarget(target, env, index);
      if (!r) {
        // Merge keeps the infrastructure's guesses for a unit whose code left something unresolved.
        const n = nodes.get(unit.id)!;
        n.props.unresolvedUsages = ((n.props.unresolvedUsages as number | undefined) ?? 0) + 1;
        diagnostics.push({
          severity: 'info',
          code: 'code-target-unresolved',
          analyzer: ANALYZER,
          message: `${unit.name}: could not tell which resource ${u.op ?? u.kind} acts on`,
          file: u.file,
          line: u.line,
          hint: 'use a literal, a const or process.env.X for the resource name or URL',
        });
        continue;
      }
      if (r.node) addNode(r.node, src(u.file, u.line));
      addEdge(edges, unit.id, r.id, u.kind, u, r.protocol, r.env, r.path, r.template);
    }
    // A client that is built but whose calls we cannot classify still shows the dependency.
    for (const c of clients) {
      const r = resolveTarget(
        {
          type: 'tech',
          lib: c.lib,
          value: c.value ?? (prisma && c.lib.id === 'prisma' ? [{ env: prisma }] : undefined),
        },
        env,
        index,
      );
      if (!r) continue;
      const touched = [...edges.values()].some(
        (e) => (e.from === unit.id && e.to === r.id) || (e.to === unit.id && e.from === r.id),
      );
      if (touched) continue;
      if (r.node) addNode(r.node, src(c.file, c.line));
      addEdge(
        edges,
        unit.id,
        r.id,
        'access',
        {
          kind: 'access',
          target: { type: 'tech', lib: c.lib, value: c.value },
          file: c.file,
          line: c.line,
          op: 'connect',
        },
        r.protocol,
        r.env,
        undefined,
      );
    }
  }
  progress.done('code');
  routeBrowserCalls(nodes, edges);

  // compose depends_on that no code edge explains.
  for (const svc of composeServices) {
    const from = index.nodeId.get(svc.name) ?? `compose:${svc.name}`;
    for (const dep of svc.dependsOn) {
      const depSvc = index.byName.get(dep);
      if (!depSvc) continue;
      const to = index.nodeId.get(dep) ?? `compose:${dep}`;
      const linked = [...edges.values()].some(
        (e) => (e.from === from && e.to === to) || (e.from === to && e.to === from),
      );
      if (linked || !nodes.has(from) || !nodes.has(to)) continue;
      const id = edgeId(from, to, 'depends_on');
      edges.set(id, {
        id,
        from,
        to,
        kind: 'depends_on',
        label: 'depends_on',
        sources: [src(svc.file, svc.line)],
      });
    }
  }

  for (const n of nodes.values())
    n.sources.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return { analyzer: ANALYZER, nodes: [...nodes.values()], edges: [...edges.values()], diagnostics };
}

/** `/orders/:id`, `/orders/{id}`, `/orders/[id]`, `/orders/*` → segments with every parameter as `*`. */
function pathSegments(path: string): string[] {
  return path
    .split(/[?#]/)[0]!
    .split('/')
    .filter(Boolean)
    .map((s) => (/^(:|\{|\[|\*)/.test(s) || s.includes('*') ? '*' : s.toLowerCase()));
}

/**
 * How well a call (`GET /api/orders/*`) fits a route (`GET /orders/:id`): the call's path must end with the route's
 * path (the base URL may carry a prefix the route does not) or equal it, with at least one literal segment in common.
 */
function routeFit(call: string, route: string): number {
  const [cm = '', cp = ''] = call.split(' ');
  const [rm = '', rp = ''] = route.split(' ');
  if (rm !== 'ANY' && cm !== rm) return 0;
  const c = pathSegments(cp);
  const r = pathSegments(rp);
  if (r.length === 0 || r.length > c.length) return 0;
  const tail = c.slice(c.length - r.length);
  let literal = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i] === '*' || tail[i] === '*') continue;
    if (r[i] !== tail[i]) return 0;
    literal++;
  }
  return literal === 0 ? 0 : literal + (c.length === r.length ? 1 : 0);
}

/**
 * A browser app's calls go to the API that serves them: a call to a base URL from the environment
 * (`${import.meta.env.VITE_API_URL}/orders/${id}`) is re-pointed to the one unit of this scan whose routes serve
 * its paths (an Express/Nest/Hono/Fastify app, Next.js route handlers, serverless http events). With no such unit,
 * or two that fit as well, the call stays on its placeholder.
 */
function routeBrowserCalls(nodes: Map<string, ArchNode>, edges: Map<string, ArchEdge>): void {
  const servers = [...nodes.values()].filter(
    (n) => n.provider === 'code' && n.kind !== 'client' && Array.isArray(n.props.routes),
  );
  if (servers.length === 0) return;
  for (const [id, e] of [...edges]) {
    const from = nodes.get(e.from);
    if (from?.kind !== 'client' || e.kind !== 'calls' || e.protocol !== 'http') continue;
    if (!e.to.startsWith('ref:http/') && !/^external:(localhost|127\.0\.0\.1)$/.test(e.to)) continue;
    const ops = (e.props?.operations as string[] | undefined) ?? [];
    const scores = servers
      .map((s) => ({
        id: s.id,
        score: ops.reduce(
          (sum, op) => sum + Math.max(0, ...(s.props.routes as string[]).map((r) => routeFit(op, r))),
          0,
        ),
      }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    const [best, next] = scores;
    if (!best || (next && next.score === best.score)) continue;
    edges.delete(id);
    const moved: ArchEdge = { ...e, id: edgeId(e.from, best.id, e.kind, e.label), to: best.id };
    const prev = edges.get(moved.id);
    if (prev) {
      prev.sources.push(...moved.sources);
      const merged = new Set([...((prev.props?.operations as string[]) ?? []), ...ops]);
      prev.props = { ...prev.props, operations: [...merged].sort() };
    } else edges.set(moved.id, moved);
    const placeholder = e.to;
    if (![...edges.values()].some((x) => x.from === placeholder || x.to === placeholder))
      nodes.delete(placeholder);
  }
}

function addEdge(
  edges: Map<string, ArchEdge>,
  unitId: string,
  targetId: string,
  kind: EdgeKind,
  u: Usage,
  protocol: string,
  env: string | undefined,
  path: string | undefined,
  template?: string,
) {
  const [from, to] = kind === 'consumes' ? [targetId, unitId] : [unitId, targetId];
  const id = edgeId(from, to, kind, u.channel);
  const op = u.sdk ?? (u.target.type === 'http' ? `${u.op ?? 'GET'} ${path ?? '/'}` : u.op);
  const source: Source = { analyzer: ANALYZER, file: u.file, line: u.line };
  const prev = edges.get(id);
  if (prev) {
    prev.sources.push(source);
    const ops = new Set((prev.props?.operations as string[] | undefined) ?? []);
    if (op) ops.add(op);
    prev.props = { ...prev.props, operations: [...ops].sort() };
    return;
  }
  edges.set(id, {
    id,
    from,
    to,
    kind,
    protocol,
    ...(u.channel ? { label: u.channel } : {}),
    props: {
      ...(op ? { operations: [op] } : {}),
      ...(env ? { env } : {}),
      ...(template ? { template } : {}),
      ...(u.channel ? { channel: u.channel } : {}),
    },
    sources: [source],
  });
}

function collectUnitFacts(
  unit: ServiceUnit,
  resolver: Resolver,
  extractor: Extractor,
  progress: import('../../src/model/plugin.js').Progress,
  libFiles: string[],
  /** Names under which files read so far export a client; grows as units are read (libraries are shared). */
  clientExports: Set<string>,
): FileFacts[] {
  const out: FileFacts[] = [];
  const files = [...(unit.entryFiles ? importClosure(unit.entryFiles, resolver) : unit.files), ...libFiles];
  // A handler's edges come from the declarations it reaches, not from every function of the files it imports.
  const exportName = unit.handler?.split('.').pop();
  const unreached = unit.entryFiles
    ? unreachedRanges(
        unit.entryFiles.map((file) => ({ file, ...(exportName ? { name: exportName } : {}) })),
        resolver,
      )
    : new Map<string, Array<[number, number]>>();
  const read = (path: string) => {
    const file = resolver.file(path);
    if (!file) return;
    const facts = extractor.facts(file);
    for (const name of extractor.exportedClients(file)) clientExports.add(name);
    const ranges = unreached.get(path);
    if (ranges)
      facts.usages = facts.usages.filter((u) => !ranges.some(([a, b]) => u.line >= a && u.line <= b));
    out.push(facts);
  };
  // A file naming no library may still use a client another file exports (`import { db } from '@acme/db'`):
  // those are read once the files that build clients are, and only when they import one of the exported names.
  const later: Array<{ path: string; text: string }> = [];
  for (const path of files) {
    progress.tick('code', 1);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (mayMatter(text)) read(path);
    else later.push({ path, text });
  }
  if (clientExports.size > 0 && later.length > 0) {
    const names = [...clientExports].filter((n) => n !== 'default').map((n) => n.replace(/\$/g, '\\$'));
    const alternatives = [
      ...(names.length ? [`\\b(${names.join('|')})\\b`] : []),
      ...(clientExports.has('default') ? [`import\\s+\\w+\\s+from\\s*['"]\\.`] : []),
    ];
    // A cheap filter: a false hit costs one parse, never a wrong edge.
    const re = new RegExp(alternatives.join('|'));
    for (const { path, text } of later) if (/\b(import|require)\b/.test(text) && re.test(text)) read(path);
  }
  return out;
}

const SERVER_SIDE_DEPS = [
  '@trpc/server',
  '@prisma/client',
  'drizzle-orm',
  'pg',
  'mysql2',
  'mongoose',
  'mongodb',
  'knex',
  'sequelize',
  'ioredis',
];

const UI_LIBS = ['react-dom', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', '@sveltejs/kit'];

/**
 * A browser app (Vite, CRA, Angular, a Next.js site with no API routes): a `client`, whose code runs in the user's
 * browser and is never the code of a Lambda or container.
 */
function isBrowserApp(unit: ServiceUnit): boolean {
  const deps = unit.pkg?.deps;
  if (!deps || !UI_LIBS.some((d) => deps.has(d))) return false;
  if (!deps.has('next')) return true;
  // Next.js with route handlers, API routes, a tRPC server or a database client serves requests; without, it is a site.
  if (SERVER_SIDE_DEPS.some((d) => deps.has(d))) return false;
  return !unit.files.some((f) => /[/\\](pages[/\\]api[/\\]|app[/\\](.+[/\\])?route\.[cm]?[jt]sx?$)/.test(f));
}

/** `GET /:id` on a router mounted at `/orders` (itself perhaps mounted at `/api`) → `GET /api/orders/:id`. */
function withPrefix(
  route: string,
  router: string | undefined,
  mounts: Map<string, { prefix: string; parent?: string }>,
): string {
  const [method, path = ''] = route.split(' ');
  let prefix = '';
  const seen = new Set<string>();
  let cur = router;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const m = mounts.get(cur);
    if (!m) break;
    prefix = m.prefix.replace(/\/$/, '') + prefix;
    cur = m.parent;
  }
  if (!prefix) return route;
  const joined = `${prefix}/${path.replace(/^\//, '')}`.replace(/(.)\/$/, '$1');
  return `${method} ${joined}`;
}

/**
 * A function's code: its handler file and every file it reaches through imports, `require()`, `import()` and
 * `export … from` — relative paths, workspace packages and tsconfig aliases (never node_modules). Named imports
 * go to the file that declares the name, so a barrel (`export * from …`) does not drag in its siblings.
 */
function importClosure(entries: string[], resolver: Resolver): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const info = resolver.file(f);
    if (!info) continue;
    const named = new Map<string, string[]>();
    const whole = new Set<string>();
    for (const b of info.imports.values()) {
      if (b.imported === '*' || b.imported === 'default') whole.add(b.module);
      else named.set(b.module, [...(named.get(b.module) ?? []), b.imported]);
    }
    for (const spec of info.deps) {
      if (spec.startsWith('node:')) continue;
      const target = resolver.resolveModule(f, spec);
      if (!target || target.endsWith('.d.ts')) continue;
      const names = named.get(spec);
      const targetInfo = names && !whole.has(spec) ? resolver.file(target) : undefined;
      if (!targetInfo || !names) {
        stack.push(target);
        continue;
      }
      // Only a barrel of re-exports is skipped; a module with code of its own runs when imported.
      const barrel = targetInfo.sf.statements.every(
        (st) => ts.isExportDeclaration(st) || ts.isImportDeclaration(st),
      );
      if (!barrel) stack.push(target);
      for (const n of names) {
        const hit = resolver.exported(targetInfo, n);
        if (hit) stack.push(hit.file.path);
        else if (barrel) stack.push(target);
      }
    }
  }
  return [...seen].sort();
}

/** Library files a service's own files reach, starting from those that import one of its workspace libraries. */
function libraryReach(unit: ServiceUnit, libNames: string[], resolver: Resolver): string[] {
  const starts = unit.files.filter((f) => {
    try {
      const text = readFileSync(f, 'utf8');
      return libNames.some((n) => text.includes(`'${n}`) || text.includes(`"${n}`));
    } catch {
      return false;
    }
  });
  const own = new Set(unit.files);
  return importClosure(starts, resolver).filter((f) => !own.has(f) && !f.startsWith(unit.dir + sep));
}

/** `url = env("DATABASE_URL")` in schema.prisma, by the package dir that holds it. */
function prismaDatasourceEnv(schemas: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of schemas) {
    try {
      const m = /datasource\s+\w+\s*\{[^}]*url\s*=\s*env\("([^"]+)"\)/.exec(readFileSync(s, 'utf8'));
      if (!m) continue;
      const dir = s.replace(/[/\\](prisma[/\\])?[^/\\]+\.prisma$/, '');
      out.set(dir, m[1]!);
    } catch {
      // unreadable schema: the default DATABASE_URL applies
    }
  }
  return out;
}
