/**
 * escapeHtml: a string made safe to place in HTML text or a quoted attribute, and in Plotly text
 * (titles, tick labels, hover text), which Plotly parses as a small HTML subset (`<b>`, `<br>`,
 * `<a href>`…) and whose entities it decodes back to the characters. Replaces `&`, `<`, `>`, `"`, `'`
 * with `&amp;`, `&lt;`, `&gt;`, `&#34;`, `&#39;` (OWASP rule #1,
 * https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html);
 * quotes take numeric entities because Plotly decodes those but not `&quot;`.
 * Every token string and every data-derived label goes through it before it reaches a figure or a table.
 *
 * @example
 * escapeHtml("<script>alert(1)</script> & \"x\"")
 * // => "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;"
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
