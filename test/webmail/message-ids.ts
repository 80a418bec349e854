/**
 * Gmail's message and thread ids: a 64-bit number shown as 16 hex digits in the API and in
 * `data-legacy-message-id`, and in decimal in `data-message-id="#msg-f:<decimal>"`
 * (GMAIL-NOTES.md section 2: the hex id is the decimal one in base 16). Like Gmail's, they grow
 * with time: milliseconds shifted left by 20 bits, plus a sequence number.
 */

const SEQUENCE_BITS = 20n;
const SEQUENCE_MASK = (1n << SEQUENCE_BITS) - 1n;

export function createMessageId(now: number, sequence: number): string {
  const value = (BigInt(now) << SEQUENCE_BITS) | (BigInt(sequence) & SEQUENCE_MASK);
  return value.toString(16).padStart(16, '0');
}

export function hexIdToDecimal(hexId: string): string {
  return BigInt(`0x${hexId}`).toString(10);
}

export function decimalIdToHex(decimalId: string): string {
  return BigInt(decimalId).toString(16).padStart(16, '0');
}

/** True for ids the API accepts: 1 to 16 hex digits (Gmail answers 400 "Invalid id value" otherwise). */
export function isWellFormedHexId(id: string): boolean {
  return /^[0-9a-f]{1,16}$/i.test(id);
}
