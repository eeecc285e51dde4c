// Checks a CloudFormation template (long form, as the cloudformation analyzer's parser returns it) against the
// CloudFormation resource specification carried by @aws-cdk/aws-service-spec: types, property names and types,
// required properties, allowed values, and every Ref/GetAtt/Sub target.
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

type SpecDb = Awaited<ReturnType<typeof loadAwsServiceSpec>>;

/** The parts of the specification's shapes this check reads. */
interface SpecType {
  type: string;
  element?: SpecType;
  types?: SpecType[];
  allowedValues?: Array<string | number>;
  reference?: { $ref: string };
}
type SpecProperties = Record<string, { type: SpecType; required?: boolean }>;
interface SpecResource {
  cloudFormationType: string;
  properties: SpecProperties;
  attributes: Record<string, { type: SpecType }>;
}

let cached: Promise<SpecDb> | undefined;
export function resourceSpec(): Promise<SpecDb> {
  cached ??= loadAwsServiceSpec();
  return cached;
}

const TOP = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Condition',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);
const PARAMETER_TYPES =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>)$/;
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem found, one line each (`Resources.X.Properties.Y: …`); empty when the template is valid.
 * @example
 * validateTemplate(db, { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { Bogus: 1 } } } })
 * // ['Resources.Q.Properties.Bogus: not a property of AWS::SQS::Queue']
 */
export function validateTemplate(db: SpecDb, template: unknown): string[] {
  const errors: string[] = [];
  if (!isObject(template)) return ['the template is not a map'];
  for (const k of Object.keys(template)) if (!TOP.has(k)) errors.push(`${k}: not a template section`);
  const params = isObject(template.Parameters) ? template.Parameters : {};
  const resources = isObject(template.Resources) ? template.Resources : {};
  if (!Object.keys(resources).length) errors.push('Resources: empty');
  for (const [name, p] of Object.entries(params))
    if (!isObject(p) || typeof p.Type !== 'string' || !PARAMETER_TYPES.test(p.Type))
      errors.push(`Parameters.${name}: invalid parameter type`);

  const specOf = new Map<string, SpecResource>();
  for (const [id, r] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(id)) errors.push(`Resources.${id}: logical ids are alphanumeric`);
    if (!isObject(r) || typeof r.Type !== 'string') {
      errors.push(`Resources.${id}: no Type`);
      continue;
    }
    const found = db.lookup('resource', 'cloudFormationType', 'equals', r.Type);
    if (found.length === 0) errors.push(`Resources.${id}: unknown type ${r.Type}`);
    else specOf.set(id, found[0] as unknown as SpecResource);
  }

  const checkRef = (name: unknown, path: string) => {
    if (typeof name !== 'string') errors.push(`${path}: Ref needs a name`);
    else if (!PSEUDO.has(name) && !(name in params) && !(name in resources))
      errors.push(`${path}: Ref ${name} names no parameter or resource`);
  };
  const checkGetAtt = (id: string, attribute: string, path: string) => {
    const spec = specOf.get(id);
    if (!(id in resources)) errors.push(`${path}: GetAtt ${id} names no resource`);
    else if (spec && !(attribute in spec.attributes))
      errors.push(`${path}: ${spec.cloudFormationType} has no attribute ${attribute}`);
  };

  /** An intrinsic function: checks its targets; true when `value` is one. */
  const intrinsic = (value: unknown, path: string): boolean => {
    if (!isObject(value)) return false;
    const keys = Object.keys(value);
    if (keys.length !== 1) return false;
    const [fn] = keys as [string];
    const arg = value[fn];
    if (fn === 'Ref') checkRef(arg, path);
    else if (fn === 'Fn::GetAtt') {
      const [id, ...rest] = Array.isArray(arg) ? arg : String(arg).split('.');
      checkGetAtt(String(id), rest.join('.'), path);
    } else if (fn === 'Fn::Sub') {
      const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
      if (typeof text !== 'string') errors.push(`${path}: Fn::Sub needs a string`);
      else
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const ref = m[1]!;
          if (isObject(vars) && ref in vars) continue;
          if (ref.includes('.') && !ref.startsWith('AWS::')) {
            const [id, ...rest] = ref.split('.');
            checkGetAtt(id!, rest.join('.'), path);
          } else checkRef(ref, path);
        }
      if (isObject(vars)) for (const [k, v] of Object.entries(vars)) anyValue(v, `${path}.${k}`);
    } else if (fn.startsWith('Fn::')) anyValue(arg, `${path}.${fn}`);
    else return false;
    return true;
  };
  const anyValue = (value: unknown, path: string): void => {
    if (intrinsic(value, path)) return;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) anyValue(v, `${path}[${i}]`);
    } else if (isObject(value)) for (const [k, v] of Object.entries(value)) anyValue(v, `${path}.${k}`);
  };

  /** Whether an intrinsic gives a list: a list parameter, a list attribute, Fn::GetAZs, Fn::Split. */
  const givesList = (value: Record<string, unknown>): boolean => {
    const [fn] = Object.keys(value) as [string];
    const arg = value[fn];
    if (fn === 'Ref') {
      const p = typeof arg === 'string' ? params[arg] : undefined;
      return isObject(p) && typeof p.Type === 'string' && /^(CommaDelimitedList|List<)/.test(p.Type);
    }
    if (fn === 'Fn::GetAtt') {
      const [id, ...rest] = Array.isArray(arg) ? arg : String(arg).split('.');
      return specOf.get(String(id))?.attributes[rest.join('.')]?.type.type === 'array';
    }
    return fn === 'Fn::GetAZs' || fn === 'Fn::Split' || fn === 'Fn::Cidr';
  };

  /** The problems of one value against one spec type (not pushed: unions try each member). */
  const check = (type: SpecType, value: unknown, path: string): string[] => {
    if (value === null || value === undefined) return [`${path}: empty value`];
    if (isObject(value) && Object.keys(value).length === 1 && /^(Ref|Fn::)/.test(Object.keys(value)[0]!)) {
      intrinsic(value, path);
      const scalar = type.type !== 'array' && type.type !== 'json' && type.type !== 'union';
      return scalar && givesList(value) ? [`${path}: a list where one value is expected`] : [];
    }
    switch (type.type) {
      case 'string':
      case 'date-time':
        if (typeof value === 'object') return [`${path}: expected a string`];
        if (type.allowedValues && !type.allowedValues.includes(String(value)))
          return [`${path}: ${String(value)} is not one of ${type.allowedValues.join(', ')}`];
        return [];
      case 'number':
      case 'integer':
        return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
          ? []
          : [`${path}: expected a number`];
      case 'boolean':
        return typeof value === 'boolean' || value === 'true' || value === 'false'
          ? []
          : [`${path}: expected a boolean`];
      case 'json':
        anyValue(value, path);
        return isObject(value) || Array.isArray(value) || typeof value === 'string'
          ? []
          : [`${path}: expected JSON`];
      case 'null':
        return [];
      case 'tag':
        return isObject(value) && 'Key' in value && 'Value' in value ? [] : [`${path}: expected a tag`];
      case 'array':
        if (!Array.isArray(value)) return [`${path}: expected a list`];
        return value.flatMap((v, i) => check(type.element!, v, `${path}[${i}]`));
      case 'map':
        if (!isObject(value)) return [`${path}: expected a map`];
        return Object.entries(value).flatMap(([k, v]) => check(type.element!, v, `${path}.${k}`));
      case 'union': {
        const tries = (type.types ?? []).map((t) => check(t, value, path));
        return tries.some((t) => t.length === 0) ? [] : (tries[0] ?? []);
      }
      case 'ref': {
        const def = db.get('typeDefinition', type.reference!.$ref) as unknown as {
          name: string;
          properties: SpecProperties;
        };
        return properties(def.properties, value, path, def.name);
      }
      default:
        return [`${path}: unknown spec type ${type.type}`];
    }
  };
  const properties = (spec: SpecProperties, value: unknown, path: string, owner: string): string[] => {
    if (!isObject(value)) return [`${path}: expected a map (${owner})`];
    const out: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const prop = spec[k];
      if (!prop) out.push(`${path}.${k}: not a property of ${owner}`);
      else out.push(...check(prop.type, v, `${path}.${k}`));
    }
    for (const [k, p] of Object.entries(spec))
      if (p.required && !(k in value)) out.push(`${path}: ${owner} requires ${k}`);
    return out;
  };

  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r)) continue;
    for (const k of Object.keys(r))
      if (!RESOURCE_KEYS.has(k)) errors.push(`Resources.${id}.${k}: not a resource attribute`);
    const deps = r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
    for (const d of deps)
      if (!(String(d) in resources)) errors.push(`Resources.${id}.DependsOn: ${String(d)} names no resource`);
    const spec = specOf.get(id);
    if (!spec) continue;
    errors.push(
      ...properties(
        spec.properties,
        r.Properties ?? {},
        `Resources.${id}.Properties`,
        spec.cloudFormationType,
      ),
    );
  }
  for (const [name, o] of Object.entries(isObject(template.Outputs) ? template.Outputs : {})) {
    if (!isObject(o) || !('Value' in o)) errors.push(`Outputs.${name}: no Value`);
    else {
      anyValue(o.Value, `Outputs.${name}.Value`);
      if (isObject(o.Value) && givesList(o.Value))
        errors.push(`Outputs.${name}.Value: an output is a string, not a list`);
    }
  }
  return errors;
}
