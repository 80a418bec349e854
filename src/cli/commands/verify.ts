/**
 * `npm run --silent smime -- verify FILE ...` (DESIGN.md, CLI contract): prints the verdict JSON,
 * the same object the badge renders, and exits 0 only for `valid`.
 */
import { SignetError } from '../../shared/errors';
import { importIdentityKeys, createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import { decryptMessage } from '../../crypto/message/decrypt-message';
import { verifyMessage, type VerifyOptions } from '../../crypto/message/verify-message';
import { describeProblem } from '../../crypto/problem-descriptions';
import { createBoundedFetch } from '../../crypto/x509/revocation/fetch-bytes';
import { createMemoryRevocationCache } from '../../crypto/x509/revocation/revocation-cache';
import { validateCertificatePathOnline } from '../../crypto/x509/revocation/validate-path-online';
import { parseArguments, singleValue, UsageError } from '../arguments';
import { describeExitStatus, EXIT_NOT_VALID, EXIT_SUCCESS } from '../exit-status';
import { MAX_MESSAGE_BYTES, readCertificateFile, readCrlFile, readDigitalIdFile, readInputFile } from '../input-files';

export const VERIFY_HELP = `Usage: smime verify FILE [--trust PEM]... [--crl FILE]... [--known PEM]...
                    [--p12 FILE --password PW] [--at ISO-TIME] [--offline] [--explain]

Verifies the S/MIME signature of the message in FILE (.eml, CRLF or LF) and prints the verdict
as JSON on stdout.

  --trust PEM      trust anchors (root certificates); a PEM file may hold several
  --crl FILE       CRLs (PEM or DER) to judge revocation with
  --known PEM      certificates known beforehand (contacts, intermediates): for -nocerts mail
  --p12 FILE       a digital ID to decrypt an encrypted message first (with --password PW)
  --at ISO-TIME    judge as of this time instead of now
  --offline        fetch nothing; otherwise missing intermediates, OCSP answers and CRLs named
                   in the certificates are fetched over HTTP (each fetch at most 8 s)
  --explain        also print each problem in plain words on stderr

${describeExitStatus(`0 the signature is valid; 1 any other verdict (invalid, revoked, expired,
untrusted, mismatch, weak, unsigned)`)}
`;

export async function run(args: string[]): Promise<number> {
  const options = parseArguments(args, { values: ['trust', 'crl', 'known', 'p12', 'password', 'at'], flags: ['offline', 'explain', 'help'] });
  if (options.flags.has('help')) {
    process.stdout.write(VERIFY_HELP);
    return EXIT_SUCCESS;
  }
  if (options.positionals.length !== 1) throw new UsageError('give exactly one message FILE');
  const message = readInputFile(options.positionals[0], 'message', MAX_MESSAGE_BYTES);
  const verifyOptions: VerifyOptions = {
    trustAnchors: (options.values.get('trust') ?? []).flatMap(readCertificateFile),
    knownCertificates: (options.values.get('known') ?? []).flatMap(readCertificateFile),
    crls: (options.values.get('crl') ?? []).flatMap(readCrlFile),
    at: readTime(singleValue(options, 'at')),
    decrypt: await readDecryptor(singleValue(options, 'p12'), singleValue(options, 'password')),
    validatePath: options.flags.has('offline') ? undefined : createOnlinePathValidator(),
  };
  const verdict = await verifyMessage(message, verifyOptions);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  if (options.flags.has('explain')) {
    process.stderr.write(`${verdict.status}\n`);
    for (const problem of verdict.problems) process.stderr.write(`- ${describeProblem(problem)}\n`);
  }
  return verdict.status === 'valid' ? EXIT_SUCCESS : EXIT_NOT_VALID;
}

/**
 * Without --offline, missing intermediates (AIA caIssuers), OCSP answers and CRLs are fetched over
 * plain HTTP with Node's fetch, bounded in time and size (DESIGN.md, CLI contract).
 */
function createOnlinePathValidator(): VerifyOptions['validatePath'] {
  const network = { fetch: createBoundedFetch((url, init) => fetch(url, init)), cache: createMemoryRevocationCache() };
  return (input) => validateCertificatePathOnline(input, network);
}

function readTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--at ${value} is not an ISO 8601 time`);
  return time;
}

async function readDecryptor(p12Path: string | undefined, password: string | undefined): Promise<VerifyOptions['decrypt']> {
  if (p12Path === undefined) {
    if (password !== undefined) throw new UsageError('--password goes with --p12');
    return undefined;
  }
  if (password === undefined) throw new UsageError('--p12 needs --password');
  const digitalId = await readDigitalIdFile(p12Path, password);
  const certificate = digitalId.certificates[0];
  if (!certificate) throw new SignetError('no-certificate', `${p12Path} holds no certificate`);
  const key = createPrivateKeyHandle(await importIdentityKeys(digitalId));
  return (entity) => decryptMessage(entity, { key, certificate });
}
