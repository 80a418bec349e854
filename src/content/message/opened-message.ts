/**
 * One opened message as the features share it: the raw source is downloaded once, and whether it
 * is encrypted at the root is decided once (staging the ciphertext in the background when it is),
 * however many features ask.
 */
import { encodeBase64 } from '../../crypto/encoding/base64';
import type { Verdict } from '../../crypto/verdict';
import { isSignetError } from '../../shared/errors';
import type { ReadView, WebmailAdapter } from '../adapters/adapter';
import type { SendRequest } from '../features/feature';
import { classifyMessage } from './classify-message';

const NOT_STAGED_CODES = ['not-encrypted', 'malformed-mime', 'malformed-cms'] as const;

export type EncryptionState = { encrypted: false } | { encrypted: true; token: string };

export class OpenedMessage {
  private rawPromise?: Promise<Uint8Array>;
  private encryptionPromise?: Promise<EncryptionState>;
  private readonly verdictEvents = new EventTarget();

  constructor(
    readonly view: ReadView,
    private readonly adapter: WebmailAdapter,
    private readonly sendRequest: SendRequest,
  ) {}

  raw(): Promise<Uint8Array> {
    this.rawPromise ??= this.adapter.fetchRawMessage(this.view, this.view.signal);
    return this.rawPromise;
  }

  async rawBase64(): Promise<string> {
    return encodeBase64(await this.raw());
  }

  /**
   * Encrypted at the MIME root (RFC 8551 §3.3)? Then the ciphertext is staged in the background,
   * which returns a token the decrypt frame redeems; the page never sees more than it already had.
   */
  encryption(): Promise<EncryptionState> {
    this.encryptionPromise ??= this.decideEncryption();
    return this.encryptionPromise;
  }

  private async decideEncryption(): Promise<EncryptionState> {
    const raw = await this.raw();
    if (classifyMessage(raw) === 'not-encrypted') return { encrypted: false };
    try {
      const { token } = await this.sendRequest('stageEncryptedMessage', { rawBase64: encodeBase64(raw), messageId: this.view.messageId });
      return { encrypted: true, token };
    } catch (error) {
      // application/pkcs7-mime without smime-type that turned out to be signed-data, not enveloped;
      // or a broken one: the verifier then says what is wrong with it in the badge.
      if (NOT_STAGED_CODES.some((code) => isSignetError(error, code))) return { encrypted: false };
      throw error;
    }
  }

  /** The verdict of what was inside, once the person decrypted it in Signet's frame. */
  announceDecryptedVerdict(verdict: Verdict): void {
    this.verdictEvents.dispatchEvent(new CustomEvent<Verdict>('decrypted', { detail: verdict }));
  }

  onDecryptedVerdict(listener: (verdict: Verdict) => void): void {
    this.verdictEvents.addEventListener('decrypted', (event) => listener((event as CustomEvent<Verdict>).detail), {
      signal: this.view.signal,
    });
  }
}
