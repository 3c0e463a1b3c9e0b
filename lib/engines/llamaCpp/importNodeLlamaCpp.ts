/**
 * importNodeLlamaCpp: node-llama-cpp, imported on first use so that logitlab loads without it (it is a
 * devDependency: `npm install` in this repository installs it; users of the published package add it
 * themselves). A missing package is one LogitlabError line with the install command; the exact pin
 * matters (newer releases' lockfiles are refused by `npm ci` on some registries).
 *
 * @example
 * const llamaCpp = await importNodeLlamaCpp();
 * typeof llamaCpp.getLlama
 * // => "function"
 */
import { LogitlabError } from "../../util/errors.js";

export type NodeLlamaCpp = typeof import("node-llama-cpp");

let loaded: Promise<NodeLlamaCpp> | undefined;

export async function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  loaded ??= import("node-llama-cpp").catch((error: unknown) => {
    loaded = undefined;
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new LogitlabError("node-llama-cpp is not installed; run `npm i -E node-llama-cpp@3.21.1` to run .gguf models", { context: "llama.cpp engine", kind: "data" });
    }
    throw new LogitlabError(`node-llama-cpp failed to load: ${(error as Error).message.split("\n")[0]}`, { context: "llama.cpp engine", kind: "data" });
  });
  return loaded;
}
