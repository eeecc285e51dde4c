// `archmap scaffold --patch`: the revised design as a unified diff against the user's own .tf files. Changed
// arguments are edited in place at their byte ranges, removed resources deleted, new resources written to one new
// file beside the user's; names, references, variables, comments and IAM statements elsewhere stay untouched.
import { createTwoFilesPatch } from 'diff';
import { UsageError } from '../../src/model/errors.js';
import type { ArchGraph } from '../../src/model/graph.js';
import type { ArchNode } from '../../src/model/schema.js';
import {
  attr,
  type BodyItem,
  blank,
  block,
  comment,
  type Expr,
  printBody,
  printHcl,
  str,
  variable,
} from '../shared/iac/hcl.js';
import { regionAlias } from '../shared/iac/names.js';
import { planScaffold } from '../shared/iac/plan.js';
import type { PlannedResource, PlannedVariable, ScaffoldPlan } from '../shared/iac/types.js';
import { resourceBlock } from './render.js';
import { bodyEntries, findResource, indentAt } from './source-edit.js';

export interface PatchInput {
  /** The user's .tf files, path relative to the scan root (as the graph's sources name them) → text. */
  sources: Record<string, string>;
}

export interface TerraformPatch {
  /** The unified diff, `git apply`-able from the scan root. */
  patch: string;
  /** Files the patch touches, new ones included. */
  files: string[];
  /** Operations the patch leaves to a person, one line each. */
  notes: string[];
}

const PLAIN_ADDRESS = /^(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)$/;

/** Where a node is declared in the user's Terraform: its file and its plain `type.name` address. */
function declaredAt(
  node: ArchNode,
  sources: Record<string, string>,
): { file: string; address: string } | undefined {
  for (const s of node.sources) {
    if (s.analyzer !== 'terraform' || !s.file?.endsWith('.tf') || sources[s.file] === undefined) continue;
    const address = s.address ?? node.id;
    if (PLAIN_ADDRESS.test(address)) return { file: s.file, address };
  }
  return undefined;
}

function mapExpr(e: Expr, f: (e: Expr) => Expr | undefined): Expr {
  const hit = f(e);
  if (hit) return hit;
  switch (e.t) {
    case 'tpl':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : mapExpr(p, f))) };
    case 'list':
      return { ...e, items: e.items.map((i) => mapExpr(i, f)) };
    case 'map':
      return { ...e, entries: e.entries.map(([k, v]) => [k, mapExpr(v, f)] as [string, Expr]) };
    case 'call':
      return { ...e, args: e.args.map((a) => mapExpr(a, f)) };
    default:
      return e;
  }
}

function mapBody(items: BodyItem[], f: (e: Expr) => Expr | undefined): BodyItem[] {
  return items.map((i) =>
    i.t === 'attr'
      ? { ...i, value: mapExpr(i.value, f) }
      : i.t === 'block'
        ? { ...i, body: mapBody(i.body, f) }
        : i,
  );
}

/** Re-indents printed HCL (two spaces per level) to sit inside a block indented by `indent`. */
function indentText(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `${indent}${l}` : l))
    .join('\n');
}

function unifiedDiff(path: string, before: string | undefined, after: string): string {
  const text = createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  const body = text.slice(text.indexOf('\n---') + 1);
  const header = `diff --git a/${path} b/${path}\n${before === undefined ? 'new file mode 100644\n' : ''}`;
  return header + body;
}

/**
 * The patch of a revised design against the Terraform it was scanned from.
 * @example
 * const { patch } = terraformPatch(revised, { sources: { 'infra/main.tf': text } });
 */
export function terraformPatch(graph: ArchGraph, input: PatchInput): TerraformPatch {
  const { sources } = input;
  const ops = graph.changeset?.ops ?? [];
  if (!ops.length)
    throw new UsageError('the graph carries no ChangeSet: nothing to patch', {
      hint: 'run archmap propose first',
    });
  const declared = new Map<string, { file: string; address: string }>();
  for (const n of graph.nodes()) {
    const at = declaredAt(n, sources);
    if (at) declared.set(n.id, at);
  }
  if (!declared.size)
    throw new UsageError('no resource of this graph comes from the given .tf files', {
      hint: 'scan the Terraform source (archmap scan DIR) and pass --dir DIR',
    });
  const plan = planScaffold(graph, {});
  const notes: string[] = [];
  const userText = Object.values(sources).join('\n');
  const userHas = (type: string, name: string) =>
    new RegExp(`resource\\s+"${type}"\\s+"${name}"\\s*\\{`).test(userText);

  // Plan addresses of the user's resources → their own addresses; module resources become variables.
  const extraVariables = new Map<string, PlannedVariable>();
  const planAddressOf = new Map<string, string>();
  for (const r of plan.resources)
    if (!planAddressOf.has(r.nodeId) && graph.node(r.nodeId)?.service === r.type)
      planAddressOf.set(r.nodeId, r.address);
  const rewrite = new Map<string, { address?: string; nodeId: string }>();
  for (const [nodeId, planAddress] of planAddressOf) {
    const n = graph.node(nodeId)!;
    const at = declared.get(nodeId);
    if (at) rewrite.set(planAddress, { address: at.address, nodeId });
    else if (n.change !== 'added' && n.sources.some((s) => s.analyzer === 'terraform'))
      rewrite.set(planAddress, { nodeId });
  }
  const fixRefs = (e: Expr): Expr | undefined => {
    if (e.t !== 'ref') return undefined;
    const hit = rewrite.get(e.to);
    if (!hit) return undefined;
    if (hit.address) return { ...e, to: hit.address };
    const name = `${e.to.replace(/^aws_/, '').replace(/[^A-Za-z0-9]+/g, '_')}_${e.attr.replace(/[^A-Za-z0-9]+/g, '_')}`;
    if (!extraVariables.has(name))
      extraVariables.set(name, {
        name,
        type: 'string',
        description: `${e.attr} of ${hit.nodeId} (declared inside a module: pass its output here).`,
      });
    return variable(name);
  };

  const edits = new Map<string, Array<{ start: number; end: number; text: string }>>();
  const edit = (file: string, start: number, end: number, text: string) =>
    edits.set(file, [...(edits.get(file) ?? []), { start, end, text }]);

  // Updates: each property the ChangeSet sets, written into the user's block at its byte range.
  const updated = new Map<string, string[]>();
  for (const op of ops) {
    if (op.op !== 'update_node' || !op.set.props) continue;
    const n = graph.node(op.id);
    const at = declared.get(op.id);
    if (!n?.service?.startsWith('aws_') || !at) {
      if (n?.service?.startsWith('aws_'))
        notes.push(`update ${op.id}: not declared as a plain resource in the given files`);
      continue;
    }
    updated.set(op.id, [...(updated.get(op.id) ?? []), ...Object.keys(op.set.props)]);
    const r = plan.resources.find((x) => x.nodeId === op.id && x.type === n.service);
    const text = sources[at.file]!;
    const [type, name] = at.address.split('.') as [string, string];
    const found = findResource(text, type, name);
    if (!r || !found) {
      notes.push(`update ${op.id}: resource block not found in ${at.file}`);
      continue;
    }
    const entries = bodyEntries(text, found.open, found.end - 1);
    const inner = `${indentAt(text, found.start)}  `;
    const insertAttrs: BodyItem[] = [];
    const insertBlocks: BodyItem[] = [];
    for (const key of Object.keys(op.set.props).sort()) {
      const items = mapBody(
        r.body.filter((i) => (i.t === 'attr' && i.name === key) || (i.t === 'block' && i.type === key)),
        fixRefs,
      );
      if (!items.length) continue; // written by a companion resource (S3 versioning…): added below
      const existing = entries.filter((x) => x.name === key);
      if (
        existing.length === 1 &&
        existing[0]!.kind === 'attr' &&
        items.length === 1 &&
        items[0]!.t === 'attr'
      ) {
        const printed = printBody(items).trimEnd();
        const value = printed.slice(printed.indexOf('=') + 1).trimStart();
        edit(
          at.file,
          existing[0]!.valueStart!,
          existing[0]!.end,
          indentText(value, inner).slice(inner.length),
        );
        continue;
      }
      if (existing.length) {
        const printed = indentText(
          printBody(items.flatMap((i, k) => (k ? [blank, i] : [i]))).trimEnd(),
          inner,
        );
        edit(at.file, existing[0]!.start, existing[0]!.end, printed.slice(inner.length));
        for (const x of existing.slice(1)) edit(at.file, lineStart(text, x.start), lineEnd(text, x.end), '');
      } else for (const i of items) (i.t === 'attr' ? insertAttrs : insertBlocks).push(i);
    }
    // New arguments together (aligned as terraform fmt aligns them), then each new block after a blank line.
    const parts = [
      ...(insertAttrs.length ? [printBody(insertAttrs).trimEnd()] : []),
      ...insertBlocks.map((b) => printBody([b]).trimEnd()),
    ];
    if (parts.length) {
      const closeLine = lineStart(text, found.end - 1);
      edit(at.file, closeLine, closeLine, `\n${parts.map((p) => indentText(p, inner)).join('\n\n')}\n`);
    }
  }

  // Removals: the resource block goes, with the blank line after it.
  for (const op of ops) {
    if (op.op !== 'remove_node') continue;
    const at = declared.get(op.id);
    if (!at) continue;
    const text = sources[at.file]!;
    const [type, name] = at.address.split('.') as [string, string];
    const found = findResource(text, type, name);
    if (!found) {
      notes.push(`remove ${op.id}: resource block not found in ${at.file}`);
      continue;
    }
    let end = lineEnd(text, found.end);
    if (text[end] === '\n') end++;
    edit(at.file, lineStart(text, found.start), end, '');
  }

  // New resources: added nodes, and the companions an update needs (versioning for replication…).
  const fresh = plan.resources.filter(
    (r) =>
      r.known &&
      !rewrite.has(r.address) &&
      !declared.has(r.nodeId === r.address ? r.nodeId : '\u0000') &&
      !userHas(r.type, r.name) &&
      (r.change === 'added' || companionOfChange(r, updated.get(r.nodeId))),
  );
  const files = [...edits.keys()];
  const out: string[] = [];
  for (const file of [...edits.keys()].sort()) {
    const text = sources[file]!;
    let next = text;
    for (const e of edits.get(file)!.sort((a, b) => b.start - a.start))
      next = next.slice(0, e.start) + e.text + next.slice(e.end);
    out.push(unifiedDiff(file, text, next));
  }
  if (fresh.length) {
    const dir = mainDirectory(declared);
    const path = `${dir ? `${dir}/` : ''}archmap_${(graph.changeset?.scenario?.name ?? 'change').replace(/[^a-z0-9]+/gi, '_')}.tf`;
    if (sources[path] !== undefined)
      throw new UsageError(`${path} already exists`, { hint: 'remove it or apply the earlier patch first' });
    out.push(unifiedDiff(path, undefined, newFile(plan, fresh, fixRefs, userText, extraVariables)));
    files.push(path);
  }
  for (const op of ops)
    if (
      op.op === 'add_node' &&
      graph.node(op.node.id)?.service?.startsWith('aws_') &&
      !fresh.some((r) => r.nodeId === op.node.id) &&
      !userHas(...(op.node.id.split('.') as [string, string]))
    )
      notes.push(`add ${op.node.id}: no resource written`);
  return { patch: out.join(''), files: files.sort(), notes };
}

/**
 * A resource the template writes beside an updated one for a property it handles (S3 `versioning` →
 * `aws_s3_bucket_versioning`, `replication_configuration` → the replication resource and its role); the other
 * companions (encryption, public access block) are not part of the change.
 */
function companionOfChange(r: PlannedResource, keys: string[] | undefined): boolean {
  return (keys ?? []).some((k) => `${r.type} ${r.name}`.includes(k.split('_')[0]!));
}

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** The folder holding most of the user's declared resources: the root module the new file joins. */
function mainDirectory(declared: Map<string, { file: string }>): string {
  const counts = new Map<string, number>();
  for (const { file } of declared.values()) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function newFile(
  plan: ScaffoldPlan,
  fresh: PlannedResource[],
  fixRefs: (e: Expr) => Expr | undefined,
  userText: string,
  extraVariables: Map<string, PlannedVariable>,
): string {
  const items: BodyItem[] = [
    comment(`Written by archmap scaffold --patch: ${fresh.length} new resource(s) of the revised design.`),
    blank,
  ];
  const aliases = new Set<string>();
  for (const r of fresh) {
    // The user's default provider serves the primary region; other regions go through an alias.
    const [res] = resourceBlock(r).filter((i) => i.t === 'block');
    const comments = resourceBlock(r).filter((i) => i.t === 'comment');
    if (!res || res.t !== 'block') continue;
    let body = mapBody(res.body, fixRefs);
    if (r.region === plan.primaryRegion) {
      body = body.filter((i) => !(i.t === 'attr' && i.name === 'provider'));
      while (body[0]?.t === 'blank') body = body.slice(1);
    } else aliases.add(r.region);
    items.push(...comments, { ...res, body }, blank);
  }
  const text = printHcl(items);
  const head: BodyItem[] = [];
  for (const region of [...aliases].sort()) {
    const alias = regionAlias(region);
    if (new RegExp(`alias\\s*=\\s*"${alias}"`).test(userText)) continue;
    head.push(
      block('provider', [attr('alias', str(alias)), attr('region', str(region))], { labels: ['aws'] }),
      blank,
    );
  }
  const used = new Set([...text.matchAll(/\bvar\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!));
  const known = new Map([...plan.variables.map((v) => [v.name, v] as const), ...extraVariables]);
  for (const name of [...used].sort()) {
    if (new RegExp(`variable\\s+"${name}"\\s*\\{`).test(userText)) continue;
    const v = known.get(name);
    if (!v) continue;
    head.push(
      block(
        'variable',
        [
          attr('description', str(v.description)),
          attr('type', { t: 'keyword', v: v.type }),
          ...(v.default ? [attr('default', v.default)] : []),
        ],
        { labels: [name] },
      ),
      blank,
    );
  }
  return head.length ? `${printHcl(head).trimEnd()}\n\n${text}` : text;
}
