/**
 * escapeLatex: text with LaTeX's special characters escaped (`\ & % $ # _ { } ~ ^`, and `|` `<` `>`,
 * which the default OT1 font encoding prints as other glyphs), line breaks as spaces, and the math
 * symbols study tables use (ε ρ ∞ − ≤ ≥ ∩ × …) as LaTeX commands, so that a table compiles with plain
 * pdflatex; other non-ASCII text is left as UTF-8.
 *
 * @example
 * escapeLatex("gpt_2 & 50% ε ≥ 1")
 * // => "gpt\\_2 \\& 50\\% \\ensuremath{\\varepsilon} \\ensuremath{\\geq} 1"
 */
const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", $: "\\$", "#": "\\#", _: "\\_", "{": "\\{", "}": "\\}",
  "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "|": "\\textbar{}", "<": "\\textless{}", ">": "\\textgreater{}",
  ε: "\\ensuremath{\\varepsilon}", ρ: "\\ensuremath{\\rho}", τ: "\\ensuremath{\\tau}", "∞": "\\ensuremath{\\infty}",
  "−": "\\ensuremath{-}", "≤": "\\ensuremath{\\leq}", "≥": "\\ensuremath{\\geq}", "∩": "\\ensuremath{\\cap}",
  "×": "\\ensuremath{\\times}", "…": "\\ldots{}",
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^|<>ερτ∞−≤≥∩×…]/g, (c) => LATEX_SPECIALS[c]).replace(/[\r\n]+/g, " ");
}
