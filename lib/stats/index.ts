// Float64 statistics on plain arrays (one statistic per file).

// Descriptives and ranks.
export * from "./quantile.js";
export * from "./quantileSorted.js";
export * from "./midranks.js";
export * from "./binnedMedians.js";

// Classification: ROC AUC (Mann–Whitney, midranks).
export * from "./rocAuc.js";
export * from "./rocAucSorted.js";

// Correlation.
export * from "./pearson.js";
export * from "./spearman.js";
export * from "./kendall.js";

// Regression and curve fitting.
export * from "./linearFit.js";
export * from "./levenbergMarquardt.js";
export * from "./fitUnimodal.js";

// Distributions and special functions (accurate tails; see regularizedIncompleteBeta.ts for why not jstat).
export * from "./studentTTwoSidedP.js";
export * from "./normalTwoSidedP.js";
export * from "./regularizedIncompleteBeta.js";
export * from "./logBeta.js";
export * from "./logGamma.js";

// Study building blocks (correlation and prompting studies): cluster bootstrap, per-cluster
// correlation, proportions and paired tests, reliability curves, binned mean/SD.
export * from "./normalQuantile.js";
export * from "./clusterBootstrap.js";
export * from "./perClusterCorrelation.js";
export * from "./wilsonInterval.js";
export * from "./mcnemar.js";
export * from "./reliabilityCurve.js";
export * from "./binnedStats.js";
export * from "./fitExponentialBump.js";
