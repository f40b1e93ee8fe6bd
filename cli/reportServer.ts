import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { CliError, EXIT } from './cliIo.js';

/**
 * The small server behind `pertask run --watch`: it serves the reports folder
 * on 127.0.0.1 and tells open pages to reload after each re-run, over
 * server-sent events (/events). Report pages are served with a script that
 * listens for those events and a content security policy that lets it
 * connect to this server and nowhere else.
 */
export interface ReportServer {
  /** The base address, e.g. http://127.0.0.1:41234 */
  readonly address: string;
  /** Tells every open page to reload. */
  reload(): void;
  /** Shows a problem on every open page (the last good report stays). */
  problem(text: string): void;
  close(): Promise<void>;
}

/** Listens for the server's events; reloads, or shows a problem in a banner over the report. */
const LIVE_SCRIPT = `<script>
(() => {
  const events = new EventSource('/events');
  // Marks the page once it listens, so a test (or a curious reader) can tell.
  events.addEventListener('open', () => (document.documentElement.dataset.live = 'open'));
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('problem', (event) => {
    let banner = document.getElementById('pertask-problem');
    if (banner === null) {
      banner = document.createElement('pre');
      banner.id = 'pertask-problem';
      banner.style.cssText = 'position:sticky;top:0;background:#fff4e5;border:1px solid #d55e00;' +
        'padding:0.6rem;white-space:pre-wrap;font-size:0.8rem;z-index:10';
      document.body.prepend(banner);
    }
    banner.textContent = JSON.parse(event.data);
  });
})();
</script>`;

/** The report page as served: allowed to reach this server, with the live script added. */
export function makeLive(html: string): string {
  const allowed = html.replace("default-src 'none';", "default-src 'none'; connect-src 'self';");
  // The last </body>: the inlined libraries hold the text "</body>" in their own strings.
  const end = allowed.lastIndexOf('</body>');
  if (end < 0) return allowed;
  return `${allowed.slice(0, end)}${LIVE_SCRIPT}\n${allowed.slice(end)}`;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function typeOf(path: string): string {
  const extension = path.slice(path.lastIndexOf('.'));
  return TYPES[extension] ?? 'application/octet-stream';
}

/** Starts the server on 127.0.0.1 (port 0: any free port) over the reports folder. */
export async function startReportServer(folder: string, port: number): Promise<ReportServer> {
  const clients = new Set<ServerResponse>();
  const send = (event: string, data: string) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${data}\n\n`);
  };
  const server = createServer((request, response) => {
    if (request.url === '/events') return openEvents(response, clients);
    serveFile(folder, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await listen(server, port);
  const { port: bound } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${bound}`,
    reload: () => send('reload', String(Date.now())),
    problem: (text) => send('problem', JSON.stringify(text)),
    close: () => closeServer(server, clients),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error.code})`;
      const message = `port ${port} on 127.0.0.1 ${reason}; choose another with --port.`;
      reject(new CliError(message, EXIT.usage));
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function openEvents(response: ServerResponse, clients: Set<ServerResponse>): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  clients.add(response);
  response.on('close', () => clients.delete(response));
}

async function serveFile(folder: string, request: IncomingMessage, response: ServerResponse) {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const file = normalize(join(folder, path));
  // A path that climbs out of the reports folder (/../../etc/passwd) is refused.
  if (!file.startsWith(normalize(folder) + sep) || path.endsWith('/')) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    return;
  }
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    return;
  }
  const type = typeOf(file);
  const body = type.startsWith('text/html') ? makeLive(content.toString('utf8')) : content;
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

function closeServer(server: Server, clients: Set<ServerResponse>): Promise<void> {
  for (const client of clients) client.end();
  clients.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
