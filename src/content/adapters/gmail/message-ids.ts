/**
 * Gmail's message ids (GMAIL-NOTES.md §1, §2). An opened message `div.adn` carries
 * `data-message-id="#msg-f:<decimal>"` and, once synced, `data-legacy-message-id="<16 hex>"`;
 * the legacy id is the decimal in base 16 (InboxSDK converts with `BigNumber(n).toString(16)`),
 * and it is also the Gmail API id. A just-sent message has a local `msg-a:r…` id only.
 */
import { LEGACY_MESSAGE_ID_ATTRIBUTE, MESSAGE_ID_ATTRIBUTE } from './selectors';

export interface GmailMessageIds {
  /** e.g. `msg-f:1638756560099919527` or `msg-a:r-123`, without Gmail's leading `#`. */
  permanentId?: string;
  /** 16 lower-case hex digits, e.g. `16be0868ae18c6a7`. */
  legacyHex?: string;
}

const PERMANENT_ID = /^#?(msg-[af]:[A-Za-z0-9_-]{1,64})$/;
const LEGACY_HEX = /^[0-9a-f]{16}$/i;
const SYNCED_DECIMAL = /^msg-f:([0-9]{1,20})$/;

export function readGmailMessageIds(element: Element): GmailMessageIds {
  const permanentMatch = PERMANENT_ID.exec(element.getAttribute(MESSAGE_ID_ATTRIBUTE) ?? '');
  const permanentId = permanentMatch?.[1];
  const legacyAttribute = element.getAttribute(LEGACY_MESSAGE_ID_ATTRIBUTE) ?? '';
  const legacyHex = LEGACY_HEX.test(legacyAttribute)
    ? legacyAttribute.toLowerCase()
    : permanentId === undefined
      ? undefined
      : legacyHexFromPermanentId(permanentId);
  return { permanentId, legacyHex };
}

/** `msg-f:<decimal>` -> the 16-hex legacy id; undefined for local `msg-a:` ids. */
export function legacyHexFromPermanentId(permanentId: string): string | undefined {
  const decimal = SYNCED_DECIMAL.exec(permanentId)?.[1];
  if (decimal === undefined) return undefined;
  const value = BigInt(decimal);
  if (value >= 1n << 64n) return undefined;
  return value.toString(16).padStart(16, '0');
}

/** The id Signet records for a message: the permanent one when present, else the legacy hex. */
export function describeMessageId(ids: GmailMessageIds): string | undefined {
  return ids.permanentId ?? (ids.legacyHex === undefined ? undefined : `legacy:${ids.legacyHex}`);
}
