// Parses Terraform's JSON outputs (tfstate, show -json) keeping offsets, so that diagnostics and provenance
// can name a file:line. jsonc-parser gives a tree with offsets and error positions for truncated input.
import {
  getNodeValue,
  type Node as JsonNode,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';

export type { JsonNode };

export interface JsonSource {
  tree: JsonNode;
  /** 1-based line of a character offset. */
  lineAt(offset: number): number;
}

export type JsonParseResult =
  | { ok: true; source: JsonSource }
  | { ok: false; line: number; message: string; truncated: boolean };

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Strict JSON (no comments, no trailing commas), as Terraform writes it. */
export function parseJsonSource(text: string): JsonParseResult {
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  const lineAt = lineIndex(text);
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const offset = first ? first.offset : 0;
    // Truncated input fails at the end: an unterminated string or number runs to EOF, a missing brace sits there.
    const end = body.trimEnd().length;
    const truncated = !first || errors.some((e) => e.offset + e.length >= end);
    const what = first ? printParseErrorCode(first.error) : 'empty document';
    return {
      ok: false,
      line: lineAt(Math.min(offset, Math.max(0, text.length - 1))),
      truncated,
      message: truncated ? `JSON ends early (${what})` : `invalid JSON (${what})`,
    };
  }
  return { ok: true, source: { tree, lineAt } };
}

/** The child value node of an object property, if present. */
export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  for (const p of node.children) {
    const [k, v] = p.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

export function items(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function entries(node: JsonNode | undefined): Array<[string, JsonNode]> {
  if (node?.type !== 'object' || !node.children) return [];
  const out: Array<[string, JsonNode]> = [];
  for (const p of node.children) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, v]);
  }
  return out;
}

export function jsonValue(node: JsonNode | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}
