/**
 * Finding "our" RecipientInfo (RFC 5652 §6.2) and naming the others. A RecipientInfo names its
 * recipient by issuerAndSerialNumber or by subjectKeyIdentifier (KeyTransRecipientInfo's rid,
 * KeyAgreeRecipientInfo's RecipientEncryptedKey.rid, §6.2.1 and §6.2.2).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { formatName, namesEqual, readDistinguishedName } from '../../x509/distinguished-name';
import { hexOf, unsignedIntegerBytes, type RecipientCertificate } from './recipient-certificate';

export type RecipientIdentifier =
  | { kind: 'issuer-and-serial'; issuer: pkijs.RelativeDistinguishedNames; serialNumber: Uint8Array }
  | { kind: 'subject-key-identifier'; keyIdentifier: Uint8Array };

/** A place in the message where a content-encryption key waits for one recipient. */
export type RecipientSlot =
  | { kind: 'key-transport'; identifier: RecipientIdentifier; info: pkijs.KeyTransRecipientInfo }
  | { kind: 'key-agreement'; identifier: RecipientIdentifier; info: pkijs.KeyAgreeRecipientInfo; encryptedKey: pkijs.RecipientEncryptedKey }
  | { kind: 'other'; description: string };

function fromIssuerAndSerial(value: pkijs.IssuerAndSerialNumber): RecipientIdentifier {
  return { kind: 'issuer-and-serial', issuer: value.issuer, serialNumber: unsignedIntegerBytes(value.serialNumber.valueBlock.valueHexView) };
}

function fromKeyIdentifier(value: asn1js.OctetString): RecipientIdentifier {
  return { kind: 'subject-key-identifier', keyIdentifier: value.valueBlock.valueHexView };
}

const OTHER_KINDS: Record<number, string> = {
  3: 'a recipient with a pre-shared key (KEKRecipientInfo)',
  4: 'a password (PasswordRecipientInfo)',
  5: 'a recipient of another kind (OtherRecipientInfo)',
};

/** Every recipient slot of the message, in order. */
export function listRecipientSlots(recipientInfos: pkijs.RecipientInfo[]): RecipientSlot[] {
  const slots: RecipientSlot[] = [];
  for (const recipientInfo of recipientInfos) {
    const { value } = recipientInfo;
    if (recipientInfo.variant === 1 && value instanceof pkijs.KeyTransRecipientInfo) {
      const identifier = value.rid instanceof pkijs.IssuerAndSerialNumber ? fromIssuerAndSerial(value.rid) : fromKeyIdentifier(value.rid);
      slots.push({ kind: 'key-transport', identifier, info: value });
    } else if (recipientInfo.variant === 2 && value instanceof pkijs.KeyAgreeRecipientInfo) {
      for (const encryptedKey of value.recipientEncryptedKeys.encryptedKeys) {
        const rid = encryptedKey.rid;
        const identifier =
          rid.variant === 1
            ? fromIssuerAndSerial(rid.value as pkijs.IssuerAndSerialNumber)
            : fromKeyIdentifier((rid.value as pkijs.RecipientKeyIdentifier).subjectKeyIdentifier);
        slots.push({ kind: 'key-agreement', identifier, info: value, encryptedKey });
      }
    } else {
      slots.push({ kind: 'other', description: OTHER_KINDS[recipientInfo.variant] ?? 'an unknown kind of recipient' });
    }
  }
  return slots;
}

function bytesMatch(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

export function identifierMatches(identifier: RecipientIdentifier, certificate: RecipientCertificate): boolean {
  if (identifier.kind === 'subject-key-identifier') {
    return hexOf(identifier.keyIdentifier) === certificate.subjectKeyIdentifier;
  }
  if (!bytesMatch(identifier.serialNumber, certificate.serialNumber)) return false;
  try {
    return namesEqual(readDistinguishedName(identifier.issuer.valueBeforeDecode), certificate.record.issuer);
  } catch {
    return false;
  }
}

export function describeSlot(slot: RecipientSlot): string {
  if (slot.kind === 'other') return slot.description;
  const { identifier } = slot;
  if (identifier.kind === 'subject-key-identifier') return `the certificate with subject key identifier ${hexOf(identifier.keyIdentifier)}`;
  let issuer: string;
  try {
    issuer = formatName(readDistinguishedName(identifier.issuer.valueBeforeDecode));
  } catch {
    issuer = 'an unreadable issuer name';
  }
  return `serial ${hexOf(identifier.serialNumber)} issued by ${issuer}`;
}
