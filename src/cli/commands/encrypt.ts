/**
 * `npm run --silent smime -- encrypt FILE --to CERT.pem… [--oaep] [--gcm]` (DESIGN.md, CLI
 * contract): prints the encrypted message on stdout.
 */
import type { EncryptionRecipient } from '../../crypto/message/encrypt-message';
import { encryptMessage } from '../../crypto/message/encrypt-message';
import { parseArguments, UsageError } from '../arguments';
import { describeExitStatus, EXIT_SUCCESS } from '../exit-status';
import { MAX_MESSAGE_BYTES, readCertificateFile, readInputFile } from '../input-files';

export const ENCRYPT_HELP = `Usage: smime encrypt FILE --to CERT.pem [--to CERT.pem]… [--oaep] [--gcm]

Encrypts the message in FILE (.eml) to exactly the certificates given with --to (the first
certificate of each file: the recipient's own, not its chain) and prints the new message on
stdout. From, To, Subject and the other RFC 5322 fields stay readable outside; the content is an
application/pkcs7-mime entity. Add your own certificate with --to if you want to read the
message again: the CLI does not add the sender for you (the extension does).

  RSA certificates  RSAES-PKCS1-v1_5 key transport, or RSAES-OAEP (SHA-256) with --oaep
  EC certificates   ECDH ephemeral-static, X9.63 KDF with SHA-256, AES key wrap
  content           AES-256-CBC (EnvelopedData), or AES-256-GCM (AuthEnvelopedData) with --gcm

${describeExitStatus('0 encrypted')}
`;

export async function run(args: string[]): Promise<number> {
  const options = parseArguments(args, { values: ['to'], flags: ['oaep', 'gcm', 'help'] });
  if (options.flags.has('help')) {
    process.stdout.write(ENCRYPT_HELP);
    return EXIT_SUCCESS;
  }
  if (options.positionals.length !== 1) throw new UsageError('give exactly one message FILE');
  const certificateFiles = options.values.get('to') ?? [];
  if (certificateFiles.length === 0) throw new UsageError('encrypt needs at least one --to CERT.pem');

  const message = readInputFile(options.positionals[0], 'message', MAX_MESSAGE_BYTES);
  const keyTransport = options.flags.has('oaep') ? 'oaep' : 'pkcs1v15';
  const recipients: EncryptionRecipient[] = certificateFiles.map((path) => ({ certificate: readCertificateFile(path)[0], keyTransport }));
  const encrypted = await encryptMessage(message, recipients, { content: options.flags.has('gcm') ? 'aes-256-gcm' : 'aes-256-cbc' });
  process.stdout.write(encrypted);
  return EXIT_SUCCESS;
}
