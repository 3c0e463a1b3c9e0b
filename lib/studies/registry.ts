/**
 * The studies `logitlab reproduce` runs, each on its bundled defaults, writing to `<out>/<name>/`.
 * A study adds itself here when it lands.
 */
import { join } from "node:path";
import { stability } from "../cli/commands/stability.js";

export interface Study {
  name: string;
  reproduce(outRoot: string): Promise<void>;
}

export const studies: Study[] = [
  {
    // The bundled example in data/stability/, environment ignored, same outputs as `logitlab stability`.
    name: "stability",
    async reproduce(outRoot) {
      const code = await stability.run(["--out", join(outRoot, "stability"), "--ignore-env", "--quiet"]);
      if (code !== 0) throw new Error(`stability exited with status ${code}`);
    },
  },
];
