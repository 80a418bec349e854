/**
 * Each benchmarked operation as one call into the engine, set up the way the extension calls it:
 * signing through a `PrivateKeyHandle` over non-extractable WebCrypto keys, verification with
 * the Jed Co root as trust anchor, encryption to a recipient certificate, decryption with the
 * recipient's handle. Each call also checks its own result, so a fast failure never passes for
 * a fast success.
 */
import { createPrivateKeyHandleFromPkcs8 } from '../src/crypto/keys/identity-keys';
import { decryptMessage } from '../src/crypto/message/decrypt-message';
import { encryptMessage } from '../src/crypto/message/encrypt-message';
import { signMessage } from '../src/crypto/message/sign-message';
import { verifyMessage } from '../src/crypto/message/verify-message';
import type { ProblemCode, Verdict } from '../src/crypto/verdict';
import { readCertificateDer, readPkcs8Der } from './fixtures';
import type { Operation } from './operations';

export type SignetCall = (raw: Uint8Array) => Promise<Uint8Array>;

/** A verdict the benchmark accepts: `valid`, one signer (revocation is unknown offline: a note, not a problem). */
const FATAL_PROBLEMS: readonly ProblemCode[] = ['bad-signature', 'digest-mismatch', 'invalid-path', 'no-trust-anchor', 'malformed-cms', 'malformed-mime', 'signer-email-mismatch'];

function checkVerdict(verdict: Verdict): void {
  const fatal = verdict.problems.filter((problem) => FATAL_PROBLEMS.includes(problem));
  if (verdict.signers.length !== 1 || fatal.length > 0 || verdict.status !== 'valid') {
    throw new Error(`verifyMessage did not accept the benchmark message: ${verdict.status} ${verdict.problems.join(', ')}`);
  }
}

/** Builds the call for `operation` (keys imported once, outside the timed part). */
export async function prepareSignetCall(operation: Operation): Promise<SignetCall> {
  const jethro = readCertificateDer('jethro');
  const mailCa = readCertificateDer('jedco-mail-ca');
  const root = readCertificateDer('jedco-root');
  const ellieMay = readCertificateDer('ellie-may');
  switch (operation) {
    case 'sign': {
      const key = await createPrivateKeyHandleFromPkcs8(readPkcs8Der('jethro'));
      return (raw) => signMessage(raw, { key, certificates: [jethro, mailCa] }, { hash: 'SHA-256', form: 'detached' });
    }
    case 'verify':
      return async (raw) => {
        const verdict = await verifyMessage(raw, { trustAnchors: [root] });
        checkVerdict(verdict);
        return new TextEncoder().encode(JSON.stringify({ status: verdict.status, problems: verdict.problems }));
      };
    case 'encrypt-rsa':
      return (raw) => encryptMessage(raw, [{ certificate: jethro, keyTransport: 'pkcs1v15' }], { content: 'aes-256-cbc' });
    case 'encrypt-ec':
      return (raw) => encryptMessage(raw, [{ certificate: ellieMay }], { content: 'aes-256-cbc' });
    case 'decrypt-pkcs1v15':
    case 'decrypt-oaep': {
      const key = await createPrivateKeyHandleFromPkcs8(readPkcs8Der('jethro'));
      return async (raw) => (await decryptMessage(raw, { key, certificate: jethro })).content;
    }
  }
}
