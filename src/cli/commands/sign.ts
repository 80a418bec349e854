/**
 * `npm run --silent smime -- sign FILE --p12 FILE --password PW [--opaque]` (DESIGN.md, CLI
 * contract): prints the signed message on stdout.
 */
import type { HashName, SignatureScheme } from '../../crypto/keys/private-key-handle';
import { createPrivateKeyHandle, importIdentityKeys } from '../../crypto/keys/identity-keys';
import { signMessage } from '../../crypto/message/sign-message';
import { parseArguments, singleValue, UsageError } from '../arguments';
import { describeExitStatus, EXIT_SUCCESS } from '../exit-status';
import { MAX_MESSAGE_BYTES, readDigitalIdFile, readInputFile } from '../input-files';

export const SIGN_HELP = `Usage: smime sign FILE --p12 FILE --password PW [--opaque] [--hash sha-256|sha-384|sha-512] [--pss]

Signs the message in FILE (.eml) with the digital ID and prints the signed message on stdout:
multipart/signed (readable everywhere) by default, application/pkcs7-mime signed-data with
--opaque. RSA keys sign RSASSA-PKCS1-v1_5, or RSA-PSS with --pss; EC keys sign ECDSA; Ed25519
keys sign Ed25519 (RFC 8419). The hash is SHA-256 unless --hash says otherwise (SHA-512 for Ed25519).

${describeExitStatus('0 signed')}
`;

const HASHES: Record<string, HashName> = { 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' };

export async function run(args: string[]): Promise<number> {
  const options = parseArguments(args, { values: ['p12', 'password', 'hash'], flags: ['opaque', 'pss', 'help'] });
  if (options.flags.has('help')) {
    process.stdout.write(SIGN_HELP);
    return EXIT_SUCCESS;
  }
  if (options.positionals.length !== 1) throw new UsageError('give exactly one message FILE');
  const p12Path = singleValue(options, 'p12');
  const password = singleValue(options, 'password');
  if (p12Path === undefined || password === undefined) throw new UsageError('sign needs --p12 FILE and --password PW');
  // Without --hash signMessage chooses: SHA-256, or SHA-512 for Ed25519 (RFC 8419 §3.1).
  const hashValue = singleValue(options, 'hash');
  const hash = hashValue === undefined ? undefined : HASHES[hashValue.toLowerCase().replace(/^sha(\d)/, 'sha-$1')];
  if (hashValue !== undefined && !hash) throw new UsageError(`--hash must be one of ${Object.keys(HASHES).join(', ')}`);

  const message = readInputFile(options.positionals[0], 'message', MAX_MESSAGE_BYTES);
  const digitalId = await readDigitalIdFile(p12Path, password);
  const scheme: SignatureScheme | undefined = options.flags.has('pss') ? 'RSA-PSS' : undefined;
  if (scheme === 'RSA-PSS' && digitalId.keyType !== 'RSA') throw new UsageError('--pss needs an RSA key');
  const key = createPrivateKeyHandle(await importIdentityKeys(digitalId));
  const signed = await signMessage(message, { key, certificates: digitalId.certificates }, {
    form: options.flags.has('opaque') ? 'opaque' : 'detached',
    hash,
    scheme,
  });
  process.stdout.write(signed);
  return EXIT_SUCCESS;
}
