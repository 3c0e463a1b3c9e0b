/**
 * studies: the registry of studies the CLI knows — each becomes `logitlab <name>` (through
 * `studyCommand`) and is run by `logitlab reproduce` on its bundled defaults. A study adds itself
 * here with one line when its folder in lib/studies lands.
 */
import type { Study } from "../studies/Study.js";
import { correlationStudy } from "../studies/correlation/correlationStudy.js";
import { interpretStudy } from "../studies/interpret/interpretStudy.js";
import { predictionsStudy } from "../studies/predictions/predictionsStudy.js";
import { promptingStudy } from "../studies/prompting/promptingStudy.js";
import { stabilityStudy } from "../studies/stability/stabilityStudy.js";
import { reasoningWordsStudy } from "../studies/reasoningWords/reasoningWordsStudy.js";

// Each study's Config and Result are its own; the registry only drives them through the contract.
export const studies: readonly Study<{ outDir: string }, any>[] = [stabilityStudy as Study<{ outDir: string }, any>, predictionsStudy as Study<{ outDir: string }, any>, correlationStudy as Study<{ outDir: string }, any>, promptingStudy as Study<{ outDir: string }, any>, interpretStudy as Study<{ outDir: string }, any>, reasoningWordsStudy as Study<{ outDir: string }, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any
