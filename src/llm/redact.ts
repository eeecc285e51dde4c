// Redaction: nothing secret-like and no account id leaves the machine in a prompt. Structured values are
// cleaned by key and value; the final prompt text is scrubbed again as a second line of defence.
import { entropy } from '../model/secrets.js';

/** Keys (props, tags, env names) whose values are never sent. */
const SENSITIVE_KEY =
  /pass(word|wd|phrase)?|secret|token|private_?key|access_?key|credential|api_?key|auth|session|cookie|sensitive|signature|salt|\bpii\b|confidential/i;

/** Values that are secrets whatever their key: AWS keys, PEM blocks, well-known token prefixes, JWTs. */
const SECRET_PATTERNS: RegExp[] = [
  /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\b(sk|rk|pk)[-_](live|test|proj)?[-_]?[A-Za-z0-9]{16,}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}\b/g,
  /(:\/\/[^\s:/@]+:)[^\s@/]+@/g,
];

const CANDIDATE = /[A-Za-z0-9+/=]{20,}/g;
const ACCOUNT_ID = /(?<![0-9])[0-9]{12}(?![0-9])/g;
export const REDACTED = '[redacted]';

/** A random-looking token: long, mixed character classes, high Shannon entropy (keys, tokens, hashes of secrets). */
export function isHighEntropy(token: string): boolean {
  if (token.length < 20) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(token)).length;
  if (classes === 3) return entropy(token) >= 3.5;
  return token.length >= 32 && /[0-9]/.test(token) && /[A-Za-z]/.test(token) && entropy(token) >= 3.7;
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export function looksSecret(value: string): boolean {
  if (SECRET_PATTERNS.some((re) => new RegExp(re.source).test(value))) return true;
  return (value.match(CANDIDATE) ?? []).some(isHighEntropy);
}

/**
 * Replaces 12-digit account ids with stable placeholders (`<acct-1>`) and maps them back in answers.
 * With `share`, ids pass through unchanged.
 */
export class Redactor {
  private readonly toPlaceholder = new Map<string, string>();
  private readonly toAccount = new Map<string, string>();
  /** How many secret-like values were removed, for the user's peace of mind. */
  redactions = 0;

  constructor(readonly shareAccountIds = false) {}

  private placeholder(account: string): string {
    let p = this.toPlaceholder.get(account);
    if (!p) {
      p = `<acct-${this.toPlaceholder.size + 1}>`;
      this.toPlaceholder.set(account, p);
      this.toAccount.set(p, account);
    }
    return p;
  }

  /** Free text: secret patterns and high-entropy tokens become [redacted]; account ids become placeholders. */
  scrub(text: string): string {
    let out = text;
    for (const re of SECRET_PATTERNS) {
      out = out.replace(re, (match, ...groups) => {
        this.redactions++;
        // Keep the scheme and user of a URL with an inline password.
        return match.startsWith('://') ? `${groups[0]}${REDACTED}@` : REDACTED;
      });
    }
    out = out.replace(CANDIDATE, (token) => {
      if (!isHighEntropy(token)) return token;
      this.redactions++;
      return REDACTED;
    });
    if (!this.shareAccountIds) out = out.replace(ACCOUNT_ID, (account) => this.placeholder(account));
    return out;
  }

  /** A copy of a JSON value without sensitive keys or secret-like strings; strings scrubbed. */
  clean<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (!looksSecret(v)) return this.scrub(v);
        this.redactions++;
        return REDACTED;
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, inner] of Object.entries(v)) {
          if (isSensitiveKey(k) && inner !== null && typeof inner !== 'object') {
            this.redactions++;
            continue;
          }
          out[k] = walk(inner);
        }
        return out;
      }
      return v;
    };
    return walk(value) as T;
  }

  /** Maps placeholders in an answer back to the real account ids. */
  restore<T>(value: T): T {
    if (this.toAccount.size === 0) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return v.replace(/<acct-\d+>/g, (p) => this.toAccount.get(p) ?? p);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [walk(k) as string, walk(inner)]));
      }
      return v;
    };
    return walk(value) as T;
  }
}
