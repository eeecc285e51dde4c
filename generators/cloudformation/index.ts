// CloudFormation generator: the IaC core's scaffold plan as one YAML template per region, with a README.
// References become `Ref`/`Fn::GetAtt`/`Fn::Sub`, variables become parameters, `count`/`for_each` are unrolled.
import type { ArchGraph } from '../../src/model/graph.js';
import { defineGenerator, type GeneratedFile } from '../../src/model/plugin.js';
import type { Expr } from '../shared/iac/hcl.js';
import { planScaffold, type ScaffoldOptions } from '../shared/iac/plan.js';
import type { PlannedResource, PlannedVariable, ScaffoldPlan } from '../shared/iac/types.js';
import { cloudFormationReadme } from './readme.js';
import { renderYaml } from './render.js';
import { compact, FOLD_RULES, NOT_IN_CLOUDFORMATION, readBlocks, TYPE_RULES } from './templates.js';
import type { CfnResource, CfnTemplate, TranslateContext } from './types.js';

export type { CfnTemplate } from './types.js';

import { type AttrRule, type Body, type CfnValue, getAtt, indexBody, pascal } from './values.js';

export type CloudFormationOptions = ScaffoldOptions;

/** A resource instance of the plan: one per `count` index or `for_each` key. */
interface Instance {
  resource: PlannedResource;
  body: Body;
  logicalId: string;
  key?: string | number;
}

const PSEUDO = /^AWS::/;
/** Terraform attributes that are lists (CloudFormation outputs must be strings). */
const LIST_ATTRIBUTES = new Set(['name_servers']);

function suffixOf(cfnType: string): string {
  return cfnType.split('::').pop()!;
}

/** The instances of a planned resource, with readable logical ids (`OrdersQueue`, `WebInstance0`). */
function instancesOf(
  r: PlannedResource,
  taken: Set<string>,
): Array<Omit<Instance, 'body'> & { address: string }> {
  const cfnType = TYPE_RULES[r.type]?.cfnType ?? 'Resource';
  const suffix = suffixOf(cfnType);
  const base = (extra: string) => {
    const stem = pascal(`${r.name}_${extra}`) || 'Resource';
    let id = stem.endsWith(suffix) ? stem : `${stem}${suffix}`;
    for (let n = 2; taken.has(id); n++) id = `${stem}${suffix}${n}`;
    taken.add(id);
    return id;
  };
  if (r.forEach?.length)
    return r.forEach.map((key) => ({
      resource: r,
      key,
      address: `${r.address}["${key}"]`,
      logicalId: base(key),
    }));
  if (r.count && r.count > 1)
    return Array.from({ length: r.count }, (_, i) => ({
      resource: r,
      key: i,
      address: `${r.address}[${i}]`,
      logicalId: base(String(i)),
    }));
  return [{ resource: r, address: r.address, logicalId: base('') }];
}

function parameterType(v: PlannedVariable): string {
  if (/(^|_)ami$/.test(v.name)) return 'AWS::EC2::Image::Id';
  return v.type === 'number' ? 'Number' : v.type === 'list(string)' ? 'CommaDelimitedList' : 'String';
}

/**
 * Translates a scaffold plan into CloudFormation templates (one per region).
 * @example
 * const templates = translatePlan(planScaffold(graph));
 */
export function translatePlan(plan: ScaffoldPlan): { templates: CfnTemplate[]; notTranslated: string[] } {
  const taken = new Set<string>();
  const byAddress = new Map<string, Instance>();
  const instances: Instance[] = [];
  const notTranslated: string[] = [];
  for (const r of plan.resources) {
    if (!TYPE_RULES[r.type] && !FOLD_RULES[r.type]) {
      notTranslated.push(
        `${r.address} (${r.region}): ${NOT_IN_CLOUDFORMATION[r.type] ?? (r.known ? 'no CloudFormation translation yet' : 'archmap has no template for this type')}`,
      );
      continue;
    }
    for (const i of instancesOf(r, taken)) {
      const inst: Instance = { resource: r, body: indexBody(r.body), logicalId: i.logicalId };
      if (i.key !== undefined) inst.key = i.key;
      instances.push(inst);
      byAddress.set(i.address, inst);
      if (!byAddress.has(r.address)) byAddress.set(r.address, inst);
    }
  }
  const variables = new Map(plan.variables.map((v) => [v.name, v]));

  const templates: CfnTemplate[] = [];
  for (const region of plan.regions) {
    const inRegion = instances.filter((i) => i.resource.region === region);
    if (!inRegion.length) continue;
    const template: CfnTemplate = {
      region,
      path: plan.regions.length > 1 ? `template.${region}.yaml` : 'template.yaml',
      resources: [],
      parameters: new Map(),
      outputs: new Map(),
    };
    const resourcesById = new Map<string, CfnResource>();

    const useVariable = (name: string): CfnValue => {
      const id = pascal(name);
      const v = variables.get(name);
      if (!template.parameters.has(id)) {
        const p: CfnTemplate['parameters'] extends Map<string, infer P> ? P : never = {
          Type: v ? parameterType(v) : 'String',
          Description: v?.description ?? `${name} (set at deploy time)`,
        };
        if (v?.default && (v.default.t === 'str' || v.default.t === 'num')) p.Default = v.default.v;
        if (v?.sensitive) p.NoEcho = true;
        template.parameters.set(id, p);
      }
      return { Ref: id };
    };

    const crossStack = (to: string, attr: string, why: string): CfnValue => {
      const id = pascal(`${to.replace(/^aws_/, '').replace(/\[.*$/, '')}_${attr}`);
      if (!template.parameters.has(id))
        template.parameters.set(id, { Type: 'String', Description: `${attr} of ${to} (${why})` });
      return { Ref: id };
    };

    const context = (inst: Instance, self: string): TranslateContext => {
      const value = (e: Expr): CfnValue => convert(e, inst) ?? '';
      const convert = (e: Expr, at: Instance): CfnValue | undefined => {
        switch (e.t) {
          case 'str':
            return e.v;
          case 'num':
          case 'bool':
            return e.v;
          case 'null':
            return undefined;
          case 'var':
            return useVariable(e.name);
          case 'each':
            return typeof at.key === 'string' ? at.key : String(at.key ?? '');
          case 'count_index':
            return typeof at.key === 'number' ? at.key : 0;
          case 'list':
            return e.items.map((i) => convert(i, at)).filter((v): v is CfnValue => v !== undefined);
          case 'map': {
            const out: Record<string, CfnValue> = {};
            for (const [k, v] of e.entries) {
              const c = convert(v, at);
              if (c !== undefined) out[k] = c;
            }
            return out;
          }
          case 'call':
            if (e.fn === 'jsonencode' || e.fn === 'toset' || e.fn === 'tolist')
              return convert(e.args[0]!, at);
            if (e.fn === 'element' && e.args.length === 2)
              return { 'Fn::Select': [convert(e.args[1]!, at) ?? 0, convert(e.args[0]!, at) ?? []] };
            return `TODO: ${e.fn}(…) has no CloudFormation form`;
          case 'tpl':
            return substitute(e.parts.map((p) => (typeof p === 'string' ? p : convert(p, at))));
          case 'ref':
            return reference(e.to, e.attr, at);
          default:
            return undefined;
        }
      };
      const reference = (to: string, attr: string, at: Instance): CfnValue | undefined => {
        const target = byAddress.get(to);
        if (!target) return crossStack(to, attr, 'not generated here: pass it in');
        // A folded resource (bucket versioning) is its owner in CloudFormation.
        const fold = FOLD_RULES[target.resource.type];
        if (fold) {
          const owner = target.body.args.get(fold.owner);
          if (owner?.t !== 'ref') return crossStack(to, attr, 'folded into a resource archmap cannot see');
          return reference(owner.to, owner.attr, at);
        }
        if (target.resource.region !== region)
          return crossStack(to, attr, `in ${target.resource.region}: from that region's stack outputs`);
        const rule: AttrRule =
          TYPE_RULES[target.resource.type]?.attrs?.[attr] ??
          (attr === 'id' ? 'ref' : { getAtt: pascal(attr) });
        const id = target.logicalId;
        if (rule === 'ref') return { Ref: id };
        if ('getAtt' in rule) return getAtt(id, rule.getAtt);
        if ('literal' in rule) return rule.literal;
        if ('sub' in rule) return { 'Fn::Sub': rule.sub.replace(/\{Id/g, `{${id}`).replace(/\{/g, '${') };
        const copied = target.body.args.get(rule.copy);
        return copied ? convert(copied, target) : crossStack(to, attr, 'not set on the source resource');
      };
      return {
        self,
        value,
        isList: (v) =>
          typeof v === 'object' &&
          !Array.isArray(v) &&
          typeof v.Ref === 'string' &&
          template.parameters.get(v.Ref)?.Type === 'CommaDelimitedList',
        arg(body, name) {
          const e = body.args.get(name);
          used.get(body)?.add(name) ?? used.set(body, new Set([name]));
          return e === undefined ? undefined : convert(e, inst);
        },
        targetOf(e) {
          if (e?.t !== 'ref') return undefined;
          const t = byAddress.get(e.to);
          return t && t.resource.region === region && !FOLD_RULES[t.resource.type] ? t.logicalId : undefined;
        },
        add(resource) {
          const r: CfnResource = { dependsOn: [], comments: [], unmapped: [], ...resource };
          template.resources.push(r);
          resourcesById.set(r.logicalId, r);
        },
      };
    };

    const used = new WeakMap<Body, Set<string>>();
    const folds: Instance[] = [];
    for (const inst of inRegion) {
      const r = inst.resource;
      if (FOLD_RULES[r.type]) {
        folds.push(inst);
        continue;
      }
      const rule = TYPE_RULES[r.type]!;
      const x = context(inst, inst.logicalId);
      const properties = compact(rule.props(inst.body, x));
      const seen = used.get(inst.body) ?? new Set<string>();
      const blocks = readBlocks.get(inst.body) ?? new Set<string>();
      const unmapped = [
        ...[...inst.body.args.keys()].filter((k) => !seen.has(k) && !rule.consumes?.includes(k)),
        ...[...inst.body.blocks.keys()].filter((k) => !blocks.has(k)),
      ];
      const resource: CfnResource = {
        logicalId: inst.logicalId,
        type: rule.cfnType,
        properties,
        dependsOn: [],
        comments: [...r.comments, ...inst.body.todos.map((t) => `TODO(archmap): ${t}`)],
        unmapped,
      };
      if (r.type === 'aws_db_instance' || r.type === 'aws_dynamodb_table' || r.type === 'aws_s3_bucket')
        resource.deletionPolicy = r.type === 'aws_db_instance' ? 'Snapshot' : 'Retain';
      template.resources.push(resource);
      resourcesById.set(resource.logicalId, resource);
    }
    for (const inst of folds) {
      const fold = FOLD_RULES[inst.resource.type]!;
      const ownerExpr = inst.body.args.get(fold.owner);
      // The owner by reference, or by its literal name (a role named in state rather than referenced).
      const owner =
        ownerExpr?.t === 'ref'
          ? byAddress.get(ownerExpr.to)
          : ownerExpr?.t === 'str'
            ? inRegion.find((i) => {
                const name = i.body.args.get(fold.ownerName);
                return i.resource.type === fold.ownerType && name?.t === 'str' && name.v === ownerExpr.v;
              })
            : undefined;
      const target = owner && resourcesById.get(owner.logicalId);
      if (!target) {
        notTranslated.push(`${inst.resource.address} (${region}): its owner is not in this template`);
        continue;
      }
      fold.apply(inst.body, context(inst, target.logicalId), target);
      target.comments.push(...inst.body.todos.map((t) => `TODO(archmap): ${t}`));
    }
    // depends_on between resources of this template.
    for (const inst of inRegion) {
      const r = resourcesById.get(inst.logicalId);
      if (!r) continue;
      for (const d of inst.resource.dependsOn ?? []) {
        const dep = byAddress.get(d);
        if (
          dep &&
          dep.resource.region === region &&
          resourcesById.has(dep.logicalId) &&
          dep.logicalId !== r.logicalId
        )
          r.dependsOn.push(dep.logicalId);
      }
    }
    for (const o of plan.outputs) {
      if (o.value.t !== 'ref') continue;
      const target = byAddress.get(o.value.to);
      if (!target || target.resource.region !== region) continue;
      const x = context(target, target.logicalId);
      const value = x.value(o.value);
      // An output is a string: list attributes (name servers) are joined.
      const listAttr = LIST_ATTRIBUTES.has(o.value.attr);
      template.outputs.set(pascal(o.name), {
        Description: o.description,
        Value: listAttr ? { 'Fn::Join': [',', value] } : value,
      });
    }
    // A Ref that names nothing declared becomes a parameter (the artefact bucket of Lambda packages).
    for (const name of refsIn(template.resources.map((r) => r.properties)))
      if (!resourcesById.has(name) && !template.parameters.has(name) && !PSEUDO.test(name))
        template.parameters.set(name, {
          Type: 'String',
          Description:
            name === 'ArtifactBucket'
              ? 'S3 bucket holding the Lambda deployment packages'
              : `${name} (set at deploy time)`,
        });
    template.resources.sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0));
    templates.push(template);
  }
  return { templates, notTranslated };
}

function refsIn(values: CfnValue[], out = new Set<string>()): Set<string> {
  const walk = (v: CfnValue): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.Ref === 'string') out.add(v.Ref);
      Object.values(v).forEach(walk);
    }
  };
  values.forEach(walk);
  return out;
}

/** A Terraform template string as `Fn::Sub`: references inline as `${Id}`/`${Id.Attr}`, the rest as variables. */
function substitute(parts: Array<string | CfnValue | undefined>): CfnValue {
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  let text = '';
  const vars: Record<string, CfnValue> = {};
  for (const p of parts) {
    if (p === undefined) continue;
    if (typeof p === 'string') text += p.replace(/\$\{/g, '${!');
    else if (typeof p === 'number' || typeof p === 'boolean') text += String(p);
    else if (!Array.isArray(p) && typeof p.Ref === 'string') text += `\${${p.Ref}}`;
    else if (!Array.isArray(p) && Array.isArray(p['Fn::GetAtt']))
      text += `\${${(p['Fn::GetAtt'] as string[]).join('.')}}`;
    else if (!Array.isArray(p) && typeof p['Fn::Sub'] === 'string') text += p['Fn::Sub'];
    else {
      const name = `Part${Object.keys(vars).length + 1}`;
      vars[name] = p;
      text += `\${${name}}`;
    }
  }
  return Object.keys(vars).length ? { 'Fn::Sub': [text, vars] } : { 'Fn::Sub': text };
}

/**
 * Generates the CloudFormation scaffold of a graph: `template.yaml` (or one per region) and a README.
 * @example
 * const files = await generateCloudFormation(revisedGraph);
 */
export async function generateCloudFormation(
  graph: ArchGraph,
  options: CloudFormationOptions = {},
): Promise<GeneratedFile[]> {
  const plan = planScaffold(graph, options);
  const { templates, notTranslated } = translatePlan(plan);
  const files: GeneratedFile[] = templates.map((t) => ({ path: t.path, contents: renderYaml(t, plan) }));
  files.push({ path: 'README.md', contents: cloudFormationReadme(graph, plan, templates, notTranslated) });
  return files;
}

export default defineGenerator<CloudFormationOptions>({
  id: 'cloudformation',
  description:
    'CloudFormation YAML of the revised design: one template per region, parameters, outputs, README',
  generate: generateCloudFormation,
});
