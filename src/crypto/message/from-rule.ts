/**
 * The From rule (DESIGN.md; "Johnny, You Are Fired", USENIX Security 2019, display-name tricks):
 * exactly one From field holding exactly one mailbox, compared by its address alone, never by the
 * display name, Reply-To or Sender. No From, an empty one, several mailboxes or several From fields
 * can't be matched to a signer, so they are a mismatch.
 */
import { getHeaderValues, normalizeAddress, parseAddressList } from '../mime/index';
import type { HeaderField } from '../mime/index';
import type { ProblemCode } from '../verdict';

export type FromJudgement = { address: string; problem?: undefined } | { address?: undefined; problem: Extract<ProblemCode, 'from-missing' | 'from-several-mailboxes'> };

export function judgeFromHeader(headers: readonly HeaderField[]): FromJudgement {
  const fields = getHeaderValues({ headers }, 'from');
  if (fields.length === 0) return { problem: 'from-missing' };
  if (fields.length > 1) return { problem: 'from-several-mailboxes' };
  let mailboxes: { address: string }[];
  try {
    mailboxes = parseAddressList(fields[0]);
  } catch {
    return { problem: 'from-missing' };
  }
  const addresses = mailboxes.map((mailbox) => normalizeAddress(mailbox.address)).filter((address) => address.includes('@'));
  if (addresses.length === 0 || mailboxes.length === 0) return { problem: 'from-missing' };
  if (mailboxes.length > 1) return { problem: 'from-several-mailboxes' };
  return { address: addresses[0] };
}

/** Certificates' addresses are lower-cased (certificateEmailAddresses); both sides are normalized alike. */
export function signerCarriesAddress(certificateAddresses: readonly string[], address: string): boolean {
  return certificateAddresses.some((candidate) => normalizeAddress(candidate) === address);
}
