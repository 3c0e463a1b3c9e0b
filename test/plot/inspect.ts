// Checks on rendered files that need no browser: PDF structure and PNG header.
import { inflateSync } from "node:zlib";

export interface PdfFacts {
  header: boolean;
  eof: boolean;
  pages: number;
  /** MediaBox [width, height] in points of the first page. */
  mediaBox?: [number, number];
  /** Raster image XObjects. */
  images: number;
  /** Path-painting operators found in the (inflated) content streams: vector drawing. */
  pathOps: number;
  /** Text-showing operators (Tj/TJ) in the content streams: text kept as text. */
  textOps: number;
  /** Embedded font programs. */
  fonts: number;
}

export function inspectPdf(bytes: Uint8Array): PdfFacts {
  const raw = Buffer.from(bytes).toString("latin1");
  const streams: string[] = [];
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    if (end < 0) break;
    const dict = raw.slice(Math.max(0, raw.lastIndexOf("<<", match.index)), match.index);
    const body = Buffer.from(raw.slice(start, end), "latin1");
    let text = "";
    if (/\/FlateDecode/.test(dict)) {
      try {
        text = inflateSync(body).toString("latin1");
      } catch {
        text = "";
      }
    } else text = body.toString("latin1");
    if (!/\/Subtype\s*\/Image/.test(dict) && !/\/Length1|\/FontFile|\/Subtype\s*\/(CIDFontType0C|Type1C|OpenType)/.test(dict)) streams.push(text);
    pattern.lastIndex = end + "endstream".length;
  }
  const content = streams.join("\n");
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
  return {
    header: raw.startsWith("%PDF-1.") || raw.startsWith("%PDF-2."),
    eof: /%%EOF\s*$/.test(raw),
    pages: (raw.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length,
    mediaBox: box ? [Number(box[3]) - Number(box[1]), Number(box[4]) - Number(box[2])] : undefined,
    images: (raw.match(/\/Subtype\s*\/Image/g) ?? []).length,
    pathOps: (content.match(/[\d.]\s+(?:m|l|c|re)(?=\s)/g) ?? []).length,
    textOps: (content.match(/\b(?:Tj|TJ)\b/g) ?? []).length,
    fonts: (raw.match(/\/FontFile[23]?\b/g) ?? []).length,
  };
}

/** Width and height from a PNG's IHDR chunk (throws if it is not a PNG). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes);
  const signature = "89504e470d0a1a0a";
  if (buffer.subarray(0, 8).toString("hex") !== signature || buffer.toString("ascii", 12, 16) !== "IHDR") throw new Error("not a PNG");
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** Pixels per inch from a PNG's pHYs chunk, or undefined without one. */
export function pngDpi(bytes: Uint8Array): number | undefined {
  const buffer = Buffer.from(bytes);
  const at = buffer.indexOf("pHYs", 8, "ascii");
  if (at < 0 || buffer[at + 12] !== 1) return undefined;
  return buffer.readUInt32BE(at + 4) * 0.0254;
}
