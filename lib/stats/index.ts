// Float64 statistics on plain arrays (one statistic per file).
export {};
