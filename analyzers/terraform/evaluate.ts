// The HCL expression evaluator: operators, templates, conditionals, for expressions, splats, indexes and
// function calls over plain values. Names (var., local., resources…) are resolved by a Resolver; every
// resource address touched on the way is recorded by the RefTracker, so references survive templates and calls.
import { FUNCTIONS, type FunctionContext } from './functions.js';
import { type Expr, exprText, type TemplatePart } from './parse.js';
import {
  asBool,
  asNumber,
  asString,
  deepRefs,
  elements,
  equal,
  HclEvalError,
  InstanceRef,
  isObject,
  typeName,
  Unknown,
  unknownOf,
  type Value,
  type ValueObject,
} from './values.js';

/** Binding present while a for expression's `if` is evaluated. */
const FILTER = '\u0000filter';

/** One traversal step after a root name: `.name` or `[expr]`. */
export type Step = { kind: 'get'; name: string; text: string } | { kind: 'index'; key: Expr; text: string };

export interface Resolver {
  /**
   * Resolves `root` followed by some of `steps` (e.g. `var.x`, `aws_sqs_queue.q`, `module.m.out`).
   * Returns the value and how many steps it consumed; the evaluator applies the rest.
   */
  resolve(root: string, steps: Step[], ev: Evaluator, text: string): { value: Value; used: number };
  readFile(path: string): string;
  parseTemplate(text: string): Expr | undefined;
  /** Functions of a dialect (Terragrunt's `find_in_parent_folders`…); undefined when the name is not one. */
  callFunction?(name: string, args: Value[], text: string): Value | undefined;
}

/** Records the addresses touched while evaluating; one frame per attribute, local, output… */
export class RefTracker {
  private readonly stack: Set<string>[] = [];

  touch(refs: Iterable<string>): void {
    const top = this.stack[this.stack.length - 1];
    if (top) for (const r of refs) top.add(r);
  }

  /** Runs fn in a fresh frame whose refs are not passed on (another root's addresses mean nothing here). */
  isolated<T>(fn: () => T): { value: T; refs: Set<string> } {
    const frame = new Set<string>();
    this.stack.push(frame);
    try {
      return { value: fn(), refs: frame };
    } finally {
      this.stack.pop();
    }
  }

  /** Runs fn in a fresh frame and returns what it touched (which is also passed on to the enclosing frame). */
  collect<T>(fn: () => T): { value: T; refs: Set<string> } {
    const frame = new Set<string>();
    this.stack.push(frame);
    try {
      return { value: fn(), refs: frame };
    } finally {
      this.stack.pop();
      this.touch(frame);
    }
  }
}

/** Traversals are read every time a resource instance is evaluated: flattened once per expression. */
const flattened = new WeakMap<Expr, { root: string; steps: Step[] } | null>();

function flatten(expr: Expr): { root: string; steps: Step[] } | undefined {
  let hit = flattened.get(expr);
  if (hit === undefined) {
    hit = flattenOnce(expr) ?? null;
    flattened.set(expr, hit);
  }
  return hit ?? undefined;
}

function flattenOnce(expr: Expr): { root: string; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.t === 'get') {
      steps.push({ kind: 'get', name: e.name, text: exprText(e) });
      e = e.obj;
    } else if (e.t === 'index') {
      steps.push({ kind: 'index', key: e.key, text: exprText(e) });
      e = e.obj;
    } else break;
  }
  if (e.t !== 'scope') return undefined;
  return { root: e.name, steps: steps.reverse() };
}

export class Evaluator {
  constructor(
    readonly resolver: Resolver,
    readonly tracker: RefTracker,
    /** Names bound for this evaluation: `each`, `count`, for-expression variables… */
    readonly bindings: ReadonlyMap<string, Value> = new Map(),
  ) {}

  with(extra: Record<string, Value>): Evaluator {
    const next = new Map(this.bindings);
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    return new Evaluator(this.resolver, this.tracker, next);
  }

  /** Evaluates without throwing: a failure becomes an Unknown with the refs seen so far. */
  safe(expr: Expr): Value {
    return this.collect(expr).value;
  }

  /** Like safe(), and also returns the addresses touched. */
  collect(expr: Expr): { value: Value; refs: Set<string> } {
    const { value, refs } = this.tracker.collect(() => {
      try {
        return this.eval(expr);
      } catch (error) {
        if (error instanceof HclEvalError || error instanceof RangeError) return undefined;
        throw error;
      }
    });
    return { value: value === undefined ? new Unknown(() => exprText(expr), refs) : value, refs };
  }

  eval(expr: Expr): Value {
    switch (expr.t) {
      case 'lit':
        return expr.v;
      case 'tpl':
        return this.template(expr.parts, expr);
      case 'scope':
      case 'get':
      case 'index':
        return this.reference(expr);
      case 'it':
        return this.bindings.get('\u0000it') ?? null;
      case 'splat':
        return this.splat(expr);
      case 'tuple':
        return expr.items.map((i) => this.eval(i));
      case 'object': {
        const out: ValueObject = {};
        let unknownKey: Unknown | undefined;
        for (const { key, value } of expr.items) {
          const k = this.eval(key);
          const v = this.eval(value);
          if (k instanceof Unknown) unknownKey = unknownOf(() => exprText(expr), k, v, unknownKey);
          else out[asString(k)] = v;
        }
        return unknownKey ? unknownOf(() => exprText(expr), unknownKey, out) : out;
      }
      case 'call':
        return this.call(expr);
      case 'cond': {
        const c = this.eval(expr.cond);
        if (c instanceof Unknown) {
          const a = this.eval(expr.then);
          const b = this.eval(expr.else);
          return equal(a, b) ? a : unknownOf(() => exprText(expr), c, a, b);
        }
        return asBool(c) ? this.eval(expr.then) : this.eval(expr.else);
      }
      case 'bin':
        return this.binary(expr.op, expr.left, expr.right, () => exprText(expr));
      case 'un': {
        const v = this.eval(expr.operand);
        if (v instanceof Unknown) return unknownOf(() => exprText(expr), v);
        if (expr.op === '!') return !asBool(v);
        return -asNumber(v);
      }
      case 'for':
        return this.forExpr(expr);
      case 'bad':
        throw new HclEvalError(`cannot evaluate ${exprText(expr)}`);
    }
  }

  private reference(expr: Expr): Value {
    const flat = flatten(expr);
    if (!flat) {
      // A traversal on a non-name (a call, a tuple…): evaluate the base and apply steps.
      if (expr.t === 'get') return this.getAttr(this.eval(expr.obj), expr.name, exprText(expr));
      if (expr.t === 'index') return this.index(this.eval(expr.obj), this.eval(expr.key), exprText(expr));
      throw new HclEvalError('bad reference');
    }
    const { root, steps } = flat;
    let value: Value;
    let used = 0;
    const bound = this.bindings.get(root);
    if (bound !== undefined) value = bound;
    else {
      const r = this.resolver.resolve(root, steps, this, root);
      value = r.value;
      used = r.used;
    }
    for (let i = used; i < steps.length; i++) {
      const step = steps[i]!;
      value =
        step.kind === 'get'
          ? this.getAttr(value, step.name, step.text)
          : this.index(value, this.eval(step.key), step.text);
    }
    return value;
  }

  getAttr(value: Value, name: string, text: string): Value {
    if (value instanceof Unknown) {
      // Inside a comprehension's filter, a resource instance's configured argument decides the condition.
      if (value instanceof InstanceRef && this.bindings.has(FILTER)) {
        const known = value.argument(name);
        if (known !== undefined) return known;
      }
      return new Unknown(text, value.refs);
    }
    if (isObject(value)) {
      if (name in value) return value[name]!;
      throw new HclEvalError(`no attribute ${name}`);
    }
    throw new HclEvalError(`cannot read .${name} of a ${typeName(value)}`);
  }

  index(value: Value, key: Value, text: string): Value {
    if (value instanceof Unknown || key instanceof Unknown) return unknownOf(text, value, key);
    if (Array.isArray(value)) {
      const i = asNumber(key);
      if (i < 0 || i >= value.length) throw new HclEvalError(`index ${i} out of range`);
      return value[i]!;
    }
    if (isObject(value)) {
      const k = asString(key);
      if (k in value) return value[k]!;
      throw new HclEvalError(`no key ${JSON.stringify(k)}`);
    }
    throw new HclEvalError(`cannot index a ${typeName(value)}`);
  }

  private splat(expr: Extract<Expr, { t: 'splat' }>): Value {
    const base = this.eval(expr.obj);
    if (base instanceof Unknown) return new Unknown(() => exprText(expr), base.refs);
    if (base === null) return [];
    const items = Array.isArray(base) ? base : [base];
    return items.map((item) => this.with({ '\u0000it': item }).eval(expr.body));
  }

  private binary(op: string, l: Expr, r: Expr, text: () => string): Value {
    const left = this.eval(l);
    if (op === '&&' && left === false) return false;
    if (op === '||' && left === true) return true;
    const right = this.eval(r);
    if (op === '&&' || op === '||') {
      if (left instanceof Unknown || right instanceof Unknown) {
        if (op === '&&' && right === false) return false;
        if (op === '||' && right === true) return true;
        return unknownOf(text, left, right);
      }
      return op === '&&' ? asBool(left) && asBool(right) : asBool(left) || asBool(right);
    }
    if (left instanceof Unknown || right instanceof Unknown) return unknownOf(text, left, right);
    switch (op) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      case '+':
        return asNumber(left) + asNumber(right);
      case '-':
        return asNumber(left) - asNumber(right);
      case '*':
        return asNumber(left) * asNumber(right);
      case '/':
        return asNumber(left) / asNumber(right);
      case '%':
        return asNumber(left) % asNumber(right);
      case '<':
        return asNumber(left) < asNumber(right);
      case '>':
        return asNumber(left) > asNumber(right);
      case '<=':
        return asNumber(left) <= asNumber(right);
      case '>=':
        return asNumber(left) >= asNumber(right);
      default:
        throw new HclEvalError(`operator ${op}`);
    }
  }

  private forExpr(expr: Extract<Expr, { t: 'for' }>): Value {
    // With a filter, only the elements kept count as references: a subnet list filtered by tier must not name
    // every subnet. Without one, everything the collection touched is passed on as before.
    const { value: coll, refs: collRefs } = expr.cond
      ? this.tracker.isolated(() => this.eval(expr.coll))
      : { value: this.eval(expr.coll), refs: undefined };
    if (collRefs && (coll instanceof Unknown || !(isObject(coll) || Array.isArray(coll))))
      this.tracker.touch(collRefs);
    if (coll instanceof Unknown) {
      // Still evaluate the body once, so that references inside it are seen.
      const u = new Unknown(expr.coll.t === 'bad' ? '?' : `${expr.value}`, coll.refs);
      const inner = this.with({ [expr.value]: u, ...(expr.key ? { [expr.key]: u } : {}) });
      const parts: Value[] = [coll];
      for (const e of [expr.keyExpr, expr.valueExpr, expr.cond]) if (e) parts.push(inner.safe(e));
      return unknownOf(() => exprText(expr), ...parts);
    }
    const listOut: Value[] = [];
    const objOut: ValueObject = {};
    let unknown: Unknown | undefined;
    for (const { key, value } of elements(coll)) {
      const inner = this.with({ [expr.value]: value, ...(expr.key ? { [expr.key]: key } : {}) });
      if (expr.cond) {
        const { value: c, refs: condRefs } = this.tracker.isolated(() =>
          this.with({ [expr.value]: value, ...(expr.key ? { [expr.key]: key } : {}), [FILTER]: true }).eval(
            expr.cond!,
          ),
        );
        if (c instanceof Unknown || asBool(c)) {
          // The element is (or may be) kept: what it and its filter came from are references.
          this.tracker.touch(condRefs);
          this.tracker.touch(deepRefs(value));
          if (typeof key !== 'number') this.tracker.touch(deepRefs(key));
        }
        if (c instanceof Unknown) {
          unknown = unknownOf(() => exprText(expr), c, unknown);
          continue;
        }
        if (!asBool(c)) continue;
      }
      const v = inner.eval(expr.valueExpr);
      if (!expr.object) {
        listOut.push(v);
        continue;
      }
      const k = inner.eval(expr.keyExpr!);
      if (k instanceof Unknown) {
        unknown = unknownOf(() => exprText(expr), k, v, unknown);
        continue;
      }
      const ks = asString(k);
      if (expr.group) {
        const group = Array.isArray(objOut[ks]) ? (objOut[ks] as Value[]) : [];
        group.push(v);
        objOut[ks] = group;
      } else objOut[ks] = v;
    }
    if (unknown) return unknownOf(() => exprText(expr), unknown, expr.object ? objOut : listOut);
    return expr.object ? objOut : listOut;
  }

  private call(expr: Extract<Expr, { t: 'call' }>): Value {
    const name = expr.name.includes('::') ? expr.name : expr.name;
    if (name === 'try') {
      for (const arg of expr.args) {
        try {
          return this.eval(arg);
        } catch (error) {
          if (!(error instanceof HclEvalError)) throw error;
        }
      }
      throw new HclEvalError('try: no argument succeeded');
    }
    if (name === 'can') {
      try {
        const v = this.eval(expr.args[0] ?? { t: 'bad', text: '' });
        return v instanceof Unknown ? unknownOf(() => exprText(expr), v) : true;
      } catch (error) {
        if (error instanceof HclEvalError) return false;
        throw error;
      }
    }
    let args = expr.args.map((a) => this.eval(a));
    if (expr.expand && args.length > 0) {
      const last = args[args.length - 1]!;
      if (last instanceof Unknown) return unknownOf(() => exprText(expr), ...args);
      args = [...args.slice(0, -1), ...elements(last).map((e) => e.value)];
    }
    const fn = FUNCTIONS[name];
    if (!fn)
      return (
        this.resolver.callFunction?.(name, args, exprText(expr)) ?? unknownOf(() => exprText(expr), ...args)
      );
    const ctx: FunctionContext = {
      // Rendered only when an unknown result is displayed.
      get text() {
        return exprText(expr);
      },
      readFile: (p) => this.resolver.readFile(p),
      renderTemplate: (text, vars) => {
        const tpl = this.resolver.parseTemplate(text);
        if (!tpl) throw new HclEvalError('templatefile: cannot parse the template');
        return new Evaluator(this.resolver, this.tracker, new Map(Object.entries(vars))).eval(tpl);
      },
    };
    return fn(args, ctx);
  }

  private template(parts: TemplatePart[], expr: Expr): Value {
    // A template that is exactly one interpolation keeps the value's type (`"${var.list}"` is a list).
    if (parts.length === 1 && typeof parts[0] === 'object' && 't' in parts[0] && isExpr(parts[0])) {
      return this.eval(parts[0]);
    }
    const out: string[] = [];
    const unknowns: Unknown[] = [];
    this.renderParts(parts, out, unknowns);
    const rendered = out.join('');
    if (unknowns.length === 0) return rendered;
    const refs = new Set<string>();
    for (const u of unknowns) deepRefs(u, refs);
    return new Unknown(rendered || exprText(expr), refs, true);
  }

  private renderParts(parts: TemplatePart[], out: string[], unknowns: Unknown[]): void {
    for (const part of parts) {
      if (typeof part === 'string') out.push(part);
      else if (part.t === 'tif') {
        const c = this.eval(part.cond);
        if (c instanceof Unknown) {
          unknowns.push(c);
          out.push('\u0024{?}');
        } else this.renderParts(asBool(c) ? part.then : part.else, out, unknowns);
      } else if (part.t === 'tfor') {
        const coll = this.eval(part.coll);
        if (coll instanceof Unknown) {
          unknowns.push(coll);
          out.push('\u0024{?}');
          continue;
        }
        for (const { key, value } of elements(coll)) {
          const inner = this.with({ [part.value]: value, ...(part.key ? { [part.key]: key } : {}) });
          inner.renderParts(part.body, out, unknowns);
        }
      } else {
        const v = this.eval(part);
        if (v instanceof Unknown) {
          unknowns.push(v);
          out.push(v.display());
        } else if (v !== null) {
          if (typeof v === 'object') throw new HclEvalError(`cannot interpolate a ${typeName(v)}`);
          out.push(asString(v));
        }
      }
    }
  }
}

function isExpr(p: TemplatePart): p is Expr {
  return typeof p === 'object' && p.t !== 'tif' && p.t !== 'tfor';
}
