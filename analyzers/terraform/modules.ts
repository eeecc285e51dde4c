// Module instances: loads a module directory once, resolves var./local./module./resource names for the
// evaluator, expands count/for_each, follows local (and modules.json-resolved) module calls at any depth.
import { isUtf8 } from 'node:buffer';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { lookupRegistryModule } from '../../src/catalog/index.js';
import { lineOfOffset } from '../../src/model/lines.js';
import { InputRefused, readInput, readInputTextSync } from '../../src/model/read-input.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { Evaluator, RefTracker, type Resolver, type Step } from './evaluate.js';
import { parseTfJson } from './json-config.js';
import {
  type Attribute,
  type Block,
  type Body,
  type Expr,
  exprText,
  literalValue,
  parseHcl,
  parseTemplateSync,
} from './parse.js';
import {
  asString,
  deepRefs,
  elements,
  HclEvalError,
  hasUnknown,
  InstanceRef,
  isObject,
  Unknown,
  type Value,
  type ValueObject,
  valueFromJson,
} from './values.js';

export const ANALYZER = 'terraform';

export interface SourceFile {
  /** Path relative to the scan root, forward slashes. */
  rel: string;
  body: Body;
}

export interface Decl {
  block: Block;
  file: string;
}

export interface ResourceDecl extends Decl {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** `aws_x.y` or `data.aws_x.y`. */
  key: string;
}

export interface ModuleDef {
  dir: string;
  files: SourceFile[];
  variables: Map<string, Decl>;
  locals: Map<string, { attr: Attribute; file: string }>;
  outputs: Map<string, Decl>;
  resources: Map<string, ResourceDecl>;
  calls: Map<string, Decl>;
  providers: Decl[];
}

/** The expansion of one resource or module call: its instance keys, or unknown. */
export type Expansion =
  | { mode: 'single' }
  | { mode: 'count'; keys: number[] }
  | { mode: 'each'; keys: string[]; values: Map<string, Value> }
  | { mode: 'unknown' };

/**
 * The enclosing git repository of a scanned directory (the nearest ancestor holding `.git`), or the directory itself
 * outside any repository: scanning `infra/envs/prod` still follows `../../modules/api`.
 */
export function repositoryRoot(dir: string): string {
  const start = resolve(dir);
  for (let d = start, i = 0; i < 64; d = dirname(d), i++) {
    if (existsSync(join(d, '.git'))) return d;
    if (d === dirname(d)) break;
  }
  return start;
}

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

export function instanceSuffix(key: number | string | undefined): string {
  return key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Shared state of one scan: parsed modules, diagnostics, the ref tracker. */
export interface ExpansionLimits {
  /** Instances one resource or module call may expand to (count / for_each). */
  maxInstances: number;
  /** Module instances in one scan (nesting multiplies: 20 levels of count = 2 is a million). */
  maxModuleInstances: number;
}

export const DEFAULT_LIMITS: ExpansionLimits = { maxInstances: 10_000, maxModuleInstances: 5_000 };

export class Workspace {
  readonly tracker = new RefTracker();
  readonly diagnostics: Diagnostic[] = [];
  private readonly defs = new Map<string, Promise<ModuleDef>>();
  /** Every module instance created, root first. */
  readonly instances: ModuleInstance[] = [];
  /** Bounds on expansion, so that `count = 1e9` or deep module fan-out ends with a warning, not a dead heap. */
  limits: ExpansionLimits = { ...DEFAULT_LIMITS };
  moduleLimitHit = false;
  onFile: (rel: string) => void = () => {};

  /** file(), module sources and Terragrunt includes must stay inside this: the enclosing git repository. */
  readonly boundary: string;

  constructor(
    /** Provenance paths are relative to this (the scanned directory). */
    readonly root: string,
  ) {
    this.boundary = repositoryRoot(root);
  }

  rel(path: string): string {
    return toPosix(relative(this.root, path)) || '.';
  }

  escapes(path: string): boolean {
    const r = relative(this.boundary, path);
    return r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r);
  }

  warn(code: string, message: string, at: { file?: string; line?: number } = {}, hint?: string): void {
    this.diagnostics.push({
      severity: 'warning',
      code,
      analyzer: ANALYZER,
      message,
      ...(at.file ? { file: at.file } : {}),
      ...(at.line ? { line: at.line } : {}),
      ...(hint ? { hint } : {}),
    });
  }

  loadDef(dir: string): Promise<ModuleDef> {
    const key = resolve(dir);
    let p = this.defs.get(key);
    if (!p) {
      p = this.readDef(key);
      this.defs.set(key, p);
    }
    return p;
  }

  private async readDef(dir: string): Promise<ModuleDef> {
    const def: ModuleDef = {
      dir,
      files: [],
      variables: new Map(),
      locals: new Map(),
      outputs: new Map(),
      resources: new Map(),
      calls: new Map(),
      providers: [],
    };
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort();
    } catch {
      this.warn(
        'module-missing',
        `module directory ${this.rel(dir)} cannot be read`,
        {},
        'check the source path',
      );
      return def;
    }
    const files = await Promise.all(names.map((n) => this.parseFile(join(dir, n))));
    for (const f of files) if (f) def.files.push(f);
    const isOverride = (f: SourceFile) => /(^|\/|_)override\.tf$/.test(f.rel);
    for (const f of def.files) if (!isOverride(f)) indexFile(def, f, this);
    for (const f of def.files) if (isOverride(f)) applyOverride(def, f);
    return def;
  }

  async parseFile(path: string): Promise<SourceFile | undefined> {
    const rel = this.rel(path);
    let text: string;
    try {
      const buf = await readInput(path, 'hcl');
      if (buf.includes(0)) {
        this.warn('not-text', `${rel} is not a text file; skipped`, { file: rel, line: 1 });
        return undefined;
      }
      text = buf.toString('utf8');
      if (!isUtf8(buf)) {
        // Invalid bytes decode to U+FFFD; the first one gives the line. The rest of the file is still read.
        const line = lineOfOffset(text, text.indexOf('\uFFFD'));
        this.warn(
          'invalid-utf8',
          `${rel} is not valid UTF-8; invalid bytes read as U+FFFD`,
          {
            file: rel,
            line,
          },
          'Terraform reads .tf files as UTF-8: re-save the file as UTF-8',
        );
      }
    } catch (error) {
      if (error instanceof InputRefused)
        this.warn(error.reason, `${rel} ${error.detail}`, { file: rel, line: 1 }, error.hint);
      else
        this.warn('unreadable', `${rel} cannot be read (${(error as Error).message})`, {
          file: rel,
          line: 1,
        });
      return undefined;
    }
    const { body, diagnostics } = rel.endsWith('.json')
      ? await parseTfJson(text, rel)
      : await parseHcl(text, rel);
    this.diagnostics.push(...diagnostics);
    this.onFile(rel);
    return { rel, body };
  }
}

function indexFile(def: ModuleDef, f: SourceFile, ws: Workspace): void {
  for (const block of f.body.blocks) {
    const [a, b] = block.labels;
    const decl = { block, file: f.rel };
    switch (block.type) {
      case 'variable':
        if (a) def.variables.set(a, decl);
        break;
      case 'output':
        if (a) def.outputs.set(a, decl);
        break;
      case 'locals':
        for (const attr of block.body.attrs) def.locals.set(attr.name, { attr, file: f.rel });
        break;
      case 'module':
        if (a) def.calls.set(a, decl);
        break;
      case 'provider':
        def.providers.push(decl);
        break;
      case 'resource':
      case 'data': {
        if (!a || !b) break;
        const mode = block.type === 'data' ? 'data' : 'managed';
        const key = mode === 'data' ? `data.${a}.${b}` : `${a}.${b}`;
        if (def.resources.has(key))
          ws.warn('duplicate-resource', `${key} is declared twice`, { file: f.rel, line: block.line });
        else def.resources.set(key, { ...decl, mode, type: a, name: b, key });
        break;
      }
    }
  }
}

/** Terraform's override files: their arguments and nested blocks replace those of the declaration they name. */
function applyOverride(def: ModuleDef, f: SourceFile): void {
  const merge = (base: Block, over: Block): Block => {
    const attrs = new Set(over.body.attrs.map((a) => a.name));
    const types = new Set(over.body.blocks.map((b) => b.type));
    return {
      ...base,
      body: {
        attrs: [...base.body.attrs.filter((a) => !attrs.has(a.name)), ...over.body.attrs],
        blocks: [...base.body.blocks.filter((b) => !types.has(b.type)), ...over.body.blocks],
      },
    };
  };
  for (const block of f.body.blocks) {
    const [a, b] = block.labels;
    if (block.type === 'locals') {
      for (const at of block.body.attrs) def.locals.set(at.name, { attr: at, file: f.rel });
      continue;
    }
    const table =
      block.type === 'variable'
        ? def.variables
        : block.type === 'output'
          ? def.outputs
          : block.type === 'module'
            ? def.calls
            : undefined;
    if (table && a) {
      const base = table.get(a);
      if (base) table.set(a, { ...base, block: merge(base.block, block) });
    } else if ((block.type === 'resource' || block.type === 'data') && a && b) {
      const key = block.type === 'data' ? `data.${a}.${b}` : `${a}.${b}`;
      const base = def.resources.get(key);
      if (base) def.resources.set(key, { ...base, block: merge(base.block, block) });
    }
  }
}

export function attr(body: Body, name: string): Attribute | undefined {
  return body.attrs.find((a) => a.name === name);
}

interface Cached {
  value: Value;
  refs: Set<string>;
}

/** A module call that could not be followed. `inputs()` is evaluated late, once every sibling call exists. */
export interface OpaqueCall {
  name: string;
  address: string;
  decl: Decl;
  inputs: () => ValueObject;
  source: string;
}

/** What a parent passes to a module instance. */
export interface CallSite {
  decl: Decl;
  /** Evaluates the call's arguments (bound to the call's each/count). */
  evaluator: Evaluator;
  providerMap: Map<string, string | undefined>;
}

export class ModuleInstance implements Resolver {
  readonly evaluator: Evaluator;
  private readonly cache = new Map<string, Cached>();
  private readonly busy = new Set<string>();
  private readonly expansions = new Map<string, Expansion>();
  /** Child module instances by call name, then instance key ('' for a single instance). */
  readonly children = new Map<string, Map<string, ModuleInstance>>();
  /** Calls that could not be followed (registry without modules.json, cycle, escape): opaque module nodes. */
  readonly opaque: OpaqueCall[] = [];
  /** Root-level variable values from tfvars/-var (root module only). */
  rootVars: Map<string, { expr?: Expr; text?: string; file?: string; value?: () => Value }> = new Map();
  providerRegions = new Map<string, string | undefined>();
  defaultTags = new Map<string, Record<string, string>>();

  constructor(
    readonly ws: Workspace,
    readonly def: ModuleDef,
    /** Address prefix: '' for the root, `module.cache.` for a child. */
    readonly prefix: string,
    /** Directory of the root module (file() falls back to it, modules.json lives there). */
    readonly rootDir: string,
    readonly call?: CallSite,
    readonly ancestors: string[] = [],
  ) {
    this.evaluator = new Evaluator(this, ws.tracker);
    ws.instances.push(this);
  }

  // Resolver ------------------------------------------------------------------------------------------

  readFile(path: string): string {
    const candidates = isAbsolute(path) ? [path] : [resolve(this.def.dir, path), resolve(this.rootDir, path)];
    for (const abs of candidates) {
      if (this.ws.escapes(abs)) throw new HclEvalError(`file ${path} is outside the repository`);
      if (existsSync(abs) && statSync(abs).isFile()) {
        const real = realpathSync(abs);
        if (this.ws.escapes(real)) throw new HclEvalError(`file ${path} is outside the repository`);
        try {
          return readInputTextSync(real, 'hcl');
        } catch (error) {
          if (error instanceof InputRefused) throw new HclEvalError(`file ${path} ${error.detail}`);
          throw error;
        }
      }
    }
    throw new HclEvalError(`file ${path} does not exist`);
  }

  parseTemplate(text: string): Expr | undefined {
    return parseTemplateSync(text);
  }

  resolve(root: string, steps: Step[], ev: Evaluator): { value: Value; used: number } {
    const first = steps[0];
    const name = first?.kind === 'get' ? first.name : undefined;
    switch (root) {
      case 'var':
        if (!name) throw new HclEvalError('var needs a name');
        return { value: this.cached(`var.${name}`, () => this.variable(name)), used: 1 };
      case 'local': {
        if (!name) throw new HclEvalError('local needs a name');
        const { value, refs } = this.entry(`local.${name}`, () => this.local(name));
        // `local.by_tier["app"]`: only the references of the part read, not of its siblings.
        const next = steps[1];
        if (next && (isObject(value) || Array.isArray(value))) {
          const k = next.kind === 'get' ? next.name : ev.safe(next.key);
          if (!(k instanceof Unknown)) {
            const part = Array.isArray(value)
              ? typeof k === 'number'
                ? value[k]
                : undefined
              : (value as ValueObject)[asString(k)];
            if (part !== undefined) {
              this.ws.tracker.touch(narrowRefs(refs, value, part));
              return { value: part, used: 2 };
            }
          }
        }
        this.ws.tracker.touch(refs);
        return { value, used: 1 };
      }
      case 'path': {
        const rel = toPosix(relative(this.rootDir, this.def.dir)) || '.';
        if (name === 'module') return { value: rel, used: 1 };
        if (name === 'root' || name === 'cwd') return { value: '.', used: 1 };
        throw new HclEvalError(`path.${name}`);
      }
      case 'terraform':
        if (name === 'workspace') return { value: 'default', used: 1 };
        throw new HclEvalError(`terraform.${name}`);
      case 'module':
        if (!name) throw new HclEvalError('module needs a name');
        return this.moduleRef(name, steps, ev);
      case 'data': {
        const second = steps[1];
        if (!name || second?.kind !== 'get') throw new HclEvalError('data needs a type and a name');
        return this.resourceRef(`data.${name}.${second.name}`, steps, 2, ev);
      }
      default:
        if (!name) throw new HclEvalError(`unknown name ${root}`);
        return this.resourceRef(`${root}.${name}`, steps, 1, ev);
    }
  }

  private cached(key: string, compute: () => Value): Value {
    const { value, refs } = this.entry(key, compute);
    this.ws.tracker.touch(refs);
    return value;
  }

  /** A cached value with the references it was computed from (not passed on: the caller decides). */
  private entry(key: string, compute: () => Value): Cached {
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.busy.has(key)) throw new HclEvalError(`${key} refers to itself`);
    this.busy.add(key);
    try {
      const { value, refs } = this.ws.tracker.isolated(() => {
        try {
          return compute();
        } catch (error) {
          if (error instanceof HclEvalError) return new Unknown(key);
          throw error;
        }
      });
      const cached = { value, refs };
      this.cache.set(key, cached);
      return cached;
    } finally {
      this.busy.delete(key);
    }
  }

  private variable(name: string): Value {
    const decl = this.def.variables.get(name);
    if (decl && literalBool(attr(decl.block.body, 'sensitive')?.expr)) return new Unknown(`var.${name}`);
    if (this.call) {
      const arg = attr(this.call.decl.block.body, name);
      if (arg) return this.call.evaluator.eval(arg.expr);
    } else {
      const given = this.rootVars.get(name);
      if (given?.value) return given.value();
      if (given?.expr) return this.evaluator.eval(given.expr);
      if (given?.text !== undefined) return cliValue(given.text);
    }
    const def = decl ? attr(decl.block.body, 'default') : undefined;
    if (def) return this.evaluator.eval(def.expr);
    if (!decl) throw new HclEvalError(`no variable ${name}`);
    return new Unknown(`var.${name}`);
  }

  private local(name: string): Value {
    const l = this.def.locals.get(name);
    if (!l) throw new HclEvalError(`no local ${name}`);
    return this.evaluator.eval(l.attr.expr);
  }

  output(name: string): Value {
    return this.cached(`output.${name}`, () => {
      const decl = this.def.outputs.get(name);
      if (!decl) throw new HclEvalError(`no output ${name}`);
      const value = attr(decl.block.body, 'value');
      if (!value) return null;
      const v = this.evaluator.eval(value.expr);
      const text = `${this.prefix}${name}`.replace(/\.$/, '');
      if (literalBool(attr(decl.block.body, 'sensitive')?.expr)) return new Unknown(text, deepRefsOf(v));
      return v instanceof Unknown ? new Unknown(text, v.refs, false, v.inner) : v;
    });
  }

  private allOutputs(): ValueObject {
    const out: ValueObject = {};
    for (const name of this.def.outputs.keys()) out[name] = this.output(name);
    return out;
  }

  private moduleRef(name: string, steps: Step[], ev: Evaluator): { value: Value; used: number } {
    const instances = this.children.get(name);
    const opaque = this.opaque.find((o) => o.name === name);
    if (!instances || instances.size === 0) {
      if (opaque) {
        const out = steps[1]?.kind === 'get' ? steps[1].name : '';
        const text = `module.${name}${out ? `.${out}` : ''}`;
        const value = new Unknown(text, new Set([opaque.address]));
        this.ws.tracker.touch(value.refs);
        return { value, used: out ? 2 : 1 };
      }
      throw new HclEvalError(`no module ${name}`);
    }
    const expansion = this.expansions.get(`module.${name}`) ?? { mode: 'single' };
    let used = 1;
    let selected: ModuleInstance | undefined;
    if (expansion.mode === 'single' || expansion.mode === 'unknown')
      selected = instances.values().next().value;
    else {
      const next = steps[1];
      if (next?.kind === 'index') {
        const k = ev.eval(next.key);
        if (k instanceof Unknown)
          return { value: new Unknown(`module.${name}`, allRefsOf(instances)), used: 2 };
        selected = instances.get(String(k));
        if (!selected) throw new HclEvalError(`module.${name}[${String(k)}] does not exist`);
        used = 2;
      } else {
        const all: ValueObject = {};
        for (const [k, inst] of instances) all[k] = inst.allOutputs();
        return { value: expansion.mode === 'count' ? Object.values(all) : all, used: 1 };
      }
    }
    if (!selected) throw new HclEvalError(`no module ${name}`);
    const out = steps[used];
    if (out?.kind === 'get') return { value: selected.output(out.name), used: used + 1 };
    return { value: selected.allOutputs(), used };
  }

  /** How a resource (or module call) expands; evaluated once, lazily. */
  expansion(key: string, body: Body, file?: string): Expansion {
    const hit = this.expansions.get(key);
    if (hit) return hit;
    const busy = `expand ${key}`;
    if (this.busy.has(busy)) return { mode: 'unknown' };
    this.busy.add(busy);
    let result: Expansion = { mode: 'single' };
    try {
      const count = attr(body, 'count');
      const forEach = attr(body, 'for_each');
      const at = { ...(file ? { file } : {}), line: (count ?? forEach)?.line ?? 1 };
      const tooMany = (n: number) => {
        if (n <= this.ws.limits.maxInstances) return false;
        this.ws.warn(
          'expansion-limit',
          `${this.prefix}${key} expands to ${n} instances, over the limit of ${this.ws.limits.maxInstances}; shown as one node`,
          at,
          'raise the limit with --max-instances N',
        );
        return true;
      };
      if (count) {
        const v = this.evaluator.safe(count.expr);
        const n =
          typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
        if (n !== undefined) {
          if (n < 0 || !Number.isInteger(n)) {
            this.ws.warn(
              'invalid-count',
              `${this.prefix}${key}: count = ${n} is not a whole number ≥ 0; Terraform rejects it`,
              at,
              'count must be a non-negative integer',
            );
            result = { mode: 'unknown' };
          } else if (tooMany(n)) result = { mode: 'unknown' };
          else result = { mode: 'count', keys: Array.from({ length: n }, (_, i) => i) };
        } else if (typeof v === 'boolean') result = { mode: 'count', keys: v ? [0] : [] };
        else result = { mode: 'unknown' };
      } else if (forEach) {
        const v = this.evaluator.safe(forEach.expr);
        if (v instanceof Unknown || v === null) result = { mode: 'unknown' };
        else if (Array.isArray(v)) {
          if (v.some((x) => x instanceof Unknown)) result = { mode: 'unknown' };
          else if (tooMany(v.length)) result = { mode: 'unknown' };
          else {
            const keys = [...new Set(v.map((x) => asString(x)))].sort();
            result = { mode: 'each', keys, values: new Map(keys.map((k) => [k, k])) };
          }
        } else if (isObject(v)) {
          const keys = Object.keys(v).sort();
          if (tooMany(keys.length)) result = { mode: 'unknown' };
          else result = { mode: 'each', keys, values: new Map(keys.map((k) => [k, v[k]!])) };
        } else result = { mode: 'unknown' };
      }
    } catch (error) {
      if (!(error instanceof HclEvalError)) throw error;
      result = { mode: 'unknown' };
    } finally {
      this.busy.delete(busy);
    }
    this.expansions.set(key, result);
    return result;
  }

  /** The instance addresses of a resource, with the bindings for each. */
  instancesOf(decl: ResourceDecl): {
    address: string;
    key?: number | string;
    bindings: Record<string, Value>;
    count?: number | '?';
  }[] {
    const base = `${this.prefix}${decl.key}`;
    const x = this.expansion(decl.key, decl.block.body, decl.file);
    if (x.mode === 'single') return [{ address: base, bindings: {} }];
    if (x.mode === 'unknown') {
      const u = new Unknown(`${decl.key}.instance`);
      return [{ address: base, bindings: { count: { index: u }, each: { key: u, value: u } }, count: '?' }];
    }
    if (x.mode === 'count')
      return x.keys.map((i) => ({
        address: `${base}[${i}]`,
        key: i,
        bindings: { count: { index: i } },
        count: x.keys.length,
      }));
    return x.keys.map((k) => ({
      address: `${base}[${JSON.stringify(k)}]`,
      key: k,
      bindings: { each: { key: k, value: x.values.get(k) ?? null } },
      count: x.keys.length,
    }));
  }

  private resourceRef(
    key: string,
    steps: Step[],
    used: number,
    ev: Evaluator,
  ): { value: Value; used: number } {
    const decl = this.def.resources.get(key);
    if (!decl) throw new HclEvalError(`${key} is not declared`);
    const base = `${this.prefix}${key}`;
    const x = this.expansion(key, decl.block.body, decl.file);
    const touch = (address: string, text: string, bindings: Record<string, Value> = {}): Unknown => {
      const u = new InstanceRef(text, new Set([address]), (name) =>
        this.configuredArgument(decl, address, name, bindings),
      );
      this.ws.tracker.touch(u.refs);
      return u;
    };
    const eachOf = (k: string): Record<string, Value> =>
      x.mode === 'each' ? { each: { key: k, value: x.values.get(k) ?? null } } : {};
    if (x.mode === 'single' || x.mode === 'unknown') {
      const next = steps[used];
      // `aws_x.y[0]` on an unknown count still means the one node we have.
      if (x.mode === 'unknown' && next?.kind === 'index')
        return { value: touch(base, next.text), used: used + 1 };
      return { value: touch(base, key), used };
    }
    const next = steps[used];
    if (next?.kind === 'index') {
      const k = ev.eval(next.key);
      if (!(k instanceof Unknown)) {
        const address = `${base}${instanceSuffix(x.mode === 'count' ? Number(k) : asString(k))}`;
        const bindings = x.mode === 'count' ? { count: { index: Number(k) } } : eachOf(asString(k));
        return { value: touch(address, next.text, bindings), used: used + 1 };
      }
    }
    const addresses =
      x.mode === 'count'
        ? x.keys.map((i) => `${base}[${i}]`)
        : x.keys.map((k) => `${base}${instanceSuffix(k)}`);
    if (next?.kind === 'index') {
      const u = new Unknown(next.text, new Set(addresses));
      this.ws.tracker.touch(u.refs);
      return { value: u, used: used + 1 };
    }
    if (x.mode === 'count')
      return {
        value: x.keys.map((i) => touch(`${base}[${i}]`, `${key}[${i}]`, { count: { index: i } })),
        used,
      };
    const obj: ValueObject = {};
    for (const k of x.keys)
      obj[k] = touch(`${base}${instanceSuffix(k)}`, `${key}[${JSON.stringify(k)}]`, eachOf(k));
    return { value: obj, used };
  }

  /** A resource instance's configured argument, when it is fully known (for comprehension filters). */
  private configuredArgument(
    decl: ResourceDecl,
    address: string,
    name: string,
    bindings: Record<string, Value>,
  ): Value | undefined {
    const a = attr(decl.block.body, name);
    const busy = `argument ${address}.${name}`;
    if (!a || this.busy.has(busy)) return undefined;
    this.busy.add(busy);
    try {
      const { value } = this.ws.tracker.isolated(() => this.evaluator.with(bindings).safe(a.expr));
      return hasUnknown(value) ? undefined : value;
    } finally {
      this.busy.delete(busy);
    }
  }

  // Module calls ---------------------------------------------------------------------------------------

  /** Creates child module instances for every `module` block, recursively. */
  async expandCalls(modulesJson: ModulesJson | undefined, keyPath: string[]): Promise<void> {
    // Start reading every local module directory at once; instances are still created in order below.
    for (const decl of this.def.calls.values()) {
      const src = attr(decl.block.body, 'source');
      const text = src ? literalValue(src.expr) : undefined;
      if (typeof text === 'string' && (text.startsWith('./') || text.startsWith('../'))) {
        const dir = resolve(this.def.dir, text);
        if (!this.ws.escapes(dir) && existsSync(dir)) void this.ws.loadDef(dir);
      }
    }
    for (const [name, decl] of callOrder(this.def.calls)) {
      const sourceAttr = attr(decl.block.body, 'source');
      const source = sourceAttr ? this.evaluator.safe(sourceAttr.expr) : undefined;
      const address = `${this.prefix}module.${name}`;
      const at = { file: decl.file, line: decl.block.line };
      const inputs = (): ValueObject => {
        const out: ValueObject = {};
        for (const a of decl.block.body.attrs) {
          if (META_MODULE_ARGS.has(a.name)) continue;
          out[a.name] = this.evaluator.safe(a.expr);
        }
        return out;
      };
      if (typeof source !== 'string') {
        this.ws.warn(
          'module-source',
          `module.${name} has no readable source`,
          at,
          'source must be a literal string',
        );
        this.opaque.push({ name, address, decl, inputs, source: '?' });
        continue;
      }
      let dir: string | undefined;
      if (source.startsWith('./') || source.startsWith('../')) {
        dir = resolve(this.def.dir, source);
        if (this.ws.escapes(dir)) {
          this.ws.warn(
            'module-escape',
            `module.${name} source ${source} is outside the repository; shown as one module node`,
            at,
            'scan from a directory that contains the module',
          );
          dir = undefined;
        } else if (this.ancestors.includes(dir) || dir === this.def.dir) {
          this.ws.warn(
            'module-cycle',
            `module.${name} source ${source} includes itself (circular module sources); not followed`,
            at,
            'a module cannot call itself, directly or through another module',
          );
          this.opaque.push({ name, address, decl, inputs, source });
          continue;
        }
      } else {
        const entry = modulesJson?.get([...keyPath, name].join('.'));
        const known = lookupRegistryModule(source);
        const escapes = entry !== undefined && existsSync(entry) && this.ws.escapes(realpathSync(entry));
        if (escapes)
          this.ws.warn(
            'module-escape',
            `module.${name}: .terraform/modules/modules.json points outside the repository; not followed`,
            at,
            'run `terraform init` inside the repository',
          );
        if (entry && existsSync(entry) && !escapes) dir = entry;
        else if (known)
          this.ws.diagnostics.push({
            severity: 'info',
            code: 'module-catalog',
            analyzer: ANALYZER,
            message: `module.${name} (${source}) is not downloaded; drawn as one ${known.tfType} from the registry-module catalog`,
            file: at.file,
            line: at.line,
            hint: 'run `terraform init` to see the resources inside it',
          });
        else
          this.ws.warn(
            'module-unresolved',
            `module.${name} (${source}) is not downloaded; shown as one opaque module node`,
            at,
            'run `terraform init` so that .terraform/modules/modules.json exists',
          );
      }
      if (dir && !existsSync(dir)) {
        this.ws.warn(
          'module-missing',
          `module.${name} source ${source} does not exist; shown as one module node`,
          at,
          'check the source path',
        );
        dir = undefined;
      }
      if (!dir) {
        this.opaque.push({ name, address, decl, inputs, source });
        continue;
      }
      const def = await this.ws.loadDef(dir);
      let x = this.expansion(`module.${name}`, decl.block.body, decl.file);
      const fanOut = x.mode === 'count' || x.mode === 'each' ? x.keys.length : 1;
      if (this.ws.instances.length + fanOut > this.ws.limits.maxModuleInstances) {
        // One warning for the scan: past the limit every further call would say the same.
        if (!this.ws.moduleLimitHit)
          this.ws.warn(
            'module-limit',
            `${address}: module instances exceed the limit of ${this.ws.limits.maxModuleInstances}; its instances are shown as one`,
            { file: decl.file, line: decl.block.line },
            'raise the limit with --max-module-instances N (nested count/for_each multiply)',
          );
        this.ws.moduleLimitHit = true;
        x = { mode: 'unknown' };
        if (this.ws.instances.length >= this.ws.limits.maxModuleInstances) {
          this.opaque.push({ name, address, decl, inputs, source });
          continue;
        }
      }
      const keys: (number | string | undefined)[] =
        x.mode === 'count' ? x.keys : x.mode === 'each' ? x.keys : [undefined];
      const map = new Map<string, ModuleInstance>();
      this.children.set(name, map);
      const providerMap = this.providerMapFor(decl);
      for (const k of keys) {
        const bindings: Record<string, Value> =
          x.mode === 'count'
            ? { count: { index: k as number } }
            : x.mode === 'each'
              ? { each: { key: k as string, value: x.values.get(k as string) ?? null } }
              : x.mode === 'unknown'
                ? { count: { index: new Unknown('count.index') }, each: new Unknown('each') }
                : {};
        const child = new ModuleInstance(
          this.ws,
          def,
          `${address}${instanceSuffix(k)}.`,
          this.rootDir,
          { decl, evaluator: this.evaluator.with(bindings), providerMap },
          [...this.ancestors, this.def.dir],
        );
        child.unknownCount = x.mode === 'unknown';
        child.providerRegions = providerMap;
        child.defaultTags = new Map(this.defaultTags);
        map.set(k === undefined ? '' : String(k), child);
        await child.expandCalls(modulesJson, [...keyPath, name]);
      }
    }
  }

  /** True for instances of a module call whose count/for_each is unknown. */
  unknownCount = false;

  private providerMapFor(decl: Decl): Map<string, string | undefined> {
    const map = new Map(this.providerRegions);
    const providers = attr(decl.block.body, 'providers');
    if (providers?.expr.t === 'object') {
      for (const { key, value } of providers.expr.items) {
        const k = key.t === 'lit' ? String(key.v) : exprText(key);
        const v = exprText(value);
        map.set(k, this.providerRegions.get(v));
      }
    }
    return map;
  }

  /** Region of each provider configuration (`aws`, `aws.us_east_1`) declared in this module. */
  readProviders(): void {
    for (const p of this.def.providers) {
      const name = p.block.labels[0];
      if (!name) continue;
      const alias = attr(p.block.body, 'alias');
      const aliasName = alias ? this.evaluator.safe(alias.expr) : undefined;
      const key = typeof aliasName === 'string' ? `${name}.${aliasName}` : name;
      const region = attr(p.block.body, 'region');
      const v = region ? this.evaluator.safe(region.expr) : undefined;
      this.providerRegions.set(key, typeof v === 'string' ? v : undefined);
      const defaults = p.block.body.blocks.find((b) => b.type === 'default_tags');
      const tags = defaults ? attr(defaults.body, 'tags') : undefined;
      const tv = tags ? this.evaluator.safe(tags.expr) : undefined;
      if (isObject(tv)) {
        const out: Record<string, string> = {};
        for (const [k, x] of Object.entries(tv)) if (typeof x === 'string') out[k] = x;
        this.defaultTags.set(key, out);
      }
    }
  }

  private providerKey(decl: ResourceDecl): string {
    const p = attr(decl.block.body, 'provider');
    if (!p) return decl.type.split('_')[0]!;
    // JSON syntax gives `"${aws.west}"`: the one interpolation is the reference.
    const only = p.expr.t === 'tpl' && p.expr.parts.length === 1 ? p.expr.parts[0] : undefined;
    return only && typeof only === 'object' && only.t !== 'tif' && only.t !== 'tfor'
      ? exprText(only)
      : exprText(p.expr);
  }

  regionOf(decl: ResourceDecl): string | undefined {
    const key = this.providerKey(decl);
    return this.providerRegions.get(key) ?? this.providerRegions.get(key.split('.')[0]!);
  }

  /** The provider's default_tags (inherited by child modules). */
  defaultTagsOf(decl: ResourceDecl): Record<string, string> {
    const key = this.providerKey(decl);
    return this.defaultTags.get(key) ?? {};
  }
}

/**
 * Module calls in an order where a call whose count/for_each reads another module's outputs comes after that
 * module (those two arguments are evaluated while the instances are created; everything else is lazy).
 */
function callOrder(calls: Map<string, Decl>): [string, Decl][] {
  const names = [...calls.keys()].sort();
  const deps = new Map<string, string[]>();
  for (const name of names) {
    const body = calls.get(name)!.block.body;
    const text = ['count', 'for_each']
      .map((a) => attr(body, a))
      .map((a) => (a ? exprText(a.expr) : ''))
      .join(' ');
    deps.set(
      name,
      [...text.matchAll(/\bmodule\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!).filter((d) => calls.has(d)),
    );
  }
  const out: [string, Decl][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const d of deps.get(name) ?? []) visit(d);
    state.set(name, 'done');
    out.push([name, calls.get(name)!]);
  };
  for (const name of names) visit(name);
  return out;
}

const META_MODULE_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function literalBool(expr: Expr | undefined): boolean {
  return expr?.t === 'lit' && expr.v === true;
}

function deepRefsOf(v: Value): Set<string> {
  const out = new Set<string>();
  const walk = (x: Value): void => {
    if (x instanceof Unknown) for (const r of x.refs) out.add(r);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (isObject(x)) Object.values(x).forEach(walk);
  };
  walk(v);
  return out;
}

function allRefsOf(instances: Map<string, ModuleInstance>): Set<string> {
  return new Set([...instances.values()].map((i) => i.prefix.replace(/\.$/, '')));
}

/** `-var name=value`: numbers, bools and JSON structures convert, anything else is a string. */
function cliValue(text: string): Value {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[[{]/.test(text.trim())) {
    try {
      return valueFromJson(JSON.parse(text));
    } catch {
      return text;
    }
  }
  return text;
}

/** `.terraform/modules/modules.json`: module key (`a.b`) → absolute directory. */
export type ModulesJson = Map<string, string>;

export function readModulesJson(rootDir: string): ModulesJson | undefined {
  const file = join(rootDir, '.terraform', 'modules', 'modules.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readInputTextSync(file, 'state')) as {
      Modules?: { Key?: string; Dir?: string }[];
    };
    const out: ModulesJson = new Map();
    for (const m of parsed.Modules ?? []) {
      if (m.Key && m.Dir) out.set(m.Key, resolve(rootDir, m.Dir));
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Evaluates a resource body for one instance: values and the refs of each attribute path. */
export interface EvaluatedBody {
  values: ValueObject;
  /** Dotted attribute path (blocks and attribute names, no indexes) → addresses referenced there. */
  refs: Map<string, Set<string>>;
}

const META_RESOURCE_ARGS = new Set([
  'count',
  'for_each',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);

export function evaluateBody(ev: Evaluator, body: Body, tracker: RefTracker): EvaluatedBody {
  const refs = new Map<string, Set<string>>();
  const values = evalBody(ev, body, tracker, '', refs, true);
  return { values, refs };
}

function addRefs(map: Map<string, Set<string>>, path: string, refs: Set<string>): void {
  if (refs.size === 0) return;
  const set = map.get(path);
  if (set) for (const r of refs) set.add(r);
  else map.set(path, new Set(refs));
}

function evalBody(
  ev: Evaluator,
  body: Body,
  tracker: RefTracker,
  prefix: string,
  refs: Map<string, Set<string>>,
  top: boolean,
): ValueObject {
  const out: ValueObject = {};
  for (const a of body.attrs) {
    if (top && META_RESOURCE_ARGS.has(a.name)) continue;
    const { value, refs: r } = ev.collect(a.expr);
    // A value read through `each.value` or a for-expression variable carries refs the tracker never saw.
    for (const x of deepRefsOf(value)) r.add(x);
    addRefs(refs, prefix + a.name, r);
    out[a.name] = value;
  }
  const blocks = new Map<string, ValueObject[]>();
  for (const b of body.blocks) {
    if (top && META_RESOURCE_ARGS.has(b.type)) continue;
    if (b.type === 'dynamic' && b.labels[0]) {
      const name = b.labels[0];
      const list = blocks.get(name) ?? [];
      blocks.set(name, list);
      const content = b.body.blocks.find((x) => x.type === 'content');
      const forEach = attr(b.body, 'for_each');
      const iterAttr = attr(b.body, 'iterator');
      const iter = iterAttr ? exprText(iterAttr.expr) : name;
      if (!content || !forEach) continue;
      const { value: coll, refs: r } = ev.collect(forEach.expr);
      addRefs(refs, prefix + name, r);
      // Elements that hold unknowns (an ARN in a stage's configuration) still make one block each.
      if (coll instanceof Unknown || coll === null || (!Array.isArray(coll) && !isObject(coll))) {
        const u = new Unknown(`${iter}.value`, coll instanceof Unknown ? coll.refs : undefined);
        list.push(
          evalBody(
            ev.with({ [iter]: { key: u, value: u } }),
            content.body,
            tracker,
            `${prefix}${name}.`,
            refs,
            false,
          ),
        );
        continue;
      }
      try {
        for (const { key, value } of elements(coll)) {
          list.push(
            evalBody(
              ev.with({ [iter]: { key, value } }),
              content.body,
              tracker,
              `${prefix}${name}.`,
              refs,
              false,
            ),
          );
        }
      } catch (error) {
        if (!(error instanceof HclEvalError)) throw error;
      }
      continue;
    }
    const list = blocks.get(b.type) ?? [];
    blocks.set(b.type, list);
    list.push(evalBody(ev, b.body, tracker, `${prefix}${b.type}.`, refs, false));
  }
  for (const [name, list] of blocks) out[name] = list.length === 1 ? list[0]! : list;
  return out;
}

export function dirOf(file: string): string {
  return dirname(file);
}

/**
 * The references of `part` of a structured value: a reference only a sibling holds is dropped; one no element
 * holds (it came from how the value was computed) is kept.
 */
function narrowRefs(refs: ReadonlySet<string>, whole: Value[] | ValueObject, part: Value): Set<string> {
  const mine = deepRefs(part);
  const others = new Set<string>();
  for (const v of Array.isArray(whole) ? whole : Object.values(whole)) if (v !== part) deepRefs(v, others);
  return new Set([...refs].filter((r) => mine.has(r) || !others.has(r)));
}
