/**
 * Real peers for the revocation tests: a Node HTTP server on loopback serving the CRLs and CA
 * certificates of test/fixtures/make-revocation-pki.sh (plus a forged OCSP answer, a stalling and
 * a huge response), and `openssl ocsp` as the mail CA's OCSP responder. Ports are chosen free at
 * run time and written into the certificates, so parallel test runs don't collide.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RevocationPeers {
  directory: string;
  httpPort: number;
  ocspPort: number;
  /** Requests seen by the HTTP server, as "METHOD /path". */
  requests: string[];
  stop(): Promise<void>;
}

export async function startRevocationPeers(): Promise<RevocationPeers> {
  const directory = mkdtempSync(join(tmpdir(), 'signet-revocation-'));
  const httpPort = await findFreePort();
  const ocspPort = await findFreePort();
  execFileSync('bash', [join(__dirname, '../../../../test/fixtures/make-revocation-pki.sh'), directory, String(httpPort), String(ocspPort)]);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const path = request.url ?? '/';
    if (path === '/slow') return; // never answers
    if (path === '/huge') {
      response.writeHead(200, { 'content-type': 'application/pkix-crl' });
      const chunk = new Uint8Array(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.byteLength;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => (sent = Number.POSITIVE_INFINITY));
      return pump();
    }
    const file = path === '/forged-ocsp' ? 'forged-ocsp.der' : path.slice(1);
    const full = join(directory, file);
    if (!/^[a-z0-9.-]+$/.test(file) || !existsSync(full)) {
      response.writeHead(404).end();
      return;
    }
    request.resume();
    request.on('end', () => response.writeHead(200).end(readFileSync(full)));
  });
  await new Promise<void>((resolve) => server.listen(httpPort, '127.0.0.1', resolve));
  const responder = spawn(
    'openssl',
    ['ocsp', '-index', 'db-mail-ca/index.txt', '-port', String(ocspPort), '-rsigner', 'ocsp.pem', '-rkey', 'ocsp.key', '-CA', 'mail-ca.pem', '-nmin', '60'],
    { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForAccept(responder);
  return {
    directory,
    httpPort,
    ocspPort,
    requests,
    async stop() {
      await stopProcess(responder);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function findFreePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * `openssl ocsp` serves one connection at a time and waits on a connection that sends nothing, so
 * a TCP probe would wedge it: wait for the "ACCEPT" line it prints once listening.
 */
export async function waitForAccept(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('ACCEPT')) {
        clearTimeout(timer);
        resolve();
      }
    };
    // Keep draining both pipes for the responder's whole life, so it never blocks on a full pipe.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`openssl ocsp exited (${code}): ${output}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
