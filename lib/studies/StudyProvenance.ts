/**
 * StudyProvenance: what produced a study's results, stored in its summary JSON under `provenance`
 * (DESIGN.md: model directory and its config hash, data files and their sizes, settings, seed,
 * library version, backend). A study extends it with typed `settings` and `inputs`. Types only.
 */
import type { EngineInfo } from "../engines/Engine.js";

export interface StudyProvenance {
  /** The study's name (`stability`). */
  study: string;
  /** Always "logitlab": an output folder is recognised as logitlab's by it (`OutputFolder`). */
  library: string;
  library_version: string;
  /** `process.version`. */
  node: string;
  /** `<platform>-<arch>`. */
  platform: string;
  /** Tensor backend, or a sentence saying none was used. */
  backend: string;
  /**
   * Model folder (or file) and the sha256 of its config.json (null for a model without one: a GGUF
   * file, a dump, a URL); null for a study that runs no model.
   */
  model: { dir: string; config_sha256: string | null } | null;
  /**
   * What each model ran on (engine, model, dtype, device, truncation: lib/engines EngineInfo), in the
   * order of the study's models; absent for a study that runs no model or predates engines.
   */
  engines?: EngineInfo[];
  /** Random seed; null when nothing is random. */
  seed: number | null;
  /** The study's settings, by their summary names. */
  settings: Record<string, unknown>;
  /** The data read: folders, file counts, sizes, a hash of the listing. */
  inputs: Record<string, unknown>;
  /** ISO time the run finished. */
  created: string;
  /** Wall time of the analysis. */
  seconds: number;
}
