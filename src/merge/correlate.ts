// Correlation: decides which nodes of different partial graphs are the same thing. Each rule unions node ids in
// a union-find; the merge then folds every class into one node. Rules: same id, aliases (ARNs), live ↔ Terraform
// by type and name, region groups, code placeholders by name, and code services ↔ the compute that runs them.
import type { ArchNode, Diagnostic } from '../model/schema.js';

export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = id;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

export const analyzersOf = (n: ArchNode) => new Set(n.sources.map((s) => s.analyzer));

/** Node ids grouped by class root, with every copy of every node in the class. */
export function classes(nodes: ArchNode[], uf: UnionFind): Map<string, ArchNode[]> {
  const out = new Map<string, ArchNode[]>();
  for (const n of nodes) {
    const root = uf.find(n.id);
    const list = out.get(root) ?? [];
    list.push(n);
    out.set(root, list);
  }
  return out;
}

const classHas = (members: ArchNode[], analyzer: string) => members.some((m) => analyzersOf(m).has(analyzer));

/** The analyzer that owns a node's id (the first source), used to keep one analyzer's distinct nodes apart. */
const primary = (n: ArchNode) => n.sources[0]?.analyzer ?? '';

/**
 * Same id, or an alias that is another node's id or a shared ARN. Two distinct nodes of the same analyzer are
 * never joined (Terraform's `id` attribute of a role and of a Lambda can both be `shop-worker`), and a shared
 * non-ARN alias only joins nodes of the same type.
 */
export function correlateByAlias(nodes: ArchNode[], uf: UnionFind): void {
  const byId = new Map<string, ArchNode>();
  for (const n of nodes) {
    uf.find(n.id);
    const prev = byId.get(n.id);
    if (prev) uf.union(prev.id, n.id);
    else byId.set(n.id, n);
  }
  const byAlias = new Map<string, ArchNode[]>();
  for (const n of nodes) {
    for (const a of n.aliases ?? []) {
      const target = byId.get(a);
      if (target && primary(target) !== primary(n)) uf.union(target.id, n.id);
      const list = byAlias.get(a) ?? [];
      list.push(n);
      byAlias.set(a, list);
    }
  }
  for (const [alias, owners] of byAlias) {
    for (let i = 1; i < owners.length; i++) {
      const a = owners[0]!;
      const b = owners[i]!;
      if (a.id === b.id || primary(a) === primary(b)) continue;
      if (!alias.startsWith('arn:') && a.service !== b.service) continue;
      uf.union(a.id, b.id);
    }
  }
}

/** Name keys a resource can be known by: its name, name-like props, tag Name, the last segment of an ARN. */
export function nameKeys(n: ArchNode): string[] {
  const keys = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v && !v.includes('${') && v !== '?') keys.add(v);
  };
  add(n.name);
  for (const k of [
    'name',
    'function_name',
    'bucket',
    'identifier',
    'cluster_name',
    'replication_group_id',
    'table_name',
    'queue_name',
    'topic_name',
    'FunctionName',
    'BucketName',
    'TableName',
    'QueueName',
    'TopicName',
    'DBInstanceIdentifier',
    'ReplicationGroupId',
    'ServiceName',
    'GroupName',
    'RoleName',
  ]) {
    add(n.props[k]);
  }
  add(n.tags.Name);
  if (n.id.startsWith('arn:')) add(n.id.split(/[:/]/).pop());
  // Secrets Manager appends six random characters to the secret's name in its ARN.
  const secret = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)-[A-Za-z0-9]{6}$/.exec(n.id);
  if (secret) add(secret[1]);
  return [...keys];
}

/** Declared in code the team deploys: Terraform or CloudFormation (templates, SAM, CDK, Serverless). */
const declared = (members: ArchNode[]) =>
  classHas(members, 'terraform') || classHas(members, 'cloudformation');

/**
 * Live resources deployed by CloudFormation carry `aws:cloudformation:stack-name` and `aws:cloudformation:logical-id`
 * tags: they fold into the node of that stack and logical id.
 */
export function correlateLiveWithCloudFormation(nodes: ArchNode[], uf: UnionFind): void {
  const index = new Map<string, string>();
  for (const n of nodes) {
    if (!analyzersOf(n).has('cloudformation')) continue;
    const { stack, logicalId } = n.props;
    if (typeof stack === 'string' && typeof logicalId === 'string')
      index.set(`${stack}\u0000${logicalId}`, n.id);
  }
  if (index.size === 0) return;
  for (const n of nodes) {
    if (!analyzersOf(n).has('aws')) continue;
    const stack = n.tags['aws:cloudformation:stack-name'];
    const logicalId = n.tags['aws:cloudformation:logical-id'];
    const target = stack && logicalId ? index.get(`${stack}\u0000${logicalId}`) : undefined;
    if (target) uf.union(target, n.id);
  }
}

/** Live nodes (id = ARN) fold into the declared node (Terraform, CloudFormation) of the same type and name, when unique. */
export function correlateLiveWithTerraform(nodes: ArchNode[], uf: UnionFind): void {
  const cls = classes(nodes, uf);
  const index = new Map<string, Set<string>>();
  for (const [root, members] of cls) {
    if (!declared(members) || classHas(members, 'aws')) continue;
    for (const m of members) {
      if (!m.service) continue;
      for (const k of nameKeys(m)) {
        const key = `${m.service}\u0000${k}`;
        const set = index.get(key) ?? new Set();
        set.add(root);
        index.set(key, set);
      }
    }
  }
  const claimed = new Set<string>();
  for (const [root, members] of cls) {
    if (!classHas(members, 'aws') || declared(members)) continue;
    const live = members.find((m) => analyzersOf(m).has('aws'))!;
    if (!live.service || live.kind === 'account' || live.kind === 'region') continue;
    const hits = new Set<string>();
    for (const k of nameKeys(live)) for (const r of index.get(`${live.service}\u0000${k}`) ?? []) hits.add(r);
    if (hits.size !== 1) continue;
    const target = [...hits][0]!;
    if (claimed.has(target)) continue;
    claimed.add(target);
    uf.union(target, root);
  }
}

/** `account:123/region:eu-west-1` (live) and `region:eu-west-1` (Terraform) are one region. */
export function correlateRegions(nodes: ArchNode[], uf: UnionFind): void {
  const tfRegions = new Map<string, string>();
  for (const n of nodes) if (n.kind === 'region' && /^region:/.test(n.id)) tfRegions.set(n.id.slice(7), n.id);
  for (const n of nodes) {
    if (n.kind !== 'region') continue;
    const m = /^account:[^/]+\/region:(.+)$/.exec(n.id);
    const tf = m ? tfRegions.get(m[1]!) : undefined;
    if (tf) uf.union(tf, n.id);
  }
}

/** `ref:aws_s3_bucket/shop-receipts` (a literal in code) joins the declared bucket of that name. */
export function correlateCodeRefs(nodes: ArchNode[], uf: UnionFind): void {
  const index = new Map<string, Set<string>>();
  for (const n of nodes) {
    if (n.id.startsWith('ref:') || !n.service) continue;
    for (const k of nameKeys(n)) {
      const key = `${n.service}\u0000${k}`;
      const set = index.get(key) ?? new Set();
      set.add(uf.find(n.id));
      index.set(key, set);
    }
  }
  for (const n of nodes) {
    if (!n.id.startsWith('ref:') || typeof n.props.name !== 'string' || !n.service) continue;
    const hits = index.get(`${n.service}\u0000${n.props.name}`);
    if (hits?.size === 1) uf.union([...hits][0]!, n.id);
  }
}

const COMPUTE_TYPES = new Set([
  'aws_lambda_function',
  'aws_ecs_service',
  'aws_apprunner_service',
  'aws_elastic_beanstalk_environment',
  'aws_ecs_task_definition',
]);

const tokens = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function envKeys(members: ArchNode[]): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    for (const bag of [m.props.env, m.props.envRefs]) {
      if (bag && typeof bag === 'object') for (const k of Object.keys(bag)) out.add(k);
    }
  }
  return out;
}

function pathStrings(members: ArchNode[]): string[] {
  const out: string[] = [];
  for (const m of members) {
    for (const k of [
      'filename',
      'source_dir',
      'source_path',
      'code_path',
      'package_path',
      'image',
      'image_uri',
    ]) {
      const v = m.props[k];
      if (typeof v === 'string') out.push(v.replace(/\\/g, '/'));
    }
  }
  return out;
}

/** What makes two computes variants of one deployment: the same type, handler and code path. */
function variantShape(members: ArchNode[]): string {
  const m = members.find((x) => x.service && COMPUTE_TYPES.has(x.service));
  if (!m) return '';
  return JSON.stringify([m.service, m.props.handler ?? null, pathStrings([m]).sort()]);
}

/**
 * Code services join the compute that runs them: an ECS service, a Lambda, an App Runner service. The score adds
 * a path match (filename/source_dir points into the package), a name match (`api` ↔ ECS service `api`,
 * `worker` ↔ Lambda `shop-prod-order-worker`) and the overlap of env vars the code reads with those the compute sets.
 */
export function correlateCodeWithCompute(
  nodes: ArchNode[],
  uf: UnionFind,
  diagnostics: Diagnostic[],
  /** Filled with unit → computes when one package runs as several equal variants (not joined, fanned out). */
  variants?: Map<string, string[]>,
): void {
  const cls = classes(nodes, uf);
  const computes = [...cls.entries()].filter(
    ([, ms]) => !classHas(ms, 'typescript') && ms.some((m) => m.service && COMPUTE_TYPES.has(m.service)),
  );
  // A task definition only stands for itself when no service runs it.
  const hasService = computes.some(([, ms]) => ms.some((m) => m.service !== 'aws_ecs_task_definition'));
  // A browser app (kind client) runs in browsers, never as a Lambda or a container.
  const units = [...cls.entries()].filter(
    ([root, ms]) => root.startsWith('code:') && ms.every((m) => m.provider === 'code' && m.kind !== 'client'),
  );
  const scored: Array<{ unit: string; compute: string; score: number }> = [];
  for (const [unitRoot, ums] of units) {
    const unit = ums[0]!;
    const path = typeof unit.props.path === 'string' ? unit.props.path : undefined;
    const short = unit.name.toLowerCase();
    const reads = new Set<string>(
      Array.isArray(unit.props.envReads) ? (unit.props.envReads as string[]) : [],
    );
    const images = new Set<string>(
      [
        ...(Array.isArray(unit.props.images) ? (unit.props.images as string[]) : []),
        ...(unit.props.dockerfile ? [path?.split('/').pop() ?? '', short.replace(/^@[^/]+\//, '')] : []),
      ].map((x) => x.toLowerCase()),
    );
    for (const [root, ms] of computes) {
      if (hasService && ms.every((m) => m.service === 'aws_ecs_task_definition')) continue;
      let score = 0;
      if (path && path !== '.' && pathStrings(ms).some((p) => p.includes(`${path}/`) || p.endsWith(path)))
        score += 10;
      const names = ms.flatMap((m) => nameKeys(m).concat(m.id.split('.').pop()!.replace(/\[.*$/, '')));
      if (names.some((n) => n.toLowerCase() === short)) score += 4;
      else if (names.some((n) => tokens(n).includes(short))) score += 2;
      // Several functions from one package: the handler tells them apart.
      if (typeof unit.props.handler === 'string' && ms.some((m) => m.props.handler === unit.props.handler))
        score += 6;
      // ECS task image → ECR repository → the Dockerfile CI builds it from (or a folder/package named like it).
      const repos = ms.flatMap((m) =>
        Array.isArray(m.props.imageRepos) ? (m.props.imageRepos as string[]) : [],
      );
      if (repos.length && repos.some((r) => images.has(r.toLowerCase()))) score += 12;
      const keys = envKeys(ms);
      const overlap = [...reads].filter((r) => keys.has(r)).length;
      if (overlap > 0) score += 2 + Math.round((4 * overlap) / Math.max(reads.size, 1));
      if (score >= 4) scored.push({ unit: unitRoot, compute: root, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || (a.unit < b.unit ? -1 : 1));
  const usedUnits = new Set<string>();
  const usedComputes = new Set<string>();
  for (const s of scored) {
    if (usedUnits.has(s.unit) || usedComputes.has(s.compute)) continue;
    const rival = scored.find(
      (o) => o !== s && o.unit === s.unit && o.score === s.score && !usedComputes.has(o.compute),
    );
    if (rival && variants) {
      // Same handler, same code folder, same score: one package deployed several times (per region, per tenant).
      const tied = scored.filter(
        (o) => o.unit === s.unit && o.score === s.score && !usedComputes.has(o.compute),
      );
      const sameShape = new Set(tied.map((o) => variantShape(cls.get(o.compute) ?? []))).size === 1;
      if (sameShape) {
        variants.set(
          s.unit,
          tied.map((o) => o.compute),
        );
        for (const o of tied) usedComputes.add(o.compute);
        usedUnits.add(s.unit);
        continue;
      }
    }
    if (rival) {
      diagnostics.push({
        severity: 'warning',
        code: 'merge-ambiguous-compute',
        message: `${s.unit} could run as ${s.compute} or ${rival.compute}; not joined`,
        hint: 'name the ECS service or Lambda after the package, or point its filename/source_dir into it',
      });
      usedUnits.add(s.unit);
      continue;
    }
    usedUnits.add(s.unit);
    usedComputes.add(s.compute);
    uf.union(s.compute, s.unit);
  }
}
