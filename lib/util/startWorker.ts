/**
 * startWorker: a worker thread running the module `name` (without extension) next to the calling
 * module `from` (its `import.meta.url`): the built `.js` file, or, when the caller runs from its `.ts`
 * source under tsx (the tests), the `.ts` file with tsx's loader registered inside the worker first (a
 * worker does not inherit a loader that was registered in-process).
 *
 * Type: (name, from, options?) → Worker.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startWorker(name: string, from: string, options: WorkerOptions = {}): Worker {
  const source = from.endsWith(".ts");
  const module = new URL(`./${name}${source ? ".ts" : ".js"}`, from);
  if (!source) return new Worker(module, options);
  const tsx = pathToFileURL(createRequire(from).resolve("tsx/esm/api").replace(/index\.cjs$/, "index.mjs")).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
