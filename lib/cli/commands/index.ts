// Every subcommand of `logitlab`, in the order --help lists them.
import type { Command } from "../command.js";
import { info } from "./info.js";
import { reproduce } from "./reproduce.js";
import { stability } from "./stability.js";

export const commands: Command[] = [reproduce, stability, info];
