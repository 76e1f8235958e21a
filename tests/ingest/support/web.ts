/** A local web server for the ingest tests: routes by path, records every request, stops after the file's tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestSite {
  /** http://127.0.0.1:PORT */
  origin: string;
  url(path: string): string;
  /** Adds or replaces the handler of a path (query strings are part of the path). */
  route(path: string, handler: Route): void;
  /** Every request so far: method, path, headers. */
  requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

const open: TestSite[] = [];

export async function startSite(routes: Record<string, Route> = {}): Promise<TestSite> {
  const table = new Map(Object.entries(routes));
  const requests: TestSite['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    const handler = table.get(req.url ?? '/') ?? table.get((req.url ?? '/').split('?')[0]!);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      res.destroy(err as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const site: TestSite = {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void table.set(path, handler),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(site);
  return site;
}

/** A handler answering 200 with this body and content type (and any extra headers). */
export function body(contentType: string, content: string | Uint8Array, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, ...headers }).end(content);
  };
}

/** A handler answering a redirect (302 unless told) to this address. */
export function redirect(location: string, status = 302): Route {
  return (_req, res) => void res.writeHead(status, { location }).end();
}

afterAll(async () => {
  await Promise.all(open.splice(0).map((site) => site.close()));
});
