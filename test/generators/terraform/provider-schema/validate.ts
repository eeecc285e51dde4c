// Checks Terraform text against the pinned AWS provider schema: every resource/data type, argument and block
// exists and has the right form (argument vs block, list vs single value), every reference names an attribute
// the type exports, and every required argument or block is present.
import { type Block, type Body, type Expr, parseHcl } from '../../../../analyzers/terraform/parse.js';
import { type BlockSchema, providerSchema } from './schema.js';

export interface SchemaProblem {
  file: string;
  line: number;
  what: string;
}

const RESOURCE_META_ARGS = new Set(['count', 'for_each', 'provider', 'depends_on']);
const RESOURCE_META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const CORE_BLOCKS = new Set([
  'variable',
  'output',
  'locals',
  'terraform',
  'moved',
  'import',
  'removed',
  'check',
  'module',
]);

/** `aws_x.y.attr`, `aws_x.y[0].attr`, `data.aws_x.y.attr` → [type, attribute, isData]. */
function traversal(e: Expr): { root: string; steps: string[] } | undefined {
  const steps: string[] = [];
  let cur: Expr = e;
  for (let i = 0; i < 32; i++) {
    if (cur.t === 'get') {
      steps.unshift(cur.name);
      cur = cur.obj;
    } else if (cur.t === 'index') cur = cur.obj;
    else if (cur.t === 'scope') return { root: cur.name, steps };
    else return undefined;
  }
  return undefined;
}

function children(e: Expr): Expr[] {
  switch (e.t) {
    case 'tpl':
      return e.parts.filter(
        (p): p is Expr => typeof p === 'object' && 't' in p && p.t !== 'tif' && p.t !== 'tfor',
      );
    case 'get':
      return [e.obj];
    case 'index':
      return [e.obj, e.key];
    case 'splat':
      return [e.obj];
    case 'tuple':
      return e.items;
    case 'object':
      return e.items.flatMap((i) => [i.key, i.value]);
    case 'call':
      return e.args;
    case 'cond':
      return [e.cond, e.then, e.else];
    case 'bin':
      return [e.left, e.right];
    case 'un':
      return [e.operand];
    case 'for':
      return [e.coll, ...(e.keyExpr ? [e.keyExpr] : []), e.valueExpr, ...(e.cond ? [e.cond] : [])];
    default:
      return [];
  }
}

/** The longest reference chains of an expression (a `get` whose parent is not a `get`). */
function references(e: Expr, out: Array<{ root: string; steps: string[] }> = []) {
  const t = e.t === 'get' || e.t === 'index' ? traversal(e) : undefined;
  if (t) {
    out.push(t);
    if (e.t === 'index') references(e.key, out);
    return out;
  }
  for (const c of children(e)) references(c, out);
  return out;
}

/** Whether an expression certainly yields one value where the schema wants a list (or the reverse). */
function shapeProblem(e: Expr, want: 's' | 'l' | 'm'): string | undefined {
  const schema = providerSchema();
  if (want === 'l') {
    if (e.t === 'lit' && e.v !== null) return 'takes a list, not a single value';
    if (e.t === 'tpl') return 'takes a list, not a string';
    const t = traversal(e);
    if (t && t.steps.length === 2 && schema.resources[t.root]) {
      const kind = schema.resources[t.root]!.a[t.steps[1]!];
      if (kind === 's' || (!kind && ['id', 'arn', 'name'].includes(t.steps[1]!)))
        return `takes a list, not the single value ${t.root}.${t.steps.join('.')}`;
    }
  }
  if (want === 's' && e.t === 'tuple') return 'takes a single value, not a list';
  return undefined;
}

function checkBody(
  body: Body,
  schema: BlockSchema,
  where: string,
  file: string,
  top: boolean,
  problems: SchemaProblem[],
) {
  for (const a of body.attrs) {
    if (top && RESOURCE_META_ARGS.has(a.name)) continue;
    const kind = schema.a[a.name];
    if (!kind) {
      problems.push({
        file,
        line: a.line,
        what: schema.b[a.name]
          ? `${where}: ${a.name} is a block, written as an argument`
          : `${where}: no argument ${a.name}`,
      });
      continue;
    }
    const shape = shapeProblem(a.expr, kind);
    if (shape) problems.push({ file, line: a.line, what: `${where}: ${a.name} ${shape}` });
  }
  for (const b of body.blocks) {
    if (top && RESOURCE_META_BLOCKS.has(b.type)) continue;
    const name = b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type;
    const nested = schema.b[name];
    if (!nested) {
      problems.push({
        file,
        line: b.line,
        what: schema.a[name]
          ? `${where}: ${name} is an argument, written as a block`
          : `${where}: no block ${name}`,
      });
      continue;
    }
    const content = b.type === 'dynamic' ? b.body.blocks.find((c) => c.type === 'content')?.body : b.body;
    if (content) checkBody(content, nested, `${where}.${name}`, file, false, problems);
  }
  if (top)
    for (const r of schema.r ?? [])
      if (
        !body.attrs.some((a) => a.name === r) &&
        !body.blocks.some((b) => b.type === r || (b.type === 'dynamic' && b.labels[0] === r))
      )
        problems.push({
          file,
          line: 0,
          what: `${where}: required ${schema.a[r] ? 'argument' : 'block'} ${r} is missing`,
        });
}

function checkBlock(b: Block, file: string, problems: SchemaProblem[]) {
  const schema = providerSchema();
  if (b.type === 'resource' || b.type === 'data') {
    const type = b.labels[0] ?? '';
    if (!type.startsWith('aws_')) return;
    const table = b.type === 'resource' ? schema.resources : schema.data;
    const s = table[type];
    if (!s) {
      problems.push({
        file,
        line: b.line,
        what: `no ${b.type === 'resource' ? 'resource' : 'data source'} type ${type}`,
      });
      return;
    }
    checkBody(
      b.body,
      s,
      `${b.type === 'data' ? 'data.' : ''}${type}.${b.labels[1] ?? ''}`,
      file,
      true,
      problems,
    );
  } else if (b.type === 'provider' && b.labels[0] === 'aws') {
    const body: Body = { attrs: b.body.attrs.filter((a) => a.name !== 'alias'), blocks: b.body.blocks };
    checkBody(body, schema.provider, 'provider.aws', file, false, problems);
  } else if (!CORE_BLOCKS.has(b.type) && b.type !== 'provider') {
    problems.push({ file, line: b.line, what: `unknown top-level block ${b.type}` });
  }
}

function checkReferences(body: Body, file: string, problems: SchemaProblem[]) {
  const schema = providerSchema();
  const visit = (b: Body) => {
    for (const a of b.attrs)
      for (const r of references(a.expr)) {
        const isData = r.root === 'data';
        const type = isData ? r.steps[0] : r.root;
        const attribute = isData ? r.steps[2] : r.steps[1];
        if (!type?.startsWith('aws_') || !attribute) continue;
        const s = (isData ? schema.data : schema.resources)[type];
        if (!s) problems.push({ file, line: a.line, what: `reference to unknown type ${type}` });
        else if (!s.x?.includes(attribute) && !(attribute in s.a) && !(attribute in s.b))
          problems.push({ file, line: a.line, what: `${type} exports no attribute ${attribute}` });
      }
    for (const c of b.blocks) visit(c.body);
  };
  visit(body);
}

/** Every schema problem of one Terraform file. */
export async function validateTerraform(file: string, text: string): Promise<SchemaProblem[]> {
  const { body, diagnostics } = await parseHcl(text, file);
  const problems: SchemaProblem[] = diagnostics.map((d) => ({
    file,
    line: 0,
    what: `does not parse: ${d.message}`,
  }));
  for (const b of body.blocks) checkBlock(b, file, problems);
  checkReferences(body, file, problems);
  return problems;
}
