// Turns a symbolic target (a string template for a URL, host or resource name) into a node id: a compose
// service, a code service, an external host, or a `ref:` placeholder that merge binds through env vars.
import type { ArchNode, NodeKind } from '../../src/model/index.js';
import type { ComposeService } from './compose.js';
import { imageKind } from './compose.js';
import type { Target } from './extract.js';
import { leadingEnv, type Str } from './resolve.js';

export interface ComposeIndex {
  byName: Map<string, ComposeService>;
  byHostPort: Map<number, ComposeService>;
  /** Compose service name → node id (a code unit or `compose:<name>`). */
  nodeId: Map<string, string>;
}

export interface ResolvedTarget {
  id: string;
  /** Node to create when nothing else declares it. */
  node?: Omit<ArchNode, 'sources'>;
  env?: string;
  /** A resource name built from env vars (`events-${STAGE}`), for merge to bind with the compute's env. */
  template?: string;
  protocol: string;
  /** For HTTP: `GET /orders/*`. */
  path?: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', 'host.docker.internal', '::1']);

/** Renders as much of a template as is known: env from compose, fallbacks, unknowns as `*`. */
function renderLoose(s: Str, env: Record<string, string>): string {
  let out = '';
  for (const p of s) {
    if ('lit' in p) out += p.lit;
    else if ('env' in p) out += env[p.env] ?? (p.fallback ? renderLoose(p.fallback, env) : `\${${p.env}}`);
    else out += '*';
  }
  return out;
}

function splitHost(text: string): { host?: string; port?: number; path: string } {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#*]+)(?::(\d+))?([/?#].*)?$/i.exec(
    text,
  );
  if (!m || (!m[1] && !/^[\w.-]+$/.test(m[2] ?? ''))) return { path: text };
  return { host: m[2]!.toLowerCase(), ...(m[3] ? { port: Number(m[3]) } : {}), path: m[4] ?? '' };
}

function composeNode(
  svc: ComposeService,
  index: ComposeIndex,
): { id: string; node?: Omit<ArchNode, 'sources'> } {
  return { id: index.nodeId.get(svc.name) ?? `compose:${svc.name}` };
}

function matchCompose(host: string | undefined, port: number | undefined, index: ComposeIndex) {
  if (!host) return undefined;
  const byName = index.byName.get(host);
  if (byName) return byName;
  if (LOCAL_HOSTS.has(host) && port) return index.byHostPort.get(port);
  return undefined;
}

/** The bare resource name in a literal: an ARN's last segment, a queue URL's last path segment. */
export function awsName(text: string): string {
  if (text.startsWith('arn:')) return text.split(/[:/]/).pop() ?? text;
  if (/^https?:\/\//.test(text)) return text.replace(/\/+$/, '').split('/').pop() ?? text;
  // `${QUEUE_BASE}/orders`: an env-built URL whose last segment is literal.
  const last = text.replace(/\/+$/, '').split('/').pop() ?? text;
  if (text.startsWith('${') && text.includes('/') && last && !last.includes('${')) return last;
  return text;
}

const placeholder = (
  id: string,
  kind: NodeKind,
  name: string,
  provider: string,
  service: string,
  props: Record<string, unknown>,
) => ({
  id,
  node: { id, kind, name, provider, service, props, tags: {} } as Omit<ArchNode, 'sources'>,
});

/**
 * Resolves a usage's target for a unit whose compose environment is `env`.
 * @example
 * resolveTarget({ type: 'http', value: [{ env: 'ORDERS_URL' }] }, { ORDERS_URL: 'http://orders:3001' }, index)
 */
export function resolveTarget(
  target: Target,
  env: Record<string, string>,
  index: ComposeIndex,
): ResolvedTarget | undefined {
  if (target.type === 'aws') {
    const f = target.family;
    if (!target.value) return undefined;
    const e = leadingEnv(target.value);
    const known = target.value.every((p) => !('env' in p) || env[p.env] !== undefined);
    if (e && target.value.length === 1 && !known) {
      return {
        ...placeholder(`ref:${f.tfType}/env:${e}`, f.kind, `$${e}`, 'aws', f.tfType, { env: e }),
        env: e,
        protocol: 'aws-sdk',
      };
    }
    // An env var's fallback is a local default; the deployed name is whatever the env says, so keep `${X}`.
    const text = target.value
      .map((p) => ('lit' in p ? p.lit : 'env' in p ? (env[p.env] ?? `\${${p.env}}`) : '*'))
      .join('');
    if (text.includes('*')) return undefined;
    const name = awsName(text);
    if (name.includes('${')) {
      // `"events-" + process.env.STAGE`, `${stage}-orders`: the name's shape, bound later by the env that runs it.
      return {
        ...placeholder(`ref:${f.tfType}/${name}`, f.kind, name, 'aws', f.tfType, { template: name }),
        template: name,
        protocol: 'aws-sdk',
      };
    }
    return {
      ...placeholder(`ref:${f.tfType}/${name}`, f.kind, name, 'aws', f.tfType, { name }),
      protocol: 'aws-sdk',
    };
  }
  const value = target.type === 'tech' ? (target.value ?? implicit(target.lib.implicitEnv)) : target.value;
  if (!value) return undefined;
  const protocol = target.type === 'http' ? 'http' : target.lib.tech;
  const text = renderLoose(value, env);
  const { host, port } = splitHost(text);
  const path = operationPath(value);
  const svc = matchCompose(host, port, index);
  if (svc)
    return { ...composeNode(svc, index), protocol, ...(target.type === 'http' ? { path: path || '/' } : {}) };
  const e = leadingEnv(value);
  if (e && env[e] === undefined) {
    const kind: NodeKind = target.type === 'http' ? 'external' : target.lib.kind;
    const service = target.type === 'http' ? 'http' : target.lib.tech;
    return {
      ...placeholder(`ref:${service}/env:${e}`, kind, `$${e}`, 'generic', service, { env: e }),
      env: e,
      protocol,
      ...(target.type === 'http' ? { path: path || '/' } : {}),
    };
  }
  if (!host || host.includes('$')) return undefined;
  if (target.type === 'http') {
    return {
      ...placeholder(`external:${host}`, 'external', host, 'generic', 'http', { host }),
      protocol,
      path: path || '/',
    };
  }
  return {
    ...placeholder(`ref:${target.lib.tech}/${host}`, target.lib.kind, host, 'generic', target.lib.tech, {
      host,
    }),
    protocol,
  };
}

/**
 * The request path for `operations`, with env values and unknowns as `*` and no query string, so that a
 * token in an env var or a query parameter never reaches the graph.
 */
function operationPath(value: Str): string {
  const first = value[0];
  if (first && !('lit' in first)) return stripQuery(renderMasked(value.slice(1)));
  return stripQuery(splitHost(renderMasked(value)).path);
}

function renderMasked(s: Str): string {
  return s.map((p) => ('lit' in p ? p.lit : '*')).join('');
}

function stripQuery(path: string): string {
  const p = path.split(/[?#]/)[0] ?? '';
  return p.startsWith('/') || p === '' ? p : `/${p}`;
}

function implicit(envName: string | undefined): Str | undefined {
  return envName ? [{ env: envName }] : undefined;
}

/** Node for a compose service that is not built from this repository (postgres, rabbitmq…). */
export function composeInfraNode(svc: ComposeService): Omit<ArchNode, 'sources'> {
  const k = svc.image ? imageKind(svc.image) : undefined;
  const ports = svc.ports.map((p) => (p.host ? `${p.host}:${p.container}` : String(p.container)));
  return {
    id: `compose:${svc.name}`,
    kind: (k?.kind ?? 'container') as NodeKind,
    name: svc.name,
    provider: 'docker',
    service: k?.service ?? 'container',
    props: { ...(svc.image ? { image: svc.image } : {}), ...(ports.length ? { ports } : {}) },
    tags: {},
  };
}
