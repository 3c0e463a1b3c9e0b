// Every subcommand of `logitlab`, in the order --help lists them: reproduce, one per study (made
// from the study registry by the generic studyCommand), then the model tools.
import type { Command } from "../command.js";
import { studies } from "../studies.js";
import { studyCommand } from "../studyCommand.js";
import { app } from "./app.js";
import { convert } from "./convert.js";
import { forward } from "./forward.js";
import { generate } from "./generate.js";
import { info } from "./info.js";
import { reproduce } from "./reproduce.js";
import { serve } from "./serve.js";

export const commands: Command[] = [reproduce, ...studies.map(studyCommand), app, forward, generate, convert, serve, info];
