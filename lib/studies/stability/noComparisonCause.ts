/**
 * noComparisonCause: why a stability run compared no file pair, in one sentence, from what discovery
 * and validation found (the summary's `files` section). A run that compares nothing has all-null
 * metrics; the study's report turns this sentence into a warning and exit status 1, always.
 *
 * Checked in order:
 *   - no matched pair, and the reference folders hold `check_machine_*.json` files while the check
 *     folder holds none: the folders look swapped (--reference and --check, BASE_DIRS and CHECK_DIR);
 *   - no matched pair, no `.json` file at all; no check file; no reference file; names that differ;
 *   - matched pairs, all invalid: files.invalid says why (and a file holding the other side's key,
 *     `check_data` in a reference folder, again points at swapped folders).
 *
 * Type: StabilitySummary["files"] → string (null when some pair was compared).
 *
 * @example
 * noComparisonCause({ matched: 0, compared: 0, invalid: [], unmatched_reference: ["db_13/check_machine_a.json"], unmatched_check: ["db_1/a.json"] })
 * // => "the reference folder(s) hold check_machine_*.json files (check runs) and the check folder holds none: --reference and --check (BASE_DIRS and CHECK_DIR) look swapped"
 */
import { basename } from "node:path";
import type { StabilitySummary } from "./types.js";

const SWAPPED = "--reference and --check (BASE_DIRS and CHECK_DIR) look swapped";

export function noComparisonCause(files: StabilitySummary["files"]): string | null {
  if (files.compared > 0) return null;
  const isCheck = (path: string) => basename(path).startsWith("check_machine_");
  if (files.matched === 0) {
    const reference = files.unmatched_reference;
    const check = files.unmatched_check;
    if (reference.some(isCheck) && !check.some(isCheck)) {
      return `the reference folder(s) hold check_machine_*.json files (check runs) and the check folder holds none: ${SWAPPED}`;
    }
    if (reference.length === 0 && check.length === 0) return "the folders hold no .json files";
    if (!check.some(isCheck)) return "the check folder holds no check_machine_<name>.json file";
    if (reference.length === 0) return "the reference folders hold no <name>.json file";
    return "no check_machine_<name>.json in the check folder has a <name>.json in a reference folder: the names differ";
  }
  const otherKey = files.invalid.some((entry) => /wrong folder/.test(entry.reason));
  return `all ${files.matched} matched pair(s) are invalid (files.invalid says why)${otherKey ? `; files hold the other side's key: ${SWAPPED}` : ""}`;
}
