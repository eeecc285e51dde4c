// One stack = one template plus its parameter values. Resolves intrinsics (Ref, GetAtt, Sub, Join, If, Select,
// FindInMap, ImportValue…) into values that keep their references, evaluates conditions where their inputs are
// known, and follows nested stacks and exports across stacks through the workspace.
import type { Diagnostic } from '../../src/model/schema.js';
import { type CfnObject, type CfnValue, Interp, isObj, RefV } from './values.js';

export const ANALYZER = 'cloudformation';

/** What a template was written as: it decides which transform applies and how nodes are named. */
export type Flavor = 'cloudformation' | 'sam' | 'serverless' | 'cdk';

export interface RawResource {
  logicalId: string;
  type: string;
  properties: CfnObject;
  raw: Record<string, unknown>;
  line?: number;
  condition?: string;
  metadata: Record<string, unknown>;
  dependsOn: string[];
}

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const NO_VALUE = Symbol('NoValue');
type Resolved = CfnValue | typeof NO_VALUE;

/** Bound on recursion through references (a parameter passed down nested stacks, an output of an output…). */
const MAX_DEPTH = 60;

export class Workspace {
  readonly diagnostics: Diagnostic[] = [];
  readonly stacks: Stack[] = [];
  /** Export name → the stack and raw value that export it. */
  readonly exports = new Map<string, { stack: Stack; value: unknown; line?: number }>();
  private readonly warned = new Set<string>();

  warn(
    code: string,
    message: string,
    file: string | undefined,
    line: number | undefined,
    hint?: string,
  ): void {
    const key = `${code}\u0000${message}\u0000${file}\u0000${line}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.diagnostics.push({
      severity: 'warning',
      code,
      analyzer: ANALYZER,
      message: `${file ?? ''}${line ? `:${line}` : ''}: ${message}`,
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
      ...(hint ? { hint } : {}),
    });
  }

  /** Records every stack's exports; run once all stacks are loaded, before anything is resolved. */
  registerExports(): void {
    for (const stack of this.stacks) {
      const outputs = stack.doc.Outputs;
      if (!isRecord(outputs)) continue;
      for (const [name, out] of Object.entries(outputs)) {
        if (!isRecord(out) || !isRecord(out.Export)) continue;
        const line = stack.lineOf(outputs, name);
        const exportName = stack.resolve(out.Export.Name, line);
        if (typeof exportName !== 'string') continue;
        this.exports.set(exportName, { stack, value: out.Value, ...(line ? { line } : {}) });
      }
    }
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface StackInit {
  ws: Workspace;
  /** Root-relative file, forward slashes. */
  file: string;
  /** Absolute path of the template file. */
  abs: string;
  /** Stack name: the prefix of every node id of this stack. */
  name: string;
  doc: Record<string, unknown>;
  lines: WeakMap<object, Map<string, number>>;
  flavor: Flavor;
  /** Parameter values given from outside (`--parameters`, samconfig, a parent stack's Parameters). */
  parameters?: Map<string, { raw: unknown; from?: Stack }>;
  parent?: Stack;
}

export class Stack {
  readonly ws: Workspace;
  readonly file: string;
  readonly abs: string;
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly lines: WeakMap<object, Map<string, number>>;
  readonly flavor: Flavor;
  readonly parent: Stack | undefined;
  readonly resources = new Map<string, RawResource>();
  /** Node ids that differ from `<stack>/<logicalId>` (CDK construct paths, Serverless function names). */
  readonly ids = new Map<string, string>();
  /** Nested stacks by the logical id of their AWS::CloudFormation::Stack resource. */
  readonly children = new Map<string, Stack>();
  private readonly given: Map<string, { raw: unknown; from?: Stack }>;
  private readonly paramCache = new Map<string, Resolved | undefined>();
  private readonly condCache = new Map<string, boolean | undefined>();
  private depth = 0;

  constructor(init: StackInit) {
    this.ws = init.ws;
    this.file = init.file;
    this.abs = init.abs;
    this.name = init.name;
    this.doc = init.doc;
    this.lines = init.lines;
    this.flavor = init.flavor;
    this.parent = init.parent;
    this.given = init.parameters ?? new Map();
    const resources = this.doc.Resources;
    if (isRecord(resources)) {
      for (const [logicalId, r] of Object.entries(resources)) {
        if (!isRecord(r) || typeof r.Type !== 'string') {
          this.ws.warn(
            'cfn-bad-resource',
            `resource ${logicalId} has no Type`,
            this.file,
            this.lineOf(resources, logicalId),
            'every resource needs a Type',
          );
          continue;
        }
        this.resources.set(logicalId, {
          logicalId,
          type: r.Type,
          properties: isRecord(r.Properties) ? (r.Properties as CfnObject) : {},
          raw: r,
          line: this.lineOf(resources, logicalId),
          ...(typeof r.Condition === 'string' ? { condition: r.Condition } : {}),
          metadata: isRecord(r.Metadata) ? r.Metadata : {},
          dependsOn:
            typeof r.DependsOn === 'string'
              ? [r.DependsOn]
              : Array.isArray(r.DependsOn)
                ? r.DependsOn.filter((d): d is string => typeof d === 'string')
                : [],
        });
      }
    }
  }

  lineOf(obj: unknown, key: string): number | undefined {
    return typeof obj === 'object' && obj !== null ? this.lines.get(obj)?.get(key) : undefined;
  }

  /** The node id of a logical id in this stack. */
  idOf(logicalId: string): string {
    return this.ids.get(logicalId) ?? `${this.name}/${logicalId}`;
  }

  /** A parameter's value: given from outside, else its Default. */
  param(name: string, line?: number): Resolved | undefined {
    if (this.paramCache.has(name)) return this.paramCache.get(name);
    this.paramCache.set(name, undefined);
    const given = this.given.get(name);
    let out: Resolved | undefined;
    if (given) out = given.from ? given.from.resolveInner(given.raw, line) : (given.raw as CfnValue);
    else {
      const decl = isRecord(this.doc.Parameters) ? this.doc.Parameters[name] : undefined;
      if (isRecord(decl) && decl.Default !== undefined) out = this.resolveInner(decl.Default, line);
    }
    // A List<…> or CommaDelimitedList parameter given as text is a list.
    const decl = isRecord(this.doc.Parameters) ? this.doc.Parameters[name] : undefined;
    if (typeof out === 'string' && isRecord(decl) && typeof decl.Type === 'string' && /List/.test(decl.Type))
      out = out.split(',').map((s) => s.trim());
    this.paramCache.set(name, out);
    return out;
  }

  hasParam(name: string): boolean {
    return isRecord(this.doc.Parameters) && name in this.doc.Parameters;
  }

  /** A condition's value, or undefined when it depends on something unknown. */
  condition(name: string, line?: number): boolean | undefined {
    if (this.condCache.has(name)) return this.condCache.get(name);
    this.condCache.set(name, undefined);
    const conds = this.doc.Conditions;
    const raw = isRecord(conds) ? conds[name] : undefined;
    if (raw === undefined) {
      this.ws.warn('cfn-unknown-condition', `condition ${name} is not declared`, this.file, line);
      return undefined;
    }
    const v = this.evalCondition(raw, this.lineOf(conds, name) ?? line);
    this.condCache.set(name, v);
    return v;
  }

  private evalCondition(raw: unknown, line: number | undefined): boolean | undefined {
    if (typeof raw === 'boolean') return raw;
    if (!isRecord(raw)) return undefined;
    const [fn, arg] = Object.entries(raw)[0] ?? [];
    const args = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, line) : undefined;
      case 'Fn::Not': {
        const v = this.evalCondition(args[0], line);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const vs = args.map((a) => this.evalCondition(a, line));
        if (fn === 'Fn::And') return vs.includes(false) ? false : vs.includes(undefined) ? undefined : true;
        return vs.includes(true) ? true : vs.includes(undefined) ? undefined : false;
      }
      case 'Fn::Equals': {
        const [a, b] = args.map((x) => this.resolveInner(x, line));
        const known = (x: unknown) =>
          typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
        return known(a) && known(b) ? String(a) === String(b) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Resolves a raw template value; `AWS::NoValue` becomes undefined. */
  resolve(raw: unknown, line?: number): CfnValue | undefined {
    const v = this.resolveInner(raw, line);
    return v === NO_VALUE ? undefined : v;
  }

  resolveInner(raw: unknown, line?: number): Resolved {
    if (this.depth > MAX_DEPTH) return null;
    this.depth++;
    try {
      return this.resolveStep(raw, line);
    } finally {
      this.depth--;
    }
  }

  private resolveStep(raw: unknown, line: number | undefined): Resolved {
    if (raw === undefined || raw === null) return null;
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
    if (raw instanceof Date) return raw.toISOString().slice(0, 10);
    if (raw instanceof RefV || raw instanceof Interp) return raw;
    if (Array.isArray(raw)) {
      const out: CfnValue[] = [];
      for (const x of raw) {
        const v = this.resolveInner(x, line);
        if (v !== NO_VALUE) out.push(v);
      }
      return out;
    }
    if (!isRecord(raw)) return null;
    const keys = Object.keys(raw);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::')))
      return this.intrinsic(keys[0]!, raw[keys[0]!], line);
    const out: CfnObject = {};
    for (const k of keys) {
      const v = this.resolveInner(raw[k], this.lineOf(raw, k) ?? line);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  /** A reference to a logical id: a parameter's value, a pseudo parameter, or a resource. */
  ref(name: string, line: number | undefined): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name === 'AWS::StackName') return this.name;
    if (PSEUDO.has(name)) return `\${${name}}`;
    if (this.hasParam(name) || this.given.has(name)) {
      const v = this.param(name, line);
      return v === undefined ? new Interp(`\${${name}}`, []) : v;
    }
    if (this.resources.has(name)) return new RefV(this.idOf(name), undefined, `\${${name}}`);
    this.ws.warn(
      'cfn-unresolved-ref',
      `Ref ${name} names no parameter or resource`,
      this.file,
      line,
      'check the logical id',
    );
    return new Interp(`\${${name}}`, []);
  }

  getAtt(resource: string, attr: string, line: number | undefined): Resolved {
    const child = this.children.get(resource);
    if (child && attr.startsWith('Outputs.')) {
      const out = child.output(attr.slice('Outputs.'.length), line);
      if (out !== undefined) return out;
    }
    if (this.resources.has(resource)) return new RefV(this.idOf(resource), attr, `\${${resource}.${attr}}`);
    this.ws.warn('cfn-unresolved-ref', `GetAtt ${resource}.${attr} names no resource`, this.file, line);
    return new Interp(`\${${resource}.${attr}}`, []);
  }

  /** An output's value (for a parent's `GetAtt Child.Outputs.X`). */
  output(name: string, line: number | undefined): CfnValue | undefined {
    const outputs = this.doc.Outputs;
    const out = isRecord(outputs) ? outputs[name] : undefined;
    if (!isRecord(out)) return undefined;
    return this.resolve(out.Value, this.lineOf(outputs, name) ?? line);
  }

  private intrinsic(fn: string, arg: unknown, line: number | undefined): Resolved {
    const args = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, line) : null;
      case 'Fn::GetAtt': {
        const parts = typeof arg === 'string' ? arg.split('.') : args;
        const res = this.resolveInner(parts[0], line);
        const attr = parts.length > 2 ? parts.slice(1).join('.') : this.resolveInner(parts[1], line);
        return typeof res === 'string' && typeof attr === 'string' ? this.getAtt(res, attr, line) : null;
      }
      case 'Fn::Sub':
        return this.sub(args[0], isRecord(args[1]) ? args[1] : {}, line);
      case 'Fn::Join': {
        const delim = this.resolveInner(args[0], line);
        const list = this.resolveInner(args[1], line);
        if (typeof delim !== 'string' || !Array.isArray(list)) return this.opaque(fn, arg, line);
        return concat(list, delim);
      }
      case 'Fn::Select': {
        const index = this.resolveInner(args[0], line);
        const list = this.resolveInner(args[1], line);
        if (Array.isArray(list) && (typeof index === 'number' || typeof index === 'string'))
          return list[Number(index)] ?? null;
        return this.opaque(fn, arg, line);
      }
      case 'Fn::Split': {
        const delim = this.resolveInner(args[0], line);
        const text = this.resolveInner(args[1], line);
        if (typeof delim === 'string' && typeof text === 'string') return text.split(delim);
        if (text instanceof RefV || text instanceof Interp) return [text];
        return this.opaque(fn, arg, line);
      }
      case 'Fn::If': {
        const cond = typeof args[0] === 'string' ? this.condition(args[0], line) : undefined;
        if (cond === true) return this.resolveInner(args[1], line);
        if (cond === false) return this.resolveInner(args[2], line);
        return this.opaque(fn, [args[1], args[2]], line, `\${If ${String(args[0])}}`);
      }
      case 'Fn::ImportValue': {
        const name = this.resolveInner(arg, line);
        if (typeof name === 'string') {
          const exp = this.ws.exports.get(name);
          if (exp) return exp.stack.resolveInner(exp.value, exp.line);
          this.ws.warn(
            'cfn-unresolved-import',
            `ImportValue ${name}: no scanned stack exports it`,
            this.file,
            line,
            'scan the directory that holds the exporting template too',
          );
          return new Interp(`\${ImportValue ${name}}`, []);
        }
        const text = name instanceof Interp ? name.text : String(name);
        this.ws.warn(
          'cfn-unresolved-import',
          `ImportValue ${text}: the export name is not known`,
          this.file,
          line,
          'give the parameters it is built from (--parameters FILE)',
        );
        return this.opaque(fn, arg, line);
      }
      case 'Fn::FindInMap': {
        const [m, k1, k2] = args.map((a) => this.resolveInner(a, line));
        const maps = this.doc.Mappings;
        if (typeof m === 'string' && typeof k1 === 'string' && typeof k2 === 'string' && isRecord(maps)) {
          const top = maps[m];
          const second = isRecord(top) ? top[k1] : undefined;
          if (isRecord(second) && k2 in second) return this.resolveInner(second[k2], line);
        }
        return this.opaque(fn, arg, line);
      }
      case 'Fn::Base64':
        return this.resolveInner(arg, line);
      case 'Fn::GetAZs':
      case 'Fn::Cidr':
      case 'Fn::Transform':
      case 'Fn::ToJsonString':
      case 'Fn::Length':
      case 'Fn::ForEach':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Fn::Equals':
        return this.opaque(fn, arg, line);
      default:
        this.ws.warn(
          'cfn-unknown-intrinsic',
          `unknown intrinsic ${fn}`,
          this.file,
          line,
          'kept as an unknown value',
        );
        return this.opaque(fn, arg, line);
    }
  }

  /** A value that cannot be computed: unknown text that still carries the references inside it. */
  private opaque(fn: string, arg: unknown, line: number | undefined, text?: string): Interp {
    const inner = this.resolveInner(arg, line);
    const refs: RefV[] = [];
    collect(inner === NO_VALUE ? null : inner, refs);
    return new Interp(text ?? `\${${fn}}`, refs);
  }

  private sub(template: unknown, vars: Record<string, unknown>, line: number | undefined): Resolved {
    const text = this.resolveInner(template, line);
    if (typeof text !== 'string') return this.opaque('Fn::Sub', template, line);
    const parts: CfnValue[] = [];
    let last = 0;
    const re = /\$\{([^}]*)\}/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const expr = m[1]!;
      parts.push(text.slice(last, m.index));
      last = m.index + m[0].length;
      if (expr.startsWith('!')) {
        parts.push(`\${${expr.slice(1)}}`);
        continue;
      }
      if (expr in vars) {
        const v = this.resolveInner(vars[expr], line);
        parts.push(v === NO_VALUE ? '' : v);
        continue;
      }
      const dot = expr.indexOf('.');
      if (dot > 0 && !PSEUDO.has(expr)) {
        const v = this.getAtt(expr.slice(0, dot), expr.slice(dot + 1), line);
        parts.push(v === NO_VALUE ? '' : v);
      } else {
        const v = this.ref(expr, line);
        parts.push(v === NO_VALUE ? '' : v);
      }
    }
    parts.push(text.slice(last));
    return concat(parts, '');
  }
}

function collect(v: CfnValue, out: RefV[]): void {
  if (v instanceof RefV) out.push(v);
  else if (v instanceof Interp) out.push(...v.refs);
  else if (Array.isArray(v)) for (const x of v) collect(x, out);
  else if (isObj(v)) for (const x of Object.values(v)) collect(x, out);
}

/** Joins resolved parts: plain text when every part is known, else an Interp carrying the references. */
function concat(parts: CfnValue[], delim: string): CfnValue {
  const refs: RefV[] = [];
  let known = true;
  const texts = parts.map((p) => {
    if (p instanceof RefV) {
      refs.push(p);
      known = false;
      return p.display;
    }
    if (p instanceof Interp) {
      refs.push(...p.refs);
      known = false;
      return p.text;
    }
    if (p === null || typeof p !== 'object') return String(p ?? '');
    known = false;
    collect(p, refs);
    return JSON.stringify(p);
  });
  const text = texts.join(delim);
  if (known) return text;
  // A whole value that is one reference stays that reference (`${Table.Arn}`).
  if (
    refs.length === 1 &&
    parts.length >= 1 &&
    texts.filter((t) => t !== '').length === 1 &&
    parts.includes(refs[0]!)
  )
    return refs[0]!;
  return new Interp(text, refs);
}
