// IAM actions → traffic edges and the grant itself. Which edge a permission implies depends on the target's kind: sqs:SendMessage on a
// queue publishes to it, sqs:ReceiveMessage consumes from it, lambda:InvokeFunction calls, dynamodb:PutItem writes.
import type { EdgeKind, NodeKind } from '../../src/model/kinds.js';

export interface AccessEdge {
  kind: EdgeKind;
  /** `true`: the edge runs target → principal (a queue or stream feeding the principal). */
  inbound: boolean;
}

const READ =
  /^(Get|List|Describe|Query|Scan|BatchGet|Select|Head|Search|Read|Lookup|Download|Receive|Consume|Subscribe)/;
/** Actions that only look at configuration, never at the data, and imply no traffic. */
const METADATA =
  /^(ConditionCheckItem|GetQueueAttributes|GetQueueUrl|ListQueues|DescribeTable|DescribeStream|ListStreams|ListShards|GetFunction|GetFunctionConfiguration|ListTagsOfResource|ListTags|GetTopicAttributes|ListTopics|DescribeEventBus|GetBucketLocation|ListBucket|GetEncryptionConfiguration)$/;

function verbOf(action: string): string {
  return action.split(':')[1] ?? action;
}

/**
 * The traffic edges a set of allowed actions gives on a target of a kind.
 * @example
 * accessEdges(['sqs:ReceiveMessage'], 'queue') // [{ kind: 'consumes', inbound: true }]
 */
export function accessEdges(
  actions: readonly string[],
  kind: NodeKind,
  /** The statement names the target's change stream (`${Table.StreamArn}`, `…/stream/*`), not the target itself. */
  stream = false,
): AccessEdge[] {
  const out = new Map<string, AccessEdge>();
  const add = (k: EdgeKind, inbound = false) => out.set(`${k}${inbound}`, { kind: k, inbound });
  for (const action of actions) {
    const verb = verbOf(action);
    if (METADATA.test(verb)) continue;
    const all = verb === '*' || verb === '';
    const wildcard = verb.endsWith('*') && !all;
    const stem = wildcard ? verb.slice(0, -1) : verb;
    const read = all || READ.test(stem) || (wildcard && stem === '');
    const write = all || !READ.test(stem) || (wildcard && !READ.test(stem));
    switch (kind) {
      case 'queue':
        if (all || /^(Send)/.test(stem)) add('publishes');
        if (all || /^(Receive|Delete|ChangeMessageVisibility)/.test(stem)) add('consumes', true);
        break;
      case 'topic':
        if (all || /^(Publish|PutEvents|PutRecord)/.test(stem)) add('publishes');
        break;
      case 'stream':
        if (all || /^(Put)/.test(stem)) add('publishes');
        if (all || /^(GetRecords|GetShardIterator|SubscribeToShard)/.test(stem)) add('consumes', true);
        break;
      case 'function':
      case 'service':
      case 'container':
      case 'api_gateway':
        if (all || /^(Invoke|Start|Send|Execute|RunTask)/.test(stem)) add('calls');
        break;
      case 'identity':
      case 'network':
      case 'group':
      case 'region':
      case 'vpc':
      case 'subnet':
        break;
      default:
        // A table's change stream: reading it is consuming the table's changes; on the table itself it means nothing.
        if (stream || /^(GetRecords|GetShardIterator)$/.test(stem)) {
          if (stream && (all || /^(GetRecords|GetShardIterator)$/.test(stem))) add('consumes', true);
          break;
        }
        if (read) add('reads');
        if (write) add('writes');
    }
  }
  return [...out.values()];
}

/** Verbs that put something on a queue, topic, stream or bus, or start something (a send, not a read). */
const SEND = /^(\*|Send|Publish|Put|StartExecution|Invoke)/;

/**
 * What a set of allowed actions grants on one resource, in the Terraform analyzer's convention for `access` edges
 * (`label` and `props.access`: read | write | read-write; `props.sends` when a verb sends to it). Undefined when
 * the actions only look at configuration.
 * @example
 * grantOf(['dynamodb:GetItem', 'dynamodb:PutItem']) // { access: 'read-write', sends: true }
 */
export function grantOf(
  actions: readonly string[],
): { access: 'read' | 'write' | 'read-write'; sends: boolean } | undefined {
  let read = false;
  let write = false;
  let sends = false;
  for (const action of actions) {
    const verb = verbOf(action);
    if (METADATA.test(verb)) continue;
    if (SEND.test(verb)) sends = true;
    if (verb === '*' || verb === '' || (verb.endsWith('*') && !READ.test(verb.slice(0, -1) || '-'))) {
      read = true;
      write = true;
    } else if (READ.test(verb)) read = true;
    else write = true;
  }
  if (!read && !write) return undefined;
  return { access: read && write ? 'read-write' : write ? 'write' : 'read', sends };
}
