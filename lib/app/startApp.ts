/**
 * startApp: the local web server of `logitlab app` (node:http; a framework would add nothing for four
 * routes), bound to 127.0.0.1 only:
 *
 *   GET  /             the page (`appPage`)
 *   GET  /app.js       its script (`appScript`)
 *   GET  /plotly.js    plotly.js from the installed plotly.js-dist-min (no network)
 *   POST /api/analyze  { text } or { ids } (`parseAppRequest`) → the view as JSON: ids, tokens, the
 *                      decoded text, the top-k next tokens, the context length and the figure specs
 *                      (`interpretView`, `interpretFigures`, notebook theme)
 *
 * Bounds: a body of at most 64 KiB (more is 413 and the connection is closed), a text of at most
 * `MAX_INTERPRET_TEXT` characters, at most the model's context in tokens; POST needs
 * `Content-Type: application/json` (a cross-site form cannot send it), and the Host header must name
 * this server (127.0.0.1 or localhost with its port), which turns away DNS-rebinding pages. A bad
 * request is a 4xx with `{ "error": "<one line>" }`. Every response carries a Content-Security-Policy
 * that allows scripts and requests from this server only, and `nosniff`. Requests run one at a time
 * (one model). Leaks no tensors per request.
 *
 * Type: (model, { port?, modelName?, topK? }) → Promise<{ url, port, close() }>; port 0 picks a free one.
 *
 * @example
 * const model = await loadModel("data/models/tiny-gpt2-small");
 * const app = await startApp(model, { port: 0 });
 * const reply = await fetch(app.url + "api/analyze", { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"And God"}' });
 * const view = await reply.json(); await app.close();
 * [reply.status, view.tokens.length, Object.keys(view.figures).length]
 * // => [200, 2, 5]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { CausalLM } from "../models/causalLM.js";
import { plotlyPath } from "../plot/browser.js";
import { notebookTheme, withTheme } from "../plot/theme.js";
import { interpretFigures } from "../studies/interpret/interpretFigures.js";
import { MAX_INTERPRET_TEXT } from "../studies/interpret/interpretOptions.js";
import { interpretView } from "../studies/interpret/interpretView.js";
import { LogitlabError } from "../util/errors.js";
import { appPage } from "./appPage.js";
import { appScript } from "./appScript.js";
import { parseAppRequest } from "./parseAppRequest.js";

/** Largest request body accepted, in bytes. */
export const MAX_APP_BODY = 64 * 1024;

const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export interface RunningApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApp(model: CausalLM, options: { port?: number; modelName?: string; topK?: number } = {}): Promise<RunningApp> {
  const tokenizer = model.requireTokenizer();
  const host = "127.0.0.1";
  const page = appPage({ model: options.modelName ?? model.source.dir, maxChars: MAX_INTERPRET_TEXT });
  const script = appScript();
  const plotly = readFileSync(plotlyPath());
  const limits = { maxChars: MAX_INTERPRET_TEXT, maxTokens: model.config.maxPositions, vocabSize: model.config.vocabSize };
  let port = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { "content-type": type, "content-security-policy": CSP, "x-content-type-options": "nosniff", "cache-control": "no-store", "referrer-policy": "no-referrer" });
    res.end(body);
  };
  const fail = (res: ServerResponse, status: number, message: string): void => send(res, status, "application/json; charset=utf-8", JSON.stringify({ error: message }));

  const analyze = (body: string): unknown => {
    const request = parseAppRequest(body, limits);
    const ids = "ids" in request ? request.ids : tokenizer.encode(request.text, { addSpecialTokens: false }).ids;
    if (ids.length === 0) throw new LogitlabError("the text gives no tokens", { context: "app request", field: "text" });
    if (ids.length > limits.maxTokens) {
      throw new LogitlabError(`the text is ${ids.length} tokens but the model's context is ${limits.maxTokens}; shorten it`, { context: "app request", field: "text" });
    }
    const view = interpretView(model, ids, { topK: options.topK ?? 10 });
    const figures = Object.fromEntries(Object.entries(interpretFigures(view)).map(([name, build]) => {
      const fig = withTheme(build(), notebookTheme);
      return [name, { data: fig.data, layout: fig.layout }];
    }));
    return { ids: view.ids, tokens: view.tokens, text: model.decode(view.ids), next: view.next, context: limits.maxTokens, figures };
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const hostHeader = req.headers.host ?? "";
    if (hostHeader !== `${host}:${port}` && hostHeader !== `localhost:${port}`) return fail(res, 421, `Host ${JSON.stringify(hostHeader.slice(0, 80))} is not this server`);
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" || req.method === "HEAD") {
      if (path === "/") return send(res, 200, "text/html; charset=utf-8", page);
      if (path === "/app.js") return send(res, 200, "text/javascript; charset=utf-8", script);
      if (path === "/plotly.js") return send(res, 200, "text/javascript; charset=utf-8", plotly);
      if (path === "/favicon.ico") return send(res, 204, "image/x-icon", "");
      return fail(res, 404, `no page ${JSON.stringify(path.slice(0, 80))}`);
    }
    if (req.method !== "POST" || path !== "/api/analyze") return fail(res, 405, `${String(req.method).slice(0, 10)} ${JSON.stringify(path.slice(0, 80))} is not served; POST /api/analyze`);
    if (!/^application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? "")) return fail(res, 415, "the body must be sent as Content-Type: application/json");
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_APP_BODY) {
      fail(res, 413, `the body is ${declared} bytes; at most ${MAX_APP_BODY} bytes are accepted`);
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_APP_BODY) {
        fail(res, 413, `the body is more than ${MAX_APP_BODY} bytes`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_APP_BODY) return;
      queue = queue.then(() => {
        try {
          send(res, 200, "application/json; charset=utf-8", JSON.stringify(analyze(Buffer.concat(chunks).toString("utf8"))));
        } catch (error) {
          if (error instanceof LogitlabError) fail(res, 400, error.message);
          else fail(res, 500, `internal error: ${(error as Error).message.split("\n")[0]}`);
        }
      });
    });
  };

  const server = createServer(handle);
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new LogitlabError(`cannot listen on ${host}:${options.port ?? 0} (${error.code ?? error.message})`, { context: "app", field: "--port" })));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
