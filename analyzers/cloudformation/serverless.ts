// Serverless Framework services (serverless.yml): variables (${self:…}, ${opt:stage}, ${sls:stage}, ${env:…} with
// fallbacks, ${aws:region}) resolved where known, then the service is written as the CloudFormation it deploys —
// functions, their events (http, httpApi, sqs, sns, s3, schedule, stream, eventBridge), the shared or per-function
// IAM role, and `resources` — and read like any other stack.
import { basename, dirname } from 'node:path';
import type { Loader } from './load.js';
import { readServerlessTs } from './serverless-ts.js';
import { isRecord, type Stack } from './template.js';

/** Bound on variable substitution passes (nested `${self:custom.${sls:stage}.x}`) and on self-reference depth. */
const MAX_PASSES = 10;
/** Marks a variable that stays unknown, so that later passes look past it. */
const UNKNOWN = '\u0001';
const MAX_SELF_DEPTH = 10;

interface Vars {
  doc: Record<string, unknown>;
  stage: string;
  region: string;
}

function lookupSelf(vars: Vars, path: string, depth: number): unknown {
  let cur: unknown = vars.doc;
  for (const part of path.split('.').filter(Boolean)) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return resolveVars(cur, vars, depth + 1);
}

/** One variable `source:address, fallback` → its value, or undefined when unknown. */
function variable(expr: string, vars: Vars, depth: number): unknown {
  const comma = splitFallback(expr);
  const main = comma[0]!.trim();
  const fallback = comma[1]?.trim();
  const fb = fallback === undefined ? undefined : literal(fallback, vars, depth);
  const colon = main.indexOf(':');
  const source = colon < 0 ? 'self' : main.slice(0, colon);
  const address = colon < 0 ? main : main.slice(colon + 1);
  let v: unknown;
  switch (source) {
    case 'self':
      v = depth > MAX_SELF_DEPTH ? undefined : lookupSelf(vars, address, depth);
      break;
    case 'opt':
      v = address === 'stage' ? vars.stage : address === 'region' ? vars.region : undefined;
      break;
    case 'sls':
      v = address === 'stage' ? vars.stage : undefined;
      break;
    case 'aws':
      v = address === 'region' ? vars.region : undefined;
      break;
    default:
      v = undefined;
  }
  return v ?? fb;
}

function splitFallback(expr: string): string[] {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return [expr.slice(0, i), expr.slice(i + 1)];
  }
  return [expr];
}

function literal(text: string, vars: Vars, depth: number): unknown {
  const q = /^(['"])(.*)\1$/.exec(text);
  if (q) return q[2];
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return undefined;
  return variable(text, vars, depth + 1);
}

/** Resolves every `${…}` that can be known; the rest stays as written. */
export function resolveVars(v: unknown, vars: Vars, depth = 0): unknown {
  if (depth > MAX_SELF_DEPTH * 4) return v;
  if (typeof v === 'string') return resolveString(v, vars, depth);
  if (Array.isArray(v)) return v.map((x) => resolveVars(x, vars, depth + 1));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveVars(x, vars, depth + 1);
    return out;
  }
  return v;
}

function resolveString(text: string, vars: Vars, depth: number): unknown {
  let s = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // The innermost variable first: `${self:custom.${sls:stage}.table}`.
    const m = /\$\{([^${}]*)\}/.exec(s);
    if (!m) break;
    const whole = m[0] === s;
    const v = variable(m[1]!, vars, depth);
    if (v === undefined) {
      // Unknown: keep it, marked so that later passes skip it.
      s = s.replace(m[0], `${UNKNOWN}{${m[1]}}`);
      continue;
    }
    if (whole && typeof v !== 'string') return v;
    s = s.replace(m[0], typeof v === 'string' ? v : JSON.stringify(v));
  }
  return s.split(`${UNKNOWN}{`).join('${');
}

/** Serverless's logical id for a function key: `create-order` → `CreateDashorderLambdaFunction`. */
export function normalizeName(name: string): string {
  const n = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}`;
}

const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

/**
 * Reads one serverless.yml into a stack (with its node ids named `<service>-<stage>/<function>`).
 * @example
 * loadServerless(loader, '/repo/orders/serverless.yml')
 */
export function loadServerless(loader: Loader, abs: string): Stack | undefined {
  const parsed = abs.endsWith('.ts') ? readServerlessTs(abs) : loader.parseFile(abs);
  if (!parsed) {
    if (abs.endsWith('.ts'))
      loader.ws.warn(
        'cfn-serverless-ts',
        'no configuration object found (read statically: `module.exports =` or `export default` of an object literal)',
        loader.rel(abs),
        undefined,
      );
    return undefined;
  }
  const raw = parsed.doc;
  const provider = isRecord(raw.provider) ? raw.provider : {};
  const stage = typeof provider.stage === 'string' && !provider.stage.includes('${') ? provider.stage : 'dev';
  const region =
    typeof provider.region === 'string' && !provider.region.includes('${') ? provider.region : 'us-east-1';
  const vars: Vars = { doc: raw, stage, region };
  const doc = resolveVars(raw, vars) as Record<string, unknown>;
  const lines = parsed.lines;
  const service =
    typeof doc.service === 'string'
      ? doc.service
      : isRecord(doc.service) && typeof doc.service.name === 'string'
        ? doc.service.name
        : basename(dirname(abs));
  const prov = isRecord(doc.provider) ? doc.provider : {};
  const stackName = typeof prov.stackName === 'string' ? prov.stackName : `${service}-${stage}`;
  const rawFunctions = isRecord(raw.functions) ? raw.functions : {};
  const functions = isRecord(doc.functions) ? doc.functions : {};
  const userResources =
    isRecord(doc.resources) && isRecord(doc.resources.Resources) ? doc.resources.Resources : {};
  const rawUser = isRecord(raw.resources) && isRecord(raw.resources.Resources) ? raw.resources.Resources : {};
  const resources: Record<string, unknown> = {};
  const resourceLines = new Map<string, number>();
  const ids = new Map<string, string>();
  for (const [k, v] of Object.entries(userResources)) {
    resources[k] = v;
    const l = lines.get(rawUser)?.get(k);
    if (l) resourceLines.set(k, l);
  }
  const add = (logicalId: string, res: Record<string, unknown>, line: number | undefined) => {
    if (logicalId in resources) return;
    resources[logicalId] = res;
    if (line) resourceLines.set(logicalId, line);
  };
  const providerEnv = isRecord(prov.environment) ? prov.environment : {};
  const iam = isRecord(prov.iam) && isRecord(prov.iam.role) ? prov.iam.role : {};
  const sharedStatements = Array.isArray(iam.statements)
    ? iam.statements
    : Array.isArray(prov.iamRoleStatements)
      ? prov.iamRoleStatements
      : [];
  const sharedRole = typeof prov.role === 'string' ? prov.role : typeof iam === 'string' ? iam : undefined;
  const providerLine = lines.get(raw)?.get('provider');
  add(
    'IamRoleLambdaExecution',
    {
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [
          {
            PolicyName: `${stackName}-lambda`,
            PolicyDocument: { Version: '2012-10-17', Statement: sharedStatements },
          },
        ],
      },
    },
    providerLine,
  );
  let httpApi = false;
  let restApi = false;
  for (const [fnKey, def] of Object.entries(functions)) {
    if (!isRecord(def)) continue;
    const fnLine = lines.get(rawFunctions)?.get(fnKey);
    const logical = `${normalizeName(fnKey)}LambdaFunction`;
    ids.set(logical, `${stackName}/${fnKey}`);
    const ownStatements = Array.isArray(def.iamRoleStatements) ? def.iamRoleStatements : [];
    let role: unknown = { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] };
    const ownRole = typeof def.role === 'string' ? def.role : sharedRole;
    if (ownRole) role = ownRole in resources ? { 'Fn::GetAtt': [ownRole, 'Arn'] } : ownRole;
    if (ownStatements.length) {
      const roleId = `${normalizeName(fnKey)}IamRoleLambdaExecution`;
      add(
        roleId,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [
              { PolicyName: fnKey, PolicyDocument: { Statement: [...sharedStatements, ...ownStatements] } },
            ],
          },
        },
        fnLine,
      );
      role = { 'Fn::GetAtt': [roleId, 'Arn'] };
    }
    const env = { ...providerEnv, ...(isRecord(def.environment) ? def.environment : {}) };
    add(
      logical,
      {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: typeof def.name === 'string' ? def.name : `${service}-${stage}-${fnKey}`,
          ...(typeof def.handler === 'string' ? { Handler: def.handler } : {}),
          ...(typeof (def.runtime ?? prov.runtime) === 'string'
            ? { Runtime: def.runtime ?? prov.runtime }
            : {}),
          Role: role,
          ...(Object.keys(env).length ? { Environment: { Variables: env } } : {}),
        },
      },
      fnLine,
    );
    const fnArn = { 'Fn::GetAtt': [logical, 'Arn'] };
    const events = Array.isArray(def.events) ? def.events : [];
    events.forEach((ev, i) => {
      if (!isRecord(ev)) return;
      const [type, spec] = Object.entries(ev)[0] ?? [];
      const id = `${normalizeName(fnKey)}${normalizeName(alnum(String(type)))}Event${i + 1}`;
      const s = isRecord(spec) ? spec : {};
      switch (type) {
        case 'http': {
          restApi = true;
          const method = typeof spec === 'string' ? spec.split(' ')[0] : s.method;
          add(
            id,
            {
              Type: 'AWS::ApiGateway::Method',
              Properties: {
                RestApiId: { Ref: 'ApiGatewayRestApi' },
                HttpMethod: String(method ?? 'ANY').toUpperCase(),
                Integration: { Type: 'AWS_PROXY', Uri: fnArn },
              },
            },
            fnLine,
          );
          break;
        }
        case 'httpApi':
          httpApi = true;
          add(
            id,
            {
              Type: 'AWS::ApiGatewayV2::Integration',
              Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn },
            },
            fnLine,
          );
          break;
        case 'sqs':
        case 'stream': {
          const arn =
            typeof spec === 'string' ||
            (isRecord(spec) &&
              Object.keys(spec).some((k) => k === 'Fn::GetAtt' || k === 'Ref' || k === 'Fn::ImportValue'))
              ? spec
              : s.arn;
          add(
            id,
            {
              Type: 'AWS::Lambda::EventSourceMapping',
              Properties: { EventSourceArn: arn, FunctionName: { Ref: logical } },
            },
            fnLine,
          );
          break;
        }
        case 'sns': {
          let topic: unknown = typeof spec === 'string' ? spec : (s.arn ?? s.topicName);
          if (typeof topic === 'string' && !topic.startsWith('arn:')) {
            const topicId = `SNSTopic${normalizeName(alnum(topic))}`;
            add(topicId, { Type: 'AWS::SNS::Topic', Properties: { TopicName: topic } }, fnLine);
            topic = { Ref: topicId };
          }
          add(
            id,
            {
              Type: 'AWS::SNS::Subscription',
              Properties: { TopicArn: topic, Protocol: 'lambda', Endpoint: fnArn },
            },
            fnLine,
          );
          break;
        }
        case 's3': {
          const bucket = typeof spec === 'string' ? spec : s.bucket;
          if (typeof bucket !== 'string') break;
          if (s.existing === true) {
            add(
              id,
              {
                Type: 'AWS::Lambda::Permission',
                Properties: { FunctionName: { Ref: logical }, SourceArn: `arn:aws:s3:::${bucket}` },
              },
              fnLine,
            );
            break;
          }
          const bucketId = `S3Bucket${normalizeName(alnum(bucket))}`;
          const prev = resources[bucketId];
          const configs =
            isRecord(prev) &&
            isRecord(prev.Properties) &&
            isRecord(prev.Properties.NotificationConfiguration) &&
            Array.isArray(prev.Properties.NotificationConfiguration.LambdaConfigurations)
              ? prev.Properties.NotificationConfiguration.LambdaConfigurations
              : [];
          resources[bucketId] = {
            Type: 'AWS::S3::Bucket',
            Properties: {
              BucketName: bucket,
              NotificationConfiguration: {
                LambdaConfigurations: [...configs, { Event: 's3:ObjectCreated:*', Function: fnArn }],
              },
            },
          };
          if (fnLine && !resourceLines.has(bucketId)) resourceLines.set(bucketId, fnLine);
          break;
        }
        case 'schedule':
          add(
            id,
            {
              Type: 'AWS::Events::Rule',
              Properties: {
                ScheduleExpression: typeof spec === 'string' ? spec : s.rate,
                Targets: [{ Arn: fnArn, Id: fnKey }],
              },
            },
            fnLine,
          );
          break;
        case 'eventBridge':
        case 'cloudwatchEvent': {
          let bus: unknown = s.eventBus;
          if (
            typeof bus === 'string' &&
            !bus.startsWith('arn:') &&
            bus !== 'default' &&
            !(bus in resources)
          ) {
            const busId = `EventBus${normalizeName(alnum(bus))}`;
            add(busId, { Type: 'AWS::Events::EventBus', Properties: { Name: bus } }, fnLine);
            bus = { Ref: busId };
          }
          add(
            id,
            {
              Type: 'AWS::Events::Rule',
              Properties: {
                ...(bus !== undefined ? { EventBusName: bus } : {}),
                ...(s.schedule ? { ScheduleExpression: s.schedule } : {}),
                EventPattern: s.pattern ?? s.event ?? {},
                Targets: [{ Arn: fnArn, Id: fnKey }],
              },
            },
            fnLine,
          );
          break;
        }
        default:
          break;
      }
    });
  }
  if (restApi)
    add(
      'ApiGatewayRestApi',
      { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: `${stage}-${service}` } },
      providerLine,
    );
  if (httpApi)
    add(
      'HttpApi',
      { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: `${stage}-${service}`, ProtocolType: 'HTTP' } },
      providerLine,
    );
  lines.set(resources, resourceLines);
  const cfnDoc: Record<string, unknown> = {
    Resources: resources,
    ...(isRecord(doc.resources) && isRecord(doc.resources.Outputs) ? { Outputs: doc.resources.Outputs } : {}),
    ...(isRecord(doc.resources) && isRecord(doc.resources.Conditions)
      ? { Conditions: doc.resources.Conditions }
      : {}),
  };
  return loader.loadStack(abs, cfnDoc, lines, stackName, 'serverless', ids);
}
