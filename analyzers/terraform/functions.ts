// Terraform's built-in functions that matter for reading architecture. Unknown inputs give Unknown outputs
// (carrying their refs); structure-preserving functions keep known parts known.
import { createHash } from 'node:crypto';
import { RE2JS } from 're2js';
import {
  asBool,
  asNumber,
  asString,
  deepRefs,
  elements,
  equal,
  HclEvalError,
  hasUnknown,
  isObject,
  typeName,
  Unknown,
  unknownOf,
  type Value,
  type ValueObject,
  valueFromJson,
} from './values.js';

export interface FunctionContext {
  /** Source text of the call, for the Unknown it may return. */
  text: string;
  /** Reads a file relative to the module directory; throws HclEvalError when it escapes the repository. */
  readFile(path: string): string;
  /** Renders a template file with variables (templatefile). */
  renderTemplate(text: string, vars: ValueObject): Value;
}

type Fn = (args: Value[], ctx: FunctionContext) => Value;

const strict = (fn: Fn): Fn => {
  const wrapped: Fn = (args, ctx) =>
    args.some(hasUnknown) ? unknownOf(() => ctx.text, ...args) : fn(args, ctx);
  return wrapped;
};

/** Shallow: only the argument itself being Unknown makes the result Unknown. */
const shallow = (fn: Fn): Fn => {
  const wrapped: Fn = (args, ctx) =>
    args.some((a) => a instanceof Unknown) ? unknownOf(() => ctx.text, ...args) : fn(args, ctx);
  return wrapped;
};

function list(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return elements(v).map((e) => e.value);
  throw new HclEvalError(`expected a list, got a ${typeName(v)}`);
}

function map(v: Value): ValueObject {
  if (isObject(v)) return v;
  throw new HclEvalError(`expected a map, got a ${typeName(v)}`);
}

function jsonEncode(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${jsonEncode(v[k]!)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Go-style verbs used by format/formatlist: %s %d %f %v %q %t %%, with flags/width/precision. */
function goFormat(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width, prec, verb) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new HclEvalError('format: not enough arguments');
    const arg = args[i++]!;
    let s: string;
    switch (verb) {
      case 'd':
        s = String(Math.trunc(asNumber(arg)));
        break;
      case 'f':
        s = asNumber(arg).toFixed(prec !== undefined ? Number(prec) : 6);
        break;
      case 'q':
        s = JSON.stringify(asString(arg));
        break;
      case 't':
        s = String(asBool(arg));
        break;
      case 'v':
        s = typeof arg === 'object' && arg !== null ? jsonEncode(arg) : String(arg);
        break;
      default:
        s = asString(arg);
    }
    if (width !== undefined && s.length < Number(width)) {
      const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(Number(width) - s.length);
      s = flags.includes('-') ? s + pad : pad + s;
    }
    return s;
  });
}

function ipv4ToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255)))
    throw new HclEvalError(`invalid IPv4 ${ip}`);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
  const [ip, lenText] = prefix.split('/');
  if (!ip || lenText === undefined || ip.includes(':'))
    throw new HclEvalError(`cidrsubnet: unsupported prefix ${prefix}`);
  const len = Number(lenText);
  const newLen = len + newbits;
  if (newLen > 32) throw new HclEvalError(`cidrsubnet: ${prefix} has no room for ${newbits} more bits`);
  if (netnum >= 2 ** newbits)
    throw new HclEvalError(`cidrsubnet: netnum ${netnum} does not fit in ${newbits} bits`);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const base = (ipv4ToInt(ip) & mask) >>> 0;
  const addr = (base + netnum * 2 ** (32 - newLen)) >>> 0;
  return `${intToIpv4(addr)}/${newLen}`;
}

function cidrhost(prefix: string, hostnum: number): string {
  const [ip, lenText] = prefix.split('/');
  if (!ip || lenText === undefined || ip.includes(':'))
    throw new HclEvalError(`cidrhost: unsupported ${prefix}`);
  const len = Number(lenText);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const size = 2 ** (32 - len);
  const n = hostnum < 0 ? size + hostnum : hostnum;
  return intToIpv4(((ipv4ToInt(ip) & mask) + n) >>> 0);
}

function toSet(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const x of items) if (!out.some((y) => equal(x, y))) out.push(x);
  // Terraform orders sets of strings lexically.
  return out.every((x) => typeof x === 'string') ? (out as string[]).sort() : out;
}

/**
 * Terraform's regular expressions are Go's RE2: linear-time, no backreferences. A backtracking engine would hang on
 * a catastrophic pattern such as `(a+)+$`, so they run on re2js, a port of RE2.
 */
function goRegex(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw new HclEvalError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
    );
  }
}

/** One match as Terraform's regex() returns it: named groups as an object, else the groups, else the match. */
function matchValue(
  m: ArrayLike<string | undefined> & { groups?: Record<string, string | undefined> },
): Value {
  if (m.groups && Object.keys(m.groups).length > 0) {
    const out: ValueObject = {};
    for (const [k, v] of Object.entries(m.groups)) out[k] = v ?? null;
    return out;
  }
  const all = Array.from(m);
  return all.length > 1 ? all.slice(1).map((x) => x ?? null) : (all[0] ?? null);
}

export const FUNCTIONS: Record<string, Fn> = {
  format: strict(([spec, ...rest]) => goFormat(asString(spec!), rest)),
  formatlist: strict(([spec, ...rest]) => {
    const n = Math.max(0, ...rest.filter(Array.isArray).map((a) => (a as Value[]).length));
    return Array.from({ length: n }, (_, i) =>
      goFormat(
        asString(spec!),
        rest.map((a) => (Array.isArray(a) ? a[i]! : a)),
      ),
    );
  }),
  join: strict(([sep, ...lists]) =>
    lists
      .flatMap((l) => list(l!))
      .map(asString)
      .join(asString(sep!)),
  ),
  split: strict(([sep, s]) => {
    const str = asString(s!);
    return str === '' ? [] : str.split(asString(sep!));
  }),
  concat: shallow((args) => args.flatMap((a) => list(a))),
  merge: shallow((args) => {
    const out: ValueObject = {};
    for (const a of args) if (a !== null) Object.assign(out, map(a));
    return out;
  }),
  lookup: (args, ctx) => {
    const [m, key, def] = args;
    if (m instanceof Unknown || key instanceof Unknown) return unknownOf(() => ctx.text, m, key, def);
    const k = asString(key!);
    const obj = map(m!);
    if (k in obj) return obj[k]!;
    if (def === undefined) throw new HclEvalError(`lookup: no key ${JSON.stringify(k)}`);
    return def;
  },
  length: shallow(([v]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new HclEvalError(`length of a ${typeName(v!)}`);
  }),
  element: (args, ctx) => {
    const [l, i] = args;
    if (l instanceof Unknown || hasUnknown(i)) return unknownOf(() => ctx.text, l, i);
    const items = list(l!);
    if (items.length === 0) throw new HclEvalError('element of an empty list');
    return items[asNumber(i!) % items.length]!;
  },
  lower: strict(([s]) => asString(s!).toLowerCase()),
  upper: strict(([s]) => asString(s!).toUpperCase()),
  title: strict(([s]) => asString(s!).replace(/\b\w/g, (c) => c.toUpperCase())),
  replace: strict(([s, sub, rep]) => {
    const pattern = asString(sub!);
    const str = asString(s!);
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/'))
      return goRegex(pattern.slice(1, -1)).matcher(str).replaceAll(asString(rep!));
    return str.split(pattern).join(asString(rep!));
  }),
  trimspace: strict(([s]) => asString(s!).trim()),
  trimprefix: strict(([s, p]) => {
    const str = asString(s!);
    const pre = asString(p!);
    return str.startsWith(pre) ? str.slice(pre.length) : str;
  }),
  trimsuffix: strict(([s, p]) => {
    const str = asString(s!);
    const suf = asString(p!);
    return suf && str.endsWith(suf) ? str.slice(0, -suf.length) : str;
  }),
  substr: strict(([s, o, l]) => {
    const chars = [...asString(s!)];
    const off = asNumber(o!);
    const len = asNumber(l!);
    return chars.slice(off, len < 0 ? undefined : off + len).join('');
  }),
  startswith: strict(([s, p]) => asString(s!).startsWith(asString(p!))),
  endswith: strict(([s, p]) => asString(s!).endsWith(asString(p!))),
  strcontains: strict(([s, p]) => asString(s!).includes(asString(p!))),
  coalesce: (args, ctx) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownOf(() => ctx.text, ...args);
      if (a !== null && a !== '') return a;
    }
    throw new HclEvalError('coalesce: no non-null arguments');
  },
  coalescelist: (args, ctx) => {
    for (const a of args) {
      if (a instanceof Unknown) return unknownOf(() => ctx.text, ...args);
      if (Array.isArray(a) && a.length > 0) return a;
    }
    return [];
  },
  cidrsubnet: strict(([p, b, n]) => cidrsubnet(asString(p!), asNumber(b!), asNumber(n!))),
  cidrsubnets: strict(([p, ...bits]) => {
    let next = 0;
    const prefix = asString(p!);
    const len = Number(prefix.split('/')[1]);
    return bits.map((b) => {
      const nb = asNumber(b);
      const size = 2 ** (32 - len - nb);
      next = Math.ceil(next / size) * size;
      const out = cidrsubnet(prefix, nb, next / size);
      next += size;
      return out;
    });
  }),
  cidrhost: strict(([p, n]) => cidrhost(asString(p!), asNumber(n!))),
  toset: shallow(([v]) => toSet(list(v!))),
  tolist: shallow(([v]) => list(v!)),
  tomap: shallow(([v]) => map(v!)),
  tostring: shallow(([v]) => (v === null ? null : asString(v!))),
  tonumber: shallow(([v]) => (v === null ? null : asNumber(v!))),
  tobool: shallow(([v]) => (v === null ? null : asBool(v!))),
  keys: shallow(([v]) => Object.keys(map(v!)).sort()),
  values: shallow(([v]) => elements(map(v!)).map((e) => e.value)),
  jsonencode: (args, ctx) => {
    const v = args[0] ?? null;
    if (hasUnknown(v)) return new Unknown(() => ctx.text, deepRefs(v), false, v);
    return jsonEncode(v);
  },
  jsondecode: strict(([s]) => {
    try {
      return valueFromJson(JSON.parse(asString(s!)));
    } catch (error) {
      if (error instanceof HclEvalError) throw error;
      throw new HclEvalError('jsondecode: not valid JSON');
    }
  }),
  file: strict(([p], ctx) => ctx.readFile(asString(p!))),
  templatefile: (args, ctx) => {
    const [p, vars] = args;
    if (p instanceof Unknown) return unknownOf(() => ctx.text, ...args);
    return ctx.renderTemplate(ctx.readFile(asString(p!)), vars === undefined ? {} : map(vars));
  },
  fileexists: strict(([p], ctx) => {
    try {
      ctx.readFile(asString(p!));
      return true;
    } catch {
      return false;
    }
  }),
  basename: strict(([p]) => asString(p!).split('/').pop() ?? ''),
  dirname: strict(([p]) => asString(p!).split('/').slice(0, -1).join('/') || '.'),
  abspath: strict(([p]) => asString(p!)),
  pathexpand: strict(([p]) => asString(p!)),
  contains: (args, ctx) => {
    const [l, v] = args;
    if (l instanceof Unknown || hasUnknown(v)) return unknownOf(() => ctx.text, l, v);
    const items = list(l!);
    if (items.some((x) => equal(x, v!))) return true;
    return items.some((x) => x instanceof Unknown) ? unknownOf(() => ctx.text, l, v) : false;
  },
  distinct: shallow(([l]) => {
    const out: Value[] = [];
    for (const x of list(l!)) if (!out.some((y) => equal(x, y))) out.push(x);
    return out;
  }),
  flatten: shallow(([l]) => {
    const out: Value[] = [];
    const walk = (v: Value) => {
      if (Array.isArray(v)) for (const x of v) walk(x);
      else out.push(v);
    };
    walk(list(l!));
    return out;
  }),
  compact: shallow(([l]) => list(l!).filter((x) => x !== null && x !== '')),
  range: strict((args) => {
    const nums = args.map(asNumber);
    const [start, end, step] =
      nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? (nums[1]! >= nums[0]! ? 1 : -1)];
    const out: number[] = [];
    if (step === 0) throw new HclEvalError('range: step 0');
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(i);
      // Terraform's own limit: "an artificial limit of 1024 numbers in the resulting sequence"
      // (https://developer.hashicorp.com/terraform/language/functions/range).
      if (out.length >= 1024 && (step > 0 ? i + step < end : i + step > end))
        throw new HclEvalError('range: more than 1024 numbers (Terraform limits range to 1024)');
    }
    return out;
  }),
  slice: shallow(([l, s, e]) => list(l!).slice(asNumber(s!), asNumber(e!))),
  reverse: shallow(([l]) => [...list(l!)].reverse()),
  sort: strict(([l]) => list(l!).map(asString).sort()),
  zipmap: shallow(([k, v]) => {
    const keys = list(k!);
    const vals = list(v!);
    const out: ValueObject = {};
    keys.forEach((key, i) => {
      out[asString(key)] = vals[i] ?? null;
    });
    return out;
  }),
  one: shallow(([l]) => {
    const items = list(l!);
    if (items.length > 1) throw new HclEvalError('one: more than one element');
    return items[0] ?? null;
  }),
  max: strict((args) => Math.max(...args.map(asNumber))),
  min: strict((args) => Math.min(...args.map(asNumber))),
  sum: strict(([l]) => list(l!).reduce<number>((a, b) => a + asNumber(b), 0)),
  abs: strict(([n]) => Math.abs(asNumber(n!))),
  ceil: strict(([n]) => Math.ceil(asNumber(n!))),
  floor: strict(([n]) => Math.floor(asNumber(n!))),
  base64encode: strict(([s]) => Buffer.from(asString(s!)).toString('base64')),
  base64decode: strict(([s]) => Buffer.from(asString(s!), 'base64').toString('utf8')),
  md5: strict(([s]) => createHash('md5').update(asString(s!)).digest('hex')),
  sha1: strict(([s]) => createHash('sha1').update(asString(s!)).digest('hex')),
  sha256: strict(([s]) => createHash('sha256').update(asString(s!)).digest('hex')),
  regex: strict(([p, s]) => {
    const m = goRegex(asString(p!)).exec(asString(s!));
    if (!m) throw new HclEvalError('regex: no match');
    return matchValue(m);
  }),
  regexall: strict(([p, s]) => [...goRegex(asString(p!)).matchAll(asString(s!))].map(matchValue)),
  setproduct: shallow((args) => {
    let out: Value[][] = [[]];
    for (const a of args) {
      const items = list(a);
      out = out.flatMap((prefix) => items.map((x) => [...prefix, x]));
      if (out.length > 100_000) throw new HclEvalError('setproduct: too many elements');
    }
    return args.length === 0 ? [] : out;
  }),
  setunion: shallow((args) => {
    const out: Value[] = [];
    for (const x of args.flatMap((a) => list(a))) if (!out.some((y) => equal(x, y))) out.push(x);
    return out;
  }),
  setintersection: shallow(([first, ...rest]) =>
    list(first!).filter((x) => rest.every((r) => list(r).some((y) => equal(x, y)))),
  ),
  setsubtract: shallow(([a, b]) => list(a!).filter((x) => !list(b!).some((y) => equal(x, y)))),
  alltrue: strict(([l]) => list(l!).every((x) => asBool(x))),
  anytrue: strict(([l]) => list(l!).some((x) => asBool(x))),
  chunklist: shallow(([l, n]) => {
    const items = list(l!);
    const size = asNumber(n!);
    if (size <= 0) return [items];
    const out: Value[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  }),
  index: strict(([l, v]) => {
    const i = list(l!).findIndex((x) => equal(x, v!));
    if (i < 0) throw new HclEvalError('index: not found');
    return i;
  }),
  transpose: strict(([m]) => {
    const out: Record<string, Value[]> = {};
    for (const [k, vs] of Object.entries(map(m!)))
      for (const v of list(vs!)) {
        const key = asString(v);
        out[key] = [...(out[key] ?? []), k];
      }
    return out;
  }),
  chomp: strict(([s]) => asString(s!).replace(/(\r?\n)+$/, '')),
  trim: strict(([s, cut]) => {
    const chars = new Set(asString(cut!));
    let str = asString(s!);
    while (str && chars.has(str[0]!)) str = str.slice(1);
    while (str && chars.has(str[str.length - 1]!)) str = str.slice(0, -1);
    return str;
  }),
  strrev: strict(([s]) => [...asString(s!)].reverse().join('')),
  urlencode: strict(([s]) => encodeURIComponent(asString(s!))),
  pow: strict(([a, b]) => asNumber(a!) ** asNumber(b!)),
  signum: strict(([n]) => Math.sign(asNumber(n!))),
  parseint: strict(([s, base]) => {
    const n = Number.parseInt(asString(s!), asNumber(base!));
    if (Number.isNaN(n)) throw new HclEvalError('parseint: not a number');
    return n;
  }),
  can: () => true,
  sensitive: ([v]) => v ?? null,
  nonsensitive: ([v]) => v ?? null,
};
