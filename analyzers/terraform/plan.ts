// Reads `terraform show -json plan.out`: every resource change becomes a node marked added/removed/modified,
// with the planned (or, for deletes, prior) values. Sensitive values are dropped here, as for state.
import type { ChangeMark } from '../../src/model/kinds.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { entries, items, type JsonNode, jsonValue, prop, stringOf } from './json-source.js';
import { maskFromMirror, redact, unionMasks } from './sensitive.js';
import {
  checkFormatVersion,
  failure,
  instancesFromModuleValues,
  parseOrDiagnose,
  relativeFile,
} from './state.js';
import {
  ANALYZER_ID,
  buildStateGraph,
  formatIndexKey,
  providerShortName,
  type ReadResult,
  type ResourceInstance,
  UNKNOWN_VALUE,
} from './state-graph.js';

export { UNKNOWN_VALUE };

/** What Terraform will do to one resource instance. */
export type PlanAction = 'create' | 'delete' | 'update' | 'replace' | 'read' | 'no-op';

/** Terraform's action lists → one action: `["delete","create"]` and `["create","delete"]` are replacements. */
export function planAction(actions: unknown): PlanAction {
  const list = Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string') : [];
  if (list.includes('create') && list.includes('delete')) return 'replace';
  for (const a of ['create', 'delete', 'update', 'read'] as const) if (list.includes(a)) return a;
  return 'no-op';
}

const CHANGE_OF: Partial<Record<PlanAction, ChangeMark>> = {
  create: 'added',
  delete: 'removed',
  update: 'modified',
  replace: 'modified',
};

/** Top-level attributes that are unknown until apply get a readable placeholder. */
function withUnknowns(values: Record<string, unknown>, afterUnknown: unknown): Record<string, unknown> {
  if (!afterUnknown || typeof afterUnknown !== 'object' || Array.isArray(afterUnknown)) return values;
  const out = { ...values };
  for (const [k, v] of Object.entries(afterUnknown)) if (v === true && out[k] == null) out[k] = UNKNOWN_VALUE;
  return out;
}

/** Address without instance keys: `module.a["x"].aws_instance.web[0]` → `module.a.aws_instance.web`. */
function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'path', 'self', 'terraform', 'module']);

/** `aws_sqs_queue.orders.arn` → `aws_sqs_queue.orders`; variables, locals and module outputs → undefined. */
function referencedResource(ref: string): string | undefined {
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'data') return parts.length >= 3 ? `data.${parts[1]}.${parts[2]}` : undefined;
  if (parts.length < 2 || NOT_RESOURCES.has(parts[0]!)) return undefined;
  return `${parts[0]}.${parts[1]}`;
}

/** Collects `references` under a configuration `expressions` tree, keyed by top-level attribute. */
function collectReferences(expr: unknown, attr: string, out: Array<{ attr: string; target: string }>) {
  if (Array.isArray(expr)) {
    for (const e of expr) collectReferences(e, attr, out);
    return;
  }
  if (!expr || typeof expr !== 'object') return;
  const refs = (expr as { references?: unknown }).references;
  if (Array.isArray(refs)) {
    for (const r of refs) {
      const target = typeof r === 'string' ? referencedResource(r) : undefined;
      if (target && !out.some((o) => o.attr === attr && o.target === target)) out.push({ attr, target });
    }
  }
  for (const [k, v] of Object.entries(expr)) if (k !== 'references') collectReferences(v, attr, out);
}

/** configuration.root_module (+ module_calls, recursively) → config address → references. */
function configurationReferences(
  module: JsonNode | undefined,
  prefix: string,
  out: Map<string, Array<{ attr: string; target: string }>>,
) {
  for (const r of items(prop(module, 'resources'))) {
    const address = stringOf(prop(r, 'address'));
    if (!address) continue;
    const refs: Array<{ attr: string; target: string }> = [];
    const expressions = jsonValue(prop(r, 'expressions'));
    if (expressions && typeof expressions === 'object') {
      for (const [attr, expr] of Object.entries(expressions)) collectReferences(expr, attr, refs);
    }
    const dependsOn = jsonValue(prop(r, 'depends_on'));
    for (const d of Array.isArray(dependsOn) ? dependsOn : []) {
      const target = typeof d === 'string' ? referencedResource(d) : undefined;
      if (target) refs.push({ attr: 'depends_on', target });
    }
    out.set(
      `${prefix}${address}`,
      refs.map((ref) => ({ ...ref, target: `${prefix}${ref.target}` })),
    );
  }
  for (const [name, call] of entries(prop(module, 'module_calls'))) {
    configurationReferences(prop(call, 'module'), `${prefix}module.${name}.`, out);
  }
}

/**
 * Reads `terraform show -json` output of a saved plan. Never throws on bad input.
 * @example
 * const { nodes } = readPlan('plan.json', text, process.cwd());
 * nodes.filter((n) => n.change === 'added');
 */
export function readPlan(path: string, text: string, root: string): ReadResult {
  const file = relativeFile(path, root);
  const parsed = parseOrDiagnose(text, file, 'Terraform plan JSON');
  if (!parsed.ok) return parsed.result;
  const { source } = parsed;
  const doc = source.tree;
  const ctx = { file, source };
  if (doc.type !== 'object' || !prop(doc, 'format_version')) {
    return failure({
      severity: 'error',
      code: 'terraform-plan-format',
      analyzer: ANALYZER_ID,
      file,
      line: 1,
      message: 'not a Terraform plan: no format_version',
      hint: 'produce it with `terraform show -json plan.out > plan.json`',
    });
  }
  const bad = checkFormatVersion(doc, ctx, 'Terraform plan JSON');
  if (bad) return bad;

  const references = new Map<string, Array<{ attr: string; target: string }>>();
  configurationReferences(prop(prop(doc, 'configuration'), 'root_module'), '', references);
  const prior = new Map<string, ResourceInstance>();
  for (const inst of instancesFromModuleValues(
    prop(prop(prop(doc, 'prior_state'), 'values'), 'root_module'),
    ctx,
  )) {
    prior.set(inst.address, inst);
  }

  const instances: ResourceInstance[] = [];
  const seen = new Set<string>();
  for (const rc of items(prop(doc, 'resource_changes'))) {
    const address = stringOf(prop(rc, 'address'));
    const type = stringOf(prop(rc, 'type'));
    const name = stringOf(prop(rc, 'name'));
    if (!address || !type || !name || prop(rc, 'deposed')) continue;
    const change = prop(rc, 'change');
    const action = planAction(jsonValue(prop(change, 'actions')));
    const useBefore = action === 'delete';
    const mask = unionMasks(
      maskFromMirror(jsonValue(prop(change, 'before_sensitive'))),
      maskFromMirror(jsonValue(prop(change, 'after_sensitive'))),
    );
    const raw = jsonValue(prop(change, useBefore ? 'before' : 'after'));
    let values = (redact(raw ?? {}, mask) ?? {}) as Record<string, unknown>;
    if (!useBefore) values = withUnknowns(values, jsonValue(prop(change, 'after_unknown')));
    const indexValue = jsonValue(prop(rc, 'index'));
    const indexKey =
      typeof indexValue === 'string' || typeof indexValue === 'number' ? indexValue : undefined;
    const mark = CHANGE_OF[action];
    seen.add(address);
    instances.push({
      address,
      resourceAddress: indexKey === undefined ? address : address.slice(0, -formatIndexKey(indexKey).length),
      mode: stringOf(prop(rc, 'mode')) === 'data' ? 'data' : 'managed',
      type,
      name,
      ...(indexKey === undefined ? {} : { indexKey }),
      provider: providerShortName(stringOf(prop(rc, 'provider_name')), type),
      values,
      dependencies: prior.get(address)?.dependencies ?? [],
      references: references.get(configAddress(address)) ?? [],
      file,
      line: source.lineAt(rc.offset),
      ...(mark ? { change: mark } : {}),
      ...(action === 'no-op' ? {} : { props: { planAction: action } }),
    });
  }
  // Resources in the planned values that the plan lists no change for (older Terraform omits no-ops).
  const planned = instancesFromModuleValues(prop(prop(doc, 'planned_values'), 'root_module'), ctx);
  for (const inst of planned) {
    if (seen.has(inst.address)) continue;
    instances.push({
      ...inst,
      dependencies: prior.get(inst.address)?.dependencies ?? [],
      references: references.get(configAddress(inst.address)) ?? [],
    });
  }
  const { nodes, edges } = buildStateGraph(instances);
  const diagnostics: Diagnostic[] = [];
  return { nodes, edges, diagnostics, usable: true };
}
