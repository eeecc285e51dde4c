// HCL text → a plain JSON AST (blocks, attributes, expression trees) via web-tree-sitter's terraform grammar.
// parseHcl(text, file) returns { body: Body, diagnostics: Diagnostic[] }; a Body is { attrs: Attribute[], blocks: Block[] },
// every Attribute/Block has a 1-based `line`. blocksAndAttributes(body) flattens it to plain JSON for differential tests.
import { createRequire } from 'node:module';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import type { Diagnostic } from '../../src/model/schema.js';

/** A template part: literal text, an interpolated expression, or a `%{if}` / `%{for}` directive. */
export type TemplatePart =
  | string
  | Expr
  | { t: 'tif'; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { t: 'tfor'; key?: string; value: string; coll: Expr; body: TemplatePart[] };

/** An HCL expression. exprText() renders it back to text for symbolic (unknown) values. */
export type Expr =
  | { t: 'lit'; v: string | number | boolean | null }
  | { t: 'tpl'; parts: TemplatePart[] }
  | { t: 'scope'; name: string }
  | { t: 'get'; obj: Expr; name: string }
  | { t: 'index'; obj: Expr; key: Expr }
  /** `obj[*].body`: `body` is evaluated per element with `{ t: 'it' }` bound to the element. */
  | { t: 'splat'; obj: Expr; body: Expr }
  | { t: 'it' }
  | { t: 'tuple'; items: Expr[] }
  | { t: 'object'; items: { key: Expr; value: Expr }[] }
  | { t: 'call'; name: string; args: Expr[]; expand: boolean }
  | { t: 'cond'; cond: Expr; then: Expr; else: Expr }
  | { t: 'bin'; op: string; left: Expr; right: Expr }
  | { t: 'un'; op: string; operand: Expr }
  | {
      t: 'for';
      object: boolean;
      key?: string;
      value: string;
      coll: Expr;
      keyExpr?: Expr;
      valueExpr: Expr;
      cond?: Expr;
      group: boolean;
    }
  | { t: 'bad'; text: string };

export interface Attribute {
  name: string;
  expr: Expr;
  line: number;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  line: number;
}

export interface Body {
  attrs: Attribute[];
  blocks: Block[];
}

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
}

let parserPromise: Promise<Parser> | undefined;
let loadedParser: Parser | undefined;

/** One Parser and Language per process: loading the WASM is the expensive part. */
export function hclParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json');
    const language = await Language.load(pkg.replace(/package\.json$/, 'tree-sitter-terraform.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    loadedParser = parser;
    return parser;
  })();
  return parserPromise;
}

const TOP_LEVEL =
  /^(resource|data|module|variable|output|locals|provider|terraform|moved|import|check|removed)\b/;

/**
 * Parses HCL. Syntax errors become diagnostics (file:line with a hint) and the blocks that still parse are kept.
 * @example
 * const { body, diagnostics } = await parseHcl('resource "aws_sqs_queue" "q" {}', 'main.tf');
 * body.blocks[0]?.labels // ['aws_sqs_queue', 'q']
 */
export async function parseHcl(source: string, file: string): Promise<ParseResult> {
  return parseWith(await hclParser(), source, file);
}

/** parseHcl for callers that cannot wait (a Terragrunt file named while evaluating); needs hclParser() loaded. */
export function parseHclSync(text: string, file: string): ParseResult | undefined {
  return loadedParser ? parseWith(loadedParser, text, file) : undefined;
}

/** The longest quoted string read as is; the grammar costs ~5 µs and ~300 bytes per string character. */
export const MAX_STRING_CHARS = 64 * 1024;

/**
 * Replaces the content of quoted strings longer than MAX_STRING_CHARS (single-line, no interpolation) by a short
 * placeholder, so that a 10 MB string costs milliseconds, not a minute and gigabytes. Lines keep their numbers.
 */
function elideLongStrings(text: string, file: string): { text: string; elided: Diagnostic[] } {
  if (text.length <= MAX_STRING_CHARS) return { text, elided: [] };
  const elided: Diagnostic[] = [];
  const parts: string[] = [];
  let last = 0;
  let line = 1;
  let lineCounted = 0;
  for (let i = text.indexOf('"'); i >= 0 && i < text.length; ) {
    let j = i + 1;
    let plain = true;
    while (j < text.length && text[j] !== '"' && text[j] !== '\n') {
      if (text[j] === '\\') j++;
      else if ((text[j] === '$' || text[j] === '%') && text[j + 1] === '{') plain = false;
      j++;
    }
    if (j >= text.length || text[j] !== '"') {
      i = text.indexOf('"', j);
      continue;
    }
    if (plain && j - i - 1 > MAX_STRING_CHARS) {
      for (let k = lineCounted; k < i; k++) if (text.charCodeAt(k) === 10) line++;
      lineCounted = i;
      parts.push(text.slice(last, i + 1), `<string of ${j - i - 1} characters not read>`);
      last = j;
      elided.push({
        severity: 'warning',
        code: 'long-string',
        analyzer: 'terraform',
        message: `a quoted string of ${((j - i - 1) / 1024 / 1024).toFixed(1)} MB was not read (over ${MAX_STRING_CHARS / 1024} KB)`,
        file,
        line,
        hint: 'move large content into a file and read it with file()',
      });
    }
    i = text.indexOf('"', j + 1);
  }
  if (elided.length === 0) return { text, elided };
  parts.push(text.slice(last));
  return { text: parts.join(''), elided };
}

function parseWith(parser: Parser, source: string, file: string): ParseResult {
  const { text, elided } = elideLongStrings(source, file);
  const result = parseTree(parser, text, file);
  if (elided.length > 0) result.diagnostics.unshift(...elided);
  return result;
}

function parseTree(parser: Parser, text: string, file: string): ParseResult {
  const tree = parser.parse(text);
  if (!tree) return { body: { attrs: [], blocks: [] }, diagnostics: [] };
  try {
    const cursor = tree.walk();
    const converter = new Converter(text, cursor);
    if (!tree.rootNode.hasError) {
      try {
        return { body: converter.configFile(), diagnostics: [] };
      } catch (error) {
        // A pathologically deep expression (thousands of nested operators) must not take the file down:
        // read block by block, and only the deep block is lost.
        if (!(error instanceof RangeError)) throw error;
        return salvage(parser, text, file);
      } finally {
        cursor.delete();
      }
    }
    const whole = findErrors(cursor, text, file);
    cursor.delete();
    const salvaged = salvage(parser, text, file);
    return { body: salvaged.body, diagnostics: salvaged.diagnostics.length ? salvaged.diagnostics : whole };
  } finally {
    tree.delete();
  }
}

/**
 * Parses a template file's text (templatefile) as a template expression. Needs hclParser() to have loaded.
 * @example
 * parseTemplateSync('Hello ${name}') // { t: 'tpl', parts: ['Hello ', { t: 'scope', … }], … }
 */
export function parseTemplateSync(text: string): Expr | undefined {
  if (!loadedParser) return undefined;
  const marker = 'ARCHMAP_TEMPLATE_END';
  if (text.includes(marker)) return undefined;
  const src = `t = <<${marker}\n${text}\n${marker}\n`;
  const tree = loadedParser.parse(src);
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    const cursor = tree.walk();
    const body = new Converter(src, cursor).configFile();
    cursor.delete();
    const expr = body.attrs[0]?.expr;
    // The heredoc adds the newline before the end marker; the file did not have it.
    if (expr?.t === 'tpl') {
      const last = expr.parts[expr.parts.length - 1];
      if (typeof last === 'string') expr.parts[expr.parts.length - 1] = last.replace(/\n$/, '');
    }
    return expr;
  } finally {
    tree.delete();
  }
}

/** Re-parses each top-level block on its own, so that one broken block does not take the file down. */
function salvage(parser: Parser, text: string, file: string): ParseResult {
  const lines = text.split('\n');
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (TOP_LEVEL.test(l)) starts.push(i);
  });
  const body: Body = { attrs: [], blocks: [] };
  const diagnostics: Diagnostic[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = starts[k + 1] ?? lines.length;
    // Blank lines in front keep line numbers right.
    const chunk = '\n'.repeat(from) + lines.slice(from, to).join('\n');
    const tree = parser.parse(chunk);
    if (!tree) continue;
    const cursor = tree.walk();
    if (!tree.rootNode.hasError) {
      try {
        const part = new Converter(chunk, cursor).configFile();
        body.blocks.push(...part.blocks);
        body.attrs.push(...part.attrs);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        diagnostics.push({
          severity: 'warning',
          code: 'hcl-too-deep',
          analyzer: 'terraform',
          message: `expressions nest too deeply to read in ${lines[from]!.replace(/\s*\{?\s*$/, '').trim()}; that block was skipped`,
          file,
          line: from + 1,
          hint: 'split the expression into locals',
        });
      }
    } else {
      const found = findErrors(cursor, chunk, file)[0];
      const header = lines[from]!.replace(/\s*\{?\s*$/, '').trim();
      if (found)
        diagnostics.push({
          ...found,
          line: from + 1,
          message: `${found.message} (near line ${found.line}) in ${header}; that block was skipped`,
        });
    }
    cursor.delete();
    tree.delete();
  }
  return { body, diagnostics };
}

/** Readable names for the grammar's tokens in "missing …" messages. */
const TOKEN_NAMES: Record<string, string> = {
  quoted_template_end: 'closing quote (unterminated string)',
  quoted_template_start: 'opening quote',
  block_end: '"}" closing the block',
  block_start: '"{" opening the block',
  object_end: '"}" closing the object',
  tuple_end: '"]" closing the list',
  heredoc_identifier: 'heredoc end marker (unterminated heredoc)',
  template_interpolation_end: '"}" closing an interpolation',
  identifier: 'a name',
  expression: 'a value',
};

function findErrors(cursor: TreeCursor, text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (): void => {
    if (out.length >= 5) return;
    const type = cursor.nodeType;
    if (type === 'ERROR' || cursor.nodeIsMissing) {
      const line = cursor.startPosition.row + 1;
      const snippet = text.slice(cursor.startIndex, Math.min(cursor.endIndex, cursor.startIndex + 40));
      const what = cursor.nodeIsMissing
        ? `missing ${TOKEN_NAMES[type] ?? JSON.stringify(type)}`
        : `unexpected ${JSON.stringify(snippet.split('\n')[0]?.trim() || snippet.trim())}`;
      out.push({
        severity: 'warning',
        code: 'hcl-syntax',
        analyzer: 'terraform',
        message: `syntax error: ${what}`,
        file,
        line,
        hint: 'run `terraform validate`; blocks that still parse were analysed',
      });
      return;
    }
    if (cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
  };
  visit();
  if (out.length === 0) {
    out.push({
      severity: 'warning',
      code: 'hcl-syntax',
      analyzer: 'terraform',
      message: 'syntax error',
      file,
      line: 1,
      hint: 'run `terraform validate`; blocks that still parse were analysed',
    });
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(s: string): string {
  if (!s.includes('\\') && !s.includes('$${') && !s.includes('%%{')) return s;
  return s
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, c: string) => {
      if (c.length > 1) return String.fromCodePoint(Number.parseInt(c.slice(1), 16));
      return ESCAPES[c] ?? m;
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/** Node type names and named-ness by type id, per language: one WASM call per node instead of two. */
let typeTables: { names: string[]; named: boolean[] } | undefined;

function tables(cursor: TreeCursor): { names: string[]; named: boolean[] } {
  if (typeTables) return typeTables;
  const language = (cursor as unknown as { tree: { language: Language } }).tree.language;
  const names: string[] = [];
  const named: boolean[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    names.push(language.nodeTypeForId(id) ?? 'ERROR');
    named.push(language.nodeTypeIsNamed(id));
  }
  typeTables = { names, named };
  return typeTables;
}

/**
 * Walks the concrete tree once with a cursor and builds the plain AST. Every cursor access crosses into WASM,
 * so it reads each node's type once and slices source text only for names, literals and attributes.
 */
class Converter {
  private readonly names: string[];
  private readonly named: boolean[];

  constructor(
    private readonly text: string,
    private readonly c: TreeCursor,
  ) {
    const t = tables(c);
    this.names = t.names;
    this.named = t.named;
  }

  private src(): string {
    return this.text.slice(this.c.startIndex, this.c.endIndex);
  }

  /** Calls fn on each child of the current node (anonymous tokens too when `all`). */
  private children(fn: (type: string, named: boolean) => void, all = false): void {
    const c = this.c;
    if (!c.gotoFirstChild()) return;
    do {
      const id = c.nodeTypeId;
      const named = this.named[id] ?? true;
      if (all || named) {
        const type = this.names[id] ?? 'ERROR';
        if (type !== 'comment') fn(type, named);
      }
    } while (c.gotoNextSibling());
    c.gotoParent();
  }

  configFile(): Body {
    let body: Body = { attrs: [], blocks: [] };
    this.children((type) => {
      if (type === 'body') body = this.body();
    });
    return body;
  }

  body(): Body {
    const body: Body = { attrs: [], blocks: [] };
    this.children((type) => {
      if (type === 'attribute') {
        const attr = this.attribute();
        if (attr) body.attrs.push(attr);
      } else if (type === 'block') body.blocks.push(this.block());
    });
    return body;
  }

  attribute(): Attribute | undefined {
    const line = this.c.startPosition.row + 1;
    let name = '';
    let expr: Expr | undefined;
    this.children((type) => {
      if (type === 'identifier') name = this.src();
      else if (type === 'expression') expr = this.expression();
    });
    return expr ? { name, expr, line } : undefined;
  }

  block(): Block {
    const line = this.c.startPosition.row + 1;
    let type = '';
    const labels: string[] = [];
    let body: Body = { attrs: [], blocks: [] };
    this.children((t) => {
      if (t === 'identifier') {
        if (type) labels.push(this.src());
        else type = this.src();
      } else if (t === 'string_lit') labels.push(unescapeQuoted(this.src().slice(1, -1)));
      else if (t === 'body') body = this.body();
    });
    return { type, labels, body, line };
  }

  /** An `expression` node: a primary followed by traversals (get_attr, index, splat). */
  expression(): Expr {
    let expr: Expr | undefined;
    this.children((type) => {
      expr = expr === undefined ? this.primary(type) : this.traversal(type, expr);
    });
    return expr ?? { t: 'bad', text: this.src() };
  }

  private traversal(type: string, obj: Expr): Expr {
    if (type === 'get_attr') {
      // `.name` (comments cannot sit inside a traversal): slicing beats descending to the identifier.
      return { t: 'get', obj, name: this.src().slice(1).trim() };
    }
    if (type === 'index') {
      let key: Expr | undefined;
      this.children((t) => {
        if (t === 'new_index') {
          this.children((u) => {
            if (u === 'expression') key = this.expression();
          });
        } else if (t === 'legacy_index') key = { t: 'lit', v: Number(this.src().slice(1)) };
      });
      return key ? { t: 'index', obj, key } : { t: 'bad', text: this.src() };
    }
    if (type === 'splat') {
      let body: Expr = { t: 'it' };
      this.children(() => {
        // attr_splat / full_splat: the traversals after `*` apply to each element.
        this.children((u) => {
          body = this.traversal(u, body);
        });
      });
      return { t: 'splat', obj, body };
    }
    return { t: 'bad', text: this.src() };
  }

  private primary(type: string): Expr {
    switch (type) {
      case 'expression':
        return this.expression();
      case 'literal_value': {
        // The literal's own text says what it is; no need to descend.
        const s = this.src();
        if (s.startsWith('"')) return { t: 'lit', v: unescapeQuoted(s.slice(1, -1)) };
        if (s === 'true' || s === 'false') return { t: 'lit', v: s === 'true' };
        if (s === 'null') return { t: 'lit', v: null };
        const n = Number(s);
        return Number.isNaN(n) ? { t: 'bad', text: s } : { t: 'lit', v: n };
      }
      case 'variable_expr':
        return { t: 'scope', name: this.src() };
      case 'collection_value': {
        let out: Expr | undefined;
        this.children((t) => {
          if (t === 'tuple') out = this.tuple();
          else if (t === 'object') out = this.object();
        });
        return out ?? { t: 'bad', text: this.src() };
      }
      case 'template_expr': {
        let out: Expr | undefined;
        this.children((t) => {
          if (t === 'quoted_template') out = this.template(false);
          else if (t === 'heredoc_template') out = this.template(true);
        });
        return out ?? { t: 'bad', text: this.src() };
      }
      case 'function_call':
        return this.call();
      case 'conditional': {
        const parts: Expr[] = [];
        this.children((t) => {
          if (t === 'expression') parts.push(this.expression());
        });
        const [cond, then, els] = parts;
        if (!cond || !then || !els) return { t: 'bad', text: this.src() };
        return { t: 'cond', cond, then, else: els };
      }
      case 'operation': {
        let out: Expr | undefined;
        this.children((t) => {
          out = this.operation(t);
        });
        return out ?? { t: 'bad', text: this.src() };
      }
      case 'for_expr': {
        let out: Expr | undefined;
        this.children((t) => {
          out = this.forExpr(t === 'for_object_expr');
        });
        return out ?? { t: 'bad', text: this.src() };
      }
      default:
        return { t: 'bad', text: this.src() };
    }
  }

  private operand(type: string): Expr {
    if (type === 'operation') {
      let out: Expr | undefined;
      this.children((t) => {
        out = this.operation(t);
      });
      return out ?? { t: 'bad', text: this.src() };
    }
    return this.primary(type);
  }

  private operation(type: string): Expr {
    const operands: Expr[] = [];
    let op = '';
    this.children((t, named) => {
      if (!named) {
        if (t !== '(' && t !== ')') op = t;
        return;
      }
      const last = operands.length - 1;
      // Operands are flattened: `var.a.b + 1` is variable_expr, get_attr, get_attr, +, literal_value.
      if (last >= 0 && (t === 'get_attr' || t === 'index' || t === 'splat')) {
        operands[last] = this.traversal(t, operands[last]!);
        return;
      }
      operands.push(this.operand(t));
    }, true);
    if (type === 'unary_operation' && operands[0]) return { t: 'un', op, operand: operands[0] };
    if (type === 'binary_operation' && operands[0] && operands[1])
      return { t: 'bin', op, left: operands[0], right: operands[1] };
    return { t: 'bad', text: this.src() };
  }

  private tuple(): Expr {
    const items: Expr[] = [];
    this.children((t) => {
      if (t === 'expression') items.push(this.expression());
    });
    return { t: 'tuple', items };
  }

  private object(): Expr {
    const items: { key: Expr; value: Expr }[] = [];
    this.children((t) => {
      if (t !== 'object_elem') return;
      // An object_elem holds the key expression, then the value expression.
      const pair: Expr[] = [];
      this.children((u) => {
        if (u === 'expression') pair.push(this.expression());
      });
      const [key, value] = pair;
      if (key && value) items.push({ key: key.t === 'scope' ? { t: 'lit', v: key.name } : key, value });
    });
    return { t: 'object', items };
  }

  private call(): Expr {
    let name = '';
    const args: Expr[] = [];
    let expand = false;
    this.children((t) => {
      if (t === 'identifier') name = this.src();
      else if (t === 'function_arguments') {
        this.children((u) => {
          if (u === 'expression') args.push(this.expression());
          else if (u === 'ellipsis') expand = true;
        });
      }
    });
    return { t: 'call', name, args, expand };
  }

  private forExpr(object: boolean): Expr {
    const names: string[] = [];
    let coll: Expr | undefined;
    const exprs: Expr[] = [];
    let cond: Expr | undefined;
    let group = false;
    this.children((t) => {
      if (t === 'for_intro') {
        this.children((u) => {
          if (u === 'identifier') names.push(this.src());
          else if (u === 'expression') coll = this.expression();
        });
      } else if (t === 'expression') exprs.push(this.expression());
      else if (t === 'for_cond') {
        this.children((u) => {
          if (u === 'expression') cond = this.expression();
        });
      } else if (t === 'ellipsis') group = true;
    });
    const value = names.length > 1 ? names[1]! : names[0];
    const key = names.length > 1 ? names[0] : undefined;
    const valueExpr = object ? exprs[1] : exprs[0];
    if (!coll || !value || !valueExpr) return { t: 'bad', text: this.src() };
    return {
      t: 'for',
      object,
      ...(key !== undefined ? { key } : {}),
      value,
      coll,
      ...(object && exprs[0] ? { keyExpr: exprs[0] } : {}),
      valueExpr,
      ...(cond ? { cond } : {}),
      group,
    };
  }

  private template(heredoc: boolean): Expr {
    const c = this.c;
    let strip = false;
    let pos = -1;
    let to = -1;
    const parts: TemplatePart[] = [];
    // Literal text is what lies between the delimiters and the interpolations/directives (whitespace included),
    // read in the same pass as the interpolations.
    const literal = (end: number) => {
      if (pos >= 0 && end > pos) {
        const raw = this.text.slice(pos, end);
        parts.push(heredoc ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescapeQuoted(raw));
      }
    };
    this.children((t) => {
      if (t === 'template_interpolation' || t === 'template_directive') {
        const start = c.startIndex;
        if (pos < 0) pos = start;
        literal(start);
        const end = c.endIndex;
        this.children((u) => {
          if (t === 'template_interpolation') {
            if (u === 'expression') parts.push(this.expression());
          } else {
            const d = u === 'template_if' ? this.templateIf(heredoc) : this.templateFor(heredoc);
            if (d) parts.push(d);
          }
        });
        pos = end;
      } else if (t === 'quoted_template_start') pos = c.endIndex;
      else if (t === 'quoted_template_end') to = c.startIndex;
      else if (t === 'heredoc_start') strip = this.src().startsWith('<<-');
      else if (t === 'heredoc_identifier') {
        if (pos < 0) {
          const after = c.endIndex;
          const nl = this.text.indexOf('\n', after);
          pos = nl < 0 ? after : nl + 1;
        } else to = this.text.lastIndexOf('\n', c.startIndex - 1) + 1;
      }
    });
    if (to >= 0) literal(to);
    return { t: 'tpl', parts: heredoc && strip ? stripIndent(parts) : parts };
  }

  /** Template parts of the current node's children in [from, to), with the literal gaps between them. */
  private partsBetween(from: number, to: number, heredoc: boolean): TemplatePart[] {
    const parts: TemplatePart[] = [];
    const c = this.c;
    let pos = from;
    const literal = (end: number) => {
      if (end > pos) {
        const raw = this.text.slice(pos, end);
        parts.push(heredoc ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescapeQuoted(raw));
      }
    };
    this.children((t) => {
      if (t !== 'template_interpolation' && t !== 'template_directive') return;
      const start = c.startIndex;
      if (start < from || start >= to) return;
      literal(start);
      const end = c.endIndex;
      this.children((u) => {
        if (t === 'template_interpolation') {
          if (u === 'expression') parts.push(this.expression());
        } else {
          const d = u === 'template_if' ? this.templateIf(heredoc) : this.templateFor(heredoc);
          if (d) parts.push(d);
        }
      });
      pos = end;
    });
    literal(to);
    return parts;
  }

  private templateIf(heredoc: boolean): TemplatePart | undefined {
    const c = this.c;
    let cond: Expr | undefined;
    let thenFrom = -1;
    let elseFrom = -1;
    let thenTo = -1;
    let end = -1;
    this.children((t) => {
      if (t === 'template_if_intro') {
        thenFrom = c.endIndex;
        this.children((u) => {
          if (u === 'expression') cond = this.expression();
        });
      } else if (t === 'template_else_intro') {
        thenTo = c.startIndex;
        elseFrom = c.endIndex;
      } else if (t === 'template_if_end') end = c.startIndex;
    });
    if (!cond || thenFrom < 0) return undefined;
    if (end < 0) end = c.endIndex;
    const then = this.partsBetween(thenFrom, thenTo >= 0 ? thenTo : end, heredoc);
    const els = elseFrom >= 0 ? this.partsBetween(elseFrom, end, heredoc) : [];
    return { t: 'tif', cond, then, else: els };
  }

  private templateFor(heredoc: boolean): TemplatePart | undefined {
    const c = this.c;
    const names: string[] = [];
    let coll: Expr | undefined;
    let from = -1;
    let end = -1;
    this.children((t) => {
      if (t === 'template_for_start') {
        from = c.endIndex;
        this.children((u) => {
          if (u === 'identifier') names.push(this.src());
          else if (u === 'expression') coll = this.expression();
        });
      } else if (t === 'template_for_end') end = c.startIndex;
    });
    const value = names.length > 1 ? names[1] : names[0];
    if (!coll || !value || from < 0) return undefined;
    if (end < 0) end = c.endIndex;
    const body = this.partsBetween(from, end, heredoc);
    return { t: 'tfor', ...(names.length > 1 ? { key: names[0]! } : {}), value, coll, body };
  }
}

const exprTexts = new WeakMap<Expr, string>();

/**
 * An expression rendered back to HCL text (for symbolic values like `${aws_sqs_queue.q.url}`).
 * @example
 * exprText({ t: 'get', obj: { t: 'scope', name: 'var' }, name: 'region' }) // 'var.region'
 */
export function exprText(e: Expr): string {
  const hit = exprTexts.get(e);
  if (hit !== undefined) return hit;
  let s: string;
  switch (e.t) {
    case 'lit':
      s = typeof e.v === 'string' ? JSON.stringify(e.v) : String(e.v);
      break;
    case 'tpl':
      s = `"${e.parts.map(partText).join('')}"`;
      break;
    case 'scope':
      s = e.name;
      break;
    case 'get':
      s = `${exprText(e.obj)}.${e.name}`;
      break;
    case 'index':
      s = `${exprText(e.obj)}[${exprText(e.key)}]`;
      break;
    case 'splat':
      s = `${exprText(e.obj)}[*]${exprText(e.body)}`;
      break;
    case 'it':
      s = '';
      break;
    case 'tuple':
      s = `[${e.items.map(exprText).join(', ')}]`;
      break;
    case 'object':
      s = `{ ${e.items.map((i) => `${exprText(i.key)} = ${exprText(i.value)}`).join(', ')} }`;
      break;
    case 'call':
      s = `${e.name}(${e.args.map(exprText).join(', ')}${e.expand ? '...' : ''})`;
      break;
    case 'cond':
      s = `${exprText(e.cond)} ? ${exprText(e.then)} : ${exprText(e.else)}`;
      break;
    case 'bin':
      s = `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
      break;
    case 'un':
      s = `${e.op}${exprText(e.operand)}`;
      break;
    case 'for': {
      const intro = `for ${e.key ? `${e.key}, ` : ''}${e.value} in ${exprText(e.coll)} : `;
      const body = e.object
        ? `${exprText(e.keyExpr ?? { t: 'it' })} => ${exprText(e.valueExpr)}${e.group ? '...' : ''}`
        : exprText(e.valueExpr);
      const cond = e.cond ? ` if ${exprText(e.cond)}` : '';
      s = e.object ? `{ ${intro}${body}${cond} }` : `[${intro}${body}${cond}]`;
      break;
    }
    case 'bad':
      s = e.text;
      break;
  }
  exprTexts.set(e, s);
  return s;
}

function partText(p: TemplatePart): string {
  if (typeof p === 'string') return p.replace(/\$\{/g, '$${').replace(/"/g, '\\"');
  if (p.t === 'tif') return `%{ if ${exprText(p.cond)} }${p.then.map(partText).join('')}%{ endif }`;
  if (p.t === 'tfor')
    return `%{ for ${p.key ? `${p.key}, ` : ''}${p.value} in ${exprText(p.coll)} }${p.body.map(partText).join('')}%{ endfor }`;
  return `\${${exprText(p)}}`;
}

/** `<<-EOT` heredocs drop the common leading whitespace of their lines. */
function stripIndent(parts: TemplatePart[]): TemplatePart[] {
  const joined = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const indents = joined
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  if (n === 0) return parts;
  const re = new RegExp(`(\\n|^)[ \\t]{0,${n}}`, 'g');
  return parts.map((p, i) => {
    if (typeof p !== 'string') return p;
    // Only the first part starts a line; later parts start right after an interpolation.
    const out = p.replace(re, (m, nl: string, offset: number) =>
      offset === 0 && i > 0 && nl === '' ? m : nl,
    );
    return out;
  });
}

/** A literal expression as JSON, or undefined when it needs evaluation. */
export function literalValue(expr: Expr): unknown {
  switch (expr.t) {
    case 'lit':
      return expr.v;
    case 'tpl':
      return expr.parts.every((p) => typeof p === 'string') ? expr.parts.join('') : undefined;
    case 'tuple': {
      const items = expr.items.map(literalValue);
      return items.includes(undefined) ? undefined : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of expr.items) {
        const k = literalValue(key);
        const v = literalValue(value);
        if (typeof k !== 'string' || v === undefined) return undefined;
        out[k] = v;
      }
      return out;
    }
    case 'un':
      if (expr.op === '-' && expr.operand.t === 'lit' && typeof expr.operand.v === 'number')
        return -expr.operand.v;
      return undefined;
    default:
      return undefined;
  }
}

export interface PlainBlock {
  type: string;
  labels: string[];
  line: number;
  /** Attribute name → its literal JSON value when it has one; `text` is the expression rendered back to HCL. */
  attributes: Record<string, { line: number; value?: unknown; text: string }>;
  blocks: PlainBlock[];
}

/**
 * The blocks and attributes of a parsed body as plain JSON (for differential tests against hcl2json).
 * @example
 * blocksAndAttributes((await parseHcl(text, 'main.tf')).body)[0]?.attributes.name?.value
 */
export function blocksAndAttributes(body: Body): PlainBlock[] {
  return body.blocks.map((b) => ({
    type: b.type,
    labels: b.labels,
    line: b.line,
    attributes: attributesOf(b.body),
    blocks: blocksAndAttributes(b.body),
  }));
}

/** Top-level attributes (tfvars files) as plain JSON. */
export function attributesOf(body: Body): PlainBlock['attributes'] {
  const out: PlainBlock['attributes'] = {};
  for (const a of body.attrs) {
    const value = literalValue(a.expr);
    out[a.name] = { line: a.line, ...(value !== undefined ? { value } : {}), text: exprText(a.expr) };
  }
  return out;
}
