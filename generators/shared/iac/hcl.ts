// A small HCL syntax model and a printer whose output is byte-identical to `terraform fmt`.
// The terraform generator builds this model; the cdktf generator renders the same model as TypeScript.

/** An expression. `ref` points at another generated resource by address, never at a hard-coded id. */
export type Expr =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'ref'; to: string; attr: string }
  | { t: 'var'; name: string }
  | { t: 'tpl'; parts: Array<string | Expr> }
  | { t: 'list'; items: Expr[] }
  | { t: 'map'; entries: Array<[string, Expr]> }
  | { t: 'call'; fn: string; args: Expr[] }
  | { t: 'each'; attr: 'key' | 'value' }
  | { t: 'count_index' }
  /** Provider configuration reference like `aws.eu_west_1` (meta-arguments only). */
  | { t: 'provider'; alias: string }
  /** A bare keyword such as a variable's type constraint (`string`, `list(string)`). */
  | { t: 'keyword'; v: string };

export type BodyItem =
  | { t: 'attr'; name: string; value: Expr }
  /** `repeated` marks a block type that may appear several times (a list in CDKTF, an object otherwise). */
  | { t: 'block'; type: string; labels: string[]; body: BodyItem[]; repeated?: boolean }
  | { t: 'comment'; text: string }
  | { t: 'blank' };

// Constructors, so that templates read like HCL.
export const str = (v: string): Expr => ({ t: 'str', v });
export const num = (v: number): Expr => ({ t: 'num', v });
export const bool = (v: boolean): Expr => ({ t: 'bool', v });
export const ref = (to: string, attr: string): Expr => ({ t: 'ref', to, attr });
export const variable = (name: string): Expr => ({ t: 'var', name });
export const list = (items: Expr[]): Expr => ({ t: 'list', items });
export const map = (entries: Array<[string, Expr]>): Expr => ({ t: 'map', entries });
export const call = (fn: string, ...args: Expr[]): Expr => ({ t: 'call', fn, args });
export const tpl = (...parts: Array<string | Expr>): Expr => ({ t: 'tpl', parts });
export const attr = (name: string, value: Expr): BodyItem => ({ t: 'attr', name, value });
export const comment = (text: string): BodyItem => ({ t: 'comment', text });
export const blank: BodyItem = { t: 'blank' };
export function block(type: string, body: BodyItem[], opts: { labels?: string[]; repeated?: boolean } = {}) {
  const item: BodyItem = { t: 'block', type, labels: opts.labels ?? [], body };
  if (opts.repeated) item.repeated = true;
  return item;
}

/** A line of output. `key` is set on single-line assignments, which `terraform fmt` aligns on `=`. */
interface Line {
  indent: number;
  text: string;
  key?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_INLINE = 100;

/** Escapes a literal for a quoted HCL string, including template sequences. */
export function escapeString(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$$$${')
    .replace(/%\{/g, '%%{');
}

export function isMultiline(e: Expr): boolean {
  if (e.t === 'map') return e.entries.length > 0;
  if (e.t === 'list') return e.items.some(isMultiline) || inlineLength(e) > MAX_INLINE;
  if (e.t === 'call') return e.args.some(isMultiline);
  return false;
}

function inlineLength(e: Expr): number {
  return e.t === 'list' ? 2 + e.items.reduce((n, i) => n + inline(i).length + 2, 0) : inline(e).length;
}

/** Renders an expression that fits on one line. */
export function inline(e: Expr): string {
  switch (e.t) {
    case 'str':
      return `"${escapeString(e.v)}"`;
    case 'num':
      return String(e.v);
    case 'bool':
      return String(e.v);
    case 'null':
      return 'null';
    case 'ref':
      return `${e.to}.${e.attr}`;
    case 'var':
      return `var.${e.name}`;
    case 'tpl': {
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return inline(e.parts[0]!);
      return `"${e.parts.map((p) => (typeof p === 'string' ? escapeString(p) : `\${${inline(p)}}`)).join('')}"`;
    }
    case 'list':
      return `[${e.items.map(inline).join(', ')}]`;
    case 'map':
      return e.entries.length === 0
        ? '{}'
        : `{ ${e.entries.map(([k, v]) => `${key(k)} = ${inline(v)}`).join(', ')} }`;
    case 'call':
      return `${e.fn}(${e.args.map(inline).join(', ')})`;
    case 'each':
      return `each.${e.attr}`;
    case 'count_index':
      return 'count.index';
    case 'provider':
      return `aws.${e.alias}`;
    case 'keyword':
      return e.v;
  }
}

function key(k: string): string {
  return IDENT.test(k) ? k : `"${escapeString(k)}"`;
}

/**
 * Renders `prefix<value>` where the value may span lines. The first returned line carries the prefix;
 * a single-line assignment keeps `key` so that alignment can be applied afterwards.
 */
function valueLines(
  indent: number,
  prefix: string,
  assignKey: string | undefined,
  e: Expr,
  suffix = '',
): Line[] {
  if (!isMultiline(e)) {
    const line: Line = { indent, text: `${prefix}${inline(e)}${suffix}` };
    if (assignKey !== undefined) line.key = assignKey;
    return line.key !== undefined ? [{ ...line, text: `${inline(e)}${suffix}` }] : [line];
  }
  const head = assignKey !== undefined ? `${assignKey} = ` : prefix;
  if (e.t === 'map') {
    return [
      { indent, text: `${head}{` },
      ...e.entries.flatMap(([k, v]) => valueLines(indent + 1, '', key(k), v)),
      { indent, text: `}${suffix}` },
    ];
  }
  if (e.t === 'list') {
    return [
      { indent, text: `${head}[` },
      ...e.items.flatMap((item) => valueLines(indent + 1, '', undefined, item, ',')),
      { indent, text: `]${suffix}` },
    ];
  }
  if (e.t === 'call') {
    // Only the common shape `fn(x, y, { ... })` is printed across lines: the last argument opens the block.
    const lead = e.args.slice(0, -1).map(inline);
    const last = e.args[e.args.length - 1]!;
    const open = `${head}${e.fn}(${lead.map((a) => `${a}, `).join('')}`;
    const inner = valueLines(indent, open, undefined, last, `)${suffix}`);
    return inner;
  }
  return [{ indent, text: `${head}${inline(e)}${suffix}` }];
}

function bodyLines(items: BodyItem[], indent: number): Line[] {
  const out: Line[] = [];
  for (const item of items) {
    switch (item.t) {
      case 'attr':
        out.push(...valueLines(indent, '', item.name, item.value));
        break;
      case 'block': {
        const labels = item.labels.map((l) => ` "${escapeString(l)}"`).join('');
        if (item.body.length === 0) out.push({ indent, text: `${item.type}${labels} {}` });
        else {
          out.push({ indent, text: `${item.type}${labels} {` });
          out.push(...bodyLines(item.body, indent + 1));
          out.push({ indent, text: '}' });
        }
        break;
      }
      case 'comment':
        for (const text of item.text.split('\n')) out.push({ indent, text: text ? `# ${text}` : '#' });
        break;
      case 'blank':
        out.push({ indent: 0, text: '' });
        break;
    }
  }
  return out;
}

/** Aligns `=` across runs of consecutive single-line assignments, as hclwrite's formatter does. */
function align(lines: Line[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.key === undefined) {
      const l = lines[i]!;
      out.push(l.text ? `${'  '.repeat(l.indent)}${l.text}` : '');
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.key !== undefined) j++;
    const width = Math.max(...lines.slice(i, j).map((l) => l.indent * 2 + l.key!.length));
    for (const l of lines.slice(i, j)) {
      const lead = `${'  '.repeat(l.indent)}${l.key}`;
      out.push(`${lead.padEnd(width)} = ${l.text}`);
    }
    i = j;
  }
  return out;
}

/** Prints top-level items (blocks, comments, blank lines) as a `.tf` file in `terraform fmt` style. */
export function printHcl(items: BodyItem[]): string {
  // Collapse runs of blank lines and trim them at both ends, as fmt leaves them.
  const cleaned: BodyItem[] = [];
  for (const item of items) {
    if (item.t === 'blank' && (cleaned.length === 0 || cleaned[cleaned.length - 1]!.t === 'blank')) continue;
    cleaned.push(item);
  }
  while (cleaned.length && cleaned[cleaned.length - 1]!.t === 'blank') cleaned.pop();
  if (cleaned.length === 0) return '';
  return `${align(bodyLines(cleaned, 0)).join('\n')}\n`;
}

/** Prints a body (the inside of a block) with `indent` levels, for tests and README snippets. */
export function printBody(items: BodyItem[], indent = 0): string {
  return align(bodyLines(items, indent)).join('\n');
}
