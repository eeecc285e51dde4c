// Connection kinds for references that carry no catalog rule of their own (an environment variable, a module
// input, an IAM grant naming another component), shared by the analyzers: the kind follows the target's kind and
// the name used, so Terraform, templates and a live account draw the same edge for the same variable.
import type { EdgeKind, NodeKind } from '../../src/model/kinds.js';

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

const COMPUTE: readonly NodeKind[] = [
  'function',
  'container',
  'service',
  'load_balancer',
  'api_gateway',
  'module',
  'generic',
  'external',
];

/**
 * The connection an environment variable implies: an address (`…_URL`, `https://…`, a host) of a compute
 * target is a call; otherwise the name and the target's kind decide, as for any input.
 * @example
 * envConnection('ORDERS_TABLE', 'shop-orders', 'database') // { kind: 'writes', direction: 'out' }
 */
export function envConnection(
  name: string,
  value: string,
  targetKind: NodeKind | undefined,
  hint = '',
): Inferred | undefined {
  if (
    targetKind &&
    COMPUTE.includes(targetKind) &&
    (/:\/\//.test(value) || /(url|endpoint|host|dns_name|address)/i.test(`${name} ${value}`))
  )
    return { kind: 'calls', direction: 'out' };
  return inferConnection(name, targetKind, hint);
}
