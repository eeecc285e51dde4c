// Byte ranges in the user's own .tf text: where a resource block starts and ends, where one of its top-level
// arguments or nested blocks sits. A bounded scanner that skips strings, heredocs and comments, so a `}` inside a
// string never closes a block. The patch writer edits only these ranges; everything else stays byte-identical.

export interface Range {
  start: number;
  end: number;
}

/** One top-level item of a block body: an argument (`name = value`) or a nested block (`name { … }`). */
export interface BodyEntry extends Range {
  name: string;
  kind: 'attr' | 'block';
  /** For an argument: where its value starts (after `=` and spaces). */
  valueStart?: number;
}

/** Index after a string, heredoc or comment starting at `i`, or `i` when none starts there. */
function skipNonCode(text: string, i: number): number {
  const c = text[i];
  if (c === '#' || (c === '/' && text[i + 1] === '/')) {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === '<' && text[i + 1] === '<') {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(text.slice(i, i + 200));
    if (m) {
      const close = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(\\r?\\n|$)`, 'g');
      close.lastIndex = i + m[0].length - 1;
      const hit = close.exec(text);
      return hit ? hit.index + hit[0].length - (hit[1] ? hit[1].length : 0) : text.length;
    }
  }
  if (c === '"') {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      const d = text[j];
      if (d === '\\') j++;
      else if ((d === '$' || d === '%') && text[j + 1] === '{') {
        depth++;
        j++;
      } else if (d === '}' && depth > 0) depth--;
      else if (d === '"' && depth === 0) return j + 1;
      else if (d === '\n' && depth === 0) return j;
    }
    return text.length;
  }
  return i;
}

/** Index of the bracket closing the one at `open` (`{`, `[` or `(`), skipping strings and comments. */
export function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return -1;
}

/** The `resource "type" "name" { … }` block of an address in one file (from its `{` to its `}`). */
export function findResource(
  text: string,
  type: string,
  name: string,
): (Range & { open: number }) | undefined {
  const header = new RegExp(
    `^[ \\t]*resource[ \\t]+"${type}"[ \\t]+"${name.replace(/[-]/g, '\\-')}"[ \\t]*\\{`,
    'gm',
  );
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = closingBracket(text, open);
    if (close > 0) return { start: m.index, end: close + 1, open };
  }
  return undefined;
}

/** Top-level arguments and nested blocks of the body between `open` (`{`) and its closing `}`. */
export function bodyEntries(text: string, open: number, close: number): BodyEntry[] {
  const out: BodyEntry[] = [];
  let i = open + 1;
  while (i < close) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)([ \t]*=(?!=)[ \t]*|(?:[ \t]+"[^"\n]*")*[ \t]*\{)/.exec(
      text.slice(i, i + 300),
    );
    if (!m || (i > 0 && /[A-Za-z0-9_.]/.test(text[i - 1]!))) {
      i++;
      continue;
    }
    if (m[2]!.trimEnd().endsWith('{')) {
      const openBrace = i + m[0].length - 1;
      const end = closingBracket(text, openBrace);
      if (end < 0) break;
      out.push({ name: m[1]!, kind: 'block', start: i, end: end + 1 });
      i = end + 1;
      continue;
    }
    // An argument's value runs to the end of the line, or past it while brackets are open.
    const valueStart = i + m[0].length;
    let j = valueStart;
    let depth = 0;
    while (j < close) {
      const s = skipNonCode(text, j);
      if (s !== j) {
        if (text[j] === '#' || text[j] === '/') break;
        j = s;
        continue;
      }
      const c = text[j];
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth--;
      else if (c === '\n' && depth <= 0) break;
      j++;
    }
    let end = j;
    while (end > valueStart && /[ \t\r]/.test(text[end - 1]!)) end--;
    out.push({ name: m[1]!, kind: 'attr', start: i, end, valueStart });
    i = j;
  }
  return out;
}

/** The indentation of the line holding `index`. */
export function indentAt(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
