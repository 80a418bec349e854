/**
 * The self-check (issue 6 item 4; DESIGN.md "What providers do to signed mail"): the sent copy is
 * fetched back from the provider and verified (and decrypted with the sender's own key when it was
 * encrypted: the sender is always a recipient). A detached signature the provider broke (Gmail
 * re-encoding or folding the signed part) shows as `altered`, and the person is offered an opaque
 * resend, which no re-encoding of text can break.
 */
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import { decryptMessage } from '../../crypto/message/decrypt-message';
import { verifyMessage } from '../../crypto/message/verify-message';
import type { ProblemCode, Verdict } from '../../crypto/verdict';
import type { SelfCheckResult } from '../../shared/protocol';
import type { IdentityRecord, SignetDatabase } from '../store/schema';
import { loadVerificationInputs } from '../handlers/verification-inputs';

/** Problems that mean the bytes changed after Signet signed them. */
const ALTERATION_PROBLEMS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'digest-mismatch',
  'bad-signature',
  'signature-removed-in-transit',
  'malformed-cms',
  'malformed-mime',
  'content-type-mismatch',
]);

export async function checkSentCopy(
  sentCopy: Uint8Array,
  expectation: { signed: boolean; encrypted: boolean },
  identity: IdentityRecord | undefined,
  database: SignetDatabase,
): Promise<SelfCheckResult> {
  let decrypted = false;
  let verdict: Verdict;
  try {
    verdict = await verifyMessage(sentCopy, {
      ...(await loadVerificationInputs(database)),
      decrypt: identity
        ? async (entity) => {
            const opened = await decryptMessage(entity, { key: createPrivateKeyHandle(identity.keys), certificate: identity.certificates[0] });
            decrypted = true;
            return opened;
          }
        : undefined,
    });
  } catch (error) {
    return {
      outcome: 'altered',
      description: `The sent copy can't be read back as Signet sent it (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  if (expectation.encrypted && !decrypted) {
    return { outcome: 'altered', status: verdict.status, description: 'The sent copy is no longer encrypted as Signet sent it.' };
  }
  if (!expectation.signed) {
    return { outcome: 'intact', status: verdict.status, description: 'The sent copy is stored as Signet sent it: it decrypts with your key.' };
  }
  const altered = verdict.status === 'unsigned' || verdict.problems.some((problem) => ALTERATION_PROBLEMS.has(problem));
  if (altered) {
    return {
      outcome: 'altered',
      status: verdict.status,
      description:
        'The provider changed the signed part of the sent message, so the signature no longer holds for those who receive it. ' +
        'Resend it with an opaque signature (the message is wrapped inside the signature, which providers leave alone; ' +
        'a few old mail programs can read it only with S/MIME support).',
    };
  }
  return { outcome: 'intact', status: verdict.status, description: 'The sent copy verifies: the provider kept the signature intact.' };
}
