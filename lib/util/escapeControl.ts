/**
 * escapeControl: make text safe to print on a terminal — every control character (C0 U+0000–U+001F,
 * DEL, C1 U+0080–U+009F), the line and paragraph separators U+2028/U+2029, the byte order mark
 * U+FEFF and the bidirectional overrides U+202A–U+202E, U+2066–U+2069 become visible escapes (`\n`,
 * `\t`, `\r`, `\x1b`, `\u2028`). So a file name or file content holding ESC cannot recolour or
 * rewrite the terminal, BEL cannot ring, and a newline in a name cannot forge an output line. Used
 * on everything the CLI prints that came from outside: errors, warnings, invalid-file lines, notes
 * and progress labels.
 *
 * Type: string → string (unchanged when it holds no such character).
 *
 * @example
 * escapeControl("a\u001b[31mb\u0007\nc")
 * // => "a\\x1b[31mb\\x07\\nc"
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function escapeControl(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    if (NAMED[c]) return NAMED[c];
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
