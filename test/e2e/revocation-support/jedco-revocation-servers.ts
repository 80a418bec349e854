import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { findFreePort, waitForAccept } from '../../../src/crypto/x509/revocation/revocation-peers.test-support';
import { peopleDirectory } from '../../webmail/story-mail';

/**
 * The Jed Co CA's revocation servers on loopback, where test/fixtures/make-fixtures.sh points its
 * certificates: CRLs and CA certificates over HTTP on 127.0.0.1:18080 (`/<ca>.crl`, `/<ca>.cer`),
 * and `openssl ocsp` answering for the mail CA (the CA signs its own responses, RFC 6960 §2.6)
 * behind a small proxy on 127.0.0.1:18081 that counts the requests, since `openssl ocsp` logs none.
 * Other programs on the machine (another Signet build, the CLI's tests) may ask the same fixed
 * ports, so requests are recorded with their Origin and, for OCSP, the serial number asked about.
 */
export const CRL_PORT = 18080;
export const OCSP_PORT = 18081;

export interface SeenRequest {
  method: string;
  path: string;
  /** The Origin header: a Signet build's POST says `chrome-extension://<id>`; its GETs carry none. */
  origin?: string;
  userAgent?: string;
  /** OCSP only: the serial number (hex, upper case) asked about. */
  serial?: string;
}

export interface RunningServer {
  requests: SeenRequest[];
  stop(): Promise<void>;
}

const SERVED = /^\/(jedco-root|jedco-mail-ca)\.(crl|cer)$/;

/** The CRL and CA-certificate server. */
export async function startCrlServer(): Promise<RunningServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', origin: request.headers.origin, userAgent: request.headers['user-agent'] });
    const path = request.url ?? '/';
    const file = join(peopleDirectory, path.slice(1));
    if (!SERVED.test(path) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const mediaType = path.endsWith('.crl') ? 'application/pkix-crl' : 'application/pkix-cert';
    response.writeHead(200, { 'content-type': mediaType }).end(readFileSync(file));
  });
  await listen(server, CRL_PORT);
  return { requests, stop: () => close(server) };
}

/** `openssl ocsp` for the mail CA (its index.txt lists Drysdale revoked), behind a counting proxy. */
export async function startOcspResponder(): Promise<RunningServer> {
  const innerPort = await findFreePort();
  const responder = spawn(
    'openssl',
    [
      'ocsp',
      '-index', join(peopleDirectory, 'ca-jedco-mail-ca', 'index.txt'),
      '-port', String(innerPort),
      '-CA', join(peopleDirectory, 'jedco-mail-ca.pem'),
      '-rsigner', join(peopleDirectory, 'jedco-mail-ca.pem'),
      '-rkey', join(peopleDirectory, 'jedco-mail-ca.key'),
      '-nmin', '60',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForAccept(responder);
  const requests: SeenRequest[] = [];
  // One request at a time towards openssl, which serves one connection at a time.
  let queue: Promise<void> = Promise.resolve();
  const proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', origin: request.headers.origin, userAgent: request.headers['user-agent'], serial: serialAskedAbout(Buffer.concat(chunks)) });
      queue = queue.then(() => forward(innerPort, request.method ?? 'POST', request.url ?? '/', request.headers['content-type'], Buffer.concat(chunks), response));
    });
  });
  await listen(proxy, OCSP_PORT);
  return {
    requests,
    async stop() {
      await close(proxy);
      if (responder.exitCode === null) {
        const exited = new Promise<void>((resolve) => responder.once('exit', () => resolve()));
        responder.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** The serial number (hex, upper case) of the first certificate an OCSP request asks about (RFC 6960 §4.1.1). */
function serialAskedAbout(body: Buffer): string {
  try {
    const request = new pkijs.OCSPRequest({ schema: asn1js.fromBER(new Uint8Array(body)).result });
    const serial = request.tbsRequest.requestList[0]?.reqCert.serialNumber.valueBlock.valueHexView ?? new Uint8Array();
    return Buffer.from(serial).toString('hex').toUpperCase();
  } catch {
    return 'unreadable';
  }
}

/** The serial number of a fixture person's certificate, as `openssl x509 -serial` prints it. */
export function serialOf(person: string): string {
  const printed = execFileSync('openssl', ['x509', '-noout', '-serial', '-in', join(peopleDirectory, `${person}.pem`)], { encoding: 'utf8' });
  return printed.trim().replace(/^serial=/, '').toUpperCase();
}

function forward(port: number, method: string, path: string, contentType: string | undefined, body: Buffer, response: import('node:http').ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { 'content-type': contentType ?? 'application/ocsp-request', 'content-length': body.byteLength, connection: 'close' } },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          response.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/ocsp-response' }).end(Buffer.concat(parts));
          resolve();
        });
      },
    );
    outgoing.on('error', () => {
      response.writeHead(502).end();
      resolve();
    });
    outgoing.end(body);
  });
}

async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
