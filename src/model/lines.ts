// Line numbers for diagnostics and provenance: every analyzer and config reader names a file:line, and all of them
// turn a character offset into a line the same way.

/**
 * The 1-based line of any character offset in `text`: builds the line starts once, then answers each question
 * by binary search (for files with thousands of offsets to place, such as a 100 MB state).
 * @example
 * const lineAt = lineIndex('a\nb\nc');
 * lineAt(2) // 2
 */
export function lineIndex(text: string): (offset: number) => number {
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

/**
 * The 1-based line of one offset (a single question; use `lineIndex` for many).
 * @example
 * lineOfOffset('a\nb', 2) // 2
 */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The line of the last named key of a validation issue's path in JSON text (its first `"key"`), when the key
 * appears there: enough to point a user at the bad field of a small config file.
 * @example
 * lineOfKey('{\n "capacity": {\n  "bad": 1 } }', ['capacity', 'bad']) // 3
 */
export function lineOfKey(text: string, path: readonly PropertyKey[]): number | undefined {
  const key = path.filter((p) => typeof p === 'string').pop();
  const index = key ? text.indexOf(`"${key}"`) : -1;
  return index >= 0 ? lineOfOffset(text, index) : undefined;
}
