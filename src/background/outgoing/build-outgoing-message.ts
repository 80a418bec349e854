/**
 * Turns a confirmed draft into what is sent (issue 6 item 3): `composeMessage` builds it (Bcc not
 * written), `signMessage` signs it (detached, or opaque when a provider altered the detached
 * form), `encryptMessage` encrypts it to every recipient and the sender (DESIGN.md "Encrypt":
 * AES-GCM only when all advertised it, OAEP where advertised).
 *
 * Bcc (RFC 5322 §3.6.3): a plain or signed message carries a `Bcc:` field outside the signature
 * only so the provider's API knows whom to deliver to (Gmail and the demo remove it from what
 * recipients get). An encrypted message names each recipient's certificate in its RecipientInfos
 * (RFC 5652 §6.2), so encrypting one message to Bcc recipients would show them to everyone.
 * Signet's choice: the message for To and Cc is encrypted to To, Cc and the sender only; each Bcc
 * recipient gets a separate copy, encrypted to them and the sender, whose outer header names only
 * them in Bcc (the protected headers inside a signed copy still show the real To and Cc).
 */
import type { PrivateKeyHandle } from '../../crypto/keys/private-key-handle';
import { encryptMessage, type EncryptionRecipient } from '../../crypto/message/encrypt-message';
import { signMessage } from '../../crypto/message/sign-message';
import { assembleMessage, composeMessage, splitMessage, type Draft, type HeaderField } from '../../crypto/mime/index';
import type { OutgoingDraft } from '../../shared/protocol';
import type { ThreadingHeaders } from '../transports/mail-transport';
import { decodeAttachments, toMailbox } from './read-outgoing-draft';

export interface OutgoingSigner {
  key: PrivateKeyHandle;
  certificates: Uint8Array[];
}

export interface BuildInputs {
  draft: OutgoingDraft;
  sign: boolean;
  encrypt: boolean;
  form: 'detached' | 'opaque';
  signer?: OutgoingSigner;
  /** Address (lower-case) -> recipient for encryption; must hold every To, Cc, Bcc and the sender. */
  encryptionRecipients?: Map<string, EncryptionRecipient>;
  threading?: ThreadingHeaders;
  onStep?: (step: 'signing' | 'encrypting') => void;
  now?: Date;
}

export interface OutgoingMessages {
  main: Uint8Array;
  /** One per Bcc recipient when encrypting. */
  separateCopies: { address: string; raw: Uint8Array }[];
}

export async function buildOutgoingMessages(inputs: BuildInputs): Promise<OutgoingMessages> {
  const { draft } = inputs;
  const composed = composeMessage(toEngineDraft(draft, inputs.threading, inputs.now ?? new Date()));
  const signed = await signIfAsked(composed, inputs);
  const bcc = draft.bcc.map((text) => toMailbox(text).address);
  if (!inputs.encrypt) {
    return { main: bcc.length > 0 ? withOuterFields(signed, [], [{ name: 'Bcc', value: bcc.join(', ') }]) : signed, separateCopies: [] };
  }
  inputs.onStep?.('encrypting');
  const sender = toMailbox(draft.from).address;
  const visible = [...draft.to, ...draft.cc].map((text) => toMailbox(text).address);
  const main = await encryptMessage(signed, recipientsFor([...visible, sender], inputs.encryptionRecipients));
  const separateCopies: OutgoingMessages['separateCopies'] = [];
  for (const address of bcc) {
    const copy = await encryptMessage(signed, recipientsFor([address, sender], inputs.encryptionRecipients));
    separateCopies.push({ address, raw: withOuterFields(copy, ['to', 'cc'], [{ name: 'Bcc', value: address }]) });
  }
  return { main, separateCopies };
}

function toEngineDraft(draft: OutgoingDraft, threading: ThreadingHeaders | undefined, now: Date): Draft {
  const inReplyTo = threading?.messageId;
  return {
    from: toMailbox(draft.from),
    to: draft.to.map(toMailbox),
    cc: draft.cc.map(toMailbox),
    subject: draft.subject,
    date: now,
    inReplyTo,
    // RFC 5322 §3.6.4: the parent's References followed by the parent's Message-ID.
    references: inReplyTo ? [...(threading?.references ?? []), inReplyTo] : undefined,
    text: draft.text,
    html: draft.html,
    attachments: decodeAttachments(draft),
  };
}

async function signIfAsked(composed: Uint8Array, inputs: BuildInputs): Promise<Uint8Array> {
  if (!inputs.sign) return composed;
  if (!inputs.signer) throw new Error('signing needs the signer');
  inputs.onStep?.('signing');
  return signMessage(composed, inputs.signer, { form: inputs.form });
}

function recipientsFor(addresses: string[], known: Map<string, EncryptionRecipient> | undefined): EncryptionRecipient[] {
  return [...new Set(addresses.map((address) => address.toLowerCase()))].map((address) => {
    const recipient = known?.get(address);
    if (!recipient) throw new Error(`no certificate for ${address}`);
    return recipient;
  });
}

/** Replaces outer (unsigned, unencrypted) header fields; the content entity stays byte for byte. */
function withOuterFields(raw: Uint8Array, removedNames: string[], added: HeaderField[]): Uint8Array {
  const { outerHeaders, content } = splitMessage(raw);
  const kept = outerHeaders.filter((field) => !removedNames.includes(field.name.toLowerCase()));
  return assembleMessage([...kept, ...added], content);
}
