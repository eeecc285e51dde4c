// Terraform's JSON configuration syntax (`*.tf.json`, e.g. what CDKTF synthesises) into the same AST as HCL.
// Nested objects become object-valued attributes (the JSON syntax cannot tell blocks from maps without the
// provider schema); strings with `${…}` are parsed as templates.
import { type Node, parseTree } from 'jsonc-parser';
import { lineIndex } from '../../src/model/lines.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { type Attribute, type Block, type Body, type Expr, hclParser, parseTemplateSync } from './parse.js';

const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

function properties(node: Node | undefined): [string, Node, Node][] {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((p) => {
    const [k, v] = p.children ?? [];
    return k && v ? [[String(k.value), v, p] as [string, Node, Node]] : [];
  });
}

function stringExpr(s: string, reference: boolean): Expr {
  if (reference) return parseTemplateSync(`\${${s}}`) ?? { t: 'lit', v: s };
  if (!s.includes('${') && !s.includes('%{')) return { t: 'lit', v: s };
  return parseTemplateSync(s) ?? { t: 'lit', v: s };
}

function exprOf(node: Node, key: string): Expr {
  switch (node.type) {
    case 'string':
      return stringExpr(String(node.value), false);
    case 'number':
    case 'boolean':
      return { t: 'lit', v: node.value as number | boolean };
    case 'null':
      return { t: 'lit', v: null };
    case 'array':
      // depends_on lists bare references; everything else is ordinary values.
      return {
        t: 'tuple',
        items: (node.children ?? []).map((c) =>
          key === 'depends_on' && c.type === 'string' ? stringExpr(String(c.value), true) : exprOf(c, key),
        ),
      };
    case 'object':
      return {
        t: 'object',
        items: properties(node).map(([k, v]) => ({ key: { t: 'lit', v: k }, value: exprOf(v, k) })),
      };
    default:
      return { t: 'bad', text: '?' };
  }
}

function bodyOf(node: Node, lineAt: (o: number) => number): Body {
  const attrs: Attribute[] = properties(node).map(([name, v, p]) => ({
    name,
    expr: name === 'provider' && v.type === 'string' ? stringExpr(String(v.value), true) : exprOf(v, name),
    line: lineAt(p.offset),
  }));
  return { attrs, blocks: [] };
}

/**
 * Parses a `.tf.json` file into the HCL AST. Invalid JSON gives one diagnostic with file:line.
 * @example
 * const { body } = await parseTfJson('{"resource":{"aws_sqs_queue":{"q":{"name":"q"}}}}', 'main.tf.json');
 */
export async function parseTfJson(
  text: string,
  file: string,
): Promise<{ body: Body; diagnostics: Diagnostic[] }> {
  await hclParser();
  const lineAt = lineIndex(text);
  const errors: { offset: number }[] = [];
  const root = parseTree(text, errors as never[], { allowTrailingComma: false, disallowComments: true });
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [];
  if (errors.length || root?.type !== 'object') {
    diagnostics.push({
      severity: 'warning',
      code: 'hcl-syntax',
      analyzer: 'terraform',
      message: 'not valid Terraform JSON configuration',
      file,
      line: lineAt(errors[0]?.offset ?? 0),
      hint: 'a .tf.json file must hold one JSON object; fix it or rename it',
    });
    if (root?.type !== 'object') return { body: { attrs: [], blocks: [] }, diagnostics };
  }
  for (const [type, value] of properties(root)) {
    const depth = LABELS[type];
    if (depth === undefined) continue;
    const walk = (node: Node, labels: string[], at: Node): void => {
      if (labels.length === depth) {
        const bodies = node.type === 'array' ? (node.children ?? []) : [node];
        for (const b of bodies)
          if (b.type === 'object')
            blocks.push({ type, labels, body: bodyOf(b, lineAt), line: lineAt(at.offset) });
        return;
      }
      for (const [label, child, prop] of properties(node)) walk(child, [...labels, label], prop);
    };
    walk(value, [], value);
  }
  return { body: { attrs: [], blocks }, diagnostics };
}
