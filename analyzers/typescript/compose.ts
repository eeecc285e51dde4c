// docker-compose.yml (+ .env): service names, build contexts, images, ports, environment and depends_on, so that
// `http://orders:3001` or `localhost:3344` in code maps to a service. Values are used for resolution only and are
// never copied into the graph (they may hold passwords).

import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { InputRefused, readInputTextSync } from '../../src/model/read-input.js';
import type { Diagnostic } from '../../src/model/schema.js';

export interface ComposeService {
  name: string;
  file: string;
  line: number;
  /** Absolute build context directory. */
  buildDir?: string;
  /** The folder of `build.dockerfile`, when it names one. */
  dockerfileDir?: string;
  image?: string;
  environment: Record<string, string>;
  /** Published host ports → container ports. */
  ports: Array<{ host?: number; container: number }>;
  dependsOn: string[];
}

export interface ComposeFile {
  path: string;
  services: ComposeService[];
}

/** Parses `KEY=value` lines of a .env file. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

/** Compose interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR`. Unknown vars become ''. */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value
    .replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
      (_m, name: string, op?: string, def?: string) => {
        const v = vars[name];
        if (op === ':-') return v ? v : (def ?? '');
        if (op === '-') return v ?? def ?? '';
        return v ?? '';
      },
    )
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => vars[name] ?? '');
}

function scalar(node: unknown): string | undefined {
  if (isScalar(node) && node.value !== null && node.value !== undefined) return String(node.value);
  return undefined;
}

/**
 * Reads one compose file. Problems become diagnostics; what can be read is still returned.
 * @example
 * const compose = readCompose('/repo/docker-compose.yml', 'docker-compose.yml', diagnostics);
 */
export function readCompose(path: string, relPath: string, diagnostics: Diagnostic[]): ComposeFile {
  const dir = dirname(path);
  let vars: Record<string, string> = {};
  try {
    vars = parseDotEnv(readInputTextSync(join(dir, '.env'), 'code'));
  } catch {
    // no .env: interpolation falls back to defaults
  }
  let text: string;
  try {
    // Regular files under the size cap only: a compose file linked to /dev/zero would never end.
    text = readInputTextSync(path, 'code');
  } catch (error) {
    diagnostics.push({
      severity: 'warning',
      code: 'input-refused',
      analyzer: 'typescript',
      message: `${relPath} ${error instanceof InputRefused ? error.detail : 'cannot be read; skipped'}`,
      file: relPath,
    });
    return { path, services: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (const err of doc.errors) {
    diagnostics.push({
      severity: 'error',
      code: 'compose-parse',
      analyzer: 'typescript',
      message: `${relPath}: ${err.message.split('\n')[0]}`,
      file: relPath,
      line: lineCounter.linePos(err.pos[0]).line,
      hint: 'fix the YAML; the rest of the repository is still analysed',
    });
  }
  const services: ComposeService[] = [];
  const root = doc.contents;
  const svcMap = isMap(root) ? root.get('services', true) : undefined;
  if (!isMap(svcMap)) return { path, services };
  for (const pair of svcMap.items) {
    const name = scalar(pair.key);
    if (!name || !isMap(pair.value)) continue;
    const def = pair.value as YAMLMap;
    const keyNode = pair.key as { range?: [number, number, number] };
    const line = keyNode.range ? lineCounter.linePos(keyNode.range[0]).line : 1;
    const svc: ComposeService = { name, file: relPath, line, environment: {}, ports: [], dependsOn: [] };
    const build = def.get('build', true);
    const context = isMap(build) ? scalar(build.get('context', true)) : scalar(build);
    if (context) svc.buildDir = resolve(dir, interpolate(context, vars));
    // A monorepo built from its root (`context: .`, `dockerfile: apps/api/Dockerfile`): the Dockerfile's folder is
    // the package it builds.
    const dockerfile = isMap(build) ? scalar(build.get('dockerfile', true)) : undefined;
    if (context && dockerfile && !dockerfile.includes('$'))
      svc.dockerfileDir = dirname(resolve(svc.buildDir!, interpolate(dockerfile, vars)));
    const image = scalar(def.get('image', true));
    if (image) svc.image = interpolate(image, vars);
    const env = def.get('environment', true);
    if (isMap(env)) {
      for (const item of env.items) {
        const k = scalar(item.key);
        if (k) svc.environment[k] = interpolate(scalar(item.value) ?? vars[k] ?? '', vars);
      }
    } else if (isSeq(env)) {
      for (const item of env.items) {
        const s = scalar(item);
        if (!s) continue;
        const i = s.indexOf('=');
        if (i < 0) svc.environment[s] = vars[s] ?? '';
        else svc.environment[s.slice(0, i)] = interpolate(s.slice(i + 1), vars);
      }
    }
    const ports = def.get('ports', true);
    if (isSeq(ports)) {
      for (const item of ports.items) {
        if (isMap(item)) {
          const target = Number(scalar(item.get('target', true)));
          const published = Number(scalar(item.get('published', true)));
          if (target)
            svc.ports.push(published ? { host: published, container: target } : { container: target });
          continue;
        }
        const s = scalar(item);
        if (!s) continue;
        // [ip:]host:container[/proto] or container
        const parts = interpolate(s, vars)
          .replace(/\/\w+$/, '')
          .split(':');
        const container = Number(parts[parts.length - 1]);
        const host = parts.length >= 2 ? Number(parts[parts.length - 2]) : undefined;
        if (container) svc.ports.push(host ? { host, container } : { container });
      }
    }
    const deps = def.get('depends_on', true);
    if (isSeq(deps)) for (const d of deps.items) scalar(d) && svc.dependsOn.push(scalar(d)!);
    if (isMap(deps)) for (const d of deps.items) scalar(d.key) && svc.dependsOn.push(scalar(d.key)!);
    services.push(svc);
  }
  return { path, services };
}

/** What kind of node a compose image is: Postgres → database, RabbitMQ → queue… */
export function imageKind(image: string): { kind: string; service: string } | undefined {
  const name = image.split('@')[0]!.split(':')[0]!.split('/').pop()!.toLowerCase();
  const table: Array<[RegExp, string, string]> = [
    [/^(postgres|postgis|timescaledb)/, 'database', 'postgres'],
    [/^(mysql|mariadb|percona)/, 'database', 'mysql'],
    [/^mongo/, 'database', 'mongodb'],
    [/^(redis|valkey|keydb|dragonfly)/, 'cache', 'redis'],
    [/^memcached/, 'cache', 'memcached'],
    [/^rabbitmq/, 'queue', 'rabbitmq'],
    [/^(activemq|artemis|nats)/, 'queue', name.replace(/-.*/, '')],
    [/^(kafka|cp-kafka|redpanda)/, 'stream', 'kafka'],
    [/^(opensearch|elasticsearch)/, 'search', name.startsWith('open') ? 'opensearch' : 'elasticsearch'],
    [/^minio/, 'storage', 'minio'],
    [/^(dynamodb-local)/, 'database', 'dynamodb'],
    [/^localstack/, 'generic', 'localstack'],
  ];
  for (const [re, kind, service] of table) if (re.test(name)) return { kind, service };
  return undefined;
}
