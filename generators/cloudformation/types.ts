// What a per-type translation sees (the indexed Terraform body and a context) and what it returns.
import type { Expr } from '../shared/iac/hcl.js';
import type { AttrRule, Body, CfnValue } from './values.js';

export interface CfnResource {
  logicalId: string;
  type: string;
  properties: Record<string, CfnValue>;
  dependsOn: string[];
  comments: string[];
  /** Arguments of the Terraform body that were not carried over (listed in a comment, never dropped silently). */
  unmapped: string[];
  deletionPolicy?: 'Retain' | 'Snapshot';
}

export interface TranslateContext {
  /** The converted value of an argument, or undefined when absent. */
  arg(body: Body, name: string): CfnValue | undefined;
  /** Converts one expression. */
  value(e: Expr): CfnValue;
  /** The logical id of the resource behind a reference expression (`aws_sqs_queue.orders.arn` → `OrdersQueue`). */
  targetOf(e: Expr | undefined): string | undefined;
  /** Whether a value is already a list (a `CommaDelimitedList` parameter). */
  isList(v: CfnValue): boolean;
  /** The logical id this resource gets. */
  self: string;
  /** Adds a companion resource (an attachment, a route) to the template. */
  add(resource: Omit<CfnResource, 'dependsOn' | 'comments' | 'unmapped'> & Partial<CfnResource>): void;
}

export type Props = Record<string, CfnValue | undefined>;

export interface TypeRule {
  cfnType: string;
  /** How Terraform attributes of this type read (default: `id` → `Ref`). */
  attrs?: Record<string, AttrRule>;
  /** The arguments this rule carries over; others are reported as not carried over. */
  props(body: Body, x: TranslateContext): Props;
  /** Arguments used indirectly (so not reported as not carried over). */
  consumes?: string[];
}

/** A Terraform resource that CloudFormation expresses as properties of another resource (S3 versioning → bucket). */
export interface FoldRule {
  /** The argument that references the owner. */
  owner: string;
  /** The owner's Terraform type and naming argument, to find it when the argument is a literal name. */
  ownerType: string;
  ownerName: string;
  apply(body: Body, x: TranslateContext, owner: CfnResource): void;
}

/** One generated template (one region). */
export interface CfnTemplate {
  region: string;
  path: string;
  resources: CfnResource[];
  parameters: Map<string, { Type: string; Description: string; Default?: CfnValue; NoEcho?: boolean }>;
  outputs: Map<string, { Description: string; Value: CfnValue }>;
}
