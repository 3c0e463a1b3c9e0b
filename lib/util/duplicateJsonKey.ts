/**
 * duplicateJsonKey: the first key that appears twice in one object of a JSON text, with where — or
 * undefined. JSON.parse silently keeps the last of two equal keys; logitlab calls such a file
 * ambiguous instead of guessing which value was meant. One linear pass over text that JSON.parse has
 * already accepted (so it only tracks strings, braces and brackets); keys are compared after
 * unescaping (`"a"` and `"\u0061"` are the same key).
 *
 * Type: (valid JSON text) → { key, line, column } | undefined (1-based line and column of the second key).
 *
 * @example
 * duplicateJsonKey('{"k": 1,\n "k": 2}')
 * // => {"key": "k", "line": 2, "column": 2}
 */
export function duplicateJsonKey(text: string): { key: string; line: number; column: number } | undefined {
  // One frame per open container: the keys seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(start + 1, i);
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        if (top.has(key)) {
          const before = text.slice(0, start);
          const line = before.split("\n").length;
          return { key, line, column: start - before.lastIndexOf("\n") };
        }
        top.add(key);
      }
      expectKey = false;
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = stack[stack.length - 1] !== null && stack.length > 0;
    }
  }
  return undefined;
}
