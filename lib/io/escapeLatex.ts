/**
 * escapeLatex: text with LaTeX's special characters escaped (`\ & % $ # _ { } ~ ^`), line breaks as
 * spaces; for table cells and headers.
 *
 * @example
 * escapeLatex("gpt_2 & 50%")
 * // => "gpt\\_2 \\& 50\\%"
 */
const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", $: "\\$", "#": "\\#", _: "\\_", "{": "\\{", "}": "\\}",
  "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]).replace(/[\r\n]+/g, " ");
}
