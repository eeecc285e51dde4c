// Drops secrets from Terraform state and plan values at read time, so that they are never stored anywhere.
// Three signals: paths Terraform marks sensitive, attribute names that look secret, values that look like keys.

import { looksLikeSecretName, looksLikeSecretValue } from '../../src/model/secrets.js';

export const isSensitiveName = looksLikeSecretName;
export const isSensitiveValue = looksLikeSecretValue;

/** One step of a Terraform path: an attribute name or a list/map index. */
export type PathStep = string | number;

/**
 * The set of value paths Terraform marks sensitive, as a tree: `true` at a node drops the whole subtree.
 * Built from tfstate `sensitive_attributes` (lists of path steps) or show-json `sensitive_values` /
 * plan `before_sensitive`/`after_sensitive` (a mirror of the value with `true` at sensitive leaves).
 */
export type SensitiveMask = true | { [key: string]: SensitiveMask } | SensitiveMask[] | undefined;

/**
 * Converts tfstate v4 `sensitive_attributes` into a mask. Terraform ≤1.9 writes a list of paths, each a list of
 * steps `{ type: 'get_attr' | 'index', value }`; later versions may write a mirror object, which is used as is.
 */
export function maskFromSensitiveAttributes(raw: unknown): SensitiveMask {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) return maskFromMirror(raw);
  let mask: SensitiveMask;
  for (const path of raw) {
    const steps = toSteps(path);
    if (steps) mask = addPath(mask, steps);
  }
  return mask;
}

function toSteps(path: unknown): PathStep[] | undefined {
  if (!Array.isArray(path)) return undefined;
  const steps: PathStep[] = [];
  for (const step of path) {
    if (step && typeof step === 'object' && 'value' in step) {
      let v = (step as { value: unknown }).value;
      // Index steps carry a cty value: `{ "type": "index", "value": { "value": 0, "type": "number" } }`.
      if (v && typeof v === 'object' && 'value' in v) v = (v as { value: unknown }).value;
      if (typeof v === 'string' || typeof v === 'number') steps.push(v);
      else return undefined;
    } else if (typeof step === 'string' || typeof step === 'number') {
      steps.push(step);
    } else {
      return undefined;
    }
  }
  return steps;
}

function addPath(mask: SensitiveMask, steps: PathStep[]): SensitiveMask {
  if (mask === true) return true;
  if (steps.length === 0) return true;
  const [head, ...rest] = steps as [PathStep, ...PathStep[]];
  const obj: Record<string, SensitiveMask> =
    mask && !Array.isArray(mask) ? (mask as Record<string, SensitiveMask>) : {};
  obj[String(head)] = addPath(obj[String(head)], rest);
  return obj;
}

/** show-json `sensitive_values` and plan `*_sensitive`: `true`/`false` or a mirror of the value. */
export function maskFromMirror(raw: unknown): SensitiveMask {
  if (raw === true) return true;
  if (Array.isArray(raw)) return raw.map(maskFromMirror);
  if (raw && typeof raw === 'object') {
    const out: Record<string, SensitiveMask> = {};
    for (const [k, v] of Object.entries(raw)) {
      const m = maskFromMirror(v);
      if (m !== undefined) out[k] = m;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return undefined;
}

/** Merges two masks: sensitive in either means sensitive. */
export function unionMasks(a: SensitiveMask, b: SensitiveMask): SensitiveMask {
  if (a === true || b === true) return true;
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Record<string, SensitiveMask> = {};
  const get = (m: SensitiveMask, k: string) =>
    Array.isArray(m) ? m[Number(k)] : (m as Record<string, SensitiveMask>)[k];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) out[k] = unionMasks(get(a, k), get(b, k));
  return out;
}

function child(mask: SensitiveMask, key: PathStep): SensitiveMask {
  if (mask === undefined || mask === true) return mask;
  if (Array.isArray(mask)) return typeof key === 'number' ? mask[key] : undefined;
  return mask[String(key)];
}

/** A JSON-encoded policy or container definition: parse it so that secrets inside it can be dropped too. */
function parseEmbeddedJson(value: string): unknown {
  const t = value.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export interface RedactOptions {
  /** Parse JSON strings (policies, container definitions) and redact inside them. Default true. */
  parseJsonStrings?: boolean;
}

/**
 * Returns a copy of `value` without anything sensitive, or `undefined` if the whole value is sensitive.
 * Drops masked paths, keys named like secrets, `{ name, value }` pairs whose name looks secret
 * (container environment lists), and strings that look like access keys or private keys.
 * @example
 * redact({ username: 'app', password: 'p' }, undefined) // { username: 'app' }
 */
export function redact(value: unknown, mask: SensitiveMask, opts: RedactOptions = {}): unknown {
  if (mask === true) return undefined;
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    if (isSensitiveValue(value)) return undefined;
    if (opts.parseJsonStrings !== false) {
      const embedded = parseEmbeddedJson(value);
      if (embedded !== undefined) {
        const clean = redact(embedded, undefined, opts);
        return JSON.stringify(clean ?? null) === JSON.stringify(embedded) ? value : JSON.stringify(clean);
      }
    }
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const r = redact(item, child(mask, i), opts);
      if (r !== undefined) out.push(r);
    });
    return out;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const pairName = typeof obj.name === 'string' && 'value' in obj ? obj.name : undefined;
    for (const [k, v] of Object.entries(obj)) {
      if (isSensitiveName(k)) continue;
      if (k === 'value' && pairName !== undefined && isSensitiveName(pairName)) continue;
      const r = redact(v, child(mask, k), opts);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return value;
}
