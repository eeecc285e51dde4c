// Parses Terraform's JSON outputs (tfstate, show -json) keeping offsets, so that diagnostics and provenance
// can name a file:line. Values come from JSON.parse (fast on 100 MB states); the offset of every object is
// found by one scan for `{` outside strings, since objects appear in the text in the same order as in a
// depth-first walk. jsonc-parser is used only to locate the error in a file JSON.parse rejects.
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { depthExceeds } from '../../src/model/io.js';
import { lineIndex } from '../../src/model/lines.js';

export interface JsonSource {
  tree: JsonNode;
  text: string;
  /** 1-based line of a character offset. */
  lineAt(offset: number): number;
}

export type JsonParseResult =
  | { ok: true; source: JsonSource }
  | { ok: false; line: number; message: string; truncated: boolean };

/** Offsets of every `{` that opens an object, in document order. */
function objectOffsets(text: string): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) out.push(i);
  }
  return out;
}

const counts = new WeakMap<object, number>();

/**
 * How many objects a value holds, itself included. Independent of key order. Iterative (post-order with an
 * explicit stack), so a state file nested 100,000 deep cannot overflow the call stack.
 */
function countObjects(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  const stack: { node: object; expanded: boolean }[] = [{ node: value, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (counts.has(top.node)) {
      stack.pop();
      continue;
    }
    const children = (Array.isArray(top.node) ? top.node : Object.values(top.node)).filter(
      (v): v is object => !!v && typeof v === 'object',
    );
    if (!top.expanded) {
      top.expanded = true;
      for (const c of children) if (!counts.has(c)) stack.push({ node: c, expanded: false });
      continue;
    }
    let n = Array.isArray(top.node) ? 0 : 1;
    for (const c of children) n += counts.get(c) ?? 0;
    counts.set(top.node, n);
    stack.pop();
  }
  return counts.get(value) ?? 0;
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * A parsed value and where it starts: `start` is the number of objects before it in the document, so an
 * object's `{` is at `offsets[start]`. Navigation assumes keys in document order, which holds for the
 * structural objects of Terraform's JSON (JS only reorders integer-like keys).
 */
export class JsonNode {
  constructor(
    readonly value: unknown,
    private readonly start: number,
    private readonly offsets: number[],
  ) {}

  get type(): JsonType {
    const v = this.value;
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    return typeof v as JsonType;
  }

  /** Character offset of the object's `{`; for other values, that of the next object (an approximation). */
  get offset(): number {
    return this.offsets[Math.min(this.start, this.offsets.length - 1)] ?? 0;
  }

  private starts: Map<string, number> | undefined;

  child(key: string): JsonNode | undefined {
    const v = this.value;
    if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, key)) return undefined;
    if (!this.starts) {
      this.starts = new Map();
      let start = this.start + 1;
      for (const [k, child] of Object.entries(v)) {
        this.starts.set(k, start);
        start += countObjects(child);
      }
    }
    return new JsonNode((v as Record<string, unknown>)[key], this.starts.get(key)!, this.offsets);
  }

  items(): JsonNode[] {
    if (!Array.isArray(this.value)) return [];
    let start = this.start;
    return this.value.map((v) => {
      const node = new JsonNode(v, start, this.offsets);
      start += countObjects(v);
      return node;
    });
  }

  entries(): Array<[string, JsonNode]> {
    const v = this.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
    let start = this.start + 1;
    return Object.entries(v).map(([k, child]) => {
      const node = new JsonNode(child, start, this.offsets);
      start += countObjects(child);
      return [k, node];
    });
  }
}

function locateError(body: string, lineAt: (offset: number) => number) {
  const errors: ParseError[] = [];
  parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first ? first.offset : 0;
  // Truncated input fails at the end: an unterminated string or number runs to EOF, a missing brace sits there.
  const end = body.trimEnd().length;
  const truncated = !first || errors.some((e) => e.offset + e.length >= end);
  const what = first ? printParseErrorCode(first.error) : 'empty document';
  return {
    ok: false as const,
    line: lineAt(Math.min(offset, Math.max(0, body.length - 1))),
    truncated,
    message: truncated ? `JSON ends early (${what})` : `invalid JSON (${what})`,
  };
}

/** Deeper than any state or plan Terraform writes. */
const MAX_JSON_DEPTH = 512;

/** Strict JSON (no comments, no trailing commas), as Terraform writes it. */
export function parseJsonSource(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const lineAt = lineIndex(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return locateError(body, lineAt);
  }
  // Terraform's own files nest a few dozen levels; a hostile one nested 100,000 deep would overflow every
  // recursive reader downstream, so it is refused here, once.
  if (depthExceeds(value, MAX_JSON_DEPTH))
    return {
      ok: false as const,
      line: 1,
      truncated: false,
      message: `values nested more than ${MAX_JSON_DEPTH} deep`,
    };
  return { ok: true, source: { tree: new JsonNode(value, 0, objectOffsets(body)), text, lineAt } };
}

/** The child value node of an object property, if present. */
export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.child(key);
}

export function items(node: JsonNode | undefined): JsonNode[] {
  return node?.items() ?? [];
}

export function entries(node: JsonNode | undefined): Array<[string, JsonNode]> {
  return node?.entries() ?? [];
}

export function jsonValue(node: JsonNode | undefined): unknown {
  return node?.value;
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return typeof node?.value === 'string' ? node.value : undefined;
}

/** Line of `"key":` inside an object (for scalar properties such as `version`), else the object's line. */
export function keyLine(source: JsonSource, parent: JsonNode, key: string): number {
  const re = new RegExp(`"${key.replace(/[^\w]/g, '\\$&')}"\\s*:`, 'g');
  re.lastIndex = parent.offset;
  const m = re.exec(source.text);
  return source.lineAt(m ? m.index : parent.offset);
}
