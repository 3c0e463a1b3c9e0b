/**
 * SummaryNumber: a number as a study's summary.json stores it: finite numbers as is, ±Infinity as the
 * strings "Infinity"/"-Infinity" (JSON has no infinities), undefined (NaN) as null.
 */
export type SummaryNumber = number | "Infinity" | "-Infinity" | null;
