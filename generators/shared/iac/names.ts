// Turns node ids (Terraform addresses, ARNs, code ids) into resource addresses and provider aliases.
import { parseArn } from '../../../src/catalog/index.js';
import type { ArchNode } from '../../../src/model/schema.js';

export interface ParsedAddress {
  modules: string[];
  type: string;
  name: string;
  /** Instance key: a number for `count`, a string for `for_each`. */
  key?: number | string;
}

const ADDRESS =
  /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?\.)*)([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(.+)\])?$/;

/**
 * Parses a Terraform resource address.
 * @example
 * parseAddress('module.cache.aws_elasticache_replication_group.this') // { modules: ['cache'], type: …, name: 'this' }
 */
export function parseAddress(id: string): ParsedAddress | undefined {
  const m = ADDRESS.exec(id);
  if (!m) return undefined;
  const modules = [...(m[1] ?? '').matchAll(/module\.([A-Za-z0-9_-]+)/g)].map((x) => x[1]!);
  const out: ParsedAddress = { modules, type: m[2]!, name: m[3]! };
  const rawKey = m[4];
  if (rawKey !== undefined) {
    if (/^\d+$/.test(rawKey)) out.key = Number(rawKey);
    else out.key = rawKey.replace(/^"|"$/g, '');
  }
  return out;
}

/** A valid Terraform identifier in snake_case. */
export function identifier(text: string): string {
  const snake = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
  if (!snake) return 'this';
  return /^[a-z_]/.test(snake) ? snake : `r_${snake}`;
}

/** The resource name (second label) the scaffold gives a node, before de-duplication. */
export function resourceLabel(node: ArchNode): string {
  const addr = parseAddress(node.id);
  if (addr && addr.type === node.service) {
    const tail = addr.modules.length && ['this', 'main', 'default'].includes(addr.name) ? [] : [addr.name];
    return identifier([...addr.modules, ...tail].join('_'));
  }
  const arn = parseArn(node.id);
  if (arn) {
    const last = arn.resourceName.split(/[/:]/).filter(Boolean).pop() ?? arn.resourceName;
    return identifier(last);
  }
  return identifier(node.name || node.id);
}

/** `eu-west-1` → `eu_west_1`, the provider alias used for that region. */
export function regionAlias(region: string): string {
  return identifier(region);
}

/** `orders_dlq` → `orders-dlq`, for physical names. */
export function kebab(label: string): string {
  return label.replace(/_/g, '-');
}
