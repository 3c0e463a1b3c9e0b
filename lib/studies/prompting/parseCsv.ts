/**
 * parseCsv: CSV text in logitlab's dialect (`csvField`: RFC 4180 quoting, LF or CRLF line ends,
 * header first) as rows of fields. Strict: a quote inside an unquoted field, text after a closing
 * quote, an unterminated quoted field and a row whose field count differs from the header's are each
 * one LogitlabError naming the file and the line. A UTF-8 byte order mark and a final line end are
 * accepted; blank lines are not rows.
 *
 * Type: (text, file name for messages) → { header: string[], rows: { line, fields }[] }.
 *
 * @example
 * const { header, rows } = parseCsv('a,b\n1,"x,""y"""\n', "t.csv");
 * [header, rows[0].fields, rows[0].line]
 * // => [["a", "b"], ["1", "x,\"y\""], 2]
 */
import { LogitlabError } from "../../util/errors.js";

export function parseCsv(text: string, file: string): { header: string[]; rows: { line: number; fields: string[] }[] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let i = 0;
  let blank = true;
  const fail = (reason: string, at: number): never => {
    throw new LogitlabError(reason, { context: "csv", file, position: `line ${at}`, kind: "data" });
  };
  const endRecord = () => {
    fields.push(field);
    if (!(blank && fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
    fields = [];
    field = "";
    blank = true;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (field !== "") fail("a quote inside an unquoted field; quote the whole field and double inner quotes", line);
      blank = false;
      i++;
      for (;;) {
        if (i >= text.length) fail("a quoted field is not closed", start);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === "\n") line++;
        field += text[i++];
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && text[i + 1] === "\n")) fail("text after a closing quote", line);
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      blank = false;
      i++;
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      endRecord();
      i += ch === "\r" ? 2 : 1;
      line++;
      start = line;
    } else {
      field += ch;
      blank = false;
      i++;
    }
  }
  if (!blank || fields.length > 0 || field !== "") endRecord();
  if (records.length === 0) fail("no header line", 1);
  const [head, ...rows] = records;
  for (const row of rows) {
    if (row.fields.length !== head.fields.length) fail(`${row.fields.length} fields but the header has ${head.fields.length}`, row.line);
  }
  return { header: head.fields, rows };
}
