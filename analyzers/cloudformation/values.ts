// Resolved template values: plain JSON plus two markers that keep references — RefV (a resource, or an attribute of
// one) and Interp (text built from references: Sub, Join, an If whose condition is unknown).

/** A reference to a node: its id, and the attribute taken from it (`Arn`, `StreamArn`…), if any. */
export class RefV {
  constructor(
    readonly target: string,
    readonly attr: string | undefined,
    readonly display: string,
  ) {}
}

/** Text that could not be fully known, with the references it was built from. */
export class Interp {
  constructor(
    readonly text: string,
    readonly refs: readonly RefV[],
  ) {}
}

export type CfnValue = string | number | boolean | null | CfnValue[] | CfnObject | RefV | Interp;
export interface CfnObject {
  [key: string]: CfnValue;
}

export const isObj = (v: unknown): v is CfnObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RefV) && !(v instanceof Interp);

/** Every reference inside a value. */
export function refsIn(v: CfnValue | undefined, out: RefV[] = [], depth = 0): RefV[] {
  if (v === undefined || depth > 100) return out;
  if (v instanceof RefV) out.push(v);
  else if (v instanceof Interp) out.push(...v.refs);
  else if (Array.isArray(v)) for (const x of v) refsIn(x, out, depth + 1);
  else if (isObj(v)) for (const x of Object.values(v)) refsIn(x, out, depth + 1);
  return out;
}

/** Text of a value for display (env vars): references show as `${Logical.Attr}`. */
export function displayOf(v: CfnValue): string {
  if (v instanceof RefV) return v.display;
  if (v instanceof Interp) return v.text;
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return JSON.stringify(plain(v) ?? null);
}

/** Known values only (references dropped), for node props. */
export function plain(v: CfnValue, depth = 0): unknown {
  if (v instanceof RefV || v instanceof Interp || depth > 50) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => plain(x, depth + 1));
    return items.includes(undefined) ? undefined : items;
  }
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = plain(v[k]!, depth + 1);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(v).length > 0 && Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

/** Values at a dotted path, through lists at any level. */
export function valuesAt(v: CfnValue | undefined, path: readonly string[], depth = 0): CfnValue[] {
  if (v === undefined || depth > 50) return [];
  if (Array.isArray(v)) return v.flatMap((x) => valuesAt(x, path, depth + 1));
  if (path.length === 0) return [v];
  if (isObj(v)) return valuesAt(v[path[0]!], path.slice(1), depth + 1);
  return [];
}
