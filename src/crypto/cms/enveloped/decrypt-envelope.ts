/**
 * Opening an EnvelopedData or AuthEnvelopedData for one recipient (RFC 5652 §6, RFC 5083 §2):
 * find the RecipientInfo that names the recipient's certificate, recover the content-encryption
 * key with the private-key handle, decrypt (and for AES-GCM authenticate) the content.
 */
import { SignetError } from '../../../shared/errors';
import type { PrivateKeyHandle } from '../../keys/private-key-handle';
import type { EncryptionReport } from '../../verdict';
import { isAuthenticatedCipher, readContentAlgorithm } from './content-algorithm';
import { decryptContent } from './content-cipher';
import { decryptKeyAgreement } from './key-agreement';
import { decryptKeyTransport } from './key-transport';
import { OID } from './object-identifiers';
import { parseEnvelope, type EnvelopeKind, type ParsedEnvelope } from './parse-envelope';
import { readRecipientCertificate, type RecipientCertificate } from './recipient-certificate';
import { describeSlot, identifierMatches, listRecipientSlots, type RecipientSlot } from './recipient-identifiers';

export interface EnvelopeRecipient {
  key: PrivateKeyHandle;
  /** The recipient's certificate (DER): how the RecipientInfo is found. */
  certificate: Uint8Array;
}

export interface OpenedEnvelope {
  kind: EnvelopeKind;
  /** The decrypted content (for mail, a MIME entity), bytes as they were encrypted. */
  content: Uint8Array;
  /** The eContentType inside (id-data for mail). */
  contentType: string;
  encryption: EncryptionReport;
}

const KEY_MANAGEMENT_NAMES: Record<string, string> = { [OID.rsaEncryption]: 'RSAES-PKCS1-v1_5', [OID.rsaesOaep]: 'RSAES-OAEP' };

/** The key management of every RecipientInfo, for the report (the one used first). */
function listKeyManagement(used: string, slots: RecipientSlot[]): string[] {
  const names = [used];
  for (const slot of slots) {
    const name =
      slot.kind === 'key-transport'
        ? (KEY_MANAGEMENT_NAMES[slot.info.keyEncryptionAlgorithm.algorithmId] ?? slot.info.keyEncryptionAlgorithm.algorithmId)
        : slot.kind === 'key-agreement'
          ? 'ECDH'
          : slot.description;
    if (!names.some((known) => known === name || known.startsWith(`${name} `))) names.push(name);
  }
  return names;
}

function findSlot(slots: RecipientSlot[], certificate: RecipientCertificate): RecipientSlot & { kind: 'key-transport' | 'key-agreement' } {
  for (const slot of slots) {
    if (slot.kind !== 'other' && identifierMatches(slot.identifier, certificate)) return slot;
  }
  const names = slots.map(describeSlot);
  throw new SignetError(
    'not-a-recipient',
    `This message was not encrypted for ${certificate.description}. It was encrypted for: ${names.join('; ')}.`,
  );
}

async function recoverContentKey(
  slot: RecipientSlot & { kind: 'key-transport' | 'key-agreement' },
  recipient: EnvelopeRecipient,
  certificate: RecipientCertificate,
  contentKeyLength: number,
): Promise<{ contentKey: Uint8Array; keyManagement: string }> {
  if (slot.kind === 'key-transport') return decryptKeyTransport(slot.info, recipient.key, contentKeyLength);
  return decryptKeyAgreement(slot.info, slot.encryptedKey, recipient.key, certificate);
}

export async function decryptParsedEnvelope(envelope: ParsedEnvelope, recipient: EnvelopeRecipient): Promise<OpenedEnvelope> {
  const certificate = await readRecipientCertificate(recipient.certificate);
  const algorithm = readContentAlgorithm(envelope.contentEncryptionAlgorithm);
  if (envelope.kind === 'authEnveloped-data' && !isAuthenticatedCipher(algorithm)) {
    // RFC 5083 §2.1: AuthEnvelopedData needs an authenticated-encryption algorithm.
    throw new SignetError('unsupported-algorithm', `AuthEnvelopedData with ${algorithm.name} is not authenticated encryption.`);
  }
  if (envelope.kind === 'enveloped-data' && algorithm.cipher === 'chacha20-poly1305') {
    // RFC 8103 §1: ChaCha20-Poly1305 goes in AuthEnvelopedData, whose mac field carries the tag.
    throw new SignetError('malformed-cms', 'ChaCha20-Poly1305 content must be in AuthEnvelopedData (RFC 8103), not EnvelopedData.');
  }
  const slots = listRecipientSlots(envelope.recipientInfos);
  const slot = findSlot(slots, certificate);
  const { contentKey, keyManagement } = await recoverContentKey(slot, recipient, certificate, algorithm.keyLength);
  try {
    const content = await decryptContent(algorithm, contentKey, envelope.encryptedContent, {
      tag: envelope.mac,
      additionalData: envelope.authenticatedAttributes,
    });
    return {
      kind: envelope.kind,
      content,
      contentType: envelope.contentType,
      encryption: { contentEncryption: algorithm.name, keyManagement: listKeyManagement(keyManagement, slots), weak: algorithm.weak },
    };
  } finally {
    contentKey.fill(0);
  }
}

/** Parses and opens a CMS EnvelopedData / AuthEnvelopedData (DER or BER). */
export async function decryptEnvelope(der: Uint8Array, recipient: EnvelopeRecipient): Promise<OpenedEnvelope> {
  return decryptParsedEnvelope(parseEnvelope(der), recipient);
}
