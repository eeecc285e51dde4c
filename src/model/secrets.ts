// What counts as a secret, in one place. Every analyzer's output and every diagnostic passes through
// `scrubPartial` when it is read, so archmap.json, diagrams, reviews, scaffolds and the studio never see a secret.
// A secret value becomes a marker (`<redacted>` or `<redacted:shape>`); the name that held it is kept.
import type { ArchEdge, ArchNode, Diagnostic, PartialGraph } from './schema.js';

/** Attribute, map-key or env-var names whose values are never kept (case-insensitive, at any depth). */
const SECRET_NAME =
  /pass(word|wd|phrase)|(^|[^a-z])pass([^a-z]|$)|secret|token|private.?key|access.?key|credential|api.?key|pwd?(?![a-z])|(^|[^a-z])dsn$|conn(ection)?.?str(ing)?$|signing.?key|encryption.?key|webhook.?url|auth.?header/i;

/** Names that hold a reference to a secret (its ARN, id, name, type), which is safe and useful to keep. */
const SECRET_REFERENCE = /(arn|id|name|type|ttl|length|count|enabled|version|rotation|policy)$/i;

/** Keys whose values are digests or identifiers: random-looking by design, never secret. */
const DIGEST_NAME =
  /hash|sha\d*|digest|etag|checksum|fingerprint|md5|version.?id|(^|_)id$|Id$|arn$|uuid|nonce/i;

/** The marker a secret value becomes. */
export const REDACTED = '<redacted>';

/** A secret-shaped substring: its shape name, a global pattern and what it becomes. */
interface Shape {
  shape: string;
  re: RegExp;
  /** Keeps the harmless part of a match (the URL around a password, the word `Bearer`). */
  replace?: (match: string, ...groups: string[]) => string;
}

const marker = (shape: string) => `<redacted:${shape}>`;

// Every quantifier is bounded or anchored on a literal, so scrubbing stays linear on hostile input.
const SHAPES: Shape[] = [
  {
    shape: 'private-key',
    re: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----|$)/g,
  },
  { shape: 'aws-access-key-id', re: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { shape: 'provider-key', re: /\b(sk|rk)_(live|test)_[A-Za-z0-9]{10,256}/g },
  { shape: 'provider-key', re: /\bwhsec_[A-Za-z0-9+/=]{16,256}/g },
  { shape: 'provider-key', re: /\bsk-(proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,256}/g },
  { shape: 'provider-key', re: /\b(gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255})\b/g },
  { shape: 'provider-key', re: /\bglpat-[A-Za-z0-9_-]{20,64}/g },
  { shape: 'provider-key', re: /\bxox[abposr]-[A-Za-z0-9-]{10,255}/g },
  { shape: 'provider-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { shape: 'provider-key', re: /\bSG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,64}/g },
  { shape: 'provider-key', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { shape: 'provider-key', re: /\b(SK|AC)[0-9a-f]{32}\b/g },
  { shape: 'provider-key', re: /\bkey-[0-9a-z]{32}\b/g },
  { shape: 'webhook-url', re: /hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{8,256}/g },
  {
    shape: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,8192}/g,
  },
  {
    // scheme://user:password@host — the password goes, the scheme, user and host stay (they carry wiring).
    shape: 'url-password',
    re: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@"'<>]{0,256}:)([^\s@/"'<>]{1,512})@/gi,
    replace: (_m, head) => `${head}${marker('password')}@`,
  },
  {
    // ?token=…, &X-Amz-Signature=…, ;password=… in URLs and connection strings.
    shape: 'param',
    re: /([?&;]\s{0,4}([A-Za-z][A-Za-z0-9_.-]{0,63})\s{0,4}=)([^&;\s#"'<>]{1,2048})/g,
    replace: (m, head, name) =>
      looksLikeSecretName(name) || /signature|^sig$|^key$|^auth$/i.test(name)
        ? `${head}${marker('param')}`
        : m,
  },
  {
    shape: 'bearer',
    re: /\b(Bearer|Basic|Token|Bot)(\s{1,4})([A-Za-z0-9._~+/=-]{12,4096})/gi,
    replace: (m, scheme, space, value) =>
      /[0-9=]/.test(value) || /^Bearer$/i.test(scheme) ? `${scheme}${space}${marker('bearer')}` : m,
  },
  {
    // name = "value" / "name": "value" / name: value / NAME=value in free text (diagnostics, .env lines, libpq
    // strings). A colon needs a quote before or a space after, so `secretsmanager:GetSecretValue` is an action.
    shape: 'assignment',
    re: /\b([A-Za-z_][A-Za-z0-9_.-]{0,63})(\s{0,8}=\s{0,8}|["']\s{0,8}[:=]\s{0,8}|:\s{1,8})("[^"\n]{1,1024}"|'[^'\n]{1,1024}'|[^\s;,&"'<>)}\]]{1,1024})/g,
    replace: (m, name, sep, value) => {
      if (!looksLikeSecretName(name) || SECRET_REFERENCE.test(name)) return m;
      // References are not values: `password = var.db_password`, `${...}`, `aws_secretsmanager_secret.x.arn`.
      if (/^(var|local|module|data|aws_[a-z0-9_]+)\.|^\$\{|^["']?<redacted/.test(value)) return m;
      return `${name}${sep}${marker('value')}`;
    },
  },
];

/** A 40-character AWS secret access key: base64 alphabet, all three classes, few slashes, random-looking. */
const AWS_SECRET_CANDIDATE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** A long random token anywhere in a value (no dashes or underscores, so generated names are not caught). */
const TOKEN_CANDIDATE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{32,4096}={0,2}(?![A-Za-z0-9/+=])/g;

/** Shannon entropy of a string, in bits per character: how random a token looks. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / text.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const classes = (t: string) => Number(/[a-z]/.test(t)) + Number(/[A-Z]/.test(t)) + Number(/[0-9]/.test(t));
const slashes = (t: string) => t.length - t.replaceAll('/', '').length;

/** The share of a token spelled in words (`Name`, `role`): identifiers are mostly words, random keys are not. */
const wordiness = (t: string) => (t.match(/[A-Z]?[a-z]{3,}/g) ?? []).join('').length / t.length;

/** A token that looks random: mixed classes, high entropy, not a path, not hex, not a CamelCase name. */
function isRandomToken(token: string): boolean {
  if (/^[0-9a-fA-F]+$/.test(token)) return false;
  if (classes(token) < 3 || slashes(token) > 2 || wordiness(token) >= 0.5) return false;
  return entropy(token) >= (token.length >= 40 ? 4.2 : 4.0);
}

/**
 * Replaces every secret-shaped substring of a text with a marker and keeps the rest: connection strings keep
 * their host, `Bearer` keeps its word. Used on values, diagnostics and error lines.
 * @example
 * scrubText('postgres://app:hunter2@db:5432/app') // 'postgres://app:<redacted:password>@db:5432/app'
 */
export function scrubText(text: string, opts: { entropy?: boolean } = {}): string {
  if (text.length < 8) return text;
  let out = text;
  for (const { re, replace, shape } of SHAPES) {
    re.lastIndex = 0;
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m: string, ...groups: unknown[]) =>
      replace ? replace(m, ...(groups as string[])) : marker(shape),
    );
  }
  // ARNs are identifiers: generated role and stack names in them look random but are not secret.
  if (opts.entropy !== false && !out.includes('arn:')) {
    out = out.replace(AWS_SECRET_CANDIDATE, (t) => (isRandomToken(t) ? marker('secret-key') : t));
    out = out.replace(TOKEN_CANDIDATE, (t) => (isRandomToken(t) ? marker('high-entropy') : t));
  }
  return out;
}

/**
 * @example
 * looksLikeSecretName('master_password') // true
 */
export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A name that holds a secret itself, not a reference to one (`db_password`, not `db_password_arn`). */
export function holdsSecret(name: string): boolean {
  return looksLikeSecretName(name) && !SECRET_REFERENCE.test(name);
}

/**
 * A value that is a secret as a whole (a key, a token, a JWT). A value that only contains one (a connection
 * string with a password) is not: `scrubText` keeps its harmless part.
 * @example
 * looksLikeSecretValue('AKIAIOSFODNN7EXAMPLE') // true
 */
export function looksLikeSecretValue(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 8) return false;
  return /^(\s*<redacted:[a-z-]+>)+\s*$/.test(scrubText(value));
}

/** A value that holds a secret somewhere (whole or in part). */
export function containsSecret(value: string): boolean {
  return value.length >= 8 && scrubText(value) !== value;
}

/** Whether a value is one of the markers a secret becomes. */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('<redacted');
}

/**
 * A deep copy with secrets replaced by markers: values under secret names become `<redacted>`, secret-shaped
 * strings (or their secret parts) become `<redacted:shape>`. `{ name, value }` / `{ Key, Value }` pairs are
 * judged by their name. Iterative, so hostile nesting cannot overflow the stack.
 * @example
 * scrubValue({ DB_PASSWORD: 'x', HOST: 'db' }) // { DB_PASSWORD: '<redacted>', HOST: 'db' }
 */
export function scrubValue<T>(value: T, key = ''): T {
  const scrubLeaf = (v: string, k: string) => {
    if (k && holdsSecret(k) && v !== '' && !isRedacted(v)) return REDACTED;
    return scrubText(v, { entropy: !DIGEST_NAME.test(k) });
  };
  if (typeof value === 'string') return scrubLeaf(value, key) as T;
  if (!value || typeof value !== 'object') return value;
  const root: { v: unknown } = { v: undefined };
  const stack: Array<{ src: unknown; key: string; set: (v: unknown) => void }> = [
    { src: value, key, set: (v) => (root.v = v) },
  ];
  while (stack.length > 0) {
    const { src, key: k, set } = stack.pop()!;
    if (typeof src === 'string') set(scrubLeaf(src, k));
    else if (Array.isArray(src)) {
      const out: unknown[] = new Array(src.length);
      set(out);
      src.forEach((item, i) => {
        stack.push({ src: item, key: k, set: (v) => (out[i] = v) });
      });
    } else if (src && typeof src === 'object') {
      const obj = src as Record<string, unknown>;
      const out: Record<string, unknown> = Object.getPrototypeOf(obj) === null ? Object.create(null) : {};
      set(out);
      const pairName = [obj.name, obj.Name, obj.key, obj.Key].find((n) => typeof n === 'string') as
        | string
        | undefined;
      const entries = Object.entries(obj);
      // Keys keep their order (generators iterate props); values are filled in as the stack unwinds.
      for (const [ck] of entries) out[ck] = undefined;
      for (const [ck, cv] of entries) {
        const pairSecret = pairName !== undefined && /^value$/i.test(ck) && holdsSecret(pairName);
        if (pairSecret && typeof cv === 'string') out[ck] = cv === '' ? cv : REDACTED;
        else stack.push({ src: cv, key: ck, set: (v) => (out[ck] = v) });
      }
    } else set(src);
  }
  return root.v as T;
}

const scrubStructural = (s: string) => scrubText(s, { entropy: false });

function scrubNode(n: ArchNode): ArchNode {
  const out: ArchNode = {
    ...n,
    id: scrubStructural(n.id),
    name: scrubStructural(n.name),
    props: scrubValue(n.props),
    tags: scrubValue(n.tags),
  };
  if (n.parent !== undefined) out.parent = scrubStructural(n.parent);
  if (n.aliases) out.aliases = n.aliases.map(scrubStructural);
  return out;
}

function scrubEdge(e: ArchEdge): ArchEdge {
  const out: ArchEdge = {
    ...e,
    id: scrubStructural(e.id),
    from: scrubStructural(e.from),
    to: scrubStructural(e.to),
  };
  if (e.label !== undefined) out.label = scrubText(e.label);
  return out;
}

/** A diagnostic without secrets: message and hint are scrubbed (syntax errors quote source text). */
export function scrubDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, message: scrubText(d.message) };
  if (d.hint !== undefined) out.hint = scrubText(d.hint);
  return out;
}

/**
 * The read-time scrubber every analyzer's result goes through: node props, tags, names and ids, edge labels
 * and diagnostics. Ids are scrubbed without the entropy rule, so edges still join their nodes.
 * @example
 * const clean = scrubPartial(await analyzer.analyze(options, ctx));
 */
export function scrubPartial(partial: PartialGraph): PartialGraph {
  return {
    ...partial,
    nodes: partial.nodes.map(scrubNode),
    edges: partial.edges.map(scrubEdge),
    diagnostics: partial.diagnostics.map(scrubDiagnostic),
  };
}
