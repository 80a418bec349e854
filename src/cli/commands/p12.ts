/**
 * `smime p12 FILE --password PW`: reads a digital ID (RFC 7292) the way the extension imports it
 * and prints what it holds as JSON: who it is for, the key, the chain size, validity, fingerprint.
 * Nothing secret is printed.
 */
import { importIdentityKeys } from '../../crypto/keys/identity-keys';
import { summarizeCertificate } from '../../crypto/x509/certificate-summary';
import { parseArguments, requiredValue } from '../arguments';
import { describeExitStatus, EXIT_SUCCESS } from '../exit-status';
import { readDigitalIdFile } from '../input-files';

export const P12_HELP = `Usage: smime p12 FILE --password PW

Reads the digital ID in FILE (.p12/.pfx) and prints a JSON summary: subject, e-mail addresses,
key algorithm and size, certificate count, validity, SHA-256 fingerprint of the certificate,
friendly name. Use --password '' for a file without a password.

${describeExitStatus('0 the digital ID was read')}
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseArguments(args, { values: ['password'], flags: ['help'], positionals: { minimum: 1, maximum: 1, name: 'FILE' } });
  if (parsed.flags.has('help')) {
    process.stdout.write(P12_HELP);
    return EXIT_SUCCESS;
  }
  const [file] = parsed.positionals;
  const password = requiredValue(parsed, 'password');
  const digitalId = await readDigitalIdFile(file, password);
  try {
    // Import as the extension does, so a key WebCrypto refuses is reported here too.
    await importIdentityKeys(digitalId);
  } finally {
    digitalId.privateKeyPkcs8.fill(0);
  }
  const leaf = await summarizeCertificate(digitalId.certificates[0]);
  const summary = {
    subject: leaf.subject,
    issuer: leaf.issuer,
    emailAddresses: leaf.emailAddresses,
    keyAlgorithm: digitalId.keyType,
    keySizeBits: digitalId.keySizeBits,
    ...(digitalId.namedCurve === undefined ? {} : { namedCurve: digitalId.namedCurve }),
    certificateCount: digitalId.certificates.length,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprintSha256,
    ...(digitalId.friendlyName === undefined ? {} : { friendlyName: digitalId.friendlyName }),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return EXIT_SUCCESS;
}
