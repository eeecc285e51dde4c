// The IaC core's expressions (Terraform-shaped: references by address and attribute) as CloudFormation values:
// `Ref`, `Fn::GetAtt`, `Fn::Sub`, parameters; the per-type table of what `Ref` returns and which attribute is which.
import type { BodyItem, Expr } from '../shared/iac/hcl.js';

/** A CloudFormation value: plain JSON with long-form intrinsic functions (`{ Ref: X }`, `{ 'Fn::GetAtt': [A, B] }`). */
export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

/** How a Terraform attribute of a resource reads in CloudFormation. */
export type AttrRule =
  /** `Ref` of the resource. */
  | 'ref'
  /** `Fn::GetAtt` with this attribute name. */
  | { getAtt: string }
  /** The value the source resource itself was given for this argument (e.g. a scaling target's dimension). */
  | { copy: string }
  /** An `Fn::Sub` string, written with bare braces: `{Id}`/`{Id.Attr}` name this resource, `{AWS::Region}` a pseudo parameter. */
  | { sub: string }
  /** A constant (CloudFront's hosted zone id). */
  | { literal: string };

/** A Terraform body, indexed: arguments by name, blocks by type (in order). */
export interface Body {
  args: Map<string, Expr>;
  blocks: Map<string, Body[]>;
  todos: string[];
}

export function indexBody(items: BodyItem[]): Body {
  const out: Body = { args: new Map(), blocks: new Map(), todos: [] };
  for (const i of items) {
    if (i.t === 'attr') out.args.set(i.name, i.value);
    else if (i.t === 'block') {
      const list = out.blocks.get(i.type) ?? [];
      list.push(indexBody(i.body));
      out.blocks.set(i.type, list);
    } else if (i.t === 'comment' && /TODO/.test(i.text))
      out.todos.push(i.text.replace(/^TODO\(archmap\):\s*/, ''));
  }
  return out;
}

/** `snake_case` → `PascalCase`. */
export function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** `camelCase` JSON keys (ECS container definitions) → CloudFormation's `PascalCase`. */
export function pascalKeys(value: CfnValue, keep: ReadonlySet<string> = new Set()): CfnValue {
  if (Array.isArray(value)) return value.map((v) => pascalKeys(v, keep));
  if (value === null || typeof value !== 'object') return value;
  if (isIntrinsic(value)) return value;
  const out: Record<string, CfnValue> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k[0]!.toUpperCase() + k.slice(1);
    out[key] = keep.has(k) ? v : pascalKeys(v, keep);
  }
  return out;
}

export function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

export const ref = (id: string): CfnValue => ({ Ref: id });
export const getAtt = (id: string, attribute: string): CfnValue => ({ 'Fn::GetAtt': [id, attribute] });
