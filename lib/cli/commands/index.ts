// Every subcommand of `logitlab`, in the order --help lists them.
import type { Command } from "../command.js";
import { forward } from "./forward.js";
import { generate } from "./generate.js";
import { info } from "./info.js";
import { reproduce } from "./reproduce.js";
import { stability } from "./stability.js";

export const commands: Command[] = [reproduce, stability, forward, generate, info];
