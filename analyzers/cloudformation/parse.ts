// Template text → plain values. YAML and JSON both go through the `yaml` library (JSON is YAML), with the
// CloudFormation short-form tags (`!Ref`, `!GetAtt`, `!Sub`…) turned into their long form and the line of every key kept.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type ScalarTag } from 'yaml';

/** Short-form tags and the long form they stand for. */
const INTRINSICS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!If': 'Fn::If',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!ForEach': 'Fn::ForEach',
};

/** Serverless Framework and CDK files use no other tags; unknown ones are reported, not fatal. */
const identityScalar = (tag: string): ScalarTag => ({ tag, resolve: (s: string) => s });
const CUSTOM_TAGS = Object.keys(INTRINSICS).flatMap((tag) => [
  identityScalar(tag),
  { tag, collection: 'seq' as const, resolve: (n: unknown) => n },
  { tag, collection: 'map' as const, resolve: (n: unknown) => n },
]);

export interface ParsedDiagnostic {
  message: string;
  line?: number;
  code: string;
}

export interface ParsedText {
  value: unknown;
  /** Line (1-based) of each map key, per map object. */
  lines: WeakMap<object, Map<string, number>>;
  diagnostics: ParsedDiagnostic[];
}

/** Bound on nesting while converting, so a hostile document cannot exhaust the stack. */
const MAX_DEPTH = 200;
/** Bound on converted nodes, so that aliases cannot expand a small file into a huge value. */
const MAX_NODES = 2_000_000;

/**
 * Parses a CloudFormation (or Serverless Framework) document, YAML or JSON.
 * @example
 * parseTemplateText('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n').value // { Resources: { Q: { Type: 'AWS::SQS::Queue' } } }
 */
export function parseTemplateText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const diagnostics: ParsedDiagnostic[] = [];
  const lines = new WeakMap<object, Map<string, number>>();
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const doc = parseDocument(text, {
    lineCounter,
    customTags: CUSTOM_TAGS,
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
  });
  for (const e of doc.errors) {
    diagnostics.push({ code: 'cfn-parse', message: e.message.split('\n')[0]!, line: lineAt(e.pos[0]) });
  }
  if (doc.errors.length > 0) return { value: undefined, lines, diagnostics };
  const seenUnknown = new Set<string>();
  let budget = MAX_NODES;
  const convert = (node: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH || --budget < 0) return null;
    if (isAlias(node)) return convert(node.resolve(doc), depth + 1);
    const tag = (node as Node | undefined)?.tag;
    const long = tag ? INTRINSICS[tag] : undefined;
    if (tag && !long && tag.startsWith('!') && !seenUnknown.has(tag)) {
      seenUnknown.add(tag);
      const range = (node as Node).range;
      diagnostics.push({
        code: 'cfn-unknown-intrinsic',
        message: `unknown intrinsic ${tag}`,
        line: lineAt(range?.[0]),
      });
    }
    let plain: unknown;
    if (isScalar(node)) plain = node.value;
    else if (isSeq(node)) plain = node.items.map((x) => convert(x, depth + 1));
    else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const keyLines = new Map<string, number>();
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (k === '__proto__') continue;
        obj[k] = convert(pair.value, depth + 1);
        const l = lineAt((pair.key as Node | undefined)?.range?.[0]);
        if (l !== undefined) keyLines.set(k, l);
      }
      lines.set(obj, keyLines);
      plain = obj;
    } else plain = node ?? null;
    if (!long) return plain;
    if (long === 'Fn::GetAtt' && typeof plain === 'string') {
      const dot = plain.indexOf('.');
      return { [long]: dot < 0 ? [plain] : [plain.slice(0, dot), plain.slice(dot + 1)] };
    }
    return { [long]: plain };
  };
  return { value: convert(doc.contents, 0), lines, diagnostics };
}
