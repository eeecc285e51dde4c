// The shape of catalog knowledge: one entry per cloud resource type, read by analyzers, planners and generators.
import type { EdgeKind, NodeKind } from '../model/kinds.js';

/** An attribute path: Terraform uses snake_case dotted paths (`vpc_config.subnet_ids`), CloudFormation PascalCase (`VpcConfig.SubnetIds`). */
export interface AttrPath {
  tf?: string;
  cfn?: string;
  /**
   * The attribute points at an intermediate resource; follow that resource's `via` attribute to reach the real
   * target (e.g. `db_subnet_group_name` → the subnet group's `subnet_ids`; a listener rule's `listener_arn` →
   * the listener's `load_balancer_arn`).
   */
  via?: AttrPath;
}

/** Which attribute means "this resource lives inside that group". */
export interface ContainmentRule extends AttrPath {
  /** The kind of group the attribute points to. */
  group: 'vpc' | 'subnet';
}

/**
 * An attribute on this resource that points at another resource and implies an edge.
 * `direction: 'out'` gives this → target; `'in'` gives target → this.
 */
export interface EdgeRule extends AttrPath {
  kind: EdgeKind;
  direction: 'out' | 'in';
  label?: string;
  /**
   * The target's kind decides (a Step Functions task: queue or topic → publishes, table → writes, function →
   * calls); `kind` is the fallback.
   */
  byTarget?: boolean;
}

/**
 * A connector resource (event source mapping, subscription, listener rule…) that is not drawn itself
 * but joins two other resources: from-attribute → to-attribute.
 */
export interface LinkRule {
  from: AttrPath;
  to: AttrPath;
  kind: EdgeKind;
  label?: string;
}

/** A capacity or quota figure for the capacity model, always with its documented source. */
export interface CapacityFigure {
  /** e.g. `rps`, `concurrency`, `connections`, `throughput_mbps`, `messages_per_second`. */
  metric: string;
  value: number;
  unit: string;
  /** What one unit of capacity is per: `account-region`, `instance`, `shard`, `partition`, `queue`… */
  scope: string;
  /** Documentation URL or quota name. */
  source: string;
  /** Whether the limit can be raised on request (soft quota). */
  adjustable?: boolean;
  note?: string;
  /** The configuration the figure applies to when the type has several (`fifo`, `standard`, `on-demand`…). */
  variant?: string;
  /**
   * The real figure depends on this attribute (e.g. `instance_class`): look it up in the class table
   * (`instance-classes.ts`); `value` is then the upper bound over all classes.
   */
  byAttribute?: AttrPath;
  /**
   * AWS documents no ceiling for this metric ("nearly unlimited"). `value` is then a planning ceiling, never a
   * saturation point: a capacity model must not report the component as a bottleneck on it.
   */
  unbounded?: boolean;
}

/**
 * How the ARN of this type looks. `resourceType` is the resource part before the first `/` or `:` (a leading `/`,
 * as in API Gateway's `/restapis/id`, is skipped). When that is not enough to tell types apart (`loadbalancer/app/…`
 * vs `loadbalancer/net/…`, SNS topic vs subscription), `pattern` is a regular expression tested against the whole
 * resource part.
 */
export interface ArnShape {
  service: string;
  resourceType?: string;
  /** Regular expression (source text) matched against the resource part, e.g. `^loadbalancer/app/`. */
  pattern?: string;
  /**
   * When several entries share one ARN format (`aws_lb`/`aws_alb`, `aws_db_instance`/`aws_rds_cluster_instance`,
   * a Lambda function and its alias), the one `lookupArn` returns. `false` marks the secondary entries.
   */
  primary?: boolean;
}

export interface CatalogEntry {
  /** Terraform resource type, e.g. `aws_lambda_function`. The primary key. */
  tfType: string;
  /** CloudFormation / Cloud Control type, e.g. `AWS::Lambda::Function`. */
  cfnType?: string;
  /** Other CloudFormation types this entry also describes (`AWS::IAM::Policy` beside `AWS::IAM::RolePolicy`). */
  cfnAliases?: string[];
  /** ARN shape: `arn:aws:<service>:<region>:<account>:<resourceType><sep><name>`. */
  arn?: ArnShape;
  kind: NodeKind;
  /** Short product name shown on diagrams, e.g. `Lambda`. */
  displayName: string;
  /** Path under the `aws-icons` package's `icons/` folder, e.g. `architecture-service/AWSLambda.svg`. */
  icon?: string;
  containment?: ContainmentRule[];
  edges?: EdgeRule[];
  links?: LinkRule[];
  /** Hidden by default on diagrams (IAM, security groups, route tables, attachments). */
  plumbing?: boolean;
  /** Attribute that gives a readable name, when not `name`. */
  nameAttr?: AttrPath;
  /** Significant types are discovered by Cloud Control ListResources even when untagged. */
  significant?: boolean;
  capacity?: CapacityFigure[];
}

/**
 * An input of a registry module that implies an edge. `input` is a dotted path into the call's arguments; a `*`
 * step goes over every element of a map or list (`event_source_mapping.*.event_source_arn`).
 * `kind: 'infer'` takes the kind from the target's kind (queue or topic → publishes, database → writes,
 * function or service → calls), as for an environment variable.
 */
export interface ModuleInputRule {
  input: string;
  kind: EdgeKind | 'infer';
  direction: 'out' | 'in';
  label?: string;
}

/** A registry module that only joins two other things (an S3 notification module): from-input → to-input. */
export interface ModuleLinkRule {
  from: string;
  to: string;
  kind: EdgeKind | 'infer';
  label?: string;
}

/**
 * A widely used registry module (terraform-aws-modules, cloudposse, aws-ia), for when its code is not downloaded:
 * what component it is and which of its inputs imply connections.
 */
export interface RegistryModuleEntry {
  /** Normalised source: `terraform-aws-modules/lambda/aws`, `terraform-aws-modules/ecs/aws//modules/service`. */
  source: string;
  /** The main resource type the module creates; kind, icon and capacity come from its catalog entry. */
  tfType: string;
  /** Overrides the kind of `tfType` (a cluster module that also runs services is a container). */
  kind?: NodeKind;
  /** Connectors and helpers (labels, IAM, notifications, security groups) hidden by default. */
  plumbing?: boolean;
  /** The input that names the component (`function_name`), shown in props. */
  nameInput?: string;
  edges?: ModuleInputRule[];
  links?: ModuleLinkRule[];
  /** Inputs holding environment variables: a map (name → value) or a list of `{ name, value }`. */
  env?: string[];
  /** Inputs holding IAM statements (`{ actions, resources }` or `{ Action, Resource }`, map or list) or a policy JSON. */
  policies?: string[];
  /** Inputs listing security groups the module's resources join. */
  securityGroups?: string[];
  /** Ingress rules of a security-group module: paths to the source group of each rule. */
  ingressFrom?: string[];
  /** Inputs that place the module in subnets or a VPC (containment, never an edge). */
  network?: string[];
}
