// A loopback AWS endpoint for tests and benchmarks: it speaks the real wire protocols of the three APIs the aws
// analyzer uses, so the real SDK v3 clients talk to it through `endpoint`. It serves recorded accounts, records
// every operation it served, and injects faults on demand.
//
// Protocols (looked up, not guessed):
// - Resource Groups Tagging API, awsJson1_1, `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources`:
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
//   (the last page carries `"PaginationToken": ""`; throttling is `ThrottledException`:
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html#API_GetResources_Errors)
// - Cloud Control API, awsJson1_0, `X-Amz-Target: CloudApiService.ListResources | .GetResource`:
//   https://docs.aws.amazon.com/cloudcontrolapi/latest/APIReference/API_ListResources.html
//   https://docs.aws.amazon.com/cloudcontrolapi/latest/APIReference/API_GetResource.html
//   (`ResourceDescription.Properties` is a JSON *string*; errors ThrottlingException, TypeNotFoundException,
//   UnsupportedActionException, ResourceNotFoundException, InvalidRequestException)
// - JSON error bodies: `{"__type": "<Code>", "message": "…"}` with the `X-Amzn-ErrorType` header:
//   https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html#operation-error-serialization
// - STS, awsQuery (form-encoded request, XML response):
//   https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
//   https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
//   https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#operation-error-serialization
// - Organizations, awsJson1_1, `X-Amz-Target: AWSOrganizationsV20161128.ListAccounts`, signed for
//   `organizations` in us-east-1; accounts carry `State` (and the retiring `Status`):
//   https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
//   A member account calling it gets `AccessDeniedException`; outside an organization,
//   `AWSOrganizationsNotInUseException`.
// - Resource Explorer, restJson1, `POST /ListIndexes` and `POST /Search`, signed for `resource-explorer-2`.
//   Search answers at most 1,000 results per query (`Count.Complete` false beyond), and without a default view
//   in the region it fails with 401 `UnauthorizedException`:
//   https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_Search.html
//   https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_ListIndexes.html
// - A region that is not enabled (opt-in) rejects the caller's token: `UnrecognizedClientException` on JSON
//   services, `InvalidClientTokenId` on STS ("The security token included in the request is invalid"):
//   https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TagMapping {
  ResourceARN: string;
  Tags: { Key: string; Value: string }[];
}

export interface CloudControlResource {
  Identifier: string;
  /** A JSON string, as the real API returns it. */
  Properties: string;
}

export interface RecordedRegion {
  tagging: TagMapping[];
  cloudControl: Record<string, CloudControlResource[]>;
}

export interface RecordedAccount {
  account: string;
  regions: Record<string, RecordedRegion>;
  /** Opt-in regions that exist but are not enabled for this account. */
  disabledRegions?: string[];
}

export type FaultKind =
  | 'throttle'
  | 'access-denied'
  | 'internal-error'
  | 'malformed-json'
  | 'delay'
  | 'region-not-enabled'
  | 'unsupported-action'
  | 'type-not-found'
  // Pagination that never ends: the last page returns the token that asked for it (`repeat-token`), or a new
  // token for the same page every time (`endless-token`).
  | 'repeat-token'
  | 'endless-token';

export interface Fault {
  kind: FaultKind;
  region?: string;
  /** `GetResources`, `ListResources`, `GetResource`, `AssumeRole`, `GetCallerIdentity`. */
  operation?: string;
  typeName?: string;
  /** How many requests it hits; unlimited when omitted. */
  times?: number;
  delayMs?: number;
}

export interface ServedCall {
  /** The IAM action, e.g. `tag:GetResources`. */
  action: string;
  operation: string;
  region: string;
  account: string;
  typeName?: string;
  identifier?: string;
  /** Resource Explorer's QueryString. */
  query?: string;
  status: number;
}

export interface AwsServerOptions {
  accounts: RecordedAccount[];
  /** Long-term access keys and their account. Default: `AKIAIOSFODNN7EXAMPLE` → the first account. */
  accessKeys?: Record<string, string>;
  /** Added to every response, for benchmarks. */
  latencyMs?: number;
  /** Items per page (Tagging honours a smaller `ResourcesPerPage`). */
  taggingPageSize?: number;
  cloudControlPageSize?: number;
  /** The AWS Organization: its management account, and its members (default: every recorded account, active). */
  organization?: { management: string; accounts?: { id: string; name?: string; state?: string }[] };
  /** Accounts whose member role refuses sts:AssumeRole (AccessDenied), as a role that does not trust the caller. */
  denyAssumeRole?: string[];
  /** Accounts with a Resource Explorer aggregator index, and the region it is in. */
  explorer?: Record<string, { aggregatorRegion: string }>;
}

export const TEST_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Cloud Control list handlers that need a parent in ResourceModel, and the property that names it. */
const LIST_REQUIRES: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2::Listener': 'LoadBalancerArn',
  'AWS::ECS::Service': 'Cluster',
};

/** Primary identifiers, so that ListResources returns identifier-only models, as most list handlers do. */
const PRIMARY_IDENTIFIER: Record<string, string[]> = {
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::Lambda::EventSourceMapping': ['Id'],
  'AWS::SQS::Queue': ['QueueUrl'],
  'AWS::SNS::Topic': ['TopicArn'],
  'AWS::Events::Rule': ['Arn'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::RDS::DBCluster': ['DBClusterIdentifier'],
  'AWS::ElastiCache::ReplicationGroup': ['ReplicationGroupId'],
  'AWS::ECS::Cluster': ['ClusterName'],
  'AWS::ECS::Service': ['ServiceArn', 'Cluster'],
  'AWS::ECS::TaskDefinition': ['TaskDefinitionArn'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['LoadBalancerArn'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['TargetGroupArn'],
  'AWS::ElasticLoadBalancingV2::Listener': ['ListenerArn'],
  'AWS::EC2::VPC': ['VpcId'],
  'AWS::EC2::Subnet': ['SubnetId'],
  'AWS::EC2::NatGateway': ['NatGatewayId'],
  'AWS::ApiGateway::RestApi': ['RestApiId'],
  'AWS::ApiGatewayV2::Api': ['ApiId'],
  'AWS::CloudFront::Distribution': ['Id'],
};

const JSON_SERVICES: Record<string, { prefix: string; contentType: string; signingName: string }> = {
  ResourceGroupsTaggingAPI_20170126: {
    prefix: 'tag',
    contentType: 'application/x-amz-json-1.1',
    signingName: 'tagging',
  },
  CloudApiService: {
    prefix: 'cloudformation',
    contentType: 'application/x-amz-json-1.0',
    signingName: 'cloudcontrolapi',
  },
  AWSOrganizationsV20161128: {
    prefix: 'organizations',
    contentType: 'application/x-amz-json-1.1',
    signingName: 'organizations',
  },
};

/** Resource Explorer's restJson1 operations, by path. */
const EXPLORER_PATHS: Record<string, string> = { '/ListIndexes': 'ListIndexes', '/Search': 'Search' };
const EXPLORER_SEARCH_CAP = 1_000;

class AwsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Credential {
  accessKeyId: string;
  region: string;
  service: string;
}

/** Reads `Credential=AKID/20241123/eu-west-1/tagging/aws4_request` out of a SigV4 Authorization header. */
function parseSigV4(req: IncomingMessage): Credential {
  const auth = req.headers.authorization ?? '';
  if (!auth) throw new AwsFault(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=[0-9a-f]{64}$/.exec(
      auth,
    );
  if (!m) throw new AwsFault(400, 'IncompleteSignatureException', 'Authorization header is not SigV4');
  if (!req.headers['x-amz-date'])
    throw new AwsFault(400, 'IncompleteSignatureException', 'X-Amz-Date header is missing');
  if (!req.headers['x-amz-content-sha256'])
    throw new AwsFault(400, 'IncompleteSignatureException', 'x-amz-content-sha256 header is missing');
  const signed = m[5]!.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date'))
    throw new AwsFault(400, 'IncompleteSignatureException', 'host and x-amz-date must be signed');
  return { accessKeyId: m[1]!, region: m[3]!, service: m[4]! };
}

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8').split(':')[1]) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length)
    throw new AwsFault(400, 'InvalidParameterException', 'The pagination token is not valid');
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { next: Buffer.from(`page:${end}`).toString('base64url') } : {}),
  };
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class AwsServer {
  readonly calls: ServedCall[] = [];
  url = '';
  /** Requests being answered right now, and the most at once: how parallel the client really was. */
  inFlight = 0;
  peakInFlight = 0;
  private faults: Fault[] = [];
  private endlessTokens = 0;
  private readonly server: Server;
  private readonly accounts = new Map<string, RecordedAccount>();
  private readonly keys = new Map<string, string>();
  private issued = 0;

  constructor(private readonly options: AwsServerOptions) {
    for (const a of options.accounts) this.accounts.set(a.account, a);
    const first = options.accounts[0]?.account ?? '123456789012';
    for (const [k, v] of Object.entries(options.accessKeys ?? { [TEST_ACCESS_KEY]: first }))
      this.keys.set(k, v);
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Pending `delay` faults: close() drops them, so that no long answer outlives the server. */
  private readonly delays = new Set<NodeJS.Timeout>();

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  async close(): Promise<void> {
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /**
   * Resolves once a request for `operation` has arrived. No deadline of its own: the test's timeout bounds it, so
   * a slow machine waits longer instead of failing.
   */
  async waitForCall(operation: string): Promise<void> {
    while (!this.calls.some((c) => c.operation === operation)) await new Promise((r) => setTimeout(r, 20));
  }

  /** The distinct IAM actions served so far. */
  actions(): string[] {
    return [...new Set(this.calls.map((c) => c.action))].sort();
  }

  private takeFault(region: string, operation: string, typeName?: string): Fault | undefined {
    const f = this.faults.find(
      (f) =>
        (f.times === undefined || f.times > 0) &&
        (!f.region || f.region === region) &&
        (!f.operation || f.operation === operation) &&
        (!f.typeName || f.typeName === typeName),
    );
    if (f?.times !== undefined) f.times--;
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    res.on('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const target = req.headers['x-amz-target'];
    const explorer = EXPLORER_PATHS[(req.url ?? '').split('?')[0] ?? ''];
    if (typeof target === 'string') await this.handleJson(req, res, target, body);
    else if (explorer) await this.handleExplorer(req, res, explorer, body);
    else await this.handleQuery(req, res, body);
  }

  private async handleJson(req: IncomingMessage, res: ServerResponse, target: string, body: string) {
    const [prefix = '', operation = ''] = target.split('.');
    const service = JSON_SERVICES[prefix];
    const send = (status: number, payload: string, code?: string) => {
      res.writeHead(status, {
        'content-type': service?.contentType ?? 'application/x-amz-json-1.0',
        'x-amzn-requestid': randomUUID(),
        ...(code ? { 'x-amzn-errortype': code } : {}),
      });
      res.end(payload);
    };
    const sendError = (e: AwsFault) =>
      send(e.status, JSON.stringify({ __type: e.code, message: e.message }), e.code);
    let call: ServedCall | undefined;
    try {
      if (!service) throw new AwsFault(400, 'UnknownOperationException', `unknown target ${target}`);
      if (req.headers['content-type'] !== service.contentType)
        throw new AwsFault(400, 'SerializationException', `expected content-type ${service.contentType}`);
      const cred = parseSigV4(req);
      if (cred.service !== service.signingName)
        throw new AwsFault(
          403,
          'InvalidSignatureException',
          `credential scope service must be ${service.signingName}`,
        );
      const account = this.keys.get(cred.accessKeyId);
      if (!account)
        throw new AwsFault(
          400,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body || '{}');
      } catch {
        throw new AwsFault(400, 'SerializationException', 'request body is not JSON');
      }
      const typeName = typeof input.TypeName === 'string' ? input.TypeName : undefined;
      call = {
        action: `${service.prefix}:${operation}`,
        operation,
        region: cred.region,
        account,
        status: 200,
        ...(typeName ? { typeName } : {}),
        ...(typeof input.Identifier === 'string' ? { identifier: input.Identifier } : {}),
      };
      this.calls.push(call);
      const recorded = this.accounts.get(account)!;
      if (recorded.disabledRegions?.includes(cred.region))
        throw new AwsFault(
          400,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      const fault = this.takeFault(cred.region, operation, typeName);
      if (fault?.kind === 'delay') await this.delay(fault.delayMs ?? 1000);
      if (fault?.kind === 'repeat-token' || fault?.kind === 'endless-token') {
        // Pages are served as usual, but the last one does not end the chain: it hands back the token that
        // asked for it (a loop), or a new token for the same page every time (endless).
        const region = recorded.regions[cred.region] ?? { tagging: [], cloudControl: {} };
        const out = this.serveJson(operation, prefix, input, region) as Record<string, unknown>;
        const field = operation === 'GetResources' ? 'PaginationToken' : 'NextToken';
        if (!out[field]) {
          const asked = String(input[field] ?? '') || Buffer.from('page:0').toString('base64url');
          const start = Buffer.from(asked, 'base64url').toString('utf8').split(':')[1] ?? '0';
          out[field] =
            fault.kind === 'repeat-token'
              ? asked
              : Buffer.from(`page:${start}:${++this.endlessTokens}`).toString('base64url');
        }
        return send(200, JSON.stringify(out));
      }
      if (fault && fault.kind !== 'delay') {
        if (fault.kind === 'malformed-json') {
          call.status = 200;
          return send(200, '{"ResourceTagMappingList": [{"ResourceARN": "arn:aws:');
        }
        throw this.jsonFault(fault.kind, prefix, operation, typeName);
      }
      if (prefix === 'AWSOrganizationsV20161128')
        return send(200, JSON.stringify(this.listAccounts(account, input)));
      const region = recorded.regions[cred.region] ?? { tagging: [], cloudControl: {} };
      const out = this.serveJson(operation, prefix, input, region);
      send(200, JSON.stringify(out));
    } catch (error) {
      if (!(error instanceof AwsFault)) throw error;
      if (call) call.status = error.status;
      sendError(error);
    }
  }

  private listAccounts(caller: string, input: Record<string, unknown>) {
    const org = this.options.organization;
    if (!org)
      throw new AwsFault(
        400,
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    if (caller !== org.management)
      throw new AwsFault(400, 'AccessDeniedException', 'You don’t have permissions to access this resource.');
    const listed: { id: string; name?: string; state?: string }[] =
      org.accounts ?? [...this.accounts.keys()].map((id) => ({ id, name: `account-${id}` }));
    const members = listed.map((a) => ({
      Id: a.id,
      Arn: `arn:aws:organizations::${org.management}:account/o-exampleorgid/${a.id}`,
      Email: `aws+${a.id}@example.com`,
      Name: a.name ?? a.id,
      State: a.state ?? 'ACTIVE',
      Status: a.state === 'CLOSED' ? 'SUSPENDED' : (a.state ?? 'ACTIVE'),
      JoinedMethod: 'CREATED',
      JoinedTimestamp: 1_700_000_000,
    }));
    const p = page(
      members,
      input.NextToken as string | undefined,
      Math.min(Number(input.MaxResults ?? 20), 20),
    );
    return { Accounts: p.items, ...(p.next ? { NextToken: p.next } : {}) };
  }

  /** Resource Explorer (restJson1): errors carry `x-amzn-errortype` and a JSON body with `message`. */
  private async handleExplorer(req: IncomingMessage, res: ServerResponse, operation: string, body: string) {
    const send = (status: number, payload: unknown, code?: string) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-requestid': randomUUID(),
        ...(code ? { 'x-amzn-errortype': code } : {}),
      });
      res.end(JSON.stringify(payload));
    };
    let call: ServedCall | undefined;
    try {
      if (req.method !== 'POST') throw new AwsFault(405, 'ValidationException', 'POST only');
      const cred = parseSigV4(req);
      if (cred.service !== 'resource-explorer-2')
        throw new AwsFault(
          403,
          'InvalidSignatureException',
          'credential scope service must be resource-explorer-2',
        );
      const account = this.keys.get(cred.accessKeyId);
      if (!account)
        throw new AwsFault(
          403,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      call = {
        action: `resource-explorer-2:${operation}`,
        operation,
        region: cred.region,
        account,
        status: 200,
      };
      this.calls.push(call);
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      if (typeof input.QueryString === 'string') call.query = input.QueryString;
      const fault = this.takeFault(cred.region, operation);
      if (fault?.kind === 'delay') await this.delay(fault.delayMs ?? 1000);
      else if (fault?.kind === 'access-denied')
        throw new AwsFault(
          403,
          'AccessDeniedException',
          `not authorized to perform: resource-explorer-2:${operation}`,
        );
      else if (fault?.kind === 'throttle') throw new AwsFault(429, 'ThrottlingException', 'Rate exceeded');
      else if (fault) throw new AwsFault(500, 'InternalServerException', 'injected failure');
      const index = this.options.explorer?.[account];
      if (operation === 'ListIndexes') {
        const indexes = index
          ? [
              {
                Arn: `arn:aws:resource-explorer-2:${index.aggregatorRegion}:${account}:index/${randomUUID()}`,
                Region: index.aggregatorRegion,
                Type: 'AGGREGATOR',
              },
            ]
          : [];
        const wanted = input.Type;
        return send(200, { Indexes: indexes.filter((i) => !wanted || i.Type === wanted) });
      }
      if (!index || index.aggregatorRegion !== cred.region)
        throw new AwsFault(
          401,
          'UnauthorizedException',
          'The Region has no default view, or you lack access to it.',
        );
      const query = String(input.QueryString ?? '');
      const all = this.explorerResources(account, query);
      const capped = all.slice(0, EXPLORER_SEARCH_CAP);
      const p = page(
        capped,
        input.NextToken as string | undefined,
        Math.min(Number(input.MaxResults ?? 1000), 1000),
      );
      return send(200, {
        Resources: p.items,
        ViewArn: `arn:aws:resource-explorer-2:${cred.region}:${account}:view/all-resources/1`,
        Count: { TotalResources: capped.length, Complete: all.length <= EXPLORER_SEARCH_CAP },
        ...(p.next ? { NextToken: p.next } : {}),
      });
    } catch (error) {
      if (!(error instanceof AwsFault)) throw error;
      if (call) call.status = error.status;
      send(error.status, { message: error.message }, error.code);
    }
  }

  /** Every recorded resource of the account that has an ARN, filtered by `region:`, `service:` and `-service:`. */
  private explorerResources(account: string, query: string) {
    const terms = query.split(/\s+/).filter(Boolean);
    const want = (key: string) =>
      terms.filter((t) => t.startsWith(`${key}:`)).map((t) => t.slice(key.length + 1));
    const regions = want('region');
    const services = want('service');
    const notServices = want('-service');
    const out: {
      Arn: string;
      Region: string;
      Service: string;
      ResourceType: string;
      OwningAccountId: string;
      Properties: unknown[];
    }[] = [];
    const seen = new Set<string>();
    const recorded = this.accounts.get(account);
    for (const [region, data] of Object.entries(recorded?.regions ?? {})) {
      const arns: { arn: string; tags: { Key: string; Value: string }[] }[] = data.tagging.map((m) => ({
        arn: m.ResourceARN,
        tags: m.Tags,
      }));
      for (const list of Object.values(data.cloudControl))
        for (const r of list) {
          let arn: unknown;
          try {
            arn = (JSON.parse(r.Properties) as Record<string, unknown>).Arn;
          } catch {
            arn = undefined;
          }
          if (typeof arn !== 'string') arn = r.Identifier.startsWith('arn:') ? r.Identifier : undefined;
          if (typeof arn === 'string') arns.push({ arn, tags: [] });
        }
      for (const { arn, tags } of arns) {
        const parts = arn.split(':');
        const service = parts[2] ?? '';
        const resRegion = parts[3] || 'global';
        const key = arn;
        if (seen.has(key)) continue;
        if (
          regions.length > 0 &&
          !regions.includes(resRegion) &&
          !(resRegion === 'global' && regions.includes(region))
        )
          continue;
        if (services.length > 0 && !services.includes(service)) continue;
        if (notServices.includes(service)) continue;
        seen.add(key);
        out.push({
          Arn: arn,
          Region: resRegion,
          Service: service,
          ResourceType: `${service}:${(parts[5] ?? '').split(/[/:]/)[0]}`,
          OwningAccountId: account,
          Properties:
            tags.length > 0 ? [{ Name: 'tags', Data: tags, LastReportedAt: '2026-11-30T00:00:00Z' }] : [],
        });
      }
    }
    return out.sort((a, b) => (a.Arn < b.Arn ? -1 : a.Arn > b.Arn ? 1 : 0));
  }

  private jsonFault(kind: FaultKind, prefix: string, operation: string, typeName?: string): AwsFault {
    const tagging = prefix.startsWith('ResourceGroupsTaggingAPI');
    switch (kind) {
      case 'throttle':
        return tagging
          ? new AwsFault(400, 'ThrottledException', 'Rate exceeded')
          : new AwsFault(400, 'ThrottlingException', 'Rate exceeded');
      case 'access-denied':
        return new AwsFault(
          400,
          'AccessDeniedException',
          `User: arn:aws:iam::123456789012:user/archmap is not authorized to perform: ${tagging ? 'tag' : 'cloudformation'}:${operation}`,
        );
      case 'internal-error':
        return tagging
          ? new AwsFault(500, 'InternalServiceException', 'Internal service error')
          : new AwsFault(500, 'ServiceInternalErrorException', 'Internal failure');
      case 'region-not-enabled':
        return new AwsFault(
          400,
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        );
      case 'unsupported-action':
        return new AwsFault(
          400,
          'UnsupportedActionException',
          `Resource type ${typeName} does not support LIST action`,
        );
      case 'type-not-found':
        return new AwsFault(400, 'TypeNotFoundException', `The type '${typeName}' cannot be found.`);
      default:
        return new AwsFault(500, 'InternalFailure', 'unexpected fault');
    }
  }

  private serveJson(
    operation: string,
    prefix: string,
    input: Record<string, unknown>,
    region: RecordedRegion,
  ) {
    if (prefix === 'ResourceGroupsTaggingAPI_20170126' && operation === 'GetResources') {
      const perPage = Math.min(Number(input.ResourcesPerPage ?? 100), this.options.taggingPageSize ?? 100);
      const filters = (input.ResourceTypeFilters as string[] | undefined) ?? [];
      const items = region.tagging.filter(
        (m) =>
          filters.length === 0 ||
          filters.some((f) => {
            const [service, type] = f.split(':');
            const parts = m.ResourceARN.split(':');
            return parts[2] === service && (!type || (parts[5] ?? '').startsWith(type));
          }),
      );
      const p = page(items, (input.PaginationToken as string) || undefined, perPage);
      return { PaginationToken: p.next ?? '', ResourceTagMappingList: p.items };
    }
    if (prefix === 'CloudApiService' && operation === 'ListResources') {
      const typeName = String(input.TypeName ?? '');
      let items = region.cloudControl[typeName] ?? [];
      const required = LIST_REQUIRES[typeName];
      const model = typeof input.ResourceModel === 'string' ? JSON.parse(input.ResourceModel) : undefined;
      if (required) {
        const want = model?.[required];
        if (typeof want !== 'string')
          throw new AwsFault(
            400,
            'InvalidRequestException',
            `Missing Or Invalid ResourceModel property in ${typeName} list handler request input. Required property: [${required}]`,
          );
        items = items.filter((r) => {
          const v = String(JSON.parse(r.Properties)[required] ?? '');
          return v === want || v.endsWith(`/${want}`) || want.endsWith(`/${v}`);
        });
      }
      const p = page(items, input.NextToken as string | undefined, this.options.cloudControlPageSize ?? 20);
      const keys = PRIMARY_IDENTIFIER[typeName];
      return {
        TypeName: typeName,
        ResourceDescriptions: p.items.map((r) => {
          let props: Record<string, unknown>;
          try {
            props = JSON.parse(r.Properties) as Record<string, unknown>;
          } catch {
            // A deliberately broken recording is served as it is.
            return r;
          }
          const listed = keys
            ? Object.fromEntries(keys.filter((k) => k in props).map((k) => [k, props[k]]))
            : props;
          return { Identifier: r.Identifier, Properties: JSON.stringify(listed) };
        }),
        ...(p.next ? { NextToken: p.next } : {}),
      };
    }
    if (prefix === 'CloudApiService' && operation === 'GetResource') {
      const typeName = String(input.TypeName ?? '');
      const found = (region.cloudControl[typeName] ?? []).find((r) => r.Identifier === input.Identifier);
      if (!found)
        throw new AwsFault(
          400,
          'ResourceNotFoundException',
          `${typeName} with identifier '${input.Identifier}' was not found`,
        );
      return { TypeName: typeName, ResourceDescription: found };
    }
    throw new AwsFault(400, 'UnknownOperationException', `${prefix}.${operation} is not served`);
  }

  private async handleQuery(req: IncomingMessage, res: ServerResponse, body: string) {
    const params = new URLSearchParams(body);
    const operation = params.get('Action') ?? '';
    const send = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(xml);
    };
    const sendError = (e: AwsFault) =>
      send(
        e.status,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    let call: ServedCall | undefined;
    try {
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
        throw new AwsFault(400, 'InvalidAction', 'expected a form-encoded awsQuery request');
      if (params.get('Version') !== '2011-06-15') throw new AwsFault(400, 'InvalidAction', 'unknown Version');
      const cred = parseSigV4(req);
      if (cred.service !== 'sts')
        throw new AwsFault(403, 'SignatureDoesNotMatch', 'credential scope service must be sts');
      const account = this.keys.get(cred.accessKeyId);
      if (!account)
        throw new AwsFault(
          403,
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        );
      call = { action: `sts:${operation}`, operation, region: cred.region, account, status: 200 };
      this.calls.push(call);
      if (this.accounts.get(account)?.disabledRegions?.includes(cred.region))
        throw new AwsFault(
          403,
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        );
      const fault = this.takeFault(cred.region, operation);
      if (fault?.kind === 'delay') await this.delay(fault.delayMs ?? 1000);
      else if (fault?.kind === 'access-denied')
        throw new AwsFault(403, 'AccessDenied', `User is not authorized to perform: sts:${operation}`);
      else if (fault) throw new AwsFault(500, 'InternalFailure', 'injected failure');
      const ns = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"';
      const meta = `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
      if (operation === 'GetCallerIdentity') {
        return send(
          200,
          `<GetCallerIdentityResponse ${ns}><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/archmap</Arn><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>${account}</Account></GetCallerIdentityResult>${meta}</GetCallerIdentityResponse>`,
        );
      }
      if (operation === 'AssumeRole') {
        const roleArn = params.get('RoleArn') ?? '';
        const session = params.get('RoleSessionName') ?? '';
        const target = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
        if (
          !target ||
          !this.accounts.has(target[1]!) ||
          !session ||
          this.options.denyAssumeRole?.includes(target[1]!)
        )
          throw new AwsFault(
            403,
            'AccessDenied',
            `User: arn:aws:iam::${account}:user/archmap is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          );
        const key = `ASIA${String(++this.issued).padStart(16, '0')}`;
        this.keys.set(key, target[1]!);
        const expires = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
        return send(
          200,
          `<AssumeRoleResponse ${ns}><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${target[1]}:assumed-role/${target[2]}/${xmlEscape(session)}</Arn><AssumedRoleId>AROA3XFRBF535EXAMPLE:${xmlEscape(session)}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>${randomUUID()}</SecretAccessKey><SessionToken>${randomUUID()}</SessionToken><Expiration>${expires}</Expiration></Credentials><PackedPolicySize>0</PackedPolicySize></AssumeRoleResult>${meta}</AssumeRoleResponse>`,
        );
      }
      throw new AwsFault(400, 'InvalidAction', `${operation} is not served`);
    } catch (error) {
      if (!(error instanceof AwsFault)) throw error;
      if (call) call.status = error.status;
      sendError(error);
    }
  }
}

/**
 * Starts a loopback AWS endpoint on a random port.
 * @example
 * const aws = await startAwsServer({ accounts: [loadRecordedAccount(dir)] });
 */
export async function startAwsServer(options: AwsServerOptions): Promise<AwsServer> {
  return new AwsServer(options).listen();
}

/** Reads a recorded account: `account.json` plus `<region>/tagging.json` and `<region>/cloudcontrol.json`. */
export function loadRecordedAccount(dir: string): RecordedAccount {
  const meta = JSON.parse(readFileSync(join(dir, 'account.json'), 'utf8')) as {
    account: string;
    disabledRegions?: string[];
  };
  const regions: Record<string, RecordedRegion> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const read = (f: string) => JSON.parse(readFileSync(join(dir, entry.name, f), 'utf8'));
    regions[entry.name] = {
      tagging: read('tagging.json').ResourceTagMappingList,
      cloudControl: read('cloudcontrol.json'),
    };
  }
  return { ...meta, regions };
}
