// Finds the deployable units under a directory: workspace packages, folders with a Dockerfile, serverless.yml
// functions and Lambda handler directories, plus the compose files and the source files of each unit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inputRefusal, readInputTextSync } from '../../src/model/read-input.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { listFiles } from '../../src/model/walk.js';
import { resolveFile } from './resolve.js';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.terraform',
  'cdk.out',
  '.serverless',
  '.next',
  '.turbo',
  '__tests__',
  '__mocks__',
  'test',
  'tests',
  '.build',
]);
const SOURCE_RE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const SKIP_FILE_RE = /(\.d\.ts|\.(test|spec)\.[cm]?[jt]sx?|\.config\.[cm]?[jt]s)$/;
const COMPOSE_RE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

export interface PackageInfo {
  dir: string;
  name: string;
  json: Record<string, unknown>;
  deps: Set<string>;
  entry?: string;
}

export interface ServiceUnit {
  id: string;
  name: string;
  dir: string;
  kind: 'service' | 'function';
  /** Where the unit was declared (package.json, Dockerfile, serverless.yml), relative to root. */
  declaredIn: string;
  declaredLine?: number;
  pkg?: PackageInfo;
  dockerfile?: string;
  /** For functions: the handler files whose import closure is the unit's code. */
  entryFiles?: string[];
  handler?: string;
  routes: string[];
  files: string[];
  /** Image repository names that CI or scripts build from this unit's Dockerfile (`docker build -t …/orders-api`). */
  images?: string[];
}

export interface Discovery {
  packages: PackageInfo[];
  units: ServiceUnit[];
  composeFiles: string[];
  prismaSchemas: string[];
  /** Source files, keyed by the unit dir they belong to. */
  files: string[];
  /** Workspace libraries (not units) and their source files, by package name. */
  libraries: Map<string, string[]>;
}

export interface LambdaHint {
  /** Terraform address or other id of the function. */
  id: string;
  handler?: string;
  /** Absolute paths named by `filename`/`source_dir`. */
  paths: string[];
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readInputTextSync(path, 'code')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function entryOf(dir: string, json: Record<string, unknown>): string | undefined {
  const candidates = [json.types, json.main, json.module].filter((v): v is string => typeof v === 'string');
  for (const c of candidates) {
    const mapped = c.replace(/^(\.\/)?(dist|build|lib)\//, 'src/').replace(/\.d\.ts$/, '.ts');
    const f = resolveFile(join(dir, mapped));
    if (f) return f;
  }
  return resolveFile(join(dir, 'src', 'index')) ?? resolveFile(join(dir, 'index'));
}

function workspaceGlobs(json: Record<string, unknown>, dir: string): string[] {
  const ws = json.workspaces;
  const globs = Array.isArray(ws)
    ? ws
    : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)
      ? (ws as { packages: unknown[] }).packages
      : [];
  const out = globs.filter((g): g is string => typeof g === 'string');
  try {
    const pnpm = parseYaml(readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
    out.push(...(pnpm?.packages ?? []));
  } catch {
    // not a pnpm workspace
  }
  return out;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/\/$/, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '%GLOBSTAR%')
    .replace(/\*/g, '[^/]+')
    .replace(/%GLOBSTAR%/g, '.*');
  return new RegExp(`^${body}$`);
}

const BUILD_DIR_RE = /^(dist|build|out|\.build|lib|\.webpack|\.esbuild)$/;

/**
 * The source file of a Lambda handler (`dist/handlers/orders.handler`, `index.handler`), looked up under each base
 * folder (the deployed folder first, then the package): as written, with a build folder mapped back to `src/` or
 * dropped, and under `src/`. The handler's export name is the part after the last dot.
 */
export function handlerEntry(handler: string, bases: string[]): string | undefined {
  const file = handler.replace(/\.[^./]+$/, '');
  for (const base of bases) {
    const segs = base.split(sep);
    const roots = [base];
    // A deployed build folder (`services/api/dist`): its source is the package's src/ or the package itself.
    if (BUILD_DIR_RE.test(segs[segs.length - 1] ?? '')) {
      const pkg = segs.slice(0, -1).join(sep);
      roots.push(join(pkg, 'src'), pkg);
    }
    for (const r of roots) {
      const parts = file.split('/');
      const candidates = [join(r, file), join(r, 'src', file)];
      if (BUILD_DIR_RE.test(parts[0] ?? '')) {
        const rest = parts.slice(1).join('/');
        candidates.push(join(r, 'src', rest), join(r, rest));
      }
      for (const c of candidates) {
        const hit = resolveFile(c);
        if (hit && !hit.endsWith('.d.ts')) return hit;
      }
    }
  }
  return undefined;
}

/**
 * Discovers deployable units under `root`.
 * @example
 * const d = discover('/repo', [], diagnostics);
 */
export function discover(
  root: string,
  hints: LambdaHint[],
  diagnostics: Diagnostic[],
  relRoot = root,
): Discovery {
  // One walk of the tree, skipping build output, tests and dependencies.
  const { files: allFiles } = listFiles(root, { skip: SKIP_DIRS });
  const rel = (_r: string, p: string) => relative(relRoot, p).split(sep).join('/');
  const packageJsons = allFiles.filter((f) => basename(f) === 'package.json');
  const packages: PackageInfo[] = [];
  for (const pj of packageJsons.sort()) {
    const json = readJson(pj);
    if (!json) {
      diagnostics.push({
        severity: 'warning',
        code: 'package-json-invalid',
        analyzer: 'typescript',
        message: `${rel(root, pj)}: not valid JSON; the package is skipped`,
        file: rel(root, pj),
        hint: 'fix the JSON',
      });
      continue;
    }
    const dir = dirname(pj);
    const deps = new Set<string>([
      ...Object.keys((json.dependencies as object) ?? {}),
      ...Object.keys((json.devDependencies as object) ?? {}),
      ...Object.keys((json.peerDependencies as object) ?? {}),
    ]);
    const name = typeof json.name === 'string' ? json.name : basename(dir);
    const entry = entryOf(dir, json);
    packages.push({ dir, name, json, deps, ...(entry ? { entry } : {}) });
  }
  const workspaceRoots = packages.filter((p) => workspaceGlobs(p.json, p.dir).length > 0);
  const inWorkspace = new Set<PackageInfo>();
  for (const wr of workspaceRoots) {
    const res = workspaceGlobs(wr.json, wr.dir).map(globToRegExp);
    for (const p of packages)
      if (p !== wr && res.some((re) => re.test(relative(wr.dir, p.dir).split(sep).join('/'))))
        inWorkspace.add(p);
  }
  const dockerDirs = new Set(allFiles.filter((f) => /^Dockerfile(\..+)?$/.test(basename(f))).map(dirname));
  const dependedOn = new Set<string>();
  for (const p of packages) for (const d of p.deps) dependedOn.add(d);

  const units: ServiceUnit[] = [];
  const libraryPkgs: PackageInfo[] = [];
  const unitDirs = new Set<string>();
  const addUnit = (u: ServiceUnit) => {
    units.push(u);
    unitDirs.add(u.dir);
  };
  for (const p of packages) {
    if (workspaceRoots.includes(p)) continue;
    const scripts = (p.json.scripts as Record<string, string> | undefined) ?? {};
    const hasDocker = dockerDirs.has(p.dir);
    const looksDeployable =
      hasDocker ||
      Boolean(scripts.start || scripts.serve) ||
      hints.some((h) => h.paths.some((hp) => hp === p.dir || hp.startsWith(p.dir + sep)));
    // A workspace library (depended on by a sibling, nothing to run) is code, not a service.
    if (!looksDeployable && dependedOn.has(p.name)) {
      libraryPkgs.push(p);
      continue;
    }
    addUnit({
      id: `code:${p.name}`,
      name: p.name,
      dir: p.dir,
      kind: 'service',
      declaredIn: rel(root, join(p.dir, 'package.json')),
      pkg: p,
      ...(hasDocker ? { dockerfile: rel(root, join(p.dir, 'Dockerfile')) } : {}),
      routes: [],
      files: [],
    });
  }
  for (const d of [...dockerDirs].sort()) {
    if (unitDirs.has(d)) continue;
    const name = basename(d);
    addUnit({
      id: `code:${name}`,
      name,
      dir: d,
      kind: 'service',
      declaredIn: rel(root, join(d, 'Dockerfile')),
      dockerfile: rel(root, join(d, 'Dockerfile')),
      routes: [],
      files: [],
    });
  }
  // serverless.yml: each function is a unit whose code is its handler's import closure.
  for (const sl of allFiles.filter((f) => /^serverless\.ya?ml$/.test(basename(f))).sort()) {
    let doc: { service?: string; functions?: Record<string, { handler?: string; events?: unknown[] }> };
    try {
      // CloudFormation tags (`!Ref`) in `resources` are the cloudformation analyzer's; no warnings on stderr here.
      doc = parseYaml(readFileSync(sl, 'utf8'), { logLevel: 'error' }) ?? {};
    } catch (error) {
      diagnostics.push({
        severity: 'error',
        code: 'serverless-parse',
        analyzer: 'typescript',
        message: `${rel(root, sl)}: ${(error as Error).message.split('\n')[0]}`,
        file: rel(root, sl),
        hint: 'fix the YAML; the rest is still analysed',
      });
      continue;
    }
    const dir = dirname(sl);
    const owner = packages.find((p) => p.dir === dir);
    const svcName = owner?.name ?? doc.service ?? basename(dir);
    // The package itself is replaced by its functions.
    const idx = units.findIndex((u) => u.dir === dir);
    if (idx >= 0) units.splice(idx, 1);
    const text = readFileSync(sl, 'utf8').split('\n');
    for (const [fn, def] of Object.entries(doc.functions ?? {})) {
      if (!def?.handler) continue;
      const handlerPath = def.handler.replace(/\.[^./]+$/, '');
      const entry = resolveFile(join(dir, handlerPath));
      const routes: string[] = [];
      for (const ev of def.events ?? []) {
        const http =
          (ev as { http?: unknown; httpApi?: unknown }).http ?? (ev as { httpApi?: unknown }).httpApi;
        if (http && typeof http === 'object') {
          const h = http as { method?: string; path?: string };
          routes.push(`${(h.method ?? 'ANY').toUpperCase()} /${(h.path ?? '').replace(/^\//, '')}`);
        } else if (typeof http === 'string') routes.push(http.toUpperCase());
      }
      const line = text.findIndex((l) => new RegExp(`^\\s+${fn}:\\s*$`).test(l)) + 1;
      units.push({
        id: `code:${svcName}/${fn}`,
        name: fn,
        dir,
        kind: 'function',
        declaredIn: rel(root, sl),
        ...(line > 0 ? { declaredLine: line } : {}),
        ...(owner ? { pkg: owner } : {}),
        handler: def.handler,
        ...(entry ? { entryFiles: [entry] } : {}),
        routes: routes.sort(),
        files: [],
      });
    }
  }
  // Lambda handlers named by Terraform (or another IaC analyzer) whose code folder lies outside any unit: the
  // folder is a unit of its own, package.json or not (plain .mjs/.js handlers zipped by archive_file).
  for (const h of hints) {
    for (const p of h.paths) {
      const within = units.some((u) => p === u.dir || p.startsWith(u.dir + sep) || u.dir.startsWith(p + sep));
      if (within) continue;
      let dir = p;
      try {
        if (!statSync(p).isDirectory()) dir = dirname(p);
      } catch {
        dir = dirname(p);
      }
      dir = dir.replace(/[/\\](dist|build|out|\.build)$/, '');
      if (!dir.startsWith(root)) continue;
      // Only a folder that holds the handler's source is a unit (a zip in a build folder says nothing).
      if (!handlerEntry(h.handler ?? 'index.handler', [p, dir])) continue;
      if (units.some((u) => u.dir === dir)) continue;
      const name = rel(root, dir) || basename(dir);
      addUnit({
        id: `code:${name}`,
        name,
        dir,
        kind: 'function',
        declaredIn: rel(root, dir),
        routes: [],
        files: [],
      });
    }
  }
  // A unit that Lambdas run: each handler is an entry point whose import graph is its code. One handler makes the
  // unit a function; several make one function unit per handler, so each Lambda gets only its own edges.
  for (const u of [...units]) {
    if (u.entryFiles) continue;
    const inside = hints.filter(
      (h) => h.handler && h.paths.some((hp) => hp === u.dir || hp.startsWith(u.dir + sep)),
    );
    const entries = new Map<string, string>();
    for (const h of inside) {
      if (entries.has(h.handler!)) continue;
      const entry = handlerEntry(h.handler!, [...h.paths.filter((hp) => hp.startsWith(u.dir)), u.dir]);
      if (entry) entries.set(h.handler!, entry);
    }
    if (entries.size === 0) continue;
    if (entries.size === 1) {
      const [handler, entry] = [...entries][0]!;
      Object.assign(u, { kind: 'function', handler, entryFiles: [entry] });
      continue;
    }
    const made: ServiceUnit[] = [];
    const short = (h: string) =>
      h.replace(/\.[^./]+$/, '').replace(/^(\.\/)?((dist|build|out|lib|src)\/)+/, '');
    const lastSegs = [...entries.keys()].map((h) => short(h).split('/').pop());
    const unique = new Set(lastSegs).size === lastSegs.length;
    for (const [handler, entry] of [...entries].sort()) {
      const file = short(handler);
      const tail = unique ? file.split('/').pop()! : file;
      made.push({
        ...u,
        id: `${u.id}/${tail}`,
        name: `${u.name}/${tail}`,
        kind: 'function',
        handler,
        entryFiles: [entry],
        routes: [],
        files: [],
      });
    }
    units.splice(units.indexOf(u), 1, ...made);
  }

  // ts-morph opens sources itself: a link to a device or an oversized file is dropped here, with a warning.
  const sources = allFiles
    .filter((f) => SOURCE_RE.test(f) && !SKIP_FILE_RE.test(f))
    .filter((f) => {
      const refused = inputRefusal(f, 'code');
      if (refused)
        diagnostics.push({
          severity: 'warning',
          code: 'input-refused',
          analyzer: 'typescript',
          message: `${rel(root, f)} ${refused.detail}`,
          file: rel(root, f),
          ...(refused.hint ? { hint: refused.hint } : {}),
        });
      return !refused;
    });
  const byDir = [...units].sort((a, b) => b.dir.length - a.dir.length);
  for (const f of sources) {
    // A function's code is its handler's import graph, but its folder is still its own, not a parent's.
    const owner = byDir.find((u) => f.startsWith(u.dir + sep));
    if (owner && !owner.entryFiles) owner.files.push(f);
  }
  for (const u of units) {
    u.files.sort();
    if (u.pkg?.deps.has('next')) u.routes.push(...nextRoutes(u.dir, u.files));
  }
  // A package with no code and nothing to run (a repo-root package.json next to Terraform) is not a service.
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.files.length === 0 && !u.dockerfile && !u.entryFiles && u.kind === 'service') units.splice(i, 1);
  }
  units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const [dir, names] of dockerBuilds(root, allFiles)) {
    for (const u of units) if (u.dir === dir) u.images = [...new Set([...(u.images ?? []), ...names])].sort();
  }
  const libraries = new Map<string, string[]>();
  for (const lib of libraryPkgs) {
    if (units.some((u) => lib.dir.startsWith(u.dir + sep))) continue;
    libraries.set(lib.name, sources.filter((f) => f.startsWith(lib.dir + sep)).sort());
  }
  return {
    libraries,
    packages,
    units,
    composeFiles: allFiles.filter((f) => COMPOSE_RE.test(basename(f))).sort(),
    prismaSchemas: allFiles.filter((f) => f.endsWith('.prisma')).sort(),
    files: sources,
  };
}

const NEXT_METHODS =
  /export\s+(?:async\s+)?(?:function\s+|const\s+)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;

/**
 * Next.js file-system routes: App Router route handlers (`app/api/orders/[id]/route.ts` exporting `GET`) and Pages
 * Router API routes (`pages/api/orders.ts`, any method). Route groups `(shop)` drop out; `[id]` becomes `:id`.
 */
export function nextRoutes(dir: string, files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const rel = relative(dir, f)
      .split(sep)
      .join('/')
      .replace(/^src\//, '');
    const app = /^app\/(.*?)\/?route\.[cm]?[jt]sx?$/.exec(rel);
    const pages = /^pages\/(api\/.*?)(\/index)?\.[cm]?[jt]sx?$/.exec(rel);
    if (!app && !pages) continue;
    const segs = (app ? app[1]! : pages![1]!)
      .split('/')
      .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'))
      .map((s) => s.replace(/^\[\[?\.{0,3}(\w+)\]?\]$/, ':$1'));
    const path = `/${segs.join('/')}`;
    if (pages) {
      out.add(`ANY ${path}`);
      continue;
    }
    let text = '';
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    const methods = [...text.matchAll(NEXT_METHODS)].map((m) => m[1]!);
    // `export { handler as GET, handler as POST }` (tRPC, NextAuth): the names after `as`.
    for (const m of text.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.push(m[1]!);
    for (const m of methods.length ? methods : ['ANY']) out.add(`${m} ${path}`);
  }
  return [...out].sort();
}

/** `docker build -t $REGISTRY/orders-api:$SHA -f services/api/Dockerfile services/api` → folder → `orders-api`. */
export function dockerBuilds(root: string, files: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const sources = files.filter((f) =>
    /^(Makefile|buildspec[\w.-]*\.ya?ml|\.gitlab-ci\.ya?ml|[\w.-]+\.sh)$/.test(basename(f)),
  );
  try {
    const wf = join(root, '.github', 'workflows');
    for (const f of readdirSync(wf)) if (/\.ya?ml$/.test(f)) sources.push(join(wf, f));
  } catch {
    // no GitHub workflows
  }
  for (const f of sources.slice(0, 200)) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('docker')) continue;
    const commands = text.replace(/\\\r?\n/g, ' ').split(/\r?\n|&&|;/);
    for (const cmd of commands) {
      const m = /\bdocker\s+(?:buildx\s+)?build\b(.*)$/.exec(cmd);
      if (!m) continue;
      const tokens = m[1]!.trim().split(/\s+/).filter(Boolean);
      const tags: string[] = [];
      let dockerfile: string | undefined;
      let context: string | undefined;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        const value = () => (t.includes('=') ? t.slice(t.indexOf('=') + 1) : tokens[++i]);
        if (/^(-t|--tag)(=|$)/.test(t)) tags.push(value() ?? '');
        else if (/^(-f|--file)(=|$)/.test(t)) dockerfile = value();
        else if (
          /^--?(build-arg|platform|target|label|secret|cache-from|cache-to|output|progress|network|ssh)(=|$)/.test(
            t,
          )
        )
          value();
        else if (!t.startsWith('-')) context = t;
      }
      const names = tags
        .map((tag) => tag.replace(/['"]/g, '').split('/').pop()!.split(/[:@]/)[0]!)
        .filter((n) => /^[a-z0-9][a-z0-9._-]*$/.test(n));
      if (!names.length || (!dockerfile && !context)) continue;
      const clean = (p: string) =>
        p.replace(/['"]/g, '').replace(/^\$\{?\{?\s*github\.workspace\s*\}?\}?\/?/, '');
      const dir = dockerfile ? dirname(join(root, clean(dockerfile))) : join(root, clean(context!));
      if (dir.includes('$')) continue;
      out.set(dir, [...new Set([...(out.get(dir) ?? []), ...names])]);
    }
  }
  return out;
}
