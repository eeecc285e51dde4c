// The scaffold plan: what the terraform and cdktf generators both render, in their own syntax.
import type { ArchNode } from '../../../src/model/schema.js';
import type { BodyItem, Expr } from './hcl.js';

/** The file a resource goes to. */
export type Concern = 'network' | 'compute' | 'data' | 'messaging' | 'edge';

export const CONCERNS: readonly Concern[] = ['network', 'compute', 'data', 'messaging', 'edge'];

export interface PlannedResource {
  type: string;
  name: string;
  /** `type.name` */
  address: string;
  concern: Concern;
  region: string;
  /** The node this resource realises; companions (versioning, subnet groups…) share their owner's node. */
  nodeId: string;
  /** Why this resource exists, printed above it. */
  comments: string[];
  /** `count = N` or `for_each = toset([...])` when the node stands for several instances. */
  count?: number;
  forEach?: string[];
  body: BodyItem[];
  dependsOn?: string[];
  /** Resources archmap has no template for are printed as a commented TODO block. */
  known: boolean;
  /** Live resources not managed by Terraform yet: the id that `import {}` needs. */
  importId?: string;
  change?: ArchNode['change'];
}

export interface PlannedVariable {
  name: string;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  description: string;
  default?: Expr;
  sensitive?: boolean;
}

export interface PlannedOutput {
  name: string;
  description: string;
  value: Expr;
}

export interface ScaffoldPlan {
  project: string;
  primaryRegion: string;
  regions: string[];
  resources: PlannedResource[];
  variables: PlannedVariable[];
  outputs: PlannedOutput[];
  /** Nodes the scaffold could not turn into resources, with the reason (code services, removed nodes…). */
  skipped: Array<{ nodeId: string; reason: string }>;
  /** Resources the design removes: listed in the README, never generated. */
  removed: Array<{ nodeId: string; rationale?: string }>;
  /** Traffic edges of the design (reads, writes, calls) that no argument expresses: the application wires them. */
  unwired: string[];
}
