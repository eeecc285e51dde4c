// The Terraform analyzer: HCL (with variables, modules, count/for_each), plus state and plan JSON files,
// into one PartialGraph. Pipeline: find roots → parse → evaluate → nodes → parents → edges.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { lookupRegistryModule } from '../../src/catalog/index.js';
import { UsageError } from '../../src/model/errors.js';
import { defineAnalyzer } from '../../src/model/plugin.js';
import { InputRefused, readInputText } from '../../src/model/read-input.js';
import type { ArchEdge, ArchNode, PartialGraph } from '../../src/model/schema.js';
import { evaluateResources, GraphBuilder } from './graph.js';
import { ANALYZER, DEFAULT_LIMITS, ModuleInstance, readModulesJson, toPosix, Workspace } from './modules.js';
import { parseHcl } from './parse.js';
import { findRoots } from './roots.js';
import { overlayState, prefixRead, readStateInputs, rootForFile } from './state-input.js';
import {
  CROSS_ROOT,
  dependencyOrder,
  type OutputReader,
  readTerragruntUnit,
  type TerragruntUnit,
} from './terragrunt.js';
import { HclEvalError, Unknown, type Value, type ValueObject } from './values.js';

export interface TerraformOptions {
  /** A root module directory, or a tree holding several roots. */
  dir: string;
  /** Extra .tfvars files, applied after terraform.tfvars and *.auto.tfvars. */
  varFiles?: string[];
  /** `--var name=value` values; they win over every file. */
  vars?: Record<string, string>;
  /** terraform.tfstate / `terraform show -json` files. */
  stateFiles?: string[];
  /** `terraform show -json PLAN` files. */
  planFiles?: string[];
  /** Instances one resource or module call may expand to (default 10,000). */
  maxInstances?: number;
  /** Module instances in one scan (default 5,000). */
  maxModuleInstances?: number;
}

async function listFiles(dir: string, test: (name: string) => boolean): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter(test)
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Loads tfvars into the root instance: terraform.tfvars, *.auto.tfvars, then --var-file, then --var. */
async function loadVars(
  ws: Workspace,
  inst: ModuleInstance,
  dir: string,
  options: TerraformOptions,
): Promise<void> {
  const files = [
    ...(existsSync(join(dir, 'terraform.tfvars')) ? [join(dir, 'terraform.tfvars')] : []),
    ...(await listFiles(dir, (n) => n.endsWith('.auto.tfvars'))),
    ...(options.varFiles ?? []).map((f) => resolve(f)),
  ];
  for (const file of files) {
    let text: string;
    try {
      text = await readInputText(file, 'hcl');
    } catch (error) {
      throw new UsageError(
        `variable file ${ws.rel(file)} ${error instanceof InputRefused ? error.detail : 'cannot be read'}`,
        { file: ws.rel(file), hint: 'check the --var-file path' },
      );
    }
    const rel = ws.rel(file);
    const { body, diagnostics } = await parseHcl(text, rel);
    ws.diagnostics.push(...diagnostics);
    for (const a of body.attrs) inst.rootVars.set(a.name, { expr: a.expr, file: rel });
  }
  for (const [name, text] of Object.entries(options.vars ?? {})) inst.rootVars.set(name, { text });
}

interface BuiltRoot {
  inst: ModuleInstance;
  builder: GraphBuilder;
  /** The root is one remote module (a Terragrunt unit whose source is a registry or git module). */
  unit?: boolean;
}

/** `dependency.x.outputs.y`: the nodes behind output y of the other root, as refs to their ids. */
function dependencyOutput(ws: Workspace, built: BuiltRoot | undefined, output: string, text: string): Value {
  if (!built) return new Unknown(text);
  let refs: Set<string>;
  let value: Value | undefined;
  if (built.unit || !output) {
    refs = new Set([...built.builder.modules.keys(), ...(output ? [] : [...built.builder.records.keys()])]);
  } else {
    try {
      const r = ws.tracker.isolated(() => built.inst.output(output));
      refs = r.refs;
      value = r.value;
    } catch (error) {
      if (!(error instanceof HclEvalError)) throw error;
      return new Unknown(text);
    }
  }
  const ids = built.builder
    .targets(refs)
    .map((a) => built.builder.idOf(a))
    .filter((id) => built.builder.nodes.has(id));
  if (ids.length === 0 && value !== undefined && !(value instanceof Unknown)) return value;
  const u = new Unknown(text, new Set(ids.map((id) => `${CROSS_ROOT}${id}`)));
  ws.tracker.touch(u.refs);
  return u;
}

/** A Terragrunt unit whose source is a registry or git module: one module call named after the unit's folder. */
function remoteUnit(ws: Workspace, inst: ModuleInstance, unit: TerragruntUnit): void {
  const name = basename(unit.dir);
  const attrs = [...unit.inputs].map(([k, v]) => ({
    name: k,
    expr: { t: 'lit' as const, v: null },
    line: v.line,
  }));
  const known = lookupRegistryModule(unit.source!);
  if (known)
    ws.diagnostics.push({
      severity: 'info',
      code: 'module-catalog',
      analyzer: ANALYZER,
      message: `${unit.source} is not downloaded; drawn as one ${known.tfType} from the registry-module catalog`,
      file: unit.sourceAt?.file ?? unit.file,
      line: unit.sourceAt?.line ?? 1,
    });
  else
    ws.warn(
      'module-unresolved',
      `terragrunt source ${unit.source} is remote; shown as one module node`,
      unit.sourceAt ?? { file: unit.file, line: 1 },
    );
  inst.opaque.push({
    name,
    address: `module.${name}`,
    decl: {
      file: unit.file,
      block: { type: 'module', labels: [name], body: { attrs, blocks: [] }, line: 1 },
    },
    source: unit.source!,
    inputs: () => {
      const out: ValueObject = {};
      for (const [k, v] of unit.inputs) {
        try {
          out[k] = v.value();
        } catch (error) {
          if (!(error instanceof HclEvalError)) throw error;
          out[k] = new Unknown(k);
        }
      }
      return out;
    },
  });
}

export async function analyzeTerraform(
  options: TerraformOptions,
  ctx: {
    root: string;
    progress: {
      start(t: string, n?: number): void;
      tick(t: string, by?: number, d?: string): void;
      done(t: string): void;
    };
  },
): Promise<PartialGraph> {
  const dir = resolve(options.dir);
  if (!existsSync(dir))
    throw new UsageError(`${options.dir} does not exist`, { hint: 'pass a Terraform directory' });
  const ws = new Workspace(resolve(ctx.root));
  ws.limits = {
    maxInstances: options.maxInstances ?? DEFAULT_LIMITS.maxInstances,
    maxModuleInstances: options.maxModuleInstances ?? DEFAULT_LIMITS.maxModuleInstances,
  };
  ctx.progress.start('terraform');
  ws.onFile = (rel) => ctx.progress.tick('terraform', 1, rel);
  const found = await findRoots(dir);
  await parseHcl('', '.');
  // Terragrunt units are read first, so that a unit is built after the units whose outputs it reads.
  const builtRoots = new Map<string, BuiltRoot>();
  const readOutput: OutputReader = (unitDir, output, text) =>
    dependencyOutput(ws, builtRoots.get(unitDir), output, text);
  const units = new Map<string, TerragruntUnit>();
  for (const root of found)
    if (root.terragrunt) units.set(root.dir, readTerragruntUnit(ws, root.dir, readOutput));
  // A directory that a unit uses as its `terraform { source }` is that unit's module, not a root of its own.
  const unitModules = new Set([...units.values()].flatMap((u) => (u.moduleDir ? [u.moduleDir] : [])));
  const roots = dependencyOrder(
    found
      .filter((r) => !units.get(r.dir)?.settingsOnly && !unitModules.has(r.dir))
      .map((r) => ({ ...r, dependencies: units.get(r.dir)?.dependencies ?? [] })),
  );
  const multi = roots.length > 1;
  const nodes: ArchNode[] = [];
  const edges: ArchEdge[] = [];
  const allNodes = new Map<string, ArchNode>();
  const rootPrefixes: Array<{ dir: string; prefix: string }> = [];
  for (const root of roots) {
    const relDir = toPosix(relative(dir, root.dir)) || '.';
    const groupId = multi ? `root:${relDir}` : undefined;
    const before = ws.instances.length;
    const unit = units.get(root.dir);
    let moduleDir = root.dir;
    if (unit?.moduleDir) moduleDir = unit.moduleDir;
    const def = await ws.loadDef(moduleDir);
    const inst = new ModuleInstance(ws, def, '', moduleDir);
    if (unit)
      for (const [name, input] of unit.inputs)
        inst.rootVars.set(name, { value: input.value, file: input.file });
    await loadVars(ws, inst, root.dir, options);
    inst.readProviders();
    if (unit?.source && !unit.moduleDir) remoteUnit(ws, inst, unit);
    else await inst.expandCalls(readModulesJson(moduleDir), []);
    const instances = ws.instances.slice(before);
    for (const child of instances.slice(1)) {
      // Children inherit provider regions unless they declare their own.
      child.readProviders();
    }
    const records = evaluateResources(instances, () => {});
    const prefix = multi ? `${relDir}:` : '';
    rootPrefixes.push({ dir: root.dir, prefix });
    const idOf = (address: string) =>
      address.startsWith(CROSS_ROOT) ? address.slice(CROSS_ROOT.length) : `${prefix}${address}`;
    const builder = new GraphBuilder(records, idOf, groupId, (region) => `${prefix}region:${region}`);
    builder.external = allNodes;
    builder.buildNodes();
    builder.addOpaqueModules(instances);
    builder.assignParents();
    builder.buildEdges();
    builtRoots.set(root.dir, { inst, builder, ...(unit?.source && !unit.moduleDir ? { unit: true } : {}) });
    if (groupId)
      nodes.push({
        id: groupId,
        kind: 'group',
        name: relDir,
        provider: 'terraform',
        props: {},
        tags: {},
        sources: [{ analyzer: ANALYZER, file: ws.rel(root.dir) }],
      });
    for (const n of builder.nodes.values()) {
      nodes.push(n);
      allNodes.set(n.id, n);
    }
    edges.push(...builder.edges.values());
  }
  // State and plan: files the user named, plus *.tfstate / *.tfplan.json found under the scanned directory.
  const stateInputs = await readStateInputs(
    {
      stateFiles: (options.stateFiles ?? []).map((f) => resolve(f)),
      planFiles: (options.planFiles ?? []).map((f) => resolve(f)),
      autoDetectIn: dir,
    },
    ws.root,
  );
  ws.diagnostics.push(...stateInputs.diagnostics);
  let graph = { nodes, edges };
  for (const read of stateInputs.reads) {
    graph = overlayState(graph, [prefixRead(read, rootForFile(read.path, rootPrefixes)?.prefix ?? '')]);
  }
  if (roots.length === 0 && stateInputs.reads.length === 0) {
    const unusable = stateInputs.diagnostics.find((d) => d.file && d.severity !== 'info');
    throw new UsageError(
      unusable
        ? `${unusable.file}:${unusable.line ?? 1}: ${unusable.message}`
        : `no .tf, *.tfstate or *.tfplan.json files in ${options.dir}`,
      {
        ...(unusable?.file ? { file: unusable.file, line: unusable.line ?? 1 } : {}),
        hint: unusable?.hint ?? 'point archmap at a Terraform root module (a directory with .tf files)',
      },
    );
  }
  if (roots.length === 0)
    ws.warn('no-terraform', `no .tf files under ${ws.rel(dir)}; read state/plan only`, {});
  ctx.progress.done('terraform');
  return { analyzer: ANALYZER, nodes: graph.nodes, edges: graph.edges, diagnostics: ws.diagnostics };
}

export default defineAnalyzer<TerraformOptions>({
  id: 'terraform',
  description: 'Terraform HCL (variables, modules, count/for_each), state and plan JSON',
  async detect(dir) {
    return (await findRoots(dir)).length > 0;
  },
  analyze: analyzeTerraform,
});
