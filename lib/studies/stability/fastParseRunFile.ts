/**
 * fastParseRunFile: a single-pass reader of well-formed run files straight from bytes into typed
 * arrays, without building the JSON object tree (JSON.parse and its garbage were most of the study's
 * time). It returns undefined — and `parseRunFile` then takes the general path, JSON.parse plus the
 * validator, which produces the precise reason — whenever anything is unusual: a syntax error, a
 * string with escapes, a duplicate key (any key, in any object), a bare NaN, an id that is not a plain integer, and any value
 * the validator would reject. So it accepts a subset of what `parseRunFile` accepts and, on that
 * subset, returns exactly what the general path returns (tested on the fixtures and on mutations).
 *
 * Numbers: Clinger's fast path — a decimal mantissa m < 2^53 with a power of ten 10^k, |k| ≤ 22, is
 * one correctly rounded multiplication or division of exact operands, so m·10^k equals JSON.parse's
 * result; other numbers (e.g. Python's 17-digit reprs) go through Number() on their text. Keys other
 * than id/prob/top_k (and other top-level keys) are skipped, as JSON.parse + the validator ignore them.
 * Clinger, "How to read floating point numbers accurately" (PLDI 1990), https://doi.org/10.1145/93542.93557
 *
 * Type: (bytes: Uint8Array, key) → RunStep[] | undefined (top_k sorted as in parseRunFile).
 *
 * @example
 * fastParseRunFile(new TextEncoder().encode('{"check_data": [{"id": 2, "prob": 0.25, "top_k": [{"id": 2, "prob": 0.25}, {"id": 5, "prob": 0.5}]}]}'), "check_data").map((s) => Array.from(s.topIds))
 * // => [[5, 2]]
 */
import { repeatedTopKId } from "./repeatedTopKId.js";
import { runStep } from "./runStep.js";
import { sortTopK } from "./sortTopK.js";
import type { RunStep } from "./types.js";

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const TWO_53 = 9007199254740992;
/** Most entries per shared chunk of top_k storage. */
const CHUNK = 65536;
const PROB_MAX = 1 + 1e-6;
const MAX_ID = 0x7fffffff;

// Byte codes.
const QUOTE = 0x22, COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e, ZERO = 0x30, NINE = 0x39;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, BACKSLASH = 0x5c;
const LOWER_E = 0x65, UPPER_E = 0x45;

/** Characters allowed after a backslash besides u: " \\ / b f n r t. */
const ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Thrown internally to abandon the fast path; never escapes this module. */
const BAIL = Symbol("bail");

/** Adds a key to the other keys seen in one object; a repeat bails (the general path calls it ambiguous). */
function unique(seen: string[] | undefined, name: string): string[] {
  if (!seen) return [name];
  if (seen.includes(name)) throw BAIL;
  seen.push(name);
  return seen;
}

export function fastParseRunFile(bytes: Uint8Array, key: "execution_data" | "check_data"): RunStep[] | undefined {
  try {
    return new Reader(bytes).file(key);
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

class Reader {
  private pos = 0;
  private readonly b: Uint8Array;
  // Scratch lists for one top_k, reused across steps.
  private ids = new Int32Array(64);
  private probs = new Float64Array(64);
  private chunkIds = new Int32Array(0);
  private chunkProbs = new Float64Array(0);
  private chunkUsed = 0;
  // The list topK() read last.
  private topIds = new Int32Array(0);
  private topProbs = new Float64Array(0);

  constructor(bytes: Uint8Array) {
    this.b = bytes;
  }

  file(key: string): RunStep[] {
    let steps: RunStep[] | undefined;
    this.ws();
    this.expect(OPEN_BRACE);
    this.ws();
    if (this.b[this.pos] === CLOSE_BRACE) throw BAIL;
    let others: string[] | undefined;
    for (;;) {
      const name = this.key();
      if (name === key) {
        if (steps) throw BAIL; // duplicate key: the general path calls the file ambiguous
        steps = this.steps();
      } else {
        others = unique(others, name);
        this.skipValue(0);
      }
      this.ws();
      const c = this.b[this.pos++];
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) throw BAIL;
      this.ws();
    }
    this.ws();
    if (this.pos !== this.b.length || !steps || steps.length === 0) throw BAIL;
    return steps;
  }

  private steps(): RunStep[] {
    const steps: RunStep[] = [];
    this.expect(OPEN_BRACKET);
    this.ws();
    if (this.b[this.pos] === CLOSE_BRACKET) throw BAIL; // no steps: the validator says so
    for (;;) {
      steps.push(this.step());
      this.ws();
      const c = this.b[this.pos++];
      if (c === CLOSE_BRACKET) return steps;
      if (c !== COMMA) throw BAIL;
      this.ws();
    }
  }

  private step(): RunStep {
    this.expect(OPEN_BRACE);
    let id = -1;
    let prob = -1;
    let topIds: Int32Array | undefined;
    let topProbs: Float64Array | undefined;
    let others: string[] | undefined;
    this.ws();
    if (this.b[this.pos] === CLOSE_BRACE) throw BAIL;
    for (;;) {
      const name = this.key();
      if (name === "id") {
        if (id !== -1) throw BAIL;
        id = this.id();
      } else if (name === "prob") {
        if (prob !== -1) throw BAIL;
        prob = this.prob();
      } else if (name === "top_k") {
        if (topIds) throw BAIL;
        this.topK();
        topIds = this.topIds;
        topProbs = this.topProbs;
      } else {
        others = unique(others, name);
        this.skipValue(0);
      }
      this.ws();
      const c = this.b[this.pos++];
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) throw BAIL;
      this.ws();
    }
    if (id === -1 || prob === -1 || !topIds || !topProbs) throw BAIL;
    return runStep(id, prob, topIds, topProbs);
  }

  /** Reads one top_k list into `topIds` / `topProbs` (views into the shared chunk), sorted. */
  private topK(): void {
    this.expect(OPEN_BRACKET);
    this.ws();
    if (this.b[this.pos] === CLOSE_BRACKET) throw BAIL; // empty top_k
    const start = this.pos;
    let n = this.plainEntries();
    if (n < 0) {
      this.pos = start;
      n = this.entries();
    }
    this.keep(n);
  }

  /**
   * The entries of a top_k list in the shape nearly every file has — `{"id": <int>, "prob": <number>}`,
   * keys in that order, any JSON whitespace — read in one loop over a local position (most of a run
   * file's bytes are these entries). Returns their number, or −1 for anything else (other keys or
   * order, a number outside Clinger's fast path), and `entries()` then reads the list again from its start.
   */
  private plainEntries(): number {
    const b = this.b;
    let pos = this.pos;
    let n = 0;
    let c: number;
    for (;;) {
      if (b[pos] !== OPEN_BRACE) return -1;
      pos++;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      if (c !== QUOTE || b[pos + 1] !== 0x69 || b[pos + 2] !== 0x64 || b[pos + 3] !== QUOTE) return -1; // "id"
      pos += 4;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      if (c !== COLON) return -1;
      pos++;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      // id: a plain integer in [0, 2^31 − 1], no leading zero
      if (c < ZERO || c > NINE || (c === ZERO && b[pos + 1] >= ZERO && b[pos + 1] <= NINE)) return -1;
      let id = 0;
      while ((c = b[pos]) >= ZERO && c <= NINE) {
        id = id * 10 + (c - ZERO);
        if (id > MAX_ID) return -1;
        pos++;
      }
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++pos];
      if (c !== COMMA) return -1;
      pos++;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      if (c !== QUOTE || b[pos + 1] !== 0x70 || b[pos + 2] !== 0x72 || b[pos + 3] !== 0x6f || b[pos + 4] !== 0x62 || b[pos + 5] !== QUOTE) return -1; // "prob"
      pos += 6;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      if (c !== COLON) return -1;
      pos++;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      // prob: digits [. digits] [e ±digits], non-negative, a mantissa below 2^53 and a scale within ±22
      let mantissa = 0;
      let fraction = 0;
      if (c === ZERO) {
        c = b[++pos];
        if (c >= ZERO && c <= NINE) return -1;
      } else if (c > ZERO && c <= NINE) {
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          c = b[++pos];
        }
      } else return -1;
      if (c === DOT) {
        c = b[++pos];
        if (!(c >= ZERO && c <= NINE)) return -1;
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          fraction++;
          c = b[++pos];
        }
      }
      if (mantissa >= TWO_53) return -1;
      let scale = -fraction;
      if (c === LOWER_E || c === UPPER_E) {
        c = b[++pos];
        let negative = false;
        if (c === MINUS || c === PLUS) {
          negative = c === MINUS;
          c = b[++pos];
        }
        if (!(c >= ZERO && c <= NINE)) return -1;
        let exponent = 0;
        while (c >= ZERO && c <= NINE) {
          exponent = exponent * 10 + (c - ZERO);
          if (exponent > 10000) return -1;
          c = b[++pos];
        }
        scale += negative ? -exponent : exponent;
      }
      if (scale < -22 || scale > 22) return -1;
      const prob = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
      if (!(prob <= PROB_MAX)) return -1;
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++pos];
      if (c !== CLOSE_BRACE) return -1;
      pos++;
      if (n === this.ids.length) this.grow(n);
      this.ids[n] = id;
      this.probs[n] = prob;
      n++;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      pos++;
      if (c === CLOSE_BRACKET) break;
      if (c !== COMMA) return -1;
      while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    }
    this.pos = pos;
    return n;
  }

  /** Doubles the scratch lists (kept for the next steps). */
  private grow(n: number): void {
    const grownIds = new Int32Array(2 * n);
    const grownProbs = new Float64Array(2 * n);
    grownIds.set(this.ids);
    grownProbs.set(this.probs);
    this.ids = grownIds;
    this.probs = grownProbs;
  }

  /** The entries of a top_k list in any key order and with any other keys; returns their number. */
  private entries(): number {
    let n = 0;
    for (;;) {
      this.expect(OPEN_BRACE);
      let id = -1;
      let prob = -1;
      let others: string[] | undefined;
      this.ws();
      for (;;) {
        const name = this.key();
        if (name === "id") {
          if (id !== -1) throw BAIL;
          id = this.id();
        } else if (name === "prob") {
          if (prob !== -1) throw BAIL;
          prob = this.prob();
        } else {
          others = unique(others, name);
          this.skipValue(0);
        }
        this.ws();
        const c = this.b[this.pos++];
        if (c === CLOSE_BRACE) break;
        if (c !== COMMA) throw BAIL;
        this.ws();
      }
      if (id === -1 || prob === -1) throw BAIL;
      if (n === this.ids.length) this.grow(n);
      this.ids[n] = id;
      this.probs[n] = prob;
      n++;
      this.ws();
      const c = this.b[this.pos++];
      if (c === CLOSE_BRACKET) return n;
      if (c !== COMMA) throw BAIL;
      this.ws();
    }
  }

  /** Copies the `n` scratch entries into the shared chunk, sorts them, and makes them the last list read. */
  private keep(n: number): void {
    const { ids, probs } = this;
    // Views into shared chunks: one small backing store per step would cost more than the parsing.
    if (this.chunkUsed + n > this.chunkIds.length) {
      // Every entry takes at least 17 bytes ({"id":0,"prob":0}), so one chunk of length/17 usually
      // holds the whole file; a file that needs more gets further chunks.
      const size = Math.max(Math.min(CHUNK, Math.ceil(this.b.length / 17)), n);
      this.chunkIds = new Int32Array(size);
      this.chunkProbs = new Float64Array(size);
      this.chunkUsed = 0;
    }
    const outIds = this.chunkIds.subarray(this.chunkUsed, this.chunkUsed + n);
    const outProbs = this.chunkProbs.subarray(this.chunkUsed, this.chunkUsed + n);
    this.chunkUsed += n;
    // A loop, not set(subarray): two fewer typed-array views per step (measured 100 ms of 400,000 steps).
    for (let i = 0; i < n; i++) {
      outIds[i] = ids[i];
      outProbs[i] = probs[i];
    }
    sortTopK(outIds, outProbs);
    if (repeatedTopKId(outIds) !== undefined) throw BAIL; // repeated id: the general path words it
    this.topIds = outIds;
    this.topProbs = outProbs;
  }

  /** A key string followed by a colon; escapes bail. */
  private key(): string {
    this.expect(QUOTE);
    const start = this.pos;
    const b = this.b;
    let pos = start;
    const end = b.length;
    while (pos < end && b[pos] !== QUOTE) {
      if (b[pos] === BACKSLASH || b[pos] < 0x20) throw BAIL;
      pos++;
    }
    this.pos = pos;
    if (this.pos >= b.length) throw BAIL;
    const length = this.pos - start;
    this.pos++;
    this.ws();
    this.expect(COLON);
    this.ws();
    // The three keys we read, without allocating a string.
    if (length === 2 && b[start] === 0x69 && b[start + 1] === 0x64) return "id";
    if (length === 4 && b[start] === 0x70 && b[start + 1] === 0x72 && b[start + 2] === 0x6f && b[start + 3] === 0x62) return "prob";
    if (length === 5 && b[start] === 0x74 && b[start + 1] === 0x6f && b[start + 2] === 0x70 && b[start + 3] === 0x5f && b[start + 4] === 0x6b) return "top_k";
    let name = "";
    for (let i = start; i < start + length; i++) {
      if (b[i] >= 0x80) throw BAIL; // non-ASCII key: leave it to the general path
      name += String.fromCharCode(b[i]);
    }
    return name;
  }

  /** A plain non-negative integer id within [0, 2^31 − 1]. */
  private id(): number {
    const b = this.b;
    let pos = this.pos;
    let c = b[pos];
    if (c < ZERO || c > NINE) throw BAIL;
    if (c === ZERO && b[pos + 1] >= ZERO && b[pos + 1] <= NINE) throw BAIL; // leading zero: invalid JSON
    let value = 0;
    while ((c = b[pos]) >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      if (value > MAX_ID) throw BAIL;
      pos++;
    }
    this.pos = pos;
    if (c === DOT || c === LOWER_E || c === UPPER_E) throw BAIL; // 7.0 or 7e0: let JSON.parse decide
    return value;
  }

  /** A JSON number in [0, 1 + 1e-6], correctly rounded. */
  private prob(): number {
    const b = this.b;
    const start = this.pos;
    let pos = start;
    let negative = false;
    if (b[pos] === MINUS) {
      negative = true;
      pos++;
    }
    let mantissa = 0;
    let exact = true;
    let digits = 0;
    let fraction = 0;
    let c = b[pos];
    if (c === ZERO) {
      c = b[++pos];
      if (c >= ZERO && c <= NINE) throw BAIL; // leading zero
      digits = 1;
    } else {
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        c = b[++pos];
      }
      if (mantissa >= TWO_53) exact = false;
    }
    if (digits === 0) throw BAIL;
    if (c === DOT) {
      c = b[++pos];
      if (!(c >= ZERO && c <= NINE)) throw BAIL;
      // Digits beyond 2^53 make the mantissa inexact: fall back to Number() below.
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        fraction++;
        c = b[++pos];
      }
      if (mantissa >= TWO_53) exact = false;
    }
    let exponent = 0;
    if (c === LOWER_E || c === UPPER_E) {
      c = b[++pos];
      let negativeExponent = false;
      if (c === MINUS || c === PLUS) {
        negativeExponent = c === MINUS;
        c = b[++pos];
      }
      if (!(c >= ZERO && c <= NINE)) throw BAIL;
      while (c >= ZERO && c <= NINE) {
        exponent = exponent * 10 + (c - ZERO);
        if (exponent > 10000) throw BAIL;
        c = b[++pos];
      }
      if (negativeExponent) exponent = -exponent;
    }
    this.pos = pos;
    let value: number;
    const scale = exponent - fraction;
    if (exact && scale >= -22 && scale <= 22) value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
    else value = Number(this.text(negative ? start + 1 : start, pos));
    if (negative) value = -value;
    if (!(value >= 0 && value <= PROB_MAX) || Object.is(value, -0)) throw BAIL; // out of range (or -0): the validator words it
    return value;
  }

  /** Skips any JSON value (for keys this reader does not use). */
  private skipValue(depth: number): void {
    if (depth > 64) throw BAIL;
    const b = this.b;
    const c = b[this.pos];
    if (c === QUOTE) {
      this.pos++;
      while (this.pos < b.length && b[this.pos] !== QUOTE) {
        const d = b[this.pos];
        if (d < 0x20) throw BAIL; // raw control character: invalid JSON
        if (d === BACKSLASH) {
          const e = b[this.pos + 1];
          if (e === 0x75) {
            // \uXXXX
            for (let i = 2; i < 6; i++) if (!isHex(b[this.pos + i])) throw BAIL;
            this.pos += 6;
          } else if (ESCAPES.includes(e)) this.pos += 2;
          else throw BAIL;
        } else this.pos++;
      }
      if (this.pos >= b.length) throw BAIL;
      this.pos++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      this.pos++;
      this.ws();
      if (b[this.pos] === close) {
        this.pos++;
        return;
      }
      let names: string[] | undefined;
      for (;;) {
        if (close === CLOSE_BRACE) names = unique(names, this.key());
        this.skipValue(depth + 1);
        this.ws();
        const next = b[this.pos++];
        if (next === close) return;
        if (next !== COMMA) throw BAIL;
        this.ws();
      }
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const start = this.pos;
      while (this.pos < b.length) {
        const d = b[this.pos];
        if ((d >= ZERO && d <= NINE) || d === DOT || d === LOWER_E || d === UPPER_E || d === MINUS || d === PLUS) this.pos++;
        else break;
      }
      if (!JSON_NUMBER.test(this.text(start, this.pos))) throw BAIL; // "1.2.3", "01", "1e": JSON.parse says why
    } else if (this.literal("true") || this.literal("false") || this.literal("null")) {
      return;
    } else throw BAIL;
  }

  /** ASCII text of bytes [start, end). */
  private text(start: number, end: number): string {
    let out = "";
    for (let i = start; i < end; i++) out += String.fromCharCode(this.b[i]);
    return out;
  }

  private literal(word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.b[this.pos + i] !== word.charCodeAt(i)) return false;
    this.pos += word.length;
    return true;
  }

  private expect(c: number): void {
    if (this.b[this.pos] !== c) throw BAIL;
    this.pos++;
  }

  /** JSON whitespace: space, tab, line feed, carriage return. */
  private ws(): void {
    const b = this.b;
    let pos = this.pos;
    let c = b[pos];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    while ((c = b[pos]) === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
    this.pos = pos;
  }
}
