// Secrets never leave the analyzer: secret-like values are replaced as soon as a response is parsed.
import { looksLikeSecretName, looksLikeSecretValue } from '../../src/model/secrets.js';

export const REDACTED = '<redacted>';

/** Names of references to a secret (its ARN or id), which are safe and useful to keep. */
const SECRET_REFERENCE = /(arn|id|name|type)$/i;

export function isSecretName(name: string): boolean {
  return looksLikeSecretName(name) && !SECRET_REFERENCE.test(name);
}

/**
 * Returns a deep copy with secret-like values replaced: by key (`MasterUserPassword`), by `{Name, Value}` pairs
 * (ECS environment entries), and by value (PEM private keys).
 * @example
 * redact({ MasterUserPassword: 'x' }) // { MasterUserPassword: '<redacted>' }
 */
export function redact(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (looksLikeSecretValue(value)) return REDACTED;
    return key && isSecretName(key) ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const pairName =
      typeof obj.Name === 'string' ? obj.Name : typeof obj.Key === 'string' ? obj.Key : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'Value' && pairName && isSecretName(pairName) && typeof v === 'string') out[k] = REDACTED;
      else out[k] = redact(v, k);
    }
    return out;
  }
  return value;
}
