/**
 * disagreementRows: the tokens on which two models disagree most, by the absolute difference of their
 * log-probabilities |log p_B(t) − log p_A(t)| (nats), largest first; tokens without a prediction are
 * left out. Ties keep text order.
 *
 * Type: (tokens [T], logProbs A [T], logProbs B [T], count) → rows { index, token, a, b, difference }.
 *
 * @example
 * disagreementRows(["x", "y", "z"], [NaN, -1, -5], [NaN, -1.5, -1], 1)
 * // => [{ "index": 2, "token": "z", "a": -5, "b": -1, "difference": 4 }]
 */
export interface DisagreementRow {
  index: number;
  token: string;
  a: number;
  b: number;
  /** log p_B − log p_A: positive where B found the token more likely. */
  difference: number;
}

export function disagreementRows(tokens: readonly string[], a: ArrayLike<number>, b: ArrayLike<number>, count = 10): DisagreementRow[] {
  const rows: DisagreementRow[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (Number.isNaN(a[t]) || Number.isNaN(b[t])) continue;
    rows.push({ index: t, token: tokens[t], a: a[t], b: b[t], difference: b[t] - a[t] });
  }
  return rows.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.index - y.index).slice(0, count);
}
