// AWS SAM (`Transform: AWS::Serverless-2016-10-31`): Globals, function code locations, events (Api, HttpApi, SQS,
// SNS, S3, Schedule, EventBridgeRule, DynamoDB/Kinesis streams), policy templates, DLQs and destinations,
// state machine and API definitions from local files, and connectors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EdgeKind } from '../../src/model/kinds.js';
import type { ArchNode } from '../../src/model/schema.js';
import type { CfnGraphBuilder, Rec } from './graph.js';
import { parseTemplateText } from './parse.js';
import { isRecord, type Stack } from './template.js';
import { type CfnObject, type CfnValue, isObj, RefV } from './values.js';

const GLOBAL_SECTIONS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
};

export function isSam(doc: Record<string, unknown>): boolean {
  const t = doc.Transform;
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => typeof x === 'string' && x.startsWith('AWS::Serverless'));
}

/** Globals are defaults: a resource's own value wins; maps (Environment.Variables, Tags) merge. */
export function applyGlobals(stack: Stack): void {
  const globals = stack.doc.Globals;
  if (!isRecord(globals)) return;
  for (const [section, type] of Object.entries(GLOBAL_SECTIONS)) {
    const g = globals[section];
    if (!isRecord(g)) continue;
    for (const res of stack.resources.values()) {
      if (res.type !== type) continue;
      res.properties = mergeDefaults(g, res.properties) as CfnObject;
    }
  }
}

function mergeDefaults(
  defaults: Record<string, unknown>,
  own: Record<string, unknown>,
  depth = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults, ...own };
  if (depth > 3) return out;
  for (const [k, v] of Object.entries(defaults)) {
    const mine = own[k];
    if (isRecord(v) && isRecord(mine) && !Object.keys(mine).some((x) => x === 'Ref' || x.startsWith('Fn::')))
      out[k] = mergeDefaults(v, mine, depth + 1);
  }
  return out;
}

/** SAM creates an implicit API when a function's Api/HttpApi event names none. */
export function addImplicitApis(b: CfnGraphBuilder): void {
  for (const r of [...b.recs.values()]) {
    if (r.type !== 'AWS::Serverless::Function' && r.type !== 'AWS::Serverless::StateMachine') continue;
    for (const ev of Object.values(isObj(r.values.Events) ? r.values.Events : {})) {
      if (!isObj(ev)) continue;
      const p = isObj(ev.Properties) ? ev.Properties : {};
      if (ev.Type === 'Api' && p.RestApiId === undefined)
        implicitApi(b, r, 'ServerlessRestApi', 'aws_api_gateway_rest_api');
      if (ev.Type === 'HttpApi' && p.ApiId === undefined)
        implicitApi(b, r, 'ServerlessHttpApi', 'aws_apigatewayv2_api');
    }
  }
}

function implicitApi(b: CfnGraphBuilder, r: Rec, logicalId: string, service: string): void {
  const id = r.stack.idOf(logicalId);
  if (b.nodes.has(id)) return;
  const node: ArchNode = {
    id,
    kind: 'api_gateway',
    name: logicalId,
    provider: 'aws',
    service,
    parent: r.stack.name,
    props: { logicalId, implicit: true },
    tags: {},
    sources: [b.source(r)],
  };
  b.nodes.set(id, node);
}

/** Code location, events, policies and destinations of every SAM function and state machine. */
export function samEdges(b: CfnGraphBuilder): void {
  for (const r of b.recs.values()) {
    if (r.type === 'AWS::Serverless::Function') {
      functionCode(b, r);
      events(b, r);
      b.grant(r.id, b.samPolicies(r));
      const dlq = isObj(r.values.DeadLetterQueue) ? r.values.DeadLetterQueue.TargetArn : undefined;
      for (const t of b.targetsOf(dlq)) b.addEdge(r.id, t, 'publishes', b.source(r), { label: 'DLQ' });
    } else if (r.type === 'AWS::Serverless::StateMachine') {
      events(b, r);
      b.grant(r.id, b.samPolicies(r));
    } else if (r.type === 'AWS::Lambda::Function') {
      destinations(b, r);
    }
    if (r.type === 'AWS::Serverless::Function' || r.type === 'AWS::Lambda::EventInvokeConfig')
      destinations(b, r);
  }
  connectors(b);
}

function functionCode(b: CfnGraphBuilder, r: Rec): void {
  const codeUri = r.values.CodeUri;
  const handler = typeof r.values.Handler === 'string' ? r.values.Handler : undefined;
  if (typeof codeUri !== 'string') {
    b.codeLocation(r, undefined, handler);
    return;
  }
  const dir = b.resolvePath(r, codeUri);
  const build = isRecord(r.res.metadata.BuildProperties) ? r.res.metadata.BuildProperties : {};
  const entryPoints = Array.isArray(build.EntryPoints) ? build.EntryPoints : [];
  const entry = typeof entryPoints[0] === 'string' ? join(dir, entryPoints[0]) : undefined;
  b.codeLocation(r, dir, handler, entry && existsSync(entry) ? entry : undefined);
}

function events(b: CfnGraphBuilder, r: Rec): void {
  const evs = isObj(r.values.Events) ? r.values.Events : {};
  const rawEvents = isRecord(r.res.properties.Events) ? r.res.properties.Events : {};
  for (const [name, ev] of Object.entries(evs)) {
    if (!isObj(ev) || typeof ev.Type !== 'string') continue;
    const p = isObj(ev.Properties) ? ev.Properties : {};
    const src = b.source(r, r.stack.lineOf(rawEvents, name));
    const into = (source: CfnValue | undefined, kind: EdgeKind, label?: string) => {
      for (const t of b.targetsOf(source)) b.addEdge(t, r.id, kind, src, label ? { label } : {});
    };
    switch (ev.Type) {
      case 'Api':
      case 'HttpApi': {
        const api = ev.Type === 'Api' ? p.RestApiId : p.ApiId;
        const label =
          typeof p.Path === 'string' ? `${String(p.Method ?? 'ANY').toUpperCase()} ${p.Path}` : undefined;
        const apiId =
          api === undefined
            ? [r.stack.idOf(ev.Type === 'Api' ? 'ServerlessRestApi' : 'ServerlessHttpApi')]
            : b.targetsOf(api);
        for (const a of apiId) b.addEdge(a, r.id, 'calls', src, label ? { label } : {});
        break;
      }
      case 'SQS':
        into(p.Queue, 'consumes');
        break;
      case 'Kinesis':
      case 'DynamoDB':
      case 'MSK':
      case 'MQ':
      case 'DocumentDB':
        into(p.Stream ?? p.Broker ?? p.Cluster, 'consumes');
        break;
      case 'SNS':
        into(p.Topic, 'publishes');
        break;
      case 'S3':
        into(p.Bucket, 'triggers');
        break;
      case 'Schedule':
      case 'ScheduleV2':
      case 'EventBridgeRule':
      case 'CloudWatchEvent': {
        // SAM makes a rule (or schedule) named <Resource><Event>.
        const logicalId = `${r.res.logicalId}${name}`;
        const id = r.stack.idOf(logicalId);
        const schedule = ev.Type === 'ScheduleV2';
        b.nodes.set(id, {
          id,
          kind: 'topic',
          name: logicalId,
          provider: 'aws',
          service: schedule ? 'aws_scheduler_schedule' : 'aws_cloudwatch_event_rule',
          parent: r.stack.name,
          props: {
            logicalId,
            generated: ev.Type,
            ...(typeof p.Schedule === 'string' ? { schedule: p.Schedule } : {}),
            ...(typeof p.ScheduleExpression === 'string' ? { schedule: p.ScheduleExpression } : {}),
          },
          tags: {},
          sources: [src],
        });
        for (const bus of b.targetsOf(p.EventBusName)) b.addEdge(bus, id, 'routes', src);
        b.addEdge(id, r.id, 'triggers', src);
        break;
      }
      default:
        break;
    }
  }
}

function destinations(b: CfnGraphBuilder, r: Rec): void {
  const cfg = isObj(r.values.EventInvokeConfig) ? r.values.EventInvokeConfig : r.values;
  const dc = isObj(cfg.DestinationConfig) ? cfg.DestinationConfig : undefined;
  if (!dc) return;
  const fn = r.type === 'AWS::Lambda::EventInvokeConfig' ? b.targetsOf(r.values.FunctionName)[0] : r.id;
  if (!fn) return;
  for (const key of ['OnSuccess', 'OnFailure']) {
    const d = dc[key];
    if (!isObj(d)) continue;
    for (const t of b.targetsOf(d.Destination)) {
      const kind = b.nodes.get(t)?.kind;
      b.addEdge(fn, t, kind === 'function' ? 'calls' : 'publishes', b.source(r), { label: key });
    }
  }
}

/** `AWS::Serverless::Connector`: Source → Destination with Read/Write permissions. */
function connectors(b: CfnGraphBuilder): void {
  for (const stack of b.ws.stacks) {
    for (const res of stack.resources.values()) {
      if (res.type !== 'AWS::Serverless::Connector') continue;
      const props = stack.resolve(res.properties, res.line);
      if (!isObj(props)) continue;
      const end = (v: CfnValue | undefined): string[] => {
        if (!isObj(v)) return [];
        if (typeof v.Id === 'string') return [stack.idOf(v.Id)];
        return b.targetsOf(v.Arn);
      };
      const perms = Array.isArray(props.Permissions) ? props.Permissions : [];
      // Read and Write are abstract: actions that mean the same on every kind of destination.
      const actions = perms.flatMap((p) =>
        p === 'Read'
          ? ['connector:GetItem', 'connector:ReceiveMessage', 'connector:GetRecords']
          : [
              'connector:PutItem',
              'connector:SendMessage',
              'connector:Publish',
              'connector:InvokeFunction',
              'connector:StartExecution',
            ],
      );
      const destinations = Array.isArray(props.Destination) ? props.Destination : [props.Destination];
      const targets = destinations.flatMap((d) => end(d)).map((id) => new RefV(id, undefined, id));
      for (const s of end(props.Source))
        b.grant(s, [{ actions, resources: targets, ...(res.line ? { line: res.line } : {}) }]);
    }
  }
}

/** A SAM state machine or API whose definition lives in a local file (`DefinitionUri: statemachine/x.asl.json`). */
export function loadLocalDefinitions(b: CfnGraphBuilder): void {
  for (const r of b.recs.values()) {
    const uri = r.values.DefinitionUri;
    if (typeof uri !== 'string' || /^s3:\/\//.test(uri)) continue;
    const file = b.resolvePath(r, uri);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      b.ws.warn(
        'cfn-definition-missing',
        `DefinitionUri ${uri} cannot be read`,
        r.stack.file,
        r.res.line,
        'check the path',
      );
      continue;
    }
    const parsed = parseTemplateText(text);
    if (parsed.value === undefined) {
      const d = parsed.diagnostics[0];
      b.ws.warn('cfn-parse', d?.message ?? 'cannot parse', b.rel(file), d?.line, 'fix the definition file');
      continue;
    }
    // ${Name} placeholders take their values from DefinitionSubstitutions.
    const subs = isObj(r.values.DefinitionSubstitutions) ? r.values.DefinitionSubstitutions : {};
    const withSubs = substitute(parsed.value, subs, 0);
    const key = r.type === 'AWS::Serverless::StateMachine' ? 'Definition' : 'DefinitionBody';
    r.values[key] = (r.stack.resolve(withSubs, r.res.line) ?? null) as CfnValue;
  }
}

function substitute(v: unknown, subs: CfnObject, depth: number): unknown {
  if (depth > 60) return v;
  if (typeof v === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(v);
    if (whole && whole[1]! in subs) return subs[whole[1]!];
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, subs, depth + 1));
  if (isRecord(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, subs, depth + 1)]));
  return v;
}
