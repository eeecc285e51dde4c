// Terragrunt units: terragrunt.hcl with its includes, locals, read_terragrunt_config, dependency blocks and inputs,
// evaluated in Terragrunt's own scope. A dependency's outputs resolve to the resources behind them in the other
// root, so a queue in one unit and the Lambda consuming it in another are connected.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputRefused, readInputTextSync } from '../../src/model/read-input.js';
import { Evaluator, type Resolver, type Step } from './evaluate.js';
import { attr, toPosix, type Workspace } from './modules.js';
import { type Attribute, type Body, type Expr, parseHclSync, parseTemplateSync } from './parse.js';
import { HclEvalError, isObject, Unknown, type Value, type ValueObject } from './values.js';

export { CROSS_ROOT } from './wiring.js';

/** How a unit's dependency outputs are read: set by the analyzer once the other root is built. */
export type OutputReader = (dir: string, output: string, text: string) => Value;

export interface TerragruntUnit {
  dir: string;
  /** terragrunt.hcl, relative to the scan root. */
  file: string;
  /** `terraform { source }` as written (after evaluation), and the local directory it names, if any. */
  source?: string;
  /** Where the source is set (the unit's file or an included one), relative to the scan root. */
  sourceAt?: { file: string; line: number };
  moduleDir?: string;
  /** Input name → lazy value (evaluated in the Terragrunt scope), with the file:line that sets it. */
  inputs: Map<string, { value: () => Value; file: string; line: number }>;
  /** Directories of `dependency` blocks (and `dependencies { paths }`), for ordering. */
  dependencies: string[];
  /** True when the file only holds settings for others (a root terragrunt.hcl with no source). */
  settingsOnly: boolean;
}

const MAX_DEPTH = 8;

/** One Terragrunt file evaluated for one unit (the unit's own file, an included parent, a read config). */
class TerragruntScope implements Resolver {
  readonly evaluator: Evaluator;
  readonly body: Body;
  readonly rel: string;
  private readonly localValues = new Map<string, Value>();
  private readonly busy = new Set<string>();
  readonly includes = new Map<string, TerragruntScope>();
  readonly dependencies = new Map<string, string>();

  constructor(
    readonly ws: Workspace,
    readonly file: string,
    /** The unit's directory: `get_terragrunt_dir()`, and where relative paths in an included file start. */
    readonly unitDir: string,
    readonly readOutput: OutputReader,
    readonly depth: number,
    /** The file that included this one (for `path_relative_to_include`). */
    readonly includedFrom?: TerragruntScope,
  ) {
    this.rel = ws.rel(file);
    this.body = parseFile(ws, file);
    this.evaluator = new Evaluator(this, ws.tracker);
    if (depth > MAX_DEPTH) return;
    for (const b of this.body.blocks) {
      if (b.type === 'include') {
        const p = attr(b.body, 'path');
        const v = p ? this.evaluator.safe(p.expr) : undefined;
        if (typeof v !== 'string') continue;
        const target = isAbsolute(v) ? v : resolve(unitDir, v);
        if (this.ws.escapes(target) || !isFile(target)) {
          ws.warn('terragrunt-include', `include ${v} cannot be read`, { file: this.rel, line: b.line });
          continue;
        }
        this.includes.set(
          b.labels[0] ?? '',
          new TerragruntScope(ws, target, unitDir, readOutput, depth + 1, this),
        );
      } else if (b.type === 'dependency' && b.labels[0]) {
        const p = attr(b.body, 'config_path');
        const v = p ? this.evaluator.safe(p.expr) : undefined;
        if (typeof v === 'string') this.dependencies.set(b.labels[0], resolve(unitDir, v));
      }
    }
  }

  // Resolver -------------------------------------------------------------------------------------------

  resolve(root: string, steps: Step[]): { value: Value; used: number } {
    const first = steps[0]?.kind === 'get' ? steps[0].name : undefined;
    switch (root) {
      case 'local':
        if (!first) throw new HclEvalError('local needs a name');
        return { value: this.local(first), used: 1 };
      case 'include': {
        const inc = first !== undefined ? this.includes.get(first) : undefined;
        if (inc) return { value: inc.exposed(), used: 1 };
        // A bare `include.locals` (the single unnamed include of older Terragrunt).
        const only = this.includes.get('');
        if (only) return { value: only.exposed(), used: 0 };
        throw new HclEvalError(`no include ${first}`);
      }
      case 'dependency': {
        const dir = first ? this.allDependencies().get(first) : undefined;
        if (!dir) throw new HclEvalError(`no dependency ${first}`);
        const out = steps[1]?.kind === 'get' && steps[1].name === 'outputs' ? steps[2] : undefined;
        if (out?.kind === 'get') return { value: this.readOutput(dir, out.name, out.text), used: 3 };
        return { value: this.readOutput(dir, '', `dependency.${first}`), used: steps.length };
      }
      default:
        throw new HclEvalError(`${root} is not a Terragrunt name`);
    }
  }

  readFile(path: string): string {
    const abs = isAbsolute(path) ? path : resolve(dirname(this.file), path);
    if (this.ws.escapes(abs) || !isFile(abs) || this.ws.escapes(realpathSync(abs)))
      throw new HclEvalError(`file ${path} cannot be read`);
    try {
      return readInputTextSync(abs, 'hcl');
    } catch (error) {
      if (error instanceof InputRefused) throw new HclEvalError(`file ${path} ${error.detail}`);
      throw error;
    }
  }

  parseTemplate(text: string): Expr | undefined {
    return parseTemplateSync(text);
  }

  callFunction(name: string, args: Value[], text: string): Value | undefined {
    const str = (i: number) => (typeof args[i] === 'string' ? (args[i] as string) : undefined);
    switch (name) {
      case 'find_in_parent_folders': {
        const wanted = str(0) ?? 'terragrunt.hcl';
        for (let d = dirname(this.unitDir); !this.ws.escapes(d); d = dirname(d)) {
          if (isFile(join(d, wanted))) return join(d, wanted);
          if (d === dirname(d)) break;
        }
        if (args.length > 1) return args[1]!;
        throw new HclEvalError(`find_in_parent_folders: no ${wanted} above ${this.ws.rel(this.unitDir)}`);
      }
      case 'get_terragrunt_dir':
      case 'get_original_terragrunt_dir':
        return this.unitDir;
      case 'get_parent_terragrunt_dir':
        return dirname((this.includedFrom ? this : this.firstInclude())?.file ?? this.file);
      case 'path_relative_to_include':
        return (
          toPosix(
            relative(
              dirname((this.includedFrom ? this : this.firstInclude())?.file ?? this.file),
              this.unitDir,
            ),
          ) || '.'
        );
      case 'path_relative_from_include':
        return (
          toPosix(
            relative(
              this.unitDir,
              dirname((this.includedFrom ? this : this.firstInclude())?.file ?? this.file),
            ),
          ) || '.'
        );
      case 'get_repo_root':
        return this.ws.root;
      case 'get_path_from_repo_root':
        return toPosix(relative(this.ws.root, this.unitDir)) || '.';
      case 'get_path_to_repo_root':
        return toPosix(relative(this.unitDir, this.ws.root)) || '.';
      case 'get_env':
        return args.length > 1 ? args[1]! : new Unknown(text);
      case 'read_terragrunt_config': {
        const p = str(0);
        if (p === undefined || this.depth >= MAX_DEPTH) return args[1] ?? new Unknown(text);
        const abs = isAbsolute(p) ? p : resolve(this.unitDir, p);
        if (this.ws.escapes(abs) || !isFile(abs)) {
          if (args.length > 1) return args[1]!;
          throw new HclEvalError(`read_terragrunt_config: ${p} cannot be read`);
        }
        return new TerragruntScope(this.ws, abs, this.unitDir, this.readOutput, this.depth + 1).exposed();
      }
      default:
        return undefined;
    }
  }

  // Values ---------------------------------------------------------------------------------------------

  private firstInclude(): TerragruntScope | undefined {
    return this.includes.values().next().value;
  }

  private localAttr(name: string): Attribute | undefined {
    for (const b of this.body.blocks)
      if (b.type === 'locals') for (const a of b.body.attrs) if (a.name === name) return a;
    return undefined;
  }

  local(name: string): Value {
    const hit = this.localValues.get(name);
    if (hit !== undefined) return hit;
    const a = this.localAttr(name);
    if (!a) throw new HclEvalError(`no local ${name}`);
    if (this.busy.has(name)) throw new HclEvalError(`local ${name} refers to itself`);
    this.busy.add(name);
    try {
      const v = this.evaluator.safe(a.expr);
      this.localValues.set(name, v);
      return v;
    } finally {
      this.busy.delete(name);
    }
  }

  /** What `include.x` and `read_terragrunt_config()` give: `{ locals, inputs }`. */
  exposed(): ValueObject {
    const locals: ValueObject = {};
    for (const b of this.body.blocks)
      if (b.type === 'locals') for (const a of b.body.attrs) locals[a.name] = this.local(a.name);
    const inputs = attr(this.body, 'inputs');
    return { locals, inputs: inputs ? this.evaluator.safe(inputs.expr) : {} };
  }

  /** Dependency blocks of this file and of what it includes (the unit's own win). */
  allDependencies(): Map<string, string> {
    const out = new Map<string, string>();
    for (const inc of this.includes.values()) for (const [k, v] of inc.allDependencies()) out.set(k, v);
    for (const [k, v] of this.dependencies) out.set(k, v);
    return out;
  }

  /** `terraform { source }` here or in an include, resolved against the file that declares it. */
  source(): { text: string; dir?: string; file: string; line: number } | undefined {
    const tf = this.body.blocks.find((b) => b.type === 'terraform');
    const s = tf ? attr(tf.body, 'source') : undefined;
    if (s) {
      const v = this.evaluator.safe(s.expr);
      if (typeof v === 'string') {
        const path = v.split('//')[0]!.replace(/\?.*$/, '');
        const local =
          isAbsolute(path) ||
          path.startsWith('./') ||
          path.startsWith('../') ||
          path === '.' ||
          path === '..';
        const at = { file: this.file, line: s.line };
        if (!local) return { text: v, ...at };
        // Relative to the file that declares it (an included _envcommon file names ../modules from its own folder).
        const base = resolve(dirname(this.file), path);
        const sub = v.includes('//') ? v.split('//').slice(1).join('//').replace(/\?.*$/, '') : '';
        return { text: v, dir: sub ? resolve(base, sub) : base, ...at };
      }
      if (v instanceof Unknown) return { text: v.display(), file: this.file, line: s.line };
    }
    for (const inc of [...this.includes.values()].reverse()) {
      const found = inc.source();
      if (found) return found;
    }
    return undefined;
  }

  /** Inputs of the includes first, then this file's (Terragrunt's shallow merge). */
  inputs(out: TerragruntUnit['inputs']): void {
    for (const inc of this.includes.values()) inc.inputs(out);
    const a = attr(this.body, 'inputs');
    if (!a) return;
    if (a.expr.t === 'object') {
      for (const { key, value } of a.expr.items) {
        const k = key.t === 'lit' ? String(key.v) : key.t === 'scope' ? key.name : undefined;
        if (k === undefined) continue;
        out.set(k, { value: () => this.evaluator.eval(value), file: this.rel, line: a.line });
      }
      return;
    }
    // `inputs = merge(local.common, { … })`: one evaluation, split by key.
    let whole: Value | undefined;
    const all = () => {
      whole ??= this.evaluator.safe(a.expr);
      return whole;
    };
    const v = all();
    if (isObject(v))
      for (const k of Object.keys(v))
        out.set(k, { value: () => (all() as ValueObject)[k]!, file: this.rel, line: a.line });
  }
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

function parseFile(ws: Workspace, file: string): Body {
  let text = '';
  try {
    text = readInputTextSync(file, 'hcl');
  } catch (error) {
    const why = error instanceof InputRefused ? error.detail : 'cannot be read';
    ws.warn('unreadable', `${ws.rel(file)} ${why}`, { file: ws.rel(file), line: 1 });
  }
  const parsed = parseHclSync(text, ws.rel(file));
  if (!parsed) return { attrs: [], blocks: [] };
  ws.diagnostics.push(...parsed.diagnostics);
  return parsed.body;
}

/**
 * Reads a Terragrunt unit (a directory with terragrunt.hcl). The parser must have been loaded (any parseHcl call).
 * @example
 * const unit = readTerragruntUnit(ws, '/repo/live/prod/app', readOutput);
 * unit.dependencies // ['/repo/live/prod/queue']
 */
export function readTerragruntUnit(ws: Workspace, dir: string, readOutput: OutputReader): TerragruntUnit {
  const file = join(dir, 'terragrunt.hcl');
  const scope = new TerragruntScope(ws, file, dir, readOutput, 0);
  const inputs: TerragruntUnit['inputs'] = new Map();
  const { value: source } = ws.tracker.isolated(() => scope.source());
  ws.tracker.isolated(() => scope.inputs(inputs));
  const deps = [...scope.allDependencies().values()];
  for (const b of scope.body.blocks)
    if (b.type === 'dependencies') {
      const p = attr(b.body, 'paths');
      const v = p ? scope.evaluator.safe(p.expr) : undefined;
      if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') deps.push(resolve(dir, x));
    }
  if (source?.dir && ws.escapes(source.dir))
    ws.warn('module-escape', `terragrunt source ${source.text} is outside the repository`, {
      file: ws.rel(source.file),
      line: source.line,
    });
  const moduleDir = source?.dir && !ws.escapes(source.dir) ? source.dir : undefined;
  return {
    dir,
    file: ws.rel(file),
    ...(source ? { source: source.text, sourceAt: { file: ws.rel(source.file), line: source.line } } : {}),
    ...(moduleDir ? { moduleDir } : {}),
    inputs,
    dependencies: [...new Set(deps)],
    settingsOnly: !source && !hasTf(dir),
  };
}

function hasTf(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => n.endsWith('.tf') || n.endsWith('.tf.json'));
  } catch {
    return false;
  }
}

/** Orders units so that a dependency comes before the units that read its outputs (cycles keep file order). */
export function dependencyOrder<T extends { dir: string; dependencies: string[] }>(units: T[]): T[] {
  const byDir = new Map(units.map((u) => [u.dir, u]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (u: T) => {
    if (state.has(u.dir)) return;
    state.set(u.dir, 'visiting');
    for (const d of u.dependencies) {
      const dep = byDir.get(d);
      if (dep) visit(dep);
    }
    state.set(u.dir, 'done');
    out.push(u);
  };
  for (const u of units) visit(u);
  return out;
}
