/**
 * serveEngine: `openAiHandler` over node:http — `logitlab serve`'s server. It listens on `host`
 * (default 127.0.0.1: only this machine; say `0.0.0.0` to open it to the network) and `port`
 * (default 8000; 0 picks a free one, see `url`). Bounds: a request body over `maxBodyBytes` (default
 * 4 MiB) is answered 413 and the connection closed; a request must arrive within `requestTimeoutMs`
 * (default 60 s); the model runs one request at a time (a queue), so memory stays that of one request.
 * Nothing is logged (no request contents, no Authorization header). `close()` stops it.
 *
 * @example
 * const engine = await openEngine("test/fixtures/models/gpt2-f32");
 * const server = await serveEngine(engine, { port: 0 });
 * const models = await (await fetch(server.url + "/models")).json();
 * await server.close();
 * await engine.dispose();
 * [server.url.startsWith("http://127.0.0.1:"), models.data.length]
 * // => [true, 1]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "../engines/Engine.js";
import { LogitlabError } from "../util/errors.js";
import { openAiHandler, type OpenAiResponse, type ServeSettings } from "./openAiHandler.js";

export interface ServeOptions extends ServeSettings {
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
}

export interface OpenAiServer {
  /** The base URL clients use, ending in /v1 (e.g. http://127.0.0.1:8000/v1). */
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function serveEngine(engine: Engine, options: ServeOptions = {}): Promise<OpenAiServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 8000;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new LogitlabError(`port ${port} is not an integer in 0..65535`, { field: "--port" });
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const handle = openAiHandler(engine, options);
  let queue: Promise<unknown> = Promise.resolve();
  const send = (res: ServerResponse, reply: OpenAiResponse): void => {
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        refused = true;
        res.setHeader("connection", "close");
        // The answer goes out first; then the connection is closed instead of reading the rest.
        res.once("finish", () => req.destroy());
        send(res, { status: 413, body: { error: { message: `the request body is over ${maxBodyBytes} bytes`, type: "invalid_request_error", param: null, code: 413 } } });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const body = Buffer.concat(chunks).toString("utf8");
      const run = queue.then(() => handle(req.method ?? "GET", req.url ?? "/", body));
      queue = run.catch(() => undefined);
      run.then(
        (reply) => send(res, reply),
        () => send(res, { status: 500, body: { error: { message: "internal error", type: "server_error", param: null, code: 500 } } }),
      );
    });
  });
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.headersTimeout = Math.min(server.requestTimeout, 60_000);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new LogitlabError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { field: "--port", kind: "io" })));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/v1`,
    port: address.port,
    host: address.address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
