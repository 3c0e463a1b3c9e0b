/**
 * Whether an extracted answer matches the gold answer.
 */

/**
 * answersEqual: true when both answers are numbers and equal exactly (a === b), as the original
 * study compared its stripped numbers; false when either is null (buggy) or NaN. No tolerance:
 * both sides are read from decimal text, so equal text gives equal numbers ("72.0" and "72" both
 * read as 72), while 0.33 and 1/3 differ.
 *
 * Type: (a, b: number | null) → boolean.
 *
 * @example
 * [answersEqual(72, 72.0), answersEqual(null, 72), answersEqual(0.75, 3 / 4)]
 * // => [true, false, true]
 */
export function answersEqual(a: number | null, b: number | null): boolean {
  return typeof a === "number" && typeof b === "number" && !Number.isNaN(a) && a === b;
}
