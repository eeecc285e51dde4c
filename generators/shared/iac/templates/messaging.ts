// Templates for SQS, SNS, Kinesis, EventBridge and Step Functions.
import { attr, blank, block, bool, call, list, map, num, ref, str } from '../hcl.js';
import { arg, byArn, byName, companionRole, lit, neighbourRef, propString, type Template } from './shared.js';

export const messagingTemplates: Record<string, Template> = {
  aws_sqs_queue: {
    concern: 'messaging',
    envAttr: 'url',
    importId: (arn, node) =>
      propString(node, 'url', 'QueueUrl') ??
      `https://sqs.${arn.region}.amazonaws.com/${arn.account}/${arn.resourceName}`,
    build(ctx) {
      const dlq = ctx
        .neighbours('out', ['publishes'])
        .find((n) => n.kind === 'queue' && n.id !== ctx.node.id && /dlq|dead/i.test(`${n.id} ${n.name}`));
      const isDlq = /dlq|dead/i.test(ctx.node.id);
      const rawRedrive = ctx.prop('redrive_policy', 'RedrivePolicy');
      const redrive =
        rawRedrive && typeof rawRedrive === 'object' && !Array.isArray(rawRedrive)
          ? ctx.toExpr(rawRedrive)
          : undefined;
      const fifo = ctx.literal('fifo_queue', 'FifoQueue') === true;
      const consumerTimeout = ctx
        .neighbours('out', ['consumes', 'triggers'])
        .concat(ctx.neighbours('in', ['consumes']))
        .map((n) => n.props.timeout)
        .find((t): t is number => typeof t === 'number');
      const visibility = ctx.literal('visibility_timeout_seconds', 'VisibilityTimeout');
      return [
        attr('name', ctx.physicalName('name', 'QueueName')),
        ...(fifo ? [attr('fifo_queue', bool(true))] : []),
        ...(isDlq
          ? [attr('message_retention_seconds', num(1209600))]
          : [
              attr(
                'visibility_timeout_seconds',
                lit(visibility ?? (consumerTimeout ? consumerTimeout * 6 : undefined), 180),
              ),
            ]),
        attr('sqs_managed_sse_enabled', bool(true)),
        ...(redrive
          ? [blank, attr('redrive_policy', call('jsonencode', redrive))]
          : dlq
            ? [
                blank,
                attr(
                  'redrive_policy',
                  call(
                    'jsonencode',
                    map([
                      ['deadLetterTargetArn', ctx.ref(dlq.id, 'arn')],
                      ['maxReceiveCount', num(5)],
                    ]),
                  ),
                ),
              ]
            : isDlq
              ? []
              : [
                  ctx.todo(
                    'add a dead-letter queue (redrive_policy) so poison messages do not loop forever.',
                  ),
                ]),
      ];
    },
  },
  aws_sns_topic: {
    concern: 'messaging',
    envAttr: 'arn',
    importId: byArn,
    build(ctx) {
      const subscribers = ctx
        .neighbours('out', ['publishes', 'triggers', 'calls'])
        .filter((n) => n.service === 'aws_sqs_queue' || n.service === 'aws_lambda_function');
      // Subscriptions the design lists for this topic; a subscriber none of them covers gets its own.
      const listed = ctx.neighbours('in').filter((n) => n.service === 'aws_sns_topic_subscription');
      const covered = (s: { id: string }) =>
        listed.some(
          (sub) =>
            ctx.graph.outEdges(sub.id).some((e) => e.to === s.id) ||
            JSON.stringify(sub.props).includes(`${s.id}.`) ||
            // A hand-written design may list one subscription without its endpoint: it stands for the one subscriber.
            (subscribers.length === 1 && !ctx.graph.outEdges(sub.id).some((e) => e.to !== ctx.node.id)),
        );
      for (const s of subscribers) {
        if (covered(s)) continue;
        const isQueue = s.service === 'aws_sqs_queue';
        ctx.companion(
          'aws_sns_topic_subscription',
          ctx.state.addressOf.get(s.id)?.split('.')[1] ?? s.name,
          [
            attr('topic_arn', ref(ctx.address, 'arn')),
            attr('protocol', str(isQueue ? 'sqs' : 'lambda')),
            attr('endpoint', ctx.ref(s.id, 'arn')),
            ...(isQueue ? [attr('raw_message_delivery', bool(true))] : []),
          ],
          { concern: 'messaging' },
        );
      }
      return [
        attr('name', ctx.physicalName('name', 'TopicName')),
        attr('kms_master_key_id', str('alias/aws/sns')),
      ];
    },
  },
  aws_sns_topic_subscription: {
    concern: 'messaging',
    importId: byArn,
    build(ctx) {
      return [
        ...arg(
          ctx,
          'topic_arn',
          ctx.expr('topic_arn', 'TopicArn') ?? neighbourRef(ctx, ['aws_sns_topic'], 'arn'),
          undefined,
          'the topic.',
        ),
        attr('protocol', lit(ctx.literal('protocol', 'Protocol'), 'sqs')),
        ...arg(
          ctx,
          'endpoint',
          ctx.expr('endpoint', 'Endpoint') ??
            neighbourRef(ctx, ['aws_sqs_queue', 'aws_lambda_function'], 'arn'),
          undefined,
          'the subscriber.',
        ),
      ];
    },
  },
  aws_kinesis_stream: {
    concern: 'messaging',
    envAttr: 'name',
    importId: byName,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        attr('retention_period', lit(ctx.literal('retention_period', 'RetentionPeriodHours'), 24)),
        attr('encryption_type', str('KMS')),
        attr('kms_key_id', str('alias/aws/kinesis')),
        blank,
        block('stream_mode_details', [attr('stream_mode', str('ON_DEMAND'))]),
      ];
    },
  },
  aws_cloudwatch_event_bus: {
    concern: 'messaging',
    envAttr: 'name',
    importId: byName,
    build: (ctx) => [attr('name', ctx.physicalName('name', 'Name'))],
  },
  aws_cloudwatch_event_rule: {
    concern: 'messaging',
    importId: (arn) => arn.resourceName.replace(/^rule\//, '').replace('/', '/'),
    build(ctx) {
      const bus = ctx.sameRegion('aws_cloudwatch_event_bus');
      return [
        attr('name', ctx.physicalName('name', 'Name')),
        ...(bus ? [attr('event_bus_name', ctx.ref(bus.id, 'name'))] : []),
        ctx.todo('the event pattern this rule matches.'),
        attr('event_pattern', call('jsonencode', map([['source', list([str(ctx.state.project)])]]))),
      ];
    },
  },
  aws_sfn_state_machine: {
    concern: 'messaging',
    envAttr: 'arn',
    importId: byArn,
    build(ctx) {
      return [
        attr('name', ctx.physicalName('name', 'StateMachineName')),
        attr('role_arn', companionRole(ctx, 'states.amazonaws.com')),
        ctx.todo('the state machine definition.'),
        attr(
          'definition',
          call(
            'jsonencode',
            map([
              ['StartAt', str('Done')],
              ['States', map([['Done', map([['Type', str('Succeed')]])]])],
            ]),
          ),
        ),
      ];
    },
  },
};
