// Renders the scaffold plan's HCL model as CDKTF TypeScript: provider classes, camelCase config, typed references.
import type { BodyItem, Expr } from '../shared/iac/hcl.js';
import type { PlannedResource, PlannedVariable } from '../shared/iac/types.js';

/** Types whose jsii class name got an `A` suffix, because a nested type already took the plain name. */
const RENAMED_CLASSES: Record<string, string> = {
  aws_autoscaling_group_tag: 'AutoscalingGroupTagA',
  aws_dynamodb_table_replica: 'DynamodbTableReplicaA',
  aws_ec2_managed_prefix_list_entry: 'Ec2ManagedPrefixListEntryA',
  aws_network_interface_attachment: 'NetworkInterfaceAttachmentA',
  aws_s3_bucket_logging: 'S3BucketLoggingA',
  aws_s3_bucket_object_lock_configuration: 'S3BucketObjectLockConfigurationA',
  aws_s3_bucket_replication_configuration: 'S3BucketReplicationConfigurationA',
  aws_s3_bucket_server_side_encryption_configuration: 'S3BucketServerSideEncryptionConfigurationA',
  aws_s3_bucket_versioning: 'S3BucketVersioningA',
  aws_vpc_peering_connection_accepter: 'VpcPeeringConnectionAccepterA',
};

/** `aws_sqs_queue` → `SqsQueue`, the class @cdktf/provider-aws generates for that type. */
export function className(type: string): string {
  const renamed = RENAMED_CLASSES[type];
  if (renamed) return renamed;
  return type
    .replace(/^aws_/, '')
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** `aws_sqs_queue` → `sqs-queue`, the submodule path under `@cdktf/provider-aws/lib/`. */
export function moduleName(type: string): string {
  return type.replace(/^aws_/, '').replace(/_/g, '-');
}

/** snake_case → camelCase, as jsii names Terraform arguments. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));

/** A JS string literal whose `${` is escaped for Terraform (`$${`), since CDKTF passes strings through. */
export function stringLiteral(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\$\{/g, '$$$${')}'`;
}

export interface TsScope {
  /** Resource address → TS variable holding the construct. */
  identOf: Map<string, string>;
  /** Variable name → TS variable holding the TerraformVariable (of the current stack). */
  variableIdent(name: string): string;
  variableType(name: string): PlannedVariable['type'];
  /** The iterator (for_each) or count handle of the resource being rendered. */
  iterator?: string;
  count?: string;
  /** The aliased provider of a resource that lives in another region's stack. */
  provider?: string;
}

/** Blocks the provider limits to one (MaxItems 1): the bindings expose them as an object, not a list. */
const SINGLE_BLOCKS = new Set(['domain_name_configuration']);

function attributeAccess(attr: string): string {
  // `cache_nodes[0].address` → `.cacheNodes.get(0).address`
  return attr
    .split('.')
    .map((part) => {
      const m = /^([a-z0-9_]+)\[(\d+)\]$/.exec(part);
      if (m && SINGLE_BLOCKS.has(m[1]!)) return `.${camel(m[1]!)}`;
      return m ? `.${camel(m[1]!)}.get(${m[2]})` : `.${camel(part)}`;
    })
    .join('');
}

export function tsExpr(e: Expr, scope: TsScope, indent: number): string {
  const pad = '  '.repeat(indent);
  switch (e.t) {
    case 'str':
      return stringLiteral(e.v);
    case 'num':
    case 'bool':
      return String(e.v);
    case 'null':
      return 'undefined';
    case 'ref': {
      const ident = scope.identOf.get(e.to);
      // References to one instance of a counted resource have no typed accessor: pass the expression through.
      if (!ident) return `'\${${e.to.replace(/'/g, "\\'")}.${e.attr}}'`;
      return `${ident}${attributeAccess(e.attr)}`;
    }
    case 'var': {
      const type = scope.variableType(e.name);
      const accessor =
        type === 'number'
          ? 'numberValue'
          : type === 'bool'
            ? 'booleanValue'
            : type === 'list(string)'
              ? 'listValue'
              : 'stringValue';
      return `${scope.variableIdent(e.name)}.${accessor}`;
    }
    case 'tpl': {
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return tsExpr(e.parts[0]!, scope, indent);
      const body = e.parts
        .map((p) =>
          typeof p === 'string'
            ? p.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '$$$$\\{')
            : `\${${tsExpr(p, scope, indent)}}`,
        )
        .join('');
      return `\`${body}\``;
    }
    case 'list': {
      if (e.items.length === 0) return '[]';
      const items = e.items.map((i) => tsExpr(i, scope, indent + 1));
      const one = `[${items.join(', ')}]`;
      if (one.length < 80 && !one.includes('\n')) return one;
      return `[\n${items.map((i) => `${pad}  ${i},`).join('\n')}\n${pad}]`;
    }
    case 'map': {
      if (e.entries.length === 0) return '{}';
      return `{\n${e.entries.map(([k, v]) => `${pad}  ${key(k)}: ${tsExpr(v, scope, indent + 1)},`).join('\n')}\n${pad}}`;
    }
    case 'call':
      return `Fn.${e.fn}(${e.args.map((a) => tsExpr(a, scope, indent)).join(', ')})`;
    case 'each':
      return `${scope.iterator ?? 'iterator'}.${e.attr}`;
    case 'count_index':
      return `${scope.count ?? 'count'}.index`;
    case 'provider':
    case 'keyword':
      return stringLiteral(e.t === 'provider' ? e.alias : e.v);
  }
}

/** A block body as an object literal: arguments camelCased, repeated blocks gathered into arrays. */
export function tsBody(items: BodyItem[], scope: TsScope, indent: number): string[] {
  const pad = '  '.repeat(indent);
  const lines: string[] = [];
  const repeated = new Map<string, Array<Extract<BodyItem, { t: 'block' }>>>();
  for (const item of items)
    if (item.t === 'block' && item.repeated)
      repeated.set(item.type, [...(repeated.get(item.type) ?? []), item]);
  const done = new Set<string>();
  for (const item of items) {
    switch (item.t) {
      case 'attr':
        lines.push(`${pad}${key(camel(item.name))}: ${tsExpr(item.value, scope, indent)},`);
        break;
      case 'comment':
        for (const l of item.text.split('\n')) lines.push(`${pad}// ${l}`.trimEnd());
        break;
      case 'blank':
        break;
      case 'block': {
        if (item.repeated) {
          if (done.has(item.type)) break;
          done.add(item.type);
          const all = repeated.get(item.type)!;
          lines.push(`${pad}${camel(item.type)}: [`);
          for (const b of all) {
            lines.push(`${pad}  {`, ...tsBody(b.body, scope, indent + 2), `${pad}  },`);
          }
          lines.push(`${pad}],`);
        } else if (item.body.length === 0) {
          lines.push(`${pad}${camel(item.type)}: {},`);
        } else {
          lines.push(`${pad}${camel(item.type)}: {`, ...tsBody(item.body, scope, indent + 1), `${pad}},`);
        }
        break;
      }
    }
  }
  return lines;
}

/** The `new Class(stack, 'id', { … })` statement(s) of one resource. */
export function tsResource(
  r: PlannedResource,
  scope: TsScope,
  stackIdent: string,
  constructId: string,
  ident: string,
): string[] {
  const lines: string[] = [];
  for (const c of r.comments) lines.push(`// ${c}`);
  const meta: string[] = [];
  const inner: TsScope = { ...scope };
  if (r.forEach) {
    inner.iterator = `${ident}Iterator`;
    lines.push(
      `const ${inner.iterator} = TerraformIterator.fromList(${JSON.stringify(r.forEach).replace(/"/g, "'").replace(/,/g, ', ')});`,
    );
    meta.push(`  forEach: ${inner.iterator},`);
  }
  if (scope.provider) meta.push(`  provider: ${scope.provider},`);
  if (r.count !== undefined) {
    inner.count = `${ident}Count`;
    lines.push(`const ${inner.count} = TerraformCount.of(${r.count});`);
    meta.push(`  count: ${inner.count},`);
  }
  if (!r.known) {
    lines.push(
      `// TODO(archmap): no CDKTF template for ${r.type}; add new ${className(r.type)}(${stackIdent}, '${constructId}', { … }).`,
    );
    for (const l of tsBody(r.body, inner, 0)) lines.push(`//${l.startsWith('//') ? '' : ' '}${l}`.trimEnd());
    return lines;
  }
  lines.push(`const ${ident} = new ${className(r.type)}(${stackIdent}, '${constructId}', {`);
  lines.push(...meta, ...tsBody(r.body, inner, 1));
  lines.push('});');
  if (constructId !== r.name) lines.push(`${ident}.overrideLogicalId('${r.name}');`);
  if (r.importId !== undefined) lines.push(`${ident}.importFrom(${stringLiteral(r.importId)});`);
  return lines;
}

/** Every `ref` target of an expression tree, for ordering declarations. */
export function refsOf(items: BodyItem[]): string[] {
  const out: string[] = [];
  const walkExpr = (e: Expr): void => {
    if (e.t === 'ref') out.push(e.to);
    else if (e.t === 'tpl') for (const p of e.parts) typeof p !== 'string' && walkExpr(p);
    else if (e.t === 'list') e.items.forEach(walkExpr);
    else if (e.t === 'map') for (const [, v] of e.entries) walkExpr(v);
    else if (e.t === 'call') e.args.forEach(walkExpr);
  };
  const walk = (list: BodyItem[]): void => {
    for (const i of list) {
      if (i.t === 'attr') walkExpr(i.value);
      else if (i.t === 'block') walk(i.body);
    }
  };
  walk(items);
  return out;
}
