/**
 * `npm run --silent smime -- decrypt FILE --p12 FILE --password PW` (DESIGN.md, CLI contract):
 * prints the decrypted MIME entity on stdout, bytes as they were encrypted.
 */
import { createPrivateKeyHandle, importIdentityKeys } from '../../crypto/keys/identity-keys';
import { decryptMessage } from '../../crypto/message/decrypt-message';
import { parseArguments, singleValue, UsageError } from '../arguments';
import { describeExitStatus, EXIT_SUCCESS } from '../exit-status';
import { MAX_MESSAGE_BYTES, readDigitalIdFile, readInputFile } from '../input-files';

export const DECRYPT_HELP = `Usage: smime decrypt FILE --p12 FILE --password PW

Decrypts the message in FILE (.eml) with the digital ID and prints the decrypted MIME entity on
stdout. Only a message whose top-level part is encrypted is decrypted (an encrypted part nested in
an unencrypted message is refused); outer signatures are looked through, not checked (use verify).
The encryption used is reported on stderr with --report.

${describeExitStatus('0 decrypted')}
`;

export async function run(args: string[]): Promise<number> {
  const options = parseArguments(args, { values: ['p12', 'password'], flags: ['help', 'report'] });
  if (options.flags.has('help')) {
    process.stdout.write(DECRYPT_HELP);
    return EXIT_SUCCESS;
  }
  if (options.positionals.length !== 1) throw new UsageError('give exactly one message FILE');
  const p12Path = singleValue(options, 'p12');
  const password = singleValue(options, 'password');
  if (p12Path === undefined || password === undefined) throw new UsageError('decrypt needs --p12 FILE and --password PW');

  const message = readInputFile(options.positionals[0], 'message', MAX_MESSAGE_BYTES);
  const digitalId = await readDigitalIdFile(p12Path, password);
  const key = createPrivateKeyHandle(await importIdentityKeys(digitalId));
  digitalId.privateKeyPkcs8.fill(0);
  const decrypted = await decryptMessage(message, { key, certificate: digitalId.certificates[0] });
  if (options.flags.has('report')) process.stderr.write(`${JSON.stringify(decrypted.encryption)}\n`);
  process.stdout.write(decrypted.content);
  return EXIT_SUCCESS;
}
