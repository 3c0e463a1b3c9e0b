/**
 * rowStepRecord: the canonical {@link StepRecord} of one engine row for the chosen (or teacher-forced)
 * token `id`, computed on the host in float64 in one pass over the row (no tensor round trip).
 *
 * For a full row of logits z [V] (lib/io/stepRecord.ts conventions, as `generate` records them):
 *   log p_v = (z_v − max) − log S,  S = Σ e^(z − max);  H = log S − Σ p·(z − max);
 *   topIds/topProbs: the top-p nucleus (p = `recordTopP`, default 0.9) decided in float64 as
 *   lib/tensor `nucleus` decides it (shared code: internal/nucleusPrefix `rowNucleus`);
 *   truncated false, coveredMass 1.
 * For a truncated "top" row (ids with full-distribution log-probabilities):
 *   coveredMass = Σ exp(logProbs); entropy null (unknown); the top list is the nucleus of mass p
 *   when the list reaches p (`top: {kind: "nucleus", p}`), else the whole list as given
 *   (`top: {kind: "given"}`); truncated true. The chosen id's prob/logProb come from the list, else from
 *   the row's `chosen` entry when it is that id, else are NaN (unknown: at most the smallest listed one).
 *
 * @example
 * const step = rowStepRecord({ kind: "logits", logits: Float32Array.from([0, 0]) }, 1);
 * [step.prob, step.entropy === Math.log(2), step.truncated, Array.from(step.topIds)]
 * // => [0.5, true, false, [0, 1]]
 */
import type { StepRecord } from "../io/stepRecord.js";
import { rowNucleus } from "../tensor/internal/nucleusPrefix.js";
import { LogitlabError } from "../util/errors.js";
import type { EngineRow } from "./Engine.js";

export interface RowStepOptions {
  /** p of the recorded nucleus (default 0.9). */
  recordTopP?: number;
  /** Step index, for error messages. */
  step?: number;
  /** Decoded token text to put in the record. */
  token?: string;
  /** Keep the full logits row in the record (full rows only). */
  keepLogits?: boolean;
}

export function rowStepRecord(row: EngineRow, id: number, options: RowStepOptions = {}): StepRecord {
  const p = options.recordTopP ?? 0.9;
  const step = options.step ?? 0;
  const token = options.token === undefined ? {} : { token: options.token };
  if (row.kind === "logits") {
    const z = row.logits;
    if (!(Number.isInteger(id) && id >= 0 && id < z.length)) {
      throw new LogitlabError(`token id ${id} is outside the vocabulary of ${z.length}`, { context: "rowStepRecord", field: "id", position: `step ${step}` });
    }
    const core = rowNucleus(z, p, "rowStepRecord", step);
    const max = core.logits[0];
    let weighted = 0;
    const total = Math.exp(core.logSumExp);
    for (let v = 0; v < z.length; v++) {
      const d = z[v] - max;
      const w = Math.exp(d);
      if (w > 0) weighted += w * d;
    }
    const entropy = Math.max(0, core.logSumExp - weighted / total);
    const logProb = z[id] - max - core.logSumExp;
    return {
      id,
      ...token,
      prob: Math.exp(logProb),
      logProb,
      entropy,
      topIds: core.ids,
      topProbs: core.probs,
      top: { kind: "nucleus", p },
      truncated: false,
      coveredMass: 1,
      ...(options.keepLogits ? { logits: Float32Array.from(z) } : {}),
    };
  }
  const { ids, logProbs } = row;
  let covered = 0;
  let size = ids.length;
  let reached = false;
  for (let i = 0; i < ids.length; i++) {
    covered += Math.exp(logProbs[i]);
    if (!reached && covered >= p * (1 - 16 * Number.EPSILON)) {
      size = i + 1;
      reached = true;
    }
  }
  const at = Array.prototype.indexOf.call(ids, id) as number;
  const logProb = at >= 0 ? logProbs[at] : row.chosen?.id === id ? row.chosen.logProb : NaN;
  const topIds = reached ? ids.slice(0, size) : Int32Array.from(ids);
  return {
    id,
    ...token,
    prob: Math.exp(logProb),
    logProb,
    entropy: null,
    topIds,
    topProbs: Float64Array.from(topIds, (_, i) => Math.exp(logProbs[i])),
    top: reached ? { kind: "nucleus", p } : { kind: "given" },
    truncated: true,
    coveredMass: Math.min(1, covered),
  };
}
