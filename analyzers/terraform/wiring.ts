// Connection kinds for references that carry no catalog rule of their own: a module input, an environment
// variable or an IAM statement naming another component. The kind follows the target's kind and the name used.
import type { EdgeKind, NodeKind } from '../../src/model/kinds.js';
import { isObject, Unknown, type Value } from './values.js';

/** Prefix of a ref that names a node of another root by its full id (a Terragrunt dependency's output). */
export const CROSS_ROOT = '\u0001';

export interface Inferred {
  kind: EdgeKind;
  /** `in`: the target is the source of the traffic (a queue consumed). */
  direction: 'out' | 'in';
}

const CONSUME_NAME =
  /(^|_)(event_?sources?|sources?|triggers?|subscri\w*|consum\w*|inputs?|listen\w*|poll\w*|in_queue|inbox)($|_)/i;
const READ_NAME = /(^|_)(read\w*|replica|reader|source|lookup|origin|static|assets?|config|ro)($|_)/i;
const ADDRESS_NAME = /(url|uri|endpoint|host|addr|address|dns|api|service|domain|base)/i;

/** A hint from a name alone, for targets whose kind says nothing (an undownloaded, unknown module). */
export function kindFromName(name: string): NodeKind | undefined {
  const n = name.toLowerCase();
  if (/queue|sqs/.test(n)) return 'queue';
  if (/topic|sns/.test(n)) return 'topic';
  if (/stream|kinesis|firehose/.test(n)) return 'stream';
  if (/table|dynamo|database|(^|_)db($|_)|rds|aurora|postgres|mysql/.test(n)) return 'database';
  if (/redis|cache|memcache|valkey/.test(n)) return 'cache';
  if (/bucket|s3/.test(n)) return 'storage';
  if (/function|lambda|worker|handler/.test(n)) return 'function';
  if (/event_?bus/.test(n)) return 'topic';
  if (ADDRESS_NAME.test(n)) return 'service';
  return undefined;
}

/**
 * The connection an input or environment variable `name` implies towards a target of `targetKind`, or undefined
 * when it is configuration (network, identity, secrets, DNS), not traffic.
 * @example
 * inferConnection('ORDERS_QUEUE_URL', 'queue') // { kind: 'publishes', direction: 'out' }
 * inferConnection('event_source_arn', 'queue') // { kind: 'consumes', direction: 'in' }
 */
export function inferConnection(
  name: string,
  targetKind: NodeKind | undefined,
  /** For a target of unknown kind (an undownloaded module): its source and call name. */
  targetHint = '',
): Inferred | undefined {
  const vague = targetKind === 'module' || targetKind === 'generic' || !targetKind;
  const kind = vague ? (kindFromName(targetHint) ?? kindFromName(name)) : targetKind;
  switch (kind) {
    case 'queue':
    case 'topic':
    case 'stream':
      return CONSUME_NAME.test(name)
        ? { kind: 'consumes', direction: 'in' }
        : { kind: 'publishes', direction: 'out' };
    case 'database':
    case 'cache':
    case 'search':
    case 'storage':
      return READ_NAME.test(name)
        ? { kind: 'reads', direction: 'out' }
        : { kind: 'writes', direction: 'out' };
    case 'function':
    case 'container':
    case 'service':
    case 'api_gateway':
    case 'load_balancer':
    case 'cdn':
    case 'external':
      return { kind: 'calls', direction: 'out' };
    default:
      return undefined;
  }
}

/** The connection an IAM grant implies: write to a queue publishes, read from it consumes, invoke calls. */
export function connectionForAccess(
  mode: 'read' | 'write' | 'read-write',
  targetKind: NodeKind | undefined,
): Inferred | undefined {
  switch (targetKind) {
    case 'queue':
    case 'stream':
      return mode === 'read'
        ? { kind: 'consumes', direction: 'in' }
        : { kind: 'publishes', direction: 'out' };
    case 'topic':
      return mode === 'read' ? undefined : { kind: 'publishes', direction: 'out' };
    case 'database':
    case 'cache':
    case 'search':
    case 'storage':
      return mode === 'read' ? { kind: 'reads', direction: 'out' } : { kind: 'writes', direction: 'out' };
    case 'function':
    case 'container':
    case 'service':
    case 'api_gateway':
      return mode === 'read' ? undefined : { kind: 'calls', direction: 'out' };
    default:
      return undefined;
  }
}

/**
 * Values at a dotted input path; `*` goes over every element of a map or list. Unknown values with a structure
 * inside (jsonencode) are looked through; an Unknown leaf is returned as it is (its refs still count).
 */
export function valuesAtPath(v: Value | undefined, path: readonly string[]): Value[] {
  if (v === undefined) return [];
  if (path.length === 0) return [v];
  if (v instanceof Unknown) return v.inner !== undefined ? valuesAtPath(v.inner, path) : [v];
  const [step, ...rest] = path;
  if (step === '*') {
    if (Array.isArray(v)) return v.flatMap((x) => valuesAtPath(x, rest));
    if (isObject(v)) return Object.values(v).flatMap((x) => valuesAtPath(x, rest));
    return [];
  }
  if (Array.isArray(v)) return v.flatMap((x) => valuesAtPath(x, path));
  if (isObject(v)) return valuesAtPath(v[step!], rest);
  return [];
}

/** Inputs of an unknown module that hold environment variables (name → value), read entry by entry. */
export const ENV_INPUT =
  /^(env|envs|env_vars|environment|environment_variables|variables|lambda_environment|app_env|container_env)$/;
