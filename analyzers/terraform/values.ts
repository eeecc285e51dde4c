// Values of the HCL evaluator: JSON-like data plus a symbolic Unknown that remembers which resources it came from.

/**
 * A value that cannot be known before apply (a resource attribute, an unset variable…). It keeps the
 * addresses it was derived from, its source text, and (for jsonencode of a structure) the structure itself.
 */
export class Unknown {
  /** The text, or a function giving it: most unknowns are never displayed, and rendering costs. */
  private source: string | (() => string);

  constructor(
    text: string | (() => string),
    readonly refs: ReadonlySet<string> = EMPTY,
    /** true when `text` is a rendered template (`${aws_s3_bucket.x.arn}/*`), not an expression. */
    readonly template = false,
    /** The structured value an encoding function was applied to. */
    readonly inner?: Value,
  ) {
    this.source = text;
  }

  /** The expression this value stands for (`aws_sqs_queue.q.arn`), or a rendered template's text. */
  get text(): string {
    if (typeof this.source !== 'string') this.source = this.source();
    return this.source;
  }

  /** How this value reads in props and env: the expression as `${…}`. */
  display(): string {
    return this.template ? this.text : `\${${this.text}}`;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * A resource instance read as a whole (`s` in `for s in aws_subnet.this`): still unknown, but a filter may read
 * its configured arguments (`s.tags.Tier`), so a comprehension's `if` can be decided.
 */
export class InstanceRef extends Unknown {
  constructor(
    text: string | (() => string),
    refs: ReadonlySet<string>,
    /** The known value of a configured argument, or undefined. */
    readonly argument: (name: string) => Value | undefined,
  ) {
    super(text, refs);
  }
}

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;
export type ValueObject = { [key: string]: Value };

export class HclEvalError extends Error {}

export function isObject(v: Value | undefined): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Every address an Unknown anywhere inside `v` was derived from. */
export function deepRefs(v: Value | undefined, out = new Set<string>()): Set<string> {
  if (v instanceof Unknown) {
    for (const r of v.refs) out.add(r);
    if (v.inner !== undefined) deepRefs(v.inner, out);
  } else if (Array.isArray(v)) for (const x of v) deepRefs(x, out);
  else if (isObject(v)) for (const x of Object.values(v)) deepRefs(x, out);
  return out;
}

export function hasUnknown(v: Value | undefined): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/** An Unknown standing for a whole expression, carrying the refs of its inputs. */
export function unknownOf(text: string | (() => string), ...inputs: (Value | undefined)[]): Unknown {
  const refs = new Set<string>();
  for (const i of inputs) deepRefs(i, refs);
  return new Unknown(text, refs);
}

/** Props-friendly form: Unknowns become their `${…}` text. */
export function toPlain(v: Value): unknown {
  if (v instanceof Unknown) return v.display();
  if (Array.isArray(v)) return v.map(toPlain);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = toPlain(v[k]!);
    return out;
  }
  return v;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Unknown) return 'unknown';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** HCL string conversion (numbers and bools convert, structures don't). */
export function asString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new HclEvalError(`a ${typeName(v)} is not a string`);
}

export function asNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new HclEvalError(`a ${typeName(v)} is not a number`);
}

export function asBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new HclEvalError(`a ${typeName(v)} is not a bool`);
}

/** Lists, sets and tuples are arrays; maps/objects iterate in key order (as Terraform does). */
export function elements(v: Value): { key: Value; value: Value }[] {
  if (Array.isArray(v)) return v.map((value, i) => ({ key: i, value }));
  if (isObject(v))
    return Object.keys(v)
      .sort()
      .map((k) => ({ key: k, value: v[k]! }));
  throw new HclEvalError(`cannot iterate over a ${typeName(v)}`);
}

export function valueFromJson(v: unknown): Value {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(valueFromJson);
  if (v && typeof v === 'object') {
    const out: ValueObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = valueFromJson(x);
    return out;
  }
  return v as Value;
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k]!, b[k]!));
  }
  return false;
}
