import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleGmailApi, isGmailApiPath } from './gmail-api';
import { importDirectory, type ImportResult } from './import-mail';
import { MailStore } from './mail-store';
import { loadPageAssets } from './page-assets';
import { handlePageRequest } from './page-routes';

export interface WebmailOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** A directory of .eml files to file into their recipients' inboxes at start. */
  importDir?: string;
  /** Where mail persists; default `.webmail-data/` in the repository. */
  dataDir?: string;
  /** Rewrite sent mail's bodies as providers do (see rewrite-sent.ts). */
  rewriteSent?: boolean;
}

export interface RunningWebmail {
  origin: string;
  port: number;
  dataDir: string;
  imported: ImportResult;
  stop(): Promise<void>;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the demo webmail on 127.0.0.1 (DESIGN.md "Contracts": the demo webmail). */
export async function startWebmail(options: WebmailOptions = {}): Promise<RunningWebmail> {
  const dataDir = resolve(options.dataDir ?? join(repositoryRoot, '.webmail-data'));
  const store = new MailStore(dataDir);
  const imported = options.importDir ? importDirectory(store, resolve(options.importDir)) : { filed: 0, skipped: [] };
  const assets = loadPageAssets();
  const rewriteSent = options.rewriteSent ?? false;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const handled = isGmailApiPath(url.pathname)
      ? handleGmailApi(request, response, url, { store, rewriteSent })
      : handlePageRequest(request, response, url, { store, assets });
    handled.catch((error: unknown) => {
      console.error('demo webmail:', error);
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      response.end('internal error');
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    imported,
    stop: () => close(server),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolveClose, reject) => {
    server.close((error) => (error ? reject(error) : resolveClose()));
    server.closeAllConnections();
  });
}
